"""Every slug of the issue catalogue (extract/issues.py), made to happen for real: a file of
each bad kind in raw/, and for record-level issues an extractor (swapped into the registry)
that yields what a buggy one would. Each is built into a release and read back from its
issues table, with the catalogue's severity, and the build goes on around it."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extract import extractors, naming
from extract.extractors import Extractor
from extract.header import parse_header
from extract.issues import CATALOGUE, make_issue
from extract.release import BuildConfig, build_release
from schema import Severity
from schema.candidates import CANDIDATES
from tests.conftest import read_jsonl

PAGE = "重庆投资新闻\n来源:重庆日报 2024-03-11 11:24\n\n全市计划投资20亿元，力争到2025年新增企业300家。\n"
BODY = parse_header(PAGE)
AMOUNT = PAGE.index("20亿元")


def build(tmp_path: Path, files: dict[str, bytes], **config) -> dict[str, list[dict]]:
    """A release of raw/ holding `files` and the good page; its tables as rows."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text(PAGE, encoding="utf-8")
    for name, data in files.items():
        (raw / name).write_bytes(data)
    result = build_release(BuildConfig(raw_dir=raw, out_dir=tmp_path / "out", version="0.1.0",
                                       log=open("/dev/null", "w"), **config))
    return {t: read_jsonl(naming.table_path(result.path, t, "jsonl")) for t in ("documents", "money", "dates",
                                                                                   "issues")}


def only(rows: list[dict], slug: str) -> dict:
    found = [i for i in rows if i["slug"] == slug]
    assert len(found) == 1, rows
    assert found[0]["severity"] == CATALOGUE[slug].severity.value
    return found[0]


# ------------------------------------------------------------ files

FILES = {
    "empty-file": ("empty.txt", b"", {}),
    "binary-file": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), {}),
    "undecodable-file": ("gbk.txt", "重庆将新增高新技术企业1000家。".encode("gbk"), {}),
    "html-input": ("page.html.txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>", {}),
    "file-too-large": ("dump.txt", "全市投资20亿元。".encode() * 200, {"max_bytes": len(PAGE.encode()) + 10}),
    "replacement-characters": ("damaged.txt", PAGE.replace("新闻", "新\ufffd").encode(), {}),
}


@pytest.mark.parametrize("slug", FILES)
def test_a_bad_file_is_an_issue_and_the_build_goes_on(tmp_path, slug):
    name, data, config = FILES[slug]
    rel = build(tmp_path, {name: data}, **config)
    issue = only(rel["issues"], slug)
    assert issue["path"] == name and issue["message"].startswith(f"{name}: ")
    assert issue["table"] is None and issue["start"] is None
    kept = {d["path"] for d in rel["documents"]}
    assert "page.txt" in kept, "the good page is built whatever its neighbours are"
    assert (name in kept) == (CATALOGUE[slug].severity is Severity.warning)


def test_binary_by_control_characters(tmp_path):
    rel = build(tmp_path, {"ctl.txt": ("文字" + "\x01\x02\x03" * 20).encode()})
    assert "control characters" in only(rel["issues"], "binary-file")["message"]


# ------------------------------------------------------------ records

class FakeMoney(Extractor):
    """A money extractor that yields what a buggy one would (not registered: swapped in)."""

    table = "money"

    def __init__(self, make):
        super().__init__()
        self.make = make

    def find(self, ctx):
        return []

    def extract(self, ctx, deps=None):
        return self.make(ctx)


def money(start: int, end: int, surface: str | None = None, value: str = "2000000000"):
    return CANDIDATES["money"](start=start, end=end, surface=PAGE[start:end] if surface is None else surface,
                               rule="money.amount", value=Decimal(value), value_max=None, currency="CNY",
                               qualifier="exact", qualifier_text=None)


def _raise(ctx):
    raise RuntimeError("a bug in an extractor")


RECORDS = {
    "offset-mismatch": (lambda ctx: [money(AMOUNT, AMOUNT + 5, surface="30亿元")], "does not match the raw text"),
    "outside-body": (lambda ctx: [money(0, 2)], f"outside the article body {BODY.body_start}:{BODY.body_end}"),
    "duplicate-record": (lambda ctx: [money(AMOUNT, AMOUNT + 5)] * 2, "a second money record"),
    "invalid-record": (lambda ctx: [money(AMOUNT, AMOUNT + 5, value="-1")], "is invalid: value:"),
    "extractor-error": (_raise, "the money extractor failed: RuntimeError('a bug in an extractor')"),
}


@pytest.mark.parametrize("slug", RECORDS)
def test_a_bad_record_is_an_issue_and_the_build_goes_on(tmp_path, monkeypatch, slug):
    make, words = RECORDS[slug]
    monkeypatch.setitem(extractors._REGISTRY, "money", FakeMoney(make))
    rel = build(tmp_path, {})
    issue = only(rel["issues"], slug)
    assert issue["path"] == "page.txt" and issue["doc_id"] == "page" and issue["table"] == "money"
    assert words in issue["message"], issue["message"]
    if slug != "extractor-error":
        assert issue["rule"] == "money.amount" and issue["start"] is not None
    assert len(rel["money"]) == (1 if slug == "duplicate-record" else 0)
    assert rel["dates"], "the other extractors ran on the document"
    assert [d["doc_id"] for d in rel["documents"]] == ["page"]


def test_the_page_yields_these_records_without_a_fake(tmp_path):
    rel = build(tmp_path, {})
    assert rel["issues"] == []
    assert [m["surface"] for m in rel["money"]] == ["20亿元"]
    assert BODY.body_start > 2  # the outside-body case's span lies in the header


# ------------------------------------------------------------ the catalogue

def test_every_slug_has_a_real_case():
    assert set(FILES) | set(RECORDS) == set(CATALOGUE)


@pytest.mark.parametrize("slug", CATALOGUE)
def test_slugs_are_stable_words(slug):
    kind = CATALOGUE[slug]
    assert kind.slug == slug and kind.template.startswith("{path}: ") and kind.about


def test_an_unknown_slug_is_refused():
    with pytest.raises(KeyError):
        make_issue("no-such-slug", path="a.txt")
