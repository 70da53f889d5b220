"""Spans: the found-but-not-yet-resolved unit every extractor yields, and the
overlap policy shared by all of them."""
from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Iterable


@dataclass(frozen=True)
class Span:
    """A match in the raw text: rule id, half-open offsets, captured groups."""

    rule: str
    start: int
    end: int
    groups: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


def record_id(doc_id: str, table: str, start: int, end: int) -> str:
    """Stable key of a record: a value fix keeps it, a moved span changes it."""
    return hashlib.sha1(f"{doc_id}\0{table}\0{start}\0{end}".encode()).hexdigest()[:16]


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep non-overlapping spans: longest wins, then leftmost, then rule id; in text order.

    The one overlap policy of every extractor (Extractor.select, dates, codes, targets'
    figures): call it rather than restating it.

    >>> a, b, c = Span("x.a", 0, 4), Span("x.b", 2, 8), Span("x.c", 8, 9)
    >>> [s.rule for s in resolve_overlaps([a, b, c])]
    ['x.b', 'x.c']
    >>> [s.rule for s in resolve_overlaps([Span("x.a", 5, 7), Span("x.b", 0, 2), Span("x.c", 1, 6)])]
    ['x.c']
    """
    starts: list[int] = []  # chosen spans are disjoint: sorted by start, their ends are sorted too
    chosen: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.rule)):
        i = bisect_left(starts, s.end)  # chosen[:i] start before s ends
        if i and chosen[i - 1].end > s.start:
            continue
        starts.insert(i, s.start)
        chosen.insert(i, s)
    return chosen
