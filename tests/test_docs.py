"""The README tells the truth: its commands exist, every table and field is
documented, and its pandas and DuckDB examples run as written on a release."""
from __future__ import annotations

import os
import re
import shutil

import duckdb
import pytest

from schema import TABLES, model_for
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, flags=re.S)
VERSION = re.search(r"dataset/(\d+\.\d+\.\d+)/", README).group(1)


def test_quick_start_has_the_two_commands():
    assert "python -m extract build" in README
    assert "python -m pytest -q" in README


@pytest.mark.parametrize("table", TABLES)
def test_every_field_is_documented(table):
    for name in model_for(table).model_fields:
        assert f"`{name}`" in README, f"README does not document {table}.{name}"


@pytest.fixture
def readme_cwd(seed_release, tmp_path):
    """A directory where dataset/<README's version>/ is a real release."""
    shutil.copytree(seed_release, tmp_path / "dataset" / VERSION)
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


@pytest.mark.parametrize("code", [c for lang, c in BLOCKS if lang == "python"])
def test_python_examples_run(readme_cwd, code):
    exec(compile(code, "README.md", "exec"), {})


@pytest.mark.parametrize("sql", [c for lang, c in BLOCKS if lang == "sql"])
def test_sql_examples_run(readme_cwd, sql):
    rows = duckdb.connect().execute(sql).fetchall()
    assert isinstance(rows, list)


def test_duckdb_codes_query_names_codes_with_their_documents(readme_cwd):
    sql = next(c for lang, c in BLOCKS if lang == "sql" and "codes.parquet" in c)
    rows = duckdb.connect().execute(sql).fetchall()
    assert rows, "the seed documents mention codes"
    assert all(r[0] and r[3] for r in rows)


COMMANDS = sorted({line.split("#")[0].strip() for lang, block in BLOCKS if lang == "bash"
                   for line in block.splitlines() if line.strip().startswith("python -m extract")})


def test_readme_shows_every_subcommand():
    from extract.cli import parser

    subcommands = parser()._subparsers._group_actions[0].choices
    assert {c.split()[3] for c in COMMANDS} == set(subcommands)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_commands_parse(command):
    """Every `python -m extract …` line of the README is accepted by the real parser."""
    import shlex

    from extract.cli import parser

    args = shlex.split(command.split(">")[0])[3:]
    parser().parse_args(args)  # raises SystemExit on an unknown flag or a bad value


def test_rule_ids_the_readme_names_exist():
    """A rule id in the README (`money.amount` …) is one the rule files define."""
    from extract import rulebook

    prefixes = tuple(f"{name}." for name in rulebook.rule_file_names())
    files = (".parquet", ".jsonl", ".json", ".yaml", ".md", ".txt", ".csv")
    named = {m for m in re.findall(r"`([a-z_]+\.[a-z0-9_.]+)`", README)
             if m.startswith(prefixes) and not m.endswith(files)}
    assert named, "the README names at least one rule id"
    assert named <= {r.id for r in rulebook.all_rules()}
