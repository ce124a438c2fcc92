"""Triage table for sepsis: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "发烧39度，人开始说胡话",
    "fever 40, confused and breathing really fast",
    "化疗后第十天发烧38.5",
    "尿路感染好几天，今天高烧寒战，血压90/50",
    "high fever and a purple rash that doesn't fade when I press a glass on it",
    "fa shao 40 du, hun shen fa dou, shen zhi bu qing",
    "my incision is red hot and oozing, fever and heart racing",
    "had my spleen removed years ago and now i have a fever and chills",
    "奶奶发烧，一直昏睡，叫她只是哼一声",
    "running a fever of 39.5, shivering uncontrollably and barely able to stand",
    "fever, shaking, and a rash of tiny purple dots on my legs",
    "刚做完手术回家，发烧39度，伤口流脓，人昏沉",
    "sepsis again? same as last time, fever and shaking and feel awful",
    '尿路感染好几天了 现在浑身滚烫 不知道自己在哪',
    "my dad has a uti and now he's burning hot and doesn't know where he is",
    '发烧 身上起了紫红色的点 按着不退',
    'he stepped on a nail a week ago, now his foot is red and swollen up to the knee, fever and confused',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'my dads been sick for a few days, today hes really drowsy, his skin is mottled and he hasnt peed since yesterday',
    'temp 40 rash that doesnt go away when i press a glass on it, my son is 5',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "her tummy is rock hard and she's in agony",
    '肚子突然剧痛，摸着硬得像木板',
    '宝宝发烧，脖子硬硬的，身上有紫色的点点，按了不褪',
    "my mum isn't making sense and she's really hot to touch",
    "I have sickle cell and i've got a fever of 38.6",
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'kidney transplant in 2019, now a fever of 38.9 and shivering',
    "had a liver transplant years ago, today I'm burning up and shaking",
    '肝移植五年了，今天发烧39度，一直打冷颤',
    '腎移植咗三年，今日發燒到39度',
    'my op was 4 days ago and now my tummy is rock hard and it hurts to move',
    '做完手术第三天，肚子疼得厉害，摸着硬邦邦的',
    'my dad keeps throwing up green stuff and his belly is swollen and tight',
    '個仔發高燒，身上有紫點，按落去都唔褪色',
]

NOT_EMERGENCIES = [
    "发烧37.8，有点咳嗽",
    "mild fever since yesterday, eating and drinking fine",
    "感冒三天了，吃什么药",
    "有点低烧37.5，化疗结束三年了",
    "had my spleen removed years ago, which vaccines do I need",
    "头有点昏沉，没发烧，昨晚没睡好",
    "I had sepsis two years ago, fully recovered, should I get the pneumonia vaccine",
    'i watched a video about sepsis and got scared, i just have a paper cut',
    '低烧37.5 精神很好 能吃能睡',
    'my kidney infection is better on antibiotics, no fever now',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'I have sickle cell, need a repeat prescription for folic acid',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'kidney transplant 10 years ago, can I have the flu jab',
    'had my appendix out 3 weeks ago, scar a bit itchy, no fever',
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "sepsis")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
