"""Vetoes: why a figure that a modality governs is still not a target.

Each check reads the words and patterns of one veto of targets.yaml (`vetoes:`) and
returns its id (`targets.veto.<reason>`), which resolve hands back as Veto(rule=id).
The checks of the figure itself and its clause are here; those of its sentence (past
markers, past times, past headings, period statistics) are in reading.py, which uses
`past_in` and `period_statistics` below.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from extract.extractors.targets.layout import Part, Range, clean
from extract.spans import Span

if TYPE_CHECKING:
    from extract.extractors.targets.state import Doc

_QUOTED_MAX = 12  # a quoted name longer than this is a quotation, not a name


def past_in(doc: Doc, s: int, e: int) -> bool:
    """A past marker in text[s:e] (已, 同比, 去年 …; 比去年 is a comparison base)."""
    d, text = doc.d, doc.text
    for m in d.past_rx.finditer(text, s, e):
        if m.group(0) in d.past_bases and text[m.start() - 1:m.start()] in d.past_base_before:
            continue
        return True
    return False


def period_statistics(doc: Doc, ss: int, se: int) -> bool:
    return doc.d.period_rx.search(doc.text, ss, se) is not None


def figure_veto(doc: Doc, f: Span, piece: Part, clause: Range, sent: Range) -> str | None:
    """The id of the veto that refuses figure f in its piece of a clause, or None."""
    return _count_veto(doc, f, piece, clause) or _context_veto(doc, f, piece, clause, sent)


def _count_veto(doc: Doc, f: Span, piece: Part, clause: Range) -> str | None:
    d, text, g = doc.d, doc.text, f.groups
    if g["cn"]:
        # 一个企业 / 一批: an article, not a count; small Chinese counts need a safe unit.
        if g["value"] == 1:
            return d.ids.indefinite_one
        if g["num"] and g["num"][-1:] not in d.scale_chars and g["kind"] == "count":
            unit_raw = text[f.start:f.end]
            if not any(u in unit_raw for u in d.cn_units):
                return d.ids.chinese_count_unit
    # scope of work: 六个方面, 三项重点工作
    counts = g["unit"] in d.classifiers
    if counts and d.scope_after_rx.match(text, f.end, piece.end):
        return d.ids.scope_count
    if d.etc_rx.search(text[piece.start:f.start]):
        return d.ids.scope_list
    for m in d.scope_before_rx.finditer(text, clause.start, f.start):
        if text[m.end():m.end() + 1] in d.scope_nouns_after:
            continue  # 覆盖率: a noun, not a scope verb
        lead = d.list_heading_rx.search(text, max(clause.start, m.start() - 4), m.end())
        if not (lead and lead.end() >= m.end()):
            return d.ids.scope_verb
    return None


def _context_veto(doc: Doc, f: Span, piece: Part, clause: Range, sent: Range) -> str | None:
    d, text, g = doc.d, doc.text, f.groups
    if code_part(doc, f, sent):
        return d.ids.code_part
    if _quoted(doc, f, sent):
        return d.ids.quoted_name
    # a count qualifying the subject of a qualitative predicate: 8条产业链现代化水平全面提升
    if g["unit"] in d.classifiers and d.qualitative_rx.search(text, f.end, piece.end):
        return d.ids.qualitative_subject
    after = text[f.end:min(piece.end, f.end + 12)]
    # a threshold modifier of a noun (过百亿元的特色园区) next to the real count
    of = d.threshold_rx
    if len(piece.figs) > 1 and of.match(after):
        if any(o is not f and not of.match(text[o.end:o.end + 4]) for o in piece.figs):
            return d.ids.threshold
    # grant terms (给予最高1000万元奖补): parameters of a policy, unless the clause
    # allocates the money (安排补贴资金10亿元)
    m = d.clause_rx.search(text, f.end, piece.end)
    ce = m.start() if m else piece.end
    if d.grant_rx.search(text, clause.start, ce) and not d.allocation_rx.search(text, clause.start, f.start):
        return d.ids.grant
    if d.per_item_rx.search(text, clause.start, f.start):
        return d.ids.per_item
    # eligibility: 对技改设备投资额在500万元以上的项目 (… 给予补助)
    if d.condition_rx.match(text, clause.start) and d.condition_tail_rx.match(text, f.end, ce):
        return d.ids.condition
    # 2000亿级 / 5000 亿级产业: a class label (a money record may end there)
    if d.class_label_rx.match(after):
        return d.ids.class_label
    if g["unit"] in d.duration_units and d.duration_rx.match(after):
        return d.ids.duration
    return None


def _quoted(doc: Doc, f: Span, sent: Range) -> bool:
    """f inside a short quoted name: “三项改革”."""
    text, d = doc.text, doc.d
    q = max(text.rfind(c, sent.start, f.start) for c in d.open_quotes)
    if q < 0:
        return False
    found = [i for i in (text.find(c, f.end, sent.end) for c in d.close_quotes) if i >= 0]
    close = min(found, default=-1)
    return close >= 0 and close - q <= _QUOTED_MAX and not d.close_quote_rx.search(text, q + 1, f.start)


def code_part(doc: Doc, f: Span, sent: Range) -> bool:
    """f is a part of a numeric code: a digit of a code quoted before it in the sentence
    (“4+4+X”产业体系(… 4 个新兴产业 …)) when the count is not a level to reach, a count
    after a code explanation (“7”就是…), or inside a code record's expansion."""
    d, text = doc.d, doc.text
    ss = sent.start
    if f.groups["unit"] in d.classifiers \
            and not d.cmp_end_rx.search(clean(text[max(ss, f.start - 4):f.start], d)):
        num = (f.groups.get("num") or "").strip()
        for m in d.quoted_code_rx.finditer(text, ss, f.start):
            parts = d.code_parts_rx.split(m.group(1))
            if num in parts or (len(parts) == 1 and num in parts[0]):
                return True
    if d.code_is_rx.search(text[ss:f.start]):
        return True
    sentence = text[ss:sent.end]
    for c in doc.codes:
        for item in c.expansion or ():
            i = sentence.find(item)
            if i >= 0 and ss + i <= f.start < ss + i + len(item):
                return True
    return False
