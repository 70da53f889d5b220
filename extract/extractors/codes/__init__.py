"""Initiative codes (GUIDELINES §1): `33618`, `7+28+N`, `4×4`, `六区一高地`, `双倍增` …

The vocabulary is extract/rules/codes.yaml (schema.rules.CodesFile); the steps:

- find (detect.py): the rules with `role: detect`: a numeric code or a numeral slogan
  filling a pair of quotes (“” ‘’ 「」 『』 "" ''), or written without quotes right before
  a system noun (2349现代制造业集群体系, 六大行动);
- resolve (resolve.py): normalise the code, read its label (labels.py), and refuse what
  is not a programme name: the vetoes of codes.yaml (vetoes.py), each with an id
  (`codes.veto.idiom`, `codes.veto.year` …) that resolve returns as a `Veto`;
- extract (records.py): one record per distinct code: its first mention in the body,
  every mention (mentions.py), the label, the expansion where the body spells the parts
  out (expansion.py for numeric codes, slogans.py for numeral slogans), and the glossary
  link (extract/glossary.py).

What the steps compute once per document lives in a DocMemo in the extractor's cache.
"""
from __future__ import annotations

from extract.context import DocContext
from extract.extractors import NO_DEPS, Deps, Extractor, Veto, get, register
from extract.extractors.codes.book import TABLE, DocMemo
from extract.extractors.codes.detect import find as _find
from extract.extractors.codes.detect import kind_of, normalise
from extract.extractors.codes.records import extract as _extract
from extract.extractors.codes.resolve import is_numeric_code, is_slogan
from extract.extractors.codes.resolve import resolve as _resolve
from extract.spans import Span

__all__ = ["Codes", "CODES", "TABLE", "normalise", "kind_of", "is_numeric_code", "is_slogan"]


@register
class Codes(Extractor):
    """Initiative codes (GUIDELINES §1): one record per distinct code in a document."""

    table = TABLE

    def memo(self, ctx: DocContext) -> DocMemo:
        return self.cache.get(ctx, "memo", DocMemo)

    def find(self, ctx: DocContext) -> list[Span]:
        return _find(ctx, self.memo(ctx))

    def resolve(self, span: Span, ctx: DocContext, deps: Deps = NO_DEPS):
        """The code a detected span names, before its mentions are counted (`mentions`,
        `expansion` and the glossary link come with the document's record), or the Veto
        that refuses it."""
        got = _resolve(span, ctx, self.memo(ctx))
        if isinstance(got, Veto):
            return got
        return self.candidate(start=got.start, end=got.end, surface=got.surface, rule=got.rule,
                              code=got.code, kind=got.kind, label=got.label, mentions=1,
                              mention_spans=[{"start": span.start, "end": span.end}], expansion=None,
                              glossary_name=None, glossary_region=None, glossary_parts=None)

    def extract(self, ctx: DocContext, deps: Deps = NO_DEPS) -> list:
        return _extract(ctx, self.memo(ctx))


CODES = get(TABLE)
