"""What an extractor sees of one document: the raw text and offset views of it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from extract.segment import SentenceIndex, sentences


@dataclass
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
    # Set by the dates extractor: the published date, else the guideline's fallback.
    reference_date: dt.date | None = None
    extras: dict = field(default_factory=dict)

    @cached_property
    def sentence_index(self) -> SentenceIndex:
        return SentenceIndex(sentences(self.text, self.body_start, self.body_end))

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset` (the offset itself if it falls between sentences)."""
        span = self.sentence_index.span_at(offset)
        return span if span is not None else (offset, offset)

    def sentence_of(self, start: int) -> str:
        s, e = self.sentence_span(start)
        return self.text[s:e]

    def in_body(self, start: int, end: int) -> bool:
        return self.body_start <= start < end <= self.body_end
