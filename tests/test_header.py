"""Title, outlet, publication date and body range from page layouts (tests/specs/header.yaml)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from extract.header import parse_header

SPECS = yaml.safe_load((Path(__file__).parent / "specs" / "header.yaml").read_text(encoding="utf-8"))
CASES = [pytest.param(case, id=f"{group}-{case['id']}") for group, cases in SPECS.items() for case in cases]


@pytest.mark.parametrize("case", CASES)
def test_header(case):
    page = case["page"]
    h = parse_header(page)
    assert h.title == case["title"]
    assert h.source == case["source"]
    published = case["published"]
    assert h.published == (dt.date.fromisoformat(str(published)) if published else None)
    body = page[h.body_start:h.body_end]
    assert body.startswith(case["body_starts"]), body[:40]
    assert body.endswith(case["body_ends"]), body[-40:]


def test_body_of_a_page_with_no_article_is_the_text():
    page = "短\n"
    h = parse_header(page)
    assert page[h.body_start:h.body_end] == "短"


@pytest.mark.parametrize("bad_day", ["2024-02-30", "2023-13-01"])
def test_impossible_header_dates_are_null(bad_day):
    assert parse_header(f"标题\n来源:某报{bad_day} 10:00\n正文内容,有一段话。\n").published is None
