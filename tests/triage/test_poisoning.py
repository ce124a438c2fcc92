"""Triage table for poisoning: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "我把一整瓶安眠药都吞了",
    "took the whole bottle of my sleeping pills",
    "孩子误吞了一颗纽扣电池",
    "my toddler drank some bleach",
    "全家人头晕恶心，煤气好像泄漏了",
    "took 30 paracetamol an hour ago on purpose but I feel fine",
]

NOT_EMERGENCIES = [
    "如果吃多了安眠药会怎么样",
    "what if my kid swallows a battery, what should I do",
    "布洛芬和对乙酰氨基酚能一起吃吗",
    "how many paracetamol can I take in a day",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "poisoning")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
