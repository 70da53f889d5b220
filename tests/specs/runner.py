"""The spec runner: one loader, one case format, one check for every file in tests/specs/.

The case format is documented in tests/specs/README.md. In short, a file maps family
names to lists of cases; a case has an `id`, a `text`, optional context (`published`,
`title`, `source`, `region`, `body`), optional records of the tables it needs (`deps`),
and expectations: `expect` (the records, in text order, only the listed fields compared),
`find`, `resolve`, `reference`; `xfail: reason` marks a known gap (strict xfail).

A file's *subject* is what its cases run through: the extractor of the table the file is
named after (money, dates, codes, targets), `extract.header.parse_header` (header) or
`extract.numerals.parse_number` (numerals).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract import extractors, rulebook
from extract.context import DocContext
from extract.extractors import Deps, Veto
from extract.spans import Span, record_id
from extract.validate import finish
from tests import support
from schema.candidates import CANDIDATES, as_fields
from schema.records import model_for

SPEC_DIR = Path(__file__).resolve().parent
EXTRACTED = ("money", "dates", "codes", "targets")
FILES = EXTRACTED + ("header", "numerals")
DOC_ID = "spec"
_UNSET: Any = object()  # a case field left out (as opposed to written as null)


# ------------------------------------------------------------------------ the format
class ResolveCase(BaseModel):
    """One resolve expectation: a span, and what resolve returns for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # [rule, surface] (every span find yields with that rule and surface) or
    # [rule, surface, {groups}] (a span built with those groups at the surface's first place)
    span: list[Any] = Field(min_length=2, max_length=3)
    # null: no record (None or a veto); {veto: id}: that veto; else candidate fields
    expect: Optional[dict[str, Any]]


class Case(BaseModel):
    """One spec case (tests/specs/README.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    text: str
    # context
    published: Optional[dt.date] = None
    title: Optional[str] = None
    source: Optional[str] = None
    region: Optional[tuple[Optional[str], Optional[str]]] = None  # [province, city]
    body: Optional[tuple[int, Optional[int]]] = None              # [start, end]; end null = text end
    deps: Optional[dict[str, list[dict[str, Any]]]] = None       # given records, by table
    # expectations
    expect: list[dict[str, Any]]
    find: Optional[list[list[Any]]] = None
    resolve: Optional[list[ResolveCase]] = None
    reference: Any = _UNSET  # the reference date the context gets (a date or null)
    xfail: Optional[str] = None

    @field_validator("expect")
    @classmethod
    def _surfaces_are_text(cls, expect):
        for rec in expect:  # YAML reads an unquoted 2024-03-11 as a date, 33618 as a number
            for key in ("surface", "code"):
                if rec.get(key) is not None and not isinstance(rec[key], str):
                    raise ValueError(f"{key} {rec[key]!r} is not a string: quote it")
        return expect

    @field_validator("find")
    @classmethod
    def _spans(cls, rows):
        for row in rows or []:
            if not (2 <= len(row) <= 3 and all(isinstance(x, str) for x in row[:2])
                    and (len(row) == 2 or isinstance(row[2], dict))):
                raise ValueError(f"find: {row!r} is not [rule, surface] or [rule, surface, {{groups}}]")
        return rows

    @field_validator("deps")
    @classmethod
    def _dep_tables(cls, deps):
        for table in deps or {}:
            if table not in EXTRACTED:
                raise ValueError(f"deps: {table!r} is not an extracted table")
        return deps


@dataclasses.dataclass(frozen=True)
class Spec:
    """A case with where it comes from: file (= subject), family, and its defaults."""

    file: str
    family: str
    case: Case
    defaults: tuple[tuple[str, Any], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.file}-{self.family}-{self.case.id}"


@lru_cache(maxsize=None)
def load(file: str) -> tuple[Spec, ...]:
    """Every case of tests/specs/<file>.yaml, in file order (a malformed case fails here)."""
    return parse(file, (SPEC_DIR / f"{file}.yaml").read_text(encoding="utf-8"))


def parse(file: str, text: str) -> tuple[Spec, ...]:
    """The cases of one spec file's text, for subject `file`."""
    data = yaml.safe_load(text)
    unknown = set(data) - {"defaults", "families"}
    if unknown:
        raise ValueError(f"{file}.yaml: unknown top-level keys {sorted(unknown)}")
    defaults = tuple((data.get("defaults") or {}).items())
    out, seen = [], set()
    for family, cases in data["families"].items():
        for raw in cases:
            try:
                case = Case.model_validate(raw)
            except ValueError as exc:
                raise ValueError(f"{file}.yaml, family {family}, case {raw.get('id')!r}: {exc}") from None
            if case.id in seen:
                raise ValueError(f"{file}.yaml: case id {case.id!r} used twice")
            seen.add(case.id)
            out.append(Spec(file, family, case, defaults))
    return tuple(out)


def readme_examples() -> list[Spec]:
    """The cases of the YAML examples in tests/specs/README.md (each opens with `# file: <subject>`)."""
    readme = (SPEC_DIR / "README.md").read_text(encoding="utf-8")
    return [s for block in re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
            for s in parse(re.match(r"# file: (\w+)", block).group(1), block)]


def all_specs(files=FILES) -> list[Spec]:
    return [s for f in files for s in load(f)]


def params(files=FILES) -> list:
    """The cases as pytest parameters, ids like `money-plain-yi-yuan`, known gaps as strict xfail."""
    return [pytest.param(s, id=s.name,
                         marks=[pytest.mark.xfail(reason=s.case.xfail, strict=True)] if s.case.xfail else [])
            for s in all_specs(files)]


# ------------------------------------------------------------------------ rule ids
def rule_ids() -> list[str]:
    """Every id a spec case can name: the rules of extract/rules/*.yaml. (When vetoes become
    rule-file data with ids, their ids join this list.)"""
    return [r.id for r in rulebook.all_rules()]


def named_rules(spec: Spec) -> set[str]:
    """The rule and veto ids a case names in its expectations (`rule:` and `veto:`)."""
    c = spec.case
    out: set[str] = set()
    for rec in c.expect:
        rule = rec.get("rule")
        out.update([rule] if isinstance(rule, str) else rule or [])
    for r in c.resolve or []:
        if r.expect:
            out.update(v for k, v in r.expect.items() if k in ("rule", "veto"))
    return out


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
        if c.reference is not _UNSET:
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

    def check_stages(self, spec: Spec, made_from_deps=frozenset()) -> None:
        """extract's records come out of find and resolve: each has a found span of its rule
        inside it whose resolved candidate has the record's rule and offsets. Rules in
        `made_from_deps` make their spans from the records of other tables, which find
        (it sees only the context) cannot."""
        ctx = context(spec.case)
        ex = extractors.get(self.table)
        dep = deps(self.table, spec.case, ctx)
        spans = ex.find(ctx)
        for cand in ex.extract(ctx, dep):
            if cand.rule in made_from_deps:
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


def check(spec: Spec) -> None:
    SUBJECTS[spec.file].check(spec)


def texts(file: str, with_xfail: bool = False) -> list[str]:
    """The texts of a file's cases (for tests that run something else over every spec text)."""
    return [s.case.text for s in load(file) if with_xfail or not s.case.xfail]


def case(file: str, case_id: str) -> Spec:
    return next(s for s in load(file) if s.case.id == case_id)


__all__ = ["Case", "Spec", "load", "parse", "readme_examples", "all_specs", "params", "check", "context", "given", "deps",
           "rule_ids", "named_rules", "texts", "case", "SUBJECTS", "FILES"]
