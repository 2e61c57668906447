"""``sheetparse convert``: a folder (or a decade of folders) of sheets into one clean dataset.

Exit status: 0 every input converted; 1 some inputs failed (listed in ``failures.jsonl`` and the
summary; the others converted); 2 a usage error (bad option, an input that names nothing, an
output folder in use by another run); 130 interrupted (Ctrl-C or SIGTERM; every file already
written is whole, and a re-run picks up where this one stopped).
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..cli import add_backend_arg, add_family_arg, add_limit_args, limits_from_args
from .executors import default_jobs

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Convert progress sheets — files, folders (searched recursively for .pdf, .html, .htm, .md,
.txt and .xlsx) and glob patterns, in any mix of formats — into OUTDIR:

  sheets/<path>.json       the contract's JSON per input (<path> relative to the inputs' root)
  sheets|measures|indicators|narratives|narrative_items .jsonl and .csv
                           flat tables across the batch, every row with the input's path and
                           sha256 (indicators: one row per observation)
  datapackage.json         Frictionless description of the tables (types, keys, missing values)
  progress .jsonl and .csv with --progress-figures: one row per indicator (達成率, status)
  failures.jsonl           one line per input that failed: path, error, code, message

A re-run skips inputs whose JSON already exists for the same bytes (--force redoes them) and
rebuilds the tables, so an interrupted batch resumes where it stopped."""

EPILOG = (
    "Exit status: 0 all converted, 1 some inputs failed (the others converted), "
    "2 usage error, 130 interrupted."
)


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``convert`` command to the CLI's subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="many sheets (files, folders, globs) into JSON, tables and SQLite",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or glob pattern")
    p.add_argument(
        "-o",
        "--output",
        dest="outdir",
        required=True,
        metavar="OUTDIR",
        help="output folder (created if missing)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help=f"worker processes (default: the CPU cores, here {default_jobs()}); "
        "0 parses in this process, without isolation",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="convert every input again, even where its JSON is up to date",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="write the CSV files as UTF-8 with a BOM, which Excel needs",
    )
    p.add_argument(
        "--db",
        metavar="FILE",
        help="also load the records into this SQLite database (appended; a sheet "
        "already there, by sha256, is skipped unless --force)",
    )
    p.add_argument(
        "--progress-figures",
        action="store_true",
        help="also write the progress table (one row per indicator: latest 実績, start, "
        "target, 達成率, status) to the tables and --db",
    )
    p.add_argument(
        "--format",
        choices=["pdf", "html", "markdown", "md", "xlsx"],
        help="read every input as this format (default: sniffed per file)",
    )
    p.add_argument(
        "--root",
        metavar="DIR",
        help="name inputs relative to DIR (default: the deepest folder holding all inputs)",
    )
    p.add_argument(
        "--executor",
        choices=["process", "dask"],
        default="process",
        help="where files are parsed: local worker processes (default) or a dask "
        "cluster (pip install 'sheetparse[dask]')",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local "
        "cluster of --jobs workers)",
    )
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    talk.add_argument(
        "-v", "--verbose", action="store_true", help="a line for every file (on a terminal)"
    )
    add_family_arg(p)
    add_backend_arg(p)
    add_limit_args(p)
    return p


def _err(message: str) -> None:
    print(f"sheetparse: {message}", file=sys.stderr)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops the batch like Ctrl-C: workers stopped, temporary files removed."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace) -> int:
    """Run ``sheetparse convert``; the exit status."""
    from ..export.sqlite import StoreError
    from .convert import convert_batch
    from .inputs import InputError
    from .progress import make_progress

    if args.scheduler and args.executor != "dask":
        _err("error: --scheduler needs --executor dask")
        return EXIT_USAGE
    if args.executor == "dask":
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            _err("error: --executor dask needs dask.distributed: pip install 'sheetparse[dask]'")
            return EXIT_USAGE
    progress = make_progress(quiet=args.quiet, verbose=args.verbose)
    try:
        with _sigterm_interrupts():
            report = convert_batch(
                args.inputs,
                args.outdir,
                jobs=args.jobs,
                limits=limits_from_args(args),
                format=args.format,
                pdf_backend=args.pdf_backend,
                force=args.force,
                excel=args.excel,
                db=args.db,
                executor=args.executor,
                address=args.scheduler,
                root=args.root,
                progress=progress,
                family=args.family,
                progress_figures=args.progress_figures,
            )
    except (InputError, StoreError) as e:
        _err(f"error: {e}")
        return EXIT_USAGE
    return report.exit_code
