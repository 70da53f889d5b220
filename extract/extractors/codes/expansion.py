"""Expansions of numeric codes: the parts a body spells out next to the code
(GUIDELINES §1, `expansion`): `45154` → 4维创新愿景, 5大核心专业能力, … Never from the
glossary."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from extract.context import DocContext
from extract.extractors.codes.book import DocMemo, book
from extract.extractors.codes.labels import after_close

_CODE_TOKEN = re.compile(r"[0-9]+|[XNM]")      # 7+28+N → 7, 28, N
_DIGITS_LETTER = re.compile(r"[0-9]+[XNM]")    # 415X: its digits may split over parts
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_OPEN = "XNM"                                   # a part standing for an open-ended rest


class Part(NamedTuple):
    """A numbered part in the text: 3大万亿级主导产业集群 (value '3'), “四大集群” (value
    '4'), 若干专精特新产业链 (value '': an open-ended part)."""

    start: int
    end: int
    value: str
    raw: str


def clean_item(s: str) -> str:
    """A part as stored: no spaces, no pinyin gloss, no trailing 的/等."""
    b = book()
    s = b.pinyin.sub("", _SPACE.sub("", s))
    return s.rstrip(b.item_trailing)


def window(ctx: DocContext, memo: DocMemo, start: int, before: int = 1, after: int = 2) -> tuple[int, int]:
    """The sentence holding `start` widened by `before` and `after` sentences."""
    spans = ctx.sentence_index.spans
    if not spans:
        return ctx.body_start, ctx.body_end
    if memo.sentence_starts is None:
        memo.sentence_starts = [s for s, _ in spans]
    i = max(0, bisect_right(memo.sentence_starts, start) - 1)
    lo, _ = spans[max(0, i - before)]
    _, hi = spans[min(len(spans) - 1, i + after)]
    return lo, hi


def items(ctx: DocContext, lo: int, hi: int) -> list[Part]:
    """Numbered parts in text[lo:hi], in text order. The raw text is cleaned (clean_item)
    only for the parts an expansion uses. No two parts share a start (a quoted part starts
    at “, a numbered one never does), so the order never depends on the text."""
    b = book()
    out = []
    for m in b.item.finditer(ctx.text, lo, hi):
        out.append(Part(m.start(), m.end(), (m.group("num") or "").translate(b.fullwidth), m.group(0)))
    for m in b.quoted_part.finditer(ctx.text, lo, hi):
        out.append(Part(m.start(), m.end(), str(b.counts.get(m.group("qnum"), "")), m.group(0)[1:-1]))
    out.sort()
    return out


def _match_run(parts: list[Part], k: int, tokens: list[str], split_free: bool) -> list[Part] | None:
    """Match code tokens against parts[k:], consuming parts; the parts used, or None."""
    used = []
    j = k
    for t in tokens:
        if j >= len(parts):
            return None
        if t in _OPEN:
            if parts[j].value not in ("", t):
                return None
            used.append(parts[j])
            j += 1
            continue
        acc = ""
        while j < len(parts) and parts[j].value and len(acc) < len(t):
            acc += parts[j].value
            used.append(parts[j])
            j += 1
            if not split_free:
                break
        if acc != t:
            return None
    return used


def _tight(ctx: DocContext, run: list[Part]) -> bool:
    """The parts follow each other closely, within one sentence."""
    b = book()
    for a, c in zip(run, run[1:]):
        gap = ctx.text[a.end:c.start]
        if len(gap) > b.gap_max or any(x in gap for x in b.gap_breaks):
            return False
    return True


def _closest_run(ctx: DocContext, memo: DocMemo, ms: int, me: int, tokens: list[str],
                 split_free: bool) -> list[Part] | None:
    """The run of parts around the mention text[ms:me] that spells the code out, nearest
    the mention first."""
    lo, hi = window(ctx, memo, ms)
    parts = [p for p in items(ctx, lo, hi) if not (p.start < me and ms < p.end)]
    best, best_dist = None, 0
    for k in range(len(parts)):
        run = _match_run(parts, k, tokens, split_free)
        if run and len(run) >= 2 and _tight(ctx, run):
            dist = min(abs(run[0].start - ms), abs(run[-1].end - ms))
            if best is None or dist < best_dist:
                best, best_dist = run, dist
    return best


def _namely_parts(ctx: DocContext, me: int, tokens: list[str]) -> list[str] | None:
    """`“8810”目标,即: … 8 条制造业重点产业链 …`: the first part(s), spelled out after 即."""
    b = book()
    m = b.namely.match(ctx.text, after_close(ctx, me), ctx.body_end)
    if not m:
        return None
    _, sent_end = ctx.sentence_span(m.end())
    digits = "".join(t for t in tokens if t.isdigit())
    acc = ""
    run = []
    for part in items(ctx, m.end(), max(sent_end, m.end())):
        if part.value and digits.startswith(acc + part.value):
            acc += part.value
            run.append(clean_item(part.raw))
        else:
            break
    return run or None


def numeric_expansion(ctx: DocContext, memo: DocMemo, code: str, mentions) -> list[str] | None:
    """The parts of a numeric code the body spells out next to one of its mentions."""
    tokens = _CODE_TOKEN.findall(code)
    letter_tail = _DIGITS_LETTER.fullmatch(code) is not None
    split_free = code.isdigit() or letter_tail
    if letter_tail:
        tokens = [code[:-1], code[-1]]
    for ms, me in mentions:
        run = _closest_run(ctx, memo, ms, me, tokens, split_free)
        if run:
            return [clean_item(p.raw) for p in run]
        partial = _namely_parts(ctx, me, tokens)
        if partial:
            return partial
    return None
