"""Loading the family profiles shipped in this package: TOML files merged with the profile they
extend, validated, and compiled once per process into :class:`Family` objects."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from .profile import LabelRule, Profile, expand
from .vocab import Vocab

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class ProfileError(ValueError):
    """A profile file is malformed: the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Label:
    """A compiled :class:`LabelRule`."""

    rule: LabelRule
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Signature:
    pattern: re.Pattern[str]
    weight: float
    where: str
    source: str
    #: the pattern where it is plain text (most signatures are a word): looked for with ``in``,
    #: many times faster than a regex search through a long Japanese text
    literal: str | None = None

    def found(self, text: str) -> bool:
        """Whether the signature occurs in ``text``."""
        if self.literal is not None:
            return self.literal in text
        return self.pattern.search(text) is not None


def _literal(pattern: re.Pattern[str]) -> str | None:
    """The text a pattern without flags or special characters matches, else None."""
    text = pattern.pattern
    return text if not pattern.flags & ~re.UNICODE and re.escape(text) == text else None


@dataclass(frozen=True, slots=True)
class TotalRule:
    """A compiled ``[[totals]]`` rule (see :class:`~.profile.TotalsRule`)."""

    row: re.Pattern[str] | None
    of: str | None
    of_pattern: re.Pattern[str] | None
    minus: bool
    breakdown: bool
    subunits: re.Pattern[str] | None


def _compile(pattern: str, macros: dict[str, str], where: str) -> re.Pattern[str]:
    try:
        return re.compile(expand(pattern, macros))
    except (re.error, ValueError) as e:
        raise ProfileError(f"{where}: bad pattern {pattern!r} ({e})") from None


class Family:
    """A profile compiled for reading: its patterns, vocabulary and label rules."""

    def __init__(self, profile: Profile) -> None:
        p = profile
        m = p.macros
        self.profile = p
        self.name = p.name
        self.description = p.description
        self.municipality = p.municipality
        self.tables = tuple(p.tables)
        self.vocab = Vocab(p.vocabulary)

        def opt(pattern: str | None, where: str) -> re.Pattern[str] | None:
            return _compile(pattern, m, f"{p.name}: {where}") if pattern else None

        self.measure_heading = opt(p.measure.heading, "measure.heading")
        self.measure_id = p.measure.id
        self.direction = opt(p.sections.direction, "sections.direction")
        self.direction_run_in = opt(p.sections.direction_run_in, "sections.direction_run_in")
        self.organize_title = opt(p.titles.organize, "titles.organize")
        self.approach_title = opt(p.titles.approach, "titles.approach")
        self.structure_titles = tuple(
            _compile(t, m, f"{p.name}: titles.structure") for t in p.titles.structure
        )
        self.page_number = opt(p.furniture.get("page_number"), "furniture.page_number")
        self.publication_date = opt(
            p.furniture.get("publication_date"), "furniture.publication_date"
        )
        s = p.sheet
        self.title_words = tuple(s.title_words)
        self.title_patterns = tuple(_compile(t, m, f"{p.name}: sheet.title") for t in s.title)
        self.plan = opt(s.plan, "sheet.plan")
        self.plan_term = opt(s.plan_term, "sheet.plan_term")
        self.report_year = tuple(
            _compile(t, m, f"{p.name}: sheet.report_year") for t in s.report_year
        )
        self.report_year_from = tuple(s.report_year_from)
        self.era = s.era
        self.preface = s.preface
        self.totals = tuple(
            TotalRule(
                row=opt(r.row, f"totals[{i}].row"),
                of=r.of,
                of_pattern=opt(r.of, f"totals[{i}].of") if r.of and r.of != "group" else None,
                minus=r.minus,
                breakdown=r.breakdown,
                subunits=opt(r.subunits, f"totals[{i}].subunits"),
            )
            for i, r in enumerate(p.totals)
        )
        self.targets = opt(p.targets.pattern, "targets.pattern")
        self.target_label = p.targets.label
        self.labels = tuple(
            Label(rule, _compile(rule.match, m, f"{p.name}: labels[{i}].match"))
            for i, rule in enumerate(p.labels)
        )
        signatures = []
        for i, sig in enumerate(p.detect.signatures):
            compiled = _compile(sig.pattern, m, f"{p.name}: detect.signatures[{i}]")
            signatures.append(
                Signature(compiled, sig.weight, sig.where, sig.pattern, _literal(compiled))
            )
        self.signatures = tuple(signatures)
        self.required = tuple(
            _compile(r, m, f"{p.name}: detect.required") for r in p.detect.required
        )
        self.threshold = p.detect.threshold
        self.direction_words: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in (p.vocabulary.direction or {}).items()}
        )

    def __repr__(self) -> str:
        return f"<Family {self.name}>"


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """``top`` over ``base``: tables merged key by key, everything else replaced."""
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _profile_files() -> dict[str, Any]:
    root = resources.files(__package__)
    return {
        entry.name[: -len(".toml")]: entry
        for entry in root.iterdir()
        if entry.name.endswith(".toml")
    }


@cache
def _raw(name: str) -> dict[str, Any]:
    files = _profile_files()
    if name not in files:
        raise ProfileError(f"no profile named {name!r} (known: {', '.join(sorted(files))})")
    try:
        data = tomllib.loads(files[name].read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(f"{name}.toml: {e}") from None
    if data.get("name") != name:
        raise ProfileError(f"{name}.toml: its name key must be {name!r}")
    parent = data.get("extends")
    if parent:
        base = {k: v for k, v in _raw(parent).items() if k not in ("name", "abstract")}
        base.pop("description", None)
        data = _merge(base, data)
    return data


@cache
def load(name: str) -> Family:
    """The compiled family ``name`` (a profile file ``families/{name}.toml``)."""
    data = _raw(name)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as e:
        raise ProfileError(f"{name}.toml: {e}") from None
    return Family(profile)


@cache
def families() -> tuple[Family, ...]:
    """Every family that can read a sheet (abstract profiles left out), by name."""
    out = []
    for name in sorted(_profile_files()):
        fam = load(name)
        if not fam.profile.abstract:
            out.append(fam)
    return tuple(out)


def family_names() -> list[str]:
    return [f.name for f in families()]


__all__ = ["Family", "Label", "ProfileError", "Signature", "families", "family_names", "load"]
