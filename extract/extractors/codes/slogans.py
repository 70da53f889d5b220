"""Expansions of numeral slogans: the parts a body spells out (GUIDELINES §1,
`expansion`), tried in this order at each mention:

1. a list in parentheses right after the code: “两新”(科技创新和产业创新);
2. a list after 即: “三个向上”的突破,即产品向上、品牌向上、产业链向上;
3. a list that ends with 等 right before the code: 以大农业、大装备、大旅游、大数据等“四大集群”;
4. clauses of the paragraph ending with the code's head: “五大新跃迁”,包括:…新跃迁;…新跃迁;
5. what the body defines each part as: “六新”是指…为代表的新型工业, “六特”是… (for
   multi-part slogans: 六新六特六优+N).

1 to 4 need the count the code names (三个向上 → 3) and the same number of parts."""
from __future__ import annotations

from extract.context import DocContext
from extract.extractors.codes.book import DocMemo, book
from extract.extractors.codes.detect import normalise
from extract.extractors.codes.expansion import clean_item
from extract.extractors.codes.labels import after_close

_LIST_WINDOW = 80   # characters read back from 等 (the list_before pattern takes at most 80)
_CLAUSE_WINDOW = 400  # characters of the paragraph read for step 4


def count(code: str) -> int | None:
    """三个向上 → 3, 两新 → 2, 四大集群 → 4; None for multi-part slogans (六区一高地)."""
    m = book().counted.fullmatch(code)
    return book().counts.get(m.group("count")) if m else None


def head(code: str) -> str | None:
    """五大新跃迁 → 新跃迁: what each part of it ends with."""
    m = book().headed.fullmatch(code)
    return m.group("head") if m else None


def split(s: str) -> list[str]:
    return [p for p in (clean_item(x) for x in book().item_split.split(s)) if p]


def strip_opener(s: str) -> str:
    return book().openers.sub("", s, count=1) or s


def slogan_parts(code: str) -> list[str]:
    """六新六特六优+N → [六新, 六特, 六优, N]; 一核两轴七基地 → [一核, 两轴, 七基地]."""
    core, plus, rest = code.partition("+")
    parts = book().slogan_part.findall(core)
    if plus:
        parts.append(rest)
    return parts


def definitions(ctx: DocContext, memo: DocMemo) -> dict[str, str]:
    """“P”是指…为代表的Y → {P: Y}: what the body says a quoted part stands for (scanned
    on first use: most documents never need it)."""
    if memo.definitions is not None:
        return memo.definitions
    b = book()
    out: dict[str, str] = {}
    for m in b.definition.finditer(ctx.text, ctx.body_start, ctx.body_end):
        tail = b.definition_tail_split.split(m.group("def"))[-1]
        tail = strip_opener(clean_item(tail))
        if tail:
            out.setdefault(normalise(m.group("part")), tail)
    memo.definitions = out
    return out


def _listed_before(ctx: DocContext, ms: int, n: int) -> list[str] | None:
    """Step 3: the n parts of a list that ends with 等 right before the (quoted) code."""
    b = book()
    text = ctx.text
    open_at = ms - 1 if ms > 0 and text[ms - 1] in b.opens else ms
    if not (open_at > ctx.body_start and text[open_at - 1] == b.enumeration_end):
        return None
    m = b.list_before.search(text[max(ctx.body_start, open_at - _LIST_WINDOW):open_at - 1])
    if not m:
        return None
    parts = split(m.group(0))
    if len(parts) != n:
        return None
    parts[0] = strip_opener(parts[0])
    return parts


def _headed_clauses(ctx: DocContext, code: str, n: int, after: int) -> list[str] | None:
    """Step 4: the n clauses of the paragraph after the code that end with its head."""
    h = head(code)
    if not h:
        return None
    text = ctx.text
    para_end = text.find("\n", after, ctx.body_end)
    para_end = ctx.body_end if para_end < 0 else para_end
    region = text[after:min(para_end, after + _CLAUSE_WINDOW)]
    # cleaning only removes characters, so a clause ending with the head after it holds
    # the head's last character before it (skip the others uncleaned)
    last = h[-1]
    if last not in region:
        return None
    cleaned = [clean_item(c) for c in book().clause_split.split(region) if last in c]
    found = [strip_opener(c) for c in cleaned if c.endswith(h) and len(c) > len(h)]
    return found if len(found) == n else None


def _counted_parts(ctx: DocContext, code: str, n: int, ms: int, me: int) -> list[str] | None:
    """Steps 1 to 4 at the mention text[ms:me] of a code that counts n parts."""
    b = book()
    after = after_close(ctx, me)
    for listed in (b.paren_list, b.namely_list):  # steps 1 and 2
        m = listed.match(ctx.text, after, ctx.body_end)
        if m and len(split(m.group("list"))) == n:
            return split(m.group("list"))
    return _listed_before(ctx, ms, n) or _headed_clauses(ctx, code, n, after)


def _defined_parts(ctx: DocContext, memo: DocMemo, code: str) -> list[str] | None:
    """Step 5: what the body defines two or more of the code's parts as."""
    parts = slogan_parts(code)
    if len(parts) < 2:
        return None
    defs = definitions(ctx, memo)
    got = [defs[p] for p in parts if p in defs]
    return got if len(got) >= 2 else None


def slogan_expansion(ctx: DocContext, memo: DocMemo, code: str, mentions) -> list[str] | None:
    n = count(code)
    for ms, me in mentions:
        if n:
            got = _counted_parts(ctx, code, n, ms, me)
            if got:
                return got
        got = _defined_parts(ctx, memo, code)
        if got:
            return got
    return None
