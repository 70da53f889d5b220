"""The extractor contract, and the registry of every extractor.

Each table of records (codes, money, dates, targets) comes from one `Extractor`. An
extractor declares the table it fills and the tables it needs; the pipeline runs the
registry in dependency order and hands each extractor the validated records of the tables
it needs (`Deps`). It works in stages that are tested apart:

    find(ctx)                  -> [Span]        where candidates are: rule id, offsets, groups
    resolve(span, ctx, deps)   -> Candidate | Veto | None   the record fields of one span, or
                                                the veto rule that refuses it (None: no record)
    select(resolved, ctx, deps) -> [Candidate]  the document's records (overlap policy …)
    extract(ctx, deps)         = select(resolve(find(ctx)))

`ctx` (extract.context.DocContext) is frozen. What an extractor computes once per document
and reuses across spans lives in the extractor's own `DocCache`.

Adding an extractor: subclass `Extractor`, set `table` (a table of schema.TABLES) and
`needs`, implement `find` and `resolve`, decorate the class with `@register`, and import
its module at the bottom of this file (docs/ARCHITECTURE.md walks through an example).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Iterator

from extract.context import DocContext
from extract.spans import Span, resolve_overlaps
from schema import TABLES
from schema.candidates import CANDIDATES


class Deps(Mapping):
    """The validated records of the tables an extractor needs, by table, in text order.

    >>> d = Deps({"money": ()})
    >>> d["money"], list(d)
    ((), ['money'])
    """

    __slots__ = ("_records",)

    def __init__(self, records: Mapping[str, tuple] | None = None):
        self._records = dict(records or {})

    def __getitem__(self, table: str) -> tuple:
        return self._records[table]

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


NO_DEPS = Deps()


class DocCache:
    """Values an extractor works out once per document (its spans, anchors …).

    It holds one document at a time: asking for another document's value forgets the
    last one's. A document is the context's text object and body range, so a context
    with only a new reference date (DocContext.with_reference) shares the values: cache
    only what does not depend on the reference date.
    """

    __slots__ = ("_key", "_values")

    def __init__(self):
        self._key: tuple | None = None
        self._values: dict[str, Any] = {}

    def get(self, ctx: DocContext, name: str, make, on: object = None):
        """The value `name` of this document, made by `make()` the first time. `on`: an
        object the value depends on besides the document (compared by identity)."""
        key = self._key
        if key is None or key[0] is not ctx.text or key[1] != ctx.body_start or key[2] != ctx.body_end:
            self._key, self._values = (ctx.text, ctx.body_start, ctx.body_end), {}
        hit = self._values.get(name)
        if hit is None or hit[0] is not on:
            hit = self._values[name] = (on, make())
        return hit[1]


@dataclass(frozen=True, slots=True)
class Veto:
    """resolve's verdict that a span is not a record, with the id of the veto rule that
    says so. A veto that `hides` also removes every candidate overlapping its span (a
    class label such as 营收100万—500万元的小微企业 hides the amounts inside it)."""

    rule: str
    start: int
    end: int
    hides: bool = False


class Extractor:
    """One table's extractor. Subclasses set `table`, `needs` and implement find/resolve."""

    table: ClassVar[str]
    needs: ClassVar[tuple[str, ...]] = ()

    def __init__(self):
        self.cache = DocCache()
        self.candidate = CANDIDATES[self.table]

    def find(self, ctx: DocContext) -> list[Span]:
        raise NotImplementedError

    def resolve(self, span: Span, ctx: DocContext, deps: Deps = NO_DEPS):
        raise NotImplementedError

    def select(self, resolved: list[tuple[Span, Any]], ctx: DocContext, deps: Deps) -> list:
        """The records among the resolved candidates: inside the body, not overlapping a
        hiding veto, no two overlapping (longest wins, then leftmost), in text order."""
        hiding = [v for _, v in resolved if isinstance(v, Veto) and v.hides]
        by_span = {}
        for s, c in resolved:
            if isinstance(c, Veto) or not ctx.in_body(c.start, c.end):
                continue
            if any(v.start < s.end and s.start < v.end for v in hiding):
                continue
            by_span[(s.rule, s.start, s.end)] = c
        kept = resolve_overlaps([s for s, _ in resolved if (s.rule, s.start, s.end) in by_span])
        return [by_span[(s.rule, s.start, s.end)] for s in kept]

    def extract(self, ctx: DocContext, deps: Deps = NO_DEPS) -> list:
        resolved = []
        for span in self.find(ctx):
            cand = self.resolve(span, ctx, deps)
            if cand is not None:
                resolved.append((span, cand))
        return self.select(resolved, ctx, deps)


_REGISTRY: dict[str, Extractor] = {}


def register(cls: type[Extractor]) -> type[Extractor]:
    """Class decorator: one instance of `cls` fills `cls.table`."""
    if cls.table not in TABLES or cls.table not in CANDIDATES:
        raise ValueError(f"{cls.__name__}: {cls.table!r} is not an extracted table of schema.TABLES")
    if cls.table in _REGISTRY:
        raise ValueError(f"{cls.__name__}: a second extractor for table {cls.table!r}")
    _REGISTRY[cls.table] = cls()
    return cls


def get(table: str) -> Extractor:
    return _REGISTRY[table]


def ordered() -> list[Extractor]:
    """Every extractor, each after the ones it needs (else in registration order).

    >>> [e.table for e in ordered()]
    ['dates', 'money', 'codes', 'targets']
    """
    out: list[Extractor] = []
    visiting: set[str] = set()

    def visit(table: str) -> None:
        ex = _REGISTRY.get(table)
        if ex is None:
            raise ValueError(f"no extractor fills {table!r}")
        if ex in out:
            return
        if table in visiting:
            raise ValueError(f"extractors need each other: {table!r}")
        visiting.add(table)
        for need in ex.needs:
            visit(need)
        visiting.discard(table)
        out.append(ex)

    for table in _REGISTRY:
        visit(table)
    return out


# The extractors, in registration order (imported here so that the registry is complete
# whenever the package is imported).
from extract.extractors import dates, money, codes, targets  # noqa: E402,F401
