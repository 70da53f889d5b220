"""docs/ARCHITECTURE.md tells the truth: each of its python blocks runs (the worked examples
edit a throwaway copy of the package, tests/worked.py), and the modules it names exist."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
SECTIONS = re.split(r"^## ", DOC, flags=re.M)[1:]


def _blocks():
    out = []
    for section in SECTIONS:
        title = section.splitlines()[0]
        for i, code in enumerate(re.findall(r"```python\n(.*?)```", section, flags=re.S)):
            out.append(pytest.param(code, id=f"{title}-{i}"))
    return out


def test_the_worked_examples_are_all_there():
    titles = [s.splitlines()[0] for s in SECTIONS]
    for what in ("a rule", "a veto", "a field", "a table"):
        assert f"Worked example: add {what}" in titles
    assert len(_blocks()) >= 6


@pytest.mark.parametrize("code", _blocks())
def test_block_runs(code):
    exec(compile(code, "docs/ARCHITECTURE.md", "exec"), {})


def test_named_paths_exist():
    for path in sorted(set(re.findall(r"`((?:extract|schema|tests|docs)/[\w/.<>-]+)`", DOC))):
        if "<" in path or path.endswith(("doc_refs.yaml", "doc_refs.py")):
            continue  # a placeholder, or a file the table example creates
        assert (ROOT / path).exists(), path
