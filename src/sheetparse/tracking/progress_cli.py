"""``sheetparse progress INPUT...``: are a sheet's indicators on track?

Prints one line per indicator (status, latest 実績, start, target, 達成率), or the figures as
JSON, JSON Lines or CSV (``--as``). Inputs are source files or sheetparse JSON outputs.
Exit status: 0 success; 1 an input could not be read; 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..atomic import write_atomic
from ..errors import SheetParseError
from ..model import ProgressSheet
from .direction import Direction
from .figures import IndicatorProgress, progress, summary
from .inputs import load_sheet
from .records import ProgressRecord, csv_text

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Progress figures per indicator, computed from the sheet (nothing is added to its JSON):
the latest non-null 実績 and its year; the start point (現状値, else the earliest earlier
実績); the direction (start → target, else --direction, else words such as 削減 in the
name); 達成率 = (latest − start) / (target − start), or latest / target without a start;
and a status: achieved, on-track (at or beyond the straight line from start to target at
the latest's year), behind, undated (no year to draw the line), zero-span (target = start),
no-start (one 実績 and no 現状値), no-data (no 実績), no-target."""


def _direction(text: str) -> tuple[str, Direction]:
    name, sep, way = text.rpartition("=")
    if not sep or not name or way not in ("higher", "lower"):
        raise argparse.ArgumentTypeError(f"expected NAME=higher or NAME=lower, not {text!r}")
    return name, way  # type: ignore[return-value]


def add_direction_arg(p: argparse.ArgumentParser) -> None:
    """``--direction NAME=higher|lower`` (repeatable), shared by ``progress`` and ``report``."""
    p.add_argument(
        "--direction",
        action="append",
        type=_direction,
        default=[],
        metavar="NAME=higher|lower",
        help="the direction of an indicator the data does not decide (repeatable)",
    )


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``progress`` command to the CLI's subparsers."""
    from ..cli import add_limit_args

    p: argparse.ArgumentParser = subparsers.add_parser(
        "progress",
        help="are the indicators on track? progress figures per indicator",
        description=DESCRIPTION,
        epilog="Exit status: 0 success, 1 an input could not be read, 2 usage error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a sheet, or its sheetparse JSON")
    p.add_argument(
        "--as",
        dest="output_format",
        choices=["text", "json", "jsonl", "csv"],
        default="text",
        help="text (default: one line per indicator), json, jsonl or csv",
    )
    p.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    add_direction_arg(p)
    p.add_argument("--format", choices=["pdf", "html", "markdown", "md", "xlsx"])
    add_limit_args(p)
    return p


def _num(v: float | None) -> str:
    if v is None:
        return "-"
    if isinstance(v, float) and not v.is_integer():
        return format(v, ",.6g")
    return format(int(v), ",")


def _year(y: int | None) -> str:
    return f" (FY{y})" if y is not None else ""


def _rate(r: float | None) -> str:
    return "-" if r is None else f"{100 * r:.1f}%"


def text_lines(name: str, figures: list[IndicatorProgress]) -> list[str]:
    """A readable block: the sheet's status counts, then one line per indicator."""
    counts = ", ".join(f"{n} {s}" for s, n in summary(figures).items() if n)
    head = f"{name}: {len(figures)} indicators" + (f": {counts}" if counts else "")
    rows = []
    for f in figures:
        start = f"from {_num(f.start_value)}{_year(f.start_year)}" if f.start_role else "no start"
        rows.append(
            (
                f.measure_id,
                f.status,
                f"{_num(f.latest_value)}{_year(f.latest_year)}",
                start,
                f"to {_num(f.target_value)}{_year(f.target_year)}",
                f"rate {_rate(f.rate)}",
                f.name,
            )
        )
    widths = [max((len(r[k]) for r in rows), default=0) for k in range(6)]
    lines = [head]
    for r in rows:
        lines.append(
            "  " + "  ".join(c.ljust(w) for c, w in zip(r[:6], widths, strict=True)) + "  " + r[6]
        )
    return lines


def render(
    names: list[str],
    sheets: list[ProgressSheet],
    figures: list[list[IndicatorProgress]],
    output_format: str,
) -> str:
    """The figures of every sheet (read from ``names``) in one output format."""
    if output_format == "text":
        return "".join(
            "\n".join(text_lines(n, f)) + "\n" for n, f in zip(names, figures, strict=True)
        )
    records = [
        ProgressRecord(sha256=s.source.sha256, path=s.source.path, **f.model_dump())
        for s, fs in zip(sheets, figures, strict=True)
        for f in fs
    ]
    if output_format == "jsonl":
        return "".join(r.model_dump_json() + "\n" for r in records)
    if output_format == "csv":
        return csv_text(records, ProgressRecord)
    docs = [
        {
            "path": s.source.path,
            "sha256": s.source.sha256,
            "report_fiscal_year": s.report_fiscal_year,
            "summary": summary(fs),
            "indicators": [f.model_dump(mode="json") for f in fs],
        }
        for s, fs in zip(sheets, figures, strict=True)
    ]
    return json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``sheetparse progress``; the exit status."""
    from ..cli import limits_from_args

    limits = limits_from_args(args)
    directions = dict(args.direction)
    sheets = []
    for name in args.inputs:
        try:
            sheets.append(load_sheet(name, format=args.format, limits=limits))
        except SheetParseError as e:
            print(f"sheetparse: error: {e}", file=sys.stderr)
            return EXIT_FAILED
    figures = [progress(s, directions=directions) for s in sheets]
    text = render(args.inputs, sheets, figures, args.output_format)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
