"""Triage table for respiratory: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "喘不上气，嘴唇发紫",
    "cant breath, lips going blue",
    "孩子吃东西卡住了咳不出来",
    "asthma attack and my inhaler isn't helping, can only say a few words",
    "血氧掉到85%",
    "I can't breathe properly at all",
]

NOT_EMERGENCIES = [
    "不喘不憋，就是嗓子有痰",
    "no trouble breathing, just a runny nose",
    "压力大得喘不过气来，失眠",
    "爬三楼有点喘，正常吗",
    "what should I do if my child chokes",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "respiratory")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
