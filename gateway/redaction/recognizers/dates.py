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
    "bday",
    "b-day",
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ZH_NUM = "[〇零一二三四五六七八九十]"
_FULL_DATE = (
    r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+(?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    # Two-digit years, year-month only, Chinese numerals:
    # "58年7月4号", "1975年11月", "八三年五月六号".
    r"|\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
    r"|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?!\s*\d)"
    rf"|{_ZH_NUM}{{2,4}}年{_ZH_NUM}{{1,2}}月(?:{_ZH_NUM}{{1,3}}[日号])?"
    rf"|{_MONTHS}\s+(?:19|20)\d{{2}})"
)

# Month and day with no year, right after a birthday cue: "我生日是3月14号", "bday is march 3".
_MONTH_DAY = (
    r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号](?!\s*\d)"
    rf"|{_ZH_NUM}{{1,2}}月{_ZH_NUM}{{1,3}}[日号]"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d,]|\s*\d)"
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
    PatternRule(
        # No cue, but a full date in the 1900s is almost always a birth date in a patient
        # message ("Grace Kim, 4/3/1990"); recent onset and appointment dates are 20xx.
        "DATE_OF_BIRTH",
        re.compile(
            r"(?<![\d/.-])(?:19\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|19\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
            r"|\d{1,2}[-/.]\d{1,2}[-/.]19\d{2})(?!\d|[/.-]\d)"
        ),
        0.6,
        "dob_1900s",
        min_digits=6,
    ),
    PatternRule(
        "DATE_OF_BIRTH",
        re.compile(
            r"(?:生日|出生日期|birthday|bday|b-day|\bdob)\s*(?:是|为|:|：|\bis\b)?\s*"
            rf"(?P<value>{_MONTH_DAY})",
            re.IGNORECASE,
        ),
        0.8,
        "dob_month_day",
        group="value",
        anchor=re.compile("生日|出生日期|birthday|bday|b-day|dob"),
    ),
]
