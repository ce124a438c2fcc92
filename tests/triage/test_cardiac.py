"""Triage table for cardiac: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "胸口像压了块大石头，一直出冷汗",
    "心口疼得厉害，往左胳膊窜",
    "my chest is so tight and the pain is going down my left arm",
    "crushing chest pain for 20 minutes and i'm sweating",
    "我爸突然倒地叫不醒了",
    "dad collapsed in the kitchen and isn't breathing",
    "MI two years ago and now the same pain is back",
    "我觉得自己心梗了，胸口闷得喘不上气",
    "心口揪着疼，一直疼到后背，还想吐",
    "胸口蒙得厉害，左胳膊麻，出虚汗，是不是心机梗塞",
    "胸口好tight，喘不上气，一直在sweating",
    "chest paiin and cant breath good, left arm numb, sweatin alot",
    "my chest feels like its in a vice and my left arm is tingling",
    "massive pressure behind my breastbone, spreading to my neck",
    "我爸胸口疼了一个多小时了，吃了速效救心丸也没好",
    "xiong kou tong de hen li hai, zuo bi fa ma, chu le hen duo han",
    "没发烧胸口疼得厉害出冷汗",
    "我妈走了没两步就胸口疼，一身冷汗",
    "feels like a heart attack tbh, tight chest, arm throbbing, cant stop sweating",
    "for no reason at all my chest started crushing and i'm sweating",
    "我老爸心口疼得直哼哼，满头大汗，手冰凉",
    "i think im haveing a hart attack",
    "really bad indigestion that won't go away, now my left arm aches and I'm sweaty, I'm 60",
    "我妈说胃口那儿疼，往后背窜，出了好多汗，她有糖尿病",
    "my heart is beating 180 and i feel like i'm going to faint",
    "心脏那块绞着疼，人快不行了",
    '他脸灰灰的一头冷汗 说胸口闷',
    '我兄口疼得厉害 后背也疼 满头大汗',
    'my dad looks grey and clammy and keeps saying his chest is heavy',
    '心窝那块好像有只手在攥着 出了一身虚汗',
    "she's gone pale and sweaty and is muddled, not herself at all",
    '他突然捂着胸口倒下了',
    'xiong men de hen li hai, chu leng han',
    '我妈心慌得厉害 心跳一百八 头晕眼发黑',
    'my heart is beating super fast and irregular and i nearly fainted twice',
    '阿妈心口痛到出冷汗',
    'cheast pain for an hour spreading to my jaw, sweaty',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    '我爸在厕所里晕倒了叫他也不答应呼吸呼噜呼噜的',
    'my chest feels like someone is standing on it and im sweating, 58 male',
    'pain in my jaw and left arm, feel sick and sweaty, no chest pain though',
    "he's slumped in his chair and won't answer, breathing but barely",
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "this is silly but my chest feels kinda heavy and i'm sweating a bit, i'm 60",
    '不好意思，我妈脸色有点发灰，出冷汗，说胸口闷',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'on dialysis, skipped my last two sessions, legs feel like jelly and my heart keeps skipping',
    '我媽洗腎嘅，尋日冇去洗，而家話隻腳好軟，心跳亂',
    '透析漏了两次，现在胸口闷，手脚没劲',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "心跳得咚咚的跟打鼓一样 眼前发黑 快晕倒了",
]

NOT_EMERGENCIES = [
    "没有胸痛，就是有点反酸",
    "no chest pain at all, just a cough",
    "去年放过支架，想问能不能停阿司匹林",
    "my dad had a heart attack at 60, should I get checked",
    "万一心梗了该怎么办",
    "that price nearly gave me a heart attack",
    "气得我心脏病都要犯了",
    "what are the warning signs of a heart attack",
    "胸口不疼，就是有点咳嗽",
    "胸口按着疼，昨天搬家具了，不闷不喘",
    "chest wall hurts when I press on it after lifting weights, no shortness of breath",
    "heartburn after spicy food, burning in my upper belly, goes away with tums",
    "胸口不怎么闷，就是有点胃胀",
    "救命，这个中药好苦，能加糖吗",
    "i have a cough and some chest discomfort when i cough, no fever",
    '跑完步胸口有点紧 歇了两分钟就好了',
    'a bit of chest tightness after spin class, gone once i cooled down',
    '没有胸痛气短 就是最近睡不好',
    'my heart flutters for a second after coffee, no dizziness',
    'my mom had a heart attack and a stroke years ago, doing great now, can she fly?',
    'bp 158/104 this morning, no headache, should I up my meds',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'probably nothing, a little twinge in my chest when I press on my ribs after moving boxes',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'missed my dialysis on Friday, feel totally fine, going tomorrow, what should I eat tonight',
    '透析少做了一次，没什么不舒服，明天补上',
    'pink frothy milkshake gave me a stomach ache lol',
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "cardiac")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
