"""The worker pool: a task that hangs in a way SIGALRM cannot stop, or kills its worker, is
reported and its worker replaced; the other tasks complete.

The functions below run in worker processes (imported there by name), so they live at module
level.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from sheetparse.batch.convert import convert_batch
from sheetparse.batch.executors import InlineExecutor, Lost, ProcessExecutor, make_executor
from sheetparse.batch.jobs import Job, Outcome, convert
from sheetparse.limits import Limits


def behave(task):
    """A task by name: hang (ignoring SIGALRM), die, raise, or sleep and double."""
    if task == "hang":
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(60)
    if task == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "raise":
        raise ValueError("boom")
    time.sleep(task)
    return task * 2


def convert_unless_told(job: Job) -> Outcome:
    """The real per-file function, except for files named to hang (deaf to SIGALRM, like a
    loop in native code) or to kill their worker process."""
    stem = job.name.rsplit("/", 1)[-1]
    if stem.startswith("hang"):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(60)
    if stem.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    return convert(job)


def test_a_hang_and_a_crash_cost_one_task_each():
    ex = ProcessExecutor(2)
    tasks = list(enumerate([0.05, "hang", 0.05, "die", "raise", 0.05, 0.05]))
    start = time.monotonic()
    results = dict(ex.run(behave, tasks, timeout=1.5))
    elapsed = time.monotonic() - start
    assert results[0] == results[2] == 0.1
    assert results[5] == results[6] == 0.1
    assert results[1] == Lost("timeout", "still running after 1.5 s; stopped")
    assert results[3].reason == "crashed" and "SIGKILL" in results[3].detail
    assert results[4] == Lost("error", "ValueError: boom")
    assert elapsed < 15
    assert ex.started >= 4  # two replaced


def test_results_come_as_tasks_complete():
    ex = ProcessExecutor(2)
    order = [k for k, _ in ex.run(behave, [("slow", 1.0), ("fast", 0.0), ("fast2", 0.0)])]
    assert order.index("fast") < order.index("slow")


def test_no_task_starts_no_process():
    ex = ProcessExecutor(2)
    assert list(ex.run(behave, [])) == []
    assert ex.started == 0


def test_inline_executor_runs_here():
    results = dict(InlineExecutor().run(behave, [(1, 0.0), (2, "raise")]))
    assert results[1] == 0.0
    assert results[2] == Lost("error", "ValueError: boom")
    assert isinstance(make_executor("process", 0), InlineExecutor)
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor("threads", 2)


def test_a_batch_survives_a_hanging_and_a_crashing_file(tmp_path, seed_path):
    src = tmp_path / "in"
    src.mkdir()
    text = seed_path.read_bytes()
    for name in ("a.md", "hang.md", "b.md", "die.md", "c.md"):
        (src / name).write_bytes(text.replace(b"R7", b"R7 ") if name == "b.md" else text)
    start = time.monotonic()
    report = convert_batch(
        [src], tmp_path / "out", jobs=2, limits=Limits(timeout=1.0), convert_fn=convert_unless_told
    )
    assert time.monotonic() - start < 30
    assert {f.name: f.failure.code for f in report.failures} == {
        "die.md": "worker-crashed",
        "hang.md": "parse-timeout",
    }
    assert {f.name: f.failure.message for f in report.failures}["hang.md"] == (
        "parsing took longer than 1 s (the time limit)"
    )
    assert report.parsed == 3 and report.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out" / "sheets").iterdir()) == [
        "a.md.json",
        "b.md.json",
        "c.md.json",
    ]
