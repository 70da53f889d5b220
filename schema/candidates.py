"""Typed candidates: what an extractor's `resolve` returns, before validation.

A candidate holds a record's span (`start`, `end`, `surface`, `rule`) and the fields of
its table, and nothing the pipeline adds itself (`record_id`, `doc_id`, `sentence`).
The classes are derived from the record models, so a field added to a model is a field
of its candidate with no second edit. They are frozen dataclasses with slots (cheap to
build by the thousand); pydantic validation happens once, when extract.validate turns a
candidate into a record.
"""
from __future__ import annotations

import dataclasses
import operator
from typing import Any

from schema.registry import REGISTRY

# Fields the pipeline fills in; a candidate never carries them.
PROVENANCE = ("record_id", "doc_id", "sentence")


def _candidate_class(model) -> type:
    fields = []
    for name, info in model.model_fields.items():
        if name in PROVENANCE:
            continue
        default = None if not info.is_required() else dataclasses.MISSING
        fields.append((name, info.annotation or Any, dataclasses.field(default=default)))
    cls = dataclasses.make_dataclass(model.__name__.replace("Record", "Candidate"), fields,
                                     frozen=True, slots=True, kw_only=True)
    cls.__module__ = __name__
    cls.__doc__ = f"A {model.__name__} before validation (fields as in the model)."
    return cls


# One candidate class per table an extractor fills (CodeCandidate, MoneyCandidate …).
CANDIDATES: dict[str, type] = {t.name: _candidate_class(t.model) for t in REGISTRY if t.extracted}


_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in CANDIDATES.values()}
# (field names, a getter of all their values at once): as_fields runs once per record (hot)
_GETTERS = {cls: (names, operator.attrgetter(*names)) for cls, names in _FIELDS.items()}


def candidate_fields(table: str) -> tuple[str, ...]:
    """The field names of a table's candidate, in model order.

    >>> candidate_fields("dates")
    ('start', 'end', 'surface', 'rule', 'start_date', 'end_date', 'granularity', 'relative')
    """
    return _FIELDS[CANDIDATES[table]]


def as_fields(candidate) -> dict[str, Any]:
    """A candidate's fields as a dict (for validation), in model order."""
    names, values = _GETTERS[type(candidate)]
    return dict(zip(names, values(candidate)))
