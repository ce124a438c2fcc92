"""CN_ID (resident ID, GB 11643; Hong Kong, Macau, Taiwan IDs), SSN, PASSPORT.

PASSPORT also covers the other travel and identity documents a patient quotes with a cue:
home-return and Taiwan compatriot permits, Hong Kong/Macau passes, military officer cards,
driver licences.
"""

from __future__ import annotations

import re

from gateway.redaction.patterns import SEP, WRAPPED_DIGITS, PatternRule, gb11643
from gateway.redaction.validators import taiwan_id

S = f"{SEP}?"
_DATE8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_DATE6 = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"

ID_CUES = (
    "身份证",
    "身份证号",
    "证件号",
    "公民身份号码",
    "ID card",
    "ID number",
    "identity card",
    "resident ID",
    "ID no",
    "身份号",
    "身分证",
    "身分證",
    "身份證",
    "hkid",
    "居民身份证",
)
SSN_CUES = ("ssn", "social security", "soc sec", "social")
PASSPORT_CUES = (
    "护照",
    "passport",
    "通行证",
    "travel document",
    "回乡证",
    "台胞证",
    "军官证",
    "士兵证",
    "驾驶证",
    "驾照",
    "档案编号",
    "driver's license",
    "drivers license",
    "driver license",
    "driver's licence",
    "driving licence",
    "driving license",
    "licence number",
    "license number",
    "licence no",
    "license no",
)

RULES = [
    PatternRule(
        # The date part must be a real date shape; the check character is validated but a
        # failure only lowers the score: the number is still redacted (fail closed).
        "CN_ID",
        re.compile(rf"(?<![\dA-Za-z])[1-9]\d{{5}}{S}{_DATE8}{S}\d{{3}}[\dXx](?![\dA-Za-z])"),
        0.85,
        "cn_id_18",
        digit_window=True,
        min_digits=17,
        validator=gb11643,
        on_invalid="keep",
        context=ID_CUES,
    ),
    PatternRule(
        # Grouped any way people like ("1101 0519 8203 1542 10"); the check digit must hold.
        "CN_ID",
        re.compile(rf"(?<![\dA-Za-z])[1-9](?:{S}\d){{16}}{S}[\dXx](?![\dA-Za-z])"),
        0.8,
        "cn_id_grouped",
        digit_window=True,
        min_digits=17,
        validator=gb11643,
        context=ID_CUES,
    ),
    PatternRule(
        "CN_ID",
        re.compile(rf"(?<![\dA-Za-z])[1-9]\d{{5}}{_DATE6}\d{{3}}(?![\dA-Za-z])"),
        0.7,
        "cn_id_15",
        digit_window=True,
        min_digits=15,
        context=ID_CUES,
    ),
    PatternRule(
        # After an ID cue any 15-18 character ID-like token is redacted, whatever its shape.
        "CN_ID",
        re.compile(r"(?<![\dA-Za-z])\d{14,17}[\dXx](?![\dA-Za-z])"),
        0.7,
        "cn_id_cued",
        min_digits=14,
        context=ID_CUES,
        context_required=True,
    ),
    PatternRule(
        # The same, wrapped over lines by the mail client ("510102198\n812304566").
        "CN_ID",
        re.compile(r"(?<![\dA-Za-z])\d(?:[ ]?\n?[ ]?\d){13,16}[ ]?\n?[ ]?[\dXx](?![\dA-Za-z])"),
        0.7,
        "cn_id_wrapped",
        anchor=WRAPPED_DIGITS,
        context=ID_CUES,
        context_required=True,
    ),
    PatternRule(
        "SSN",
        re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])"),
        0.85,
        "ssn_dashed",
        digit_window=True,
        min_digits=9,
        context=SSN_CUES,
    ),
    PatternRule(
        "SSN",
        re.compile(r"(?<![\d-])\d{3}[ -]?\d{2}[ -]?\d{4}(?![\d-])"),
        0.7,
        "ssn_cued",
        min_digits=9,
        context=SSN_CUES,
        context_required=True,
        context_before=40,
    ),
    PatternRule(
        # Chinese passports: E/G + 8 digits, or E + letter + 7 digits.
        "PASSPORT",
        re.compile(r"(?<![\dA-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![\dA-Za-z])"),
        0.75,
        "cn_passport",
        digit_window=True,
        min_digits=7,
        context=PASSPORT_CUES,
    ),
    PatternRule(
        "PASSPORT",
        # Upper-case document codes with at least five digits, grouped any way:
        # "C01X00T47", "G 1234 5678", "D1234-56789-01234", "MORGA753116SM9IJ".
        re.compile(
            r"(?<![\dA-Za-z])(?=(?:[A-Z -]*\d){5})[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])"
            r"|[ ](?=\d{3})){5,20}(?![\dA-Za-z])"
        ),
        0.7,
        "passport_cued",
        min_digits=1,
        context=PASSPORT_CUES,
        context_required=True,
        context_before=48,
    ),
    PatternRule(
        # Military officer / soldier cards: "南字第123456号".
        "PASSPORT",
        re.compile(r"[\u4e00-\u9fff]字第\s*\d{5,8}\s*号"),
        0.85,
        "cn_military_card",
        anchor=re.compile("字第"),
    ),
    PatternRule(
        # Hong Kong "A123456(7)" and Macau "1234567(8)" identity cards: the bracketed check
        # character is specific enough without a cue.
        "CN_ID",
        re.compile(r"(?<![\dA-Za-z])(?:[A-Z]{1,2}\d{6}|[157]\d{6})\s?\(\s?[0-9A]\s?\)"),
        0.85,
        "hk_macau_id",
        digit_window=True,
        min_digits=6,
        anchor=re.compile(r"\(\s?[0-9a]\s?\)"),
    ),
    PatternRule(
        # Taiwan ID: a letter, 1 or 2, eight digits, valid check digit.
        "CN_ID",
        re.compile(r"(?<![\dA-Za-z])[A-Z][12]\d{8}(?![\dA-Za-z])"),
        0.75,
        "taiwan_id",
        digit_window=True,
        min_digits=9,
        validator=taiwan_id,
        context=ID_CUES,
    ),
]
