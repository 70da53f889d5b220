"""What the reader works out once per document: the figures, the records it needs, the
reference year, and what it has decided so far (records, vetoes)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from extract.context import DocContext
from extract.extractors.targets.data import Data
from extract.extractors.targets.timeline import Timeline
from extract.spans import Span


class Chain(NamedTuple):
    """What a target sentence hands on to the next sentences of its paragraph."""

    modality: str
    deadline: int | None
    subject: str | None


@dataclass
class Doc:
    ctx: DocContext
    text: str
    d: Data
    figures: list[Span]
    money: tuple
    codes: tuple
    times: Timeline
    ref_year: int | None
    records: list = field(default_factory=list)       # target candidates, in reading order
    vetoes: dict = field(default_factory=dict)        # (rule, start, end) -> veto id
    subjects: dict = field(default_factory=dict)      # figure start -> its subject
    sent_starts: list[int] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # region, speakers

    def veto(self, f: Span, veto_id: str) -> None:
        """Note that `veto_id` refuses the figure f (the first reason found stands)."""
        self.vetoes.setdefault((f.rule, f.start, f.end), veto_id)
