"""The long fuzz run: the properties of tests/fuzz_props.py for a time budget.

    python scripts/fuzz.py --minutes 10

Runs the Markdown-mutation, HTML-mutation, arbitrary-bytes and sheetparse.ja properties in
turn, in rounds of fresh random examples, until the budget is spent; prints the number of
examples per property and every failure (with hypothesis's shrunk example). Exit 1 on any
failure.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_props import (
    check_ja,
    check_parse,
    mutated,
    parse_bytes_outcome,
    parse_text_outcome,
    sample_text,
)

COUNTS: Counter[str] = Counter()


def properties(n: int) -> dict[str, object]:
    """Fresh property functions running ``n`` examples each (``ja``: ``10 n``)."""
    md, html = sample_text("kashiwa-r7.md"), sample_text("kashiwa-r7.html")
    run = settings(
        max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    run_ja = settings(
        max_examples=10 * n, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )

    @run
    @given(mutated(md))
    def markdown(text: str) -> None:
        COUNTS["markdown"] += 1
        check_parse(parse_text_outcome(text, "markdown"))

    @run
    @given(mutated(html))
    def html_(text: str) -> None:
        COUNTS["html"] += 1
        check_parse(parse_text_outcome(text, "html"))

    @run
    @given(st.binary(max_size=4000))
    def raw_bytes(data: bytes) -> None:
        COUNTS["bytes"] += 1
        check_parse(parse_bytes_outcome(data))

    @run_ja
    @given(st.text(max_size=80))
    def ja_text(text: str) -> None:
        COUNTS["ja"] += 1
        check_ja(text)

    return {"markdown": markdown, "html": html_, "bytes": raw_bytes, "ja": ja_text}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--round", type=int, default=200, help="examples per property per round")
    args = ap.parse_args(argv)
    failures: list[str] = []
    deadline = time.monotonic() + 60 * args.minutes
    start = time.monotonic()
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1
        for name, prop in properties(args.round).items():
            try:
                prop()  # type: ignore[operator]
            except Exception as e:  # a property failed: report and go on
                notes = "\n".join(getattr(e, "__notes__", []))
                failures.append(f"{name}: {type(e).__name__}: {e}\n{notes}")
                print(f"FAIL {name}: {type(e).__name__}: {e}\n{notes}", file=sys.stderr, flush=True)
            if time.monotonic() >= deadline:
                break
        print(
            f"round {rounds}: {dict(COUNTS)} after {time.monotonic() - start:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    total = sum(COUNTS.values())
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(
        f"fuzzed for {(time.monotonic() - start) / 60:.1f} min: {total:,} examples "
        + ", ".join(f"{k} {v:,}" for k, v in COUNTS.items())
    )
    print(f"failures: {len(failures)}")
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
