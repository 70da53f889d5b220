"""What the cases of each spec file run through (see tests/specs/runner.py): the extractors
with the context and deps the pipeline would build, parse_header, parse_number; and how
records are compared with a case's expectations."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from extract import extractors, rulebook
from extract.context import DocContext
from extract.extractors import Deps, Veto
from extract.spans import Span, record_id
from extract.validate import finish
from schema.candidates import CANDIDATES, as_fields
from schema import model_for
from tests import support

if TYPE_CHECKING:
    from tests.specs.runner import Case, ResolveCase, Spec

EXTRACTED = ("money", "dates", "codes", "targets")
DOC_ID = "spec"


# ------------------------------------------------------------------------ comparing
_DECIMAL_FIELDS = {table: frozenset(f.name for f in dataclasses.fields(cls) if "Decimal" in str(f.type))
                   for table, cls in CANDIDATES.items()}


def _want(value, decimal: bool, refs: dict[str, dict[str, str]]):
    """An expected value as the subject writes it: decimal fields as Decimal (numbers
    or strings in YAML), `{table: surface}` as the record id of that dependency."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in refs:
        table, surface = next(iter(value.items()))
        if surface not in refs[table]:
            raise AssertionError(f"no {table} record {surface!r} among the case's deps")
        return refs[table][surface]
    if decimal and value is not None and not isinstance(value, Decimal):
        return Decimal(str(value))
    return value


def _have(value, decimal: bool):
    """An actual value, tagged when its type is wrong (a float where a Decimal belongs
    would otherwise compare equal, and so would 0 and False)."""
    if decimal and value is not None and not isinstance(value, Decimal):
        return ("not a Decimal", value)
    if hasattr(value, "value") and isinstance(value, str):  # str-valued enum: its value
        return value.value
    return value


def compare(got: list[dict], expect: list[dict], defaults: dict, decimals=frozenset(), refs=None) -> None:
    """Records in order, each compared on the fields its expectation lists (plus defaults)."""
    refs = refs or {}
    want = [{**defaults, **e} for e in expect]
    keys = sorted({k for w in want for k in w}) or ["surface"]
    shown_got = []
    for i, rec in enumerate(got):
        fields = list(want[i]) if i < len(want) else keys
        shown_got.append({k: _have(rec.get(k, "<no such field>"), k in decimals) for k in fields})
    shown_want = [{k: _want(v, k in decimals, refs) for k, v in w.items()} for w in want]
    assert shown_got == shown_want


def compare_spans(text: str, spans: list[Span], expect: list[list]) -> None:
    """find's spans in text order (start, longer first, rule id) against `[rule, surface]`
    rows; a row's third item lists groups the span must carry (decimals compared exactly)."""
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.rule))
    got, want = [], []
    for i, span in enumerate(order):
        row = [span.rule, text[span.start:span.end]]
        if i < len(expect) and len(expect[i]) > 2:
            row.append({k: span.groups.get(k, "<no such group>") for k in expect[i][2]})
        got.append(row)
    for i, row in enumerate(expect):
        groups = order[i].groups if i < len(order) else {}
        want.append(list(row[:2]))
        if len(row) > 2:
            want[-1].append({k: Decimal(str(v)) if isinstance(groups.get(k), Decimal) else v
                             for k, v in row[2].items()})
    assert got == want


# ------------------------------------------------------------------------ subjects
def context(c: Case) -> DocContext:
    """The context the pipeline would build for this text (extract.pipeline.build_context,
    reference date included), with the header fields and region the case gives instead of
    detecting them from the text."""
    start, end = c.body or (0, None)
    province, city = c.region or (None, None)
    return support.ctx_for(c.text, start, end, doc_id=DOC_ID, published=c.published, title=c.title,
                           source=c.source, region_province=province, region_city=city)


def given(c: Case) -> dict[str, tuple]:
    """The records a case gives (`deps`), by table: each located by its surface (its first
    place in the text), the fields it leaves out set as below, validated as the pipeline
    validates records."""
    out = {}
    for table, rows in (c.deps or {}).items():
        recs = []
        for row in rows:
            start = c.text.index(row["surface"])
            end = start + len(row["surface"])
            rec = {"record_id": record_id(DOC_ID, table, start, end), "doc_id": DOC_ID, "start": start,
                   "end": end, "sentence": "", **_GIVEN_DEFAULTS[table](start, end), **row}
            recs.append(model_for(table).model_validate(rec))
        out[table] = tuple(recs)
    return out


_GIVEN_DEFAULTS = {
    "money": lambda s, e: {"currency": "CNY", "qualifier": "exact", "qualifier_text": None, "value_max": None},
    "codes": lambda s, e: {"kind": "numeric", "label": None, "mentions": 1, "mention_spans": [{"start": s, "end": e}],
                           "expansion": None, "glossary_name": None, "glossary_region": None,
                           "glossary_parts": None},
    "dates": lambda s, e: {"relative": False},
    "targets": lambda s, e: {"subject": None, "metric": None, "money_record_id": None, "code": None},
}


def deps(table: str, c: Case, ctx: DocContext) -> Deps:
    """The records `table`'s extractor needs: the case's, else its extractors' on the same text."""
    return support.deps(table, ctx, given(c))


