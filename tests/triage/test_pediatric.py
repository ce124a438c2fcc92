"""Triage table for pediatric: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "宝宝才七周大，发烧38.3",
    "my 6 week old has a fever of 38.2",
    "孩子一直睡叫不醒，软绵绵的",
    "toddler has had no wet diapers all day and won't drink",
    "newborn keeps going blue around the lips",
    "bao bao liang ge yue, fa shao 38.4",
    "baby is 6 wks and has a fever of 38.4",
    "my 10 day old is very sleepy and not waking for feeds",
    "孩子喉咙里呼噜呼噜的，吸气的时候锁骨上面凹进去",
    "my 13yo son has sudden horrible pain in one testicle, he's throwing up",
    "宝宝呼吸的时候哼哼的，鼻子一张一张的，才三个月",
    '孙女一岁半 拉了一天 没尿 哭没眼泪 蔫蔫的',
    'my grandson is 4 weeks old and has a temp of 38.2',
    '宝宝一个半月 体温38.2',
    'my dog... no sorry my son is not breathing properly, his lips are blue',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'my babys only 5 weeks and shes really hot and wont stop crying, 38.4',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "i hate to bother but my baby (4 weeks) seems a little floppy and isn't really feeding",
    'baby 五周 发烧 38.3',
    'hi, 12 year old son kicked in the groin at football, now awful pain and swelling in his testicle',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'BB 六個星期大，發燒38度2，唔肯食奶',
    'my son keeps vomiting green and his tummy is swollen',
    '儿子从中午开始一直哭，吐了两次绿色的东西，肚子胀得很硬',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "崽三个礼拜大 发烧38度 奶也不吃",
    "宝宝才两个礼拜 摸着滚烫 一直睡",
]

NOT_EMERGENCIES = [
    "孩子4岁，有点流鼻涕",
    "my 5 year old has a mild cough but is playing normally",
    "宝宝几个月打什么疫苗",
    "what temperature counts as a fever for a newborn",
    "宝宝两个月了，要打什么疫苗",
    "my son is 6 weeks behind on his reading, any tips lol",
    "孩子咳嗽有痰，喉咙里呼噜呼噜的，精神挺好，能吃能玩",
    'my 70yo neighbour has a cold and a runny nose, what can she take',
    '宝宝4个月打完疫苗发烧38度 精神很好',
    '宝宝一个半月 体温36.9 打嗝',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'balls a bit sore after a long bike ride, no swelling',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    '我個仔發燒38度，仲識玩識食，使唔使睇醫生',
    'my 4 year old ate some green jelly and was sick once, now playing happily',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "娃三岁了 上个礼拜发烧 现在好了",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "pediatric")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
