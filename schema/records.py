"""The six tables of a release, one frozen pydantic model per row.

Each field is declared once, with everything the release needs to know about it: its
Python type and constraints, its Arrow column type (`column(...)`, schema.columns) and
its documentation (the docstring under it, which the dataset card and the README's
field tables render). The tables themselves (names, keys, sort order) are listed in
schema.registry.

Offsets are half-open code-point offsets into the raw document text, and
`surface == raw_text[start:end]` (checked by extract.validate, which has the text).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict, model_validator

from schema.columns import column

# The version policy (docs/SCHEMA.md): MAJOR when a field is removed, renamed or retyped;
# MINOR when fields or tables are added. 1.0.0: the first published layout of the six tables.
SCHEMA_VERSION = "1.0.0"

_S, _I32 = "string", "int32"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False,
                              use_attribute_docstrings=True)


class CodeKind(str, Enum):
    numeric = "numeric"
    numeral_slogan = "numeral_slogan"


class Qualifier(str, Enum):
    exact = "exact"
    over = "over"
    at_least = "at_least"
    about = "about"
    more_than = "more_than"
    up_to = "up_to"
    magnitude = "magnitude"
    range = "range"


class Granularity(str, Enum):
    day = "day"
    month = "month"
    quarter = "quarter"
    year = "year"
    period = "period"


class Comparator(str, Enum):
    eq = "="
    ge = ">="
    gt = ">"
    le = "<="
    about = "~"


class Severity(str, Enum):
    error = "error"
    warning = "warning"


class SpanRecord(_Frozen):
    """Provenance shared by every extracted record."""

    record_id: str = column(_S, min_length=8, max_length=32)
    """stable key: short hash of (doc_id, table, start, end); a corrected value keeps its id"""
    doc_id: str = column(_S, min_length=1)
    """the raw file's path relative to raw/, without extension"""
    start: int = column(_I32, ge=0)
    """first character of the surface: code-point offset into the raw text"""
    end: int = column(_I32, gt=0)
    """one past the last character (half-open): raw_text[start:end] == surface"""
    surface: str = column(_S, min_length=1)
    """the text as written (qualifier words and quotes left out)"""
    rule: str = column(_S, pattern=r"^[a-z_]+\.[a-z0-9_.]+$")
    """id of the rule that produced the record, such as `money.amount` (see extract/rules/*.yaml)"""
    sentence: str = column(_S)
    """the sentence the record sits in"""

    @model_validator(mode="after")
    def _span(self):
        if self.end - self.start != len(self.surface):
            raise ValueError(f"span {self.start}:{self.end} does not fit surface {self.surface!r}")
        if self.surface[0] == "*" or self.surface[-1] == "*":
            raise ValueError("a record never starts or ends on a masked character '*'")
        return self


class DocumentRecord(_Frozen):
    """one row per document read: title, outlet, publication date, content hash, article body range"""

    record_id: str = column(_S)
    """stable key of the document row"""
    doc_id: str = column(_S)
    """the raw file's path relative to raw/, without extension"""
    path: str = column(_S)
    """the raw file's path relative to raw/, with extension"""
    sha256: str = column(_S, pattern=r"^[0-9a-f]{64}$")
    """sha256 of the file's bytes (a corrected file shows as changed)"""
    bytes: int = column("int64", ge=0)
    """size of the file in bytes"""
    chars: int = column(_I32, ge=0)
    """length of the decoded text in characters"""
    encoding: str = column(_S)
    """how the bytes were decoded (utf-8)"""
    title: Optional[str] = column(_S)
    """the page headline, or null"""
    source: Optional[str] = column(_S)
    """the outlet named in the header, dateline or byline, or null"""
    published: Optional[dt.date] = column("date32[day]")
    """publication date from the page header, or null"""
    reference_date: Optional[dt.date] = column("date32[day]")
    """the date relative dates were resolved against (published, else the latest day- or
    month-precise date in the body), or null"""
    body_start: int = column(_I32, ge=0)
    """first character of the article body (navigation, headline and header line excluded);
    nothing outside the body yields records"""
    body_end: int = column(_I32, ge=0)
    """end of the article body (comments, related reading and footers excluded)"""
    region_province: Optional[str] = column(_S)
    """province-level region the document is about, or null"""
    region_city: Optional[str] = column(_S)
    """city the document is about, where clear, or null"""

    @model_validator(mode="after")
    def _body(self):
        if not self.body_start <= self.body_end <= self.chars:
            raise ValueError(f"body {self.body_start}:{self.body_end} outside text of {self.chars} chars")
        return self


class MentionSpan(_Frozen):
    """Where one mention of a code sits."""

    start: int = column(_I32, ge=0)
    """first character of the mention"""
    end: int = column(_I32, gt=0)
    """one past its last character"""


