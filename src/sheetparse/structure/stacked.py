"""Tables printed one under the other that a converter made into one table.

Word joins two tables with nothing between them into one, and a document converted through it
(HTML → DOCX → HTML or PDF, LibreOffice Writer) then holds, say, the organize-action table
and the indicator table as a single table on a grid of both tables' columns. Such a table is
cut where a row starts the header of another kind of progress-sheet table, and each part is
laid out again on its own columns (the columns that only continue a merged cell dropped).
"""

from __future__ import annotations

from itertools import pairwise

from .. import diagnostics as dg
from ..blocks import Block, TableBlock
from ..families.vocab import Vocab
from ..model import Diagnostic
from ..readers.grid import continuation_columns, layout, owners, placed_from_grid


def _own_texts(table: TableBlock, r: int) -> list[str]:
    """The texts of the cells that start in row ``r`` (not those merged down into it)."""
    row = table.rows[r]
    return [t for c, t in enumerate(table.shown[r]) if row[c].covered_by is None and t.strip()]


#: (indicator role, organize kind, actor) of a text where it names any, else None: by
#: vocabulary, then text (a sheet's labels recur table after table; asked of every row)
_KINDS: dict[Vocab, dict[str, tuple[str | None, str | None, str | None] | None]] = {}


def text_kinds(text: str, v: Vocab) -> tuple[str | None, str | None, str | None] | None:
    """(indicator role, organize kind, actor) that ``text`` names, None where it names none:
    read once per text for the stacked-table cuts and the table classification alike."""
    known = _KINDS.get(v)
    if known is None or len(known) > 4096:
        known = _KINDS[v] = {}
    if text in known:
        return known[text]
    kinds = (v.indicator_role(text), v.org_kind(text), v.actor_of(text))
    found = known[text] = kinds if kinds != (None, None, None) else None
    return found


def _header_kind(table: TableBlock, r: int, v: Vocab) -> str | None:
    """The kind of table whose header row ``r`` is, if it is one."""
    texts = _own_texts(table, r)
    if len(texts) < 2:
        return None  # every kind's header names two things or more
    # every kind's header has two texts or more that name a role, kind or actor: the rows
    # with fewer (a body row's narratives) are no header
    found = [k for t in texts if (k := text_kinds(t, v)) is not None]
    if len(found) < 2:
        return None
    roles = {k[0] for k in found}
    if "name" in roles and roles & {"baseline", "actual", "target"}:
        return "indicator"
    if len({k[1] for k in found if k[1]}) >= 2:
        return "organize"
    if len({k[2] for k in found if k[2]}) >= 2:
        return "approach"
    return None


def _cuts(table: TableBlock, v: Vocab) -> list[int]:
    """Rows where another table's header starts (for an organize-action table, the process
    header row above its columns)."""
    n = len(table.rows)
    top = max((r for r in range(min(3, n)) if _header_kind(table, r, v)), default=0)
    cuts: list[int] = []
    for r in range(top + 2, n):
        kind = _header_kind(table, r, v)
        if kind is None:
            continue
        start = r
        if kind == "organize" and any(
            v.org_process_header.match(t) or v.actor_header.match(t)
            for t in _own_texts(table, r - 1)
        ):
            start = r - 1
        if start >= (cuts[-1] if cuts else top) + 2:
            cuts.append(start)
    return cuts


def rows_of(table: TableBlock, rows: range) -> TableBlock:
    """The rows ``rows`` of a table as a table of their own, laid out on their own columns."""
    placed = [
        p
        for p in placed_from_grid(table.rows)
        if p.row + p.rowspan > rows.start and p.row < rows.stop
    ]
    owner = owners(placed)
    cols = list(range(table.n_cols))
    dropped = continuation_columns(owner, list(rows), cols)
    grid = layout(placed, list(rows), [c for c in cols if c not in dropped])
    return TableBlock(grid, grid[0][0].loc if grid and grid[0] else table.loc)


def unstack(blocks: list[Block], v: Vocab) -> tuple[list[Block], list[Diagnostic]]:
    """The blocks with every stacked table cut into its tables, and a diagnostic for each."""
    out: list[Block] = []
    diags: list[Diagnostic] = []
    for b in blocks:
        if not isinstance(b, TableBlock) or len(b.rows) < 4:
            out.append(b)
            continue
        cuts = _cuts(b, v)
        if not cuts:
            out.append(b)
            continue
        bounds = [0, *cuts, len(b.rows)]
        out += [rows_of(b, range(a, z)) for a, z in pairwise(bounds)]
        diags.append(
            dg.make(
                "info",
                "tables-unstacked",
                f"A table holds {len(cuts) + 1} tables one under the other (a converter joined "
                "them); read as separate tables.",
                b.loc,
            )
        )
    return out, diags
