"""One document in, typed records out: `extract_document` is a pure function.

The steps: the page's header and body (extract.header), the region it is about
(extract.region), the reference date (an explicit call: relative dates in every
extractor resolve against it), then every registered extractor in dependency order
(extract.extractors), each handed the validated records of the tables it needs.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from extract import extractors
from extract import header as header_mod
from extract.context import DocContext
from extract.documents import Document
from extract.extractors import Deps
from extract.extractors.dates import reference_date
from extract.region import detect_region
from extract.spans import record_id
from extract.issues import make_issue
from extract.validate import finish
from schema import DocumentRecord, IssueRecord


@dataclass
class DocResult:
    document: DocumentRecord
    records: dict[str, list] = field(default_factory=dict)  # table -> frozen records
    issues: list[IssueRecord] = field(default_factory=list)


def build_context(doc: Document) -> DocContext:
    """The document's context: header fields, body range, region and reference date."""
    h = header_mod.parse_header(doc.text)
    province, city = detect_region(doc.text, h.body_start, h.body_end, h.title, h.source)
    ctx = DocContext(doc_id=doc.doc_id, text=doc.text, body_start=h.body_start, body_end=h.body_end,
                     published=h.published, title=h.title, source=h.source,
                     region_province=province, region_city=city)
    return ctx.with_reference(reference_date(ctx))


def run_extractors(ctx: DocContext, path: str) -> tuple[dict[str, list], list[IssueRecord]]:
    """Every extractor on one context: (validated records by table, issues)."""
    records: dict[str, list] = {}
    problems: list[IssueRecord] = []
    for ex in extractors.ordered():
        deps = Deps({t: tuple(records.get(t, ())) for t in ex.needs})
        try:
            candidates = ex.extract(ctx, deps)
        except Exception as exc:  # an extractor bug must not sink the whole build
            where = traceback.format_exc(limit=-1).strip().splitlines()[-2].strip()
            problems.append(make_issue("extractor-error", path=path, doc_id=ctx.doc_id, table=ex.table,
                                       error=exc, where=where))
            records[ex.table] = []
            continue
        recs, probs = finish(ex.table, candidates, ctx, path)
        records[ex.table] = recs
        problems.extend(probs)
    return records, problems


def extract_document(doc: Document) -> DocResult:
    ctx = build_context(doc)
    records, problems = run_extractors(ctx, doc.path)
    document = DocumentRecord(
        record_id=record_id(doc.doc_id, "documents", 0, len(doc.text)), doc_id=doc.doc_id,
        path=doc.path, sha256=doc.sha256, bytes=doc.bytes, chars=len(doc.text), encoding=doc.encoding,
        title=ctx.title, source=ctx.source, published=ctx.published, reference_date=ctx.reference_date,
        body_start=ctx.body_start, body_end=ctx.body_end,
        region_province=ctx.region_province, region_city=ctx.region_city)
    return DocResult(document, records, problems)
