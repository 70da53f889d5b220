"""Mentions: every occurrence of a document's codes in its body (GUIDELINES §1,
`mentions`). A numeric code is counted where it stands as a token of its own (digit
boundaries, not a quantity); a slogan wherever its text occurs. A longer code owns the
text it covers (`7+28+N` holds no mention of `28`)."""
from __future__ import annotations

from extract.context import DocContext
from extract.extractors.codes.book import DocMemo, book
from extract.extractors.codes.detect import kind_of, normalise
from extract.extractors.codes.labels import after_close

Spans = list[tuple[int, int]]  # (start, end) pairs, in text order


def numeric_tokens(ctx: DocContext, memo: DocMemo, wanted: set[str]) -> dict[str, Spans]:
    """Normalised numeric token -> its spans in the body, for the tokens in `wanted` only
    (the others are never looked at, so their checks are skipped)."""
    b = book()
    text = ctx.text
    quantity_after = b.quantity_after.match
    out: dict[str, Spans] = {}
    for m in b.numeric_token.finditer(text, ctx.body_start, ctx.body_end, memo.runs):
        token = m.group(0)
        # plain ASCII digits are their own normal form (nothing to strip or map)
        norm = token if token.isascii() and token.isdigit() else normalise(token)
        if norm not in wanted:
            continue
        s, e = m.span()
        if s > 0 and text[s - 1].isascii() and text[s - 1].isalpha():
            continue  # G20, A100
        if quantity_after(text, e) and not after_close(ctx, e) > e:
            continue  # 416公里
        out.setdefault(norm, []).append((s, e))
    return out


def mentions(ctx: DocContext, memo: DocMemo, codes: list[str], detected: dict[str, Spans]) -> dict[str, Spans]:
    """code -> its sorted mention spans; `detected`: the spans find gave each code."""
    taken: Spans = []
    out: dict[str, Spans] = {}
    numeric = {c for c in codes if kind_of(c) == "numeric"}
    tokens = numeric_tokens(ctx, memo, numeric) if numeric else {}
    for code in sorted(codes, key=lambda c: (-len(c), c)):
        spans = set()
        if code in numeric:
            spans.update(tokens.get(code, ()))
        else:
            i = ctx.text.find(code, ctx.body_start, ctx.body_end)
            while i >= 0:
                spans.add((i, i + len(code)))
                i = ctx.text.find(code, i + len(code), ctx.body_end)
        if taken:
            spans = {sp for sp in spans if _free(sp, taken)}
        spans.update(detected.get(code, []))
        out[code] = sorted(spans)
        taken.extend(out[code])
    return out


def _free(sp: tuple[int, int], taken: Spans) -> bool:
    """No span of `taken` overlaps `sp`."""
    s, e = sp
    for ts, te in taken:
        if s < te and ts < e:
            return False
    return True
