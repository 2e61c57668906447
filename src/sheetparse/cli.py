"""The ``sheetparse`` command line.

Exit status, for every command: 0 success; 1 an input could not be parsed (or, for ``check``,
text was left unplaced); 2 a usage error. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from importlib import import_module

from . import __version__
from .api import parse
from .atomic import write_atomic
from .errors import SheetParseError
from .export.records import iter_json_bytes
from .export.schemas import schema_text, schemas, write_schemas
from .limits import DEFAULT_LIMITS, Limits
from .model import ProgressSheet

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

#: optional subcommands living in their own modules: name → module exposing
#: ``add_parser(subparsers)`` and ``run(args) -> int``
_EXTRA_COMMANDS = {
    "convert": "sheetparse.batch.cli",
    "progress": "sheetparse.tracking.progress_cli",
    "compare": "sheetparse.tracking.compare_cli",
    "report": "sheetparse.report.cli",
}


def _err(message: str) -> None:
    print(f"sheetparse: {message}", file=sys.stderr)


def add_limit_args(p: argparse.ArgumentParser) -> None:
    """The resource limits as options (defaults from :class:`Limits`)."""
    d = DEFAULT_LIMITS
    g = p.add_argument_group("limits (0 disables a limit)")
    g.add_argument(
        "--max-bytes",
        type=int,
        default=d.max_bytes,
        metavar="N",
        help=f"largest input in bytes (default {d.max_bytes:,})",
    )
    g.add_argument(
        "--max-pages",
        type=int,
        default=d.max_pages,
        metavar="N",
        help=f"most PDF pages (default {d.max_pages})",
    )
    g.add_argument(
        "--max-cells",
        type=int,
        default=d.max_cells,
        metavar="N",
        help=f"most cells in one table (default {d.max_cells:,})",
    )
    g.add_argument(
        "--max-depth",
        type=int,
        default=d.max_depth,
        metavar="N",
        help=f"deepest HTML nesting followed (default {d.max_depth})",
    )
    g.add_argument(
        "--timeout",
        type=float,
        default=d.timeout,
        metavar="SECONDS",
        help=f"time limit per file (default {d.timeout:g})",
    )


def add_family_arg(p: argparse.ArgumentParser) -> None:
    """``--family NAME``: read the input(s) as that sheet family instead of detecting it."""
    from .families import family_names

    p.add_argument(
        "--family",
        choices=family_names(),
        metavar="NAME",
        help="read as this sheet family (default: detected); `sheetparse families` lists them",
    )


def add_backend_arg(p: argparse.ArgumentParser) -> None:
    """``--pdf-backend``: which library reads PDFs (the same JSON from either)."""
    p.add_argument(
        "--pdf-backend",
        choices=["pdfplumber", "pdfium"],
        default=None,
        help="the library that reads PDFs: pdfium (default, faster) or pdfplumber",
    )


def limits_from_args(args: argparse.Namespace) -> Limits:
    def opt(v: float | None) -> float | None:
        return None if v is None or v <= 0 else v

    return Limits(
        max_bytes=opt(args.max_bytes),  # type: ignore[arg-type]
        max_pages=opt(args.max_pages),  # type: ignore[arg-type]
        max_cells=opt(args.max_cells),  # type: ignore[arg-type]
        max_depth=opt(args.max_depth),  # type: ignore[arg-type]
        max_line_chars=DEFAULT_LIMITS.max_line_chars,
        max_stream_bytes=DEFAULT_LIMITS.max_stream_bytes,
        timeout=opt(args.timeout),
    )


def _parse_input(
    name: str,
    fmt: str | None,
    limits: Limits,
    family: str | None = None,
    backend: str | None = None,
) -> ProgressSheet:
    if name == "-":
        data = sys.stdin.buffer.read()
        return parse(data, format=fmt, limits=limits, family=family, backend=backend)
    return parse(name, format=fmt, limits=limits, family=family, backend=backend)


def _summary(sheet: ProgressSheet) -> str:
    levels = defaultdict(int)
    for d in sheet.diagnostics:
        levels[d.level] += 1
    n_ind = sum(len(m.indicators) for m in sheet.measures)
    n_nar = sum(len(m.narratives) for m in sheet.measures)
    plural = {"info": "info", "warning": "warnings", "error": "errors"}
    diag = (
        ", ".join(f"{n} {lvl if n == 1 else plural[lvl]}" for lvl, n in sorted(levels.items()))
        or "no diagnostics"
    )
    return f"{len(sheet.measures)} measures, {n_ind} indicators, {n_nar} narratives; {diag}"


# --- parse --------------------------------------------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    try:
        sheet = _parse_input(
            args.input, args.format, limits_from_args(args), args.family, args.pdf_backend
        )
    except SheetParseError as e:
        _err(f"error: {e}")
        return EXIT_FAILED
    # written a measure at a time: a book's JSON is not held whole in memory
    payload = iter_json_bytes(sheet, indent=None if args.compact else 2)
    if args.output:
        write_atomic(args.output, payload)
        if not args.quiet:
            print(f"{args.output}: {_summary(sheet)}", file=sys.stderr)
    else:
        sys.stdout.flush()
        for piece in payload:
            sys.stdout.buffer.write(piece)
        sys.stdout.buffer.flush()
    return EXIT_OK


# --- schema -------------------------------------------------------------------------------------


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.output_dir:
        for path in write_schemas(args.output_dir):
            print(path)
        return EXIT_OK
    all_schemas = schemas()
    if args.name:
        if args.name not in all_schemas:
            _err(f"error: no schema {args.name!r}; choose from {', '.join(all_schemas)}")
            return EXIT_USAGE
        sys.stdout.write(schema_text(all_schemas[args.name]))
    else:
        sys.stdout.write(json.dumps(all_schemas, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


# --- check --------------------------------------------------------------------------------------


def _check_one(name: str, args: argparse.Namespace, limits: Limits) -> tuple[bool, dict]:
    try:
        sheet = _parse_input(name, args.format, limits, args.family, args.pdf_backend)
    except SheetParseError as e:
        return False, {"path": name, "error": type(e).__name__, "message": e.message}
    cov = sheet.coverage
    assert cov is not None
    groups: dict[str, list] = defaultdict(list)
    for d in sheet.diagnostics:
        groups[d.code].append(d)
    unplaced = cov.unplaced_chars > 0 or "unplaced-block" in groups
    warned = any(d.level in ("warning", "error") for d in sheet.diagnostics)
    ok = not unplaced and not (args.strict and warned)
    report = {
        "path": name,
        "family": sheet.family,
        "ok": ok,
        "placed_share": round(cov.placed_share, 6),
        "coverage": cov.model_dump(),
        "diagnostics": {
            code: [d.model_dump(exclude_none=True) for d in ds]
            for code, ds in sorted(groups.items())
        },
    }
    return ok, report


def _where(loc: dict | None) -> str:
    if not loc:
        return ""
    bits = []
    for key in ("page", "line", "sheet", "cell"):
        if loc.get(key) is not None:
            bits.append(f"{key} {loc[key]}")
    return ", ".join(bits)


def _cmd_check(args: argparse.Namespace) -> int:
    limits = limits_from_args(args)
    status = EXIT_OK
    reports = []
    for name in args.files:
        ok, report = _check_one(name, args, limits)
        reports.append(report)
        if not ok:
            status = EXIT_FAILED
        if args.json:
            continue
        if "error" in report:
            print(f"{name}: could not be parsed: {report['error']}: {report['message']}")
            continue
        cov = report["coverage"]
        reported = f", reported {cov['reported_chars']:,}" if cov.get("reported_chars") else ""
        print(
            f"{name} ({report['family']}): {100 * report['placed_share']:.2f}% of "
            f"{cov['source_chars']:,} characters placed (records {cov['placed_chars']:,}, "
            f"structure {cov['structure_chars']:,}{reported}, page furniture "
            f"{cov['skipped_chars']:,}, unplaced {cov['unplaced_chars']:,})"
        )
        for code, ds in report["diagnostics"].items():
            print(f"  {code} ({len(ds)})")
            for d in ds:
                where = _where(d.get("location"))
                print(f"    {d['level']}: {where + ': ' if where else ''}{d['message']}")
    if args.json:
        sys.stdout.write(json.dumps(reports, ensure_ascii=False, indent=2) + "\n")
    return status


# --- families -----------------------------------------------------------------------------------


def _cmd_families(args: argparse.Namespace) -> int:
    from .families import families

    fams = families()
    if args.json:
        out = [
            {
                "name": f.name,
                "description": f.description,
                "municipality": f.municipality,
                "tables": list(f.tables),
            }
            for f in fams
        ]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    width = max(len(f.name) for f in fams)
    for f in fams:
        print(f"{f.name:<{width}}  {f.description}")
    return EXIT_OK


# --- main ---------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        _err(f"error: {message}")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="sheetparse",
        description="Read Japanese municipal progress and evaluation sheets (進捗シート, "
        "目標設定シート, 事業評価書 …) into typed JSON.",
        epilog="Exit status: 0 success, 1 an input could not be parsed, 2 usage error.",
    )
    p.add_argument("--version", action="version", version=f"sheetparse {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    pp = sub.add_parser(
        "parse",
        help="one sheet to the contract's JSON",
        description="Parse one sheet (PDF, HTML, Markdown or XLSX) to JSON.",
    )
    pp.add_argument("input", help="the file to read, or - for standard input")
    pp.add_argument("-o", "--output", help="write the JSON here (atomically); default stdout")
    pp.add_argument(
        "--format",
        choices=["pdf", "html", "markdown", "md", "xlsx"],
        help="the input's format (default: sniffed from the content)",
    )
    pp.add_argument("--compact", action="store_true", help="JSON on one line")
    pp.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    add_family_arg(pp)
    add_backend_arg(pp)
    add_limit_args(pp)
    pp.set_defaults(func=_cmd_parse)

    ps = sub.add_parser(
        "schema",
        help="print the output's JSON Schemas",
        description="Print the JSON Schemas generated from the models.",
    )
    ps.add_argument("name", nargs="?", help="one schema: progress-sheet, indicator-record, ...")
    ps.add_argument("-o", "--output-dir", help="write each schema into this folder instead")
    ps.set_defaults(func=_cmd_schema)

    pc = sub.add_parser(
        "check",
        help="coverage and diagnostics: prove nothing was lost",
        description="Parse each file and report the share of its text placed in records and "
        "every diagnostic, grouped by code. Exits 1 when text was left unplaced "
        "(with --strict, also on any warning) or a file could not be parsed.",
    )
    pc.add_argument("files", nargs="+", metavar="FILE")
    pc.add_argument("--format", choices=["pdf", "html", "markdown", "md", "xlsx"])
    pc.add_argument("--strict", action="store_true", help="fail on warnings too")
    pc.add_argument("--json", action="store_true", help="machine-readable report")
    add_family_arg(pc)
    add_backend_arg(pc)
    add_limit_args(pc)
    pc.set_defaults(func=_cmd_check)

    pf = sub.add_parser(
        "families",
        help="list the sheet families (templates) sheetparse reads",
        description="List the sheet families: one profile per template, detected per file "
        "or chosen with --family.",
    )
    pf.add_argument("--json", action="store_true", help="machine-readable list")
    pf.set_defaults(func=_cmd_families)

    for name, module in _EXTRA_COMMANDS.items():
        try:
            mod = import_module(module)
        except ModuleNotFoundError as e:
            if e.name == module:
                continue
            raise
        mod.add_parser(sub)
        sub.choices[name].set_defaults(func=mod.run)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:
        _err(f"error: {e.filename or ''}: {e.strerror or e}")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
