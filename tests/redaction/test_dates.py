"""DATE_OF_BIRTH only next to a birth cue; onset and appointment dates stay."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("出生日期1962年8月18日", "DATE_OF_BIRTH", "1962年8月18日"),
    ("我是1985年3月12日出生的", "DATE_OF_BIRTH", "1985年3月12日"),
    ("生日 1990.05.06", "DATE_OF_BIRTH", "1990.05.06"),
    ("date of birth 7/19/88. Can I get results", "DATE_OF_BIRTH", "7/19/88"),
    ("DOB: 1969-08-30", "DATE_OF_BIRTH", "1969-08-30"),
    ("born July 4, 1949 in Ohio", "DATE_OF_BIRTH", "July 4, 1949"),
    ("birthday is 12 March 1985", "DATE_OF_BIRTH", "12 March 1985"),
]

NEGATIVES = [
    "3月5号开始发烧",
    "预约了2024年11月28日复查",
    "appointment on 11/28/2024 at 3pm",
    "symptoms started 2023-10-01",
    "孩子出生3天，黄疸",
    "I was born in 1985",
    "my baby was born 2 weeks ago",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("DATE_OF_BIRTH",))
