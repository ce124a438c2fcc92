"""Triage table for stroke: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "我妈嘴歪了，说话也不清楚",
    "右边身子突然没劲了",
    "his face is drooping on one side and he's slurring",
    "suddenly can't lift my left arm",
    "刚才半边脸麻了十分钟，现在好了",
    "worst headache of my life, came on like a thunderclap",
    "奶奶突然说话含含糊糊的，筷子也拿不住",
]

NOT_EMERGENCIES = [
    "三年前中风过，现在做康复",
    "had a stroke in 2019, asking about physio",
    "my mom had a stroke at 70, am I at risk",
    "怎么识别中风的早期症状",
    "how do I recognise a stroke",
    "面部没有歪斜，说话也正常，就是头有点晕",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "stroke")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
