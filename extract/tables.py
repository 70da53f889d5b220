"""Declared on-disk types of every table, and the two writers (Parquet, JSONL).

Arrow types are declared, never inferred: money is decimal128 in units of the
currency (sums stay exact), calendar dates are date32, offsets int32, closed
vocabularies plain strings (not Arrow dictionaries, which pandas would turn
into `category`). A test checks these columns match the pydantic models.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schema import SCHEMA_VERSION, TABLES

_S, _I32 = pa.string(), pa.int32()
_SPAN = [("record_id", _S), ("doc_id", _S), ("start", _I32), ("end", _I32), ("surface", _S),
         ("rule", _S), ("sentence", _S)]
MONEY_TYPE = pa.decimal128(20, 2)
TARGET_VALUE_TYPE = pa.decimal128(24, 4)

ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("record_id", _S), ("doc_id", _S), ("path", _S), ("sha256", _S), ("bytes", pa.int64()),
        ("chars", _I32), ("encoding", _S), ("title", _S), ("source", _S), ("published", pa.date32()),
        ("reference_date", pa.date32()), ("body_start", _I32), ("body_end", _I32),
        ("region_province", _S), ("region_city", _S)]),
    "codes": pa.schema(_SPAN + [
        ("code", _S), ("kind", _S), ("label", _S), ("mentions", _I32),
        ("mention_spans", pa.list_(pa.struct([("start", _I32), ("end", _I32)]))),
        ("expansion", pa.list_(_S)), ("glossary_name", _S), ("glossary_region", _S),
        ("glossary_parts", pa.list_(_S))]),
    "money": pa.schema(_SPAN + [
        ("value", MONEY_TYPE), ("value_max", MONEY_TYPE), ("currency", _S), ("qualifier", _S),
        ("qualifier_text", _S)]),
    "dates": pa.schema(_SPAN + [
        ("start_date", pa.date32()), ("end_date", pa.date32()), ("granularity", _S),
        ("relative", pa.bool_())]),
    "targets": pa.schema(_SPAN + [
        ("subject", _S), ("metric", _S), ("value", TARGET_VALUE_TYPE), ("unit", _S),
        ("comparator", _S), ("deadline", _I32), ("modality", _S), ("money_record_id", _S),
        ("code", _S)]),
    "issues": pa.schema([
        ("record_id", _S), ("doc_id", _S), ("path", _S), ("slug", _S), ("severity", _S),
        ("message", _S), ("table", _S), ("start", _I32), ("end", _I32), ("rule", _S)]),
}
assert tuple(ARROW_SCHEMAS) == TABLES


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


def sort_key(table: str):
    if table == "documents":
        return lambda r: (r["doc_id"],)
    if table == "issues":
        return lambda r: (r["path"] or "", r["doc_id"] or "", r["start"] if r["start"] is not None else -1,
                          r["slug"], r["record_id"])
    return lambda r: (r["doc_id"], r["start"], r["end"], r["record_id"])


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


def to_arrow(table: str, table_rows: list[dict]) -> pa.Table:
    schema = ARROW_SCHEMAS[table]
    columns = {}
    for fld in schema:
        values = [r[fld.name] for r in table_rows]
        if pa.types.is_decimal(fld.type):
            values = [None if v is None else v.quantize(Decimal(1).scaleb(-fld.type.scale)) for v in values]
        columns[fld.name] = pa.array(values, type=fld.type)
    meta = {b"extract.table": table.encode(), b"extract.schema_version": SCHEMA_VERSION.encode()}
    return pa.table(columns, schema=schema.with_metadata(meta))


def write_parquet(table: str, table_rows: list[dict], path: Path) -> None:
    pq.write_table(to_arrow(table, table_rows), path, compression="zstd")
