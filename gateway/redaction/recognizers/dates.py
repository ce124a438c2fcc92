"""DATE_OF_BIRTH: a full date next to a birth cue. Other dates (onset, appointments) stay."""

from __future__ import annotations

import re

from gateway.redaction.patterns import PatternRule

DOB_CUES = (
    "出生日期",
    "出生年月日",
    "出生于",
    "出生在",
    "出生",
    "生日",
    "生于",
    "出生年月",
    "dob",
    "d.o.b",
    "date of birth",
    "birth date",
    "birthdate",
    "birthday",
    "born on",
    "born",
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_FULL_DATE = (
    r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+(?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
)

RULES = [
    PatternRule(
        "DATE_OF_BIRTH",
        re.compile(rf"(?<![\d/.-]){_FULL_DATE}(?!\d|[/.-]\d|\s*(?:岁|years?))", re.IGNORECASE),
        0.85,
        "dob_cued",
        context=DOB_CUES,
        context_required=True,
        context_before=20,
        context_after=4,
    ),
]