class CodeRecord(SpanRecord):
    """initiative codes (33618, 4+5+M+N, 六区一高地): one row per distinct code per document"""

    # start, end and surface are those of the code's first mention (same columns, own docs).
    start: int = column(_I32, ge=0)
    """start of the code's first mention in the body"""
    end: int = column(_I32, gt=0)
    """end of the code's first mention"""
    surface: str = column(_S, min_length=1)
    """the first mention as written, without quotes"""
    code: str = column(_S, min_length=1)
    """the code normalised: ASCII digits and operators, quotes and inner spaces removed"""
    kind: CodeKind = column(_S)
    """digits and operators (33618, 4+5+M+N), or a slogan built on Chinese numerals (六区一高地)"""
    label: Optional[str] = column(_S)
    """the system noun phrase the code names (现代制造业集群体系), or null"""
    mentions: int = column(_I32, ge=1)
    """how many times the code occurs in the body"""
    mention_spans: list[MentionSpan] = column("list<item: struct<start: int32, end: int32>>")
    """start and end of every mention"""
    expansion: Optional[list[str]] = column("list<item: string>")
    """the parts, in order, where the body spells them out, or null"""
    glossary_name: Optional[str] = column(_S)
    """name from the curated glossary (extract/data/initiatives.csv), linked only when the code
    and the document's region match one entry, or null"""
    glossary_region: Optional[str] = column(_S)
    """region of the linked glossary entry, or null"""
    glossary_parts: Optional[list[str]] = column("list<item: string>")
    """parts from the linked glossary entry (for display; never from the text), or null"""

    @model_validator(mode="after")
    def _mentions(self):
        if self.mentions != len(self.mention_spans):
            raise ValueError("mentions must count mention_spans")
        return self


class MoneyRecord(SpanRecord):
    """monetary amounts as an exact number, a currency and a qualifier"""

    value: Decimal = column("decimal128(20, 2)", ge=0)
    """the amount in units of the currency, exact decimal (lower bound for a range)"""
    value_max: Optional[Decimal] = column("decimal128(20, 2)", default=None, ge=0)
    """upper bound of a range, else null"""
    currency: str = column(_S, pattern=r"^[A-Z]{3}$")
    """ISO 4217 code (CNY, USD …)"""
    qualifier: Qualifier = column(_S)
    """how the wording bounds the amount (超 → over, 以上 → at_least, 约 → about …)"""
    qualifier_text: Optional[str] = column(_S)
    """the qualifier word as written (超, 余, 左右 …), outside the surface, or null"""

    @model_validator(mode="after")
    def _range(self):
        if (self.qualifier == Qualifier.range) != (self.value_max is not None):
            raise ValueError("value_max is set exactly when qualifier is range")
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max below value")
        return self


class DateRecord(SpanRecord):
    """calendar points and periods as ISO date ranges with a granularity"""

    start_date: Optional[dt.date] = column("date32[day]")
    """first day of the period (ISO), or null when it cannot be resolved"""
    end_date: Optional[dt.date] = column("date32[day]")
    """last day of the period, inclusive, or null"""
    granularity: Granularity = column(_S)
    """how precise the text is: a day, a month, a quarter, a year, or a longer period"""
    relative: bool = column("bool")
    """true when the year came from the reference date, not from the text"""

    @model_validator(mode="after")
    def _dates(self):
        if (self.start_date is None) != (self.end_date is None):
            raise ValueError("start_date and end_date are both set or both null")
        if self.start_date is not None and self.end_date < self.start_date:
            raise ValueError("end_date before start_date")
        if self.start_date is None and not self.relative:
            raise ValueError("an unresolved date must be relative")
        return self


class TargetRecord(SpanRecord):
    """quantified commitments: who, which metric, value, unit, comparator, deadline"""

    surface: str = column(_S, min_length=1)
    """the clause holding the figure and its metric"""
    subject: Optional[str] = column(_S)
    """who commits: company, government body or region (shortest name), or null"""
    metric: Optional[str] = column(_S)
    """what is counted, short, or null"""
    value: Decimal = column("decimal128(24, 4)")
    """the number in base units (280万辆 → 2800000; money in yuan)"""
    unit: str = column(_S, min_length=1)
    """辆, 家, 元, %, 个 …"""
    comparator: Comparator = column(_S)
    """the bound the wording sets (新增 → =, 达到 → >=, 突破 → >, 约 → ~, 不超过 → <=)"""
    deadline: Optional[int] = column(_I32, default=None, ge=1900, le=2200)
    """the year the commitment is for, or null"""
    modality: str = column(_S, min_length=1)
    """the word that makes it a commitment (力争, 计划, 将, 到 …)"""
    money_record_id: Optional[str] = column(_S)
    """record_id of the money record of the value, or null"""
    code: Optional[str] = column(_S)
    """the code named in the same sentence, or null"""


class IssueRecord(_Frozen):
    """what the build could not use: skipped files and rejected records, with the reason"""

    record_id: str = column(_S)
    """stable key of the issue"""
    doc_id: Optional[str] = column(_S)
    """the document (also for a file that could not be read: its path without extension)"""
    path: Optional[str] = column(_S)
    """the raw file's path relative to raw/"""
    slug: str = column(_S, pattern=r"^[a-z0-9-]+$")
    """what went wrong: a slug of the issue catalogue (see "Issues")"""
    severity: Severity = column(_S)
    """error: the file or record was left out; warning: it was kept"""
    message: str = column(_S)
    """a sentence naming the file and the problem"""
    table: Optional[str] = column(_S)
    """the table of the rejected record, or null"""
    start: Optional[int] = column(_I32)
    """offset of the rejected record, or null"""
    end: Optional[int] = column(_I32)
    """end offset of the rejected record, or null"""
    rule: Optional[str] = column(_S)
    """rule of the rejected record, or null"""
