"""The table registry: every table of a release, once.

Per table: its row model (fields, their Arrow types and docs live on the model, see
schema.records), its natural key (how `extract diff` pairs the rows of two releases),
its sort key (the row order of the files), and, for the tables extractors fill, how the
scorer matches a record with a gold annotation. The writers (extract.tables), the
dataset card and the README field tables (extract.card), diff's keys, the command
line's table choices, the extractor registry's candidates and the scorer all read
this list; nothing else names the tables.

Adding a table is one `Table(...)` here and its model in schema.records (and a minor
SCHEMA_VERSION step, docs/SCHEMA.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pydantic import BaseModel

from schema.records import (CodeRecord, DateRecord, DocumentRecord, IssueRecord, MoneyRecord,
                            TargetRecord)

_SPAN_KEY = ("doc_id", "start", "end")
_SPAN_SORT = ("doc_id", "start", "end", "record_id")


@dataclass(frozen=True)
class GoldMatch:
    """How the scorer (extract.scoring) pairs a record with a gold annotation
    (GUIDELINES.md, "Matching, for scores"): every `same` field equal as text, every
    `close` field within 0.5 %, and, when `overlap`, the spans overlapping. `distinct`:
    only the first record per value of this field counts (codes: one per code)."""

    same: tuple[str, ...] = ()
    close: tuple[str, ...] = ()
    overlap: bool = True
    distinct: Optional[str] = None


@dataclass(frozen=True)
class Table:
    name: str
    model: type[BaseModel]
    key: tuple[str, ...]             # natural key: pairs rows across releases (extract diff)
    sort: tuple[str, ...]            # row order in the files; nulls sort first
    extracted: bool = False          # filled by an extractor (extract.extractors), from candidates
    gold: Optional[GoldMatch] = None  # scored against gold annotations

    @property
    def doc(self) -> str:
        """What the table holds: its model's docstring (first paragraph)."""
        return " ".join((self.model.__doc__ or "").strip().split("\n\n")[0].split())

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.model.model_fields)


REGISTRY: tuple[Table, ...] = (
    Table("documents", DocumentRecord, key=("doc_id",), sort=("doc_id",)),
    Table("codes", CodeRecord, key=("doc_id", "code"), sort=_SPAN_SORT, extracted=True,
          gold=GoldMatch(same=("code",), overlap=False, distinct="code")),
    Table("money", MoneyRecord, key=_SPAN_KEY, sort=_SPAN_SORT, extracted=True,
          gold=GoldMatch(same=("qualifier",), close=("value",))),
    Table("dates", DateRecord, key=_SPAN_KEY, sort=_SPAN_SORT, extracted=True,
          gold=GoldMatch(same=("start_date", "granularity"))),
    Table("targets", TargetRecord, key=_SPAN_KEY, sort=_SPAN_SORT, extracted=True,
          gold=GoldMatch(same=("unit",), close=("value",))),
    Table("issues", IssueRecord, key=("record_id",), sort=("path", "doc_id", "start", "slug", "record_id")),
)

_BY_NAME = {t.name: t for t in REGISTRY}
TABLES: tuple[str, ...] = tuple(_BY_NAME)
EXTRACTED: tuple[str, ...] = tuple(t.name for t in REGISTRY if t.extracted)
SCORED: tuple[str, ...] = tuple(t.name for t in REGISTRY if t.gold is not None)


def table(name: str) -> Table:
    """The registry entry of table `name` (KeyError for an unknown one)."""
    return _BY_NAME[name]


def model_for(name: str) -> type[BaseModel]:
    return _BY_NAME[name].model
