"""One document in, typed records out: `extract_document` is a pure function.

Order matters: dates first (they fix the document's reference date), then money
and codes, then targets, which read the other three.
"""
from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass, field

from extract import header as header_mod
from extract.context import DocContext
from extract.documents import Document
from extract.region import detect_region
from extract.spans import record_id
from extract.validate import finish, issue
from schema import DocumentRecord, IssueRecord

EXTRACTOR_ORDER = ("dates", "money", "codes", "targets")


@dataclass
class DocResult:
    document: DocumentRecord
    records: dict[str, list] = field(default_factory=dict)  # table -> frozen records
    issues: list[IssueRecord] = field(default_factory=list)


def _extractor(name: str):
    return importlib.import_module(f"extract.extractors.{name}")


def build_context(doc: Document) -> DocContext:
    h = header_mod.parse_header(doc.text)
    province, city = detect_region(doc.text, h.body_start, h.body_end, h.title, h.source)
    return DocContext(doc_id=doc.doc_id, text=doc.text, body_start=h.body_start, body_end=h.body_end,
                      published=h.published, title=h.title, source=h.source,
                      region_province=province, region_city=city)


def extract_document(doc: Document) -> DocResult:
    ctx = build_context(doc)
    records: dict[str, list] = {}
    problems: list[IssueRecord] = []
    finished: dict[str, list[dict]] = {}
    for name in EXTRACTOR_ORDER:
        try:
            module = _extractor(name)
            kwargs = {t: finished.get(t, []) for t in ("money", "dates", "codes")} if name == "targets" else {}
            candidates = module.extract(ctx, **kwargs)
        except Exception as exc:  # an extractor bug must not sink the whole build
            problems.append(issue("extractor-error",
                                  f"{doc.path}: the {name} extractor failed: {exc!r} "
                                  f"({traceback.format_exc(limit=-1).strip().splitlines()[-2].strip()})",
                                  doc_id=doc.doc_id, path=doc.path, table=name))
            records[name] = []
            continue
        recs, probs = finish(name, candidates, ctx, doc.path)
        records[name] = recs
        problems.extend(probs)
        finished[name] = [r.model_dump() for r in recs]
    document = DocumentRecord(
        record_id=record_id(doc.doc_id, "documents", 0, len(doc.text)), doc_id=doc.doc_id,
        path=doc.path, sha256=doc.sha256, bytes=doc.bytes, chars=len(doc.text), encoding=doc.encoding,
        title=ctx.title, source=ctx.source, published=ctx.published, reference_date=ctx.reference_date,
        body_start=ctx.body_start, body_end=ctx.body_end,
        region_province=ctx.region_province, region_city=ctx.region_city)
    return DocResult(document, records, problems)
