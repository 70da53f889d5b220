"""Part-of-speech tags for short phrases, from jieba's dictionary.

Extractors tag a few short strings per document (a candidate subject before a
modality word, at most a dozen characters). `jieba.posseg` would cost about 1.6 s
per process to start (it imports its HMM tables and parses the dictionary in a
Python loop, after the tokenizer loads its prefix cache); here the same
dictionary (word, frequency, tag) is read once in about 0.25 s and the phrase is
segmented with jieba's own method without HMM: every dictionary word in the
phrase forms a DAG, and the route with the highest product of word
probabilities wins (ties to the longer word), as in `jieba.Tokenizer.cut(HMM=False)`.

>>> tag("长安汽车")
(('长安汽车', 'nt'),)
>>> tag("ABC公司")[0]
('ABC', 'eng')
"""
from __future__ import annotations

import importlib.util
import math
import os
import re
from functools import lru_cache

_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, tuple[int, str]], float, int]:
    # jieba's dictionary file, found without importing jieba (its import costs 0.1-0.2 s).
    spec = importlib.util.find_spec("jieba")
    path = os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")
    with open(path, "rb") as f:
        lines = f.read().decode("utf-8").splitlines()
    words: dict[str, tuple[int, str]] = {}
    total = 0
    longest = 1
    for line in lines:
        parts = line.split(" ")
        if len(parts) < 2:
            continue
        freq = int(parts[1])
        words[parts[0]] = (freq, parts[2] if len(parts) > 2 else "x")
        total += freq
        longest = max(longest, len(parts[0]))
    return words, math.log(total), longest


@lru_cache(maxsize=8192)
def tag(phrase: str) -> tuple[tuple[str, str], ...]:
    """(word, jieba tag) pairs of a short phrase; unknown characters are 'x', Latin/digit runs 'eng'/'m'."""
    words, log_total, longest = _dictionary()
    n = len(phrase)
    route: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        best = None
        ascii_run = _ASCII_RUN.match(phrase, i)
        for j in range(i + 1, min(n, i + longest) + 1):
            w = phrase[i:j]
            entry = words.get(w)
            if entry is None and j > i + 1 and not (ascii_run and j == ascii_run.end()):
                continue
            score = math.log(entry[0] if entry else 1) - log_total + route[j][0]
            if best is None or score >= best[0]:
                best = (score, j)
        route[i] = best
    out = []
    i = 0
    while i < n:
        j = route[i][1]
        w = phrase[i:j]
        entry = words.get(w)
        if entry is not None:
            out.append((w, entry[1]))
        elif _ASCII_RUN.fullmatch(w):
            out.append((w, "m" if w.isdigit() else "eng"))
        else:
            out.append((w, "x"))
        i = j
    return tuple(out)
