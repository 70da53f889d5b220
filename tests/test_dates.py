"""The dates extractor beyond its spec cases (tests/specs/dates.yaml, run by tests/test_specs.py):
the windowed find against a full scan, determinism, and a property test over the calendar."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.context import DocContext
from extract.extractors import dates
from tests.specs import runner
from tests.support import ctx_for, extract, find

FIELDS = ("surface", "start_date", "end_date", "granularity", "relative")


def _ctx(text: str, published: dt.date | None = None, body_start: int = 0) -> DocContext:
    return ctx_for(text, body_start, published=published)


def _as_rows(records):
    return [[r[f] for f in FIELDS] for r in records]


RAW = sorted((Path(__file__).parent.parent / "raw").glob("*.txt"))


@pytest.mark.parametrize("path", RAW, ids=[p.stem for p in RAW])
def test_windowed_find_equals_full_scan_on_raw(path):
    text = path.read_text(encoding="utf-8")
    ctx = _ctx(text)
    full = [(s.rule, s.start, s.end) for s in dates._find(ctx, windowed=False)]
    assert [(s.rule, s.start, s.end) for s in find("dates", ctx)] == full
    assert full  # every raw document names some date


def test_windowed_find_equals_full_scan_on_specs():
    for text in runner.texts("dates", with_xfail=True):
        ctx = _ctx(text)
        assert find("dates", ctx) == dates._find(ctx, windowed=False)


def test_extract_is_deterministic_and_sorted():
    text = "2024年1月31日,今年一季度、“十四五”和到2030年;3月5日下午,20日。"
    a = extract("dates", _ctx(text, dt.date(2024, 3, 11)))
    b = extract("dates", _ctx(text, dt.date(2024, 3, 11)))
    assert a == b
    assert [(r["start"], r["end"]) for r in a] == sorted((r["start"], r["end"]) for r in a)


# ---------------------------------------------------------------- property test
CN_DIGITS = "〇一二三四五六七八九"


def _cn_year(y: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def _cn_small(n: int) -> str:
    """1..31 in Chinese numerals: 五, 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "")


FORMS = {
    "Y年M月D日": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "Y年MM月DD日": lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    "Y-MM-DD": lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    "Y.M.D": lambda d: f"{d.year}.{d.month}.{d.day}",
    "Y/M/D": lambda d: f"{d.year}/{d.month}/{d.day}",
    "cnY年M月D日": lambda d: f"{_cn_year(d.year)}年{d.month}月{d.day}日",
    "cnY年cnM月cnD日": lambda d: f"{_cn_year(d.year)}年{_cn_small(d.month)}月{_cn_small(d.day)}日",
}


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2199, 12, 31)),
       form=st.sampled_from(sorted(FORMS)),
       left=st.sampled_from(["", "于", ",", "截至", "\n"]),
       right=st.sampled_from(["", ",", "召开", "。", "起施行"]))
def test_every_calendar_date_resolves_to_itself(day, form, left, right):
    surface = FORMS[form](day)
    text = left + surface + right
    records = extract("dates", _ctx(text))
    assert _as_rows(records) == [[surface, day, day, "day", False]]
    assert records[0]["start"] == len(left)
