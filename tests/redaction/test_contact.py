"""PHONE, EMAIL, URL, IP_ADDRESS: positives and hard negatives in both languages."""

from __future__ import annotations

import pytest

from gateway.redaction.validators import spelled_email
from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("我的手机是13812345678有事打我", "PHONE", "13812345678"),
    ("电话：138 1234 5678", "PHONE", "138 1234 5678"),
    ("联系我+86 139-0288-1234谢谢", "PHONE", "+86 139-0288-1234"),
    ("手机１３８１２３４５６７８", "PHONE", "１３８１２３４５６７８"),
    ("138\u200b1234\u200b5678 is my cell", "PHONE", "138\u200b1234\u200b5678"),
    ("家里座机010-8765 4321", "PHONE", "010-8765 4321"),
    ("打0755-12345678 转 123找我", "PHONE", "0755-12345678 转 123"),
    ("call me at (617) 555-0143 after 5", "PHONE", "(617) 555-0143"),
    ("cell is 415-555-0199", "PHONE", "415-555-0199"),
    ("my number +1 (415) 555-2671", "PHONE", "+1 (415) 555-2671"),
    ("UK mobile +44 7700 900123", "PHONE", "+44 7700 900123"),
    ("text me on 6175550143", "PHONE", "6175550143"),
    ("邮箱zhangwei1985@163.com", "EMAIL", "zhangwei1985@163.com"),
    ("email me: john.smith77@gmail.com.", "EMAIL", "john.smith77@gmail.com"),
    ("照片在https://pan.baidu.com/s/1xK9mTq2LpZ，密码我私信", "URL",
     "https://pan.baidu.com/s/1xK9mTq2LpZ"),
    ("see www.gofundme.com/f/help-dana for updates", "URL", "www.gofundme.com/f/help-dana"),
    ("my ip is 203.0.113.45 and login fails", "IP_ADDRESS", "203.0.113.45"),
    ("IPv6 2001:db8:85a3::8a2e:370:7334 blocked", "IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"),
    ("我的电话是１３９１２３４５６７８", "PHONE", "１３９１２３４５６７８"),
    ("电话：０２１－６４０８８８９９ 找财务室", "PHONE", "０２１－６４０８８８９９"),
    ("call 07700 900 456 please, UK number", "PHONE", "07700 900 456"),
    ("手机1381 234 5678", "PHONE", "1381 234 5678"),
    ("call me 0044 7911 123456", "PHONE", "0044 7911 123456"),
    ("電話：０９１２－３４５－６７８", "PHONE", "０９１２－３４５－６７８"),
]

NEGATIVES = [
    "胸痛请立即拨打120",
    "call 911 if the pain spreads to your arm",
    "心理援助热线12356，美国拨988",
    "卫生热线12320可以咨询",
    "血压180/110，心率110次/分",
    "体温38.5°C，吃了布洛芬400mg",
    "血糖12.3mmol/L，糖化7.2%",
    "took 2 tablets at 10:30:00 this morning",
    "version 2.3.1 of the app crashes",
    "白细胞计数 12.5 x 10^9/L",
    "my A1c went from 8.1 to 7.2 in 3 months",
    "预约了11月28日下午3点",
    "weight 65kg, height 170cm, bmi 22.5",
    "should I call 911 or 988",
    "12320打不通",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_clinical_text_alone(text: str) -> None:
    assert_untouched(text)


# Round 2: extensions, Chinese-numeral and 00-prefixed numbers; service numbers stay.
ROUND2_POSITIVES = [
    ("Please call my cell +44 20 7946 0958 ext 214 after 5", "PHONE", "+44 20 7946 0958 ext 214"),
    ("新号码是一三九一二三四五六七八，麻烦更新", "PHONE", "一三九一二三四五六七八"),
    ("电话 幺三八 一二三四 五六七八", "PHONE", "幺三八 一二三四 五六七八"),
    ("the number is 0044 7911 123456, my UK phone", "PHONE", "0044 7911 123456"),
    ("座机 0571 8765 4321 找我", "PHONE", "0571 8765 4321"),
    ("fax the form to 800-555-0110 please", "PHONE", "800-555-0110"),
    ("call me at (555) 123-4567 after 6", "PHONE", "(555) 123-4567"),
]

ROUND2_NEGATIVES = [
    "Call the poison control center 1-800-222-1222? he swallowed 3 gummies",
    "the suicide hotline 988 helped me last night",
    "order 0012 3456 789 shipped",
    "账号 0442 3190 2451 扣款失败",
    "一三五上午打针，二四六休息",
    "心理援助热线12356打不通",
    "BP 120/80 HR 100 RR 18, glucose 250-300",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND2_POSITIVES)
def test_round2_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND2_NEGATIVES)
def test_round2_negatives(text: str) -> None:
    assert_untouched(text, ("PHONE",))


