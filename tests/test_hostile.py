"""Broken and hostile input: every file of the generated corpus gives its specific typed error
(or a sheet with the expected diagnostic), within a generous time limit and a memory cap.

Each file is parsed in a child process limited to 500 MB of address space (RLIMIT_AS), so a
reader that inflates a bomb fails the test instead of the machine; the 10 s timeout fails only
on a hang — it is a guard, not a speed assertion.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from hostile_corpus import Case, cases

MEMORY_CAP = 500 * 1024 * 1024
TIMEOUT = 10

_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    cap = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    import sheetparse
    try:
        sheet = sheetparse.parse(sys.argv[1], backend=sys.argv[3] if len(sys.argv) > 3 else None)
    except sheetparse.SheetParseError as e:
        print(json.dumps({"outcome": type(e).__name__, "message": str(e)}))
    except BaseException as e:  # anything else is a failure of the guarantee
        print(json.dumps({"outcome": "ESCAPED " + type(e).__name__, "message": repr(e)[:500]}))
    else:
        print(json.dumps({"outcome": "sheet", "codes": sorted({d.code for d in sheet.diagnostics})}))
    """
)


def run_isolated(path: str, backend: str | None = None) -> dict:
    """Parse ``path`` in a memory-capped child (a PDF with ``backend``); its outcome."""
    r = subprocess.run(
        [sys.executable, "-c", _CHILD, path, str(MEMORY_CAP), *([backend] if backend else [])],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    lines = r.stdout.strip().splitlines()
    if r.returncode != 0 or not lines:
        return {"outcome": f"CRASHED rc={r.returncode}", "message": r.stderr[-2000:]}
    return json.loads(lines[-1])


def _accepts(case: Case, result: dict) -> bool:
    for want in case.expect:
        if want.startswith("sheet:"):
            if result["outcome"] == "sheet" and want[6:] in result["codes"]:
                return True
        elif result["outcome"] == want:
            return True
    return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for case in cases():
        path = folder / case.name
        path.write_bytes(case.data)
        paths[case.name] = str(path)
    return paths


#: every case with the default backend; the PDFs with PDFium too
_RUNS = [pytest.param(c, None, id=c.name) for c in cases()] + [
    pytest.param(c, "pdfium", id=f"{c.name}-pdfium") for c in cases() if c.name.endswith(".pdf")
]


@pytest.mark.parametrize("case, backend", _RUNS)
def test_hostile_file_gives_its_specific_outcome(case: Case, backend: str | None, corpus):
    result = run_isolated(corpus[case.name], backend)
    assert _accepts(case, result), f"{case.why}: want one of {case.expect}, got {result}"


def test_error_messages_are_one_line_and_name_the_file(corpus):
    for name in ("empty.pdf", "junk.md", "one-line-10mb.md"):
        result = run_isolated(corpus[name])
        assert "\n" not in result["message"] and name in result["message"]


@pytest.mark.parametrize("name", ["empty.pdf", "junk.md", "zip-renamed.xlsx"])
def test_cli_exit_1_one_line(corpus, name, tmp_path):
    out = tmp_path / "o.json"
    r = subprocess.run(
        [sys.executable, "-m", "sheetparse", "parse", corpus[name], "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "name, says",
    [("ods-renamed.xlsx", "OpenDocument spreadsheet"), ("docx-renamed.xlsx", "Word document")],
)
def test_other_office_packages_are_named_in_the_error(corpus, name, says):
    result = run_isolated(corpus[name])
    assert result["outcome"] == "UnsupportedFormat" and says in result["message"]
