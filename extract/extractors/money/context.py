"""What resolve reads around a money span: a *shadow* of the text, with pinyin glosses
removed (`突破(tūpò)万亿元`) and traditional characters mapped to simplified (`超過`), and a
map back to raw offsets, so a qualifier word is reported as written and every offset stays
true; the qualifier words and verbs right before or after the span."""
from __future__ import annotations

from typing import NamedTuple

from extract.context import DocContext
from extract.extractors.money.tables import data


class Shadow(NamedTuple):
    text: str            # the shadow
    offsets: list[int]   # the raw offset of each of its characters


class Word(NamedTuple):
    """A qualifier word next to the span: its qualifier, and the word as written."""

    qualifier: str
    raw: str


def shadow(text: str, a: int, b: int) -> Shadow:
    """text[a:b] with pinyin glosses removed and traditional characters simplified."""
    d = data()
    chars: list[str] = []
    offs: list[int] = []
    pos = a
    for m in d.gloss.finditer(text, a, b):
        chars.append(text[pos:m.start()])
        offs.extend(range(pos, m.start()))
        pos = m.end()
    chars.append(text[pos:b])
    offs.extend(range(pos, b))
    return Shadow("".join(chars).translate(d.t2s), offs)


def shadow_text(text: str, a: int, b: int) -> str:
    """The shadow of text[a:b] alone, without its offsets (the gloss pattern has no
    lookaround, so it matches the slice as it matches the text between a and b)."""
    d = data()
    return d.gloss.sub("", text[a:b]).translate(d.t2s)


def left(ctx: DocContext, start: int, width: int = 24) -> Shadow:
    return shadow(ctx.text, max(ctx.body_start, start - width), start)


def left_text(ctx: DocContext, start: int, width: int = 24) -> str:
    return shadow_text(ctx.text, max(ctx.body_start, start - width), start)


def right(ctx: DocContext, end: int, width: int = 24) -> Shadow:
    return shadow(ctx.text, end, min(ctx.body_end, end + width))


def right_text(ctx: DocContext, end: int, width: int = 24) -> str:
    return shadow_text(ctx.text, end, min(ctx.body_end, end + width))


def _guarded(sh: str, i: int, word: str) -> bool:
    """True when the character before a one-character word makes it part of another word
    (签约, 通过, 最近 …)."""
    return i > 0 and sh[i - 1] in data().guards.get(word, ())


def prefix(ctx: DocContext, start: int, bare: bool) -> Word | None:
    """The qualifier word right before `start` (超, 约, 不超过 …)."""
    d = data()
    sh, offs = left(ctx, start)
    m = d.prefix_rx.search(sh)
    if not m:
        return None
    word = m.group(1)
    if _guarded(sh, m.start(1), word):
        return None
    if word in d.bare_only and not bare:
        return None
    return Word(d.prefix[word], ctx.text[offs[m.start(1)]:offs[m.end(1) - 1] + 1])


def suffix(ctx: DocContext, end: int) -> Word | None:
    """The qualifier word right after `end` (以上, 左右, 以内 …)."""
    d = data()
    sh, offs = right(ctx, end)
    m = d.suffix_rx.match(sh)
    if not m:
        return None
    return Word(d.suffix[m.group(1)], ctx.text[offs[m.start(1)]:offs[m.end(1) - 1] + 1])


def verb_before(ctx: DocContext, start: int, rx) -> str | None:
    """The word of pattern `rx` (group 1) ending right before `start` (guards applied)."""
    sh = left_text(ctx, start)
    m = rx.search(sh)
    if not m or _guarded(sh, m.start(1), m.group(1)):
        return None
    return m.group(1)


def clause_left(ctx: DocContext, start: int, width: int = 20) -> str:
    """The shadow of the clause before `start` (back to a clause end, at most `width`)."""
    sh = left_text(ctx, start, width)
    cut = max(sh.rfind(c) for c in data().clause_end)
    return sh[cut + 1:]


def followed_by_grade_mark(ctx: DocContext, end: int) -> bool:
    return right_text(ctx, end, 2)[:1] == data().grade_mark
