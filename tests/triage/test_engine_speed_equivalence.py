"""The literal prefilter (gateway/triage/prefilter.py) may only skip a regex that cannot match.

Checked two ways: per pattern, a prefilter never rejects a text its regex matches; and the
triager gives the same assessment and mentions with every prefilter switched off.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gateway.triage.engine import RuleTriager, default_triager
from gateway.triage.prefilter import Prefilter, Text, ascii_lower, required

DATA = Path(__file__).resolve().parents[1] / "data"

TRICKY = [
    "CHEST PAIN and I'm SWEATING, PAIN GOING DOWN MY LEFT ARM",
    "ChEsT pAiN",
    "my chest is crushing and I'm sweating, pain going down my left arm",
    "I have had a sore throat and a runny nose for three days, should I take anything for it?",
    "妈chest好痛，喘不上气",
    "胸口疼得厉害 出冷汗",
    "孩子高烧39度 叫不醒",
    "İstanbul KELVIN \u212a ſeizure Σ ΣΑΣ straße ﬁ",  # non-ASCII letters that change under lower()
    "ＣＨＥＳＴ　ＰＡＩＮ",  # full-width
    "I can't breathe!!! lips turning blue",
    "she took 30 tablets of paracetamol, 不想活了",
    "",
    " ",
    "a",
]


def _texts() -> list[str]:
    lines = (DATA / "triage_dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()] + TRICKY


def test_ascii_lower_keeps_length_and_folds_ascii_only() -> None:
    for text in TRICKY:
        low = ascii_lower(text)
        assert len(low) == len(text)
        for a, b in zip(text, low, strict=True):
            assert b == (a.lower() if "A" <= a <= "Z" else a)


def test_prefilter_never_rejects_a_match() -> None:
    triager = default_triager()
    texts = _texts()
    features = [Text(t) for t in texts]
    for name, pattern in triager.patterns.items():
        f = triager.prefilter(name)
        for text, feat in zip(texts, features, strict=True):
            if pattern.search(text):
                assert f.may_match(feat), (name, text)


@pytest.mark.parametrize(
    ("pattern", "matching"),
    [
        (r"\bchest\W{0,3}pain", "CHEST - PAIN"),
        (r"(?:凶|兄|熊|胸)(?:口|部)?(?:闷|疼)", "熊部闷"),
        (r"x+y{2}z?", "XXXYY"),
        (r"(?:ab|cd)(?:ef)?gh", "CDGH"),
        (r"[Kk]elvin|\d+ ?mg", "250mg"),
        (r"(?=foo)\w+bar", "FOOBAR"),
        (r"(?-i:Abc)d", "Abcd"),
        (r"a{3}", "AAA"),
    ],
)
def test_required_strings_are_in_every_match(pattern: str, matching: str) -> None:
    flags = re.IGNORECASE | re.ASCII
    assert re.search(pattern, matching, flags)
    strings = required(pattern, flags)
    assert Prefilter(strings).may_match(Text(matching))
    if strings is not None:
        assert any(s in ascii_lower(matching) for s in strings)


def test_index_agrees_with_each_prefilter() -> None:
    triager = default_triager()
    index = triager.index
    assert index is not None
    for text in _texts():
        feat = Text(text)
        expected = {n for n in triager.patterns if triager.prefilter(n).may_match(feat)}
        assert index.possible(feat) == expected, text


def test_patterns_without_literal_are_always_run() -> None:
    flags = re.IGNORECASE | re.ASCII
    assert required(r"\d+|chest", flags) is None
    assert required(r"(?:pain)?\w", flags) is None
    assert required(r"(a)\1", flags) is not None  # 'a' is still required


def test_same_results_without_prefilter() -> None:
    fast = default_triager()
    slow = RuleTriager.from_directory()
    always = Prefilter(None)
    slow.prefilter = lambda name: always  # type: ignore[method-assign]
    slow.gate_prefilter = lambda any_of: always  # type: ignore[method-assign]
    slow.index = None
    for text in _texts():
        assert fast.assess(text) == slow.assess(text), text
        assert fast.mentions(text) == slow.mentions(text), text
