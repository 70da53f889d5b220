"""The table registry (schema/registry.py) and the field declarations (schema/records.py)
are the one source of every table's layout: Arrow types, docs, keys, sort order, the card,
the README field tables, diff's keys, the CLI's choices. These tests hold that together."""
from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import json
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Optional

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import BaseModel

from extract import card, diff, naming, tables
from extract.cli import parser
from schema import EXTRACTED, REGISTRY, SCHEMA_VERSION, SCORED, TABLES, model_for, table
from schema.candidates import CANDIDATES
from schema.columns import arrow_type, column
from tests.conftest import ROOT

README = ROOT / "README.md"
SCHEMA_DOC = ROOT / "docs" / "SCHEMA.md"
FIELDS = [(t.name, f) for t in REGISTRY for f in t.fields]


# ------------------------------------------------------------ declarations

@pytest.mark.parametrize("name,field", FIELDS, ids=[f"{t}.{f}" for t, f in FIELDS])
def test_every_field_declares_a_type_and_a_doc(name, field):
    info = model_for(name).model_fields[field]
    assert arrow_type(info), f"{name}.{field} has no Arrow type: declare it with column(...)"
    assert info.description and len(info.description) > 10, f"{name}.{field} has no docstring"


@pytest.mark.parametrize("name", TABLES)
def test_every_table_says_what_it_holds(name):
    assert len(table(name).doc) > 20


@pytest.mark.parametrize("name", TABLES)
def test_declared_types_are_the_parquet_schema(name):
    declared = [(f, arrow_type(model_for(name).model_fields[f])) for f in table(name).fields]
    assert [(f.name, str(f.type)) for f in tables.ARROW_SCHEMAS[name]] == declared


def test_decimal_columns_bound_the_model():
    """A value the column could not hold exactly is refused by the model, never rounded."""
    info = model_for("money").model_fields["value"]
    assert arrow_type(info) == "decimal128(20, 2)"
    probe = _model({"value": (Decimal, column("decimal128(20, 2)", ge=0))})
    assert probe(value=Decimal("0.05")).value == Decimal("0.05")
    with pytest.raises(ValueError, match="decimal places"):
        probe(value=Decimal("0.054"))
    with pytest.raises(ValueError, match="digits"):
        probe(value=Decimal("1" * 19))


def _model(fields: dict) -> type[BaseModel]:
    return type("Probe", (BaseModel,), {"__annotations__": {k: v[0] for k, v in fields.items()},
                                        **{k: v[1] for k, v in fields.items()}})


@pytest.mark.parametrize("annotation,spec,message", [
    (str, "int32", "cannot be stored"),
    (int, "string", "cannot be stored"),
    (Decimal, "int64", "cannot be stored"),
    (dt.date, "date32", "not an Arrow type"),  # pyarrow prints date32[day]
    (list[str], "string", "needs a list"),
    (Optional[Decimal], "decimal128(20,2)", "not an Arrow type"),  # … and decimal128(20, 2)
    (str, "varchar", "not an Arrow type"),
], ids=["str-as-int", "int-as-string", "decimal-as-int", "date-spelling", "list-as-scalar", "decimal-spelling",
        "unknown"])
def test_a_misdeclared_column_fails_when_the_schema_is_built(annotation, spec, message):
    with pytest.raises(ValueError, match=message):
        tables.model_arrow(_model({"x": (annotation, column(spec))}))


def test_a_field_without_a_column_type_fails():
    with pytest.raises(ValueError, match="declares no Arrow type"):
        tables.model_arrow(_model({"x": (str, None)}))


@pytest.mark.parametrize("spec", sorted({arrow_type(model_for(t).model_fields[f]) for t, f in FIELDS}))
def test_arrow_spellings_round_trip(spec):
    assert str(tables.parse_arrow(spec)) == spec


# ------------------------------------------------------------ what derives from the registry

