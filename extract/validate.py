"""Candidates → validated records + typed issues.

Every candidate an extractor yields either becomes a frozen record of its table or
an issue of the catalogue (extract.issues) naming what is wrong: offset-mismatch,
outside-body, duplicate-record, invalid-record. Nothing disappears silently.
"""
from __future__ import annotations

from pydantic import ValidationError

from extract.context import DocContext
from extract.issues import make_issue
from extract.spans import record_id
from schema import IssueRecord, model_for
from schema.candidates import as_fields


def finish(table: str, candidates: list, ctx: DocContext, path: str) -> tuple[list, list[IssueRecord]]:
    """Turn one extractor's candidates (schema.candidates) into (records, issues)."""
    model = model_for(table)
    records, problems, seen = [], [], set()
    for cand in candidates:
        cand = as_fields(cand)
        start, end, surface = cand["start"], cand["end"], cand["surface"]
        problem = _misplaced(ctx, start, end, surface, lambda: _where(path, ctx, table, cand))
        rid = None if problem else record_id(ctx.doc_id, table, start, end)
        if problem is None and rid in seen:
            problem = make_issue("duplicate-record", **_where(path, ctx, table, cand))
        if problem is None:
            try:
                rec = model.model_validate({**cand, "record_id": rid, "doc_id": ctx.doc_id,
                                            "sentence": ctx.sentence_of(start)})
            except ValidationError as exc:
                problem = make_issue("invalid-record", reasons=_reasons(exc), **_where(path, ctx, table, cand))
        if problem is not None:
            problems.append(problem)
            continue
        seen.add(rid)
        records.append(rec)
    return records, problems


def _where(path: str, ctx: DocContext, table: str, cand: dict) -> dict:
    """Where a problem candidate is, for its issue (built only when there is a problem)."""
    return dict(path=path, doc_id=ctx.doc_id, table=table, start=cand["start"], end=cand["end"],
                rule=cand["rule"], surface=cand["surface"])


def _misplaced(ctx: DocContext, start, end, surface, where) -> IssueRecord | None:
    """offset-mismatch or outside-body, when the candidate's span is either (`where()`: the
    issue's location fields)."""
    ints = isinstance(start, int) and isinstance(end, int)
    if not ints or ctx.text[start:end] != surface:
        return make_issue("offset-mismatch", actual=ctx.text[start:end] if ints else None, **where())
    if not ctx.in_body(start, end):
        return make_issue("outside-body", body_start=ctx.body_start, body_end=ctx.body_end, **where())
    return None


def _reasons(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
