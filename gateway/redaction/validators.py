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
    raw = re.sub(rf"{SEP}|\n", "", value).upper()
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


_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # A=10 … in the order the check sum numbers them


def taiwan_id(value: str) -> bool:
    """Check digit of a Taiwan national ID (one letter, 1 or 2, eight digits)."""
    raw = value.strip().upper()
    if len(raw) != 10 or raw[0] not in _TW_LETTERS or not raw[1:].isdigit():
        return False
    code = _TW_LETTERS.index(raw[0]) + 10
    weighted = sum(int(c) * w for c, w in zip(raw[1:9], range(8, 0, -1), strict=True))
    total = code // 10 + (code % 10) * 9 + weighted
    return (total + int(raw[9])) % 10 == 0


_MAIL_HOSTS = re.compile(
    r"\s+at\s+(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|icloud|aol|proton(?:mail)?"
    r"|qq|163|126|sina|sohu|foxmail|yeah|139)\b",
    re.IGNORECASE,
)


def spelled_email(value: str) -> bool | None:
    """A bare " at " is common English: a spelled-out e-mail needs a bracketed "at", a
    spelled " dot " or a well-known mail host ("look at example.com" is no address)."""
    if re.search(r"[\[({<]\s*at\s*[\])}>]", value, re.IGNORECASE):
        return None
    if re.search(r"\sdot\s|[\[({<]\s*dot\s*[\])}>]", value, re.IGNORECASE):
        return None
    return None if _MAIL_HOSTS.search(value) else False
