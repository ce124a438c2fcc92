"""Lay-term expansion and the English spelling fix (pure functions, no model)."""

from __future__ import annotations

import pytest

from gateway.knowledge.lexical import expand, known_words, lay_words
from gateway.knowledge.spelling import Speller, english_words


def _added(text: str, locale: str | None) -> set[str]:
    return set(expand(text, locale)[len(text) :].split())


@pytest.mark.parametrize(
    ("question", "locale", "expected"),
    [
        # Chinese lay-term families: colloquial, typo'd and homophone forms reach the leaflet word.
        ("拉肚子两天了", "zh", {"腹泻"}),
        ("闹肚子一晚上", "zh", {"腹泻"}),
        ("腹泄的时候能吃东西吗", "zh", {"腹泻"}),
        ("大便硬得像羊屎球", "zh", {"便秘"}),
        ("通风又犯了", "zh", {"痛风"}),
        ("尿尿的时候火辣辣的", "zh", {"尿路感染"}),
        ("老想上厕所，尿不干净", "zh", {"尿路感染"}),
        ("甲状线出问题了", "zh", {"甲状腺"}),
        ("吃完饭冒酸水", "zh", {"胃食管反流"}),
        ("胸口像压了块大石头", "zh", {"心肌梗死"}),
        ("老公打呼噜", "zh", {"打鼾"}),
        # English abbreviations inside a Chinese message carry Chinese leaflet words.
        ("我的BP一直140多", "zh", {"高血压"}),
        ("UTI又犯了", "zh", {"尿路感染"}),
        ("医生说我pre-diabetes", "zh", {"糖尿病"}),
        # English lay terms and common misspellings.
        ("got a tummy bug", "en", {"gastroenteritis"}),
        ("is it a water infection", "en", {"uti"}),
        ("on a water pill for my pressure", "en", {"diuretics"}),
        ("my kids ecxema", "en", {"eczema"}),
        ("my sugars are high", "en", {"diabetes"}),
        # A Chinese disease name inside an English message carries the English word.
        ("my dad's 痛风 flared up", "en", {"gout"}),
        ("grandpa's 糖尿病 is worse", "en", {"diabetes"}),
    ],
)
def test_lay_terms_expand_to_leaflet_words(question: str, locale: str, expected: set[str]) -> None:
    assert expected <= _added(question, locale)


@pytest.mark.parametrize(
    ("question", "locale", "absent"),
    [
        ("吃完饭胸口烧心", "zh", {"发热"}),  # 烧 in 烧心 is heartburn, not fever
        ("降压药能自己停吗", "zh", {"安全"}),  # 药 alone says nothing about medication safety
        ("my uric acid is high", "en", {"reflux", "gerd"}),
        ("what foods should I cut back on", "en", {"wound"}),
        ("I drink a lot of water", "en", {"emergency"}),  # "er" only as a word
    ],
)
def test_generic_words_do_not_expand(question: str, locale: str, absent: set[str]) -> None:
    assert not absent & _added(question, locale)


@pytest.mark.parametrize(
    ("question", "locale", "script_ok"),
    [
        ("我的BP一直140多", "zh", lambda w: not w.isascii()),
        ("my blood pressure is 150 over 95", "en", str.isascii),
        ("my mom has 高血压", "en", str.isascii),
    ],
)
def test_expansion_keeps_the_query_languages_script(
    question: str, locale: str, script_ok: object
) -> None:
    added = _added(question, locale)
    assert added and all(script_ok(w) for w in added)  # type: ignore[operator]


@pytest.fixture(scope="module")
def speller() -> Speller:
    corpus = [
        "Cholesterol and statins. Migraine headache. Insomnia and sleep. Laxatives for "
        "constipation. A heart attack needs an ambulance. Apply cream to the rash. Diabetes "
        "and diabetic feet. Diabetics should check. Gargle with salt water."
    ]
    return Speller(known_words(corpus), english_words() | lay_words())


# Typos the lay-term table does not list (those it lists are expanded there, not here).
@pytest.mark.parametrize(
    ("word", "fixed"),
    [
        ("cholesteol", "cholesterol"),  # missing letter
        ("laxatves", "laxatives"),
        ("atack", "attack"),  # five letters is enough
        ("migriane", "migraine"),  # swapped neighbours
        ("insomnai", "insomnia"),
        ("ambulence", "ambulance"),  # wrong letter
        ("gargel", "gargle"),
        ("attackk", "attack"),  # extra letter
    ],
)
def test_speller_fixes_one_edit_typos(speller: Speller, word: str, fixed: str) -> None:
    assert speller.correct_word(word) == fixed


@pytest.mark.parametrize(
    "word",
    [
        "mgrane",  # two edits from "migraine"
        "xigraine",  # the first letter must match
        "diabetis",  # "diabetes" and "diabetic" are both one edit away: ambiguous, left alone
        "rsah",  # under five letters: too easy to land on a different real word
        "migrane",  # a typo the lay-term table maps itself is left to the table
        "tummy",  # a lay word is not a typo
        "apple",  # a real English word the corpus lacks is not turned into "apply"
        "curse",  # nor "curse" into "cure"
        "hairballs",  # no known word near it
        "cream",  # known words are never touched
    ],
)
def test_speller_leaves_other_words_alone(speller: Speller, word: str) -> None:
    assert speller.correct_word(word) == word


def test_speller_works_on_whole_messages(speller: Speller) -> None:
    assert speller.correct("Is my Cholesteol bad? 血脂高") == "is my cholesterol bad? 血脂高"
