"""Initiative codes (GUIDELINES §1): `33618`, `7+28+N`, `4×4`, `六区一高地`, `双倍增` …

find:    the rules with `role: detect` in extract/rules/codes.yaml: a numeric code or a
         numeral slogan filling a pair of quotes (“” ‘’ 「」 『』 "" ''), or written
         without quotes right before a system noun (2349现代制造业集群体系, 六大行动).
resolve: normalise the code and veto what is not a programme name (years, phone numbers,
         idioms, five-year plans, adjectives, quoted descriptions: lists in the YAML).
extract: one record per distinct code: its first mention in the body, every mention
         (digit boundaries for numeric codes; a mention inside a longer code is that
         code's), the label (the system noun phrase after it), the expansion where the
         body spells the parts out, and the glossary link (extract/glossary.py).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from extract import glossary, rulebook
from extract.scanning import Scanner
from extract.context import DocContext
from extract.extractors import NO_DEPS, Deps, Extractor, get, register
from extract.numerals import is_chinese_numeral, parse_number
from extract.spans import Span, resolve_overlaps

TABLE = "codes"

_FULLWIDTH = str.maketrans("０１２３４５６７８９＋ＸＮＭ・", "0123456789+XNM·")
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "兩": 2, "双": 2, "雙": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN_NUMERAL = "一二两兩三四五六七八九十双雙百千万萬"
_CLOSE_ANY = "”’」』\"'″"
_OPEN_ANY = "“‘「『\"'″"
_QUOTES = _OPEN_ANY + _CLOSE_ANY
_ITEM_SPLIT = re.compile(r"、|以及|和|及|与|與|,|，")
_PLAN_AFTER = re.compile(r"(?:建设|建設|培育|发展|發展)(?:行动|行動|实施|實施|工作)?(?:方案|计划|計劃)")
_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+[)）]")
# Hot helpers' patterns, compiled once (module-level re.* pays a cache lookup per call).
_DIGIT_GROUP = re.compile(r"[0-9]+")
_OPEN_TAIL = re.compile(r"\+[NXM]$")
_LABEL_LEAD = re.compile(r"为[\u4e00-\u9fff]{1,3}的")
_CJK_TAIL = re.compile(r"[\u4e00-\u9fff]*$")
_CODE_TOKEN = re.compile(r"[0-9]+|[XNM]")
_DIGITS_LETTER = re.compile(r"[0-9]+[XNM]")
_NAMELY = re.compile(r"[^。；;\n]{0,8}?即[:：]?")
_COUNTED = re.compile(r"([一二两兩三四五六七八九十双雙])(?:大|个|個|项|項|场|場)?([^一二两兩三四五六七八九十双雙百千万萬]+)")
_HEADED = re.compile(r"[一二两兩三四五六七八九十双雙](?:大|个|個|项|項|场|場)?([\u4e00-\u9fff]{2,4})")
_PAREN_LIST = re.compile(r"[(（]([^()（）\n]{2,60})[)）]")
_NAMELY_LIST = re.compile(r"[^。；;\n“”]{0,8}?即[:：]?([^。；;\n]{2,120})")
_LIST_BEFORE = re.compile(r"[^,，;；。:：\n]{2,80}$")
_CLAUSE_SPLIT = re.compile(r"[,，;；。:：、\n]")
_SLOGAN_PART = re.compile(f"[{_CN_NUMERAL}][^{_CN_NUMERAL}]*")
_DEF_TAIL_SPLIT = re.compile(r"为代表的|為代表的|等")


@lru_cache(maxsize=1)
def _book():
    rf = rulebook.load(TABLE)
    data = rf.data
    words = rf.words
    not_codes = data["not_codes"]
    numeric_token = r"(?<![0-9０-９.．])" + rulebook.expand("{codes_numeric}") + r"(?![0-9０-９])"
    return {
        "detect": [(r, r.scanner, "open" in r.regex.groupindex)
                   for r in rf.rules if r.meta.get("role") == "detect"],
        "item": rf.rule("codes.part_item").regex,
        "quoted_part": rf.rule("codes.part_quoted").scanner,
        "definition": rf.rule("codes.part_definition").scanner,
        "idioms": frozenset(not_codes["idioms"]),
        # one search for "any veto matches"
        "vetoes": rulebook.compile("|".join(f"(?:{p})" for p in not_codes["patterns"])),
        "pairs": {k: str(v) for k, v in data["quote_pairs"].items()},
        "noun_reversed": rulebook.compile(rulebook.alternation(w[::-1] for w in words["codes_system_noun"])),
        "quantity_after": rulebook.compile(rulebook.expand("{codes_sp}{words.codes_quantity_after}")),
        "numeric_token": Scanner(numeric_token),
        "label_run": rulebook.compile(r"[ \u3000]*(?:的)?(?P<run>[\u4e00-\u9fff \u3000]{1,18})"),
        "label_verbs": re.compile(rulebook.alternation(data["label_verbs"])),
        "openers": rulebook.compile("^" + rulebook.alternation(data["item_openers"])),
        "open_parts": frozenset(data["open_part_words"]),
        "numbers": frozenset(str(n) for n in data["not_code_numbers"]),
        "places": rulebook.compile("^" + rulebook.alternation(not_codes["place_prefixes"])),
    }


# ---------------------------------------------------------------- normalising

def normalise(surface: str) -> str:
    """The code as stored: quotes and spaces removed, ASCII digits and `+`.

    >>> normalise("“ 8810”"), normalise("７＋２８＋Ｎ"), normalise("4 + 4 + X"), normalise("雙核一帶一廊")
    ('8810', '7+28+N', '4+4+X', '雙核一帶一廊')
    """
    if surface.isascii() and surface.isdigit():
        return surface  # nothing to strip or map (most codes and numeric tokens)
    s = surface.strip().strip(_QUOTES)
    return _SPACE.sub("", s.translate(_FULLWIDTH))


def kind_of(code: str) -> str:
    return "numeric" if code[:1].isdigit() else "numeral_slogan"


def is_numeric_code(code: str, has_noun: bool) -> bool:
    """Shape checks a numeric code must pass (years, phone and area numbers fail).

    >>> [is_numeric_code(c, False) for c in ("33618", "416", "0416", "28", "2024", "400·887·6363", "30·60", "5·12")]
    [True, True, False, False, False, False, True, False]
    """
    groups = (code,) if code.isascii() and code.isdigit() else _DIGIT_GROUP.findall(code)
    for g in groups:
        if len(g) > 1 and g[0] == "0":
            return False  # 0416, 400-0123: area and phone numbers
    if code in _book()["numbers"] and not has_noun:
        return False  # 12345 hotline, 618 shopping festival
    if code.isdigit():
        if len(code) < 2 or (len(code) == 2 and not has_noun) or len(code) > 6:
            return False
        if len(code) == 4 and 1900 <= int(code) <= 2100 and not has_noun:
            return False  # a year
        return True
    if "·" in code:
        parts = code.split("·")
        if len(parts) != 2 or any(len(p) > 2 for p in parts):
            return False  # 400·887·6363
        if all(p.isdigit() for p in parts) and 1 <= int(parts[0]) <= 12 and 1 <= int(parts[1]) <= 31 \
                and not has_noun:
            return False  # 5·12, 3·15: an event date
    return True


def is_slogan(code: str) -> bool:
    """Checks a numeral slogan must pass (idioms, five-year plans, descriptions fail).

    >>> [is_slogan(c) for c in ("六区一高地", "四梁八柱", "十四五", "一段话生成一段视频", "双师型", "三个向上")]
    [True, False, False, False, False, True]
    """
    b = _book()
    core = _OPEN_TAIL.sub("", code)
    if code in b["idioms"] or core in b["idioms"] or b["places"].match(core):
        return False
    if is_chinese_numeral(core) and parse_number(core) is not None:
        return False  # 一百, 三十, 百万: a plain number (百千万 is not one number)
    return not b["vetoes"].search(core)


# ---------------------------------------------------------------- find / resolve

def _quotes_pair(text: str, m: re.Match) -> bool:
    allowed = _book()["pairs"].get(m.group("open"), "")
    return m.group("close") in allowed


def _memo(ctx: DocContext, name: str) -> dict:
    """A dict of the extractor's own for this document (see extract.extractors.DocCache)."""
    return CODES.cache.get(ctx, name, dict)


