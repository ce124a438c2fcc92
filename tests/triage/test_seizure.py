"""Triage table for seizure: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "我儿子在抽搐，口吐白沫",
    "my brother is having a seizure and it's been 6 minutes",
    "她突然全身抽，翻白眼，叫不醒",
    "had a seizure last year and now he's seizing again",
    "我哥在地上抽出，浑身僵直，叫他没反应",
    "my son is having a seisure",
    "我女朋友有癫痫，今天一上午发作了三次，每次还没完全清醒又开始了",
    "ta chou chu bu ting, yan jing wang shang fan",
    '嘴边有白沫 摇都摇不醒 刚才全身抽',
    "she had one fit, then another, and hasn't woken in between",
    'my daughter is fitting on the floor and her lips are going blue',
    '佢抽筋抽咗十分钟仲未停',
    '朋友嗑药后一直抽 叫不醒',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    '老公突然倒地 手脚一直抽 嘴里吐白沫',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    '孩子有点不对劲，一直盯着前面，叫他没反应，手一抽一抽的',
    "he's staring blankly and not responding, his mouth is twitching",
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'his seizures usually stop in a minute but this one has gone on 6 minutes and his lips are blue',
    '我個女有癲癇，今次抽咗七八分鐘都未停',
]

NOT_EMERGENCIES = [
    "以前有癫痫，现在控制得很好",
    "seizure free for 4 years, can I stop my meds",
    "小腿抽筋怎么办",
    "我妈有癫痫，会遗传吗",
    "我癫痫一年发作两三次，吃药能控制吗",
    "my mum has epilepsy, she had 3 seizures last year, can she travel",
    "晚上睡觉小腿抽筋，疼醒了",
    "she had a fit of laughter and peed a little lol",
    "i had a fit over my bill, anyway can i get a flu shot",
    '有没有什么办法戒烟 我抽了二十年',
    "what should we do if he has a seizure again, he's fine now",
    '抽了十年烟了 肺会不会有问题',
    '小腿抽筋了 揉一揉就好',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'had a seizure 10 yrs ago, none since, can i drive?',
    '我朋友他爸今天在商场抽搐了 已经送医院了 朋友要不要也去查癫痫',
    'my epileptic son had his usual short seizure this morning, back to normal now, just logging it',
    'my cat is having a seizure what do i do',
    'are seizures hereditary',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'my eyelid keeps twitching, is it stress?',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    '孩子癫痫 今天在学校小发作了一次 半分钟就停了 很快恢复了',
    '孩子癫痫发作要是超过五分钟，咪达唑仑什么时候给',
    'if his seizure ever lasts more than 5 minutes, when do I give the midazolam?',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "孩子上个月抽过一次 高热惊厥 医院查了没事 想问问注意什么",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "seizure")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
