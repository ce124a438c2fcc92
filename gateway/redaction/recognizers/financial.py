"""BANK_CARD (Luhn), INSURANCE_ID (with cues)."""

from __future__ import annotations

import re

from gateway.redaction.patterns import SEP, WRAPPED_DIGITS, PatternRule, luhn

CARD_CUES = (
    "银行卡",
    "卡号",
    "信用卡",
    "储蓄卡",
    "借记卡",
    "银联",
    "card number",
    "credit card",
    "debit card",
    "card no",
    "visa",
    "mastercard",
    "amex",
    "card ending",
    "bank card",
    "账号",
    "account number",
    "退款",
    "refund",
)
INSURANCE_CUES = (
    "医保卡号",
    "医保个人编号",
    "个人编号",
    "医保编号",
    "社保编号",
    "参保编号",
    "医保卡",
    "医保号",
    "社保卡号",
    "社保卡",
    "社保号",
    "医保账号",
    "参保号",
    "保单号",
    "保险单号",
    "保险号",
    "商保",
    "member id",
    "member number",
    "member #",
    "policy number",
    "policy no",
    "policy #",
    "policy",
    "insurance id",
    "insurance number",
    "insurance card",
    "subscriber id",
    "medicare number",
    "medicare id",
    "medicaid id",
    "medicaid number",
    "group number",
    "plan id",
    "mbi",
    "insurance",
)

# A code: letters/digits joined by dashes or by spaces before digit groups; a short word
# before a number ("is", "no") is not a code prefix.
_CODE = (
    r"(?!(?:is|was|are|no|at|on|in|of|to|the|and|for|my|his|her)\s)"
    r"(?=[A-Za-z0-9-]*\d|[A-Za-z]{1,3}[ ]\d)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])|[ ](?=\d{3})"
    r"|[ ](?=\d\d(?![\dA-Za-z]|\s*[A-Za-z%\u4e00-\u9fff]))"
    # A one-digit last group after a four-digit one: "1101 0800 3345 6".
    r"|(?<=\d{4})[ ](?=\d(?![\dA-Za-z]|[.,]\d|\s*[A-Za-z%\u4e00-\u9fff]))){3,24}"
)

# Medicare Beneficiary Identifier: 11 characters in a fixed letter/digit layout (no S, L, O,
# I, B, Z), often written 4-3-4 with dashes. The layout is specific enough without a cue.
_MBI_L = "[AC-HJKMNPQRT-Yac-hjkmnpqrt-y]"
_MBI_X = "[AC-HJKMNPQRT-Yac-hjkmnpqrt-y0-9]"
_MBI = rf"[1-9]{_MBI_L}{_MBI_X}\d[- ]?{_MBI_L}{_MBI_X}\d[- ]?{_MBI_L}{_MBI_L}\d\d"

_INSURER = (
    r"(?:aetna|cigna|humana|anthem|bcbs|uhc|unitedhealthcare|united\s*healthcare|tricare|aarp"
    r"|blue\s*(?:cross|shield)|secondary|primary)"
)

# Speed: one of these must occur (lower-cased text) for the cued rules to run.
_INSURANCE_ANCHOR = re.compile(
    r"医保卡|医保号|医保个人|医保编号|医保账号|社保卡|社保号|社保编号|参保|保单号|保险单号|保险号"
    r"|个人编号|member|policy|insurance\s*(?:id|number|no|#|card)|subscriber|medicare"
    r"|medicaid|group\s*(?:number|no|#)|plan\s*id|mbi|医保|社保|aetna|cigna|humana|anthem|bcbs|uhc"
    r"|unitedhealthcare|united\s*healthcare|tricare|aarp|blue\s*(?:cross|shield)|secondary|primary"
)

RULES = [
    PatternRule(
        "INSURANCE_ID",
        re.compile(rf"(?<![A-Za-z0-9-]){_MBI}(?![A-Za-z0-9-])"),
        0.85,
        "medicare_mbi",
        anchor=re.compile(r"[1-9][a-z][a-z0-9]\d"),
        context=INSURANCE_CUES,
    ),
    PatternRule(
        "BANK_CARD",
        # Card numbers never start with 0 ("0044 7911 123456" is a phone number).
        re.compile(rf"(?<![\dA-Za-z])[1-9](?:{SEP}?\d){{12,18}}(?![\dA-Za-z])"),
        0.5,
        "card_number",
        digit_window=True,
        min_digits=13,
        validator=luhn,
        context=CARD_CUES,
        context_before=30,
    ),
    PatternRule(
        # A card number wrapped over lines after a card cue; the Luhn check must hold.
        "BANK_CARD",
        re.compile(rf"(?<![\dA-Za-z])[1-9](?:(?:{SEP}|\n){{0,2}}\d){{12,18}}(?![\dA-Za-z])"),
        0.7,
        "card_split",
        anchor=WRAPPED_DIGITS,
        validator=luhn,
        context=CARD_CUES,
        context_required=True,
        context_before=16,
        context_after=0,
    ),
    PatternRule(
        "INSURANCE_ID",
        re.compile(
            # Speed: the first character of some cue, tested before the cue alternation.
            r"(?=[医社参个保MmPpIiSsGgAaCcHhBbUuTt])"
            r"(?:医保个人编号|医保编号|社保编号|参保编号|个人编号|医保卡号|医保卡|医保号|社保卡号|社保卡|社保号|医保账号|参保号|保单号|保险单号|保险号"
            r"|member\s*(?:id|number|#|no\.?)|policy\s*(?:number|no\.?|#|id)|insurance\s*"
            r"(?:id|number|no\.?|#|card)|subscriber\s*id|medicare\s*(?:number|id|#|no\.?)"
            r"|medicaid\s*(?:id|number|#|no\.?)|group\s*(?:number|no\.?|#)|plan\s*id|\bmbi"
            # An insurer's own ID ("Cigna ID U48821937", "secondary AARP ID 0248817-21"), a
            # bare "group" beside another insurance cue ("member ID …, group 0088214-011"),
            # the number on the e-card ("医保电子凭证上的编号是 H41…").
            rf"|\b{_INSURER}\s*(?:id|#|number|no\.?)(?![a-z])|\bgroup(?=\s*[:#]?\s*[A-Za-z]{{0,3}}\d{{4}})"
            r"|(?:医保|社保)[\u4e00-\u9fff]{0,8}?(?:编号|号码))"
            rf"(?:[^\dA-Za-z\n]{{0,6}}\n?(?:(?:is|was|number|no|码|号码|是|为)[^\dA-Za-z\n]{{0,4}})?"
            # An insurer's name may sit between cue and number: "insurance id: BCBS W2839…".
            rf"(?:[A-Za-z]{{4,10}}\s+(?=[A-Za-z]{{0,3}}\d))?"
            # Or the number a few words on: "member number on the card is XJH 482 993 221"
            # (then it starts with a capital or a digit).
            r"|[^\d\n]{0,28}?(?:\b(?:is|was)\b|:|#)\s*(?-i:(?=[A-Z0-9])))"
            rf"(?P<value>{_CODE})",
            re.IGNORECASE,
        ),
        0.9,
        "insurance_cued",
        anchor_window=(0, 96),
        anchor=_INSURANCE_ANCHOR,
        group="value",
    ),
]
