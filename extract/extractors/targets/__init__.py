"""Targets: quantified commitments about the future (GUIDELINES §4).

1. `find` yields *figures* (figures.py): a number with its unit, a percentage, a
   doubling, a money magnitude, by the rules of rules/targets.yaml, each read by the
   reader of its declared value kind. Money records that no figure covers are figures
   too (`targets.money_record`).
2. The reader (reading.py) goes through the body paragraph by paragraph (layout.py),
   sentence by sentence, clause by clause: a figure is a target when a modality word
   governs it (own clause, earlier clause, carried from an earlier target sentence of
   the paragraph, a target-list heading, or a future 到2030年).
3. Vetoes (vetoes.py, data in targets.yaml `vetoes:`) refuse governed figures: past
   markers and times, past-results sections, scope counts, code parts, the indefinite
   一个, thresholds, grant terms, per-item figures, conditions, period statistics …
4. Fields: metric and comparator from the clause (fields.py), subject from the sentence,
   the speaker or the document (subject.py), deadline from the years of the sentence,
   paragraph or heading (timeline.py).

`resolve(span, ctx, deps)` answers for one figure: its target candidate, the Veto that
refused it (`targets.veto.<reason>`), or None (no modality governs it). `extract` reads
the whole document once. `Targets(rules=build(raw))` runs on an edited copy of the rules.
"""
from __future__ import annotations

from extract.context import DocContext
from extract.extractors import NO_DEPS, Deps, Extractor, Veto, get, register
from extract.extractors.targets import figures, reading
from extract.extractors.targets.data import TABLE, Data, data
from extract.extractors.targets.state import Doc
from extract.extractors.targets.timeline import Timeline
from extract.spans import Span

build = Data  # build(raw rule-file dict) -> the rule data (for tests on edited copies)


@register
class Targets(Extractor):
    """Quantified commitments, read from the figures of the body and the money, dates and
    codes records of the document."""

    table = TABLE
    needs = ("money", "dates", "codes")

    def __init__(self, rules: Data | None = None):
        super().__init__()
        self._rules = rules

    @property
    def rules(self) -> Data:
        return self._rules or data()

    def find(self, ctx: DocContext) -> list[Span]:
        return figures.find(ctx, self.rules)

    def read(self, ctx: DocContext, deps: Deps = NO_DEPS) -> Doc:
        """The reading of one document: its figures, target candidates and vetoes."""
        d = self.rules
        figs = figures.find(ctx, d)
        money = tuple(deps.get("money", ()))
        figs = sorted(figs + figures.money_spans(ctx, money, figs, d), key=lambda s: (s.start, s.end))
        pub_year = ctx.published.year if ctx.published else None
        ref_year = ctx.reference_date.year if ctx.reference_date else pub_year
        doc = Doc(ctx, ctx.text, d, figs, money, tuple(deps.get("codes", ())),
                  Timeline(ctx.text, d, ref_year, pub_year), ref_year)
        reading.run(doc)
        return doc

    def resolve(self, span: Span, ctx: DocContext, deps: Deps = NO_DEPS):
        doc = self.cache.get(ctx, "doc", lambda: self.read(ctx, deps), on=deps)
        for rec in doc.records:
            if rec.start <= span.start and span.end <= rec.end and rec.rule == span.rule \
                    and rec.value == span.groups.get("value"):
                return rec
        veto = doc.vetoes.get((span.rule, span.start, span.end))
        return Veto(veto, span.start, span.end) if veto else None

    def extract(self, ctx: DocContext, deps: Deps = NO_DEPS) -> list:
        """The document's targets in text order, one per span (record ids are per span)."""
        out, seen = [], set()
        for rec in sorted(self.read(ctx, deps).records, key=lambda r: (r.start, r.end, str(r.value))):
            key = (rec.start, rec.end)
            if key in seen or not ctx.in_body(rec.start, rec.end):
                continue
            seen.add(key)
            out.append(rec)
        return out


TARGETS = get(TABLE)
