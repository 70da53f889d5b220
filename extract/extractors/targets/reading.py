"""The reading pass: which figures are targets, paragraph by paragraph, sentence by
sentence, clause by clause.

A figure is a target when a modality word governs it: in its own clause, in an earlier
clause of the same sentence, in an earlier target sentence of the same paragraph
(carry-over, `Chain`), or a heading/lead introducing a target list (主要预期目标). A
future 到2030年 alone also counts (modality 到). What a sentence hands on (modality,
year) stays inside its paragraph. Vetoes (vetoes.py, and the sentence's past context
here) refuse a governed figure; the reader notes the veto's id for `resolve`.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from extract.extractors.targets import fields, layout, subject, vetoes
from extract.extractors.targets.layout import PAST, TARGET, Paragraph, Part, Range, Section
from extract.extractors.targets.state import Chain, Doc
from extract.extractors.targets.timeline import Year
from extract.spans import Span
from schema.candidates import CANDIDATES


class Mod(NamedTuple):
    """A modality word and its offset."""

    word: str
    at: int


TargetCandidate = CANDIDATES["targets"]
_mod = partial(tuple.__new__, Mod)
_chain = partial(tuple.__new__, Chain)  # a Mod without NamedTuple's Python-level __new__ (hot)


@dataclass(slots=True)
class Sentence:
    """One sentence holding figures, with what its clauses share."""

    part: Part
    section: Section | None
    chain: Chain | None
    para_year: int | None
    years: list[Year]
    future: list[Year]
    mods: list[Mod]
    rel_year: int | None = None
    past: str | None = None        # the veto reason when the sentence is about the past
    marked: bool | None = None     # a past marker in the sentence (worked out when needed)


def run(doc: Doc) -> None:
    """Read the paragraphs holding a figure (a paragraph without one can neither make
    nor pass on a target: it only matters as a heading)."""
    if not doc.figures:
        return
    doc.sent_starts = [s for s, _ in doc.ctx.sentence_index.spans]
    for para in layout.paragraphs(doc):
        _paragraph(doc, para)


def _paragraph(doc: Doc, para: Paragraph) -> None:
    chain, para_year = None, None
    todo = layout.sentences(doc, para)
    for k, part in enumerate(todo):
        if part.figs:
            chain, para_year = _sentence(doc, part, para.section, chain, para_year)
        else:
            # the chain a sentence without a figure hands on only reaches the next
            # sentence, so it is only worked out when that one holds a figure
            feeds = k + 1 < len(todo) and bool(todo[k + 1].figs)
            chain, para_year = _lead(doc, part, para.section, para_year, feeds)


def _mods(doc: Doc, s: int, e: int) -> list[Mod]:
    return [_mod((m.group("m"), m.start())) for m in doc.d.modality_rx.finditer(doc.text, s, e) if m.group("m")]


def _first_mod(doc: Doc, s: int, e: int) -> str | None:
    for m in doc.d.modality_rx.finditer(doc.text, s, e):
        if m.group("m"):
            return m.group("m")
    return None


def _states_goal(doc: Doc, s: int, e: int) -> bool:
    return any(doc.text.find(w, s, e) >= 0 for w in doc.d.goal_words)


def _lead(doc: Doc, part: Part, section: Section | None, para_year: int | None, feeds: bool):
    """A sentence without a figure: only what it hands on (a lead with a modality and
    a year, or nothing; the chain only when `feeds`, the next sentence has a figure)."""
    ss, se = part.start, part.end
    years = doc.times.future(doc.times.years_in(ss, se))
    rel_year = None if years or (para_year and not feeds) else doc.times.relative_year(ss, se)
    if years:
        para_year = years[-1].year
    elif rel_year:
        para_year = para_year or rel_year
    if not feeds:
        return None, para_year
    word = _first_mod(doc, ss, se)
    if word is None:
        return None, para_year
    if (section is None or section.kind != PAST) and (years or _states_goal(doc, ss, se)) \
            and not vetoes.past_in(doc, ss, se):
        return _chain((word, years[-1].year if years else rel_year, None)), para_year
    return None, para_year


def _past_reason(doc: Doc, st: Sentence) -> str | None:
    """Why the sentence is about the past (a past year, a past-results section or heading
    word), unless a future year said with 到 or a known future year outweighs it."""
    if st.future and (any(y.to for y in st.future) or doc.ref_year):
        return None
    if st.years and not st.future:
        return doc.d.ids.past_time
    if (st.section is not None and st.section.kind == PAST) \
            or doc.d.past_heading_rx.search(doc.text, st.part.start, st.part.end):
        return doc.d.ids.past_heading
    return None


def _sentence(doc: Doc, part: Part, section, chain, para_year):
    years = doc.times.years_in(part.start, part.end)
    future = doc.times.future(years)
    mods = _mods(doc, part.start, part.end)
    if not mods and chain is None and (section is None or section.kind != TARGET) \
            and not any(y.to for y in future):
        # no clause can find a modality (own, sentence, section, chain or 到+year):
        # no target, nothing handed on but the year
        if future:
            para_year = future[-1].year
        elif not para_year:
            para_year = doc.times.relative_year(part.start, part.end)
        return None, para_year
    st = Sentence(part, section, chain, para_year, years, future, mods)
    st.past = _past_reason(doc, st)
    st.rel_year = doc.times.relative_year(part.start, part.end)
    sent_mod, made = _clauses(doc, st)
    if st.future:
        para_year = st.future[-1].year
    elif st.rel_year:
        para_year = para_year or st.rel_year
    return _chain_after(doc, st, sent_mod, made), para_year


def _chain_after(doc: Doc, st: Sentence, sent_mod: Mod | None, made: list) -> Chain | None:
    """What the sentence hands on: its modality, year and subject when it made targets;
    its modality and year when it states a goal; else nothing."""
    chain = st.chain
    year = st.future[-1].year if st.future else None
    if made:
        return _chain((sent_mod.word if sent_mod else (chain.modality if chain else doc.d.list_modality),
                       year if st.future else (st.rel_year or (chain.deadline if chain else None)),
                       made[-1].subject))
    if sent_mod and not st.past and (st.future or _states_goal(doc, st.part.start, st.part.end)):
        return _chain((sent_mod.word, year if st.future else st.rel_year, None))
    return None


def _clauses(doc: Doc, st: Sentence) -> tuple[Mod | None, list]:
    """Read the clauses of a sentence: (the sentence's first modality, the records made)."""
    sent_mod = None
    made: list = []
    sfigs, mods = st.part.figs, st.mods
    fig_at, mod_at = [f.start for f in sfigs], [m.at for m in mods]
    # clauses, modality words and figures are all in text order
    for clause in layout.clauses(doc.text, st.part.start, st.part.end, doc.d):
        cs, ce = clause
        if mods:
            mi = bisect_left(mod_at, cs)
            own = mods[mi] if mi < len(mods) and mod_at[mi] < ce else None
            if own and sent_mod is None:
                sent_mod = own
        else:
            own = None
        fi = bisect_left(fig_at, cs)
        fk = bisect_left(fig_at, ce, fi)
        if fk > fi:
            made.extend(_clause(doc, st, clause, sfigs[fi:fk], own or sent_mod))
    return sent_mod, made


def _modality(doc: Doc, st: Sentence, figs: list[Span], mod: Mod | None) -> tuple[str | None, str | None]:
    """(the modality word governing the clause's figures, else the veto that kept the
    sentence before's modality from them)."""
    d = doc.d
    if mod is not None:
        return mod.word, None
    if st.section is not None and st.section.kind == TARGET:
        return d.list_modality, None
    blocked = None
    if st.chain is not None:
        if st.past:
            blocked = st.past
        else:
            if st.marked is None:
                st.marked = vetoes.past_in(doc, st.part.start, st.part.end)
            if st.marked:
                blocked = d.ids.past_marker
            elif vetoes.period_statistics(doc, st.part.start, st.part.end):
                blocked = d.ids.period_statistics
            else:
                return st.chain.modality, None
    if any(y.to and y.at < figs[-1].start for y in st.future):
        return d.to_modality, None
    return None, blocked


def _clause_veto(doc: Doc, st: Sentence, clause: Range, figs: list[Span], word: str) -> str | None:
    """A veto of the whole clause: a past marker in it, a past time before its figures,
    a forecast in a past sentence."""
    d = doc.d
    if vetoes.past_in(doc, clause.start, clause.end):
        return d.ids.past_marker
    # the time said last before the figure decides: 2023年…增长6.1%，今年力争…
    when = doc.times.time_before(st.part.start, figs[0].start)
    if when == "past":
        return d.ids.past_time
    if when is None and st.past:
        return st.past
    if word in d.forecast and st.past:
        return d.ids.past_forecast
    return None


def _deadline(st: Sentence, fig_start: int) -> int | None:
    before = [y for y in st.future if y.at < fig_start]
    to_before = [y for y in before if y.to]
    if to_before:
        return to_before[-1].year
    if before:
        return before[-1].year
    if st.future:
        return st.future[0].year
    if st.rel_year:
        return st.rel_year
    if st.chain is not None and st.chain.deadline:
        return st.chain.deadline
    if st.section is not None and st.section.kind == TARGET and st.section.deadline:
        return st.section.deadline
    return st.para_year


def _clause(doc: Doc, st: Sentence, clause: Range, figs: list[Span], mod: Mod | None) -> list:
    word, blocked = _modality(doc, st, figs, mod)
    if word is None:
        for f in figs if blocked else ():
            doc.veto(f, blocked)
        return []
    refused = _clause_veto(doc, st, clause, figs, word)
    if refused:
        for f in figs:
            doc.veto(f, refused)
        return []
    deadline = _deadline(st, figs[0].start)
    out = []
    for piece in layout.pieces(doc.text, clause.start, clause.end, figs, doc.d):
        out.extend(_piece(doc, st, clause, piece, word, deadline))
    return out


def _piece(doc: Doc, st: Sentence, clause: Range, piece: Part, word: str, deadline: int | None) -> list:
    text, d = doc.text, doc.d
    sent = layout.range_of(st.part)
    keep = []
    for f in piece.figs:
        refused = vetoes.figure_veto(doc, f, piece, clause, sent)
        if refused:
            doc.veto(f, refused)
        else:
            keep.append(f)
    if not keep:
        return []
    metrics = fields.paired_metrics(doc, piece.start, keep)
    out, prev_cmp = [], None
    for i, f in enumerate(keep):
        lo = piece.start if i == 0 else keep[i - 1].end
        s, e = layout.trim(text, lo, piece.end if i == len(keep) - 1 else f.end, d)
        if f.start < s or f.end > e:
            s, e = layout.trim(text, min(s, f.start), max(e, f.end), d)
        if s >= e:
            continue
        cmp = prev_cmp = fields.comparator(doc, f, text[lo:f.start], prev_cmp)
        who = doc.subjects[f.start] = subject.subject(doc, st.part.start, f.start, st.chain)
        metric = metrics[i] if metrics else fields.metric(doc, f, lo, piece.end)
        out.append(TargetCandidate(
            start=s, end=e, surface=text[s:e], rule=f.rule, subject=who, metric=metric or None,
            value=f.groups["value"], unit=f.groups["unit"], comparator=cmp, deadline=deadline,
            modality=word, money_record_id=fields.money_id(doc, f), code=fields.code(doc, clause.start, clause.end)))
    doc.records.extend(out)
    return out