def _find(ctx: DocContext) -> list[Span]:
    spans = []
    b = _book()
    pairs = b["pairs"]
    for rule, finder, quoted in b["detect"]:
        for m in finder.finditer(ctx.text, ctx.body_start, ctx.body_end, _memo(ctx, "runs")):
            if quoted and m.group("close") not in pairs.get(m.group("open"), ""):
                continue  # not a pair of quotes (_quotes_pair)
            s, e = m.span("code")
            spans.append(Span(rule.id, s, e, {"quoted": quoted,
                                              "after": m.end() if quoted else e}))
    return resolve_overlaps(spans)


def _label_after(ctx: DocContext, pos: int) -> str | None:
    """The system noun phrase right after a code (position after its closing quote)."""
    # kept per position: extract asks again for the mentions resolve already labelled
    known = _memo(ctx, "label_after")
    if pos in known:
        return known[pos]
    label = known[pos] = _find_label_after(ctx, pos)
    return label


def _find_label_after(ctx: DocContext, pos: int) -> str | None:
    b = _book()
    m = b["label_run"].match(ctx.text, pos, min(ctx.body_end, pos + 24))
    if not m:
        return None
    run = m.group("run")
    if " " in run or "\u3000" in run:  # the only spaces the run admits
        run = run.replace(" ", "").replace("\u3000", "")
    if run[:1] == "为":
        lead = _LABEL_LEAD.match(run)  # 以“X”为支撑的现代化产业体系
        if lead:
            run = run[lead.end():]
    run = run[:14]
    # 集群建設行動方案 → 集群 (the plan is named after the code's system, not the label)
    cut = _PLAN_AFTER.search(run)
    for piece in ((run[:cut.start()], run) if cut else (run,)):
        # the label ends where the last system noun ends: the leftmost reversed noun in
        # the reversed piece (one search instead of a lookahead at every position)
        last = b["noun_reversed"].search(piece[::-1])
        if last:
            return piece[:len(piece) - last.start()]
    return None


