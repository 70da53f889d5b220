"""extract.numerals beyond its spec cases (tests/specs/numerals.yaml, run by tests/test_specs.py):
doctests and round-trip properties."""
from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import numerals
from extract.numerals import parse_magnitude, parse_number, to_chinese, to_mixed

MAX = 10**16


def test_doctests():
    result = doctest.testmod(numerals)
    assert result.attempted > 10 and result.failed == 0


@pytest.mark.parametrize("text,value", [
    ("千万", 10**7), ("万亿", 10**12), ("萬億", 10**12), ("百亿", 10**10), ("亿", 10**8),
    ("千亿", 10**11), ("百万", 10**6), ("十亿", 10**9),
])
def test_parse_magnitude(text, value):
    assert parse_magnitude(text) == value


@pytest.mark.parametrize("text", ["两千", "1万", "十五", "", "级"])
def test_parse_magnitude_rejects_non_scales(text):
    assert parse_magnitude(text) is None


# ---- properties: every integer 0..10^16 written out parses back exactly ---------------
integers = st.integers(min_value=0, max_value=MAX)


@settings(max_examples=2000, deadline=None)
@given(integers, st.sampled_from(["simplified", "financial", "traditional"]), st.booleans())
def test_chinese_numerals_round_trip(n, style, liang):
    assert parse_number(to_chinese(n, style=style, liang=liang)) == n


@settings(max_examples=2000, deadline=None)
@given(integers)
def test_mixed_form_round_trip(n):
    assert parse_number(to_mixed(n)) == n


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=10**8),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千万", 10**7),
                        ("百亿", 10**10), ("千亿", 10**11), ("萬億", 10**12), ("億", 10**8)]),
       st.integers(min_value=0, max_value=4))
def test_decimal_scale_form_round_trip(m, scale, places):
    """`1.5万亿` style: a decimal figure times a scale word, wherever the value is an integer."""
    word, mult = scale
    figure = Decimal(m).scaleb(-places)
    value = figure * mult
    if value != value.to_integral_value() or value > MAX:
        return
    assert parse_number(f"{figure}{word}") == value


@settings(max_examples=1000, deadline=None)
@given(integers)
def test_fullwidth_mixed_round_trip(n):
    text = to_mixed(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_number(text) == n


@settings(max_examples=1000, deadline=None)
@given(st.integers(min_value=1000, max_value=MAX))
def test_thousands_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "，")) == n


@pytest.mark.parametrize("n", [0, 10, 15, 20, 100, 101, 110, 1000, 1001, 1010, 10000, 10001, 100000,
                               10**8, 10**8 + 1, 10**12, 10**12 + 10**8, 10**16 - 1, MAX])
def test_chinese_round_trip_edges(n):
    for style in ("simplified", "financial", "traditional"):
        assert parse_number(to_chinese(n, style=style)) == n
    assert parse_number(to_mixed(n)) == n


def test_never_float():
    assert all(not isinstance(parse_number(s), float) for s in ("1.2万", "３．５", "三点五"))
