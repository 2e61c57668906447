"""``sheetparse compare INPUT...``: several report years of one plan side by side.

Without ``-o`` it prints the reports in year order and every change between them; with
``-o OUTDIR`` it writes the tidy tables ``series`` and ``changes`` as CSV and JSON Lines.
Exit status: 0 success; 1 an input could not be read, or the sheets are not of one plan;
2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import SheetParseError
from .compare import ChangeRow, Comparison, SeriesRow, compare
from .inputs import load_sheet
from .records import csv_text

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Line up the sheets of one plan by report year (source files or sheetparse JSON outputs, in
any order) and join their indicators by measure id and name into one series each. Reported:
measures and indicators added or vanished, an indicator renamed, a measure retitled, and a
figure printed again for the same fiscal year with another value (a revised 実績).

With -o OUTDIR:
  series.csv  series.jsonl     one row per observation per report (tidy), with the series
                               it belongs to, the previous report's value and a revised flag
  changes.csv changes.jsonl    one row per change between a report and the one before"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``compare`` command to the CLI's subparsers."""
    from ..cli import add_limit_args

    p: argparse.ArgumentParser = subparsers.add_parser(
        "compare",
        help="several report years of one plan: series per indicator, changes, revisions",
        description=DESCRIPTION,
        epilog="Exit status: 0 success, 1 an input could not be read or the sheets are not "
        "of one plan, 2 usage error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a sheet, or its sheetparse JSON")
    p.add_argument("-o", "--output", dest="outdir", metavar="OUTDIR", help="write the tables here")
    p.add_argument("--format", choices=["pdf", "html", "markdown", "md", "xlsx"])
    add_limit_args(p)
    return p


def tables(c: Comparison) -> dict[str, str]:
    """File name → text of the comparison's tables."""
    out: dict[str, str] = {}
    for name, rows, model in (
        ("series", c.series, SeriesRow),
        ("changes", c.changes, ChangeRow),
    ):
        out[f"{name}.csv"] = csv_text(rows, model)
        out[f"{name}.jsonl"] = "".join(r.model_dump_json() + "\n" for r in rows)
    return out


def _fy(y: int | None) -> str:
    return f"FY{y}" if y is not None else "FY?"


def change_line(ch: ChangeRow) -> str:
    """One change as a readable line."""
    when = f"{_fy(ch.before_report_fiscal_year)}→{_fy(ch.after_report_fiscal_year)}"
    what = {
        "measure-added": f"measure added: {ch.after}",
        "measure-vanished": f"measure vanished: {ch.before}",
        "measure-retitled": f"measure retitled: {ch.before} → {ch.after}",
        "indicator-added": f"indicator added: {ch.after}",
        "indicator-vanished": f"indicator vanished: {ch.before}",
        "indicator-renamed": f"indicator renamed: {ch.before} → {ch.after}",
        "value-revised": f"{ch.role} {_fy(ch.fiscal_year)} revised: {ch.before} → "
        f"{ch.after or '(blank)'} ({(ch.series or '').split('/', 1)[-1]})",
    }[ch.kind]
    return f"  {when}  {ch.measure_id}  {what}"


def summary_text(c: Comparison) -> str:
    """The reports in year order and every change between them."""
    lines = [
        f"{len(c.reports)} reports: " + ", ".join(f"{_fy(r.year)} {r.name}" for r in c.reports),
        f"{len(c.members)} indicator series, {len(c.changes)} changes" + (":" if c.changes else ""),
    ]
    lines += [change_line(ch) for ch in c.changes]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``sheetparse compare``; the exit status."""
    from ..cli import limits_from_args

    if len(args.inputs) < 2:
        print("sheetparse: error: compare needs two or more inputs", file=sys.stderr)
        return EXIT_USAGE
    limits = limits_from_args(args)
    try:
        sheets = [(n, load_sheet(n, format=args.format, limits=limits)) for n in args.inputs]
        result = compare(sheets)
    except SheetParseError as e:
        print(f"sheetparse: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    if args.outdir:
        out = Path(args.outdir)
        if out.exists() and not out.is_dir():
            print(f"sheetparse: error: {out}: exists and is not a folder", file=sys.stderr)
            return EXIT_USAGE
        for name, text in tables(result).items():
            write_atomic(out / name, text)
    else:
        sys.stdout.write(summary_text(result))
    return EXIT_OK