def _label_before(ctx: DocContext, start: int, code: str) -> str | None:
    """实施科技兴赣六大行动 → 科技兴赣六大行动 (the words between the verb and the code)."""
    lo = max(ctx.body_start, start - 8)
    before = ctx.text[lo:start]
    m = _CJK_TAIL.search(before)
    run = m.group(0) if m else ""
    verbs = list(_book()["label_verbs"].finditer(run))
    if not verbs:
        return None
    prefix = run[verbs[-1].end():]
    return prefix + code if prefix else None


def _after_close(ctx: DocContext, end: int) -> int:
    """The position after a closing quote (and spaces) that follows `end`, else `end`."""
    i = end
    while i < ctx.body_end and ctx.text[i] in " \u3000\u00a0":
        i += 1
    if i < ctx.body_end and ctx.text[i] in _CLOSE_ANY:
        return i + 1
    return end


def _resolve(span: Span, ctx: DocContext) -> dict | None:
    surface = ctx.text[span.start:span.end]
    code = normalise(surface)
    kind = kind_of(code)
    quoted = span.groups.get("quoted", False)
    label = _label_after(ctx, span.groups.get("after", span.end))
    if kind == "numeric":
        if not is_numeric_code(code, has_noun=label is not None):
            return None
        if not quoted and _book()["quantity_after"].match(ctx.text, span.end):
            return None
    else:
        if not is_slogan(code):
            return None
        if span.rule == "codes.slogan_system_noun":
            label = _label_before(ctx, span.start, code)
    return {"start": span.start, "end": span.end, "surface": surface, "rule": span.rule,
            "code": code, "kind": kind, "label": label}


# ---------------------------------------------------------------- mentions

