"""PERSON in Chinese: cues, titles, 老/小/某 forms; medical words are not names."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("我叫陈建国，出生日期1962年8月18日", "陈建国"),
    ("我妈王秀英今年68岁", "王秀英"),
    ("患者姓名：马小红 门诊号：0023456", "马小红"),
    ("是张医生给我开的药", "张医生"),
    ("张伟医生说要复查", "张伟"),
    ("王护士你好", "王护士"),
    ("老王说他也这样", "老王"),
    ("同事小李推荐我来的", "小李"),
    ("家属李某某签字", "李某某"),
    ("他叫赵德明 72岁", "赵德明"),
    ("李娜，女，45岁，咳嗽两周", "李娜"),
    ("户名孙志刚", "孙志刚"),
    ("我是昨天出院的李桂兰的女儿", "李桂兰"),
    ("患者叫欧阳建军", "欧阳建军"),
    ("孩子叫欣欣，3岁", "欣欣"),
    ("抬头写个人就行 刘芳", "刘芳"),
]

NEGATIVES = [
    "我妈高血压十年了",
    "黄疸指数有点高",
    "白细胞偏高怎么办",
    "能不能安排医生上门",
    "谢谢医生",
    "血压老高了怎么办",
    "小时候得过哮喘",
    "我老公最近总失眠",
    "帕金森病能治好吗",
    "吃了阿莫西林和布洛芬",
    "在协和医院看的",
    "周末可以预约吗",
    "麻烦医生看一下",
    "和医生说过了",
]


@pytest.mark.parametrize(("text", "value"), POSITIVES)
def test_finds(text: str, value: str) -> None:
    assert_finds(text, "PERSON", value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("PERSON",))
