"""BANK_CARD (Luhn) and INSURANCE_ID (cued)."""

from __future__ import annotations

import pytest

from gateway.redaction.patterns import luhn
from tests.redaction.helpers import assert_finds, assert_untouched

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
