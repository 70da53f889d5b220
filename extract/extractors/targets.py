"""Targets: quantified commitments about the future (GUIDELINES §4).

Design (clause based):
1. `find` yields *figures*: a number with its unit, a percentage, a doubling, a money
   magnitude (rules in rules/targets.yaml). Money records of the money extractor that no
   rule covers are added as figures too (`targets.money_record`).
2. The body is read paragraph by paragraph (line breaks), sentence by sentence, clause by
   clause (，、；：。 …). A figure is a target when a modality word governs it: in its own
   clause, in an earlier clause of the same sentence, in an earlier target sentence of the
   same paragraph (carry-over), or a heading/lead introducing a target list
   (`主要预期目标`, `目标包括`). A future `到2030年` alone also counts (modality `到`).
3. Vetoes: past markers in the figure's clause (已, 同比, 去年 …), a past year, a section
   under a past-results heading (`2024年成绩单`), scope counts (`六个方面`, `聚焦…4条`,
   `…等5个`), code parts (`“7”就是…7个`, a code's expansion), the indefinite `一个`,
   threshold modifiers (`过百亿元的特色园区` next to the real count).
4. Fields come from the clause (metric, comparator), the sentence/paragraph/heading
   (deadline, subject) and the document (region for 我市/全省, the speaker's organisation).

`resolve(span, ctx)` answers for one figure span (None = not a target); `extract` runs the
whole document once. POS tags (jieba's dictionary, extract.lexicon) are read only for the short
text before a modality word.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from decimal import Decimal
from functools import lru_cache

from extract import lexicon, rulebook

from extract.numerals import parse_number as _parse_number
from extract.spans import Span
from extract.extractors import NO_DEPS, Deps, Extractor, get, register

TABLE = "targets"

# ---------------------------------------------------------------------------------------
# Rule data (loaded once per process)


class _Data:
    def __init__(self):
        rf = rulebook.load(TABLE)
        self.rules = [r for r in rf.rules if r.id != "targets.money_record"]
        w = rf.words
        alt = rulebook.alternation
        self.units = dict(w["targets_units"])
        self.cn_units = set(w["targets_cn_units"])
        self.modality_rx = rulebook.compile(alt(w["targets_not_modality"]) + "|(?P<m>" + alt(w["targets_modality"]) + ")")
        self.cmp_words = {}
        for key, sym in (("targets_cmp_about", "~"), ("targets_cmp_le", "<="),
                         ("targets_cmp_gt", ">"), ("targets_cmp_ge", ">=")):
            for word in w[key]:
                self.cmp_words.setdefault(word, sym)
        self.cmp_end_rx = rulebook.compile("(?:" + alt(self.cmp_words) + r")\s*$")
        self.past_rx = rulebook.compile(alt(w["targets_past"]))
        self.classifiers = frozenset(w["targets_count_classifiers"])
        self.qualitative_rx = rulebook.compile(alt(w["targets_qualitative_adverbs"])
                                               + alt(w["targets_qualitative_verbs"]))
        self.scope_after_rx = rulebook.compile(r"\s*(?:左右|以上)?\s*" + alt(w["targets_scope_after"]))
        self.scope_before_rx = rulebook.compile(alt(w["targets_scope_before"]))
        self.grant_rx = rulebook.compile(alt(w["targets_grant_words"]))
        self.allocation_rx = rulebook.compile(alt(w["targets_allocation_words"]))
        self.condition_rx = rulebook.compile(r"[\s\u3000]*" + alt(w["targets_condition_openers"]))
        self.per_item_rx = rulebook.compile(alt(w["targets_per_item"]))
        self.list_heading_rx = rulebook.compile(alt(w["targets_list_heading"]))
        self.past_heading_rx = rulebook.compile(alt(w["targets_past_heading"]))
        titles = alt(w["targets_titles"])
        # A speaker match holds a title starting 2 to _ORG_MAX characters after the match
        # start: where titles_rx finds none, speaker_rx cannot match (see _speaker_matches).
        self.titles_rx = rulebook.compile(titles)
        self.speaker_rx = rulebook.compile(
            r"(?P<org>[\u4e00-\u9fffA-Za-z0-9]{2,%d}?)" % _ORG_MAX + titles + r"(?:、[\u4e00-\u9fff]{0,8}?" + titles + r")*"
            r"[\u4e00-\u9fff·]{2,4}" + alt(w["targets_speech"]))
        self.period_stat_rx = rulebook.compile(rf.data["targets_period_stats"])
        self.speech_rx = rulebook.compile(alt(w["targets_speech"]))
        self.self_region_rx = rulebook.compile(alt(w["targets_self_region"]))
        self.country = dict(w["targets_country"])
        regions = list(w["targets_regions"])
        self.region_rx = rulebook.compile(alt(regions + list(self.country)) + r"(?:省|市|区|區|县|縣|自治区)?")
        self.org_rx = rulebook.compile(r"(?:[\u4e00-\u9fffA-Za-z0-9]{1,12}?)" + alt(w["targets_org_suffix"]))


_ORG_MAX = 20  # the longest organisation name before a speaker's title


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data()


# ---------------------------------------------------------------------------------------
# Text helpers

_CLAUSE_SEP = re.compile(r"[，,；;：:。！？!?\n]")
_TRIM = " \t\r\n\u3000\u00a0●•◆◇▪▶►■□○◎·*-—"
# rulebook.compile: its first-character lookahead makes the scan 4x faster (same matches)
_YEAR_RX = rulebook.compile(r"(?:(?P<to>到|至|截至|截止到?)\s*)?(?P<y>(?:19|20)[0-9]{2}|二[〇○零][一二三四五六七八九〇○零]{2})"
                      r"(?:\s*[-—–至到]\s*(?P<y2>(?:19|20)[0-9]{2}))?\s*年(?P<suffix>底|末|前|内|內)?")
_REL_YEAR_RX = re.compile(r"今年|全年|年底|年内|年內|本年度|明年|后年")
_PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_FIGURE_HINT = re.compile(r"[0-9０-９]")
_ENUM_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[■□【]|第[一二三四五六七八九十]+[部分章节])")
_BULLET = re.compile(r"^[\s\u3000]*(?:[●•◆◇▪▶►·\-]|——)")  # —— opens list items in work reports
_CONDITION_TAIL = re.compile(r"[ \u3000]*(?:以上|以下|及以上)?的")
_SUBJ_STRIP = re.compile(r"^(?:省委|市委|区委|县委|省政府|市政府|区政府)$")
_METRIC_LEFT = re.compile(
    r"^(?:[\s、，,]|以及|及|并|同时|其中|此外|另外|在|使|让|推动|推进|促进|带动|确保|实现|努力|力争|力爭|计划|計劃|"
    r"目标包括|目标是|目标为|目标|目標|包括|包含|主要有|预计|預計|争取|爭取|拟|擬|将|將|要|规划|規劃|安排|合计|合計)+")
_METRIC_RIGHT = re.compile(
    r"(?:[\s、，,]|分别|分別|达到|達到|达|達|突破|超过|超過|超|迈上|邁上|迈入|邁入|迈向|邁向|接近|将近|近|约|約|大约|"
    r"为|為|按|到|至|保持在|控制在|稳定在|保持|继续|繼續|力争|力爭|拟|擬|将|將|要|目标|目標|过|過|不低于|不超过|至少|逾|跃上)+$")
_QUOTED_CODE = re.compile(r"[“\"「『‘]\s*([0-9][0-9+＋×xX·NM ]*[0-9XNM])\s*[”\"」』’]")
_YEAR_CN = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
# Patterns of the hot functions below, compiled once (a module-level re.search(str, …)
# pays a cache lookup per call).
_CLEAN_RX = re.compile(r"[\s\u3000\u00a0●•◆◇▪▶►■□○◎]+")
_SCALE_END = re.compile(r"[万萬亿億]+$")
_SCALE = re.compile(r"[万萬亿億]")
_SENT_END = re.compile(r"[。！？；]")
_PAST_REL = re.compile(r"(?<![比较較於于])(?:去年|上年|前年)(?!同期)")
_RESPECTIVELY = re.compile(r"分别|分別|依次")
_ETC_END = re.compile(r"等\s*$")
_CLOSE_QUOTE = re.compile(r"[”\"」』]")
_THRESHOLD_OF = re.compile(r"\s*(?:以上|以下)?的")
_CLASS_LABEL = re.compile(r"\s*[级級]")
_DURATION = re.compile(r"\s*(?:月|年|小时|工作日)")
_CODE_SPLIT = re.compile(r"[+＋×xX·NMnm\s]+")
_CODE_IS = re.compile(r"[“\"「『‘][^”\"」』’]{1,12}[”\"」』’]\s*(?:就是|即|是指|指的是|分别是|包括)")
_CONTROL_AT = re.compile(r"控制在[^，,。；]*$")
_PAIR_SEP = re.compile(r"[、和及与與]")
_HEAD_TIME = re.compile(r"^(?:今年|明年|全年内|年内|年底|当前|目前)")
_TIME_WORDS = re.compile(r"今年|明年|全年内|年内|年底")
_AFTER_LEAD = re.compile(r"^(?:左右|以上|多|余)?(?:的)?")
_AFTER_TAIL = re.compile(r"(?:的)?(?:目标|目標)$")
_NOT_REGION_NEXT = re.compile(r"人大|政协|政協|两会|兩會|劳模|勞模")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]+")
_PARTY_ORG = re.compile(r"(.+?)(?:省委|市委|区委|區委|县委|縣委|党委|黨委)")


# The same surfaces (2030, 5%) recur across figures; a Decimal is immutable, so share it.
parse_number = lru_cache(maxsize=1 << 14)(_parse_number)


def _year_value(s: str) -> int:
    return int(s.translate(_YEAR_CN))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    for lead in ("以及", "并且"):
        if text.startswith(lead, s) and e - s > len(lead) + 2:
            s += len(lead)
    for tail in ("的目标", "的目標", "等目标"):
        if text.endswith(tail, s, e) and e - s > len(tail) + 2:
            e -= len(tail)
    return s, e


def _clean(s: str) -> str:
    return _CLEAN_RX.sub("", _PINYIN.sub("", s))


# ---------------------------------------------------------------------------------------
# find: figures


def _cmp_of_post(post: str | None, more: str | None) -> str | None:
    post = (post or "").strip()
    if post == "左右":
        return "~"
    if post in ("以下", "以内", "以內"):
        return "<="
    if post == "多" or more:
        return ">"
    if post == "以上":
        return ">="
    return None


def _figure_value(rule_id: str, g: dict) -> tuple[Decimal, str, bool] | None:
    """(value, unit, written in Chinese numerals) of a figure match, None if not a number."""
    d = _data()
    if rule_id == "targets.figure":
        num = g["num"]
        value = parse_number(num)
        if value is None:
            return None
        unit = d.units[g["unit"]]
        lo = g.get("lo")
        if lo:
            lo_value = parse_number(lo)
            if lo_value is not None:
                # "300-500家", "1万-2万元": the lower bound; a bare lower figure takes the scale
                # of the upper one (5-6万人).
                scale = _SCALE_END.search(num.strip())
                if scale and not _SCALE.search(lo):
                    lo_value = parse_number(lo + scale.group(0)) or lo_value
                value = lo_value
        cn = not _FIGURE_HINT.search(num)
        return value, unit, cn
    if rule_id == "targets.percent":
        value = parse_number(g.get("lo") or g["num"])
        return (value, "%", False) if value is not None else None
    if rule_id == "targets.percent_cn":
        raw = g["num"].replace("点", ".").replace("點", ".")
        if "." in raw:
            a, b = raw.split(".", 1)
            ia = parse_number(a)
            if ia is None or not b:
                return None
            frac = "".join(str(parse_number(c) or 0) for c in b)
            value = Decimal(f"{ia}.{frac}")
        else:
            value = parse_number(raw)
        return (value, "%", True) if value is not None else None
    if rule_id == "targets.fraction":
        den, num = parse_number(g["den"]), parse_number(g["num"])
        if not den or num is None:
            return None
        return (num * 100 / den).quantize(Decimal("0.01")), "%", False
    if rule_id == "targets.double":
        times = {"一": 1, "两": 2, "兩": 2, "二": 2, "三": 3}.get(g.get("times") or "一", 1)
        return Decimal(2 ** times), "倍", False
    if rule_id == "targets.magnitude":
        return parse_number("1" + g["mag"]), "元", False
    return None


def _find(ctx) -> list[Span]:
    """Figures in the body (number + unit, %, 翻番, money magnitudes), overlaps resolved."""
    spans = []
    d = _data()
    text, bs, be = ctx.text, ctx.body_start, ctx.body_end
    for rule in d.rules:
        for m in rule.scanner.finditer(text, bs, be):
            # what a figure reads from its groups, worked out once per distinct groups
            key = (rule.id, m.groups())
            got = _FIGURES.get(key)
            if got is None:
                got = _FIGURES[key] = _figure_fields(rule.id, m, d) or ()
            if not got:
                continue
            value, unit, cn, cmp, num, has_num, verb = got
            start = m.start("verb") + len(verb) if verb is not None else m.start()
            spans.append(Span(rule.id, start, m.end(), {
                "value": value, "unit": unit, "cn": cn, "cmp": cmp, "num": num,
                "num_start": m.start("num") if has_num else start}))
    if len(_FIGURES) > 50_000:
        _FIGURES.clear()
    return _non_overlapping(spans)


_FIGURES: dict = {}  # (rule id, match groups) -> _figure_fields(…) or () when not a figure


def _figure_fields(rule_id, m, d):
    """(value, unit, cn, comparator, num, has a num group, magnitude verb) of a match,
    None when it is not a number. Depends on the match's groups only."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    got = _figure_value(rule_id, g)
    if got is None:
        return None
    value, unit, cn = got
    cmp = _cmp_of_post(g.get("post"), g.get("more"))
    if g.get("lo"):
        cmp = ">="
    verb = None
    if rule_id == "targets.magnitude":
        verb = g["verb"]
        cmp = d.cmp_words.get(verb, ">=")
    return value, unit, cn, cmp, g.get("num") or g.get("mag"), "num" in g, verb


