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
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "obstetric")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
