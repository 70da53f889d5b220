"""Sentences as offset views of the raw text (never copies that drift)."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from extract import rulebook

_SPACE = " \t\r\n\u3000\u00a0"


@lru_cache(maxsize=1)
def _end():
    """Where a sentence ends: common.yaml's `sentence_end` (terminal punctuation, or line breaks)."""
    return re.compile(rulebook.expand("{sentence_end}"))


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Half-open sentence spans covering text[start:end], whitespace trimmed.

    >>> t = "前言\\n第一句。第二句！\\n"
    >>> [t[s:e] for s, e in sentences(t, 0, len(t))]
    ['前言', '第一句。', '第二句！']
    """
    out = []
    pos = start
    for m in _end().finditer(text, start, end):
        cut = m.end() if not m.group(0).startswith("\n") else m.start()
        _add(text, pos, cut, out)
        pos = m.end()
    _add(text, pos, end, out)
    return out


def _add(text, s, e, out):
    while s < e and text[s] in _SPACE:
        s += 1
    while e > s and text[e - 1] in _SPACE:
        e -= 1
    if s < e:
        out.append((s, e))


class SentenceIndex:
    """Find the sentence holding an offset in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def span_at(self, offset: int) -> tuple[int, int] | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return self.spans[i]
        return None
