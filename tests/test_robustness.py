"""Unseen text never breaks the build: random articles assembled from the pieces real
pages are made of (figures, numerals, units, quotes, masks, pinyin glosses, keywords)
go through every extractor without a crash, and every record they yield is valid and
true to the text."""
from __future__ import annotations

import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.documents import Document
from extract.pipeline import extract_document

PIECES = [
    "2024年", "3月5日", "到2030年", "十四五", "“十五五”", "今年", "去年", "年底", "一季度", "上半年", "1至8月",
    "2000亿元", "1.2万亿元", "超", "约", "左右", "以上", "余", "突破", "万亿级", "千万级", "美元", "億元",
    "“33618”", "‘4+5+M+N’", "「六區疊加」", "“双倍增”", "415X", "体系", "行动", "现代制造业集群体系",
    "力争", "计划", "将", "目标", "预计", "确保", "达到", "新增", "家", "个", "辆", "%", "万人", "分别",
    "重庆", "江西省", "我市", "全省", "长安汽车", "表示", "记者", "来源:", "*", "**", "(wànyì)",
    "，", "、", "。", "；", "：", "\n", " ", "\u3000", "１２．５", "０", "壹仟", "两", "十五五", "第",
    "0416", "400-0123-021", "20xx年", "03.04.2021", "紫东太初2.0", "从0到1", "四梁八柱", "《", "》",
]


@st.composite
def articles(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=4)),
                          min_size=1, max_size=80))
    return "标题\n来源:某报2024-03-11 11:24\n" + "".join(parts) + "。\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_random_articles_yield_only_valid_true_records(text):
    doc = Document("fuzz", "fuzz.txt", hashlib.sha256(text.encode()).hexdigest(),
                   len(text.encode()), "utf-8", text)
    result = extract_document(doc)
    assert [(i.slug, i.message) for i in result.issues] == []
    for records in result.records.values():
        for r in records:
            assert text[r.start:r.end] == r.surface
            assert result.document.body_start <= r.start < r.end <= result.document.body_end
