"""Where the per-file function runs: worker processes, this process, or a dask cluster.

Each executor's :meth:`run` takes ``(key, task)`` pairs, calls a picklable ``fn(task)`` on
them and yields ``(key, result)`` as tasks complete, pulling tasks only as workers free up (so
an archive's files are read one at a time, not all at once). A task that gives no result —
it ran past its deadline, or its process died — yields a :class:`Lost` instead, and the batch
goes on.

The process executor enforces the deadline from outside: a worker still busy at the deadline
is killed and replaced, so a file that hangs in native code or ignores signals costs one
worker restart, never the batch. ``concurrent.futures.ProcessPoolExecutor`` cannot cancel a
running task, which is why this module keeps its own small pool.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from types import TracebackType
from typing import Any, Literal

from ..readprogress import on_pages

Task = tuple[Any, Any]
Done = tuple[Any, Any]

#: consecutive worker deaths before start-up counted as a broken set-up, per worker slot
_MAX_STARTUP_DEATHS = 3


@dataclass(frozen=True, slots=True)
class Lost:
    """A task that gave no result: past its deadline, its worker died, or ``fn`` raised."""

    reason: Literal["timeout", "crashed", "error"]
    detail: str


def default_jobs() -> int:
    """The number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "the worker process stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return f"the worker process was killed by {name}{hint}"
    return f"the worker process exited with status {code}"


