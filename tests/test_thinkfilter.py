"""Table-driven tests of reasoning removal, whole-text and streamed in every chunking."""

from __future__ import annotations

import pytest

from gateway.thinkfilter import ThinkFilter, strip_think

CASES = [
    ("plain answer", "plain answer"),
    ("<think>reasoning</think>\n\nanswer", "answer"),
    ("<think>\n\n</think>\n\nanswer", "answer"),
    ("  \n<think>a</think>answer <b>bold</b>", "answer <b>bold</b>"),
    ("answer with a < sign and <th letters", "answer with a < sign and <th letters"),
    ("<think>never closed", ""),
    ("a<think>x</think>b", "ab"),
]


def stream(text: str, size: int) -> str:
    f = ThinkFilter()
    out = [f.feed(text[i : i + size]) for i in range(0, len(text), size)]
    return "".join(out) + f.flush()


@pytest.mark.parametrize(("raw", "visible"), CASES)
def test_whole_text(raw: str, visible: str) -> None:
    assert strip_think(raw) == visible


@pytest.mark.parametrize(("raw", "visible"), CASES)
@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 100])
def test_streamed_in_any_chunking(raw: str, visible: str, size: int) -> None:
    assert stream(raw, size) == visible


def test_orphan_closer_whole_text_drops_leaked_reasoning() -> None:
    assert strip_think("the user wants advice.</think>\n\nRest.") == "Rest."


def test_orphan_closer_at_start_of_stream() -> None:
    assert stream("</think>\n\nRest.", 2) == "Rest."


def test_no_delay_for_a_model_that_does_not_think() -> None:
    f = ThinkFilter()
    assert f.feed("Hello") == "Hello"
    assert f.feed(" world <") == " world "
    assert f.feed("3") == "<3"


def test_reports_dropped_reasoning() -> None:
    f = ThinkFilter()
    f.feed("<think>x</think>y")
    assert f.dropped_reasoning
