"""A release: every file present, manifest true to the files, declared types,
deterministic rebuilds, immutability, and no half-written release on a crash."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract import naming, tables
from extract.release import BuildConfig, ReleaseError, build_release
from schema import TABLES, model_for
from tests.conftest import RAW, read_jsonl


def _build(out: Path, version="0.1.0", raw=RAW):
    return build_release(BuildConfig(raw_dir=raw, out_dir=out, version=version, log=open("/dev/null", "w")))


@pytest.mark.parametrize("table", TABLES)
def test_every_table_is_written_in_both_formats(seed_release, table):
    for fmt in naming.FORMATS:
        assert (seed_release / naming.table_file(table, fmt)).is_file()


def test_release_carries_manifest_card_and_checksums(seed_release):
    for name in (naming.MANIFEST, naming.CARD, naming.CHECKSUMS):
        assert (seed_release / name).is_file()


@pytest.mark.parametrize("table", TABLES)
def test_manifest_matches_the_files(seed_release, table):
    manifest = json.loads((seed_release / naming.MANIFEST).read_text(encoding="utf-8"))
    stats = manifest["tables"][table]
    assert stats["rows"] == len(read_jsonl(seed_release / f"{table}.jsonl"))
    assert stats["rows"] == pq.read_metadata(seed_release / f"{table}.parquet").num_rows
    for fmt, f in stats["files"].items():
        data = (seed_release / naming.table_file(table, fmt)).read_bytes()
        assert f["bytes"] == len(data)
        assert f["sha256"] == hashlib.sha256(data).hexdigest()


def test_manifest_lists_every_input_with_its_hash(seed_release):
    manifest = json.loads((seed_release / naming.MANIFEST).read_text(encoding="utf-8"))
    listed = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    on_disk = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in RAW.glob("*.txt")}
    assert listed == on_disk


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="no sha256sum")
def test_checksums_verify_with_sha256sum(seed_release):
    done = subprocess.run(["sha256sum", "-c", "--quiet", naming.CHECKSUMS], cwd=seed_release,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("table", TABLES)
def test_parquet_has_the_declared_types(seed_release, table):
    schema = pq.read_schema(seed_release / f"{table}.parquet")
    assert schema.remove_metadata() == tables.ARROW_SCHEMAS[table]
    assert schema.metadata[b"extract.table"] == table.encode()


@pytest.mark.parametrize("table", TABLES)
def test_columns_are_the_model_fields_in_order(table):
    assert tables.ARROW_SCHEMAS[table].names == list(model_for(table).model_fields)


def test_json_numbers_are_exact_numbers():
    line = tables.jsonl_line({"value": Decimal("2E+11"), "share": Decimal("3.250"), "none": None})
    assert line == '{"value":200000000000,"share":3.25,"none":null}\n'
    assert json.loads(line, parse_float=Decimal)["share"] == Decimal("3.25")


def test_two_builds_are_identical(tmp_path):
    a, b = _build(tmp_path / "a").path, _build(tmp_path / "b").path
    for table in TABLES:
        assert (a / f"{table}.jsonl").read_bytes() == (b / f"{table}.jsonl").read_bytes()
        assert pq.read_table(a / f"{table}.parquet").equals(pq.read_table(b / f"{table}.parquet"))
    assert (a / naming.CHECKSUMS).read_text() == (b / naming.CHECKSUMS).read_text()


def test_an_existing_version_is_refused_and_left_alone(tmp_path):
    first = _build(tmp_path).path
    before = (first / naming.MANIFEST).read_bytes()
    with pytest.raises(ReleaseError, match="already exists"):
        _build(tmp_path)
    assert (first / naming.MANIFEST).read_bytes() == before


def test_a_crash_while_writing_leaves_no_release(tmp_path, monkeypatch):
    real = tables.write_parquet

    def failing(table, rows, path):
        if table == "targets":
            raise OSError("disk full")
        real(table, rows, path)

    monkeypatch.setattr(tables, "write_parquet", failing)
    with pytest.raises(OSError, match="disk full"):
        _build(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_release_files_are_read_only(seed_release):
    for p in seed_release.iterdir():
        assert not p.stat().st_mode & 0o222, p.name


def test_versions_order_as_numbers(tmp_path):
    for v in ("0.9.0", "0.10.0", "0.2.5"):
        (tmp_path / v).mkdir()
        (tmp_path / v / naming.MANIFEST).write_text("{}")
    (tmp_path / "notes").mkdir()
    assert naming.releases(tmp_path) == ["0.2.5", "0.9.0", "0.10.0"]
    assert naming.next_version(tmp_path) == "0.10.1"
    assert naming.next_version(tmp_path / "missing") == naming.FIRST_VERSION


SHIPPED = naming.releases(Path(__file__).resolve().parent.parent / "dataset")


@pytest.mark.parametrize("version", SHIPPED)
def test_shipped_releases_are_intact(version):
    done = subprocess.run([sys.executable, "-m", "extract", "verify", version], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stdout + done.stderr


# ------------------------------------------------------------ the steps, one by one

def _config(raw: Path, out: Path) -> BuildConfig:
    return BuildConfig(raw_dir=raw, out_dir=out, log=open("/dev/null", "w"))


def test_stage_writes_the_tables_and_a_real_manifest(tmp_path):
    from extract.release import STAGED_VERSION, collect, stage
    from schema import Manifest

    collected = collect(_config(RAW, tmp_path))
    staged = stage(collected, tmp_path, scores=None)
    assert naming.is_staging(staged.path) and naming.releases(tmp_path) == []
    manifest = Manifest.model_validate_json(naming.manifest_path(staged.path).read_text(encoding="utf-8"))
    assert manifest == staged.manifest and manifest.dataset_version == STAGED_VERSION
    assert [i.path for i in manifest.inputs] == sorted(p.name for p in RAW.glob("*.txt"))
    for table in TABLES:
        jsonl = naming.table_path(staged.path, table, "jsonl")
        assert manifest.tables[table].files["jsonl"].sha256 == hashlib.sha256(jsonl.read_bytes()).hexdigest()


def test_compare_reads_the_staged_files_and_manifest(tmp_path):
    from extract.release import collect, compare_with_previous, stage

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    build_release(_config(raw, tmp_path / "out"))
    first = compare_with_previous(stage(collect(_config(raw, tmp_path / "out")), tmp_path / "out", None),
                                  tmp_path / "out")
    assert (first.previous, first.required) == ("0.1.0", None)
    p = raw / "002_2c3998f53a6f2cd8.txt"
    p.write_text(p.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    cmp = compare_with_previous(stage(collect(_config(raw, tmp_path / "out")), tmp_path / "out", None, "second"),
                                tmp_path / "out")
    assert cmp.required == "patch" and cmp.reasons == ["documents: 1 changed"]
    assert "Inputs: 1 changed (`002_2c3998f53a6f2cd8.txt`)" in cmp.summary  # from the staged manifest


def test_publish_names_the_version_and_leaves_a_verified_release(tmp_path):
    from extract.release import collect, publish, stage
    from extract.verify import verify

    staged = stage(collect(_config(RAW, tmp_path)), tmp_path, None)
    path = publish(staged, "0.4.0", tmp_path, changes=(None, "First release."))
    assert path == naming.release_dir(tmp_path, "0.4.0") and not staged.path.exists()
    assert json.loads(naming.manifest_path(path).read_text())["dataset_version"] == "0.4.0"
    assert verify(path) == []
    assert naming.releases(tmp_path) == ["0.4.0"]
    assert not [p for p in tmp_path.iterdir() if naming.is_staging(p)]


def test_publish_refuses_an_existing_version_and_keeps_it(tmp_path):
    from extract.release import collect, publish, stage

    first = _build(tmp_path).path
    before = naming.manifest_path(first).read_bytes()
    staged = stage(collect(_config(RAW, tmp_path)), tmp_path, None)
    with pytest.raises(ReleaseError, match="already exists"):
        publish(staged, "0.1.0", tmp_path)
    assert naming.manifest_path(first).read_bytes() == before


def test_naming_is_the_only_place_that_joins_release_paths():
    """No module of extract/ builds a path with `/ "…"` or `/ f"…"` but naming.py."""
    import re

    root = Path(__file__).resolve().parent.parent / "extract"
    joins = re.compile(r"[\w)\]]\s+/\s+f?[\"']")  # path / "name", path / f"{name}"
    found = [f"{p.relative_to(root)}:{n}" for p in sorted(root.rglob("*.py")) if p.name != "naming.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if joins.search(line)]
    assert found == []