class ExtractorSubject:
    """A spec file of one extracted table: find, resolve and extract of its extractor."""

    has_rules = True

    def __init__(self, table: str):
        self.table = table
        self.decimals = _DECIMAL_FIELDS[table]

    def check(self, spec: Spec) -> None:
        c = spec.case
        ctx = context(c)
        if "reference" in c.model_fields_set:
            assert ctx.reference_date == c.reference, "reference date"
        ex = extractors.get(self.table)
        dep = deps(self.table, c, ctx)
        refs = {t: {r.surface: r.record_id for r in recs} for t, recs in dep.items()}
        candidates = ex.extract(ctx, dep)
        got = [as_fields(x) for x in candidates]
        compare(got, c.expect, dict(spec.defaults), self.decimals, refs)
        _, problems = finish(self.table, candidates, ctx, DOC_ID)  # every record is valid
        assert not problems, [p.message for p in problems]
        assert all(x.rule.startswith(self.table + ".") for x in candidates), "a rule id of another table"
        spans = ex.find(ctx)
        if c.find is not None:
            compare_spans(c.text, spans, c.find)
        for r in c.resolve or []:
            self._check_resolve(r, ctx, spans, dep, spec)
        self._check_stages(candidates, spans, ctx, dep)

    def _check_resolve(self, r: ResolveCase, ctx: DocContext, spans, dep: Deps, spec: Spec) -> None:
        rule, surface = r.span[0], r.span[1]
        if len(r.span) == 3:
            start = ctx.text.index(surface)
            chosen = [Span(rule, start, start + len(surface), dict(r.span[2]))]
        else:
            chosen = [s for s in spans if s.rule == rule and ctx.text[s.start:s.end] == surface]
            assert chosen, f"find yields no span {rule} {surface!r}"
        ex = extractors.get(self.table)
        for span in chosen:
            got = ex.resolve(span, ctx, dep)
            where = f"resolve({rule} {surface!r})"
            if r.expect is None:
                assert got is None or isinstance(got, Veto), f"{where} is {got!r}, expected no record"
            elif "veto" in r.expect:
                assert isinstance(got, Veto), f"{where} is {got!r}, expected veto {r.expect['veto']}"
                assert {"veto": got.rule, **({"hides": got.hides} if "hides" in r.expect else {})} == r.expect
            else:
                assert got is not None and not isinstance(got, Veto), f"{where} is {got!r}"
                compare([as_fields(got)], [r.expect], {}, self.decimals)

    # targets.money_record figures are made from the money records (targets._money_spans),
    # which find(ctx) does not see: find cannot yield them.
    MADE_FROM_DEPS = frozenset({"targets.money_record"})

    def _check_stages(self, candidates, spans, ctx: DocContext, dep: Deps) -> None:
        """extract's records come out of find and resolve: each has a found span of its rule
        inside it whose resolved candidate has the record's rule and offsets."""
        ex = extractors.get(self.table)
        for cand in candidates:
            if cand.rule in self.MADE_FROM_DEPS:
                continue
            inside = [s for s in spans if s.rule == cand.rule and cand.start <= s.start and s.end <= cand.end]
            resolved = [ex.resolve(s, ctx, dep) for s in inside]
            assert any(x is not None and not isinstance(x, Veto) and (x.rule, x.start, x.end) ==
                       (cand.rule, cand.start, cand.end) for x in resolved), \
                f"record {cand.rule} {cand.surface!r} has no found span that resolves to it"


class HeaderSubject:
    """tests/specs/header.yaml: `text` is a whole page; the one expected record is its header
    (title, source, published, body_starts / body_ends: how the body begins and ends).
    Its `rule:` lists the document rules the header depends on: with any one of them
    switched off, the page gets a different header."""

    has_rules = True
    decimals = frozenset()

    def parse(self, text: str) -> dict:
        from extract.header import parse_header
        h = parse_header(text)
        return {"title": h.title, "source": h.source, "published": h.published,
                "body": text[h.body_start:h.body_end]}

    def check(self, spec: Spec) -> None:
        c = spec.case
        assert len(c.expect) == 1, "a page has one header"
        want = dict(c.expect[0])
        rules = want.pop("rule", [])
        got = self.parse(c.text)
        shown = {k: got[k] for k in want if k in got}
        if "body_starts" in want:
            shown["body_starts"] = got["body"][:len(want["body_starts"])]
        if "body_ends" in want:
            shown["body_ends"] = got["body"][len(got["body"]) - len(want["body_ends"]):]
        assert shown == want
        for rule in [rules] if isinstance(rules, str) else rules:
            assert self.without(rule, c.text) != got, f"the header does not depend on {rule}"

    def without(self, rule_id: str, text: str) -> dict:
        """The page's header with one document rule switched off (its regex never matches)."""
        from extract import header
        book = rulebook.load("document")
        book.rule(rule_id)  # an unknown id fails here
        never = re.compile(r"(?!)")
        off = dataclasses.replace(book, rules=tuple(
            dataclasses.replace(r, pattern="(?!)", regex=never) if r.id == rule_id else r for r in book.rules))
        load = rulebook.load
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(rulebook, "load", lambda name: off if name == "document" else load(name))
            mp.setattr(header, "_RULES", None)  # header.py compiles its rules once: recompile them
            return self.parse(text)


class NumeralsSubject:
    """tests/specs/numerals.yaml: parse_number(text) as one record {value}, or none when the
    text is not one number."""

    has_rules = False
    decimals = frozenset({"value"})

    def check(self, spec: Spec) -> None:
        from extract.numerals import parse_number
        value = parse_number(spec.case.text)
        compare([] if value is None else [{"value": value}], spec.case.expect, {}, self.decimals)


SUBJECTS = {**{t: ExtractorSubject(t) for t in EXTRACTED}, "header": HeaderSubject(),
            "numerals": NumeralsSubject()}


