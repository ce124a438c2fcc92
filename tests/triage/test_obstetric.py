"""Triage table for obstetric: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "怀孕30周，突然出血很多，肚子疼",
    "32 weeks pregnant and the baby hasn't moved all day",
    "孕36周羊水破了",
    "6 weeks pregnant, sharp pain on one side and my shoulder hurts, feel faint",
    "6 weeks pregnant, sharp pain on one side, pain in my shoulder tip and dizzy",
    "36周，今天一整天都没感觉到胎动",
    "孕31周，突然下面流了好多水",
    "大肚子8个月了，头疼得要炸，看东西模糊",
    "No bleeding, no cramps. But at 29 weeks my belly went hard as a rock",
    "pregnant 26 wks, gush of water from down below",
    "my wife is in labour and the baby's coming out now",
    "怀孕九个月，摔了一跤肚子着地，现在肚子发紧",
    "I'm 29 weeks and my waters just broke",
    "产后三天，血一直往下流，一会儿就湿透了",
    '生完孩子第二天 下面血哗哗地流',
    '孕35周 今天一天没感觉到胎动',
    '我老婆孕40周 孩子头已经出来了',
    '35 wks and bubs has stopped moving since lunch',
    '30 weeks, baby moving way less than usual, only 3 kicks all morning',
    '28 weeks, got rear ended on the motorway, seatbelt went across my belly',
    '31 weeks, tightenings every 4 minutes for the past hour',
    'had my baby 4 days ago, horrible headache and seeing flashing lights',
    'gave birth last week, fever 38.9, shivering and my tummy is really sore',
    '7 weeks pregnant, cramping on the left and pain in my shoulder tip',
    'preganant 25 weeks and bleding heavy',
    '孕32周 宝宝今天不怎么动',
    'baby 今天不怎么动了 我34周',
    '怀孕30周 羊水好像破了',
    '二十八周 肚子一阵一阵发紧 每隔五分钟一次',
    '坐月子第五天 高烧39度 恶露有臭味',
    '我有了两个月 右边小腹疼得厉害 还有点出血',
    '怀孕7个月 被电动车撞了 肚子着地',
    '孕30周 看东西有亮点在闪 头疼得厉害',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'baby hasnt kicked since yesterday evening im 38 weeks, usually hes wild after dinner',
    'c section 10 days ago, wound is oozing pus, fever 39 and i feel like rubbish',
    'huai yun 30 zhou, xia mian liu xue le',
    'had baby 1 week ago, now high fever and stinky discharge and belly pain',
    'just found out im pregnant, agony on my left side, feel like im gonna pass out',
    '36 weeks and i feel really unwell, pain in the top of my tummy under my ribs and im being sick, headache too',
    '孕三十五周 头疼欲裂 看东西重影 血压160/110',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'i can see the cord coming out',
    '我看到脐带掉出来了',
    "gave birth yesterday and i've soaked through two towels with blood in an hour",
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "怀孕八个月 下面突然流了好多血",
]

NOT_EMERGENCIES = [
    "怀孕12周，有点孕吐正常吗",
    "pregnant, can I take paracetamol for a headache",
    "备孕需要吃叶酸吗",
    "36 weeks, baby is coming soon, what should i pack for the hospital",
    "孕20周，想问能不能坐飞机",
    "怀孕5个月，不小心撞到桌角，肚子没疼，也没出血，胎动正常",
    "pregnant 30 weeks, baby moving lots, just want to book my next scan",
    '没有头痛呕吐视物模糊 孕30周 血压118/76 正常吧',
    '怀孕18周 有点腰酸 没出血',
    "she's 30 weeks and tripped but caught herself, didn't land on her tummy",
    '38 weeks, contractions irregular and mild, lost my mucus plug, no bleeding',
    'had a bleed in my last pregnancy at 9 weeks but all was fine, now 8 weeks, no bleeding',
    'what counts as reduced fetal movements?',
    'postpartum 2 months, shoulder pain from carrying the baby',
    '28 weeks and baby seems to be moving a bit less today, still feel kicks',
    '孕36周 脚肿 早上就消了 没有头疼眼花',
    '上一胎产后大出血过 这次要注意什么',
    '产后两个月 肩膀痛 是不是抱孩子累的',
    '我有了新工作 很开心',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'pregnant 24 wks and my gums bleed every time i brush, normal?',
    'cut my finger chopping onions, bleeding a bit, im 30 weeks pregnant, do i need a tetanus shot',
    '39 weeks, contractions every 5 minutes for the last hour, when should i go in',
    '20 weeks and my head is killing me lol, can i take tylenol',
    '2 weeks postpartum, still some light bleeding, getting less each day',
    '孕期牙龈出血正常吗 刷牙就出血 怀孕25周',
    '怀孕30周 切菜划破手指 流了点血 要打破伤风吗',
    '孕22周 头疼死了 能吃泰诺吗',
    '孕34周 流鼻血了 捏一会就好了',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'postpartum 3 weeks, bleeding has slowed to light spotting',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "怀孕七个月 问问能不能坐飞机",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "obstetric")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
