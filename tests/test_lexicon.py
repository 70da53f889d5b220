"""extract.lexicon tags short phrases exactly as jieba.posseg does without HMM."""
from __future__ import annotations

import logging

import pytest

from extract import lexicon

PHRASES = ["长安汽车", "宁德时代", "重庆市科技局", "苏州", "江西省", "市科技局", "赛力斯集团", "华为公司",
           "比亚迪", "长江经济带", "国家电网", "中国移动", "他们", "全市规上工业", "ABC公司", "5G基站",
           "全国人大代表", "高新技术企业", "万事利集团", "涪陵区", "广东省人民政府", "中芯国际"]


@pytest.fixture(scope="module")
def posseg():
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.ERROR)
    return pseg.POSTokenizer(jieba.Tokenizer())


@pytest.mark.parametrize("phrase", PHRASES)
def test_tags_match_jieba_posseg(posseg, phrase):
    expected = tuple((w.word, w.flag) for w in posseg.lcut(phrase, HMM=False))
    assert lexicon.tag(phrase) == expected


def test_unknown_characters_are_tagged_x():
    assert lexicon.tag("\u9fa5\u9fa4")[0][1] == "x"
