"""Helpers the tests share: a context as the pipeline builds it, the records of the tables an
extractor needs as the pipeline makes them, and the registry's find / resolve / extract with
records as plain dicts (field name → value)."""
from __future__ import annotations

from extract import extractors
from extract.context import DocContext
from extract.extractors import Deps, Veto
from extract.extractors.dates import reference_date
from extract.validate import finish
from schema.candidates import as_fields


def ctx_for(text: str, body_start: int = 0, body_end: int | None = None, *, doc_id: str = "spec",
            **fields) -> DocContext:
    """A context over `text` with its reference date set as the pipeline sets it."""
    ctx = DocContext(doc_id, text, body_start, len(text) if body_end is None else body_end, **fields)
    return ctx if "reference_date" in fields else ctx.with_reference(reference_date(ctx))


def records(table: str, ctx: DocContext, given: dict | None = None, _memo: dict | None = None) -> tuple:
    """The validated records of `table` on ctx as extract.pipeline.run_extractors makes them:
    the tables it needs first, then the extractor, then validation (an issue fails). Tables
    in `given` (table → records) are taken as they are instead."""
    memo = {} if _memo is None else _memo
    if table not in memo:
        if given and table in given:
            memo[table] = tuple(given[table])
        else:
            ex = extractors.get(table)
            recs, problems = finish(table, ex.extract(ctx, deps(table, ctx, given, memo)), ctx, ctx.doc_id)
            assert not problems, [p.message for p in problems]
            memo[table] = tuple(recs)
    return memo[table]


def deps(table: str, ctx: DocContext, given: dict | None = None, _memo: dict | None = None) -> Deps:
    """What the pipeline hands `table`'s extractor: the records of the tables it needs."""
    memo = {} if _memo is None else _memo
    return Deps({t: records(t, ctx, given, memo) for t in extractors.get(table).needs})


def find(table: str, ctx: DocContext):
    return extractors.get(table).find(ctx)


def resolve(table: str, span, ctx: DocContext, **deps):
    got = extractors.get(table).resolve(span, ctx, Deps(deps))
    return None if got is None or isinstance(got, Veto) else as_fields(got)


def extract(table: str, ctx: DocContext, **deps) -> list[dict]:
    return [as_fields(c) for c in extractors.get(table).extract(ctx, Deps(deps))]
