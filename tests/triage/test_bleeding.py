"""Triage table for bleeding: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "刚才吐了一大口血",
    "vomiting blood and feel faint",
    "拉的大便是黑色的像柏油",
    "cut my leg and the bleeding won't stop, blood everywhere",
    "鼻子出血半个小时止不住",
    "吐了一大口暗红色的血",
    "拉出来的全是鲜血，一上厕所就一大滩，人发晕",
    "sliced my thigh open on a sheet of metal, blood is pumping out",
    "blood is coming out of my mouth when i cough, a whole cupful",
    "胃出血又犯了，吐了好几口黑红的东西",
    "my poop is black and tarry and i feel faint when i stand up",
    '刚才又吐学了 好几口 头晕',
    'been doing black tarry poo and nearly passed out',
    'the sink is full of bright red blood from his mouth',
    'on apixaban and my pee has gone bright red with clots',
    '我爸拉血 一马桶都是 人很虚',
    "i'm pooping pure blood and feel dizzy",
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    '我爸吃华法林的 鼻血流了一个多小时都没停',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'a little bit of blood when i cough, like half a cup',
    'probably nothing but i threw up about a cup of blood',
    '有点咳血，大概半杯',
    '我老公吐血了，大概一碗',
    "not a big deal but there's quite a lot of blood in the toilet after i pooed, the whole bowl is red",
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    '我婆婆肝硬化，刚才吐了一大盆黑红色的血',
    '老公吃阿哌沙班，鼻血流了一个多小时，堵不住',
    'my stoma bag keeps filling up with blood since the op',
    '我個仔有血友病，膝頭撞咗一下，而家腫得好快',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "来月经量特别大 一小时换两片 站起来眼前发黑要晕",
]

NOT_EMERGENCIES = [
    "刷牙的时候牙龈有点出血",
    "a little blood when I blow my nose",
    "以前胃出血住过院，现在想问吃什么养胃",
    "my blood pressure is 130/85, is that ok",
    "black stool since starting iron tablets, feel fine",
    "吃了铁剂大便发黑，没有不舒服",
    "my black stools are from pepto bismol right?",
    "吐了两次，没有血，就是胃不舒服",
    '加班加到吐血 有什么保健品',
    '我在急诊当护士 今天有个病人大出血 心里难受 怎么调节',
    'black stools since my iron tablets, otherwise well',
    'i had a nosebleed this morning, stopped after 10 minutes',
    '吐了一口痰 里面有一点血丝 抽烟多',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    '早上流鼻血了 捏了五分钟就止住了 现在没事',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'had a little blood in my spit after the dentist',
    'coughed up a little bit of blood-streaked phlegm once last week, fine since',
    '咳嗽痰里有几丝血，感冒好几天了',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'dad is on rivaroxaban, short nosebleed this morning, stopped after a few minutes of pinching',
    '爸爸吃薄血藥，刮鬍子割到一點點，壓一下就止血了',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "月经量有点多 一天换五六片 人挺好的",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "bleeding")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
