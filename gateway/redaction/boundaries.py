"""Where a number-shaped identifier ends and the clinical text written after it begins.

Identifiers are written in space-separated groups ("W 3381 9920 47"), and so are the values
that follow them in a lab copy or a long message ("MRN 00718834 12/03 at 2:30pm", "卡号 6217
0000 1234 9870 12床", "社保卡号 F3201 8826 7451 2024-11-03 06:30"). A regex that allows a
trailing group cannot see that the group runs on into a date, a time, a decimal or a unit;
these helpers cut such groups off again, so the clinical value stays readable.
"""

from __future__ import annotations

import re

# Types whose values are numbers written in groups (addresses and dates have units inside).
GROUPED_TYPES = frozenset(
    ("PHONE", "CN_ID", "SSN", "MRN", "INSURANCE_ID", "BANK_CARD", "PASSPORT")
)

# A group start (after a space) where a clinical value begins: an ISO date, a day/month or
# hour:minute, an amount with thousands separators, a decimal, or a number with its unit
# (lower-cased text).
_DATE_TIME = re.compile(r"(?:19|20)\d\d-\d{1,2}(?!\d)|\d{1,2}[/:]\d")
_MONEY = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])")
_UNIT = re.compile(
    r"\d{1,4}(?:\.\d+|(?=\s?(?:mg|mcg|ug|g|kg|lbs?|ml|l|units?|u|iu|tabs?|tablets?|pills?|caps?"
    r"|capsules?|puffs?|drops?|days?|weeks?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?"
    r"|am|pm|gy|mmhg|bpm|mmol|mm|cm|%)(?![a-z])|[年月日号点时分岁床楼层片粒盒支次天周个元诊室房]))"
)
_GROUP_START = re.compile(r"(?<=[ \u00a0\n])\d")


def clinical_tail(lowered: str, start: int, end: int) -> tuple[int, bool] | None:
    """The first group inside [start, end) that begins a clinical value, as (where the
    identifier then ends, whether the group was a date or time); None when there is none."""
    for m in _GROUP_START.finditer(lowered, start + 1, end):
        pos = m.start()
        dated = _DATE_TIME.match(lowered, pos) is not None
        if dated or _UNIT.match(lowered, pos) or _MONEY.match(lowered, pos):
            cut = pos
            while cut > start and lowered[cut - 1] in " \u00a0\n":
                cut -= 1
            return cut, dated
    return None


def trim_clinical_tail(
    pattern: re.Pattern[str], folded: str, lowered: str, whole_start: int, start: int, end: int
) -> tuple[int, int] | None:
    """The span without a clinical run-on group; None when the identifier only matched with
    that group (the rule's pattern no longer fits) and the group was a short one or a date —
    a long group that merely sits before a unit ("5678 am") leaves the match as it was."""
    tail = clinical_tail(lowered, start, end)
    if tail is None:
        return start, end
    cut, dated = tail
    if cut > start and pattern.fullmatch(folded, whole_start, cut) is not None:
        return start, cut
    group = lowered[cut:end].strip()
    digits = sum(ch.isdigit() for ch in group.split(" ")[0])
    if dated or digits <= 2:
        return None
    return start, end
