"""CN_ID (resident ID, GB 11643), SSN, PASSPORT."""

from __future__ import annotations

import re

from gateway.redaction.patterns import SEP, PatternRule, gb11643

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
)
SSN_CUES = ("ssn", "social security", "soc sec", "social")
PASSPORT_CUES = ("护照", "passport", "通行证", "travel document")

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
        re.compile(r"(?<![\dA-Za-z])[A-Z]{0,2}\d{6,9}(?![\dA-Za-z])"),
        0.7,
        "passport_cued",
        min_digits=6,
        context=PASSPORT_CUES,
        context_required=True,
        context_before=30,
    ),
]
