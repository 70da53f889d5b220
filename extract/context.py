"""What an extractor sees of one document: the raw text and offset views of it.

A DocContext is frozen: extractors read it and never write to it. What one extractor
works out per document and reuses (its spans, its anchors) it keeps in its own
`DocCache` (extract.extractors), not here. The reference date is computed by an
explicit call (extract.reference.reference_date) and set with `with_reference`, which
returns a new context.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from extract.segment import SentenceIndex, sentences


@dataclass(frozen=True, eq=False)
class DocContext:
    doc_id: str
    text: str             # the raw text, never modified
    body_start: int
    body_end: int
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    region_province: str | None = None
    region_city: str | None = None
    # What relative dates resolve against (GUIDELINES §3): set by with_reference.
    reference_date: dt.date | None = None

    @cached_property
    def sentence_index(self) -> SentenceIndex:
        return SentenceIndex(sentences(self.text, self.body_start, self.body_end))

    def with_reference(self, reference: dt.date | None) -> "DocContext":
        """This context with `reference_date` set (the sentence index is shared, not redone)."""
        new = dataclasses.replace(self, reference_date=reference)
        if "sentence_index" in self.__dict__:
            new.__dict__["sentence_index"] = self.__dict__["sentence_index"]
        return new

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset` (the offset itself if it falls between sentences)."""
        span = self.sentence_index.span_at(offset)
        return span if span is not None else (offset, offset)

    def sentence_of(self, start: int) -> str:
        s, e = self.sentence_span(start)
        return self.text[s:e]

    def in_body(self, start: int, end: int) -> bool:
        return self.body_start <= start < end <= self.body_end
