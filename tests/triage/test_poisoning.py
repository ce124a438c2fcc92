"""Triage table for poisoning: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "我把一整瓶安眠药都吞了",
    "took the whole bottle of my sleeping pills",
    "孩子误吞了一颗纽扣电池",
    "my toddler drank some bleach",
    "全家人头晕恶心，煤气好像泄漏了",
    "took 30 paracetamol an hour ago on purpose but I feel fine",
    "我吃了二十片安眠药",
    "孩子把爷爷的药当糖吃了",
    "my kid ate some of grandma's blood pressure pills",
    "we found our teen passed out next to an empty pill bottle",
    "my 3yo found my vape and drank the liquid",
    "i'm sitting in my car with the engine running in the garage",
    "冬天屋里生了个炉子，早上起来头痛得厉害，全家都想吐",
    "gang cai chi le yi ping an mian yao",
    "我儿子说活着没意思，刚才把他爸的安眠药全吃了",
    "took a hole bottle of pills",
    "bitten by a snake while hiking, my leg is swelling fast",
    "我被蛇咬了，腿肿得很快",
    "we have a gas smell in the house and my kids are vomiting",
    "my toddler ate some of my blood thinners",
    'he drank some dishwasher liquid and is coughing',
    '老伴把降压药吃了两遍 现在头晕得站不住',
    'sprayed with pesticide in the field, now drooling and his pupils are tiny',
    'my teen swallowed a handful of her adhd tablets and is shaking',
    "he was in the garage with the car running and now he's confused and sleepy",
    '我女儿把妈妈的避孕药吃了半板',
    "i took way too much insulin by accident and i'm getting shaky and sweaty",
    "my wife insists she's fine but she drank a glass of the weedkiller by mistake",
    'my son he is eat my heart pill, 3 pill, he is 2 years',
    '孩子吞了一节电池',
    'snake bit my hand while hiking',
    'a rattlesnake just bit my son on the leg',
    '我爸被蛇咬了',
    '让蛇给咬了一口',
    '蝎子蛰了孩子',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'took 30 片 paracetamol 一个小时前 现在还好',
    "she keeps dozing off mid sentence and her breathing is really slow and snory, she'd been drinking all night and took something",
    'grandma took her water pill 3 times today by mistake and now shes really dizzy and confused',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'my teenage son swallowed a couple of magnets an hour ago',
    '孩子吞了两颗磁力珠',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    "my toddler had nana's fentanyl patch in his mouth, he is very drowsy",
    '孩子把奶奶的芬太尼贴片舔了，现在昏昏沉沉的',
    "dad's on lithium, he's been vomiting, shaking and is confused today",
    '妈妈吃碳酸锂的，这两天拉肚子，手抖，走路不稳',
    'on fluoxetine and took tramadol for my back, now twitching, sweating and my heart is racing',
    '食緊抗抑鬱藥，又食咗曲馬多，而家腳一直抽動，出好多汗，發燒',
    '阿爸食咗兩排安眠藥，叫極佢都唔醒',
    'BB 食咗阿爺嘅降壓藥，唔知食咗幾粒，而家好眼瞓',
    '煤气灶开着没点着，爸爸晕倒在厨房',
]

NOT_EMERGENCIES = [
    "如果吃多了安眠药会怎么样",
    "what if my kid swallows a battery, what should I do",
    "布洛芬和对乙酰氨基酚能一起吃吗",
    "how many paracetamol can I take in a day",
    "can you overdose on vitamin c",
    "how dangerous is carbon monoxide from a gas heater, should I buy a detector",
    "新闻里说有人一氧化碳中毒，家里要装报警器吗",
    "孩子舔了一口洗洁精，吐出来了，漱了口，现在玩得好好的",
    "my empty pill bottle needs a refill",
    "假如 hiking 的时候被蛇咬了，第一步该做什么",
    "I smelled gas in the street outside but it's fine at home",
    "my dog ate my blood pressure pill, should i call the vet",
    "my toddler ate some of my vitamins, one gummy, is that ok",
    '在家烧炭取暖安全吗',
    '用燃气热水器要不要装报警器',
    '闻到一点煤气味 已经关了阀门开了窗 大家都没事',
    "took my mum's blood pressure pill by mistake, it was just one, i feel fine",
    'is it safe to run a gas heater in the bedroom overnight',
    'my 2yo licked a battery, it was a dead AA, no burns, fine',
    'kid ate a silica gel packet, is that poisonous',
    'i read that carbon monoxide is silent, what detector should i buy',
    'a snake bit my dog',
    'if a snake bit me what should i do',
    '小时候被蛇咬过',
    '怎么防止被蛇咬',
    'how to avoid snake bites when hiking',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'do i need to worry about overdose if i take 2 tylenol every 6 hrs for a week?',
    'watched a documentary about overdoses, how does naloxone work',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'got shampoo in my eye, rinsed it, a bit red',
    '洗发水进眼睛了，冲了一下，有点红',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'how should we throw away used fentanyl patches safely, we have kids',
    "I'm on lithium, can I take paracetamol for a headache?",
    'started sertraline last week, a bit nauseous, is that normal',
    "Our CO alarm chirped - it's the low battery warning, everyone's fine",
    '燃气报警器响了一下，原来是电池没电了，大家都好',
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "poisoning")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
