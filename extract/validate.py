"""Candidates → validated records + typed issues.

Every candidate an extractor yields either becomes a frozen record of its table or
an issue with a stable slug naming what is wrong. Nothing disappears silently.

Slugs: offset-mismatch, outside-body, invalid-record, duplicate-record,
extractor-error (and, from documents.py, the file-level ones).
"""
from __future__ import annotations

import hashlib

from pydantic import ValidationError

from extract.context import DocContext
from extract.spans import record_id
from schema import IssueRecord, Severity, model_for
from schema.candidates import as_fields


def issue(slug: str, message: str, *, doc_id=None, path=None, table=None, start=None, end=None,
          rule=None, severity=Severity.error) -> IssueRecord:
    key = "\0".join(str(x) for x in (doc_id, path, slug, table, start, end, rule, message))
    return IssueRecord(record_id=hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=doc_id, path=path,
                       slug=slug, severity=severity, message=message, table=table, start=start, end=end,
                       rule=rule)


def finish(table: str, candidates: list, ctx: DocContext, path: str) -> tuple[list, list]:
    """Turn one extractor's candidates (schema.candidates) into (records, issues)."""
    model = model_for(table)
    records, problems, seen = [], [], set()
    for cand in candidates:
        cand = as_fields(cand)
        start, end, surface = cand["start"], cand["end"], cand["surface"]
        rule = cand["rule"]
        where = dict(doc_id=ctx.doc_id, path=path, table=table, start=start, end=end, rule=rule)
        if not isinstance(start, int) or not isinstance(end, int) or ctx.text[start:end] != surface:
            problems.append(issue("offset-mismatch",
                                  f"{path}: {table} record {surface!r} at {start}:{end} does not match "
                                  f"the raw text {ctx.text[start:end] if isinstance(start, int) and isinstance(end, int) else None!r}",
                                  **where))
            continue
        if not ctx.in_body(start, end):
            problems.append(issue("outside-body", f"{path}: {table} record {surface!r} at {start}:{end} "
                                  f"lies outside the article body {ctx.body_start}:{ctx.body_end}", **where))
            continue
        rid = record_id(ctx.doc_id, table, start, end)
        if rid in seen:
            problems.append(issue("duplicate-record", f"{path}: a second {table} record at {start}:{end} "
                                  f"({surface!r}, rule {rule})", **where))
            continue
        try:
            rec = model.model_validate({**cand, "record_id": rid, "doc_id": ctx.doc_id,
                                        "sentence": ctx.sentence_of(start)})
        except ValidationError as exc:
            reasons = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
            problems.append(issue("invalid-record", f"{path}: {table} record {surface!r} at {start}:{end} "
                                  f"is invalid: {reasons}", **where))
            continue
        seen.add(rid)
        records.append(rec)
    return records, problems
