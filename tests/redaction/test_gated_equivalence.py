"""The literal-start scans (gateway/redaction/gated.py) find exactly what a full regex scan
finds: on every set message, glued and case-changed variants of them, and text with the
characters a case-insensitive regex equates with ASCII letters."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from gateway.redaction.gated import finditer_from_starts, lower_each, search_from_starts
from gateway.redaction.patterns import fold, lower_ascii
from gateway.redaction.recognizers import names_en, names_zh
from gateway.redaction.recognizers.names_en_span import TOKEN

DATA = Path(__file__).resolve().parents[1] / "data"

TRICKY = [
    "MY SON JAMES, HIS DAUGHTER, DR. SMITH, NURSE JOY",
    "mİss Hope and Dr Mİller; my sİster Ann",
    "ıt's my ıdol Dr. Lı; DOCTOR WHO; hıs wife",
    "Ｄｒ．Ｗａｎｇ ｍｙ ｓｏｎ Ｔｏｍ",
    "\u212aelvin and ſister Ann, my ſon Bob",
    "our neighbour王小明 and my mom李华, MOTHER张伟",
    "thedr.smith hisher theirmy",
    "",
    "Dr",
]


def _texts() -> list[str]:
    texts = []
    for path in sorted(DATA.glob("redaction_*.jsonl")):
        if "blind" in path.name:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    rng = random.Random(5)
    glued = [" ".join(rng.choice(texts) for _ in range(4))[:400] for _ in range(200)]
    cased = [t.upper() for t in texts[::3]] + [t.title() for t in texts[1::3]]
    return texts + glued + cased + TRICKY


CASES = [
    (names_en._TITLE, names_en._HINTS["title"]),
    (names_en._RELATION, names_en._RELATION_START),
    (names_zh._EN_RELATION, names_zh._EN_RELATION_HINT),
]


@pytest.mark.parametrize(("pattern", "starts"), CASES)
def test_literal_starts_find_every_match(pattern: re.Pattern[str], starts: re.Pattern[str]) -> None:
    for text in _texts():
        folded = fold(text)
        lowered = lower_ascii(folded)
        full = [m.span() for m in pattern.finditer(folded)]
        gated = [m.span() for m in finditer_from_starts(pattern, starts, folded, lowered)]
        assert gated == full, text
        for pos in range(0, len(folded), 7):
            a = pattern.search(folded, pos)
            b = search_from_starts(pattern, starts, folded, lowered, pos)
            assert (a and a.span()) == (b and b.span()), (text, pos)


def test_one_lower_call_lowers_each_token_alike() -> None:
    for text in _texts():
        words = [t.group() for t in TOKEN.finditer(fold(text))]
        assert lower_each(words) == [w.lower() for w in words]
