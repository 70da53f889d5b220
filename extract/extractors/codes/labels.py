"""Labels: the system noun phrase a code names (GUIDELINES §1, `label`)."""
from __future__ import annotations

import re

from extract.context import DocContext
from extract.extractors.codes.book import DocMemo, book

_CJK_TAIL = re.compile(r"[\u4e00-\u9fff]*$")  # the CJK run that ends the text (or its last line)


def after_close(ctx: DocContext, end: int) -> int:
    """The position after a closing quote (and spaces) that follows `end`, else `end`."""
    i = end
    text = ctx.text
    while i < ctx.body_end and text[i] in " \u3000\u00a0":
        i += 1
    if i < ctx.body_end and text[i] in book().closes:
        return i + 1
    return end


def label_after(ctx: DocContext, memo: DocMemo, pos: int) -> str | None:
    """The system noun phrase right after a code (position after its closing quote)."""
    # kept per position: extract asks again for the mentions resolve already labelled
    known = memo.labels
    if pos in known:
        return known[pos]
    label = known[pos] = _label_after(ctx, pos)
    return label


def _label_after(ctx: DocContext, pos: int) -> str | None:
    b = book()
    m = b.label_run.match(ctx.text, pos, min(ctx.body_end, pos + 24))
    if not m:
        return None
    run = m.group("run")
    if " " in run or "\u3000" in run:  # the only spaces the run admits
        run = run.replace(" ", "").replace("\u3000", "")
    lead = b.label_lead.match(run)  # 以“X”为支撑的现代化产业体系
    if lead:
        run = run[lead.end():]
    run = run[:14]
    # 集群建設行動方案 → 集群 (the plan is named after the code's system, not the label)
    cut = b.label_plan_tail.search(run)
    for piece in ((run[:cut.start()], run) if cut else (run,)):
        # the label ends where the last system noun ends: the leftmost reversed noun in
        # the reversed piece (one search instead of a lookahead at every position)
        last = b.noun_reversed.search(piece[::-1])
        if last:
            return piece[:len(piece) - last.start()]
    return None


def label_before(ctx: DocContext, start: int, code: str) -> str | None:
    """实施科技兴赣六大行动 → 科技兴赣六大行动 (the words between the verb and the code)."""
    lo = max(ctx.body_start, start - 8)
    before = ctx.text[lo:start]
    m = _CJK_TAIL.search(before)
    run = m.group(0) if m else ""
    verbs = list(book().label_verbs.finditer(run))
    if not verbs:
        return None
    prefix = run[verbs[-1].end():]
    return prefix + code if prefix else None
