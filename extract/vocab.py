"""The shared tables of extract/rules/common.yaml, loaded once: digits, units, the
full-width and traditional→simplified maps, the pinyin-gloss pattern and the comparison
words. Every extractor reads them from here; none keeps a copy of its own.

>>> digits()["贰"], big_units()["億"], "１２．５".translate(fullwidth())
(2, 100000000, '12.5')
>>> "萬億元".translate(t2s())
'万亿元'
>>> pinyin_gloss().sub("", "万亿元(wànyìyuán)")
'万亿元'
>>> comparison_words()["以上"]
{'money_suffix': 'at_least', 'target': '>='}
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract import rulebook


@lru_cache(maxsize=1)
def _common() -> dict:
    return rulebook.load("common").data


@lru_cache(maxsize=1)
def digits() -> dict[str, int]:
    return dict(_common()["digits"])


@lru_cache(maxsize=1)
def small_units() -> dict[str, int]:
    return dict(_common()["small_units"])


@lru_cache(maxsize=1)
def big_units() -> dict[str, int]:
    return dict(_common()["big_units"])


@lru_cache(maxsize=1)
def numerals() -> dict:
    """How numerals.py reads and writes Chinese numerals: decimal_points, fraction_digits,
    styles ({name: {digits, units}}) and liang."""
    return _common()["numerals"]


def _translation(key: str) -> dict[int, int]:
    table = _common()[key]
    if len(table["from"]) != len(table["to"]):
        raise ValueError(f"common.yaml {key}: 'from' and 'to' differ in length")
    return str.maketrans(table["from"], table["to"])


@lru_cache(maxsize=1)
def fullwidth() -> dict[int, int]:
    """str.translate table: full-width digits, point, comma, ＋ Ｘ Ｎ Ｍ ・ → ASCII."""
    return _translation("fullwidth")


@lru_cache(maxsize=1)
def t2s() -> dict[int, int]:
    """str.translate table: traditional → simplified (for shadows and lookups only)."""
    return _translation("t2s")


@lru_cache(maxsize=1)
def pinyin_gloss() -> re.Pattern:
    """A pinyin gloss glued to a word: 万亿元(wànyìyuán), 營業(yè)."""
    return re.compile(rulebook.expand("{pinyin_gloss}"))


@lru_cache(maxsize=1)
def comparison_words() -> dict[str, dict[str, str]]:
    """word → {money_prefix | money_suffix | money_infix: qualifier, target: comparator}."""
    return {w: dict(v) for w, v in _common()["comparison_words"].items()}


def money_qualifiers(position: str) -> dict[str, str]:
    """The comparison words with a money qualifier in `position` (prefix, suffix, infix),
    in file order."""
    key = f"money_{position}"
    return {w: v[key] for w, v in comparison_words().items() if key in v}


def target_comparators() -> dict[str, str]:
    """The comparison words with a target comparator, in file order."""
    return {w: v["target"] for w, v in comparison_words().items() if "target" in v}
