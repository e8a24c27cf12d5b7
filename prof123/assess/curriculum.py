"""The National Curriculum objective catalogue (mathematics, Years 1-6).

Pure: no Flask, no database. The catalogue lives in ``objectives.toml`` next to this module,
is read once with :mod:`tomllib` and checked on load, so a malformed edit fails loudly at the
first use rather than producing odd reports later.

Codes (``Y4-FR-03``) are the primary key. They are never renumbered or reused: a withdrawn
objective is moved to ``retired`` and its code stays out of use for good.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

COVERAGES = ("full", "partial", "none")
STA_CONFIDENCES = ("high", "medium", "low")
CODE_PATTERN = re.compile(r"^Y([1-6])-([A-Z]+)-(\d{2})$")
RESOURCE = "objectives.toml"


@dataclass(frozen=True)
class Domain:
    key: str
    name: str
    sta_strand: str
    years: tuple[int, ...]


@dataclass(frozen=True)
class Objective:
    code: str
    year: int
    domain: str
    sta_refs: tuple[str, ...]
    sta_confidence: str
    # how far generated, auto-marked items assess it: full | partial | none
    coverage: str
    families: tuple[str, ...]
    statement: str
    # partial objectives only: the part generated items do cover
    assessable_part: str | None = None

    @property
    def key_stage(self) -> str:
        return "KS1" if self.year <= 2 else "KS2"

    @property
    def is_assessable(self) -> bool:
        return self.coverage != "none"


@dataclass(frozen=True)
class Catalogue:
    version: int
    domains: Mapping[str, Domain]
    objectives: tuple[Objective, ...]
    by_code: Mapping[str, Objective]
    retired: frozenset[str]


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue, loaded and validated once per process."""
    text = resources.files(__package__).joinpath(RESOURCE).read_text(encoding="utf-8")
    return parse(text)


def objective(code: str) -> Objective:
    """The live objective with this code; ``KeyError`` for unknown or retired codes."""
    try:
        return catalogue().by_code[code]
    except KeyError:
        raise KeyError(f"unknown objective code {code!r}") from None


def objectives_for_year(year: int) -> tuple[Objective, ...]:
    return tuple(o for o in catalogue().objectives if o.year == year)


def assessable_for_year(year: int) -> tuple[Objective, ...]:
    return tuple(o for o in objectives_for_year(year) if o.is_assessable)


def parse(text: str) -> Catalogue:
    """Build a validated catalogue from TOML text (separate from loading, for tests)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"objective catalogue is not valid TOML: {exc}") from exc

    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("objective catalogue needs an integer version >= 1")
    retired = data.get("retired", [])
    if not isinstance(retired, list) or not all(isinstance(c, str) for c in retired):
        raise ValueError("retired must be a list of objective codes")

    domains: dict[str, Domain] = {}
    for raw in data.get("domain", []):
        d = _domain(raw)
        if d.key in domains:
            raise ValueError(f"domain {d.key} defined twice")
        domains[d.key] = d
    if not domains:
        raise ValueError("objective catalogue defines no domains")

    objectives: list[Objective] = []
    by_code: dict[str, Objective] = {}
    for raw in data.get("objective", []):
        o = _objective(raw, domains)
        if o.code in by_code:
            raise ValueError(f"objective code {o.code} used twice")
        by_code[o.code] = o
        objectives.append(o)
    if not objectives:
        raise ValueError("objective catalogue defines no objectives")

    reused = sorted(set(retired) & by_code.keys())
    if reused:
        raise ValueError(f"retired codes must never be reused: {', '.join(reused)}")

    return Catalogue(
        version=version,
        domains=MappingProxyType(domains),
        objectives=tuple(objectives),
        by_code=MappingProxyType(by_code),
        retired=frozenset(retired),
    )


def _domain(raw: Mapping[str, Any]) -> Domain:
    key = raw.get("key")
    if not isinstance(key, str) or not re.fullmatch(r"[A-Z]+", key):
        raise ValueError(f"domain key {key!r} must be upper-case letters")
    name, strand = raw.get("name"), raw.get("sta_strand")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"domain {key} has no name")
    if not isinstance(strand, str) or not strand:
        raise ValueError(f"domain {key} has no sta_strand")
    years = raw.get("years", [])
    if not isinstance(years, list) or not all(y in range(1, 7) for y in years):
        raise ValueError(f"domain {key} years must be a list of years 1-6")
    return Domain(key=key, name=name, sta_strand=strand, years=tuple(years))


def _objective(raw: Mapping[str, Any], domains: Mapping[str, Domain]) -> Objective:
    code = raw.get("code")
    if not isinstance(code, str):
        raise ValueError(f"objective without a code: {dict(raw)!r}")
    match = CODE_PATTERN.fullmatch(code)
    if match is None:
        raise ValueError(f"objective code {code!r} does not match Y<year>-<DOMAIN>-<nn>")
    year, domain = raw.get("year"), raw.get("domain")
    if year != int(match[1]) or isinstance(year, bool):
        raise ValueError(f"{code}: year {year!r} does not match its code")
    if domain != match[2]:
        raise ValueError(f"{code}: domain {domain!r} does not match its code")
    if domain not in domains:
        raise ValueError(f"{code}: unknown domain {domain!r}")
    if domains[domain].years and year not in domains[domain].years:
        raise ValueError(f"{code}: domain {domain} has no Year {year} content")

    coverage = raw.get("coverage")
    if coverage not in COVERAGES:
        raise ValueError(f"{code}: coverage {coverage!r} is not one of {', '.join(COVERAGES)}")
    confidence = raw.get("sta_confidence")
    if confidence not in STA_CONFIDENCES:
        raise ValueError(f"{code}: sta_confidence {confidence!r} is not high, medium or low")

    statement = raw.get("statement")
    if not isinstance(statement, str) or not statement.strip():
        raise ValueError(f"{code}: statement is missing")
    part = raw.get("assessable_part")
    if coverage == "partial":
        if not isinstance(part, str) or not part.strip():
            raise ValueError(f"{code}: a partial objective needs an assessable_part")
    elif part is not None:
        raise ValueError(f"{code}: assessable_part is only for partial objectives")

    sta_refs = _strings(code, raw, "sta_refs")
    families = _strings(code, raw, "families")
    if coverage != "none" and not families:
        raise ValueError(f"{code}: an assessable objective needs at least one family")
    if coverage == "none" and families:
        raise ValueError(f"{code}: an objective with no coverage cannot list families")

    return Objective(
        code=code,
        year=year,
        domain=domain,
        sta_refs=sta_refs,
        sta_confidence=confidence,
        coverage=coverage,
        families=families,
        statement=statement,
        assessable_part=part,
    )


def _strings(code: str, raw: Mapping[str, Any], field: str) -> tuple[str, ...]:
    value = raw.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{code}: {field} must be a list of strings")
    return tuple(value)
