"""Triage table for environmental emergencies (heat stroke, hypothermia): emergencies and
traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "grandpa was in the garden all afternoon in the heat, now he's confused and hot",
    "been working outside all day, my coworker stopped sweating and is talking nonsense",
    "工地上的工友中暑了，胡言乱语",
    "found my elderly neighbour on the floor, house freezing, she's ice cold and mumbling",
    "老人冻了一夜，浑身冰凉，迷迷糊糊的",
    "my dad was outside all night in the snow, he's stopped shivering and is really drowsy",
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "大热天在地里干活 我爸晕过去了 身上烫得很",
    "在大棚里干活晕倒了 叫不醒",
]

NOT_EMERGENCIES = [
    "felt a bit hot and dizzy at the beach yesterday, fine after a drink",
    "昨天在外面晒得有点头晕，休息就好了",
    "my hands get ice cold in winter, is that normal?",
    "is it safe to use a sauna when pregnant?",
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "大热天干活有点累 歇了会喝了水就好了",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "environmental")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
