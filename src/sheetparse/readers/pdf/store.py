"""Page layouts held between the two passes of the PDF reader, in bounded memory.

Page furniture, the text column and heading sizes are known only once every page is laid out,
so a document's pages are laid out first and assembled after. A book of hundreds of sheets must
not hold every page's tables meanwhile: past the first :data:`KEEP` pages, the cells of each
page's tables are pickled to an anonymous temporary file and read back when the page is
assembled, so memory holds a few pages' tables however long the book. What the first pass
needs of a spilled table (its box) stays in memory; a table of the site's own chrome (a search
box) is never spilled, since the first pass reads its text.
"""

from __future__ import annotations

import pickle
import tempfile
from types import TracebackType
from typing import IO

from .furniture import is_chrome_box
from .page import PageLayout, PageTable, TCell

#: pages whose tables stay in memory (a sheet of a few pages is never written to disk)
KEEP = 8


class PageStore:
    """The document's page layouts in order; the tables of pages past :data:`KEEP` on disk
    until :meth:`take_tables` asks for them (once per page)."""

    def __init__(self, keep: int = KEEP) -> None:
        self.pages: list[PageLayout] = []
        self._keep = keep
        self._file: IO[bytes] | None = None
        #: index into ``pages`` → (offset, length) of its pickled cells
        self._spans: dict[int, tuple[int, int]] = {}

    def __enter__(self) -> PageStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._spans.clear()

    def add(self, page: PageLayout) -> None:
        index = len(self.pages)
        self.pages.append(page)
        if index < self._keep:
            return
        cells = {k: t.cells for k, t in enumerate(page.tables) if not is_chrome_box(t)}
        if not cells:
            return
        if self._file is None:
            # closed by close() (the store is a context manager)
            self._file = tempfile.TemporaryFile(prefix="sheetparse-pages-")  # noqa: SIM115
        blob = pickle.dumps(cells, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.seek(0, 2)
        self._file.write(blob)
        self._spans[index] = (offset, len(blob))
        for k in cells:
            page.tables[k].cells = []

    def take_tables(self, index: int) -> list[PageTable]:
        """The page's tables whole; the store lets go of them (the caller now holds them)."""
        page = self.pages[index]
        span = self._spans.pop(index, None)
        if span is not None and self._file is not None:
            offset, length = span
            self._file.seek(offset)
            cells: dict[int, list[TCell]] = pickle.loads(self._file.read(length))
            for k, c in cells.items():
                page.tables[k].cells = c
        tables, page.tables = page.tables, []
        return tables
