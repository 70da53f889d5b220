"""A record field and its on-disk column, declared in one place.

    value: Decimal = column("decimal128(20, 2)", ge=0)
    \"\"\"the amount in units of the currency\"\"\"

`column(arrow, **constraints)` is pydantic's `Field` with the field's Arrow type
attached (as `json_schema_extra["arrow"]`, so it also shows in the JSON schema). The
type is written exactly as pyarrow prints it (`string`, `int32`, `date32[day]`,
`decimal128(20, 2)`, `list<item: string>` …): extract.tables turns it into a pyarrow
type and checks it prints back the same and fits the field's Python type. A decimal
column also sets pydantic's `max_digits` and `decimal_places` from its precision and
scale, so the model refuses what the column could not hold. The docstring under the
field is its documentation (the models set `use_attribute_docstrings`).

This module imports pydantic only: `schema` stays importable without pyarrow.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import Field
from pydantic.fields import FieldInfo

ARROW_KEY = "arrow"
_DECIMAL = re.compile(r"^decimal128\((\d+), (\d+)\)$")


def column(arrow: str, **kwargs: Any) -> Any:
    """A pydantic Field whose Arrow column type is `arrow` (pyarrow's spelling).

    >>> f = column("decimal128(20, 2)", ge=0)
    >>> arrow_type(f), decimal_digits("decimal128(20, 2)")
    ('decimal128(20, 2)', (20, 2))
    """
    digits = decimal_digits(arrow)
    if digits is not None:
        kwargs.setdefault("max_digits", digits[0])
        kwargs.setdefault("decimal_places", digits[1])
    return Field(json_schema_extra={ARROW_KEY: arrow}, **kwargs)


def decimal_digits(arrow: str) -> tuple[int, int] | None:
    """(precision, scale) of a decimal128 spelling, else None."""
    m = _DECIMAL.match(arrow)
    return (int(m.group(1)), int(m.group(2))) if m else None


def arrow_type(info: FieldInfo) -> str | None:
    """The Arrow type a field was declared with, or None when it has none."""
    extra = info.json_schema_extra
    return extra.get(ARROW_KEY) if isinstance(extra, dict) else None
