"""``sheetparse report INPUT... -o report.html``: the report page of a sheet, or of several
report years of one plan (the newest in full, with the comparison across the years).

Exit status: 0 success; 1 an input could not be read, or the sheets are not of one plan (no
file is written then); 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..atomic import write_atomic
from ..errors import SheetParseError
from ..tracking.inputs import load_sheet
from ..tracking.progress_cli import add_direction_arg

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Write one self-contained HTML page (inline CSS and SVG, no network) that a person can read on
a phone or print: a summary of the indicators' statuses, per measure its indicators as charts
(現状値 → 実績値 → 目標値) with status badges, costs per year, evaluations, narratives folded,
and where every value was printed. Inputs are source files or sheetparse JSON outputs; with
several report years of one plan the page adds the comparison across the years."""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``report`` command to the CLI's subparsers."""
    from ..cli import add_limit_args

    p: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="an HTML report with charts: are the indicators on track?",
        description=DESCRIPTION,
        epilog="Exit status: 0 success, 1 an input could not be read or the sheets are not "
        "of one plan, 2 usage error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a sheet, or its sheetparse JSON")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="the page")
    add_direction_arg(p)
    p.add_argument("--format", choices=["pdf", "html", "markdown", "md", "xlsx"])
    add_limit_args(p)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``sheetparse report``; the exit status."""
    from ..cli import limits_from_args
    from .page import render

    limits = limits_from_args(args)
    try:
        sheets = [(n, load_sheet(n, format=args.format, limits=limits)) for n in args.inputs]
        html = render(sheets, directions=dict(args.direction))
    except SheetParseError as e:
        print(f"sheetparse: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    write_atomic(args.output, html)
    return EXIT_OK
