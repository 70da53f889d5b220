"""Compare two releases: `compare(old, new) -> ReleaseDiff`, then render it.

compare.py pairs the records of both releases by natural key and counts what changed
(extract.diff.compare); model.py holds the result and the version step it requires;
render.py shows it as text, Markdown or JSON. `python -m extract diff` is this.
"""
from extract.diff.compare import compare, compare_manifests, default_pair, resolve  # noqa: F401
from extract.diff.model import (BUMPS, MANIFEST_FIELDS, PROVENANCE, DiffError, InputChange,  # noqa: F401
                                ManifestDiff, ReleaseDiff, SchemaChange, TableDiff, bump_rank, key_of)
from extract.diff.render import render_text, summary_lines, to_json  # noqa: F401
