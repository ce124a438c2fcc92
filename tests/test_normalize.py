"""Normalization: hidden digits and red flags become visible; Chinese punctuation stays."""

from __future__ import annotations

import pytest

from gateway.normalize import normalize_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("１３８１２３４５６７８", "13812345678"),
        ("138\u200b1234\u200d5678", "13812345678"),
        ("chest\u00adpain", "chestpain"),
        ("ｃｈｅｓｔ ｐａｉｎ", "chest pain"),
        ("我头疼，怎么办？（急）", "我头疼，怎么办？（急）"),
        ("a\x00b\x07c", "a b c"),
        ("line1\r\nline2", "line1\nline2"),
        ("  trimmed  ", "trimmed"),
        ("38.5℃", "38.5°C"),
    ],
)
def test_normalize(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean
