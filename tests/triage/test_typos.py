"""Typo-tolerant normalisation (gateway/triage/typos.py): which words it corrects and which
it must leave alone."""

from __future__ import annotations

import pytest

from gateway.triage.engine import RuleTriager, default_triager
from gateway.triage.typos import TypoFixer, distance, lexicon_words

CORRECTED = [
    ("cheast", "chest"),
    ("breth", "breath"),
    ("bleding", "bleeding"),
    ("unconcious", "unconscious"),
    ("preganant", "pregnant"),
    ("pregnent", "pregnant"),
    ("Alergic", "allergic"),
    ("trampolene", "trampoline"),
]

# Common words near an alarm word, inflections the lexicon does not list, short words,
# a different first letter, and words that are already in the lexicon.
LEFT_ALONE = ["sheet", "cheat", "breed", "havent", "theres", "preventer", "pesto", "hed",
              "xhest", "chest", "bleeding", "concious", "wheel"]


@pytest.mark.parametrize(("typo", "word"), CORRECTED)
def test_corrects_misspelled_lexicon_words(typo: str, word: str) -> None:
    fixer = default_triager().typos
    assert fixer is not None
    assert fixer.correct(typo) == word


@pytest.mark.parametrize("word", LEFT_ALONE)
def test_leaves_real_words_alone(word: str) -> None:
    fixer = default_triager().typos
    assert fixer is not None
    assert fixer.correct(word) is None


def test_ties_and_first_letters() -> None:
    fixer = TypoFixer({"bleed", "blood", "chest"}, ())
    assert fixer.correct("bleod") is None  # as near to "bleed" as to "blood"
    assert fixer.correct("hhest") is None
    assert fixer.correct("cheest") == "chest"
    assert fixer.correct("chests") is None  # an inflection, not a typo


def test_stems_are_not_targets() -> None:
    words = lexicon_words([r"\bconcuss\w*|\bseizures?\b|胸痛"])
    assert "concuss" not in words
    assert {"seizure", "seizures"} <= words


def test_distance_counts_a_swap_as_one_edit() -> None:
    assert distance("cheast", "chest") == 1
    assert distance("siezure", "seizure") == 1
    assert distance("kitten", "sitting") == 3


def test_fix_keeps_chinese_and_unknown_words() -> None:
    fixer = default_triager().typos
    assert fixer is not None
    assert fixer.fix("胸口疼 cheast pain, blah qwertyuiop") == "胸口疼 chest pain, blah qwertyuiop"


def test_typos_change_the_assessment_only_through_corrected_words() -> None:
    plain = RuleTriager.from_directory(fix_typos=False)
    text = "cheast pain for like 40 min, going down my left arm, sweaty"
    assert plain.assess(text).level != "emergency"
    assert default_triager().assess(text).level == "emergency"
    clean = "chest pain for like 40 min, going down my left arm, sweaty"
    assert plain.assess(clean) == default_triager().assess(clean)