def _non_overlapping(spans: list[Span]) -> list[Span]:
    """The policy of extract.spans.resolve_overlaps (longest wins, then leftmost, then rule
    id) in O(n·len) for short figure spans."""
    taken: set[int] = set()
    chosen = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.rule)):
        cells = range(s.start, s.end)
        if taken.isdisjoint(cells):
            taken.update(cells)
            chosen.append(s)
    return sorted(chosen, key=lambda s: (s.start, s.end))


def _money_spans(ctx, money, figures) -> list[Span]:
    """Money records no figure covers (e.g. 突破万亿 in a money context)."""
    qual_cmp = {"exact": None, "over": ">", "at_least": ">=", "about": "~", "more_than": ">",
                "up_to": "<=", "range": ">=", "magnitude": None}
    out = []
    for rec in money or []:
        s, e = rec["start"], rec["end"]
        if not ctx.in_body(s, e) or any(f.start < e and s < f.end for f in figures):
            continue
        if rec.get("currency", "CNY") != "CNY":
            continue
        out.append(Span("targets.money_record", s, e, {
            "value": Decimal(str(rec["value"])), "unit": "元", "cn": False,
            "cmp": qual_cmp.get(str(rec.get("qualifier", "exact")).split(".")[-1]), "num": rec["surface"],
            "num_start": s, "money_record_id": rec.get("record_id")}))
    return out