def test_extracted_tables_have_candidates_and_scored_ones_gold_rules():
    assert list(CANDIDATES) == list(EXTRACTED) == ["codes", "money", "dates", "targets"]
    assert list(SCORED) == list(EXTRACTED)
    for name in SCORED:
        gold = table(name).gold
        assert set(gold.same + gold.close) <= set(table(name).fields)


def test_diff_pairs_by_the_registry_keys():
    assert {t: diff.key_of(t) for t in TABLES} == {
        "documents": ("doc_id",), "codes": ("doc_id", "code"), "money": ("doc_id", "start", "end"),
        "dates": ("doc_id", "start", "end"), "targets": ("doc_id", "start", "end"), "issues": ("record_id",)}
    for t in REGISTRY:
        assert set(t.key) <= set(t.fields) and set(t.sort) <= set(t.fields)


def test_the_command_line_offers_every_table():
    sub = parser()._subparsers._group_actions[0].choices["diff"]
    (action,) = [a for a in sub._actions if a.dest == "table"]
    assert tuple(action.choices) == TABLES


def test_issues_sort_nulls_first_then_by_value():
    rows = [{"path": "b.txt", "doc_id": "b", "start": 5, "slug": "x", "record_id": "2"},
            {"path": "b.txt", "doc_id": "b", "start": None, "slug": "x", "record_id": "3"},
            {"path": "a.txt", "doc_id": "a", "start": 9, "slug": "x", "record_id": "1"}]
    assert [r["record_id"] for r in sorted(rows, key=tables.sort_key("issues"))] == ["1", "3", "2"]


