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

# Speed: the first character any full date starts with (a digit, a month's initial, a
# Chinese numeral), tested once per position before the many branches are tried.
_DATE_START = "(?=[\\dJFMASONDjfmasond〇零一二三四五六七八九十])"

# Month and day with no year, right after a birthday cue: "我生日是3月14号", "bday is march 3".
_MONTH_DAY = (
    r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号](?!\s*\d)"
    rf"|{_ZH_NUM}{{1,2}}月{_ZH_NUM}{{1,3}}[日号]"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d,]|\s*\d)"
)

# Event words near an uncued full date: the date is a medical event, not a birth date
# ("had surgery on 5/3/1998", "1998年5月3日做的阑尾手术", "diagnosed 11/20/1995").
EVENT_WORDS = (
    "surgery", "surgeries", "operation", "operated", "diagnosed", "diagnosis", "dx", "dx'd",
    "hospitalized", "hospitalised", "admitted", "discharged", "removed", "removal", "fracture",
    "broke", "stroke", "heart attack", "accident", "injury", "injured", "seizure", "transplant",
    "biopsy", "started", "since", "began", "onset", "procedure", "replaced", "replacement",
    "c-section", "miscarriage", "chemo", "radiation", "bypass", "stent", "passed away", "died",
    "vaccinated", "vaccine", "shot", "scan", "x-ray", "mri",
    "手术", "确诊", "诊断", "住院", "发病", "出院", "入院", "开刀", "做的", "切除", "查出",
    "发现", "骨折", "中风", "脑梗", "心梗", "车祸", "开始", "以来", "化疗", "放疗", "移植",
    "支架", "剖腹产", "流产", "去世", "接种", "摔",
)

# Procedure names by their endings: hysterectomy, tracheotomy, colostomy, arthroplasty,
# colonoscopy, angiography, nephrolithotripsy.
PROCEDURE_WORDS = re.compile(r"[a-z]{3,}(?:ectomy|otomy|ostomy|plasty|scopy|graphy|tripsy|pexy)\b")

RULES = [
    PatternRule(
        "DATE_OF_BIRTH",
        re.compile(
            rf"{_DATE_START}(?<![\d/.-]){_FULL_DATE}(?!\d|[/.-]\d|\s*(?:岁|years?))", re.IGNORECASE
        ),
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
        anchor=re.compile(r"19\d\d"),
        anchor_window=(8, 16),
        min_digits=6,
        veto=EVENT_WORDS,
        veto_regex=PROCEDURE_WORDS,
        veto_before=36,
        veto_after=24,
    ),
    PatternRule(
        # The cue a few filler words away: "date of birth is the 5th of May 1971".
        "DATE_OF_BIRTH",
        re.compile(
            r"(?=[DdBb出生])(?:date\s+of\s+birth|birth\s*date|birthday|\bdob|d\.o\.b\.?|\bborn(?:\s+on)?"
            r"|出生日期|生日)\s*(?:is|was|:|：|-|=|是|为)?\s*(?:(?:is|was|on|the|in|like)\s+){0,3}"
            rf"(?P<value>(?<![\d/.-]){_FULL_DATE})(?!\d|[/.-]\d|\s*(?:岁|years?))",
            re.IGNORECASE,
        ),
        0.85,
        "dob_far_cue",
        group="value",
        # Speed: only scanned near the cue words themselves.
        context=("birth", "birthday", "birthdate", "dob", "d.o.b", "born", "出生日期", "生日"),
        context_required=True,
        context_before=48,
        context_after=0,
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
        anchor_window=(0, 48),
        group="value",
        anchor=re.compile("生日|出生日期|birthday|bday|b-day|dob"),
    ),
    PatternRule(
        # "Jane, b. 04/22/1961", "(b. 3/12/79)": "b." right after a comma, a bracket or a line
        # start and right before the date ("hep b. shot 3/12/24" is a vaccine date).
        "DATE_OF_BIRTH",
        re.compile(
            rf"(?:^|[,(;\n])\s*b\.\s*(?P<value>(?<![\d/.-]){_FULL_DATE})(?!\d|[/.-]\d)",
            re.IGNORECASE,
        ),
        0.85,
        "dob_b_dot",
        group="value",
        anchor=re.compile(r"b\.\s*\d"),
        anchor_window=(8, 40),
    ),
]