# ---------------------------------------------------------------------------------------
# Document analysis


class _Doc:
    """Everything extract() works out once per document."""

    def __init__(self, ctx, money=(), dates=(), codes=()):
        self.ctx = ctx
        self.text = ctx.text
        self.d = _data()
        figures = _find(ctx)
        figures = sorted(figures + _money_spans(ctx, money, figures), key=lambda s: (s.start, s.end))
        self.figures = figures
        self.money = list(money or [])
        self.codes = list(codes or [])
        self.ref_year = ctx.reference_date.year if ctx.reference_date else (
            ctx.published.year if ctx.published else None)
        self.pub_year = ctx.published.year if ctx.published else None
        self._region = None
        self.records: dict[tuple[int, int, int], dict] = {}
        self._subject_cache: dict[int, str | None] = {}
        self._run()

    # -- region of the document ----------------------------------------------------------
    def region(self) -> str | None:
        if self._region is None:
            ctx = self.ctx
            name = ctx.region_city or ctx.region_province
            if name:
                self._region = _short_region(name)
            else:
                # No document region (weak or split evidence): the place named most often,
                # where 全国/我国/中国 count for 中国, so a national report is 中国's.
                counts = Counter()
                for src in (ctx.title or "", self.text[ctx.body_start:ctx.body_end]):
                    for m in self.d.region_rx.finditer(src):
                        r = _short_region(m.group(0))
                        counts[self.d.country.get(r, r)] += 1
                self._region = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else ""
        return self._region or None

    # -- paragraphs and headings ---------------------------------------------------------
    def _heading(self, s, e, has_fig):
        line = self.text[s:e].strip(" \t\r\u3000\u00a0")
        if not line or _BULLET.match(line):
            return None
        # a line ending like a list item (…基本同步;) is not a heading, whatever its length
        short = (len(line) <= 40 and not _SENT_END.search(line) and not has_fig
                 and line[-1] not in ";；,，、")
        if not (short or (_ENUM_HEAD.match(line) and not has_fig)):
            return None
        year = self._years_in(s, e)
        deadline = year[-1][0] if year else self._relative_year(s, e)
        if self.d.list_heading_rx.search(line):
            return ("target", deadline)
        if self.d.past_heading_rx.search(line) or (year and self.ref_year and year[-1][0] < self.ref_year):
            return ("past", None)
        return ("other", None)

    def _years_in(self, s, e):
        """[(year, offset, has 到)] of explicit years in text[s:e]."""
        out = []
        for m in _YEAR_RX.finditer(self.text, s, e):
            y = _year_value(m.group("y2") or m.group("y"))
            if 1900 <= y <= 2200:
                out.append((y, m.start(), bool(m.group("to"))))
        return out

    def _relative_year(self, s: int, e: int) -> int | None:
        """The year of 今年/明年 … in text[s:e] (from the publication date)."""
        if self.pub_year is None:
            return None
        m = _REL_YEAR_RX.search(self.text, s, e)
        if not m:
            return None
        return self.pub_year + {"明年": 1, "后年": 2}.get(m.group(0), 0)

    # -- the pass ------------------------------------------------------------------------
    def _run(self):
        """Paragraph by paragraph (the body's lines). What a sentence hands on (modality,
        year) stays inside its paragraph, so a paragraph without a figure can neither make
        nor pass on a target: it only matters as a heading, and a heading holds no figure.
        So only the paragraphs holding a figure are read, each under the section set by the
        last heading before it (found by reading the lines before it backwards, back to the
        previous figure paragraph)."""
        figs = self.figures
        if not figs:
            return
        self._sent_starts = [s for s, _ in self.ctx.sentence_index.spans]
        text, bs, be = self.text, self.ctx.body_start, self.ctx.body_end
        section = None  # ("target"|"past"|"other", deadline)
        lo = bs  # where the lines after the previous figure paragraph start
        i, n = 0, len(figs)
        while i < n:
            start = figs[i].start
            if text.startswith("\n", start):
                i += 1  # on a line break: in no paragraph
                continue
            k = text.rfind("\n", bs, start)
            ps = k + 1 if k >= 0 else bs
            pe = text.find("\n", start, be)
            if pe < 0:
                pe = be
            j = i + 1
            while j < n and figs[j].start < pe:
                j += 1
            section = self._section_before(lo, ps, section)
            self._paragraph(ps, pe, figs[i:j], section)
            lo, i = pe + 1, j

    def _section_before(self, lo, ps, section):
        """The section in force at paragraph ps: the last heading among the lines in
        [lo, ps), else `section`."""
        text = self.text
        e = ps - 1  # the line break ending the line before ps
        while e >= lo:
            k = text.rfind("\n", lo, e)
            s = k + 1 if k >= 0 else lo
            head = self._heading(s, e, False)
            if head is not None:
                return head
            e = s - 1
        return section

    def _paragraph(self, ps, pe, figs, section):
        chain = None  # (modality, deadline, subject) carried from an earlier target sentence
        para_year = None
        spans = self.ctx.sentence_index.spans
        i = bisect_right(self._sent_starts, ps) - 1
        i = max(i, 0)
        last = figs[-1].start
        todo = []
        while i < len(spans) and spans[i][0] < pe:
            ss, se = spans[i]
            i += 1
            if se <= ps:
                continue
            if ss > last:
                break  # nothing after the last figure can change a target
            todo.append((ss, se, [f for f in figs if ss <= f.start < se]))
        for k, (ss, se, sfigs) in enumerate(todo):
            if sfigs:
                chain, para_year = self._sentence(ss, se, sfigs, section, chain, para_year)
            else:
                # the chain a sentence without a figure hands on only reaches the next
                # sentence, so it is only worked out when that one holds a figure
                feeds = k + 1 < len(todo) and bool(todo[k + 1][2])
                chain, para_year = self._lead(ss, se, section, para_year, feeds)

    def _clauses(self, ss, se):
        out, pos = [], ss
        for m in _CLAUSE_SEP.finditer(self.text, ss, se):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if se > pos:
            out.append((pos, se))
        return out

    def _modality(self, s, e):
        for m in self.d.modality_rx.finditer(self.text, s, e):
            if m.group("m"):
                return m.group("m"), m.start()
        return None

    def _lead(self, ss, se, section, para_year, feeds):
        """A sentence without a figure: only what it hands on (a lead with a modality and
        a year, or nothing; the chain only when `feeds`, the next sentence has a figure)."""
        years = [y for y in self._years_in(ss, se) if self.ref_year is None or y[0] >= self.ref_year]
        rel_year = None if years or (para_year and not feeds) else self._relative_year(ss, se)
        if years:
            para_year = years[-1][0]
        elif rel_year:
            para_year = para_year or rel_year
        if not feeds:
            return None, para_year
        mod = self._modality(ss, se)
        if mod is None:
            return None, para_year
        text = self.text
        if (section is None or section[0] != "past") \
                and (years or text.find("目标", ss, se) >= 0 or text.find("目標", ss, se) >= 0) \
                and not self._past_in(ss, se):
            return (mod[0], years[-1][0] if years else rel_year, None), para_year
        return None, para_year

    def _sentence(self, ss, se, sfigs, section, chain, para_year):
        text, d = self.text, self.d
        sent = text[ss:se]
        years = self._years_in(ss, se)
        future_years = [y for y in years if self.ref_year is None or y[0] >= self.ref_year]
        mods = [(m.group("m"), m.start()) for m in d.modality_rx.finditer(text, ss, se) if m.group("m")]
        if not mods and chain is None and (section is None or section[0] != "target") \
                and not any(y[2] for y in future_years):
            # no clause can find a modality (own, sentence, section, chain or 到+year):
            # no target, nothing handed on but the year
            if future_years:
                para_year = future_years[-1][0]
            elif not para_year:
                para_year = self._relative_year(ss, se)
            return None, para_year
        past_year = bool(years) and not future_years
        sent_past = past_year or (section is not None and section[0] == "past") \
            or bool(d.past_heading_rx.search(sent))
        # a future year said with 到/至, or a known future year, survives a past context
        if sent_past and (any(y[2] for y in future_years) or (self.ref_year and future_years)):
            sent_past = False
        sent_marked = None  # self._past_in(ss, se), when needed
        rel_year = self._relative_year(ss, se)
        clauses = self._clauses(ss, se)
        sent_mod = None
        produced = False
        subject_hint = None
        for cs, ce in clauses:
            own = next((m for m in mods if cs <= m[1] < ce), None)
            if own:
                sent_mod = sent_mod or own
            if sfigs[-1].start < cs or sfigs[0].start >= ce:
                continue
            clause_figs = [f for f in sfigs if cs <= f.start < ce]
            if not clause_figs:
                continue
            mod = own or sent_mod
            mod_word = mod[0] if mod else None
            if mod_word is None and section is not None and section[0] == "target":
                mod_word = "目标"
            if mod_word is None and chain is not None and not sent_past:
                if sent_marked is None:
                    sent_marked = self._past_in(ss, se)
                if not sent_marked and not d.period_stat_rx.search(text, ss, se):
                    mod_word = chain[0]
            to_years = [y for y in future_years if y[2] and y[1] < clause_figs[-1].start]
            if mod_word is None and to_years:
                mod_word = "到"
            if mod_word is None:
                continue
            if self._past_in(cs, ce):
                continue
            # the time said last before the figure decides: 2023年…增长6.1%，今年力争…
            when = self._time_before(ss, clause_figs[0].start)
            if when == "past" or (when is None and sent_past):
                continue
            if mod_word in ("预计", "預計", "预期", "預期") and sent_past:
                continue
            # deadline
            deadline = self._deadline(years, future_years, clause_figs[0].start, rel_year, chain, section, para_year)
            for rec in self._clause_targets(cs, ce, clause_figs, mod_word, deadline, ss, se, chain):
                produced = True
                subject_hint = rec["subject"]
                self.records[(rec["start"], rec["end"], id(rec))] = rec
        if future_years:
            para_year = future_years[-1][0]
        elif rel_year:
            para_year = para_year or rel_year
        if produced:
            chain = (sent_mod[0] if sent_mod else (chain[0] if chain else "目标"),
                     future_years[-1][0] if future_years else (rel_year or (chain[1] if chain else None)),
                     subject_hint)
        elif sent_mod and not sent_past and (future_years or "目标" in sent or "目標" in sent):
            chain = (sent_mod[0], future_years[-1][0] if future_years else rel_year, None)
        else:
            chain = None
        return chain, para_year

    def _past_in(self, s, e) -> bool:
        for m in self.d.past_rx.finditer(self.text, s, e):
            if m.group(0) in ("去年", "上年同期", "前年") and self.text[m.start() - 1:m.start()] in ("比", "较", "較", "于", "於"):
                continue  # 比去年增长10%: a comparison base, not a past result
            return True
        return False

    def _time_before(self, ss, pos):
        """'past' | 'future' for the last time expression before pos in the sentence, or None."""
        best = None
        for m in _YEAR_RX.finditer(self.text, ss, pos):
            y = _year_value(m.group("y2") or m.group("y"))
            past = self.ref_year is not None and y < self.ref_year and not m.group("to")
            best = (m.start(), "past" if past else "future")
        for m in _REL_YEAR_RX.finditer(self.text, ss, pos):
            if best is None or m.start() > best[0]:
                best = (m.start(), "future")
        for m in _PAST_REL.finditer(self.text[ss:pos]):
            if best is None or ss + m.start() > best[0]:
                best = (ss + m.start(), "past")
        return best[1] if best else None

    def _deadline(self, years, future_years, fig_start, rel_year, chain, section, para_year):
        before = [y for y in future_years if y[1] < fig_start]
        to_before = [y for y in before if y[2]]
        if to_before:
            return to_before[-1][0]
        if before:
            return before[-1][0]
        if future_years:
            return future_years[0][0]
        if rel_year:
            return rel_year
        if chain is not None and chain[1]:
            return chain[1]
        if section is not None and section[0] == "target" and section[1]:
            return section[1]
        return para_year

    # -- one clause ----------------------------------------------------------------------
    def _pieces(self, cs, ce, figs):
        """Split a clause at 、 into pieces; a piece without a figure joins the next one.
        A clause with 分别 stays whole."""
        text = self.text
        if _RESPECTIVELY.search(text, cs, ce):
            return [(cs, ce, figs)]
        cuts = [m.start() for m in re.finditer(r"[、]", text[cs:ce])]
        bounds, pos = [], cs
        for c in cuts:
            bounds.append((pos, cs + c))
            pos = cs + c + 1
        bounds.append((pos, ce))
        pieces, pending = [], None
        for s, e in bounds:
            pf = [f for f in figs if s <= f.start < e]
            if pending is not None:
                s = pending
            if not pf:
                pending = s
                continue
            pending = None
            pieces.append([s, e, pf])
        if pending is not None and pieces:
            pieces[-1][1] = ce
        return [tuple(p) for p in pieces]

    def _clause_targets(self, cs, ce, figs, mod_word, deadline, ss, se, chain):
        text, d = self.text, self.d
        out = []
        for ps_, pe_, pfigs in self._pieces(cs, ce, figs):
            keep = [f for f in pfigs if self._figure_ok(f, ps_, pe_, cs, ss, se, pfigs)]
            if not keep:
                continue
            metrics = self._paired_metrics(ps_, pe_, keep)
            prev_cmp = None
            for i, f in enumerate(keep):
                s = ps_ if i == 0 else keep[i - 1].end
                e = pe_ if i == len(keep) - 1 else f.end
                s, e = _trim(text, s, e)
                if f.start < s or f.end > e:
                    s, e = min(s, f.start), max(e, f.end)
                    s, e = _trim(text, s, e)
                if s >= e:
                    continue
                pre = text[(keep[i - 1].end if i else ps_):f.start]
                cmp = self._comparator(f, pre, prev_cmp)
                prev_cmp = cmp
                subject = self._subject(ss, se, f.start, chain)
                self._subject_cache[f.start] = subject
                metric = metrics[i] if metrics else self._metric(f, ps_ if i == 0 else keep[i - 1].end, pe_, ss)
                out.append({
                    "start": s, "end": e, "surface": text[s:e], "rule": f.rule,
                    "subject": subject,
                    "metric": metric or None,
                    "value": f.groups["value"], "unit": f.groups["unit"], "comparator": cmp,
                    "deadline": deadline, "modality": mod_word,
                    "money_record_id": self._money_id(f),
                    "code": self._code(cs, ce),
                })
        return out

    def _figure_ok(self, f, ps_, pe_, cs, ss, se, pfigs) -> bool:
        text, d, g = self.text, self.d, f.groups
        value = g["value"]
        if g.get("cn"):
            # 一个企业 / 一批: an article, not a count; small Chinese counts need a safe unit.
            if value == 1:
                return False
            if g["num"] and g["num"][-1:] not in "万萬亿億" and f.rule == "targets.figure":
                unit_raw = text[f.start:f.end]
                if not any(u in unit_raw for u in d.cn_units):
                    return False
        after = text[f.end:min(pe_, f.end + 12)]
        before = text[ps_:f.start]
        # scope of work: 六个方面, 三项重点工作
        if f.groups["unit"] in self.d.classifiers and d.scope_after_rx.match(text, f.end, pe_):
            return False
        if _ETC_END.search(before):
            return False
        for m in d.scope_before_rx.finditer(text, cs, f.start):
            if text[m.end():m.end() + 1] in ("率", "面", "度"):
                continue  # 覆盖率: a noun, not a scope verb
            lead = d.list_heading_rx.search(text, max(cs, m.start() - 4), m.end())
            if not (lead and lead.end() >= m.end()):
                return False
        # a code's parts: “7”就是打造7个…, or inside a code expansion
        if self._code_part(f, ss, se):
            return False
        # inside a short quoted name: “三项改革”
        q = max(text.rfind(c, ss, f.start) for c in "“\"「『")
        if q >= 0:
            close = min((i for i in (text.find(c, f.end, se) for c in "”\"」』") if i >= 0), default=-1)
            if close >= 0 and close - q <= 12 and not _CLOSE_QUOTE.search(text, q + 1, f.start):
                return False
        # a count qualifying the subject of a qualitative predicate:
        # 8 条产业链现代化水平全面提升
        if f.groups["unit"] in self.d.classifiers and d.qualitative_rx.search(text, f.end, pe_):
            return False
        # a threshold modifier of a noun (过百亿元的特色园区) next to the real count
        if len(pfigs) > 1 and _THRESHOLD_OF.match(after):
            others = [o for o in pfigs if o is not f and not _THRESHOLD_OF.match(text[o.end:o.end + 4])]
            if others:
                return False
        # grant terms (给予最高1000万元奖补, 补贴不超过2000万元): parameters of a policy, unless
        # the clause allocates the money (安排补贴资金10亿元)
        m = _CLAUSE_SEP.search(text, f.end, pe_)
        ce = m.start() if m else pe_
        if d.grant_rx.search(text, cs, ce) and not d.allocation_rx.search(text, cs, f.start):
            return False
        # a figure per item: 单个项目最高不超过1000万元
        if d.per_item_rx.search(text, cs, f.start):
            return False
        # eligibility: 对技改设备投资额在500万元以上的项目 (… 给予补助)
        if d.condition_rx.match(text, cs) and _CONDITION_TAIL.match(text, f.end, ce):
            return False
        # 2000亿级 / 5000 亿级产业: a class label (the figure rule cannot end there, but a
        # money record might)
        if _CLASS_LABEL.match(after):
            return False
        # a year or a duration read as a count
        if f.groups["unit"] in ("个", "种") and _DURATION.match(after):
            return False
        return True

    def _code_part(self, f, ss, se) -> bool:
        text = self.text
        sent = text[ss:se]
        # a count whose number is a digit of a numeric code named before it in the sentence
        # (“4+4+X”产业体系(… 4 个新兴产业 …)), when the count is not a level to reach
        if f.groups["unit"] in self.d.classifiers and not self.d.cmp_end_rx.search(_clean(text[max(ss, f.start - 4):f.start])):
            num = f.groups.get("num") or ""
            for m in _QUOTED_CODE.finditer(text, ss, f.start):
                parts = _CODE_SPLIT.split(m.group(1))
                if num.strip() in parts or (len(parts) == 1 and num.strip() in parts[0]):
                    return True
        if _CODE_IS.search(text[ss:f.start]):
            return True
        for c in self.codes:
            for item in c.get("expansion") or []:
                i = sent.find(item)
                if i >= 0 and ss + i <= f.start < ss + i + len(item):
                    return True
        return False

    def _comparator(self, f, pre, prev_cmp):
        d = self.d
        own = f.groups.get("cmp")
        pre = _PINYIN.sub("", pre)
        if own == "~":
            return "~"
        m = d.cmp_end_rx.search(pre)
        word = m.group(0).strip() if m else None
        verb = d.cmp_words.get(word) if word else None
        if verb == "~":
            return "~"
        if own:
            return own
        if verb:
            return verb
        if prev_cmp and pre.strip() in ("、", "", "和", "及"):
            return prev_cmp
        if _CONTROL_AT.search(pre) and f.groups.get("cmp") == "<=":
            return "<="
        return "="

    def _paired_metrics(self, ps_, pe_, figs):
        """产量、面积分别达到50万吨、20万亩 → [产量, 面积]."""
        if len(figs) < 2:
            return None
        text = self.text
        m = _RESPECTIVELY.search(text[ps_:figs[0].start])
        if not m:
            return None
        head = text[ps_:ps_ + m.start()]
        head = _METRIC_LEFT.sub("", _clean(head))
        parts = [p for p in _PAIR_SEP.split(head) if p]
        if len(parts) != len(figs):
            return None
        return [_METRIC_RIGHT.sub("", _METRIC_LEFT.sub("", p)) or None for p in parts]

    def _metric(self, f, s, e, ss):
        text = self.text
        before = _clean(text[s:f.start])
        subj = self._subject_cache.get(f.start)
        for m in self.d.modality_rx.finditer(before):
            if m.group("m"):
                # 长安汽车计划在…投入 / 全市GDP预期增长: drop the subject and the modality word
                head = before[:m.start()]
                if subj and head.startswith(subj):
                    head = head[len(subj):]
                head = _YEAR_RX.sub("", head)
                head = _HEAD_TIME.sub("", head)
                head = self.d.self_region_rx.sub("", head) if self.d.self_region_rx.match(head) else head
                m2 = self.d.region_rx.match(head)
                if m2 and len(head) > m2.end():
                    head = head[m2.end():]
                elif m2:
                    head = ""
                head = "" if self.d.org_rx.fullmatch(head) else head
                before = head + before[m.end():]
                break
        subj = self._clause_subject_prefix(s, f.start)
        if subj and before.startswith(subj):
            before = before[len(subj):]
        before = _YEAR_RX.sub("", before)
        before = _TIME_WORDS.sub("", before) if not before.startswith("全年") else before
        prev = None
        while prev != before:
            prev = before
            before = _METRIC_LEFT.sub("", before)
            before = _METRIC_RIGHT.sub("", before)
            before = self.d.region_rx.sub("", before, count=1) if self.d.region_rx.match(before) and len(before) > 4 else before
            before = self.d.self_region_rx.sub("", before, count=1) if self.d.self_region_rx.match(before) else before
        after = _clean(text[f.end:e])
        after = _AFTER_LEAD.sub("", after)
        after = _AFTER_TAIL.sub("", after)
        if f.groups["unit"] in self.d.classifiers and len(after) >= 2:
            if len(after) > 12 and "的" in after:
                after = after.rsplit("的", 1)[1]
            return after or before
        if len(before) <= 2 and len(after) >= 2 and not self.d.cmp_end_rx.search(after):
            return before + after  # 新增1万余人的科技创新团队 → 新增科技创新团队
        return before or after or None

    def _clause_subject_prefix(self, s, fig_start):
        m = self.d.region_rx.match(_clean(self.text[s:fig_start]))
        return m.group(0) if m else None

    # -- subject -------------------------------------------------------------------------
    def _subject(self, ss, se, fig_start, chain):
        text, d = self.text, self.d
        head = text[ss:fig_start]
        # 1. a short noun phrase right before the modality word (长安汽车计划, 广西力争 …)
        mod = self._modality(ss, fig_start)
        if mod:
            cut = max(text.rfind(c, ss, mod[1]) for c in "，,、：:")
            lead = text[max(ss, cut + 1):mod[1]].strip()
            name = self._noun_phrase(lead)
            if name:
                return name
        # 2. the first region, 我市/全省 or organisation named in the sentence before the figure
        best = None
        speaker = None
        for m in _speaker_matches(d, head, 0, len(head)):
            speaker = m
        skip = speaker.end() if speaker else 0
        for rx, kind in ((d.region_rx, "region"), (d.self_region_rx, "self")):
            for m in rx.finditer(head, skip):
                if _NOT_REGION_NEXT.match(head, m.end(), m.end() + 2):
                    continue
                if best is None or m.start() < best[0]:
                    best = (m.start(), kind, m.group(0))
                break
        # an organisation opening a clause: 赛力斯集团将… (checked as a noun phrase)
        for cs, ce in self._clauses(ss + skip, fig_start):
            m = d.org_rx.match(_clean(text[cs:ce]))
            if m and (best is None or cs - ss < best[0]) and self._noun_phrase(m.group(0)):
                best = (cs - ss, "org", m.group(0))
                break
        if best:
            if best[1] == "region":
                r = _short_region(best[2])
                return d.country.get(r, r)
            if best[1] == "self":
                return self.region()
            return self._expand_org(best[2])
        if speaker is not None:
            return self._expand_org(speaker.group("org"))
        if chain is not None and chain[2]:
            return chain[2]
        # 3. the speaker introduced before (…长安汽车党委书记、董事长朱华荣表示)
        last = None
        speakers = self._speakers()
        i = bisect_right(self._speaker_starts, fig_start) - 1 if speakers else -1
        if i >= 0 and speakers[i].start() >= ss - 1500:
            last = speakers[i]
        if last:
            return self._expand_org(last.group("org"))
        return self.region()

    def _speakers(self):
        if not hasattr(self, "_speaker_list"):
            # anchor on the speech verb, then read the title chain in a short window before it
            out = []
            d, text = self.d, self.text
            for v in d.speech_rx.finditer(text, self.ctx.body_start, self.ctx.body_end):
                lo = max(self.ctx.body_start, v.start() - 60)
                m = None
                for m2 in _speaker_matches(d, text, lo, v.end()):
                    if m2.end() == v.end():
                        m = m2
                if m is not None:
                    out.append(m)
            self._speaker_list = out
            self._speaker_starts = [m.start() for m in out]
        return self._speaker_list

    def _noun_phrase(self, lead: str) -> str | None:
        lead = _clean(lead)
        lead = _YEAR_RX.sub("", lead)
        if not 2 <= len(lead) <= 10 or not _NAME_CHARS.fullmatch(lead):
            return None
        m = self.d.region_rx.fullmatch(lead)
        if m:
            r = _short_region(lead)
            return self.d.country.get(r, r)
        if self.d.self_region_rx.fullmatch(lead):
            return self.region()
        if lead in ("他们", "我们", "他", "她", "公司", "企业", "该公司", "该企业", "集团"):
            return None
        return lead if _is_name(lead) else None

    def _expand_org(self, org: str) -> str:
        org = _clean(org)
        m = _PARTY_ORG.fullmatch(org)
        if m and self.d.region_rx.fullmatch(m.group(1) + "区") or (m and len(m.group(1)) <= 4):
            return _short_region(m.group(1))
        if org[:1] in ("市", "省", "区") and len(org) > 2:
            region = self.region()
            if region:
                return region + org
        return org

    # -- links ---------------------------------------------------------------------------
    def _money_id(self, f):
        if f.groups.get("money_record_id"):
            return f.groups["money_record_id"]
        if f.groups["unit"] != "元":
            return None
        for rec in self.money:
            if rec["start"] < f.end and f.start < rec["end"]:
                return rec.get("record_id")
        return None

    def _code(self, ss, se):
        best = None
        for c in self.codes:
            spans = c.get("mention_spans") or [{"start": c["start"], "end": c["end"]}]
            for sp in spans:
                s = sp["start"] if isinstance(sp, dict) else sp.start
                if ss <= s < se and (best is None or s < best[0]):
                    best = (s, c["code"])
        return best[1] if best else None


