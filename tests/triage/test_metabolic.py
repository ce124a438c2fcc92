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

]

NOT_EMERGENCIES = [
    '糖尿病人能吃西瓜吗',
    'had a mild hypo at work, had glucose tabs, fine now',
    '低血糖有点手抖 喝了糖水就好了',
    'my sugar was 3.9 before lunch, ate and now fine, should i change my dose',
    "i'm diabetic, what's a good snack for night shifts",
    'idk why my hands get shaky when i skip breakfast, otherwise fine',

]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "metabolic")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
