"""Helpers the tests share: a context as the pipeline builds it, and the registry's
find / resolve / extract with records as plain dicts (field name → value)."""
from __future__ import annotations

from extract import extractors
from extract.context import DocContext
from extract.extractors import Deps, Veto
from extract.extractors.dates import reference_date
from schema.candidates import as_fields


def ctx_for(text: str, body_start: int = 0, body_end: int | None = None, *, doc_id: str = "spec",
            **fields) -> DocContext:
    """A context over `text` with its reference date set as the pipeline sets it."""
    ctx = DocContext(doc_id, text, body_start, len(text) if body_end is None else body_end, **fields)
    return ctx if "reference_date" in fields else ctx.with_reference(reference_date(ctx))


def find(table: str, ctx: DocContext):
    return extractors.get(table).find(ctx)


def resolve(table: str, span, ctx: DocContext, **deps):
    got = extractors.get(table).resolve(span, ctx, Deps(deps))
    return None if got is None or isinstance(got, Veto) else as_fields(got)


def extract(table: str, ctx: DocContext, **deps) -> list[dict]:
    return [as_fields(c) for c in extractors.get(table).extract(ctx, Deps(deps))]
