"""PERSON in English script: titles, cues, relations, given names, pinyin."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("Dr. Sarah Chen said it's fine", "Sarah Chen"),
    ("hi dr lopez, stitches look red", "lopez"),
    ("my name is Maria Gonzalez", "Maria Gonzalez"),
    ("hi im john smith, 45", "john smith"),
    ("I'm bill collins, broken wrist", "bill collins"),
    ("my son Ethan has a fever", "Ethan"),
    ("This is Rosa's daughter", "Rosa"),
    ("Grace, my pharmacist, said it's ok", "Grace"),
    ("EMILY R. CARTER, DOB 03/12/2015", "EMILY R. CARTER"),
    ("Mrs. Abernathy needs a refill", "Abernathy"),
    ("Zhang Wei is my husband", "Zhang Wei"),
    ("wo shi wang xiaoming, 肚子疼", "wang xiaoming"),
    ("Thanks, Kevin", "Kevin"),
]

NEGATIVES = [
    "Will this rash go away?",
    "I hope the grace period covers it",
    "Mark the date on your calendar",
    "the bill from the ER was huge",
    "I'm tired and dizzy",
    "Bell's palsy on the left side",
    "Crohn's disease flare",
    "Parkinson's tremor getting worse",
    "my oncologist is at Dana-Farber",
    "seen at St. Mary's on 3/3",
    "home nurse visit on Friday",
    "HBV-DNA undetectable",
    "He Said it would pass",
    "my heart skipped a beat",
]


@pytest.mark.parametrize(("text", "value"), POSITIVES)
def test_finds(text: str, value: str) -> None:
    assert_finds(text, "PERSON", value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("PERSON",))