def _speaker_matches(d, text, pos, endpos):
    """speaker_rx.finditer(text, pos, endpos), without trying positions that cannot start a
    match: a match starting at p has a title starting in p+2 … p+_ORG_MAX, so none starts
    before the first title minus _ORG_MAX, and there is none without a title."""
    t = d.titles_rx.search(text, pos, endpos)
    if t is None:
        return ()
    return d.speaker_rx.finditer(text, max(pos, t.start() - _ORG_MAX), endpos)


@lru_cache(maxsize=4096)
def _is_name(lead: str) -> bool:
    """POS from jieba's dictionary: only nouns, at least one proper noun (长安汽车, 宁德时代)."""
    tags = [flag for _, flag in lexicon.tag(lead)]
    return all(f[:1] in ("n", "j") or f == "eng" for f in tags) and \
        any(f in ("nt", "ns", "nz", "nr", "eng", "j") for f in tags)


def _short_region(name: str) -> str:
    name = _clean(name)
    for suf in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市", "区", "區", "县", "縣"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


# ---------------------------------------------------------------------------------------
# Public API


def _doc(ctx, money=(), dates=(), codes=()) -> _Doc:
    return TARGETS.cache.get(ctx, "doc", lambda: _Doc(ctx, money, dates, codes), on=money)