@pytest.mark.parametrize("name", TABLES)
def test_release_rows_are_in_registry_order(seed_release, name):
    with naming.table_path(seed_release, name, "jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    assert rows == sorted(rows, key=tables.sort_key(name))


def _tuples_of_table_names(path: Path) -> list[int]:
    """Lines of tuple/list literals naming four or more tables: a restated table list."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            names = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in TABLES]
            if len(names) >= 4:
                out.append(node.lineno)
    return out


@pytest.mark.parametrize("path", sorted((ROOT / "extract").rglob("*.py")) + sorted((ROOT / "schema").rglob("*.py")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_restates_the_table_list(path):
    assert _tuples_of_table_names(path) == [], "name the tables through schema.registry"


# ------------------------------------------------------------ the card and the README

def test_the_readme_field_tables_are_what_the_registry_renders():
    text = README.read_text(encoding="utf-8")
    assert card.readme_with_fields(text) == text, "run: python -m extract.card --write README.md"
    for name, field in FIELDS:
        assert f"| `{field}` |" in text, f"README does not list {name}.{field}"


def test_the_readme_helper_rewrites_stale_tables(tmp_path, capsys):
    stale = tmp_path / "README.md"
    text = README.read_text(encoding="utf-8")
    stale.write_text(text.replace("| `value_max` |", "| `value_maximum` |"), encoding="utf-8")
    assert card.main([str(stale)]) == 1
    assert card.main(["--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == text
    assert card.main([str(stale)]) == 0


def test_the_card_carries_the_same_field_tables(seed_release):
    text = naming.card_path(seed_release).read_text(encoding="utf-8")
    assert card.render_fields() in text


# ------------------------------------------------------------ the version policy

def _layout(release: Path) -> dict[str, dict[str, pa.DataType]]:
    return {t: {f.name: f.type for f in pq.read_schema(naming.table_path(release, t, "parquet"))}
            for t in naming.parquet_tables(release)}


def _required_schema_step(old: dict, new: dict) -> str | None:
    removed = [(t, f) for t in old for f in old[t] if t not in new or f not in new[t]]
    retyped = [(t, f) for t in old if t in new for f in old[t] if f in new[t] and new[t][f] != old[t][f]]
    added = [(t, f) for t in new for f in new[t] if t not in old or f not in old[t]]
    return "major" if removed or retyped else "minor" if added else None


SHIPPED = naming.releases(ROOT / "dataset")


@pytest.mark.skipif(not SHIPPED, reason="no shipped release")
def test_schema_version_steps_with_the_layout():
    """The registry's layout against the newest shipped release: a changed layout needs the
    SCHEMA_VERSION step the policy gives it (docs/SCHEMA.md), an unchanged one the same version."""
    newest = naming.release_dir(ROOT / "dataset", SHIPPED[-1])
    shipped_version = json.loads(naming.manifest_path(newest).read_text(encoding="utf-8"))["schema_version"]
    now = {name: {f.name: f.type for f in schema} for name, schema in tables.ARROW_SCHEMAS.items()}
    required = _required_schema_step(_layout(newest), now)
    step = naming.bump_part(shipped_version, SCHEMA_VERSION)
    if required is None:
        assert SCHEMA_VERSION == shipped_version or step == "patch"
    else:
        assert diff.bump_rank(step) >= diff.bump_rank(required), \
            f"the layout changed ({required} step) but SCHEMA_VERSION went {shipped_version} → {SCHEMA_VERSION}"


@pytest.mark.parametrize("old,new,step", [
    ({"t": {"a": "int32"}}, {"t": {"a": "int32"}}, None),
    ({"t": {"a": "int32"}}, {"t": {"a": "int32", "b": "string"}}, "minor"),
    ({"t": {"a": "int32"}}, {"t": {"a": "int32"}, "u": {"x": "string"}}, "minor"),
    ({"t": {"a": "int32"}}, {"t": {"a": "int64"}}, "major"),
    ({"t": {"a": "int32", "b": "string"}}, {"t": {"a": "int32"}}, "major"),
])
def test_the_policy_check_itself(old, new, step):
    assert _required_schema_step(old, new) == step


# ------------------------------------------------------------ docs/SCHEMA.md's worked example

@pytest.fixture
def planned_model(tmp_path, monkeypatch):
    """The one registry edit docs/SCHEMA.md shows, loaded as a model (from a file, so that
    its field docstrings are read as they would be in schema/records.py)."""
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    example = doc[doc.index("## Worked example"):]
    code = re.search(r"```python\n(.*?)```", example, re.S).group(1)
    preamble = ("from enum import Enum\nfrom typing import Optional\nfrom schema.columns import column\n"
                "from schema.records import DocumentRecord as _Frozen  # the fields that exist today\n")
    path = tmp_path / "planned_schema.py"
    path.write_text(preamble + code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("planned_schema", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "planned_schema", module)
    spec.loader.exec_module(module)
    return module


def test_the_worked_example_is_one_edit(planned_model):
    model = planned_model.DocumentRecord
    assert list(model.model_fields)[-1] == "reference_date_source"
    arrow = pa.schema(list(tables.model_arrow(model)))
    assert arrow.names == list(tables.ARROW_SCHEMAS["documents"].names) + ["reference_date_source"]
    assert arrow.field("reference_date_source").type == pa.string()
    name, typ, doc = card.field_rows(model)[-1]
    assert name == "reference_date_source" and "`published`, `title`, `body`" in typ and "reference_date" in doc
    assert naming.bump_part(SCHEMA_VERSION, planned_model.SCHEMA_VERSION) is not None
    assert _required_schema_step({"documents": dict(zip(tables.ARROW_SCHEMAS["documents"].names, ["?"] * 99))},
                                 {"documents": {n: "?" for n in arrow.names}}) == "minor"


def test_the_worked_example_writes_the_new_column(planned_model):
    model = planned_model.DocumentRecord
    row = model(record_id="d", doc_id="d", path="d.txt", sha256="0" * 64, bytes=3, chars=1, encoding="utf-8",
                title=None, source=None, published=dt.date(2025, 3, 6), reference_date=dt.date(2025, 3, 6),
                body_start=0, body_end=1, region_province=None, region_city=None,
                reference_date_source="published")
    line = tables.jsonl_line(tables.rows([row])[0])
    assert line.endswith('"reference_date_source":"published"}\n')
