"""Triage table for trauma: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "头撞了，晕过去了，一直吐",
    "hit his head, was knocked out, now vomiting and confused",
    "从三楼摔下来了，腿动不了",
    "被开水烫了，胸口和胳膊一大片，皮都掉了",
    "got hit by a car and can't feel my legs",
    "my kid fell off the bunk bed onto his head and won't stop vomiting, he's sleepy",
    "bei che zhuang le, tou liu xue, hun mi bu xing",
    "开水把孩子整条腿烫了，起了好多大泡",
    "my son got his hand caught in the lawnmower",
    "my son fell off his bike without a helmet, hit his head, he's vomiting",
    "bad burns on my legs from boiling water, skin coming off",
    "got kicked in the head by a horse, very confused",
    "chemical splashed in my eye at work, it's burning and i can't see",
    "化学品溅到眼睛里了，看不见了",
    "我儿子13岁，打篮球的时候被撞了一下头，当时没事，回家后一直吐，现在说头很疼，想睡觉",
    "fell off my roof and i think i broke my back",
    'my father hand got caught in the machine, two fingers cut off',
    '工友从脚手架掉下来 背着地 腿没知觉',
    '一个老人被电动车撞倒 躺着不动',
    '孩子把手伸进了绞肉机',
    'my hand got caught in the meat slicer, fingertip is gone',
    'my father he fall in bathroom, hit head, now he is sleepy sleepy and vomit',
    'my boy fell off the monkey bars, hit his hed and keeps falling asleep',
    "roofer fell about 4 metres off the scaffold, can't feel his legs",
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    '被人打了 肚子挨了好几脚 现在肚子疼得厉害 头晕想吐',
    'fell off motorbike, my leg bone sticking out through skin',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "my dad (70) fell and now can't really move his leg and it looks shorter",
    "my mum fell on the kitchen floor, her foot is pointing outwards and she can't get up",
    '我奶奶摔了，右腿比左腿短，还往外撇',
    '儿子踢球摔倒了，脖子疼，胳膊发麻',
    'my son got tackled at rugby, neck is sore and his fingers are tingling',
    "got zapped fixing a light switch, now my heart feels like it's skipping and my hand has a burn mark",
    '修插座的时候被电了一下，现在心慌，手上有烧伤',
    'my little girl got bleach in her eye',
    '洗厕所的时候洁厕灵溅到眼睛里了',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    "mum's on warfarin and banged her head on the door frame, now she's vomiting and drowsy",
    '阿爺食緊薄血藥，跌親撞到個頭，啱啱嘔咗兩次',
    '爷爷吃华法林，摔了一跤撞到头，现在头痛想吐',
    'grandma has been on the floor since last night, she cannot get up and is confused',
    '奶奶在地上躺了一整晚，爬不起来，尿是酱油色',
    'my dad fell down the stairs, his leg is twisted outward and he cannot stand',
]

NOT_EMERGENCIES = [
    "打球崴了脚，有点肿",
    "small cut on my finger while cooking",
    "burned my hand on the oven, blister the size of a coin",
    "小时候摔断过胳膊，现在阴天会疼",
    "my toddler hit his head on the table, cried right away, now playing normally",
    "孩子头磕了桌角，哭了一下，现在玩得挺好",
    "被烫了一下，手指起了个小泡",
    "fell off my bike, scraped knee, no head injury, wearing helmet",
    'drowning in night shifts lately, how do i fix my sleep',
    'kid bumped his head on the table, cried, playing normally now',
    "my son was almost hit by a car today, he's fine, just shaken",
    'my sun burn is really bad, peeling, no blisters',
    'my friend was stabbed in the back by her coworker lol figuratively',
    "my dog got hit by a car, where's the nearest vet",
    '我家猫被电动车撞了 腿瘸了',
    'fell off a ladder in 2018, hip has been fine since',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'fell off a ladder in 2018 and broke my hip, now my knee aches when it rains',
    'my dad was in a car accident in 2010 and broke his back, now he has chronic back pain, what painkillers',
    '2018年从梯子上摔下来髋骨骨折 现在阴雨天膝盖疼',
    '发烧38度 喉咙疼 两天了 能吃能睡',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'my leg has always been a bit shorter than the other, do i need insoles',
    'grandma fell last month, bruised hip, walking ok now with a stick',
    'touched an electric fence on a walk, felt a zap, totally fine now',
    '碰到电蚊拍被电了一下，没什么感觉',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'on apixaban, bumped my head on a shelf 3 days ago, no headache, feel normal',
    '吃利伐沙班，头碰了一下柜门，没有头痛也没吐',
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "trauma")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
