"""Triage table for suicide: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "我不想活了，药都准备好了",
    "i want to kill myself tonight",
    "活着没意思，今晚就结束吧",
    "I've been cutting my wrists again and it won't stop",
    "thinking about jumping in front of a train",
    "想自杀",
]

NOT_EMERGENCIES = [
    "不是想自杀，就是心情不好睡不着",
    "i'm not suicidal, just stressed about exams",
    "this homework is killing me",
    "笑死我了",
    "累死了，想睡觉",
    "I'm dying to know my test results",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "suicide")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
