"""The tables of rules/dates.yaml, typed (schema.rules.DatesFile), with the vetoes by reason."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract import rulebook, vocab
from extract.extractors import Veto
from extract.spans import Span
from schema.rules import DatesFile

TABLE = "dates"
# The vetoes this extractor returns, by reason (dates.veto.<reason> in dates.yaml).
VETOES = ("impossible_calendar", "implausible_year", "reversed_range", "unanchored_year_word")


@dataclass(frozen=True)
class RelYear:
    offset: int
    anchorable: bool
    anchor_only: bool


@dataclass(frozen=True)
class DatesData:
    fyp: dict[str, tuple[int, int]]
    rel_years: dict[str, RelYear]
    rel_months: dict[str, int]
    year_parts: dict[str, tuple[int, int]]
    half_years: dict[str, tuple[int, int]]
    ten_days: dict[str, tuple[int, int]]
    number_words: dict[str, int]
    year_min: int
    year_max: int
    fullwidth: dict[int, int]
    anchor: re.Pattern  # find's windows: `margin` characters around each match
    margin: int
    veto_ids: dict[str, str]


@lru_cache(maxsize=None)
def book() -> rulebook.RuleFile:
    return rulebook.load(TABLE)


@lru_cache(maxsize=None)
def data() -> DatesData:
    f = DatesFile.model_validate(book().data)
    ids = {v.id.rsplit(".", 1)[1]: v.id for v in f.vetoes}
    if set(ids) != set(VETOES):
        raise ValueError(f"dates.yaml vetoes {sorted(ids)} are not those the extractor returns {sorted(VETOES)}")
    return DatesData(
        fyp=dict(f.words.dates_fyp),
        rel_years={k: RelYear(v.offset, v.anchorable, v.anchor_only) for k, v in f.rel_years.items()},
        rel_months=dict(f.rel_months), year_parts=dict(f.year_parts), half_years=dict(f.half_years),
        ten_days=dict(f.ten_days), number_words=dict(f.number_words),
        year_min=f.years.min, year_max=f.years.max, fullwidth=vocab.fullwidth(),
        anchor=re.compile(f.anchor), margin=f.anchor_margin, veto_ids=ids)


def veto(reason: str, span: Span) -> Veto:
    """The Veto `dates.veto.<reason>` of a span."""
    return Veto(data().veto_ids[reason], span.start, span.end)
