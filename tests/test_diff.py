"""`extract diff`: pairing by natural keys, counts, field changes, schema and manifest
differences, the version a change requires, rendering, exit statuses, and the version
policy `build` enforces (bump, refusal, no-change, changelog, card)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract import cli, diff, naming, tables
from extract.release import ReleaseError, append_changelog, choose_version, write_release
from extract.spans import record_id
from schema import TABLES, DateRecord, DocumentRecord, InputFile, MoneyRecord

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


# ------------------------------------------------------------ synthetic releases

def doc(doc_id: str, text: str = "正文") -> DocumentRecord:
    data = text.encode()
    return DocumentRecord(record_id=record_id(doc_id, "documents", 0, len(text)), doc_id=doc_id,
                          path=f"{doc_id}.txt", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                          chars=len(text), encoding="utf-8", title=f"标题{doc_id}", source=None,
                          published=dt.date(2025, 3, 6), reference_date=dt.date(2025, 3, 6), body_start=0,
                          body_end=len(text), region_province=None, region_city=None)


def money(doc_id: str, start: int, value: str, surface: str = "20亿元", qualifier: str = "exact") -> MoneyRecord:
    end = start + len(surface)
    return MoneyRecord(record_id=record_id(doc_id, "money", start, end), doc_id=doc_id, start=start, end=end,
                       surface=surface, rule="money.test", sentence="投资20亿元。", value=Decimal(value),
                       value_max=None, currency="CNY", qualifier=qualifier, qualifier_text=None)


def date(doc_id: str, start: int, year: int) -> DateRecord:
    surface = f"{year}年"
    return DateRecord(record_id=record_id(doc_id, "dates", start, start + 5), doc_id=doc_id, start=start,
                      end=start + 5, surface=surface, rule="dates.test", sentence=surface,
                      start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31), granularity="year",
                      relative=False)


def release(out: Path, version: str, records: list) -> Path:
    by_table = {t: [] for t in TABLES}
    names = {DocumentRecord: "documents", MoneyRecord: "money", DateRecord: "dates"}
    for r in records:
        by_table[names[type(r)]].append(r)
    rows = {t: sorted(tables.rows(by_table[t]), key=tables.sort_key(t)) for t in TABLES}
    inputs = [InputFile(path=d["path"], sha256=d["sha256"], bytes=d["bytes"], status="ok") for d in rows["documents"]]
    return write_release(rows, inputs, version, out, None)


BASE = [doc("a"), doc("b"), money("a", 10, "2000000000"), money("a", 30, "500.50", "500.5元"),
        money("b", 5, "100"), date("a", 0, 2024), date("b", 0, 2025)]


@pytest.fixture
def base(tmp_path) -> Path:
    return release(tmp_path, "0.1.0", BASE)


def rewrite(path: Path, table: pa.Table) -> None:
    path.chmod(0o644)
    pq.write_table(table, path)


# ------------------------------------------------------------ compare()

def test_a_release_equals_itself(base):
    d = diff.compare(base, base)
    assert d.same and not d.tables_differ
    assert d.required_bump() == (None, [])
    assert {t: (x.unchanged, x.added, x.removed, x.changed) for t, x in d.tables.items()}["money"] == (3, 0, 0, 0)


def test_a_value_fix_is_changed_not_removed_plus_added(tmp_path, base):
    new = release(tmp_path, "0.1.1", [r if r != BASE[2] else money("a", 10, "2100000000") for r in BASE])
    m = diff.compare(base, new, limit=None).tables["money"]
    assert (m.added, m.removed, m.changed, m.unchanged) == (0, 0, 1, 2)
    assert m.fields == {"value": 1}
    assert m.changed_rows == [{"key": {"doc_id": "a", "start": 10, "end": 14},
                               "fields": {"value": [Decimal("2000000000.00"), Decimal("2100000000.00")]}}]
    assert diff.compare(base, new).required_bump() == ("patch", ["money: 1 changed"])


def test_a_moved_span_is_removed_plus_added(tmp_path, base):
    new = release(tmp_path, "0.1.1", [r if r != BASE[4] else money("b", 6, "100") for r in BASE])
    m = diff.compare(base, new, limit=None).tables["money"]
    assert (m.added, m.removed, m.changed) == (1, 1, 0)
    assert m.added_rows[0]["start"] == 6 and m.removed_rows[0]["start"] == 5


def test_an_added_document_requires_minor(tmp_path, base):
    new = release(tmp_path, "0.2.0", BASE + [doc("c"), money("c", 0, "7")])
    d = diff.compare(base, new)
    assert d.tables["documents"].added == 1 and d.tables["money"].added == 1
    assert d.required_bump() == ("minor", ["1 document added"])
    assert d.manifest.inputs_added == ["c.txt"]


def test_a_changed_input_is_reported_by_sha256(tmp_path, base):
    new = release(tmp_path, "0.1.1", [doc("a", "新正文") if r == BASE[0] else r for r in BASE])
    d = diff.compare(base, new)
    assert [c.path for c in d.manifest.inputs_changed] == ["a.txt"]
    assert d.tables["documents"].fields["sha256"] == 1
    assert d.required_bump()[0] == "patch"


@pytest.mark.parametrize("change, part", [
    pytest.param("drop", "major", id="field-removed-is-major"),
    pytest.param("retype", "major", id="field-retyped-is-major"),
    pytest.param("rename", "major", id="field-renamed-is-major"),
    pytest.param("add", "minor", id="field-added-is-minor"),
])
def test_schema_changes_set_the_version_part(tmp_path, base, change, part):
    new = release(tmp_path, "0.2.0", BASE)
    path = new / "money.parquet"
    t = pq.read_table(path)
    if change == "drop":
        t = t.drop_columns(["qualifier_text"])
    elif change == "retype":
        t = t.set_column(t.schema.get_field_index("value"), "value", t["value"].cast(pa.decimal128(24, 4)))
    elif change == "rename":
        t = t.rename_columns([("qualifier_word" if n == "qualifier_text" else n) for n in t.column_names])
    else:
        t = t.append_column("speaker", pa.array([None] * len(t), pa.string()))
    rewrite(path, t)
    d = diff.compare(base, new)
    assert d.required_bump()[0] == part
    kinds = sorted(s.kind for s in d.tables["money"].schema)
    assert kinds == {"drop": ["removed"], "retype": ["retyped"], "rename": ["added", "removed"],
                     "add": ["added"]}[change]
    assert d.tables["money"].changed == 0  # 20亿元 == 20亿元 whatever the decimal scale


def test_a_table_only_the_new_release_has_is_added(tmp_path, base):
    new = release(tmp_path, "0.2.0", BASE)
    shutil.copy(new / "money.parquet", new / "extra.parquet")
    manifest = json.loads((new / "manifest.json").read_text())
    manifest["tables"]["extra"] = manifest["tables"]["money"]
    (new / "manifest.json").chmod(0o644)
    (new / "manifest.json").write_text(json.dumps(manifest))
    d = diff.compare(base, new)
    assert d.tables["extra"].table_status == "added" and d.tables["extra"].added == 3
    assert d.required_bump() == ("minor", ["table extra added"])


def test_duplicate_keys_are_paired_with_record_id(tmp_path, base):
    new = release(tmp_path, "0.1.1", BASE)
    t = pq.read_table(new / "money.parquet")
    dup = t.slice(0, 1).set_column(0, "record_id", pa.array(["ffffffffffffffff"]))
    rewrite(new / "money.parquet", pa.concat_tables([t, dup]))
    m = diff.compare(base, new).tables["money"]
    assert (m.added, m.removed, m.changed, m.unchanged) == (1, 0, 0, 3)
    assert m.key == ("doc_id", "start", "end", "record_id") and m.notes


def test_limit_keeps_counts_exact(tmp_path, base):
    many = [money("a", 100 + 10 * i, str(i)) for i in range(30)]
    new = release(tmp_path, "0.1.1", BASE + many)
    m = diff.compare(base, new, limit=4).tables["money"]
    assert m.added == 30 and len(m.added_rows) == 4 and m.truncated
    assert [r["start"] for r in m.added_rows] == [100, 110, 120, 130]  # key order


def test_only_the_requested_tables(tmp_path, base):
    new = release(tmp_path, "0.2.0", BASE + [doc("c")])
    d = diff.compare(base, new, tables=["money"])
    assert list(d.tables) == ["money"] and d.same and d.manifest is None


# ------------------------------------------------------------ errors (exit 2)

def test_a_missing_release_is_trouble(base):
    with pytest.raises(diff.DiffError, match="not found"):
        diff.compare(base, base.parent / "9.9.9")


def test_an_unreadable_table_file_is_trouble(tmp_path, base):
    new = release(tmp_path, "0.1.1", BASE)
    (new / "dates.parquet").chmod(0o644)
    (new / "dates.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(diff.DiffError, match="dates.parquet"):
        diff.compare(base, new)


def test_a_missing_key_column_cannot_be_compared(tmp_path, base):
    new = release(tmp_path, "0.2.0", BASE)
    rewrite(new / "money.parquet", pq.read_table(new / "money.parquet").drop_columns(["start"]))
    with pytest.raises(diff.DiffError, match="key column"):
        diff.compare(base, new)


# ------------------------------------------------------------ rendering and CLI

def test_json_lists_every_change_with_exact_values(tmp_path, base, capsys):
    release(tmp_path, "0.1.1", [r if r != BASE[3] else money("a", 30, "500.75", "500.5元") for r in BASE]
            + [money("b", 50, "1")])
    assert cli.main(["diff", "--out", str(tmp_path), "--json"]) == 1
    doc_ = json.loads(capsys.readouterr().out)
    m = doc_["tables"]["money"]
    assert (m["added"], m["changed"], m["fields"]) == (1, 1, {"value": 1})
    assert m["changes"]["changed"][0]["fields"]["value"] == {"old": 500.5, "new": 500.75}
    assert m["changes"]["added"][0]["surface"] == "20亿元"
    assert doc_["old"]["version"] == "0.1.0" and doc_["new"]["version"] == "0.1.1"
    assert doc_["bump"] == "patch" and doc_["same"] is False


def test_text_shows_summary_then_old_to_new(tmp_path, base, capsys):
    release(tmp_path, "0.1.1", [r if r != BASE[5] else date("a", 0, 2023) for r in BASE])
    assert cli.main(["diff", "0.1.0", "0.1.1", "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.index("unchanged") < out.index("dates (key: doc_id + start + end)")
    assert '"2024-01-01" → "2023-01-01"' in out
    assert "dates.start_date 1" in out


def test_versions_are_ordered_as_versions(tmp_path, capsys):
    for v in ("0.9.0", "0.10.0", "0.2.0"):
        release(tmp_path, v, BASE)
    assert cli.main(["diff", "--out", str(tmp_path), "--json"]) == 0
    doc_ = json.loads(capsys.readouterr().out)
    assert (doc_["old"]["version"], doc_["new"]["version"]) == ("0.9.0", "0.10.0")


@pytest.mark.parametrize("argv", [
    pytest.param(["diff", "0.1.0", "0.3.0"], id="missing-version"),
    pytest.param(["diff"], id="one-release-only"),
    pytest.param(["diff", "--limit", "-1"], id="negative-limit"),
])
def test_trouble_exits_2(base, argv, capsys):
    assert cli.main(argv + ["--out", str(base.parent)]) == 2
    assert "extract diff:" in capsys.readouterr().err


def test_a_release_with_itself_exits_0(base, capsys):
    assert cli.main(["diff", "0.1.0", "0.1.0", "--out", str(base.parent)]) == 0
    assert "releases are the same" in capsys.readouterr().out


# ------------------------------------------------------------ version policy

@pytest.mark.parametrize("previous, required, kwargs, expected", [
    pytest.param(None, None, {}, "0.1.0", id="first-release"),
    pytest.param("0.1.0", "patch", {}, "0.1.1", id="patch"),
    pytest.param("0.1.9", "minor", {}, "0.2.0", id="minor"),
    pytest.param("0.3.2", "major", {}, "1.0.0", id="major"),
    pytest.param("0.1.0", "patch", {"part": "minor"}, "0.2.0", id="bump-higher-than-required"),
    pytest.param("0.1.0", "minor", {"version": "0.5.0"}, "0.5.0", id="explicit-version-high-enough"),
])
def test_choose_version(previous, required, kwargs, expected):
    assert choose_version(previous, required, [], **kwargs) == expected


@pytest.mark.parametrize("required, kwargs, message", [
    pytest.param("minor", {"part": "patch"}, "--bump patch is lower", id="bump-too-low"),
    pytest.param("major", {"part": "minor"}, "--bump minor is lower", id="minor-for-major"),
    pytest.param("minor", {"version": "0.1.1"}, "requires a minor", id="version-too-low"),
    pytest.param("patch", {"version": "0.1.0"}, "not above", id="version-not-above"),
])
def test_choose_version_refuses_a_step_below_the_change(required, kwargs, message):
    with pytest.raises(ReleaseError, match=message):
        choose_version("0.1.0", required, ["1 document added"], **kwargs)


def test_changelog_is_newest_first(tmp_path):
    append_changelog(tmp_path, "0.1.0", "First release.", date="2025-01-01")
    append_changelog(tmp_path, "0.2.0", "Changes since 0.1.0: more.", date="2025-02-01")
    text = (tmp_path / naming.CHANGELOG).read_text()
    assert text.startswith("# Changelog\n")
    assert text.index("## 0.2.0 — 2025-02-01") < text.index("## 0.1.0 — 2025-01-01")
    assert [p.name for p in tmp_path.iterdir()] == [naming.CHANGELOG]  # no temp file left


def _build(raw: Path, out: Path, *extra: str) -> int:
    return cli.main(["build", "--raw", str(raw), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """raw/ copied, built as 0.1.0."""
    root = tmp_path_factory.mktemp("policy")
    shutil.copytree(RAW, root / "raw")
    assert _build(root / "raw", root / "ds") == 0
    return root


def _copy(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(built / "raw", tmp_path / "raw")
    shutil.copytree(built / "ds", tmp_path / "ds")
    return tmp_path / "raw", tmp_path / "ds"


def test_build_without_change_writes_nothing(built, tmp_path, capsys):
    raw, out = _copy(built, tmp_path)
    before = sorted(p.name for p in out.iterdir())
    assert _build(raw, out) == 0
    assert _build(raw, out, "--bump", "major") == 0
    assert "no change" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == before
    assert (out / naming.CHANGELOG).read_text().count("\n## ") == 1


def test_build_refuses_a_bump_below_the_change(built, tmp_path, capsys):
    raw, out = _copy(built, tmp_path)
    shutil.copy(raw / "000_cf984d4ef4f0545c.txt", raw / "zz_copy.txt")
    assert _build(raw, out, "--bump", "patch") == 2
    err = capsys.readouterr().err
    assert "--bump patch is lower" in err and "minor" in err and "1 document added" in err
    assert naming.releases(out) == ["0.1.0"]
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp")]
    assert _build(raw, out) == 0
    assert naming.releases(out) == ["0.1.0", "0.2.0"]


def test_build_picks_patch_for_a_corrected_document(built, tmp_path):
    raw, out = _copy(built, tmp_path)
    p = raw / "002_2c3998f53a6f2cd8.txt"
    p.write_text(p.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    assert _build(raw, out) == 0
    assert naming.releases(out) == ["0.1.0", "0.1.1"]
    card = (out / "0.1.1" / naming.CARD).read_text()
    log = (out / naming.CHANGELOG).read_text()
    assert "## Changes since 0.1.0" in card and "| documents | 5 | 5 | 0 | 0 | 1 | 4 |" in card
    entry = log[log.index("## 0.1.1"):log.index("## 0.1.0")]
    assert "| documents | 5 | 5 | 0 | 0 | 1 | 4 |" in entry and "Changes since 0.1.0" in entry


def test_build_refuses_an_existing_or_lower_version(built, tmp_path, capsys):
    raw, out = _copy(built, tmp_path)
    assert _build(raw, out, "--version", "0.1.0") == 2
    assert "already exists" in capsys.readouterr().err
    assert _build(raw, out, "--version", "0.0.9") == 2
    assert "not above" in capsys.readouterr().err
