"""Triage table for bleeding: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "刚才吐了一大口血",
    "vomiting blood and feel faint",
    "拉的大便是黑色的像柏油",
    "cut my leg and the bleeding won't stop, blood everywhere",
    "鼻子出血半个小时止不住",
]

NOT_EMERGENCIES = [
    "刷牙的时候牙龈有点出血",
    "a little blood when I blow my nose",
    "以前胃出血住过院，现在想问吃什么养胃",
    "my blood pressure is 130/85, is that ok",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "bleeding")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