class Executor:
    """Runs ``fn`` over tasks; see the module docstring."""

    #: tasks that may run at the same time
    workers: int = 1
    #: ``on_pages(key, done, total)``: a task is reading a long document (page by page,
    #: :mod:`sheetparse.readprogress`); None: not asked (dask does not report it)
    on_pages: Callable[[Any, int, int], None] | None = None

    def run(
        self, fn: Callable[[Any], Any], tasks: Iterable[Task], *, timeout: float | None = None
    ) -> Iterator[Done]:
        raise NotImplementedError

    def close(self) -> None:
        """Release workers, clusters and connections."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class InlineExecutor(Executor):
    """Runs every task here, one after another (no isolation: for debugging and tiny batches).

    ``timeout`` is not enforced from outside; :func:`sheetparse.parse` enforces its own limit
    with SIGALRM in the main thread.
    """

    workers = 1

    def run(
        self, fn: Callable[[Any], Any], tasks: Iterable[Task], *, timeout: float | None = None
    ) -> Iterator[Done]:
        for key, task in tasks:
            hook = self.on_pages
            try:
                with on_pages(partial(hook, key) if hook is not None else None):
                    result = fn(task)
            except Exception as e:
                result = Lost("error", f"{type(e).__name__}: {e}")
            yield key, result


# --- worker processes -------------------------------------------------------------------------


def _worker_main(
    conn: Connection, fn: Callable[[Any], Any], initializer: Callable[[], None] | None
) -> None:
    """A worker's loop: announce readiness, then answer one task at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
    if initializer is not None:
        initializer()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return

        def pages(done: int, total: int) -> None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(("pages", (done, total)))

        try:
            with on_pages(pages):
                reply: tuple[str, Any] = ("done", fn(task))
        except BaseException as e:
            reply = ("error", f"{type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except Exception as e:  # the result could not be pickled
            conn.send(("error", f"result not sent ({type(e).__name__}: {e})"))


class _Worker:
    """One worker process and the task it is busy with."""

    def __init__(
        self, ctx: Any, fn: Callable[[Any], Any], initializer: Callable[[], None] | None
    ) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, fn, initializer),
            daemon=True,
            name="sheetparse-worker",
        )
        self.process.start()
        child.close()
        self.conn: Connection = parent
        self.ready = False
        self.busy = False
        self.key: Any = None
        self.deadline: float | None = None

    def send(self, key: Any, task: Any, timeout: float | None) -> None:
        self.busy, self.key = True, key
        self.deadline = time.monotonic() + timeout if timeout else None
        # a worker that died since it was last seen is reported as crashed with this task
        with contextlib.suppress(OSError):
            self.conn.send(task)

    def finish(self) -> Any:
        key = self.key
        self.busy, self.key, self.deadline = False, None, None
        return key

    def stop(self, *, kill: bool) -> None:
        if not kill and self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class ProcessExecutor(Executor):
    """``jobs`` long-lived worker processes; a task past its deadline has its worker replaced.

    ``start_method`` is multiprocessing's (default ``spawn``: safe in threaded programs and the
    same on every OS). ``initializer`` runs once in each worker before its first task.
    """

    def __init__(
        self,
        jobs: int | None = None,
        *,
        initializer: Callable[[], None] | None = None,
        start_method: str | None = None,
    ) -> None:
        self.workers = max(1, jobs or default_jobs())
        self._ctx = multiprocessing.get_context(start_method or "spawn")
        self._initializer = initializer
        #: worker processes started so far (replacements included)
        self.started = 0

    def _start(self, fn: Callable[[Any], Any]) -> _Worker:
        self.started += 1
        return _Worker(self._ctx, fn, self._initializer)

    def run(
        self, fn: Callable[[Any], Any], tasks: Iterable[Task], *, timeout: float | None = None
    ) -> Iterator[Done]:
        it = iter(tasks)
        try:
            first = next(it)
        except StopIteration:
            return  # nothing to do: start no process
        it = itertools.chain([first], it)
        exhausted = False
        pool = [self._start(fn) for _ in range(self.workers)]
        deaths = 0
        try:
            while True:
                for w in pool:
                    if exhausted:
                        break
                    if w.ready and not w.busy:
                        try:
                            key, task = next(it)
                        except StopIteration:
                            exhausted = True
                            break
                        w.send(key, task, timeout)
                if exhausted and not any(w.busy for w in pool):
                    return
                events: list[Done] = []
                self._wait(pool, events, self.on_pages)
                for i, w in enumerate(pool):
                    if w.process.is_alive() and not self._expired(w):
                        continue
                    if w.busy:
                        if self._expired(w):
                            events.append(
                                (
                                    w.finish(),
                                    Lost("timeout", f"still running after {timeout:g} s; stopped"),
                                )
                            )
                        else:
                            w.process.join(timeout=1)
                            events.append(
                                (w.finish(), Lost("crashed", _describe_exit(w.process.exitcode)))
                            )
                        deaths = 0
                    elif not w.ready:
                        deaths += 1
                        if deaths > _MAX_STARTUP_DEATHS * self.workers:
                            raise RuntimeError(
                                "worker processes die at start-up: "
                                + _describe_exit(w.process.exitcode)
                            )
                    w.stop(kill=True)
                    pool[i] = self._start(fn)
                yield from events
        finally:
            for w in pool:
                w.stop(kill=w.busy)

    @staticmethod
    def _expired(w: _Worker) -> bool:
        return w.busy and w.deadline is not None and time.monotonic() >= w.deadline

    @staticmethod
    def _wait(
        pool: list[_Worker],
        events: list[Done],
        on_pages: Callable[[Any, int, int], None] | None = None,
    ) -> None:
        """Block until a worker answers, dies, or the nearest deadline passes; pass on the
        pages a worker reports reading."""
        deadlines = [w.deadline for w in pool if w.busy and w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles: dict[Any, _Worker] = {}
        for w in pool:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        for w in {id(handles[h]): handles[h] for h in wait(list(handles), wait_for)}.values():
            while True:
                try:
                    if not w.conn.poll():
                        break
                    kind, payload = w.conn.recv()
                except (EOFError, OSError):
                    break  # dead: handled by the caller
                if kind == "ready":
                    w.ready = True
                elif kind == "pages":
                    if on_pages is not None and w.busy:
                        on_pages(w.key, *payload)
                elif w.busy:
                    events.append(
                        (w.finish(), payload if kind == "done" else Lost("error", str(payload)))
                    )


# --- dask -------------------------------------------------------------------------------------


class DaskExecutor(Executor):
    """Tasks on a dask.distributed cluster: the scheduler at ``address``, or a LocalCluster of
    ``jobs`` single-threaded worker processes when none is given (``pip install
    sheetparse[dask]``).

    A task past its deadline is reported lost and cancelled; dask cannot stop a running task,
    so on a cluster this executor started, the worker running it is restarted.
    """

    def __init__(self, jobs: int | None = None, *, address: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:
            raise RuntimeError(
                "the dask executor needs dask.distributed: pip install 'sheetparse[dask]'"
            ) from e
        import logging

        import dask

        self._cluster = None
        if address:
            self.client = Client(address)
        else:
            # a file that crashes its worker is reported, not retried on the next worker
            with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                self._cluster = LocalCluster(
                    n_workers=max(1, jobs or default_jobs()),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self.client = Client(self._cluster)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def run(
        self, fn: Callable[[Any], Any], tasks: Iterable[Task], *, timeout: float | None = None
    ) -> Iterator[Done]:
        from dask.distributed import wait as dask_wait

        it = iter(tasks)
        exhausted = False
        running: dict[Any, tuple[Any, float | None]] = {}
        try:
            while True:
                while not exhausted and len(running) < self.workers:
                    try:
                        key, task = next(it)
                    except StopIteration:
                        exhausted = True
                        break
                    future = self.client.submit(fn, task, pure=False)
                    running[future] = (key, time.monotonic() + timeout if timeout else None)
                if not running:
                    return
                deadlines = [d for _, d in running.values() if d is not None]
                wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                try:
                    done, _ = dask_wait(
                        list(running), timeout=wait_for, return_when="FIRST_COMPLETED"
                    )
                except TimeoutError:
                    done = set()
                for future in done:
                    key, _ = running.pop(future)
                    yield key, self._result(future)
                now = time.monotonic()
                for future, (key, deadline) in list(running.items()):
                    if deadline is not None and now >= deadline:
                        del running[future]
                        self._abandon(future)
                        yield key, Lost("timeout", f"still running after {timeout:g} s; stopped")
        finally:
            for future in running:
                future.cancel()

    @staticmethod
    def _result(future: Any) -> Any:
        if future.status == "finished":
            return future.result()
        exc = future.exception() if future.status == "error" else None
        if exc is not None and type(exc).__name__ == "KilledWorker":
            return Lost("crashed", "the dask worker running it died")
        return Lost("error", f"{type(exc).__name__}: {exc}" if exc else future.status)

    def _abandon(self, future: Any) -> None:
        """Cancel a task past its deadline; restart its worker when the cluster is ours.

        The restart waits until the scheduler has forgotten the task: a worker restarted while
        its task is still known has the task rescheduled onto another worker, hang and all.
        """
        key = future.key
        busy_on = [w for w, keys in self.client.processing().items() if key in keys]
        future.cancel()
        if self._cluster is None or not busy_on:
            return
        with contextlib.suppress(Exception):
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.client.run_on_scheduler(
                _scheduler_knows, key=key
            ):
                time.sleep(0.05)
            self.client.restart_workers(busy_on, timeout=30, raise_for_error=False)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()


def _scheduler_knows(dask_scheduler: Any, key: str) -> bool:
    return key in dask_scheduler.tasks


def make_executor(
    kind: str = "process",
    jobs: int | None = None,
    *,
    address: str | None = None,
    initializer: Callable[[], None] | None = None,
) -> Executor:
    """``process`` (``jobs`` workers; 0 runs in this process) or ``dask``."""
    if kind == "dask":
        return DaskExecutor(jobs, address=address)
    if kind != "process":
        raise ValueError(f"unknown executor {kind!r}; use process or dask")
    if jobs == 0:
        return InlineExecutor()
    return ProcessExecutor(jobs, initializer=initializer)
