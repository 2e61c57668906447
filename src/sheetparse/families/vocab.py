"""A family's table vocabulary, compiled from its profile: the one place where printed header
and row labels are matched to what they mean.

Labels are matched on :func:`sheetparse.textutil.fold` (NFKC, no white space), never on the
text that goes into the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..model import Actor, CostKind, NarrativeKind
from ..textutil import fold
from .profile import Vocabulary

ColumnRole = Literal["name", "unit", "baseline", "actual", "target", "note", "actor"]
#: roles a column or row of a year grid can give its values
ValueRole = Literal["baseline", "actual", "plan", "target", "budget", "settlement"]


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Folded labels that mean one thing; ``prefix`` also accepts a label that starts with one
    of them and continues with a parenthesis or a year (``現状値(R5)``, ``目標値R9年度``)."""

    words: frozenset[str]
    prefix: bool = False

    def match(self, label: str) -> bool:
        f = fold(label)
        if f in self.words:
            return True
        if self.prefix:
            return f.startswith(self.starts)
        return False

    @property
    def starts(self) -> tuple[str, ...]:
        """The words as a tuple, for one str.startswith call."""
        return _starts(self.words)


@lru_cache(maxsize=256)
def _starts(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(words)


def _syn(words: list[str], prefix: bool = False) -> Synonyms:
    return Synonyms(frozenset(fold(w) for w in words), prefix)


_EMPTY = Synonyms(frozenset())


#: the label-matching methods memoised per instance: the structure step asks them of the same
#: header and row labels table after table (thousands of times per sheet)
_MEMOISED = (
    "strip_years",
    "is_forecast",
    "cost_kind",
    "is_difference",
    "value_role",
    "indicator_kind",
    "actor_of",
    "approach_kind",
    "org_kind",
)


class Vocab:
    """Compiled vocabulary of one family (see :class:`~sheetparse.families.profile.Vocabulary`).
    Its methods are pure and memoised per instance."""

    def __init__(self, v: Vocabulary) -> None:
        self.year_token = re.compile(v.year_token or r"(?!)")
        self.forecast_means: Literal["plan", "note"] = v.forecast or "plan"
        self.forecast_words: tuple[str, ...] = tuple(
            sorted((fold(w) for w in v.forecast_words or ()), key=len, reverse=True)
        )
        self.columns: dict[str, Synonyms] = {
            role: _syn(s.words, s.prefix) for role, s in (v.columns or {}).items()
        }
        costs = v.costs or {}
        self.settlement = _syn(costs.get("settlement", []))
        self.budget = _syn(costs.get("budget", []))
        self.difference = _syn(costs.get("difference", []), prefix=True)
        self.cost_unit = re.compile(costs.get("unit") or r"(?!)")
        marks = v.marks or {}
        self.chosen_marks = "".join(marks.get("chosen", []))
        self.unchosen_marks = "".join(marks.get("unchosen", []))
        org = v.organize or {}
        self.org_columns: dict[NarrativeKind, Synonyms] = {
            NarrativeKind(k): _syn(words) for k, words in org.items() if k != "process_header"
        }
        self.org_process_header = _syn(org.get("process_header", []))
        actors = v.actors or {}
        self.actor_header = _syn(actors.get("header", []))
        self.actor_labels: dict[str, Actor] = {
            fold(k): a for k, a in (actors.get("labels") or {}).items()
        }
        self.approach_rows: dict[NarrativeKind, re.Pattern[str]] = {
            NarrativeKind(k): re.compile(p) for k, p in (v.approach or {}).items()
        }
        kinds = v.indicator_kinds or {}
        self.indicator_kinds: dict[str, tuple[str, ...]] = {
            k: tuple(fold(w) for w in words) for k, words in kinds.items()
        }
        self._role = lru_cache(maxsize=2048)(self._indicator_role)
        for name in _MEMOISED:
            setattr(self, name, lru_cache(maxsize=2048)(getattr(self, name)))

    # --- years and roles ------------------------------------------------------------------

    def strip_years(self, label: str) -> str:
        """A folded header without its fiscal-year tokens (``現状値(R5)`` → ``現状値``)."""
        return self.year_token.sub("", fold(label))

    def _indicator_role(self, label: str) -> ColumnRole | None:
        f = self.strip_years(label)
        if not f:
            return None
        for role in ("target", "baseline", "unit", "note", "name", "actual"):
            syn = self.columns.get(role, _EMPTY)
            if syn.match(f):
                return role  # type: ignore[return-value]
        return None

    def indicator_role(self, label: str) -> ColumnRole | None:
        """The role of an indicator-table header cell (the most specific one wins)."""
        return self._role(label)

    def is_forecast(self, label: str) -> str | None:
        """The forecast word (見込, 想定 …) in a header, else None."""
        f = fold(label)
        return next((w for w in self.forecast_words if w in f), None)

    def cost_kind(self, label: str) -> CostKind | None:
        """budget (予算 …) or settlement (決算) where a header or row label names one."""
        f = self.strip_years(label)
        if not f:
            return None
        if any(w in f for w in self.settlement.words):
            return "settlement"
        if any(w in f for w in self.budget.words):
            return "budget"
        return None

    def is_difference(self, label: str) -> bool:
        """A column that derives from others (差引, 増減): its figures are not costs."""
        f = self.strip_years(label)
        return bool(f) and any(f.startswith(w) for w in self.difference.words)

    def value_role(self, label: str) -> ValueRole | None:
        """What values under a year header or beside a row label are: a cost kind, or an
        indicator role (実績 → actual, 見込/想定 → plan, 目標 → target, 現状値 → baseline)."""
        kind = self.cost_kind(label)
        if kind is not None:
            return kind
        role = self.indicator_role(label)
        if role in ("baseline", "target", "actual"):
            if role == "actual" and self.is_forecast(label):
                return "plan"
            return role  # type: ignore[return-value]
        if self.is_forecast(label):
            return "plan"
        return None

    def unit_in(self, text: str) -> str | None:
        """A money unit a table prints for itself (千円単位, 単位：千円, （千円））."""
        m = self.cost_unit.search(text)
        if m is None:
            return None
        return next((g for g in m.groups() if g), None)

    def indicator_kind(self, text: str) -> str | None:
        """activity / outcome where the words of a label or name say so (活動指標, 成果指標)."""
        f = fold(text)
        for kind, words in self.indicator_kinds.items():
            if any(w in f for w in words):
                return kind
        return None

    # --- the seed family's organize-action and approach tables ------------------------------

    def actor_of(self, label: str) -> Actor | None:
        """The actor (市民 / 地域 / 市) a label names, else None."""
        return self.actor_labels.get(fold(label))

    def approach_kind(self, label: str) -> NarrativeKind | None:
        """The narrative kind of an approach-table row label, else None."""
        f = fold(label)
        if not f:
            return None
        for kind, pattern in self.approach_rows.items():
            if pattern.match(f):
                return kind
        return None

    def org_kind(self, label: str) -> NarrativeKind | None:
        """The narrative kind of an organize-action column header, else None."""
        for kind, syn in self.org_columns.items():
            if syn.match(label):
                return kind
        return None


__all__ = ["ColumnRole", "Synonyms", "ValueRole", "Vocab"]
