"""Bad input gives a typed exception (library) and a one-line message with exit 1 (CLI),
never a traceback or a half-written output file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import sheetparse
from sheetparse import cli
from sheetparse.errors import (
    DecodingError,
    EmptyInput,
    NotAProgressSheet,
    SheetParseError,
    UnsupportedFormat,
)

JUNK = bytes(range(256)) * 16


@pytest.mark.parametrize(
    "data, error",
    [
        (b"", EmptyInput),
        (b"  \n\n\t ", EmptyInput),
        ("# 議事録\n\n本日の議題は次のとおり。\n".encode(), NotAProgressSheet),
        (b"| a | b |\n|---|---|\n| 1 | 2 |\n", NotAProgressSheet),
        (JUNK, UnsupportedFormat),
        (b"\x89PNG\r\n\x1a\n" + JUNK, UnsupportedFormat),
        (b"PK\x03\x04" + JUNK, SheetParseError),
    ],
)
def test_library_raises_typed_errors(data, error):
    with pytest.raises(error) as info:
        sheetparse.parse(data)
    assert isinstance(info.value, SheetParseError)
    assert str(info.value)


def test_undecodable_text_is_a_decoding_error():
    with pytest.raises(DecodingError):
        sheetparse.parse(b"\x81\x39\xfe\xfe\xa1 text" * 50, format="markdown")


def test_shift_jis_markdown_is_decoded_and_reported(seed_path):
    # cp932 has no U+2014 EM DASH or U+21C4 ⇄: print them as Shift_JIS sheets would
    text = seed_path.read_text(encoding="utf-8").replace("\u2014", "\u2015").replace("\u21c4", "⇔")
    s = sheetparse.parse(text.encode("cp932"), format="markdown")
    assert s.measures == sheetparse.parse_text(text).measures
    assert len(s.measures) == 14
    assert any(d.code == "encoding-detected" and "cp932" in d.message for d in s.diagnostics)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SheetParseError, match="no such file"):
        sheetparse.parse(tmp_path / "absent.md")
    with pytest.raises(SheetParseError, match=r"not a regular file|directory"):
        sheetparse.parse(tmp_path)


def test_wrong_argument_types_are_type_errors():
    with pytest.raises(TypeError):
        sheetparse.parse(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sheetparse.parse_text(b"bytes")  # type: ignore[arg-type]


def test_max_bytes_limit(seed_path):
    with pytest.raises(sheetparse.InputTooLarge):
        sheetparse.parse(seed_path, limits=sheetparse.Limits(max_bytes=1000))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sheetparse", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize("content", [b"", JUNK, "ただの文章です。\n".encode()])
def test_cli_bad_input_one_line_exit_1_no_output(tmp_path, content):
    src = tmp_path / "in.md"
    src.write_bytes(content)
    out = tmp_path / "out.json"
    r = run_cli("parse", str(src), "-o", str(out))
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("sheetparse: error: ")
    assert "Traceback" not in r.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]  # no temporary file left behind either


def test_cli_usage_error_exits_2():
    assert run_cli("parse").returncode == 2
    assert run_cli("nonsense").returncode == 2


def test_cli_parse_writes_json(seed_path, tmp_path, seed_gold):
    out = tmp_path / "out.json"
    r = run_cli("parse", str(seed_path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"]["sha256"] == seed_gold["source"]["sha256"]
    assert len(data["measures"]) == 14


def test_cli_parse_stdout_and_stdin(seed_path):
    r = subprocess.run(
        [sys.executable, "-m", "sheetparse", "parse", "-", "--compact"],
        input=seed_path.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert r.returncode == 0
    assert r.stdout.count(b"\n") == 1
    assert json.loads(r.stdout)["title"] == "第5期計画 基本施策の実現に向けた主な取組 進捗シート"


def test_cli_check_reports_and_fails_on_unplaced(tmp_path, capsys, seed_path):
    assert cli.main(["check", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "100.00% of" in out and "heading-typo (1)" in out and "line 102" in out
    bad = tmp_path / "extra.md"
    bad.write_text(seed_path.read_text(encoding="utf-8") + "\n\n謎の段落。\n", encoding="utf-8")
    assert cli.main(["check", str(bad)]) == 1
    assert "unplaced-block (1)" in capsys.readouterr().out
    assert cli.main(["check", "--strict", str(seed_path)]) == 1  # the seed has warnings


def test_text_passed_as_a_path_gets_a_helpful_error():
    with pytest.raises(SheetParseError, match="parse_text"):
        sheetparse.parse("方針1-施策1 題\n\n本文")


def test_parse_text_of_an_html_page_that_declares_shift_jis(seed_path):
    from conftest import SAMPLES

    raw = (SAMPLES / "kashiwa-r7.sjis.html").read_bytes()
    text = raw.decode("cp932")
    assert "Shift_JIS" in text or "shift_jis" in text.lower()
    s = sheetparse.parse_text(text, format="html")
    assert len(s.measures) == 14
    assert not [d for d in s.diagnostics if d.code == "encoding-detected"]
    import hashlib

    assert s.source.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_time_limit_gives_parse_timeout():
    from conftest import SAMPLES

    # a 20-page PDF cannot be read in a millisecond: the limit, not the machine, decides
    with pytest.raises(sheetparse.ParseTimeout, match="time limit"):
        sheetparse.parse(SAMPLES / "kashiwa-r7.lo.pdf", limits=sheetparse.Limits(timeout=0.001))


def test_parse_output_file_has_the_usual_mode(seed_path, tmp_path):
    import stat

    out = tmp_path / "o.json"
    old = os.umask(0o022)
    try:
        assert cli.main(["parse", str(seed_path), "-o", str(out), "-q"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
