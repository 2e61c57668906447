"""The contract's canonical order of a measure's narratives, whatever order the sheet prints
them in (so that every format gives the same list)."""

from __future__ import annotations

from ..model import ACTORS, Narrative, NarrativeKind

#: right after the direction (contract 1.1): what the project is for, for whom, what it does
_EARLY_KINDS = (
    NarrativeKind.purpose,
    NarrativeKind.beneficiaries,
    NarrativeKind.overview,
    NarrativeKind.plan,
)
_LATER_KINDS = (
    NarrativeKind.results,
    NarrativeKind.expected_effects,
    NarrativeKind.changes_and_issues,
    NarrativeKind.next_steps,
)
_ACTOR_RANK = {a: i for i, a in enumerate(ACTORS)}


def _rank(kind: NarrativeKind) -> tuple[int, int, int]:
    """(group, actor factor, offset) of a kind: its key is (group, factor * actor + offset)."""
    if kind == NarrativeKind.direction:
        return (0, 0, 0)
    if kind in _EARLY_KINDS:
        return (1, 0, _EARLY_KINDS.index(kind))
    if kind in (NarrativeKind.mindset_change, NarrativeKind.behavior_change):
        return (2, 2, int(kind == NarrativeKind.behavior_change))
    if kind == NarrativeKind.outcome:
        return (3, 1, 0)
    if kind in _LATER_KINDS:
        return (4 + _LATER_KINDS.index(kind), 1, 0)
    return (9, 0, 0)


#: every kind's rank, by its value (a narrative holds the value; a member, a str with that
#: value, finds the same entry): worked out once, not per narrative through the enum
#: (hundreds of narratives per sheet)
_RANKS = {kind.value: _rank(kind) for kind in NarrativeKind}


def narrative_order(n: Narrative) -> tuple[int, int]:
    """Sort key of the canonical order (a stable sort keeps print order within a key)."""
    group, factor, offset = _RANKS[n.kind]
    if not factor:
        return (group, offset)
    actor = _ACTOR_RANK.get(n.actor, -1) if n.actor else -1
    return (group, factor * actor + offset)


__all__ = ["narrative_order"]
