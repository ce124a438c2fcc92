"""MRN: record numbers only with a cue."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("住院号1024587，想查报告", "MRN", "1024587"),
    ("门诊号：0023456 就诊科室：皮肤科", "MRN", "0023456"),
    ("病历号是ZY20240311007", "MRN", "ZY20240311007"),
    ("就诊卡号 6000 1234 5678", "MRN", "6000 1234 5678"),
    ("patient ID: PT-0048213", "MRN", "PT-0048213"),
    ("My MRN at your hospital is 7734-0021-9", "MRN", "7734-0021-9"),
    ("MRN 00482913, seen on Tuesday", "MRN", "00482913"),
]

NEGATIVES = [
    "住院了3天，出院时开了药",
    "门诊看了两次，还是咳嗽",
    "the patient portal shows 3 results",
    "medical records say I had 2 surgeries",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("MRN",))


ROUND2_POSITIVES = [
    ("The bracelet says Admission No. AD88213, discharge?", "MRN", "AD88213"),
    ("encounter number 55102934 for the ER visit", "MRN", "55102934"),
]

ROUND2_NEGATIVES = [
    "admission was on Monday, discharged Friday",
    "visit was 20 minutes",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND2_POSITIVES)
def test_round2_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND2_NEGATIVES)
def test_round2_negatives(text: str) -> None:
    assert_untouched(text, ("MRN",))
