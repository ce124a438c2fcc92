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
from functools import lru_cache

from gateway.redaction.base import Entity
from gateway.redaction.boundaries import GROUPED_TYPES, trim_clinical_tail
from gateway.redaction.cues import trie_regex
from gateway.redaction.normalize import TRAD_TO_SIMPLIFIED
from gateway.redaction.scan import Spans, Windows, find_cue, matches
from gateway.redaction.validators import SEP, digits, gb11643, ipv4, luhn, plausible_date

__all__ = ["SEP", "digits", "gb11643", "ipv4", "luhn", "plausible_date"]

# A validator says True (certainly this type), False (certainly not), None (can't tell).
Validator = Callable[[str], bool | None]

_FOLD_CACHE_MAX = 20000


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first use: NFKC of a character when that is exactly
    one character, else the character itself."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        out = folded if len(folded) == 1 else ch
        if len(self) < _FOLD_CACHE_MAX:  # bounded: hostile input can't grow it without limit
            self[code] = out
        return out


_FOLD = _FoldTable()
_FOLD.update(TRAD_TO_SIMPLIFIED)


def fold(text: str) -> str:
    """NFKC per character where it maps to exactly one character (length-preserving)."""
    return text if text.isascii() else text.translate(_FOLD)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(text: str) -> str:
    """ASCII-only lower case: keeps every offset (str.lower may change the length)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def cue_regex(words: Sequence[str]) -> re.Pattern[str]:
    """A trie-shaped alternation (fast: shared prefixes are tested once) of cue words,
    matched against ``lower_ascii`` text; word bounds are checked by ``find_cue``. Rules with
    the same cue list share one pattern (so one scan of a text serves them all)."""
    return _cue_regex(tuple(words))


@lru_cache(maxsize=256)
def _cue_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(trie_regex(w.lower() for w in words))


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
    # Speed: a cheap pattern (lower case, searched in ``lower_ascii`` text) that must occur
    # somewhere for the rule to run at all. Rules with required context are only scanned
    # near their cue words.
    anchor: re.Pattern[str] | None = None
    # Speed: fewest digits a match can hold in one run of digits (separators allowed); the
    # rule is skipped when the text has no such run.
    min_digits: int = 0
    # Speed: every match holds one run of at least ``min_digits`` digits (phones, IDs, cards),
    # so only the text around such runs is scanned.
    digit_window: bool = False
    # Speed: every match lies within (before, after) characters of an ``anchor`` match, so
    # only the text around anchor matches is scanned.
    anchor_window: tuple[int, int] | None = None
    # Words that make a match something else ("surgery on 5/3/1998" is not a birth date, the
    # poison-control number is not the writer's): a veto word near the match drops it unless
    # a positive cue word is also there.
    veto: tuple[str, ...] = ()
    veto_before: int = 40
    veto_after: int = 30
    # Word families the veto list can't spell out ("hysterectomy", "arthroplasty").
    veto_regex: re.Pattern[str] | None = None
    _veto_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _context_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def context_pattern(self) -> re.Pattern[str] | None:
        if not self.context:
            return None
        if self._context_re is None:
            object.__setattr__(self, "_context_re", cue_regex(self.context))
        return self._context_re


    def veto_pattern(self) -> re.Pattern[str] | None:
        if not self.veto:
            return None
        if self._veto_re is None:
            object.__setattr__(self, "_veto_re", cue_regex(self.veto))
        return self._veto_re


def vetoed(rule: PatternRule, lowered: str, start: int, end: int) -> bool:
    """A veto word in the window before the match or the one after (``lower_ascii`` text)."""
    veto = rule.veto_pattern()
    lo, hi = max(0, start - rule.veto_before), min(len(lowered), end + rule.veto_after)
    if rule.veto_regex is not None and (
        rule.veto_regex.search(lowered, lo, start) or rule.veto_regex.search(lowered, end, hi)
    ):
        return True
    if veto is None:
        return False
    if find_cue(veto, lowered, lo, start) is not None:
        return True
    return find_cue(veto, lowered, end, hi) is not None


# People list several phone numbers after one cue; other identifiers come one per cue.
LISTED_TYPES = frozenset(("PHONE",))

# How far after a trailing cue word the identifier it belongs to may start.
_CLAIM_REACH = 24


def has_own_context(
    rule: PatternRule, lowered: str, start: int, end: int, others: Sequence[tuple[int, int]]
) -> bool:
    """A cue word that belongs to this match: the nearest cue before it with no other
    candidate of the same type in between ("passport E93827156. Visit 2024-11-03": the visit
    date is not the passport), or a cue right after it that no following candidate takes
    ("Visit 2024-11-03 DOB 06/14/1951": the cue introduces the birth date)."""
    cue = rule.context_pattern()
    if cue is None:
        return False
    lo = max(0, start - rule.context_before)
    last = None
    while (m := find_cue(cue, lowered, lo, start)) is not None:
        last, lo = m, m.end()
    if last is not None and not any(last.end() <= s and e <= start for s, e in others):
        return True
    after = find_cue(cue, lowered, end, min(len(lowered), end + rule.context_after))
    if after is None:
        return False
    reach = after.end() + _CLAIM_REACH
    return not any(after.end() <= s < reach for s, _ in others)


def has_context(rule: PatternRule, lowered: str, start: int, end: int) -> bool:
    """A cue word in the window before the match or the short one after (``lower_ascii`` text)."""
    cue = rule.context_pattern()
    if cue is None:
        return False
    before = find_cue(cue, lowered, max(0, start - rule.context_before), start)
    return before is not None or (
        find_cue(cue, lowered, end, min(len(lowered), end + rule.context_after)) is not None
    )


# Digits joined by at most two separator characters: "138 1234 5678", "(555) 867-5309".
# (Numbers wrapped over lines are left to the cue-required rules.)
_DIGIT_RUN = re.compile(r"\d(?:[ \-./()\u00a0\u200b-\u200d\ufeff]{0,2}\d)*")

# Speed gate for rules that read numbers wrapped over lines: a digit, a line break, a digit.
WRAPPED_DIGITS = re.compile(r"\d[ \-.]?\n[ ]?\d")

class PatternRecognizer:
    def __init__(self, rules: Sequence[PatternRule]) -> None:
        self.rules = tuple(rules)

    def _candidates(self, folded: str, lowered: str) -> list[tuple[PatternRule, int, int]]:
        """Every rule's matches as spans, before context, vetoes and validators."""
        runs = [
            (m.start(), m.end(), sum(map(str.isdigit, m.group())))
            for m in _DIGIT_RUN.finditer(folded)
        ]
        longest_run = max((count for _, _, count in runs), default=0)
        cache: Spans = {}
        memo: Windows = {}
        present: dict[int, bool] = {}  # anchor id -> occurs (rules share anchors)
        out: list[tuple[PatternRule, int, int]] = []
        for rule in self.rules:
            if rule.min_digits > longest_run:
                continue
            if rule.anchor is not None:
                seen = present.get(id(rule.anchor))
                if seen is None:
                    seen = present[id(rule.anchor)] = rule.anchor.search(lowered) is not None
                if not seen:
                    continue
            grouped = rule.entity in GROUPED_TYPES
            for match in matches(rule, folded, lowered, runs, cache, memo):
                start, end = match.span(rule.group)
                if rule.trim is not None:
                    start, end = rule.trim(folded, start, end)
                if grouped and end == match.end():
                    span = trim_clinical_tail(
                        rule.pattern, folded, lowered, match.start(), start, end
                    )
                    if span is None:
                        continue
                    start, end = span
                if start < end:
                    out.append((rule, start, end))
        return out

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        lowered = lower_ascii(folded)
        candidates = self._candidates(folded, lowered)
        by_type: dict[str, list[tuple[int, int]]] = {}
        for rule, start, end in candidates:
            by_type.setdefault(rule.entity, []).append((start, end))
        for rule, start, end in candidates:
            value = folded[start:end]
            score = rule.score
            if rule.context_required and rule.entity not in LISTED_TYPES:
                context = has_own_context(rule, lowered, start, end, by_type[rule.entity])
            else:
                context = has_context(rule, lowered, start, end)
            if rule.context_required and not context:
                continue
            if not context and vetoed(rule, lowered, start, end):
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
