"""Triage table for metabolic emergencies (low blood sugar, ketoacidosis in a diabetic),
described by their effects, and the look-alikes that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    'my diabetic dad is sweaty, shaky and confused',
    '我妈有糖尿病 现在一身冷汗 手抖 说胡话',
    "type 1, meter says LO, shaking and can't think straight",
    'diabetic husband is sweating and slurring his words',
    '我爸打胰岛素的 血糖2.3 出冷汗 叫他半天才应',
    'type 1 diabetic, ketones high, vomiting all night and breathing fast',
    '糖尿病 尿酮三个加号 一直吐 人昏昏沉沉的',

    '我爸糖尿病，现在满头大汗，说胡话',
    '奶奶有糖尿病，浑身是汗，人糊涂了',
    'diabetic dad drenched in sweat and talking nonsense',
    '糖尿病人血糖测不出来了，叫不醒',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'my mums sugar is 2.1 and shes really drowsy',
    'my husband has sugar diabetes and hes sweaty, shaky and acting drunk but he doesnt drink',
    'ma lao gong tang niao bing, xian zai yi shen han, hun hun chen chen',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "dad is pale and sweaty and can't stay awake, he's on insulin",
    "type 1, my meter reads HI and i'm breathing kinda fast and throwing up",
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    "I have Addison's and I've been sick all morning, can't keep my hydrocortisone down, feel faint",
    '肾上腺功能不全，吐了一上午，激素药吃不进去，人迷迷糊糊',
    '老婆懷孕有糖尿病打緊胰島素，而家出晒冷汗、手震，講嘢亂晒',
]

NOT_EMERGENCIES = [
    '糖尿病人能吃西瓜吗',
    'had a mild hypo at work, had glucose tabs, fine now',
    '低血糖有点手抖 喝了糖水就好了',
    'my sugar was 3.9 before lunch, ate and now fine, should i change my dose',
    "i'm diabetic, what's a good snack for night shifts",
    'idk why my hands get shaky when i skip breakfast, otherwise fine',

    '糖尿病，运动后出了一身汗，精神很好',
    'diabetic, sweat a lot at the gym, feel fine',
    '血糖测不出来是不是血糖仪坏了',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    "I have Addison's, what's the sick day rule for my hydrocortisone?",
    '阿媽有糖尿，今朝有少少低血糖，飲咗杯糖水即刻好返',
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "metabolic")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
