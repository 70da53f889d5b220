"""The spec runner: one loader, one case format, one check for every file in tests/specs/.

The case format is documented in tests/specs/README.md. In short, a file maps family
names to lists of cases; a case has an `id`, a `text`, optional context (`published`,
`title`, `source`, `region`, `body`), optional records of the tables it needs (`deps`),
and expectations: `expect` (the records, in text order, only the listed fields compared),
`find`, `resolve`, `reference`; `xfail: reason` marks a known gap (strict xfail).

A file's *subject* is what its cases run through (tests/specs/subjects.py): the extractor
of the table the file is named after (money, dates, codes, targets), with the context and
deps the pipeline would build, `extract.header.parse_header` (header) or
`extract.numerals.parse_number` (numerals).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract import rulebook
from tests.specs.subjects import EXTRACTED, SUBJECTS

SPEC_DIR = Path(__file__).resolve().parent
FILES = EXTRACTED + ("header", "numerals")


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

    model_config = ConfigDict(extra="forbid", frozen=True)
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
    reference: Optional[dt.date] = None  # the reference date the context gets (checked when given)
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
    """Every id a spec case can name: the rules and the vetoes of extract/rules/*.yaml."""
    vetoes = [v["id"] for name in rulebook.rule_file_names() for v in rulebook.load(name).data.get("vetoes", [])]
    return [r.id for r in rulebook.all_rules()] + vetoes


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


def check(spec: Spec) -> None:
    SUBJECTS[spec.file].check(spec)


def texts(file: str, with_xfail: bool = False) -> list[str]:
    """The texts of a file's cases (for tests that run something else over every spec text)."""
    return [s.case.text for s in load(file) if with_xfail or not s.case.xfail]


def case(file: str, case_id: str) -> Spec:
    return next(s for s in load(file) if s.case.id == case_id)

