"""extract: one record per distinct code of a document, from its resolved spans."""
from __future__ import annotations

from extract import glossary
from extract.context import DocContext
from extract.extractors.codes.book import DocMemo
from extract.extractors.codes.detect import find
from extract.extractors.codes.expansion import numeric_expansion
from extract.extractors.codes.labels import after_close, label_after
from extract.extractors.codes.mentions import Spans, mentions
from extract.extractors.codes.resolve import Found, resolve
from extract.extractors.codes.slogans import definitions, slogan_expansion
from schema.candidates import CANDIDATES

CodeCandidate = CANDIDATES["codes"]


def _label(ctx: DocContext, memo: DocMemo, code: str, found: list[Found], spans: Spans) -> str | None:
    """The label of the code's detected mentions, else of any mention, else what the body
    defines the code as: the most frequent, then the longest (a later, fuller mention wins
    a tie)."""
    labels = [f.label for f in found if f.label]
    if not labels:
        labels = [lb for lb in (label_after(ctx, memo, after_close(ctx, me)) for _, me in spans) if lb]
    if labels:
        return max(labels, key=lambda lb: (labels.count(lb), len(lb)))
    return definitions(ctx, memo).get(code)


def _record(ctx: DocContext, memo: DocMemo, code: str, found: list[Found], spans: Spans) -> CodeCandidate:
    first = found[0]
    s, e = spans[0]
    label = _label(ctx, memo, code, found, spans)
    if first.kind == "numeric":
        expansion = numeric_expansion(ctx, memo, code, spans)
    else:
        expansion = slogan_expansion(ctx, memo, code, spans)
    link = glossary.link(code, ctx)
    return CodeCandidate(
        start=s, end=e, surface=ctx.text[s:e], rule=first.rule, code=code, kind=first.kind, label=label,
        mentions=len(spans), mention_spans=[{"start": a, "end": b} for a, b in spans],
        expansion=expansion,
        glossary_name=link.name if link else None,
        glossary_region=link.region if link else None,
        glossary_parts=list(link.parts) if link else None,
    )


def extract(ctx: DocContext, memo: DocMemo) -> list[CodeCandidate]:
    """The document's code records, in text order."""
    found: dict[str, list[Found]] = {}
    for span in find(ctx, memo):
        got = resolve(span, ctx, memo)
        if isinstance(got, Found):
            found.setdefault(got.code, []).append(got)
    if not found:
        return []
    detected = {c: [(f.start, f.end) for f in fs] for c, fs in found.items()}
    spans_of = mentions(ctx, memo, list(found), detected)
    out = [_record(ctx, memo, code, fs, spans_of[code]) for code, fs in found.items()]
    return sorted(out, key=lambda r: (r.start, r.end, r.code))
