"""Triage table for stroke: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "我妈嘴歪了，说话也不清楚",
    "右边身子突然没劲了",
    "his face is drooping on one side and he's slurring",
    "suddenly can't lift my left arm",
    "刚才半边脸麻了十分钟，现在好了",
    "worst headache of my life, came on like a thunderclap",
    "奶奶突然说话含含糊糊的，筷子也拿不住",
    "我公公吃饭的时候突然筷子拿不稳，嘴巴一边往下掉",
    "爷爷早上起来一侧手脚都不会动了",
    "我老婆刚刚突然讲话讲不出来，右手也拿不起东西",
    "my grandmother can't seem to raise her right arm and her words don't make sense",
    "mum's face looks weird on one side and she can't hold her tea cup",
    "wo ba tu ran shuo hua da she tou, zou lu wang yi bian dao",
    "my nan's gone all droopy on one side of her face and isn't making sense",
    "老妈刚才说头晕，然后半边脸就麻了，说话也不太对",
    "grandma suddently cant move her left side",
    "我姥爷突然就不会说话了，光张嘴出不来声",
    "my dad says the room is spinning, he can't stand, and he's seeing double",
    "worst headache ever, came on like a bang while lifting weights",
    'my granddad is having a struck i think, his mouth is drooping',
    'her words are all jumbled rn and her right arm is just dangling there',
    "he stopped mid sentence and now he doesn't understand anything we say",
    'headache hit me like someone hit me with a hammer, worst ever, been sick',
    '妈妈说看东西都是双的 走路东倒西歪 还吐了',
    '我老豆突然讲唔到嘢 半边面歪咗',
    'sudden loss of vision in my left eye',
    'lost the vision in my right eye this morning',
    'my mum suddenly went blind in one eye',
    "can't see out of my left eye all of a sudden",
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'My father words come out wrong, he say fork when he mean phone, started this morning, he is confuse',
    'had a stroke in 2019 and this morning his speech is still slurred but now his face is drooping too',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "it's probably nothing but my wife's face looks a bit droopy on the left and her words are coming out funny",
    '应该没什么事，就是我爸说话有点大舌头，嘴有点歪，半小时前开始的',
    "sudden terrible pain in my left eye and i'm seeing halos around lights",
    "the vision in my right eye went dark like a curtain, it's coming back now",
    "kinda weird, my left hand went clumsy an hour ago and i can't hold my cup, probably slept on it?",
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    '我先生剛才吃晚飯時突然講話含糊，嘴角往右邊歪',
    '我爸血压测了一下 210/130，头痛得要炸',
    '阿媽突然一邊手冇力，講嘢唔清楚',
]

NOT_EMERGENCIES = [
    "三年前中风过，现在做康复",
    "had a stroke in 2019, asking about physio",
    "my mom had a stroke at 70, am I at risk",
    "怎么识别中风的早期症状",
    "how do I recognise a stroke",
    "面部没有歪斜，说话也正常，就是头有点晕",
    "嘴不歪，手脚也有劲，说话清楚，就是有点头疼",
    "刚拔完牙打了麻药，嘴麻，说话有点不利索",
    "my arm is numb from sleeping on it",
    "my speech is slurred because i'm drunk lol, how to avoid a hangover",
    "had my tooth pulled, face numb on one side, when does it wear off",
    "我爸有点口齿不清，是因为刚拔了牙打了麻药",
    "my grandma's face droops a bit since her stroke in 2015, she's the same as always",
    '以前中过风 左腿一直没劲 好几年了 想问康复',
    '老爸说话本来就不太清楚 从小就这样',
    "my mum's had parkinson's for 12 years and her speech is slurred, any apps",
    '喝酒以后说话大舌头 第二天就好了',
    '奶奶老年痴呆 说话前言不搭后语 好几年了',
    '我妈 stroke 过 三年前 现在康复很好',
    'grandpa has had a droopy eyelid for years, can he get surgery',
    'lost vision in my left eye years ago from glaucoma',
    'gradual loss of vision, need new glasses',
    "can't see out of my left eye since childhood, lazy eye",
    'what causes sudden loss of vision',
    '突然看不清是什么原因？',
    'my grandmother lost the sight in one eye in 2010',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'grandpa had a stroke in 2015, his speech is still a bit slurred, can he take melatonin',
    'Mother stroke last year, now she walk with cane and left hand still weak, need physio referral',
    '我妈去年脑梗 现在拄拐 左手还没力气 想转康复科',
    '我爷爷2015年中风过 现在说话还是有点不清楚 能吃褪黑素吗',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    '我爸以前中风过，现在嘴还有点歪，能吃阿司匹林吗',
    'my dad had a stroke 3 years ago, his mouth still droops a little, can he fly?',
    'woke up with my arm numb, slept on it funny, fine after shaking it',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'My aunt had a stroke in 2019 and her speech has been slurred ever since. Can we get speech therapy again?',
    '阿爸中風咗三年，講嘢一直都唔係好清楚，想排言語治療',
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "stroke")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
