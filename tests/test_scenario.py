"""The release story end to end (issue 7's "done when"), on copies of raw/:

build 0.1.0; change one raw document and add another; build again; `diff` reports
the added document's records as added and the changed document's records as
added/removed/changed, nothing else, and exits 1; a release diffed with itself
exits 0; `verify` catches a flipped byte.

Expectations come from the two releases' own JSONL tables (per-document record sets
keyed as in the issue), never from record counts, so the test holds whatever the
extractors find.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extract import cli, naming
from extract.header import parse_header
from schema import EXTRACTED, TABLES, table

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
CHANGED = "001_f0a62adbbe383401"
TEMPLATE = "003_3ba7f582877c7687"  # a document with records in several tables
ADDED = "zz_added/100_extra"  # in a subdirectory: doc_id keeps the relative path
KEYS = {t: table(t).key for t in TABLES}  # the natural keys diff pairs by (schema.registry)
INSERT = "2026年全市计划投资120亿元,力争到2027年新增企业300家。\n"


def build(raw: Path, out: Path, *extra: str) -> int:
    return cli.main(["build", "--raw", str(raw), "--out", str(out), *extra])


def change_document(path: Path) -> int:
    """Edit the body: one digit rewritten in place (same offsets) early on, and a paragraph
    inserted in the middle (later offsets move). Returns the insertion offset."""
    text = path.read_text(encoding="utf-8")
    h = parse_header(text)
    middle = (h.body_start + h.body_end) // 2
    at = text.index("\n", middle) + 1
    assert h.body_start < at < h.body_end
    digit = next(i for i in range(h.body_start, at) if text[i] in "123456789")
    text = text[:digit] + str(int(text[digit]) % 9 + 1) + text[digit + 1:at] + INSERT + text[at:]
    path.write_text(text, encoding="utf-8")
    return at


def table_rows(release: Path, table: str) -> dict[tuple, dict]:
    with (release / f"{table}.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line, parse_float=Decimal) for line in f]
    keyed = {tuple(r[k] for k in KEYS[table]): r for r in rows}
    assert len(keyed) == len(rows), f"{table}: natural keys are not unique"
    return keyed


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    root = tmp_path_factory.mktemp("scenario")
    raw, out = root / "raw", root / "dataset"
    shutil.copytree(RAW, raw)
    assert build(raw, out) == 0
    assert naming.releases(out) == ["0.1.0"]
    at = change_document(raw / f"{CHANGED}.txt")
    (raw / "zz_added").mkdir()
    template = (RAW / f"{TEMPLATE}.txt").read_text(encoding="utf-8")
    (raw / f"{ADDED}.txt").write_text(template.replace("2025", "2024"), encoding="utf-8")
    assert build(raw, out) == 0
    return {"root": root, "out": out, "raw": raw, "insert_at": at}


@pytest.fixture(scope="module")
def full_diff(scenario):
    """`diff --json` of the two releases (every change), and its exit status."""
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        status = cli.main(["diff", "--out", str(scenario["out"]), "--json"])
    return status, json.loads(buf.getvalue())


def test_the_second_build_is_a_minor_release(scenario):
    assert naming.releases(scenario["out"]) == ["0.1.0", "0.2.0"]  # a document was added
    log = (scenario["out"] / naming.CHANGELOG).read_text(encoding="utf-8")
    assert log.index("\n## 0.2.0 — ") < log.index("\n## 0.1.0 — ")
    card = (scenario["out"] / "0.2.0" / naming.CARD).read_text(encoding="utf-8")
    entry = log[log.index("\n## 0.2.0"):log.index("\n## 0.1.0")]
    table = [line for line in card.splitlines() if line.startswith("| documents | 5 | 6 |")]
    assert "## Changes since 0.1.0" in card and table == ["| documents | 5 | 6 | 1 | 0 | 1 | 4 |"]
    assert table[0] in entry


def test_diff_exits_1_and_defaults_to_the_two_newest(full_diff):
    status, d = full_diff
    assert status == 1 and d["same"] is False
    assert (d["old"]["version"], d["new"]["version"]) == ("0.1.0", "0.2.0")
    assert d["bump"] == "minor"


def test_manifest_differences_are_the_two_inputs(full_diff):
    inputs = full_diff[1]["manifest"]["inputs"]
    assert inputs["added"] == [f"{ADDED}.txt"] and inputs["removed"] == []
    assert [c["path"] for c in inputs["changed"]] == [f"{CHANGED}.txt"]


@pytest.mark.parametrize("table", TABLES)
def test_diff_equals_the_change_in_the_tables(scenario, full_diff, table):
    old = table_rows(scenario["out"] / "0.1.0", table)
    new = table_rows(scenario["out"] / "0.2.0", table)
    want_added, want_removed = set(new) - set(old), set(old) - set(new)
    want_changed = {k: {f for f in new[k] if new[k][f] != old[k].get(f)} for k in set(old) & set(new)
                    if new[k] != old[k]}
    t = full_diff[1]["tables"][table]
    key = lambda row: tuple(row[k] for k in KEYS[table])  # noqa: E731
    assert {key(r) for r in t["changes"]["added"]} == want_added
    assert {key(r) for r in t["changes"]["removed"]} == want_removed
    assert {key(c["key"]): set(c["fields"]) for c in t["changes"]["changed"]} == want_changed
    assert (t["added"], t["removed"], t["changed"]) == (len(want_added), len(want_removed), len(want_changed))
    assert t["unchanged"] == len(set(old) & set(new)) - len(want_changed)
    assert sum(t["fields"].values()) == sum(len(f) for f in want_changed.values())


@pytest.mark.parametrize("table", TABLES)
def test_only_the_changed_and_the_added_document_contribute(scenario, full_diff, table):
    t = full_diff[1]["tables"][table]
    changes = t["changes"]
    docs = {r["doc_id"] for r in changes["added"] + changes["removed"]} \
        | {c["key"].get("doc_id") for c in changes["changed"]}
    if table == "issues":  # keyed by record_id: look the document up in the rows
        docs = {r["doc_id"] for r in changes["added"] + changes["removed"]}
    assert docs <= {CHANGED, ADDED}
    new = table_rows(scenario["out"] / "0.2.0", table)
    added_doc = {k for k, r in new.items() if r["doc_id"] == ADDED}
    key = lambda row: tuple(row[k] for k in KEYS[table])  # noqa: E731
    assert {key(r) for r in changes["added"] if r["doc_id"] == ADDED} == added_doc
    assert not [r for r in changes["removed"] if r["doc_id"] == ADDED]
    old = table_rows(scenario["out"] / "0.1.0", table)
    for doc in {r["doc_id"] for r in old.values()} - {CHANGED, ADDED}:  # unchanged documents
        assert [r for r in old.values() if r["doc_id"] == doc] == [r for r in new.values() if r["doc_id"] == doc]


@pytest.mark.parametrize("table", EXTRACTED)
def test_records_after_the_edit_moved(scenario, full_diff, table):
    """Every record of the changed document behind the inserted paragraph has new offsets:
    removed (and re-added) for offset-keyed tables, changed for codes."""
    at = scenario["insert_at"]
    behind = {tuple(r[k] for k in KEYS[table]) for r in table_rows(scenario["out"] / "0.1.0", table).values()
              if r["doc_id"] == CHANGED and r["start"] >= at}
    changes = full_diff[1]["tables"][table]["changes"]
    moved = {tuple(r[k] for k in KEYS[table]) for r in changes["removed"]} \
        | {tuple(c["key"][k] for k in KEYS[table]) for c in changes["changed"]}
    assert behind <= moved


def test_the_added_document_brings_records(full_diff):
    """Guard against a vacuous scenario: the added document has records beyond its documents row."""
    added = [r for t in EXTRACTED for r in full_diff[1]["tables"][t]["changes"]["added"]
             if r["doc_id"] == ADDED]
    assert added


def test_documents_table_names_the_two_documents(full_diff):
    t = full_diff[1]["tables"]["documents"]
    assert [r["doc_id"] for r in t["changes"]["added"]] == [ADDED]
    assert [c["key"]["doc_id"] for c in t["changes"]["changed"]] == [CHANGED]
    assert "sha256" in t["changes"]["changed"][0]["fields"] and t["removed"] == 0


@pytest.mark.parametrize("version", ["0.1.0", "0.2.0"])
def test_a_release_with_itself_exits_0(scenario, version, capsys):
    assert cli.main(["diff", version, version, "--out", str(scenario["out"])]) == 0
    assert "releases are the same" in capsys.readouterr().out


def test_the_command_line_entry_point(scenario):
    """`python -m extract diff` as a user runs it: summary first, exit status 1."""
    done = subprocess.run([sys.executable, "-m", "extract", "diff", "--out", str(scenario["out"]), "--limit", "2"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0].startswith("diff 0.1.0 → 0.2.0")
    assert "inputs: 1 added" in done.stdout


def test_rebuilding_unchanged_input_writes_nothing(scenario, capsys):
    before = sorted(p.name for p in scenario["out"].iterdir())
    assert build(scenario["raw"], scenario["out"]) == 0
    assert "no change" in capsys.readouterr().out
    assert sorted(p.name for p in scenario["out"].iterdir()) == before


def test_releases_are_byte_identical_across_rebuilds(scenario, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(scenario["raw"], raw)
    assert build(raw, tmp_path / "again", "--version", "0.2.0") == 0
    a = (scenario["out"] / "0.2.0" / naming.CHECKSUMS).read_text()
    b = (tmp_path / "again" / "0.2.0" / naming.CHECKSUMS).read_text()
    tables_only = lambda s: [l for l in s.splitlines() if l.endswith((".parquet", ".jsonl"))]  # noqa: E731,E741
    assert tables_only(a) == tables_only(b) and len(tables_only(a)) == 2 * len(TABLES)


def test_verify_catches_a_flipped_byte(scenario, tmp_path):
    out = tmp_path / "dataset"
    shutil.copytree(scenario["out"] / "0.2.0", out / "0.2.0")
    assert cli.main(["verify", "--out", str(out)]) == 0
    victim = out / "0.2.0" / "money.parquet"
    victim.chmod(0o644)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    assert cli.main(["verify", "0.2.0", "--out", str(out)]) == 1