# Round 3: country-code landlines, spelled-out e-mails, numbers wrapped over lines.
ROUND3_POSITIVES = [
    ("请回拨 0086 21 6408 1234，他早上8点吃的药", "PHONE", "0086 21 6408 1234"),
    ("联系电话：+86 0755 8612 3456", "PHONE", "+86 0755 8612 3456"),
    ("电话\n138 0013\n8000 找我爱人", "PHONE", "138 0013\n8000"),
    ("send results to john dot smith at gmail dot com please", "EMAIL",
     "john dot smith at gmail dot com"),
    ("my email john[at]gmail.com, metformin 500mg", "EMAIL", "john[at]gmail.com"),
    ("邮箱 li.ming(at)163.com，血糖12.3", "EMAIL", "li.ming(at)163.com"),
    ("email: sarah_k AT yahoo DOT com. heart rate 96", "EMAIL", "sarah_k AT yahoo DOT com"),
    ("my work address is tom{at}acme-corp{dot}com", "EMAIL", "tom{at}acme-corp{dot}com"),
    ("mary.o'neil@outlook.com is best", "EMAIL", "mary.o'neil@outlook.com"),
]

ROUND3_NEGATIVES = [
    "look at example.com for details",
    "I was at the clinic at 3pm, BP 150/95",
    "meet me at gmail office",
    "电话咨询了120\n血糖12.3",
    "血压\n130/85\n128/82\n145/92",
    "glucose\n142\n156\n131\n168\n149\n171\n160",
    "Na 138\nK 4.1\nCr 1.2\nBUN 22\nGlu 110",
    "这周血糖：早上7.8 中午11.2 晚上9.6",
    "血糖监测：0点6.1 3点5.4 6点7.2 9点10.8 12点8.9 15点9.3",
    # 400 numbers are company / hospital lines.
    "我们公司客服电话是400-820-8820",
    "医院预约电话 400 820 8820 转 3",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND3_POSITIVES)
def test_round3_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND3_NEGATIVES)
def test_round3_negatives(text: str) -> None:
    assert_untouched(text)


@pytest.mark.parametrize(
    ("value", "verdict"),
    [("john[at]gmail.com", None), ("a dot b at example dot com", None),
     ("j.smith at hotmail.com", None), ("look at example.com", False)],
)
def test_spelled_email(value: str, verdict: bool | None) -> None:
    assert spelled_email(value) is verdict


# Round 10: dictated and keypad-typed numbers, typo'd cues, "#" for "@".
ROUND10_POSITIVES = [
    ("my cell is six one seven, five five five, zero one four three", "PHONE",
     "six one seven, five five five, zero one four three"),
    ("call me on 0 7 9 1 1 1 2 3 4 5 6 tonight", "PHONE", "0 7 9 1 1 1 2 3 4 5 6"),
    ("手机 1 3 6 - 1 2 3 4 - 5 6 7 8", "PHONE", "1 3 6 - 1 2 3 4 - 5 6 7 8"),
    ("电话是幺五九，二二三三，四四五五，谢谢", "PHONE", "幺五九，二二三三，四四五五"),
    ("手机 l39OO2233l4 打这个", "PHONE", "l39OO2233l4"),
    ("phnoe 2l2-555-O1O9 after 5", "PHONE", "2l2-555-O1O9"),
    ("Sydney mobile 0413 222 333", "PHONE", "0413 222 333"),
    ("邮箱 wangfang#163.com 发我", "EMAIL", "wangfang#163.com"),
    ("mail me: kate.lee # gmail.com", "EMAIL", "kate.lee # gmail.com"),
]

ROUND10_NEGATIVES = [
    "血压一百五十到九十，心率八十几",
    "一天三次，一次两片，连吃七天",
    "体温三十八度五，吃了布洛芬",
    "BP 150 over 95, pulse one hundred and two",
    "pain went from eight to six to four after the meds",
    "I took two, then one, then two more tablets",
    "配药号码 1 2 3",
    "shoe size 9, O2 sat 96%, 500ml water, lOl",
    "试剂 bed#12.com 不是邮箱",
    "call 9 1 1 right away",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND10_POSITIVES)
def test_round10_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND10_NEGATIVES)
def test_round10_negatives(text: str) -> None:
    assert_untouched(text)