def _numeric_tokens(ctx: DocContext, wanted: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Normalised numeric token -> its spans in the body, for the tokens in `wanted` only
    (the others are never looked at, so their checks are skipped)."""
    b = _book()
    text = ctx.text
    quantity_after = b["quantity_after"].match
    out: dict[str, list[tuple[int, int]]] = {}
    for m in b["numeric_token"].finditer(text, ctx.body_start, ctx.body_end, _memo(ctx, "runs")):
        token = m.group(0)
        # plain ASCII digits are their own normal form (nothing to strip or map)
        norm = token if token.isascii() and token.isdigit() else normalise(token)
        if norm not in wanted:
            continue
        s, e = m.span()
        if s > 0 and text[s - 1].isascii() and text[s - 1].isalpha():
            continue  # G20, A100
        if quantity_after(text, e) and not _after_close(ctx, e) > e:
            continue  # 416公里
        out.setdefault(norm, []).append((s, e))
    return out


def _mentions(ctx: DocContext, codes: list[str], detected: dict[str, list[tuple[int, int]]]):
    """code -> sorted mention spans; a longer code owns the text it covers."""
    taken: list[tuple[int, int]] = []
    out: dict[str, list[tuple[int, int]]] = {}
    numeric = {c for c in codes if kind_of(c) == "numeric"}
    tokens = _numeric_tokens(ctx, numeric) if numeric else {}
    for code in sorted(codes, key=lambda c: (-len(c), c)):
        spans = set()
        if code in numeric:
            spans.update(tokens.get(code, ()))
        else:
            i = ctx.text.find(code, ctx.body_start, ctx.body_end)
            while i >= 0:
                spans.add((i, i + len(code)))
                i = ctx.text.find(code, i + len(code), ctx.body_end)
        if taken:
            spans = {sp for sp in spans if _free(sp, taken)}
        spans.update(detected.get(code, []))
        out[code] = sorted(spans)
        taken.extend(out[code])
    return out


def _free(sp: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """No span of `taken` overlaps `sp`."""
    s, e = sp
    for ts, te in taken:
        if s < te and ts < e:
            return False
    return True


# ---------------------------------------------------------------- expansion

def _window(ctx: DocContext, start: int, before: int = 1, after: int = 2) -> tuple[int, int]:
    spans = ctx.sentence_index.spans
    if not spans:
        return ctx.body_start, ctx.body_end
    starts = CODES.cache.get(ctx, "sentence_starts", lambda: [sp[0] for sp in spans])
    i = max(0, bisect_right(starts, start) - 1)
    lo = spans[max(0, i - before)][0]
    hi = spans[min(len(spans) - 1, i + after)][1]
    return lo, hi


def _clean_item(s: str) -> str:
    s = _SPACE.sub("", s)
    if "(" in s or "（" in s:
        s = _PINYIN.sub("", s)
    # the trailing run of 的/等 (what `(?:的|等)+$` removes: no newline is left for `$`)
    return s.rstrip("的等")


def _items(ctx: DocContext, lo: int, hi: int):
    """Numbered parts in text[lo:hi]: (start, end, value, raw text); value '' for 若干/一批.

    The text is cleaned (_clean_item) only for the parts an expansion uses. No two parts
    share a start (a quoted part starts at “, a numbered one never does), so the order
    never depends on the text."""
    b = _book()
    out = []
    for m in b["item"].finditer(ctx.text, lo, hi):
        value = (m.group("num") or "").translate(_FULLWIDTH)
        out.append((m.start(), m.end(), value, m.group(0)))
    for m in b["quoted_part"].finditer(ctx.text, lo, hi):
        out.append((m.start(), m.end(), str(_CN_DIGIT.get(m.group("qnum"), "")), m.group(0)[1:-1]))
    out.sort()
    return out


def _code_tokens(code: str) -> list[str]:
    return _CODE_TOKEN.findall(code)


def _match_run(items, k: int, tokens: list[str], split_free: bool):
    """Match code tokens against items[k:], consuming items; returns the used items or None."""
    used = []
    j = k
    for t in tokens:
        if j >= len(items):
            return None
        if t in "XNM":
            if items[j][2] not in ("", t):
                return None
            used.append(items[j])
            j += 1
            continue
        acc = ""
        while j < len(items) and items[j][2] and len(acc) < len(t):
            acc += items[j][2]
            used.append(items[j])
            j += 1
            if not split_free:
                break
        if acc != t:
            return None
    return used


def _numeric_expansion(ctx: DocContext, code: str, mentions) -> list[str] | None:
    tokens = _code_tokens(code)
    split_free = code.isdigit() or bool(_DIGITS_LETTER.fullmatch(code))
    if split_free and _DIGITS_LETTER.fullmatch(code):
        tokens = [code[:-1], code[-1]]
    best = None
    for ms, me in mentions:
        lo, hi = _window(ctx, ms)
        items = _items(ctx, lo, hi)
        items = [it for it in items if not (it[0] < me and ms < it[1])]
        for k in range(len(items)):
            run = _match_run(items, k, tokens, split_free)
            if run and len(run) >= 2 and _tight(ctx, run):
                dist = min(abs(run[0][0] - ms), abs(run[-1][1] - ms))
                if best is None or dist < best[0]:
                    best = (dist, run)
        if best:
            return [_clean_item(it[3]) for it in best[1]]
        # partial: `“8810”目标,即: … 8 条制造业重点产业链 …` spells out the first part(s)
        after = _after_close(ctx, me)
        m = _NAMELY.match(ctx.text, after, ctx.body_end)
        if m:
            sent_end = ctx.sentence_span(m.end())[1]
            items = _items(ctx, m.end(), max(sent_end, m.end()))
            run = []
            digits = "".join(t for t in tokens if t.isdigit())
            acc = ""
            for it in items:
                if it[2] and digits.startswith(acc + it[2]):
                    acc += it[2]
                    run.append(_clean_item(it[3]))
                else:
                    break
            if run:
                return run
    return None


def _tight(ctx: DocContext, run) -> bool:
    for a, c in zip(run, run[1:]):
        gap = ctx.text[a[1]:c[0]]
        if len(gap) > 80 or "。" in gap or "\n" in gap:
            return False
    return True


def _count(code: str) -> int | None:
    """三个向上 → 3, 两新 → 2, 四大集群 → 4; None for multi-part slogans (六区一高地)."""
    m = _COUNTED.fullmatch(code)
    if not m:
        return None
    return _CN_DIGIT.get(m.group(1))


def _head(code: str) -> str | None:
    m = _HEADED.fullmatch(code)
    return m.group(1) if m else None


def _split(s: str) -> list[str]:
    return [p for p in (_clean_item(x) for x in _ITEM_SPLIT.split(s)) if p]


def _strip_opener(s: str) -> str:
    return _book()["openers"].sub("", s, count=1) or s


def _slogan_expansion(ctx: DocContext, code: str, mentions, definitions) -> list[str] | None:
    """`definitions()` gives the body's definitions (_definitions), read only by step (5)."""
    n = _count(code)
    text = ctx.text
    for ms, me in mentions:
        after = _after_close(ctx, me)
        if n:
            # (1) “两新”(科技创新和产业创新)
            m = _PAREN_LIST.match(text, after, ctx.body_end)
            if m and len(_split(m.group(1))) == n:
                return _split(m.group(1))
            # (2) “三个向上”的突破,即产品向上、品牌向上、产业链向上。
            m = _NAMELY_LIST.match(text, after, ctx.body_end)
            if m and len(_split(m.group(1))) == n:
                return _split(m.group(1))
            # (3) 以大农业、大装备、大旅游、大数据等“四大集群”
            open_at = ms - 1 if ms > 0 and text[ms - 1] in _OPEN_ANY else ms
            if open_at > ctx.body_start and text[open_at - 1] == "等":
                m = _LIST_BEFORE.search(text[max(ctx.body_start, open_at - 80):open_at - 1])
                if m:
                    parts = _split(m.group(0))
                    if len(parts) == n:
                        parts[0] = _strip_opener(parts[0])
                        return parts
            # (4) “五大新跃迁”,包括:…实现转型升级新跃迁;…实现品牌提升新跃迁;…
            head = _head(code)
            if head:
                para_end = text.find("\n", after, ctx.body_end)
                para_end = ctx.body_end if para_end < 0 else para_end
                region = text[after:min(para_end, after + 400)]
                # cleaning only removes characters, so a clause ending with `head` after it
                # holds head's last character before it (skip the others uncleaned)
                last = head[-1]
                cleaned = [_clean_item(c) for c in _CLAUSE_SPLIT.split(region) if last in c] \
                    if last in region else []
                found = [_strip_opener(c) for c in cleaned if c.endswith(head) and len(c) > len(head)]
                if len(found) == n:
                    return found
        # (5) “六新六特六优+N”: “六新”是指…为代表的新型工业, “六特”是…
        parts = _slogan_parts(code)
        if len(parts) >= 2:
            defs = definitions()
            got = [defs[p] for p in parts if p in defs]
            if len(got) >= 2:
                return got
    return None


def _slogan_parts(code: str) -> list[str]:
    """六新六特六优+N → [六新, 六特, 六优, N]; 一核两轴七基地 → [一核, 两轴, 七基地]."""
    core, plus, rest = code.partition("+")
    parts = _SLOGAN_PART.findall(core)
    if plus:
        parts.append(rest)
    return parts


def _definitions(ctx: DocContext) -> dict[str, str]:
    """“P”是指…为代表的Y → {P: Y}: what the body says a quoted part stands for."""
    out: dict[str, str] = {}
    for m in _book()["definition"].finditer(ctx.text, ctx.body_start, ctx.body_end):
        d = m.group("def")
        tail = _DEF_TAIL_SPLIT.split(d)[-1]
        tail = _strip_opener(_clean_item(tail))
        if tail:
            out.setdefault(normalise(m.group("part")), tail)
    return out


# ---------------------------------------------------------------- extract

def _extract(ctx: DocContext) -> list[dict]:
    found: dict[str, list[dict]] = {}
    for span in _find(ctx):
        rec = _resolve(span, ctx)
        if rec is not None:
            found.setdefault(rec["code"], []).append(rec)
    if not found:
        return []
    detected = {c: [(r["start"], r["end"]) for r in recs] for c, recs in found.items()}
    mentions = _mentions(ctx, list(found), detected)
    defs: dict[str, str] | None = None

    def definitions() -> dict[str, str]:
        # scanned for on first use: most documents never need what their body defines
        nonlocal defs
        if defs is None:
            defs = _definitions(ctx)
        return defs

    out = []
    for code, recs in found.items():
        spans = mentions[code]
        first = recs[0]
        s, e = spans[0]
        labels = [r["label"] for r in recs if r["label"]]
        if not labels:
            labels = [lb for lb in (_label_after(ctx, _after_close(ctx, me)) for _, me in spans) if lb]
        # the most frequent label, then the longest (a later, fuller mention wins a tie)
        label = max(labels, key=lambda lb: (labels.count(lb), len(lb))) if labels else None
        if label is None and code in definitions():
            label = defs[code]
        if first["kind"] == "numeric":
            expansion = _numeric_expansion(ctx, code, spans)
        else:
            expansion = _slogan_expansion(ctx, code, spans, definitions)
        link = glossary.link(code, ctx)
        out.append({
            "start": s, "end": e, "surface": ctx.text[s:e], "rule": first["rule"],
            "code": code, "kind": first["kind"], "label": label,
            "mentions": len(spans), "mention_spans": [{"start": a, "end": b} for a, b in spans],
            "expansion": expansion,
            "glossary_name": link.name if link else None,
            "glossary_region": link.region if link else None,
            "glossary_parts": list(link.parts) if link else None,
        })
    return sorted(out, key=lambda r: (r["start"], r["end"], r["code"]))


# ---------------------------------------------------------------- extractor
@register
class Codes(Extractor):
    """Initiative codes (GUIDELINES §1): one record per distinct code in a document."""

    table = TABLE

    def find(self, ctx: DocContext) -> list[Span]:
        return _find(ctx)

    def resolve(self, span: Span, ctx: DocContext, deps: Deps = NO_DEPS):
        """The code a detected span names, before its mentions are counted (`mentions`,
        `expansion` and the glossary link come with the document's record)."""
        rec = _resolve(span, ctx)
        if rec is None:
            return None
        return self.candidate(**rec, mentions=1, mention_spans=[{"start": span.start, "end": span.end}],
                              expansion=None, glossary_name=None, glossary_region=None,
                              glossary_parts=None)

    def extract(self, ctx: DocContext, deps: Deps = NO_DEPS) -> list:
        return [self.candidate(**r) for r in _extract(ctx)]


CODES = get(TABLE)
