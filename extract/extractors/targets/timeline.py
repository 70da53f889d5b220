"""Years and deadlines: the explicit years of a stretch of text, its year word (今年,
明年 …), and whether the time said last before a figure is past or future."""
from __future__ import annotations

from functools import partial
from typing import NamedTuple


class Year(NamedTuple):
    """An explicit year in the text: its value, its offset, said with 到/至 (a deadline)."""

    year: int
    at: int
    to: bool


_year = partial(tuple.__new__, Year)  # a Year without NamedTuple's Python-level __new__ (hot)


class Timeline:
    """The years of one document."""

    def __init__(self, text: str, d, ref_year: int | None, pub_year: int | None):
        self.text, self.d, self.ref_year, self.pub_year = text, d, ref_year, pub_year

    def years_in(self, s: int, e: int) -> list[Year]:
        """The explicit years in text[s:e]."""
        out = []
        d = self.d
        for m in d.year_rx.finditer(self.text, s, e):
            y = int((m.group("y2") or m.group("y")).translate(d.year_digits))
            if 1900 <= y <= 2200:
                out.append(_year((y, m.start(), bool(m.group("to")))))
        return out

    def future(self, years: list[Year]) -> list[Year]:
        """The years not before the reference year (all of them without one)."""
        ref = self.ref_year
        return years if ref is None else [y for y in years if y.year >= ref]

    def relative_year(self, s: int, e: int) -> int | None:
        """The year of 今年/明年 … in text[s:e] (from the publication date)."""
        if self.pub_year is None:
            return None
        m = self.d.rel_year_rx.search(self.text, s, e)
        if not m:
            return None
        return self.pub_year + (1 if m.group("next") else 2 if m.group("after_next") else 0)

    def time_before(self, ss: int, pos: int) -> str | None:
        """'past' | 'future' for the last time expression in text[ss:pos], or None."""
        at, when = -1, None
        d, text = self.d, self.text
        for m in d.year_rx.finditer(text, ss, pos):
            y = int((m.group("y2") or m.group("y")).translate(d.year_digits))
            past = self.ref_year is not None and y < self.ref_year and not m.group("to")
            at, when = m.start(), "past" if past else "future"
        for m in d.rel_year_rx.finditer(text, ss, pos):
            if m.start() > at:
                at, when = m.start(), "future"
        for m in d.past_year_rx.finditer(text[ss:pos]):
            if ss + m.start() > at:
                at, when = ss + m.start(), "past"
        return when

    def strip(self, phrase: str) -> str:
        """`phrase` without its year expressions (a metric or a name holds none)."""
        return self.d.year_rx.sub("", phrase)
