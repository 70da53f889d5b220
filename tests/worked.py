"""A throwaway copy of the package for the worked examples of docs/ARCHITECTURE.md: edit
rule files and modules in the copy, then run the pipeline on a text in a fresh interpreter
that imports the copy (so the edit is seen exactly as a developer's edit would be)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

_RUN = r"""
import json, sys
from extract.documents import Document
from extract.pipeline import extract_document
from schema.candidates import as_fields
text, table, fields = json.loads(sys.stdin.read())
doc = Document(doc_id="example", path="example.txt", sha256="0" * 64, bytes=len(text.encode()),
               encoding="utf-8", text=text)
res = extract_document(doc)
from enum import Enum
val = lambda v: str(v.value if isinstance(v, Enum) else v)
out = {"records": [{f: val(getattr(r, f)) for f in fields} for r in res.records.get(table, [])],
       "issues": [i.slug + ": " + i.message for i in res.issues]}
print(json.dumps(out, ensure_ascii=False))
"""


class Sandbox:
    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def append(self, rel: str, key: str, items_yaml: str) -> None:
        """Add the YAML list items `items_yaml` to the top-level list `key` of a rule file."""
        p = self.path(rel)
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        data[key].extend(yaml.safe_load(items_yaml))
        p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a file by `new`."""
        p = self.path(rel)
        text = p.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{rel}: {old!r} occurs {text.count(old)} times"
        p.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).write_text(text, encoding="utf-8")

    def records(self, table: str, text: str, *fields: str) -> list[dict]:
        """The records of `table` the pipeline makes of `text` with the edited copy (the listed
        fields, as strings); an issue of the run fails."""
        env = {**os.environ, "PYTHONPATH": str(self.root)}
        got = subprocess.run([sys.executable, "-c", _RUN], input=json.dumps([text, table, fields]),
                             capture_output=True, text=True, env=env, cwd=self.root, timeout=120)
        assert got.returncode == 0, got.stderr[-2000:]
        out = json.loads(got.stdout)
        assert not out["issues"], out["issues"]
        return out["records"]


class sandbox:
    """`with sandbox() as sb:` a copy of extract/ and schema/ in a temporary directory."""

    def __enter__(self) -> Sandbox:
        self._tmp = tempfile.TemporaryDirectory(prefix="extract-example-")
        root = Path(self._tmp.name)
        for pkg in ("extract", "schema"):
            shutil.copytree(ROOT / pkg, root / pkg, ignore=shutil.ignore_patterns("__pycache__"))
        return Sandbox(root)

    def __exit__(self, *exc) -> None:
        self._tmp.cleanup()
