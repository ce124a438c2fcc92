"""Identifiers read aloud or typed one digit at a time (voice input, dictation, phone keypads):
"five five five, two one two…", "幺三八，零零一三，八零零零", "0 7 7 0 0 9 0 0 1 2 3",
"三一零一零四一九五六…" (a resident ID).

The pattern rules expect digit groups; these runs are turned into their digit string first
and then typed by the same evidence the rules use: a check digit (resident ID), a cue word
before the run (SSN, record number, passport, phone) or a phone number's shape.
``RULES`` holds the typed look-alikes: an e-mail with "#" for "@" ("zhangwei#qq.com").
"""

from __future__ import annotations

import re

from gateway.redaction.base import Entity
from gateway.redaction.patterns import PatternRecognizer, PatternRule, cue_regex, lower_ascii
from gateway.redaction.recognizers.contact import PHONE_CUES, SERVICE_WORDS
from gateway.redaction.recognizers.identity import PASSPORT_CUES, SSN_CUES
from gateway.redaction.scan import find_cue
from gateway.redaction.validators import gb11643

_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_VALUE = {w: str(i) for i, w in enumerate(_EN)} | {"oh": "0"}
_ZH_VALUE = {"零": "0", "〇": "0", "幺": "1", "一": "1", "二": "2", "两": "2", "三": "3",
             "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_W = "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_Z = "[零〇一二三四五六七八九幺]"
_NOT_ZH_NUM = "零〇一二三四五六七八九十幺两百千万亿"
# Seven or more digit words, or single digits each set apart ("1 3 8 0…"), or Chinese
# numerals possibly grouped with commas; a glued 十/百/千 makes a quantity, not digits.
# (Each pattern opens with its digit, lookbehind second: the scan then skips ahead in C.)
_EN_RUN = re.compile(rf"\b{_W}(?:(?:[ ]?[,\-][ ]?|[ ]+){_W}\b){{6,}}")
_SPACED_RUN = re.compile(
    r"[0-9](?<![\w.,/:][0-9])(?:(?:[ ]{1,2}|[ ]?-[ ]?)[0-9](?![0-9])){6,}(?![\w.])"
)
_ZH_RUN = re.compile(
    rf"{_Z}(?<![{_NOT_ZH_NUM}]{_Z})(?:(?:[ ，,、\-]{{1,2}})?{_Z}){{6,17}}[xX叉]?"
    rf"(?![{_NOT_ZH_NUM}])"
)
# Speed: one scan says whether a spaced-digit or a digit-word run can be there at all: either
# holds a separator, then three spaced digits or two digit words (most texts have neither).
_LATIN_GATE = re.compile(
    rf"[ ,\-](?:[0-9](?:[ ]{{1,2}}|[ ]?-[ ]?)[0-9](?:[ ]{{1,2}}|[ ]?-[ ]?)[0-9]"
    rf"|{_W}(?:[ ]?[,\-][ ]?|[ ]+){_W})"
)
# The word pattern then only runs when seven digit words can be there.
_EN_GATE = ("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_MIN_ITEMS = 7
_ITEM = re.compile(rf"{_W}|\d|{_Z}|[xX叉]")

_MRN_CUES = ("mrn", "m r n", "medical record", "record number", "chart", "病历号", "住院号",
             "门诊号", "病案号", "就诊卡")
_PHONE = cue_regex((*PHONE_CUES, "telephone", "phnoe", "ring", "call", "ph", "电活", "手机好"))
_SSN = cue_regex(SSN_CUES)
_MRN = cue_regex(_MRN_CUES)
_PASSPORT = cue_regex(PASSPORT_CUES)
_SERVICE = cue_regex(SERVICE_WORDS)
_CUE_REACH = 24
_LETTER_BEFORE = re.compile(r"[A-Za-z][ ]?$")


def _phone_shaped(number: str) -> bool:
    """A Chinese mobile, a North American number or a number dialled with a trunk 0."""
    if len(number) == 11:
        return number[0] == "0" or (number[0] == "1" and number[1] in "3456789")
    return len(number) == 10 and number[0] in "23456789"


def _type_of(number: str, lowered: str, start: int) -> tuple[str, int] | None:
    """The entity type (and how many characters before the run it takes) or None."""
    lo = max(0, start - _CUE_REACH)
    if len(number) == 18 and gb11643(number):
        return "CN_ID", 0
    if len(number) == 9 and find_cue(_SSN, lowered, lo, start):
        return "SSN", 0
    if find_cue(_PASSPORT, lowered, lo, start):
        letter = _LETTER_BEFORE.search(lowered, max(0, start - 2), start)
        return "PASSPORT", (start - letter.start()) if letter else 0
    if find_cue(_MRN, lowered, lo, start):
        return "MRN", 0
    if find_cue(_SERVICE, lowered, lo, start):
        return None
    if not number[-1].isdigit() or not 7 <= len(number) <= 15:
        return None
    if find_cue(_PHONE, lowered, lo, start) or (_phone_shaped(number) and len(number) >= 10):
        return "PHONE", 0
    return None


class SpokenNumberRecognizer:
    @staticmethod
    def _runs(lowered: str) -> list[re.Match[str]]:
        runs: list[re.Match[str]] = []
        if _LATIN_GATE.search(lowered) is not None:
            runs += _SPACED_RUN.finditer(lowered)
            if sum(map(lowered.count, _EN_GATE)) >= _MIN_ITEMS:
                runs += _EN_RUN.finditer(lowered)
        if not lowered.isascii():
            runs += _ZH_RUN.finditer(lowered)
        return runs

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        lowered = lower_ascii(folded)
        for run in self._runs(lowered):
            items = _ITEM.findall(run.group())
            number = "".join(_EN_VALUE.get(i) or _ZH_VALUE.get(i) or i for i in items)
            number = number.replace("叉", "X").upper()
            kind = _type_of(number, lowered, run.start())
            if kind is None:
                continue
            start, end = run.start() - kind[1], run.end()
            found.append(Entity(kind[0], start, end, text[start:end], 0.9))
        return found


# "#" sits where "@" is on a phone keypad's symbol page; only well-known mail hosts count
# ("bed#12.com" is nothing).
_HASH_HOSTS = "qq|163|126|gmail|yahoo|hotmail|outlook|icloud|sina|sohu|foxmail|139|yeah|aliyun"
RULES = [
    PatternRule(
        "EMAIL",
        re.compile(
            rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*\s?#\s?(?:{_HASH_HOSTS})"
            r"\.(?:com|cn|net)(?:\.cn)?(?![A-Za-z0-9-])",
            re.IGNORECASE,
        ),
        0.85,
        "email_hash",
        anchor=re.compile(rf"#\s?(?:{_HASH_HOSTS})\."),
    ),
]

# A number the mail client or the card layout broke after a dash ("HUM-4418-\n2290-01").
_WRAP = re.compile(r"(?<=[0-9A-Za-z]-)\n[ ]?(?=[0-9A-Za-z])")


class WrappedNumberRecognizer:
    """Runs the pattern rules again with such line breaks taken out; only findings that
    cross a break are new (the others the first pass already has)."""

    def __init__(self, rules: PatternRecognizer) -> None:
        self.rules = rules

    def analyze(self, text: str, folded: str) -> list[Entity]:
        if "-\n" not in folded:
            return []
        keep: list[int] = []  # original offset of each character of the joined text
        last = 0
        breaks: list[int] = []
        for m in _WRAP.finditer(folded):
            keep.extend(range(last, m.start()))
            breaks.append(len(keep))
            last = m.end()
        if not breaks:
            return []
        keep.extend(range(last, len(folded)))
        joined_text = "".join(text[i] for i in keep)
        joined = "".join(folded[i] for i in keep)
        found: list[Entity] = []
        for e in self.rules.analyze(joined_text, joined):
            if any(e.start < b < e.end for b in breaks):
                start, end = keep[e.start], keep[e.end - 1] + 1
                found.append(Entity(e.type, start, end, text[start:end], e.score))
        return found
