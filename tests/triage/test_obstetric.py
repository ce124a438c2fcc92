"""Triage table for obstetric: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "怀孕30周，突然出血很多，肚子疼",
    "32 weeks pregnant and the baby hasn't moved all day",
    "孕36周羊水破了",
    "6 weeks pregnant, sharp pain on one side and my shoulder hurts, feel faint",
]

NOT_EMERGENCIES = [
    "怀孕12周，有点孕吐正常吗",
    "pregnant, can I take paracetamol for a headache",
    "备孕需要吃叶酸吗",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "obstetric")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
