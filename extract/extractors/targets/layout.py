"""Layout: paragraphs (the body's lines), headings and the sections they open, sentences,
clauses and the pieces of a clause, as offset ranges of the raw text."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Iterator, NamedTuple

from extract.spans import Span

if TYPE_CHECKING:
    from extract.extractors.targets.data import Data
    from extract.extractors.targets.state import Doc

# Section kinds: under a target-list heading, a past-results heading, or another one.
TARGET, PAST, OTHER = "target", "past", "other"
_HEADING_MAX = 40  # a longer line is a heading only when numbered (一、 …)


class Section(NamedTuple):
    """The section a heading opens: its kind and, for a target list, its deadline."""

    kind: str
    deadline: int | None


class Range(NamedTuple):
    start: int
    end: int


class Part(NamedTuple):
    """A sentence, or a piece of a clause, with the figures starting in it."""

    start: int
    end: int
    figs: list[Span]


# The records below are made by the thousand per document: tuple.__new__ builds one
# without the Python-level __new__ of a NamedTuple (about twice as fast).
_range = partial(tuple.__new__, Range)
_part = partial(tuple.__new__, Part)
_PAST_SECTION = Section(PAST, None)
_OTHER_SECTION = Section(OTHER, None)


class Paragraph(NamedTuple):
    start: int
    end: int
    figs: list[Span]
    section: Section | None


_paragraph = partial(tuple.__new__, Paragraph)


def range_of(part: Part) -> Range:
    return _range((part.start, part.end))


def trim(text: str, s: int, e: int, d: Data) -> tuple[int, int]:
    """text[s:e] without blanks and bullets at its ends, nor a leading 以及 or a trailing 的目标."""
    chars = d.trim
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    for lead in d.trim_leads:
        if text.startswith(lead, s) and e - s > len(lead) + 2:
            s += len(lead)
    for tail in d.trim_tails:
        if text.endswith(tail, s, e) and e - s > len(tail) + 2:
            e -= len(tail)
    return s, e


def clean(s: str, d: Data) -> str:
    """A phrase without pinyin glosses, blanks and bullets (for comparing words)."""
    return d.blanks_rx.sub("", d.gloss_rx.sub("", s))


def clauses(text: str, ss: int, se: int, d: Data) -> list[Range]:
    """The clauses of text[ss:se] (split at ，；：。 …), empty ones left out."""
    out, pos = [], ss
    for m in d.clause_rx.finditer(text, ss, se):
        if m.start() > pos:
            out.append(_range((pos, m.start())))
        pos = m.end()
    if se > pos:
        out.append(_range((pos, se)))
    return out


def pieces(text: str, cs: int, ce: int, figs: list[Span], d: Data) -> list[Part]:
    """Split a clause at 、 into pieces; a piece without a figure joins the next one.
    A clause with 分别 stays whole."""
    if d.respectively_rx.search(text, cs, ce):
        return [_part((cs, ce, figs))]
    bounds, pos = [], cs
    for m in d.piece_rx.finditer(text, cs, ce):
        bounds.append(_range((pos, m.start())))
        pos = m.end()
    bounds.append(_range((pos, ce)))
    out: list[Part] = []
    pending = None  # where a piece without a figure started: it joins the next one
    for b in bounds:
        pf = [f for f in figs if b.start <= f.start < b.end]
        s = b.start if pending is None else pending
        if not pf:
            pending = s
            continue
        pending = None
        out.append(_part((s, b.end, pf)))
    if pending is not None and out:
        out[-1] = out[-1]._replace(end=ce)  # trailing pieces without a figure join the last one
    return out


def heading(doc: Doc, s: int, e: int, has_fig: bool) -> Section | None:
    """The section the line text[s:e] opens when it is a heading, else None."""
    d = doc.d
    line = doc.text[s:e].strip(d.line_blanks)
    if not line or d.bullet_rx.match(line):
        return None
    # a line ending like a list item (…基本同步;) is not a heading, whatever its length
    short = (len(line) <= _HEADING_MAX and not d.sent_end_rx.search(line) and not has_fig
             and line[-1] not in d.list_item_end)
    if not (short or (d.enum_head_rx.match(line) and not has_fig)):
        return None
    years = doc.times.years_in(s, e)
    deadline = years[-1].year if years else doc.times.relative_year(s, e)
    if d.list_heading_rx.search(line):
        return Section(TARGET, deadline)
    ref = doc.ref_year
    if d.past_heading_rx.search(line) or (years and ref and years[-1].year < ref):
        return _PAST_SECTION
    return _OTHER_SECTION


def _section_before(doc: Doc, lo: int, ps: int, section: Section | None) -> Section | None:
    """The section in force at paragraph ps: the last heading among the lines in
    [lo, ps), else `section`."""
    text = doc.text
    e = ps - 1  # the line break ending the line before ps
    while e >= lo:
        k = text.rfind("\n", lo, e)
        s = k + 1 if k >= 0 else lo
        head = heading(doc, s, e, False)
        if head is not None:
            return head
        e = s - 1
    return section


def paragraphs(doc: Doc) -> Iterator[Paragraph]:
    """The paragraphs holding a figure (a line of the body), each with its figures and
    the section set by the last heading before it (found by reading the lines before it
    backwards, back to the previous figure paragraph)."""
    figs = doc.figures
    text, bs, be = doc.text, doc.ctx.body_start, doc.ctx.body_end
    section = None
    lo = bs  # where the lines after the previous figure paragraph start
    i, n = 0, len(figs)
    while i < n:
        start = figs[i].start
        if text.startswith("\n", start):
            i += 1  # on a line break: in no paragraph
            continue
        k = text.rfind("\n", bs, start)
        ps = k + 1 if k >= 0 else bs
        pe = text.find("\n", start, be)
        if pe < 0:
            pe = be
        j = i + 1
        while j < n and figs[j].start < pe:
            j += 1
        section = _section_before(doc, lo, ps, section)
        yield _paragraph((ps, pe, figs[i:j], section))
        lo, i = pe + 1, j


def sentences(doc: Doc, para: Paragraph) -> list[Part]:
    """The sentences of a paragraph up to the one holding its last figure (nothing after
    it can change a target), each with its figures."""
    spans = doc.ctx.sentence_index.spans
    i = max(bisect_right(doc.sent_starts, para.start) - 1, 0)
    figs = para.figs
    starts = [f.start for f in figs]  # in text order, like the sentences
    last, end, lo = starts[-1], para.end, para.start
    out = []
    for ss, se in islice(spans, i, None):
        if ss >= end or ss > last:
            break
        if se > lo:
            out.append(_part((ss, se, figs[bisect_left(starts, ss):bisect_left(starts, se)])))
    return out
