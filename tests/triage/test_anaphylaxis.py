"""Triage table for anaphylaxis: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "吃了花生以后嗓子肿了，喘不上气",
    "bee sting and now my throat is closing",
    "ate shrimp, lips and tongue swelling and I'm wheezing",
    "过敏性休克",
    "used my epipen but still struggling to breathe",
]

NOT_EMERGENCIES = [
    "花粉过敏打喷嚏流鼻涕",
    "had anaphylaxis as a kid, need a new epipen prescription",
    "假如吃了过敏的东西喉咙肿了该怎么办",
    "mild itchy rash after new soap",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "anaphylaxis")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
