"""The spoken-number pre-check only skips texts where no spaced-digit or digit-word run can be."""

from __future__ import annotations

import pytest

from gateway.redaction.recognizers.spoken import _EN_RUN, _LATIN_GATE, _SPACED_RUN
from tests.redaction.helpers import assert_finds

RUNS = [
    "1 3 8 0 0 1 3 8 0 0 0",
    "电话1 3 8-0 0 1 3-8 0 0 0",
    "0-7-7-0-0-9-0-0-1-2-3",
    "0 - 7 - 7 - 0 - 0 - 9 - 0",
    "five,five,five,one,two,one,two",
    "five-five-five-one-two-one-two",
    "one three eight oh oh one three eight oh oh oh",
    "six one seven , five five five , zero one four three",
]


@pytest.mark.parametrize("text", RUNS)
def test_gate_sees_every_run(text: str) -> None:
    assert _SPACED_RUN.search(text) or _EN_RUN.search(text)
    assert _LATIN_GATE.search(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 3 8 0 0 1 3 8 0 0 0 call me", "1 3 8 0 0 1 3 8 0 0 0"),
        ("call five,five,five,one,two,one,two", "five,five,five,one,two,one,two"),
    ],
)
def test_runs_at_edges_still_found(text: str, value: str) -> None:
    assert_finds(text, "PHONE", value)
