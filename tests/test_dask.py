"""The dask executor on a LocalCluster: the same outputs as local worker processes, failures
isolated, a task past its deadline abandoned. Skipped without ``sheetparse[dask]``."""

from __future__ import annotations

import os
import signal
import time

import pytest

pytest.importorskip("dask.distributed")

from conftest import SAMPLES
from sheetparse.batch.convert import convert_batch, parse_many
from sheetparse.batch.executors import DaskExecutor
from sheetparse.batch.jobs import Job, Outcome, convert
from sheetparse.limits import Limits


def convert_or_hang(job: Job) -> Outcome:
    """The real per-file function, except that files named ``hang*`` never finish."""
    if job.name.rsplit("/", 1)[-1].startswith("hang"):
        time.sleep(60)
    return convert(job)


def _tree(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def cluster():
    ex = DaskExecutor(2)
    yield ex
    ex.close()


@pytest.fixture()
def inputs(tmp_path):
    src = tmp_path / "in"
    (src / "web").mkdir(parents=True)
    seed = (SAMPLES / "kashiwa-r7.md").read_bytes()
    (src / "a.md").write_bytes(seed)
    (src / "b.md").write_bytes(seed.replace("令和7年度".encode(), "令和6年度".encode()))
    (src / "web" / "k.html").write_bytes((SAMPLES / "kashiwa-r7.html").read_bytes())
    (src / "empty.md").write_bytes(b"")
    return src


def test_dask_gives_the_same_outputs_as_processes(tmp_path, inputs, cluster):
    local = convert_batch([inputs], tmp_path / "local", jobs=2)
    remote = convert_batch([inputs], tmp_path / "dask", executor=cluster)
    assert cluster.workers == 2
    assert remote.parsed == local.parsed == 3
    assert [f.failure.code for f in remote.failures] == ["empty-input"]
    assert remote.exit_code == 1
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")


def test_a_task_past_its_deadline_is_abandoned(tmp_path, inputs, cluster):
    (inputs / "hang.md").write_bytes(b"x")
    start = time.monotonic()
    report = convert_batch(
        [inputs],
        tmp_path / "out",
        executor=cluster,
        limits=Limits(timeout=1.0),
        convert_fn=convert_or_hang,
    )
    assert time.monotonic() - start < 45
    assert {f.name: f.failure.code for f in report.failures} == {
        "empty.md": "empty-input",
        "hang.md": "parse-timeout",
    }
    assert report.parsed == 3


def test_parse_many_on_dask(inputs, cluster):
    results = {r.path: r for r in parse_many(sorted(inputs.rglob("*.*")), executor=cluster)}
    assert sum(r.ok for r in results.values()) == 3
    assert results[str(inputs / "a.md")].sheet.report_fiscal_year == 2025


def die(job: Job) -> Outcome:
    """Kill the dask worker running it, for files named ``die*``."""
    if job.name.rsplit("/", 1)[-1].startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    return convert(job)


def test_a_file_that_kills_its_worker_is_reported_once(tmp_path, inputs, cluster):
    (inputs / "die.md").write_bytes(b"x")
    report = convert_batch([inputs], tmp_path / "out", executor=cluster, convert_fn=die)
    assert {f.name: f.failure.code for f in report.failures} == {
        "die.md": "worker-crashed",
        "empty.md": "empty-input",
    }
    assert report.parsed == 3
