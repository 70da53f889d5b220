"""On-disk types of every table, and the two writers (Parquet, JSONL).

Arrow types are declared with each field (schema.columns), never inferred: money is
decimal128 in units of the currency (sums stay exact), calendar dates are date32,
offsets int32, closed vocabularies plain strings (not Arrow dictionaries, which pandas
would turn into `category`). Here the declarations become pyarrow types, checked when
this module loads: each must print back as declared and fit its field's Python type,
so a misdeclared field fails every build at once rather than one table at write time.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from schema import REGISTRY, SCHEMA_VERSION, table
from schema.columns import arrow_type

_SCALARS = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_(),
            "date32[day]": pa.date32()}
_DECIMAL = re.compile(r"decimal128\((\d+), (\d+)\)")
# The Arrow types each Python type may be stored as.
_FITS = {str: ("string",), int: ("int32", "int64"), bool: ("bool",), dt.date: ("date32[day]",),
         Decimal: ("decimal128",)}


def parse_arrow(spec: str) -> pa.DataType:
    """A pyarrow type from its printed form (what schema.columns declares).

    >>> parse_arrow("list<item: struct<start: int32, end: int32>>")
    ListType(list<item: struct<start: int32, end: int32>>)
    >>> parse_arrow("decimal128(20, 2)")
    Decimal128Type(decimal128(20, 2))
    """
    typ, rest = _parse(spec.strip())
    if rest:
        raise ValueError(f"unexpected {rest!r} after an Arrow type in {spec!r}")
    return typ


def _parse(s: str) -> tuple[pa.DataType, str]:
    for name, typ in _SCALARS.items():
        if s.startswith(name) and not s[len(name):len(name) + 1].isalnum():
            return typ, s[len(name):]
    if m := _DECIMAL.match(s):
        return pa.decimal128(int(m.group(1)), int(m.group(2))), s[m.end():]
    if s.startswith("list<item: "):
        item, rest = _parse(s[len("list<item: "):])
        return pa.list_(item), _expect(rest, ">")
    if s.startswith("struct<"):
        fields, rest = [], s[len("struct<"):]
        while True:
            name, sep, rest = rest.partition(": ")
            typ, rest = _parse(rest)
            fields.append(pa.field(name, typ))
            if not rest.startswith(", "):
                return pa.struct(fields), _expect(rest, ">")
            rest = rest[2:]
    raise ValueError(f"not an Arrow type this project declares: {s!r}")


def _expect(rest: str, token: str) -> str:
    if not rest.startswith(token):
        raise ValueError(f"expected {token!r} at {rest!r}")
    return rest[len(token):]


def _check_fits(where: str, annotation, typ: pa.DataType) -> None:
    """Does a field of Python type `annotation` fit Arrow type `typ`? ValueError if not."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):  # Optional[X]
        (annotation,) = [a for a in args if a is not type(None)]
        return _check_fits(where, annotation, typ)
    if typing.get_origin(annotation) is list:
        if not pa.types.is_list(typ):
            raise ValueError(f"{where}: a list field needs a list<…> column, not {typ}")
        return _check_fits(where + "[]", args[0], typ.value_type)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if typ != model_arrow(annotation):
            raise ValueError(f"{where}: {typ} does not match the columns of {annotation.__name__}")
        return
    base = str if isinstance(annotation, type) and issubclass(annotation, Enum) else annotation
    allowed = next((v for k, v in _FITS.items() if base is k), ())
    if str(typ).split("(")[0] not in allowed:
        raise ValueError(f"{where}: Python type {annotation} cannot be stored as {typ}")


def model_arrow(model: type[BaseModel]) -> pa.StructType:
    """The Arrow struct of a model: one field per model field, as declared."""
    fields = []
    for name, info in model.model_fields.items():
        spec = arrow_type(info)
        where = f"{model.__name__}.{name}"
        if spec is None:
            raise ValueError(f"{where} declares no Arrow type: use schema.columns.column(...)")
        typ = parse_arrow(spec)
        if str(typ) != spec:
            raise ValueError(f"{where}: write the Arrow type as pyarrow prints it, {str(typ)!r}, not {spec!r}")
        _check_fits(where, info.annotation, typ)
        fields.append(pa.field(name, typ))
    return pa.struct(fields)


ARROW_SCHEMAS: dict[str, pa.Schema] = {t.name: pa.schema(list(model_arrow(t.model))) for t in REGISTRY}


def _plain(value):
    """Python value of a record field as stored: enums by their value, models as dicts."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return {k: _plain(v) for k, v in value.model_dump().items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def rows(records) -> list[dict]:
    return [{k: _plain(getattr(r, k)) for k in type(r).model_fields} for r in records]


def sort_key(name: str):
    """The key that orders a table's rows (schema.registry); a null sorts before any value."""
    entry = table(name)
    fields = entry.sort
    if not any(type(None) in typing.get_args(entry.model.model_fields[f].annotation) for f in fields):
        return itemgetter(*fields)
    return lambda r: tuple((r[f] is not None, r[f]) for f in fields)


def _number(d: Decimal) -> str:
    """A Decimal as a JSON number literal, exact: 2E+11 → 200000000000, 3.250 → 3.25."""
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def _json_value(v) -> str:
    if isinstance(v, Decimal):
        return _number(v)
    if isinstance(v, dt.date):
        return json.dumps(v.isoformat())
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def _fast(v):
    """A value json.dumps writes exactly as _json_value would, or _SLOW."""
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        f = float(v)
        return f if repr(f) == _number(v) else _SLOW  # 3.25 round-trips; 0.1000000001 may not
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


_SLOW = object()
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def jsonl_line(row: dict) -> str:
    """One JSON object, keys in schema order, numbers as numbers: byte-stable."""
    fast = {k: _fast(v) for k, v in row.items()}
    if _SLOW not in fast.values():
        return _DUMPS(fast) + "\n"
    return "{" + ",".join(f"{json.dumps(k)}:{_json_value(v)}" for k, v in row.items()) + "}\n"


def write_jsonl(table: str, table_rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in table_rows:
            f.write(jsonl_line(row))


def to_arrow(name: str, table_rows: list[dict]) -> pa.Table:
    schema = ARROW_SCHEMAS[name]
    columns = {}
    for fld in schema:
        values = [r[fld.name] for r in table_rows]
        if pa.types.is_decimal(fld.type):
            values = [None if v is None else v.quantize(Decimal(1).scaleb(-fld.type.scale)) for v in values]
        columns[fld.name] = pa.array(values, type=fld.type)
    meta = {b"extract.table": name.encode(), b"extract.schema_version": SCHEMA_VERSION.encode()}
    return pa.table(columns, schema=schema.with_metadata(meta))


def write_parquet(table: str, table_rows: list[dict], path: Path) -> None:
    pq.write_table(to_arrow(table, table_rows), path, compression="zstd")
