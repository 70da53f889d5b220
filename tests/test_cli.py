"""The command line as a user runs it: `python -m extract build`, its exit codes,
and bad input reported by path and reason while the build goes on."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT, read_jsonl


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def messy_raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "nested").mkdir()
    (raw / "nested" / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (raw / "gbk.txt").write_bytes("重庆将新增高新技术企业1000家。".encode("gbk"))
    (raw / "page.txt").write_text("<!DOCTYPE html><html><body><p>正文</p></body></html>", encoding="utf-8")
    (raw / "notes.md").write_text("not a .txt document", encoding="utf-8")
    return raw


def test_build_writes_a_release(tmp_path):
    done = run("build", "--raw", str(RAW), "--out", str(tmp_path), "--version", "0.3.0")
    assert done.returncode == 0, done.stderr
    assert "built release 0.3.0" in done.stdout
    assert (tmp_path / "0.3.0" / "manifest.json").is_file()


def test_default_version_is_the_next_patch(tmp_path):
    assert run("build", "--raw", str(RAW), "--out", str(tmp_path)).returncode == 0
    assert (tmp_path / "0.1.0").is_dir()


def test_rebuilding_an_existing_version_exits_2(tmp_path):
    assert run("build", "--raw", str(RAW), "--out", str(tmp_path), "--version", "0.1.0").returncode == 0
    again = run("build", "--raw", str(RAW), "--out", str(tmp_path), "--version", "0.1.0")
    assert again.returncode == 2
    assert "already exists" in again.stderr


@pytest.mark.parametrize("args", [[], ["build", "--no-such-flag"], ["frobnicate"],
                                  ["build", "--version", "1.2"], ["build", "--raw", "/no/such/dir"]],
                         ids=["no-command", "bad-flag", "bad-command", "bad-version", "missing-raw"])
def test_usage_and_input_errors_exit_2(tmp_path, args):
    if args[:1] == ["build"]:
        args = [*args, "--out", str(tmp_path)]
    assert run(*args).returncode == 2


def test_bad_files_are_reported_skipped_and_recorded(tmp_path, messy_raw):
    done = run("build", "--raw", str(messy_raw), "--out", str(tmp_path), "--version", "0.1.0")
    assert done.returncode == 0, done.stderr
    expected = {"nested/empty.txt": "empty-file", "binary.txt": "binary-file",
                "gbk.txt": "undecodable-file", "page.txt": "html-input"}
    for path, slug in expected.items():
        assert path in done.stderr, done.stderr
    issues = {i["path"]: i["slug"] for i in read_jsonl(tmp_path / "0.1.0" / "issues.jsonl")
              if i["severity"] == "error" and i["doc_id"] is not None and i["table"] is None}
    assert {p: issues.get(p) for p in expected} == expected
    docs = read_jsonl(tmp_path / "0.1.0" / "documents.jsonl")
    assert sorted(d["path"] for d in docs) == sorted(p.name for p in RAW.glob("*.txt"))
    manifest = json.loads((tmp_path / "0.1.0" / "manifest.json").read_text())
    assert {i["path"]: i["status"] for i in manifest["inputs"] if i["status"] != "ok"} == expected


def test_strict_turns_a_skipped_file_into_exit_1(tmp_path, messy_raw):
    done = run("build", "--raw", str(messy_raw), "--out", str(tmp_path), "--version", "0.1.0", "--strict")
    assert done.returncode == 1
    assert "--strict" in done.stderr


def test_help_lists_the_build_command():
    done = run("--help")
    assert done.returncode == 0 and "build" in done.stdout


def test_no_scores_without_gold_even_beside_tests_gold(tmp_path):
    """The project's own tests/gold is in the working directory: it is not used unless named."""
    assert (ROOT / "tests" / "gold").is_dir()
    done = run("build", "--raw", str(RAW), "--out", str(tmp_path), cwd=ROOT)
    assert done.returncode == 0 and "F1 " not in done.stdout
    assert json.loads((tmp_path / "0.1.0" / "manifest.json").read_text())["scores"] is None


def test_gold_scores_with_gold(tmp_path):
    done = run("build", "--raw", str(RAW), "--out", str(tmp_path), "--gold", "tests/gold")
    assert done.returncode == 0 and "F1 codes=" in done.stdout
    assert json.loads((tmp_path / "0.1.0" / "manifest.json").read_text())["scores"]["documents"] == 5


def test_a_gold_directory_that_does_not_exist_is_named(tmp_path):
    done = run("build", "--raw", str(RAW), "--out", str(tmp_path), "--gold", str(tmp_path / "nowhere"))
    assert done.returncode == 0 and "is not a directory: no scores" in done.stderr
