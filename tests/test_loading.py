"""Users load every table of a release with its declared types: DuckDB, and pandas with
dtype_backend="pyarrow" (dates as dates, money as exact decimals, offsets as integers)."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from extract import tables
from extract.release import write_release
from extract.spans import record_id
from extract.issues import make_issue
from schema import TABLES, CodeRecord, DateRecord, DocumentRecord, InputFile, MoneyRecord, TargetRecord

TEXT = "2025年全市投资1.25亿元,力争新增企业300家,推进“33618”现代制造业集群体系。"


def _span(table: str, surface: str, rule: str) -> dict:
    start = TEXT.index(surface)
    end = start + len(surface)
    return dict(record_id=record_id("d1", table, start, end), doc_id="d1", start=start, end=end,
                surface=surface, rule=rule, sentence=TEXT)


@pytest.fixture(scope="module")
def full_release(tmp_path_factory) -> Path:
    """A release where every table has a row and every typed column a value."""
    money = MoneyRecord(**_span("money", "1.25亿元", "money.test"), value=Decimal("125000000.10"),
                        value_max=None, currency="CNY", qualifier="exact", qualifier_text=None)
    recs = {
        "documents": [DocumentRecord(record_id=record_id("d1", "documents", 0, len(TEXT)), doc_id="d1",
                                     path="d1.txt", sha256="0" * 64, bytes=len(TEXT.encode()), chars=len(TEXT),
                                     encoding="utf-8", title="标题", source="重庆日报",
                                     published=dt.date(2025, 3, 6), reference_date=dt.date(2025, 3, 6),
                                     body_start=0, body_end=len(TEXT), region_province="重庆市", region_city=None)],
        "codes": [CodeRecord(**_span("codes", "33618", "codes.test"), code="33618", kind="numeric",
                             label="现代制造业集群体系", mentions=1,
                             mention_spans=[{"start": TEXT.index("33618"), "end": TEXT.index("33618") + 5}],
                             expansion=["智能网联新能源汽车", "新一代电子信息制造业"], glossary_name="33618",
                             glossary_region="重庆", glossary_parts=None)],
        "money": [money],
        "dates": [DateRecord(**_span("dates", "2025年", "dates.test"), start_date=dt.date(2025, 1, 1),
                             end_date=dt.date(2025, 12, 31), granularity="year", relative=False)],
        "targets": [TargetRecord(**_span("targets", "力争新增企业300家", "targets.test"), subject="全市",
                                 metric="新增企业", value=Decimal("300.0001"), unit="家", comparator=">=",
                                 deadline=2025, modality="力争", money_record_id=money.record_id, code="33618")],
        "issues": [make_issue("invalid-record", path="d1.txt", doc_id="d1", table="money", start=1, end=3,
                              rule="money.test", surface="25", reasons="value: a test reason")],
    }
    rows = {t: tables.rows(recs[t]) for t in TABLES}
    out = tmp_path_factory.mktemp("loading")
    return write_release(rows, [InputFile(path="d1.txt", sha256="0" * 64, bytes=1, status="ok")], "0.1.0", out, None)


def duckdb_type(t: pa.DataType) -> str:
    """The DuckDB type a declared Arrow type must load as."""
    if pa.types.is_string(t):
        return "VARCHAR"
    if pa.types.is_decimal(t):
        return f"DECIMAL({t.precision},{t.scale})"
    if pa.types.is_list(t):
        return duckdb_type(t.value_type) + "[]"
    if pa.types.is_struct(t):
        return "STRUCT(" + ", ".join(f'"{f.name}" {duckdb_type(f.type)}' for f in t) + ")"
    return {pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.date32(): "DATE", pa.bool_(): "BOOLEAN"}[t]


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_reads_declared_types(seed_release, full_release, table):
    want = [(f.name, duckdb_type(f.type)) for f in tables.ARROW_SCHEMAS[table]]
    for rel in (seed_release, full_release):
        got = duckdb.sql(f"DESCRIBE SELECT * FROM '{rel / (table + '.parquet')}'").fetchall()
        assert [(r[0], r[1]) for r in got] == want


@pytest.mark.parametrize("table", TABLES)
def test_pandas_reads_declared_types(seed_release, full_release, table):
    want = {f.name: pd.ArrowDtype(f.type) for f in tables.ARROW_SCHEMAS[table]}
    for rel in (seed_release, full_release):
        df = pd.read_parquet(rel / f"{table}.parquet", dtype_backend="pyarrow")
        assert dict(df.dtypes) == want


def test_values_load_exactly(full_release):
    money = pd.read_parquet(full_release / "money.parquet", dtype_backend="pyarrow")
    assert money["value"].sum() == Decimal("125000000.10")  # exact, not 125000000.09999999
    dates = pd.read_parquet(full_release / "dates.parquet", dtype_backend="pyarrow")
    assert dates["start_date"][0] == dt.date(2025, 1, 1)
    assert isinstance(dates["start"][0], int) and dates["end"][0] - dates["start"][0] == len("2025年")
    row = duckdb.sql(f"SELECT m.value, t.value, d.published, c.mention_spans[1].start "
                     f"FROM '{full_release}/money.parquet' m JOIN '{full_release}/targets.parquet' t "
                     f"ON t.money_record_id = m.record_id JOIN '{full_release}/documents.parquet' d ON d.doc_id = m.doc_id "
                     f"JOIN '{full_release}/codes.parquet' c ON c.code = t.code").fetchall()
    assert row == [(Decimal("125000000.10"), Decimal("300.0001"), dt.date(2025, 3, 6), TEXT.index("33618"))]


@pytest.mark.parametrize("table", TABLES)
def test_jsonl_holds_the_same_rows_with_exact_numbers(full_release, table):
    df = pd.read_parquet(full_release / f"{table}.parquet", dtype_backend="pyarrow")
    with (full_release / f"{table}.jsonl").open(encoding="utf-8") as f:
        lines = [json.loads(line, parse_float=Decimal) for line in f]
    assert [list(r) for r in lines] == [list(df.columns)] * len(df)
    for line, (_, row) in zip(lines, df.iterrows()):
        for col, value in line.items():
            parquet_value = row[col]
            if isinstance(parquet_value, (dt.date,)):
                assert value == parquet_value.isoformat()
            elif isinstance(parquet_value, Decimal):
                assert Decimal(value) == parquet_value
            elif parquet_value is None or parquet_value is pd.NA:
                assert value is None
            else:
                assert json.loads(json.dumps(value)) == (parquet_value if not hasattr(parquet_value, "tolist")
                                                         else parquet_value.tolist())
