"""The fields of a target read from its clause: comparator, metric, and the links to the
money record and the code of its sentence. (Subject: subject.py; deadline: reading.py.)"""
from __future__ import annotations

from typing import TYPE_CHECKING

from extract.extractors.targets.layout import clean
from extract.spans import Span

if TYPE_CHECKING:
    from extract.extractors.targets.state import Doc

_SHORT_HEAD = 2   # a metric head this short takes the words after the figure too
_LONG_TAIL = 12   # of a longer count phrase with 的, only the noun after the last 的


def comparator(doc: Doc, f: Span, pre: str, prev_cmp: str | None) -> str:
    """The figure's own comparison word (左右, 以上 …) or the verb before it (突破, 达到 …);
    a figure listed right after another (、/和/及) takes that one's comparator."""
    d = doc.d
    own = f.groups.get("cmp")
    pre = d.gloss_rx.sub("", pre)
    if own == "~":
        return "~"
    m = d.cmp_end_rx.search(pre)
    verb = d.cmp_words.get(m.group(0).strip()) if m else None
    if verb == "~":
        return "~"
    if own:
        return own
    if verb:
        return verb
    if prev_cmp and pre.strip() in d.list_joiners:
        return prev_cmp
    return "="


def paired_metrics(doc: Doc, ps: int, figs: list[Span]) -> list[str | None] | None:
    """产量、面积分别达到50万吨、20万亩 → [产量, 面积]."""
    if len(figs) < 2:
        return None
    d, text = doc.d, doc.text
    m = d.respectively_rx.search(text[ps:figs[0].start])
    if not m:
        return None
    head = d.metric_left_rx.sub("", clean(text[ps:ps + m.start()], d))
    parts = [p for p in d.pair_rx.split(head) if p]
    if len(parts) != len(figs):
        return None
    return [d.metric_right_rx.sub("", d.metric_left_rx.sub("", p)) or None for p in parts]


def _drop_subject_head(doc: Doc, f: Span, before: str) -> str:
    """长安汽车计划在…投入 / 全市GDP预期增长: drop the subject and the modality word."""
    d = doc.d
    subj = doc.subjects.get(f.start)
    for m in d.modality_rx.finditer(before):
        if not m.group("m"):
            continue
        head = before[:m.start()]
        if subj and head.startswith(subj):
            head = head[len(subj):]
        head = d.head_time_rx.sub("", doc.times.strip(head))
        head = d.self_region_rx.sub("", head) if d.self_region_rx.match(head) else head
        m2 = d.region_rx.match(head)
        if m2 and len(head) > m2.end():
            head = head[m2.end():]
        elif m2:
            head = ""
        head = "" if d.org_rx.fullmatch(head) else head
        return head + before[m.end():]
    return before


def _strip_before(doc: Doc, s: int, f: Span, before: str) -> str:
    """The metric words before the figure, without region, time and verb words."""
    d = doc.d
    m = d.region_rx.match(clean(doc.text[s:f.start], d))
    subj = m.group(0) if m else None
    if subj and before.startswith(subj):
        before = before[len(subj):]
    before = doc.times.strip(before)
    before = d.time_words_rx.sub("", before) if not before.startswith(d.keeps_time) else before
    prev = None
    while prev != before:
        prev = before
        before = d.metric_left_rx.sub("", before)
        before = d.metric_right_rx.sub("", before)
        if d.region_rx.match(before) and len(before) > 4:
            before = d.region_rx.sub("", before, count=1)
        if d.self_region_rx.match(before):
            before = d.self_region_rx.sub("", before, count=1)
    return before


def metric(doc: Doc, f: Span, s: int, e: int) -> str | None:
    """The metric of figure f whose own words run from s (clause or previous figure) to e."""
    d, text = doc.d, doc.text
    before = _drop_subject_head(doc, f, clean(text[s:f.start], d))
    before = _strip_before(doc, s, f, before)
    after = clean(text[f.end:e], d)
    after = d.after_tail_rx.sub("", d.after_lead_rx.sub("", after))
    if f.groups["unit"] in d.classifiers and len(after) >= 2:
        if len(after) > _LONG_TAIL and d.modifier in after:
            after = after.rsplit(d.modifier, 1)[1]
        return after or before
    if len(before) <= _SHORT_HEAD and len(after) >= 2 and not d.cmp_end_rx.search(after):
        return before + after  # 新增1万余人的科技创新团队 → 新增科技创新团队
    return before or after or None


def money_id(doc: Doc, f: Span) -> str | None:
    """The money record the figure is (or overlaps, for a money figure)."""
    if f.groups.get("money_record_id"):
        return f.groups["money_record_id"]
    if f.groups["unit"] != doc.d.money_unit:
        return None
    for rec in doc.money:
        if rec.start < f.end and f.start < rec.end:
            return rec.record_id
    return None


def code(doc: Doc, ss: int, se: int) -> str | None:
    """The code first mentioned in text[ss:se]."""
    at, found = se, None
    for c in doc.codes:
        for sp in c.mention_spans or ():
            if ss <= sp.start < at:
                at, found = sp.start, c.code
    return found
