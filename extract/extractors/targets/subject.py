"""The subject of a target: who commits (GUIDELINES §4).

In order: a short noun phrase right before the modality word (长安汽车计划, 广西力争 …);
the first region, 我市/全省 or organisation named in the sentence before the figure; the
speaker of the sentence; the subject carried from the sentence before; the speaker
introduced earlier (…长安汽车党委书记、董事长朱华荣表示); the document's region.
POS tags (jieba's dictionary, extract.lexicon) are read only for the short text before a
modality word.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from extract import lexicon
from extract.extractors.targets.data import ORG_MAX
from extract.extractors.targets.layout import clauses, clean

if TYPE_CHECKING:
    from extract.extractors.targets.state import Chain, Doc

_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]+")
_NAME_MIN, _NAME_MAX = 2, 10  # a noun phrase before a modality word, in characters
_SPEAKER_WINDOW = 60     # a speaker's title chain ends at most this far before the speech verb
_SPEAKER_REACH = 1500    # an earlier speaker is the subject only this close before the figure
_PARTY_REGION_MAX = 4    # a party committee's region name (重庆市委 → 重庆)
_NOUN_TAGS = ("n", "j")
_PROPER_TAGS = ("nt", "ns", "nz", "nr", "eng", "j")


class Named(NamedTuple):
    """A subject candidate in a sentence: where it starts, what it is, what it says."""

    at: int
    kind: str   # "region" | "self" (我市 …) | "org"
    name: str


def short_region(name: str, d) -> str:
    name = clean(name, d)
    for suf in d.region_drop:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def region(doc: Doc) -> str | None:
    """The document's region; without one (weak or split evidence) the place named most
    often, where 全国/我国/中国 count for 中国, so a national report is 中国's."""
    got = doc.cache.get("region")
    if got is None:
        ctx, d = doc.ctx, doc.d
        name = ctx.region_city or ctx.region_province
        if name:
            got = short_region(name, d)
        else:
            counts: Counter = Counter()
            for src in (ctx.title or "", doc.text[ctx.body_start:ctx.body_end]):
                for m in d.region_rx.finditer(src):
                    r = short_region(m.group(0), d)
                    counts[d.country.get(r, r)] += 1
            got = min(counts, key=lambda name: (-counts[name], name)) if counts else ""
        doc.cache["region"] = got
    return got or None


def speaker_matches(d, text: str, pos: int, endpos: int):
    """speaker_rx.finditer(text, pos, endpos), without trying positions that cannot start a
    match: a match starting at p has a title starting in p+2 … p+ORG_MAX, so none starts
    before the first title minus ORG_MAX, and there is none without a title."""
    t = d.titles_rx.search(text, pos, endpos)
    if t is None:
        return ()
    return d.speaker_rx.finditer(text, max(pos, t.start() - ORG_MAX), endpos)


def _speakers(doc: Doc) -> tuple[list, list[int]]:
    """The speakers of the document (anchored on the speech verb, the title chain read in
    a short window before it) and their starts."""
    got = doc.cache.get("speakers")
    if got is None:
        out = []
        d, text, ctx = doc.d, doc.text, doc.ctx
        for v in d.speech_rx.finditer(text, ctx.body_start, ctx.body_end):
            lo = max(ctx.body_start, v.start() - _SPEAKER_WINDOW)
            m = None
            for m2 in speaker_matches(d, text, lo, v.end()):
                if m2.end() == v.end():
                    m = m2
            if m is not None:
                out.append(m)
        got = doc.cache["speakers"] = (out, [m.start() for m in out])
    return got


@lru_cache(maxsize=4096)
def _is_name(lead: str) -> bool:
    """POS from jieba's dictionary: only nouns, at least one proper noun (长安汽车, 宁德时代)."""
    tags = [flag for _, flag in lexicon.tag(lead)]
    return all(f[:1] in _NOUN_TAGS or f == "eng" for f in tags) and any(f in _PROPER_TAGS for f in tags)


def _noun_phrase(doc: Doc, lead: str) -> str | None:
    d = doc.d
    lead = doc.times.strip(clean(lead, d))
    if not _NAME_MIN <= len(lead) <= _NAME_MAX or not _NAME_CHARS.fullmatch(lead):
        return None
    if d.region_rx.fullmatch(lead):
        r = short_region(lead, d)
        return d.country.get(r, r)
    if d.self_region_rx.fullmatch(lead):
        return region(doc)
    if lead in d.pronouns:
        return None
    return lead if _is_name(lead) else None


def _expand_org(doc: Doc, org: str) -> str:
    d = doc.d
    org = clean(org, d)
    m = d.party_org_rx.fullmatch(org)
    if m and d.region_rx.fullmatch(m.group(1) + d.district) or (m and len(m.group(1)) <= _PARTY_REGION_MAX):
        return short_region(m.group(1), d)
    if org.startswith(d.level_prefix) and len(org) > 2:
        here = region(doc)
        if here:
            return here + org
    return org


def _before_modality(doc: Doc, ss: int, fig_start: int) -> str | None:
    """1. a short noun phrase right before the modality word."""
    text, d = doc.text, doc.d
    for m in d.modality_rx.finditer(text, ss, fig_start):
        if m.group("m"):
            at = m.start()
            cut = max(text.rfind(c, ss, at) for c in d.subject_cut)
            return _noun_phrase(doc, text[max(ss, cut + 1):at].strip())
    return None


def _first_named(doc: Doc, ss: int, fig_start: int, skip: int) -> Named | None:
    """2. the first region, 我市/全省 or organisation named in the sentence before the figure."""
    text, d = doc.text, doc.d
    head = text[ss:fig_start]
    best = None
    for rx, kind in ((d.region_rx, "region"), (d.self_region_rx, "self")):
        for m in rx.finditer(head, skip):
            if d.not_region_next_rx.match(head, m.end(), m.end() + 2):
                continue
            if best is None or m.start() < best.at:
                best = Named(m.start(), kind, m.group(0))
            break
    # an organisation opening a clause: 赛力斯集团将… (checked as a noun phrase)
    for c in clauses(text, ss + skip, fig_start, d):
        m = d.org_rx.match(clean(text[c.start:c.end], d))
        if m and (best is None or c.start - ss < best.at) and _noun_phrase(doc, m.group(0)):
            best = Named(c.start - ss, "org", m.group(0))
            break
    return best


def subject(doc: Doc, ss: int, fig_start: int, chain: Chain | None) -> str | None:
    """The subject of the figure at fig_start in the sentence starting at ss."""
    d = doc.d
    name = _before_modality(doc, ss, fig_start)
    if name:
        return name
    speaker = None
    for m in speaker_matches(d, doc.text, ss, fig_start):
        speaker = m
    best = _first_named(doc, ss, fig_start, speaker.end() - ss if speaker else 0)
    if best:
        if best.kind == "region":
            r = short_region(best.name, d)
            return d.country.get(r, r)
        if best.kind == "self":
            return region(doc)
        return _expand_org(doc, best.name)
    if speaker is not None:
        return _expand_org(doc, speaker.group("org"))
    if chain is not None and chain.subject:
        return chain.subject
    speakers, starts = _speakers(doc)
    i = bisect_right(starts, fig_start) - 1 if speakers else -1
    if i >= 0 and speakers[i].start() >= ss - _SPEAKER_REACH:
        return _expand_org(doc, speakers[i].group("org"))
    return region(doc)
