"""``sheetparse convert`` end to end: good and bad files, failures isolated and reported, exit
status, resume, a killed-and-resumed batch byte-identical to an uninterrupted one, naming, the
SQLite option and the library's parse_many."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sheetparse
from conftest import ROOT, SAMPLES, score
from sheetparse import cli
from sheetparse.batch.convert import convert_batch, parse_many
from sheetparse.batch.inputs import InputError, collect
from sheetparse.batch.progress import BarProgress, FileEvent, JsonProgress, fit

SEED = SAMPLES / "kashiwa-r7.md"
FIRST_TITLE = "地域での支えあい、助けあいに向けた気づき・学びの場と活動の促進"


def variant(i: int) -> bytes:
    """The seed with measure 1-1 renamed: another sheet, with another sha256."""
    text = SEED.read_text(encoding="utf-8")
    return text.replace(FIRST_TITLE, f"{FIRST_TITLE}（第{i}版）", 1).encode("utf-8")


def tiny_pdf() -> bytes:
    """A small, valid one-page PDF with a line of text."""
    content = b"BT /F1 12 Tf 72 720 Td (Progress sheet) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_batch(folder: Path) -> tuple[list[str], dict[str, str]]:
    """Good files in three formats and folders, and one of each kind of bad file.

    Returns the good names and {bad name: expected failure code}.
    """
    (folder / "2024").mkdir(parents=True)
    (folder / "2025" / "web").mkdir(parents=True)
    (folder / "2024" / "kashiwa.md").write_bytes(SEED.read_bytes())
    (folder / "2025" / "kashiwa.md").write_bytes(variant(1))
    (folder / "2025" / "web" / "kashiwa.html").write_bytes(
        (SAMPLES / "kashiwa-r7.html").read_bytes()
    )
    (folder / "2025" / "kashiwa.xlsx").write_bytes((SAMPLES / "kashiwa-r7.xlsx").read_bytes())
    pdf = tiny_pdf()
    (folder / "2025" / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "2025" / "empty.md").write_bytes(b"")
    (folder / "2025" / "web" / "index.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>お知らせ</title></head>"
        "<body><h1>市からのお知らせ</h1><p>窓口の受付時間が変わります。</p></body></html>",
        encoding="utf-8",
    )
    # a genuinely slow sheet: the seed two hundred times over (~15 MB of Markdown)
    (folder / "2025" / "slow.md").write_bytes(SEED.read_bytes() * 200)
    good = ["2024/kashiwa.md", "2025/kashiwa.md", "2025/kashiwa.xlsx", "2025/web/kashiwa.html"]
    bad = {
        "2025/truncated.pdf": "corrupt-document",
        "2025/empty.md": "empty-input",
        "2025/web/index.html": "not-a-progress-sheet",
        "2025/slow.md": "parse-timeout",
    }
    return good, bad


def _events(stderr: str) -> list[dict]:
    return [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    """One run of ``sheetparse convert`` over the mixed batch, through the CLI."""
    folder = tmp_path_factory.mktemp("batch")
    good, bad = make_batch(folder / "in")
    out = folder / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sheetparse",
            "convert",
            str(folder / "in"),
            "-o",
            str(out),
            "--jobs",
            "2",
            "--timeout",
            "2",
            "--db",
            str(folder / "archive.sqlite"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=folder,
    )
    return folder, out, good, bad, proc


def test_bad_files_are_reported_and_the_batch_exits_1(batch_run):
    _, out, _, bad, proc = batch_run
    assert proc.returncode == 1, proc.stderr
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert {f["path"]: f["code"] for f in failures} == bad
    assert [f["path"] for f in failures] == sorted(bad)
    for f in failures:
        assert set(f) == {"path", "error", "code", "message", "sha256"}
        assert "\n" not in f["message"] and f["message"]
    assert {f["path"]: f["error"] for f in failures}["2025/slow.md"] == "ParseTimeout"
    summary = _events(proc.stderr)[-1]
    assert summary["event"] == "summary"
    assert (summary["inputs"], summary["converted"], summary["failed"]) == (8, 4, 4)
    assert sorted(f["path"] for f in summary["failures"]) == sorted(bad)


def test_every_good_file_converts_to_what_parse_gives(batch_run, seed_gold):
    folder, out, good, _, _ = batch_run
    for name in good:
        got = json.loads((out / "sheets" / f"{name}.json").read_text(encoding="utf-8"))
        assert got["source"]["path"] == name
        alone = json.loads(sheetparse.parse(folder / "in" / name).model_dump_json())
        assert got["source"]["sha256"] == alone["source"]["sha256"]
        assert {k: v for k, v in got.items() if k != "source"} == {
            k: v for k, v in alone.items() if k != "source"
        }
    seed = json.loads((out / "sheets" / "2024/kashiwa.md.json").read_text(encoding="utf-8"))
    assert score(seed, seed_gold) == (1.0, 1.0, [])
    # the same sheet from HTML and from Excel gives the gold's measures too
    for name in ("2025/web/kashiwa.html", "2025/kashiwa.xlsx"):
        other = json.loads((out / "sheets" / f"{name}.json").read_text(encoding="utf-8"))
        assert [m["id"] for m in other["measures"]] == [m["id"] for m in seed_gold["measures"]]


def test_one_progress_line_per_file_when_not_a_terminal(batch_run):
    _, _, good, bad, proc = batch_run
    events = _events(proc.stderr)
    assert events[0] == {"event": "start", "inputs": 8, "to_convert": 8, "up_to_date": 0}
    files = [e for e in events if e["event"] == "file"]
    assert sorted(e["path"] for e in files) == sorted(good + list(bad))
    assert sorted(e["done"] for e in files) == list(range(1, 9))
    for e in files:
        assert e["status"] == ("failed" if e["path"] in bad else "converted")


def test_batch_tables_cover_the_good_files(batch_run):
    folder, out, good, _, _ = batch_run
    sheets = [json.loads(line) for line in (out / "sheets.jsonl").read_text().splitlines()]
    assert sorted(s["path"] for s in sheets) == sorted(good)
    assert [s["path"] for s in sheets] == sorted(s["path"] for s in sheets)
    rows = [json.loads(line) for line in (out / "indicators.jsonl").read_text().splitlines()]
    assert {r["path"] for r in rows} == set(good)
    seed_rows = [r for r in rows if r["path"] == "2024/kashiwa.md"]
    assert len(seed_rows) == 112
    dp = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in dp["resources"]} == {
        f"{t}.{x}"
        for t in (
            "sheets",
            "measures",
            "indicators",
            "narratives",
            "narrative_items",
            "hierarchy",
            "costs",
            "evaluations",
        )
        for x in ("csv", "jsonl")
    }
    with sqlite3.connect(folder / "archive.sqlite") as c:
        assert sorted(r[0] for r in c.execute("SELECT path FROM sheets")) == sorted(good)
        assert c.execute(
            "SELECT count(*) FROM observations WHERE sha256 = ?", (seed_rows[0]["sha256"],)
        ).fetchone() == (112,)


def test_no_temporary_or_stray_files(batch_run):
    _, out, good, _, _ = batch_run
    names = set(_tree(out))
    assert not [n for n in names if n.endswith(".tmp")]
    assert {n for n in names if n.startswith("sheets/")} == {f"sheets/{g}.json" for g in good}


# --- resume ---------------------------------------------------------------------------------


def _convert(*args: str) -> tuple[int, list[dict]]:
    proc = subprocess.run(
        [sys.executable, "-m", "sheetparse", "convert", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode, _events(proc.stderr)


def test_rerun_skips_finished_work_and_force_redoes_it(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        (src / f"s{i}.md").write_bytes(variant(i))
    out = tmp_path / "out"
    rc, ev = _convert(str(src), "-o", str(out), "--jobs", "2")
    assert rc == 0 and ev[-1]["parsed"] == 4
    first = _tree(out)
    rc, ev = _convert(str(src), "-o", str(out), "--jobs", "2")
    assert rc == 0 and (ev[-1]["parsed"], ev[-1]["up_to_date"]) == (0, 4)
    assert _tree(out) == first
    (src / "s2.md").write_bytes(variant(22))  # changed: converted again
    rc, ev = _convert(str(src), "-o", str(out), "--jobs", "2")
    assert (ev[-1]["parsed"], ev[-1]["up_to_date"]) == (1, 3)
    assert "（第22版）" in (out / "sheets" / "s2.md.json").read_text(encoding="utf-8")
    (src / "s3.md").write_bytes(b"")  # now broken: its old output goes, the failure is listed
    rc, ev = _convert(str(src), "-o", str(out), "--jobs", "2", "--force")
    assert rc == 1 and ev[-1]["parsed"] == 3
    assert not (out / "sheets" / "s3.md.json").exists()
    assert "s3.md" in (out / "failures.jsonl").read_text()


def test_killed_and_resumed_batch_is_byte_identical(tmp_path):
    src = tmp_path / "in"
    for i in range(24):
        folder = src / f"{2020 + i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"sheet{i:02d}.md").write_bytes(variant(i) * 2)  # ~0.07 s each
    (src / "broken.md").write_bytes(b"")
    straight, resumed = tmp_path / "straight", tmp_path / "resumed"
    rc, _ = _convert(str(src), "-o", str(straight), "--jobs", "2")
    assert rc == 1

    cmd = [
        sys.executable,
        "-m",
        "sheetparse",
        "convert",
        str(src),
        "-o",
        str(resumed),
        "--jobs",
        "2",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = list((resumed / "sheets").rglob("*.json")) if resumed.exists() else []
        if len(done) >= 4:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the batch finished before it could be killed"
    proc.kill()  # SIGKILL: no clean-up at all
    proc.wait()
    assert not (resumed / "datapackage.json").exists()
    partial = len(list((resumed / "sheets").rglob("*.json")))
    assert 4 <= partial < 24

    rc, ev = _convert(str(src), "-o", str(resumed), "--jobs", "2")
    assert rc == 1
    assert ev[-1]["up_to_date"] >= 4 and ev[-1]["parsed"] == 24 - ev[-1]["up_to_date"]
    assert _tree(resumed) == _tree(straight)


def test_sigterm_stops_cleanly(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(30):
        (src / f"s{i:02d}.md").write_bytes(variant(i) * 3)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sheetparse", "convert", str(src), "-o", str(out), "--jobs", "2"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
        (out / "sheets").exists() and len(list((out / "sheets").iterdir())) >= 2
    ):
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    files = _tree(out)
    assert not [n for n in files if n.endswith(".tmp")]
    for name, data in files.items():
        if name.endswith(".json"):
            json.loads(data)  # every file written is whole


# --- naming and usage -----------------------------------------------------------------------


def test_names_are_relative_to_the_root_and_collisions_get_numbers(tmp_path):
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "a" / "y").mkdir()
    for p in (
        "a/x/s.md",
        "a/y/s.md",
        "a/y/S.md",
        "a/y/notes.csv",
        "a/y/.hidden.md",
        "a/y/~$lock.xlsx",
    ):
        (tmp_path / p).write_bytes(b"x")
    found, root = collect([tmp_path / "a"])
    assert root == tmp_path / "a"
    assert [(i.name, i.output) for i in found] == [
        ("x/s.md", "x/s.md.json"),
        ("y/S.md", "y/S.md.json"),
        ("y/s.md", "y/s.md~2.json"),
    ]
    # two folders: named from their common parent; a file named twice is read once
    found, root = collect(
        [tmp_path / "a" / "x", tmp_path / "a" / "y" / "s.md", tmp_path / "a" / "x" / "s.md"]
    )
    assert root == tmp_path / "a"
    assert [i.name for i in found] == ["x/s.md", "y/s.md"]
    # a glob pattern the shell did not expand; an explicit file of any name
    found, _ = collect([str(tmp_path / "a" / "*" / "s.md"), tmp_path / "a" / "y" / "notes.csv"])
    assert [i.name for i in found] == ["x/s.md", "y/notes.csv", "y/s.md"]
    found, root = collect([tmp_path / "a" / "x" / "s.md"], root=tmp_path)
    assert [i.name for i in found] == ["a/x/s.md"]
    # the output folder inside an input folder is not read back
    (tmp_path / "a" / "out").mkdir()
    (tmp_path / "a" / "out" / "old.md").write_bytes(b"x")
    found, _ = collect([tmp_path / "a"], exclude=[tmp_path / "a" / "out"])
    assert "out/old.md" not in [i.name for i in found]
    found, _ = collect([str(tmp_path / "a" / "*" / "*.md")], exclude=[tmp_path / "a" / "out"])
    assert [i.name for i in found] == ["x/s.md", "y/S.md", "y/s.md"]
    with pytest.raises(InputError, match="no such file"):
        collect([tmp_path / "missing"])
    with pytest.raises(InputError, match="no file matches"):
        collect([str(tmp_path / "*.pdf")])
    with pytest.raises(InputError, match="outside the root"):
        collect([tmp_path / "a" / "x" / "s.md"], root=tmp_path / "a" / "y")


def test_output_names_do_not_depend_on_the_current_folder(tmp_path, monkeypatch):
    src = tmp_path / "archive" / "2024"
    src.mkdir(parents=True)
    (src / "k.md").write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    a = convert_batch(["archive"], tmp_path / "o1", jobs=0)
    monkeypatch.chdir(src)
    b = convert_batch([str(tmp_path / "archive")], tmp_path / "o2", jobs=0)
    assert a.exit_code == b.exit_code == 0
    assert _tree(tmp_path / "o1") == _tree(tmp_path / "o2")
    assert "sheets/2024/k.md.json" in _tree(tmp_path / "o1")


@pytest.mark.parametrize(
    "args, message",
    [
        (["convert", "{tmp}/missing", "-o", "{tmp}/out"], "no such file or folder"),
        (["convert", "{tmp}/empty", "-o", "{tmp}/out"], "no input files found"),
        (["convert", "{tmp}/empty", "-o", "{tmp}/file.txt"], "not a folder"),
        (
            ["convert", "{tmp}/empty", "-o", "{tmp}/out", "--scheduler", "tcp://x:1"],
            "--scheduler needs --executor dask",
        ),
        (["convert", "{tmp}/empty", "-o", "{tmp}/out", "--jobs", "-1"], "must be 0 or more"),
        (["convert", "{tmp}/empty"], "required"),
        (["convert", "{tmp}/file.txt", "-o", "{tmp}/out", "--db", "{tmp}/empty"], "cannot open"),
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, args, message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "file.txt").write_text("x")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    try:
        rc = cli.main(argv)
    except SystemExit as e:
        rc = e.code
    assert rc == 2
    assert message in capsys.readouterr().err


def test_a_second_run_on_the_same_output_folder_is_refused(tmp_path, capsys):
    import fcntl

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".sheetparse.lock").open("a") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        rc = cli.main(["convert", str(src), "-o", str(out), "-q"])
    assert rc == 2
    assert "another sheetparse convert" in capsys.readouterr().err
    assert cli.main(["convert", str(src), "-o", str(out), "-q", "--jobs", "0"]) == 0


def test_excel_csv_and_appending_to_a_database(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_bytes(variant(1))
    db = tmp_path / "db.sqlite"
    assert (
        cli.main(
            [
                "convert",
                str(src),
                "-o",
                str(tmp_path / "o1"),
                "--excel",
                "--db",
                str(db),
                "-q",
                "--jobs",
                "0",
            ]
        )
        == 0
    )
    assert (tmp_path / "o1" / "indicators.csv").read_bytes().startswith(b"\xef\xbb\xbfsha256,")
    (src / "b.md").write_bytes(variant(2))
    assert (
        cli.main(
            ["convert", str(src), "-o", str(tmp_path / "o2"), "--db", str(db), "-q", "--jobs", "0"]
        )
        == 0
    )
    with sqlite3.connect(db) as c:
        assert sorted(r[0] for r in c.execute("SELECT path FROM sheets")) == ["a.md", "b.md"]
        assert c.execute("SELECT count(*) FROM measures").fetchone() == (28,)


# --- the library ----------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [0, 2])
def test_parse_many_yields_results_and_failures(tmp_path, jobs):
    good = tmp_path / "good.md"
    good.write_bytes(SEED.read_bytes())
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.md"
    results = {r.path: r for r in parse_many([good, empty, missing], jobs=jobs)}
    assert set(results) == {str(good), str(empty), str(missing)}
    ok = results[str(good)]
    assert ok.ok and ok.error is None
    assert ok.sheet == sheetparse.parse(good)
    assert isinstance(results[str(empty)].error, sheetparse.EmptyInput)
    assert isinstance(results[str(missing)].error, sheetparse.UnreadableInput)
    assert str(results[str(missing)].error) == f"{missing}: no such file"
    assert sheetparse.parse_many is parse_many


# --- progress -------------------------------------------------------------------------------


def test_the_bar_shows_count_rate_and_eta():
    import io

    stream = io.StringIO()
    bar = BarProgress(stream)
    bar.start(10, 8)
    for i in range(4):
        bar.file(FileEvent(f"2025/施策{i}.pdf", "converted", 0.1))
    line = bar.line(100)
    assert line.startswith("4/8 [")
    assert "50%" in line and "files/s" in line and "ETA" in line
    assert line.endswith("2025/施策3.pdf")
    assert "2 of 10 inputs are up to date" in stream.getvalue()
    assert fit("施策" * 50, 11) == "施策施策施"  # double-width characters count twice


def test_json_progress_lines_are_stable():
    import io

    stream = io.StringIO()
    p = JsonProgress(stream)
    p.start(2, 1)
    p.file(FileEvent("a.md", "reused"))
    p.file(FileEvent("b.md", "converted", 0.25))
    lines = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert lines == [
        {"event": "start", "inputs": 2, "to_convert": 1, "up_to_date": 1},
        {"event": "file", "path": "a.md", "status": "reused"},
        {
            "event": "file",
            "path": "b.md",
            "status": "converted",
            "done": 1,
            "to_convert": 1,
            "seconds": 0.25,
        },
    ]


def test_help_documents_exit_status():
    out = subprocess.run(
        [sys.executable, "-m", "sheetparse", "convert", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ},
    )
    assert out.returncode == 0
    assert "0 all converted, 1 some inputs failed" in " ".join(out.stdout.split())


def test_the_benchmark_archive_is_varied_and_readable(tmp_path):
    import hashlib
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_archive", ROOT / "scripts" / "make_archive.py"
    )
    make_archive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_archive)
    samples = tmp_path / "samples"
    samples.mkdir()
    for name in ("kashiwa-r7.md", "kashiwa-r7.sjis.html", "minatono-h30.xlsx"):
        (samples / name).write_bytes((SAMPLES / name).read_bytes())
    made = make_archive.make_archive(tmp_path / "archive", count=9, samples=samples)
    assert dict(made) == {"markdown": 3, "html": 3, "xlsx": 3}
    files = sorted((tmp_path / "archive").rglob("*.*"))
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in files}) == 9
    report = convert_batch([tmp_path / "archive"], tmp_path / "out", jobs=2)
    assert report.failures == [] and report.parsed == 9
    for p in files:
        sheet = json.loads(
            (
                tmp_path
                / "out"
                / "sheets"
                / (p.relative_to(tmp_path / "archive").as_posix() + ".json")
            ).read_text("utf-8")
        )
        original = sheetparse.parse(samples / re.sub(r"-\d{4}\.", ".", p.name, count=1))
        assert [m["id"] for m in sheet["measures"]] == [m.id for m in original.measures]


def test_the_closing_summary_names_every_failure(tmp_path):
    import io

    from sheetparse.batch.convert import BatchReport, FailedInput
    from sheetparse.batch.jobs import Failure

    report = BatchReport(
        outdir=tmp_path,
        inputs=30,
        parsed=5,
        reused=2,
        seconds=3.0,
        convert_seconds=2.0,
        tables=[tmp_path / "sheets.csv"],
        sheets_in_tables=7,
    )
    report.failures = [
        FailedInput(
            f"bad{i:02d}.pdf",
            Failure("CorruptDocument", "corrupt-document", "the PDF is truncated"),
        )
        for i in range(23)
    ]
    stream = io.StringIO()
    BarProgress(stream).finish(report)
    text = stream.getvalue()
    assert (
        "converted 7 of 30 inputs in 3.0 s (5 parsed, 14.0 files/s, 2 up to date); 23 failed:"
        in text
    )
    assert "  bad00.pdf: CorruptDocument: the PDF is truncated" in text
    assert "  … and 3 more" in text
    assert f"failures listed in {tmp_path / 'failures.jsonl'}" in text
    assert report.exit_code == 1
    assert report.summary()["failed"] == 23
