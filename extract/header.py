"""Page anatomy of a scraped article: title, outlet, publication date, body range.

Scraped pages wrap the article in navigation before and comment boxes, related
reading lists and copyright lines after. The article body is one half-open range
[body_start, body_end) of the raw text; nothing outside it yields records.

The markers (header labels, footer words, bylines, datelines) are data in
rules/document.yaml; this module only walks the lines.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass

from extract import rulebook

_SENTENCE_PUNCT = re.compile(r"[。！？!?；;，,、：:]")
_STRONG_PARAGRAPH = re.compile(r"[。！？!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NAV_WORD = re.compile(r"^[\u4e00-\u9fff]{1,6}$")
# How far into the page a header line may sit (pages with long navigation menus).
_HEADER_SEARCH_LINES = 80


@dataclass(frozen=True)
class Header:
    title: str | None
    source: str | None
    published: dt.date | None
    body_start: int
    body_end: int


class _Line:
    """One line: offsets of its stripped content, and that content."""

    __slots__ = ("start", "end", "text", "blank")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text, self.blank = start, end, text, not text


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        content = raw.strip()
        s = pos + (raw.find(content) if content else 0)
        out.append(_Line(s, s + len(content), content))
        pos += len(raw) + 1
    return out


class _Rules:
    """Compiled document rules, loaded once per process."""

    def __init__(self):
        book = rulebook.load("document")
        r = {rule.id.split(".", 1)[1]: rule.regex for rule in book.rules}
        self.labelled, self.bare, self.published = r["header_labelled"], r["header_bare"], r["published"]
        self.source, self.dateline, self.byline = r["source_labelled"], r["dateline"], r["byline"]
        self.original_title, self.footer, self.credit, self.chrome = (
            r["original_title"], r["footer"], r["credit"], r["chrome"])
        # The footer rule is written per line; over the whole body at once it needs ^ per line.
        self.footer_lines = re.compile(self.footer.pattern, re.M)
        self.credit_like = re.compile(r"^\S{1,8}\s*[:：]")


_RULES: _Rules | None = None


def _rules() -> _Rules:
    global _RULES
    if _RULES is None:
        _RULES = _Rules()
    return _RULES


def _is_paragraph(line: _Line) -> bool:
    t = line.text
    return (len(t) >= 25 and bool(_SENTENCE_PUNCT.search(t))) or (len(t) >= 8 and t[-1] in "。！？!?")


def _is_strong_paragraph(line: _Line) -> bool:
    return len(line.text) >= 40 and bool(_STRONG_PARAGRAPH.search(line.text))


def _is_header(line: _Line) -> bool:
    r = _rules()
    if r.footer.match(line.text):  # a line opening like a footer (资料来源:) is not a header
        return False
    if r.bare.search(line.text):
        return True
    # A labelled header is short metadata, not a sentence that happens to say 来源:
    return bool(r.labelled.search(line.text)) and not _is_strong_paragraph(line)


def _date(m: re.Match) -> dt.date | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def _valid_source(src: str | None) -> str | None:
    # An outlet has a Chinese name; "sp20241115" or "SUCAI198.COM" are site codes.
    if src and _CJK.search(src):
        return src.strip(" -—|")
    return None


def _nav_like(line: _Line) -> bool:
    """Short chrome such as '文化交流 资源共享' or '关闭'."""
    t = line.text
    if _rules().chrome.search(t):
        return True
    if _SENTENCE_PUNCT.search(t) or _rules().credit.search(t):
        return False
    tokens = t.split()
    return len(t) <= 4 or (len(t) <= 24 and len(tokens) >= 2 and all(_NAV_WORD.match(x) for x in tokens))


def _in_credits(lines: list[_Line], k: int, body_i: int) -> bool:
    """Is line k inside a credit block: after a credit line, through `X:` lines only?"""
    r = _rules()
    if r.credit.search(lines[k].text):
        return True
    for j in range(k - 1, body_i - 1, -1):
        t = lines[j].text
        if not t:
            continue
        if r.credit.search(t):
            return True
        if not r.credit_like.match(t):
            return False
    return False


@dataclass
class _Page:
    """What parse_header knows of a page so far, phase by phase."""

    text: str
    lines: list[_Line]
    header_i: int | None = None     # the header line (source / time), if any
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    body_i: int = 0                 # the first line of the body
    repeated_title: str | None = None  # a title line the body skip passes over

    @property
    def n(self) -> int:
        return len(self.lines)


def parse_header(text: str) -> Header:
    """Title, outlet, publication date and body range of one page, in four phases:
    the header line, the title, where the body starts, where it ends."""
    page = _Page(text, _lines(text))
    page.header_i = _header_line(page.lines)
    page.title = _original_title(page)
    if page.header_i is not None:
        _read_header(page)
    _body_start(page)
    last = _body_last_line(page)
    lines, body_i = page.lines, page.body_i
    body_start = lines[body_i].start if body_i < page.n else 0
    body_end = lines[last].end if body_i < page.n and last >= body_i else body_start
    return Header(title=page.title, source=page.source, published=page.published,
                  body_start=body_start, body_end=max(body_end, body_start))


def _header_line(lines: list[_Line]) -> int | None:
    """The header line (source / time), if any, before the first real paragraph."""
    for i, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        if line.blank:
            continue
        if _is_header(line):
            return i
        if _is_strong_paragraph(line) and not _rules().chrome.search(line.text):
            return None
    return None


def _original_title(page: _Page) -> str | None:
    """A title the page labels as such (原标题 …), above the header line or near the top."""
    above = page.header_i if page.header_i is not None else min(page.n, 10)
    for line in page.lines[:above]:
        if m := _rules().original_title.search(line.text):
            return m.group("title")
    return None


def _read_header(page: _Page) -> None:
    """Date and outlet from the header, which may run over two lines (时间:… / 来源:…); the
    title, when none was labelled, is the line just above it. The body starts after it."""
    r, lines, j = _rules(), page.lines, page.header_i
    while j < page.n and (j == page.header_i or (not lines[j].blank and _is_header(lines[j]))):
        t = lines[j].text
        if page.published is None and (m := r.published.search(t)):
            page.published = _date(m)
        if page.source is None and (m := r.source.search(t)):
            page.source = _valid_source(m.group("src"))
        if page.source is None and (m := r.bare.search(t)):
            page.source = _valid_source(m.group("src_after") or m.group("src_before"))
        j += 1
    if page.title is None:
        for k in range(page.header_i - 1, -1, -1):
            cand = lines[k]
            if cand.blank:
                continue
            if not r.chrome.search(cand.text) and len(cand.text) <= 100:
                page.title = cand.text
            break
    page.body_i = j
    page.repeated_title = page.title


def _body_start(page: _Page) -> None:
    """Skip what still precedes the article: chrome, bylines, repeated titles, headline-like
    short lines (only when no header told us where the page starts). Then the dateline of
    the first paragraph names the outlet."""
    r, lines = _rules(), page.lines
    headlines: list[_Line] = []
    while page.body_i < page.n:
        line = lines[page.body_i]
        t = line.text
        if line.blank or r.original_title.search(t) or _is_header(line):
            pass
        elif r.chrome.search(t) and not _is_strong_paragraph(line):
            pass  # page chrome (a sentence that merely mentions 打印 or 首页 is article text)
        elif m := r.byline.search(t):
            page.source = page.source or _valid_source(m.group("src"))
        elif page.repeated_title and t == page.repeated_title:
            pass
        elif r.dateline.search(t) or "编者按" in t or "編者按" in t or _is_paragraph(line):
            break
        elif page.header_i is None and len(t) <= 60:
            headlines.append(line)
        else:
            break
        page.body_i += 1
    if page.body_i >= page.n:  # nothing looked like an article: keep the whole text rather than nothing
        page.body_i = next((i for i, ln in enumerate(lines) if not ln.blank), 0)
        headlines = []
    if page.title is None and headlines:
        # A headline repeated on the page is the title; else the block just before the body.
        texts = [ln.text for ln in headlines]
        repeated = [t for t in texts if texts.count(t) > 1]
        page.title = repeated[0] if repeated else "".join(texts[-2:]) if len(texts) <= 2 else texts[-1]
    first = lines[page.body_i] if page.body_i < page.n else None
    if first is not None and (m := r.dateline.search(first.text)):
        page.source = page.source or _valid_source(m.group("src"))


def _body_last_line(page: _Page) -> int:
    """The last line of the body: before the first footer marker after the body starts, then
    trailing chrome trimmed. A marker inside the article's own credit block (策划:… 编辑:…
    审核:…) is not a footer."""
    lines, body_i, end_i = page.lines, page.body_i, page.n
    if body_i < page.n:
        starts = [ln.start for ln in lines]
        for m in _rules().footer_lines.finditer(page.text, lines[body_i].start):
            k = max(bisect_right(starts, max(m.end() - 1, m.start())) - 1, body_i)
            if not _in_credits(lines, k, body_i):
                end_i = k
                break
    last = end_i - 1
    while last > body_i and (lines[last].blank or _nav_like(lines[last])):
        last -= 1
    return last
