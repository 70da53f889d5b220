"""find: the spans of candidate codes (the `role: detect` rules of codes.yaml), and the
normal form of a code."""
from __future__ import annotations

import re

from extract.context import DocContext
from extract.extractors.codes.book import DocMemo, book
from extract.spans import Span, resolve_overlaps

_SPACE = re.compile(r"[\s\u3000\u00a0]+")


def normalise(surface: str) -> str:
    """The code as stored: quotes and spaces removed, ASCII digits and `+`.

    >>> normalise("“ 8810”"), normalise("７＋２８＋Ｎ"), normalise("4 + 4 + X"), normalise("雙核一帶一廊")
    ('8810', '7+28+N', '4+4+X', '雙核一帶一廊')
    """
    if surface.isascii() and surface.isdigit():
        return surface  # nothing to strip or map (most codes and numeric tokens)
    b = book()
    s = surface.strip().strip(b.quotes)
    return _SPACE.sub("", s.translate(b.fullwidth))


def kind_of(code: str) -> str:
    return "numeric" if code[:1].isdigit() else "numeral_slogan"


def find(ctx: DocContext, memo: DocMemo) -> list[Span]:
    """Candidate spans (the code without its quotes), no two overlapping. A span's groups:
    `quoted` (it sat in a pair of quotes) and `after` (where a label after it starts)."""
    spans = []
    b = book()
    pairs = b.pairs
    for d in b.detectors:
        quoted = d.quoted
        for m in d.scanner.finditer(ctx.text, ctx.body_start, ctx.body_end, memo.runs):
            if quoted and m.group("close") not in pairs.get(m.group("open"), ""):
                continue  # not a pair of quotes
            s, e = m.span("code")
            spans.append(Span(d.rule.id, s, e, {"quoted": quoted, "after": m.end() if quoted else e}))
    return resolve_overlaps(spans)
