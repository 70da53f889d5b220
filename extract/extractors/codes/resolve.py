"""resolve: the code a detected span names, or the veto that refuses it."""
from __future__ import annotations

from typing import NamedTuple

from extract.context import DocContext
from extract.extractors import Veto
from extract.extractors.codes.book import DocMemo, book
from extract.extractors.codes.detect import kind_of, normalise
from extract.extractors.codes.labels import label_after, label_before
from extract.spans import Span


class Found(NamedTuple):
    """A resolved span: one mention of a code, before the document's mentions are counted."""

    start: int
    end: int
    surface: str
    rule: str
    code: str
    kind: str
    label: str | None


def resolve(span: Span, ctx: DocContext, memo: DocMemo) -> Found | Veto:
    b = book()
    surface = ctx.text[span.start:span.end]
    code = normalise(surface)
    kind = kind_of(code)
    label = label_after(ctx, memo, span.groups.get("after", span.end))
    if kind == "numeric":
        veto = b.vetoes.numeric_veto(code, labelled=label is not None)
    else:
        veto = b.vetoes.slogan_veto(code)
        if veto is None and span.rule in b.label_before_rules:
            label = label_before(ctx, span.start, code)
    if veto is not None:
        return Veto(veto, span.start, span.end)
    return Found(span.start, span.end, surface, span.rule, code, kind, label)


def is_numeric_code(code: str, has_noun: bool) -> bool:
    """Shape checks a numeric code must pass (years, phone and area numbers fail).

    >>> [is_numeric_code(c, False) for c in ("33618", "416", "0416", "28", "2024", "400·887·6363", "30·60", "5·12")]
    [True, True, False, False, False, False, True, False]
    """
    return book().vetoes.numeric_veto(code, labelled=has_noun) is None


def is_slogan(code: str) -> bool:
    """Checks a numeral slogan must pass (idioms, five-year plans, descriptions fail).

    >>> [is_slogan(c) for c in ("六区一高地", "四梁八柱", "十四五", "一段话生成一段视频", "双师型", "三个向上")]
    [True, False, False, False, False, True]
    """
    return book().vetoes.slogan_veto(code) is None
