"""Pure validators used by the pattern rules (check digits, date and address shapes).

A validator says True (certainly this type), False (certainly not), None (can't tell).
"""

from __future__ import annotations

import re

SEP = r"[ \-.\u00a0\u200b-\u200d\ufeff]"  # separators people (and hostile input) put in numbers


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def luhn(value: str) -> bool:
    nums = [int(c) for c in digits(value)]
    total = 0
    for i, n in enumerate(reversed(nums)):
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return bool(nums) and total % 10 == 0


_GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_GB11643_CHECK = "10X98765432"


def gb11643(value: str) -> bool:
    """Check character of an 18-character Chinese resident ID (GB 11643-1999)."""
    raw = re.sub(SEP, "", value).upper()
    if len(raw) != 18 or not raw[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(raw[:17], _GB11643_WEIGHTS, strict=True))
    return _GB11643_CHECK[total % 11] == raw[17]


def plausible_date(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if month in (4, 6, 9, 11) and day > 30:
        return False
    return not (month == 2 and day > 29)


def ipv4(value: str) -> bool:
    parts = value.split(".")
    return len(parts) == 4 and all(
        p.isdigit() and int(p) <= 255 and str(int(p)) == p for p in parts
    )
