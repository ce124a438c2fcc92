"""BANK_CARD (Luhn) and INSURANCE_ID (cued)."""

from __future__ import annotations

import pytest

from gateway.redaction.patterns import luhn
from tests.redaction.helpers import assert_finds, assert_untouched, found

POSITIVES = [
    ("退到这张卡6222 0212 3456 7894，工商银行", "BANK_CARD", "6222 0212 3456 7894"),
    ("农行卡 6228 4800 1234 5678 903 户名", "BANK_CARD", "6228 4800 1234 5678 903"),
    ("card 4532 0151 1283 0366 was charged twice", "BANK_CARD", "4532 0151 1283 0366"),
    ("招商银行6214-8301-2345-6781", "BANK_CARD", "6214-8301-2345-6781"),
    ("医保卡号是3201 0234 5566", "INSURANCE_ID", "3201 0234 5566"),
    ("医保卡号：SH8830127745", "INSURANCE_ID", "SH8830127745"),
    ("member ID: UHC4471290835", "INSURANCE_ID", "UHC4471290835"),
    ("policy number is BCBS-77812340", "INSURANCE_ID", "BCBS-77812340"),
    ("Medicare number for my mother is 1EG4-TE5-MK72", "INSURANCE_ID", "1EG4-TE5-MK72"),
    ("医保个人编号 H44010600234567 怎么查余额", "INSURANCE_ID", "H44010600234567"),
    ("insurance id: BCBS W2839 4471 02", "INSURANCE_ID", "W2839 4471 02"),
]

NEGATIVES = [
    "花了1234元做检查",
    "步数今天12345步",
    "保险公司说要等30天",
    "my insurance won't cover the 2 MRI scans",
    "订单号 20231128153045",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("BANK_CARD", "INSURANCE_ID"))


@pytest.mark.parametrize(
    ("number", "valid"),
    [("4532015112830366", True), ("6222021234567894", True), ("4532015112830367", False)],
)
def test_luhn(number: str, valid: bool) -> None:
    assert luhn(number) is valid


# Round 3: the number a few words after its cue, letter-prefixed codes with spaces, and
# card numbers wrapped over lines (Luhn must hold).
ROUND3_POSITIVES = [
    ("my insurance — it's Blue Cross, member number on the card is XJH 482 993 221",
     "INSURANCE_ID", "XJH 482 993 221"),
    ("保险单号是PA 2024 5566 7788，商业保险能报吗", "INSURANCE_ID", "PA 2024 5566 7788"),
    ("Aetna member ID W 2839 4471 02", "INSURANCE_ID", "W 2839 4471 02"),
    ("Medicare 1EG4-TE5-MK73, copay $35", "INSURANCE_ID", "1EG4-TE5-MK73"),
    ("卡号\n6217 0000\n1234 5678 907", "BANK_CARD", "6217 0000\n1234 5678 907"),
    ("Medicare number 1EG4 TE5 MK73", "INSURANCE_ID", "1EG4 TE5 MK73"),
    ("医保卡号\n1101 0012 3456 7890", "INSURANCE_ID", "1101 0012 3456 7890"),
]

ROUND3_NEGATIVES = [
    "insurance covers 80% of $1,250",
    "member of the support group since 2019",
    "policy is to call 911",
    "the policy number is on the card, copay $20 for 30 tablets",
    "卡号我忘了\n血糖12.3\n血压130/85",
    "member number is on the card, was 12 digits",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND3_POSITIVES)
def test_round3_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND3_NEGATIVES)
def test_round3_negatives(text: str) -> None:
    assert_untouched(text, ("BANK_CARD", "INSURANCE_ID"))


# Round 8: a one-digit last group after a four-digit one; a dose after the number stays.
ROUND8_POSITIVES = [
    ("医保卡号 1101 0800 3345 6，门诊报销比例是多少", "INSURANCE_ID", "1101 0800 3345 6"),
    ("member id XJH 4456 7721 01, Blue Cross", "INSURANCE_ID", "XJH 4456 7721 01"),
    ("退费请转到 6222 0732 9797 4856 229 户名黄丽", "BANK_CARD", "6222 0732 9797 4856 229"),
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND8_POSITIVES)
def test_round8_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


def test_round8_unit_not_a_last_group() -> None:
    assert ("INSURANCE_ID", "1101 0800 3345 6") not in found("医保卡号 1101 0800 3345 6个月")


# Round 9: an insurer's own ID, a bare "group" beside another insurance cue, the e-card
# number; an amount or a unit written after the number stays.
ROUND9_POSITIVES = [
    ("My old Cigna ID U48821937 should be removed", "INSURANCE_ID", "U48821937"),
    ("Medicare MBI 3GH7-TK2-PM55, secondary AARP ID 0248817-21.", "INSURANCE_ID", "0248817-21"),
    ("member ID here: W 3381 9920 47, group 0088214-011.", "INSURANCE_ID", "0088214-011"),
    ("医保电子凭证上的编号是 H41010200871234，异地就医", "INSURANCE_ID", "H41010200871234"),
    ("卡号 6217 0000 1234 9870 12床", "BANK_CARD", "6217 0000 1234 9870"),
]

ROUND9_KEEPS = [
    ("医保卡号 1101 0800 2231 7 23,456.78 元", "23,456.78"),
    ("银行卡 6217 0000 1234 9870 30片", "30片"),
    ("社保卡号 F3201 8826 7451 2024-11-03 06:30", "2024-11-03 06:30"),
    ("card 4532 0188 7766 5548 3 tablets", "3 tablets"),
    ("policy # HUM-4418-2290-01 42.56 Gy", "42.56 Gy"),
    ("医保卡号 1101 0800 2231 7\n0.5g q8h", "0.5g"),
]

ROUND9_NEGATIVES = [
    "my support group meets on Tuesdays at 7",
    "the primary care visit was $40",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND9_POSITIVES)
def test_round9_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize(("text", "keep"), ROUND9_KEEPS)
def test_round9_value_after_number_kept(text: str, keep: str) -> None:
    assert all(keep not in v for _, v in found(text)), found(text)


@pytest.mark.parametrize("text", ROUND9_NEGATIVES)
def test_round9_negatives(text: str) -> None:
    assert_untouched(text, ("INSURANCE_ID",))