def _resolve(span: Span, ctx, money=(), dates=(), codes=()) -> dict | None:
    """The target record whose figure is `span`, or None when the figure is not a target
    (no modality governs it, or a veto applies: see the module docstring)."""
    doc = _doc(ctx, money, dates, codes)
    for rec in doc.records.values():
        if rec["start"] <= span.start and span.end <= rec["end"] and rec["rule"] == span.rule \
                and rec["value"] == span.groups.get("value"):
            return rec
    return None


def _extract(ctx, money=(), dates=(), codes=()) -> list[dict]:
    doc = _Doc(ctx, money, dates, codes)
    out, seen = [], set()
    for rec in sorted(doc.records.values(), key=lambda r: (r["start"], r["end"], str(r["value"]))):
        if not ctx.in_body(rec["start"], rec["end"]):
            continue
        key = (rec["start"], rec["end"])
        if key in seen:  # one record per span (record ids are per span)
            continue
        seen.add(key)
        out.append(rec)
    return out


def _plain(deps: Deps, table: str) -> list[dict]:
    return [r if isinstance(r, dict) else r.model_dump() for r in deps.get(table, ())]


@register
class Targets(Extractor):
    """Quantified commitments (GUIDELINES §4), read from the figures of the body and the
    money, dates and codes records of the document."""

    table = TABLE
    needs = ("money", "dates", "codes")

    def find(self, ctx) -> list[Span]:
        return _find(ctx)

    def resolve(self, span: Span, ctx, deps: Deps = NO_DEPS):
        rec = _resolve(span, ctx, *(self._deps(ctx, deps)))
        return None if rec is None else self.candidate(**rec)

    def extract(self, ctx, deps: Deps = NO_DEPS) -> list:
        return [self.candidate(**r) for r in _extract(ctx, *(self._deps(ctx, deps)))]

    def _deps(self, ctx, deps: Deps):
        return self.cache.get(ctx, "deps", lambda: tuple(_plain(deps, t) for t in self.needs), on=deps)


TARGETS = get(TABLE)
