"""`extract verify`: a release checked against its manifest and SHA256SUMS."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extract import cli, naming
from extract.verify import Finding, verify


@pytest.fixture
def rel(seed_release, tmp_path) -> Path:
    """A writable copy of the session's seed release, as dataset/0.1.0."""
    dst = tmp_path / "dataset" / "0.1.0"
    shutil.copytree(seed_release, dst)
    for p in dst.iterdir():
        p.chmod(0o644)
    return dst


def kinds(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.kind, f.file) for f in findings}


def flip(path: Path, at: int = -1) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_fresh_release_is_intact_and_read_only(seed_release, capsys):
    assert verify(seed_release) == []
    assert all(not (p.stat().st_mode & 0o222) for p in seed_release.iterdir())
    assert cli.main(["verify", "0.1.0", "--out", str(seed_release.parent)]) == 0
    assert "intact" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="no sha256sum on this system")
def test_sha256sum_checks_the_release_from_inside_it(seed_release):
    done = subprocess.run(["sha256sum", "-c", naming.CHECKSUMS], cwd=seed_release, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(line.split(":")[0] for line in done.stdout.splitlines()) == sorted(
        p.name for p in seed_release.iterdir() if p.name != naming.CHECKSUMS)


@pytest.mark.parametrize("name", ["money.parquet", "documents.jsonl", "codes.parquet"])
def test_a_flipped_byte_in_a_table_file(rel, name):
    flip(rel / name, at=len((rel / name).read_bytes()) // 2)
    assert kinds(verify(rel)) == {("checksum", name), ("manifest", name)}


def test_a_flipped_byte_in_the_card_is_caught_by_the_sums(rel):
    flip(rel / naming.CARD, at=10)
    assert kinds(verify(rel)) == {("checksum", naming.CARD)}


def test_a_missing_and_an_extra_file(rel):
    (rel / "dates.jsonl").unlink()
    (rel / "notes.txt").write_text("added later")
    assert kinds(verify(rel)) == {("missing", "dates.jsonl"), ("extra", "notes.txt")}


def test_a_rewritten_manifest_with_a_wrong_row_count(rel):
    m = rel / naming.MANIFEST
    text = m.read_text()
    rows = f'"rows": {len((rel / "documents.jsonl").read_text().splitlines())}'
    m.write_text(text.replace(rows, '"rows": 999', 1))
    found = kinds(verify(rel))
    assert ("checksum", naming.MANIFEST) in found and ("rows", "documents.jsonl") in found


def test_a_damaged_manifest(rel):
    (rel / naming.MANIFEST).write_text("{not json")
    assert kinds(verify(rel)) == {("checksum", naming.MANIFEST), ("malformed", naming.MANIFEST)}


def test_a_malformed_sums_line(rel):
    with (rel / naming.CHECKSUMS).open("a") as f:
        f.write("garbage\n")
    assert kinds(verify(rel)) == {("malformed", naming.CHECKSUMS)}


def test_cli_exits_1_and_names_each_problem(rel, capsys):
    flip(rel / "money.parquet")
    (rel / "issues.jsonl").unlink()
    assert cli.main(["verify", "--out", str(rel.parent)]) == 1  # default: the newest release
    out = capsys.readouterr().out
    assert "checksum: money.parquet" in out and "missing: issues.jsonl" in out


@pytest.mark.parametrize("argv", [
    pytest.param(["verify", "0.9.0"], id="no-such-version"),
    pytest.param(["verify"], id="no-releases"),
])
def test_a_missing_release_exits_2(tmp_path, argv, capsys):
    assert cli.main(argv + ["--out", str(tmp_path)]) == 2
    assert "extract verify:" in capsys.readouterr().err
