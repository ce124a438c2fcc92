"""Data-driven pattern recognizers (presidio style): regex + validator + context words.

A clinic adds an identifier by adding a ``PatternRule`` to a family module and listing it in
``engine.RECOGNIZERS`` — no new code. Rules see a *folded* text (full-width forms mapped to
ASCII one character for one character), so offsets always point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from gateway.redaction.base import Entity

# A validator says True (certainly this type), False (certainly not), None (can't tell).
Validator = Callable[[str], bool | None]

SEP = r"[ \-.\u00a0\u200b-\u200d\ufeff]"  # separators people (and hostile input) put in numbers


def fold(text: str) -> str:
    """NFKC per character where it maps to exactly one character (length-preserving)."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _bounded(word: str) -> str:
    # Latin cue words must be whole words ("dob" is not in "adobe"); Han ones need no bounds.
    head = r"(?<![A-Za-z])" if word[:1].isascii() and word[:1].isalnum() else ""
    tail = r"(?![A-Za-z])" if word[-1:].isascii() and word[-1:].isalnum() else ""
    return head + re.escape(word) + tail


def cue_regex(words: Sequence[str]) -> re.Pattern[str]:
    alternatives = [_bounded(w) for w in sorted(words, key=len, reverse=True)]
    return re.compile("|".join(alternatives), re.IGNORECASE)


@dataclass(frozen=True)
class PatternRule:
    entity: str
    pattern: re.Pattern[str]
    score: float
    name: str
    validator: Validator | None = None
    # Cue words looked for in a window before (and a short one after) the match.
    context: tuple[str, ...] = ()
    context_required: bool = False
    context_before: int = 24
    context_after: int = 8
    # What a failed validator does: "reject" drops the match; "keep" keeps it at a lower
    # score (fail closed: an ID-shaped number with a bad check digit is still an identifier).
    on_invalid: str = "reject"
    group: str | int = 0
    # Adjusts a match's span (e.g. drops "我住在" before an address).
    trim: Callable[[str, int, int], tuple[int, int]] | None = None
    _context_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def context_pattern(self) -> re.Pattern[str] | None:
        if not self.context:
            return None
        if self._context_re is None:
            object.__setattr__(self, "_context_re", cue_regex(self.context))
        return self._context_re


def has_context(rule: PatternRule, text: str, start: int, end: int) -> bool:
    cue = rule.context_pattern()
    if cue is None:
        return False
    before = text[max(0, start - rule.context_before) : start]
    after = text[end : end + rule.context_after]
    return bool(cue.search(before) or cue.search(after))


class PatternRecognizer:
    def __init__(self, rules: Sequence[PatternRule]) -> None:
        self.rules = tuple(rules)

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        for rule in self.rules:
            for match in rule.pattern.finditer(folded):
                start, end = match.span(rule.group)
                if rule.trim is not None:
                    start, end = rule.trim(folded, start, end)
                if start >= end:
                    continue
                value = folded[start:end]
                score = rule.score
                context = has_context(rule, folded, start, end)
                if rule.context_required and not context:
                    continue
                if context:
                    score = min(1.0, score + 0.15)
                if rule.validator is not None:
                    verdict = rule.validator(value)
                    if verdict is False:
                        if rule.on_invalid == "reject" and not context:
                            continue
                        score = min(score, 0.6)
                    elif verdict is True:
                        score = max(score, 0.95)
                found.append(Entity(rule.entity, start, end, text[start:end], score))
        return found


# -- validators (pure) ----------------------------------------------------------------------


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
