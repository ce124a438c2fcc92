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
]

NOT_EMERGENCIES = [
    "孩子4岁，有点流鼻涕",
    "my 5 year old has a mild cough but is playing normally",
    "宝宝几个月打什么疫苗",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "pediatric")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
