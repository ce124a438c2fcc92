"""Triage table for cardiac: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "胸口像压了块大石头，一直出冷汗",
    "心口疼得厉害，往左胳膊窜",
    "my chest is so tight and the pain is going down my left arm",
    "crushing chest pain for 20 minutes and i'm sweating",
    "我爸突然倒地叫不醒了",
    "dad collapsed in the kitchen and isn't breathing",
    "MI two years ago and now the same pain is back",
    "我觉得自己心梗了，胸口闷得喘不上气",
]

NOT_EMERGENCIES = [
    "没有胸痛，就是有点反酸",
    "no chest pain at all, just a cough",
    "去年放过支架，想问能不能停阿司匹林",
    "my dad had a heart attack at 60, should I get checked",
    "万一心梗了该怎么办",
    "that price nearly gave me a heart attack",
    "气得我心脏病都要犯了",
    "what are the warning signs of a heart attack",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "cardiac")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
