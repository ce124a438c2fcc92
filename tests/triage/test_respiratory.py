"""Triage table for respiratory: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "喘不上气，嘴唇发紫",
    "cant breath, lips going blue",
    "孩子吃东西卡住了咳不出来",
    "asthma attack and my inhaler isn't helping, can only say a few words",
    "血氧掉到85%",
    "I can't breathe properly at all",
    "我老公呼吸特别急，一直张着嘴喘，叫他反应也慢",
    "breathng is realy hard, wheezing bad and my puffer does nothing",
    "I'm so breathless I can barely talk, and I'm sitting still",
    "my husband's COPD is really bad today, he's struggling for every breath and his lips look purple",
    "the skin above his collarbone sucks in with every breath and his lips are going dusky",
    "chuan bu shang qi lai, kuai zhi xi le",
    "不咳嗽也不发烧就是喘不上气嘴唇发紫",
    "我爸走了几步路就喘不上气，嘴唇发紫",
    "coughing up frothy pink stuff and can't lie flat",
    '呼西困难 嘴唇发紫',
    "asthma: she can only say 3-4 words between breaths and the puffer isn't doing anything",
    "my dad can't lie flat, has to sit up all night and his lips are blue",
    'copd flare, breathing very difficult, sats 86',
    '老公吃鱼被鱼刺卡住 现在说不出话 脸憋红了',
    "he's blue around the mouth and breathing really slowly",
    "grandad's breathing is very shallow and he's really drowsy",
    "short of breth at rest, can't finish a sentence",
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'so out of breath i cant walk to the bathroom, started suddenly today',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'slightly short of breath, lips look a bit blue',
    '不好意思，宝宝嘴唇有点发青，呼吸有点快',
    "i'm a bit wheezy and my inhaler isn't really working, lips going a bit blue",
    '孩子在游泳池被捞上来，现在一直咳嗽，迷迷糊糊的',
    "pulled my little brother out of the lake, he's coughing and really sleepy",
    'she keeps nodding off and her lips are kind of purple',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    "his heart failure is worse, he's bringing up pink frothy spit and has to sit up to breathe",
    '我婆婆心衰，今晚咳出粉红色泡沫样的痰',
    "he has MND, his breathing has gone really shallow and he's hard to rouse",
    'asthmatic, using my blue inhaler every 20 minutes, i can only say 3 words at a time',
    '我爸爸有心臟衰竭，講話都好喘，一句話說不完，要坐著先可以呼吸',
]

NOT_EMERGENCIES = [
    "不喘不憋，就是嗓子有痰",
    "no trouble breathing, just a runny nose",
    "压力大得喘不过气来，失眠",
    "爬三楼有点喘，正常吗",
    "what should I do if my child chokes",
    "can't breathe through my nose, so congested",
    "nose is blocked, can't breathe through it at night",
    "喘得不厉害，就是有点咳嗽",
    "ran a marathon, legs are dead, breathing was hard at the end but fine now",
    "累得我喘不过气，哈哈，项目终于上线了",
    '笑到喘不过气 哈哈 顺便问下哮喘药能带上飞机吗',
    'drowning in deadlines at work, any tips for sleep',
    'lips went blue after a cold swim, warm now and fine',
    'my son has a cold and a bit of a wheeze, no trouble breathing, eating fine',
    'this job is suffocating me',
    '笑得我肚子疼 都喘不过气了',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "my lips turn a bit blue when i'm cold, fine once i warm up",
    '孩子吃了桑葚嘴巴紫紫的',
    "my kid's lips turned blue from a blue raspberry ice pop haha",
    '嘴唇不紫，也不喘，就是有点咳嗽',
    'doing a first aid course: what should you do if someone is drowning?',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    "my dad's COPD is a bit worse with a cold, sats 93 as usual, talking in full sentences",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "respiratory")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
