"""Triage table for sepsis: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "发烧39度，人开始说胡话",
    "fever 40, confused and breathing really fast",
    "化疗后第十天发烧38.5",
    "尿路感染好几天，今天高烧寒战，血压90/50",
]

NOT_EMERGENCIES = [
    "发烧37.8，有点咳嗽",
    "mild fever since yesterday, eating and drinking fine",
    "感冒三天了，吃什么药",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "sepsis")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
