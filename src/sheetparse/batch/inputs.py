"""Which files a batch reads, and the stable name each one gets.

Inputs are files, folders (walked recursively) and glob patterns. Every input is named by its
path relative to the *root* — the deepest folder holding all the inputs, or ``--root`` — in
POSIX form (``2024/kashiwa.pdf``). That name is the sheet's ``source.path`` and, with ``.json``
added, its output file, so the same archive gives the same outputs wherever it is mounted and
whatever the current directory. Names that differ only in case or Unicode normalisation
(which some file systems treat as one file) get ``~2``, ``~3`` … before ``.json``, in name order.
"""

from __future__ import annotations

import glob
import os
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: file name endings a folder walk picks up (any file named explicitly is read whatever its name)
SHEET_SUFFIXES = frozenset(
    {
        ".pdf",
        ".html",
        ".htm",
        ".xhtml",
        ".md",
        ".markdown",
        ".txt",
        ".xlsx",
        ".xlsm",
    }
)


class InputError(ValueError):
    """An input argument names nothing to read (a usage error: exit status 2)."""


@dataclass(frozen=True, order=True)
class Input:
    """One file of a batch."""

    #: the path relative to the root, POSIX form: ``source.path`` of its sheet
    name: str
    #: where the file is read from
    path: Path
    #: its output JSON, relative to the output folder's ``sheets/``
    output: str


def _is_glob(arg: str) -> bool:
    return glob.has_magic(arg)


def _wanted(name: str) -> bool:
    """Folder walks skip hidden files, Office lock files and other file types."""
    if name.startswith((".", "~$")):
        return False
    return os.path.splitext(name)[1].lower() in SHEET_SUFFIXES


def _walk(folder: str, skip: set[str]) -> Iterator[str]:
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and os.path.realpath(os.path.join(top, d)) not in skip
        )
        for f in sorted(files):
            if _wanted(f):
                yield os.path.join(top, f)


def _expand(args: Sequence[str | os.PathLike[str]], skip: set[str]) -> Iterator[tuple[str, str]]:
    """(file, anchor folder) for every file the arguments name."""
    for raw in args:
        arg = os.fspath(raw)
        if os.path.lexists(arg):
            matches = [arg]
        elif _is_glob(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError(f"{arg}: no file matches this pattern")
        else:
            raise InputError(f"{arg}: no such file or folder")
        for m in matches:
            if os.path.isdir(m):
                if os.path.realpath(m) in skip:
                    continue
                yield from ((f, m) for f in _walk(m, skip))
            else:
                yield m, os.path.dirname(os.path.abspath(m))


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives
        return False


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _output_names(names: Iterable[str]) -> list[str]:
    """``<name>.json``, with ``~N`` for names that clash after case and Unicode folding."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        key = _fold(name)
        n = seen.get(key, 0) + 1
        seen[key] = n
        out.append(f"{name}.json" if n == 1 else f"{name}~{n}.json")
    return out


def collect(
    args: Sequence[str | os.PathLike[str]],
    *,
    root: str | os.PathLike[str] | None = None,
    exclude: Sequence[str | os.PathLike[str]] = (),
) -> tuple[list[Input], Path | None]:
    """The inputs named by ``args``, sorted by name, and the root they are named from.

    ``exclude`` lists folders never read from (the output folder). A file reached twice
    (named twice, or through a symbolic link) is read once. Raises :class:`InputError` for an
    argument that names nothing.
    """
    skip = {os.path.realpath(os.fspath(e)) for e in exclude}
    found: list[tuple[str, str]] = []
    real_seen: set[str] = set()
    for f, anchor in _expand(args, skip):
        real = os.path.realpath(f)
        if real in real_seen or any(_inside(real, d) for d in skip):
            continue
        real_seen.add(real)
        found.append((os.path.abspath(f), os.path.abspath(anchor)))
    if not found:
        return [], Path(os.path.abspath(os.fspath(root))) if root is not None else None
    if root is not None:
        base = os.path.abspath(os.fspath(root))
    else:
        try:
            base = os.path.commonpath([anchor for _, anchor in found])
        except ValueError:  # different drives (Windows): no common folder
            base = ""
    named = []
    for f, _ in found:
        rel = os.path.relpath(f, base) if base else os.path.splitdrive(f)[1].lstrip("\\/")
        if rel.startswith(os.pardir + os.sep) or rel == os.pardir:
            raise InputError(f"{f}: outside the root folder {base}")
        named.append((Path(rel).as_posix(), Path(f)))
    named.sort()
    outputs = _output_names(n for n, _ in named)
    inputs = [Input(name=n, path=p, output=o) for (n, p), o in zip(named, outputs, strict=True)]
    return inputs, Path(base) if base else None
