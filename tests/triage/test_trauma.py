"""Triage table for trauma: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "头撞了，晕过去了，一直吐",
    "hit his head, was knocked out, now vomiting and confused",
    "从三楼摔下来了，腿动不了",
    "被开水烫了，胸口和胳膊一大片，皮都掉了",
    "got hit by a car and can't feel my legs",
]

NOT_EMERGENCIES = [
    "打球崴了脚，有点肿",
    "small cut on my finger while cooking",
    "burned my hand on the oven, blister the size of a coin",
    "小时候摔断过胳膊，现在阴天会疼",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "trauma")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
