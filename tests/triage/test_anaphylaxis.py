"""Triage table for anaphylaxis: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "吃了花生以后嗓子肿了，喘不上气",
    "bee sting and now my throat is closing",
    "ate shrimp, lips and tongue swelling and I'm wheezing",
    "过敏性休克",
    "used my epipen but still struggling to breathe",
    "not a big deal probably but my lips are swelling after the new meds and my throat feels tight",
    "吃了腰果嘴巴肿了，嗓子发紧",
    "chi le hua sheng hou hou long fa jin, hu xi kun nan",
    "对海鲜过民，吃了螃蟹后喉咙肿了，呼吸费劲",
    "stung by a bee and now i feel faint and my tongue is thick",
    "after the contrast dye my whole body went red and i feel like i'm going to pass out",
    "昨晚吃了点朋友给的花生酥，然后嘴唇就开始肿，现在嗓子有点紧，说话声音也变了",
    '我对虾过敏 刚吃了虾饺 嘴唇肿了 还有点喘',
    "i'm allergic to sesame and my throat is getting tight",
    '打完造影剂全身通红 头晕',
    'after the new antibiotic my tongue is swelling',
    'stung by a bee, now i feel faint and my whole body is itchy and red',
    '吃了海鲜 全身起疹子 嗓子像被掐住了',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'i can feel my throat closing up, i dont know what from',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'probably overreacting but after the cashews my throat feels a little tight and my voice is hoarse',
    '被马蜂蛰了，全身起疹子，嗓子发紧',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    '佢對蝦敏感，啱啱食咗蝦餃，而家塊面腫晒，氣都喘唔順',
    '我對花生敏感，食咗塊餅之後喉嚨好緊，聲都啞埋',
]

NOT_EMERGENCIES = [
    "花粉过敏打喷嚏流鼻涕",
    "had anaphylaxis as a kid, need a new epipen prescription",
    "假如吃了过敏的东西喉咙肿了该怎么办",
    "mild itchy rash after new soap",
    "对花生过敏，吃了一点点，没有任何过敏反应，嘴不肿",
    "hives on my arms after a new detergent, no lip or throat swelling, breathing fine",
    '对花生过敏 刚才吃了一点花生酱 一点反应都没有',
    'lip swollen and numb after a filling, normal?',
    'my lip swelled up after the dental injection, numbness wearing off',
    '吃了海鲜有点拉肚子 没有起疹子',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'my lips swell a little when i eat kiwi, goes away in an hour, nothing else',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'bee stung my arm, red and a bit swollen around the sting, itchy',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    '佢對花粉敏感，春天成日打乞嚏，想開啲抗敏藥',
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "anaphylaxis")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
