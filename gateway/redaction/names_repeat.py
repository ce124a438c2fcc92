"""PERSON evidence that comes from a name already found in the same message.

- A name found once is a name where it comes back: "my daughter Ivy was seen … Ivy plays
  soccer", "Art Fleming's wife. Art had his knee replaced", "张明天主任…张明天主任说".
  Words that are also English words come back as words too ("Grace Huang" then "Grace
  period"), so at a sentence start they need a verb after them.
- A Chinese name in brackets after a found name: "Helen Wu（吴海伦）".
- A single surname character after a Latin given name: "Grace 林", "我女儿 Lily 林".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gateway.redaction.base import Entity
from gateway.redaction.recognizers.names_en_data import (
    AMBIGUOUS,
    NOT_NAME_WORDS,
    NOT_SURNAME,
    RELATIONS,
)
from gateway.redaction.recognizers.names_zh_data import SURNAMES_1

_NOT_NICK = NOT_SURNAME | NOT_NAME_WORDS | frozenset(RELATIONS) | frozenset(
    ("retired", "deceased", "mother", "father", "pt", "patient", "guardian", "parent")
)
_LATIN_TOKEN = re.compile(r"[A-Z][a-z'\u00c0-\u024f-]+")
_HAN = re.compile("[\u4e00-\u9fff]")
_SURNAME_1 = frozenset(SURNAMES_1)
# After a repeated word that is also an English word: "May I", "Will you" are no names.
_PRONOUN_AFTER = re.compile(r"\s+(?:I|you|we|he|she|they|it|i)\b")
# Before a month name: "in May", "since June 3".
_DATE_BEFORE = re.compile(r"(?i:in|on|since|until|till|by|of|early|late|mid|this|next|last)\s+$")
_VERB_AFTER = re.compile(
    r"\s+(?:is|was|has|had|will|can|did|does|went|got|gets|took|takes|came|comes|said|says"
    r"|[a-z]{2,}(?:s|ed))\b"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?\n]\s*|[。！？；]\s*)$")
_BRACKET_HAN = re.compile(r"\s*[(（]\s*(?P<name>[\u4e00-\u9fff]{2,4})\s*[)）]")
# A nickname in brackets right after a found name: "Ezekiel Barnaby (Zeke)".
_BRACKET_NICK = re.compile(r"\s*\(\s*(?P<name>[A-Z][a-z]{1,12})\s*\)")
_SURNAME_AFTER = re.compile(r"[ \t]?(?P<sur>[\u4e00-\u9fff])(?![\u4e00-\u9fff])")


def _covered(spans: Sequence[Entity], start: int, end: int) -> bool:
    return any(e.start < end and start < e.end for e in spans)


def _latin_ok(text: str, start: int, end: int, word: str) -> bool:
    """A capitalized repeat of a found Latin name is that name, unless the word reads as the
    ordinary word it also is (a modal before a pronoun, a month after "in", a noun opening a
    sentence)."""
    if text[end : end + 1].isdigit() or re.match(r"\s+\d", text[end : end + 3]):
        return False  # "May 3", "June 12": a date
    if word.lower() not in AMBIGUOUS:
        return True
    if _PRONOUN_AFTER.match(text, end) or _DATE_BEFORE.search(text, max(0, start - 8), start):
        return False
    if _SENTENCE_START.search(text, max(0, start - 3), start):
        return _VERB_AFTER.match(text, end) is not None
    return True


def repeat_names(text: str, entities: Sequence[Entity]) -> list[Entity]:
    names = [e for e in entities if e.type == "PERSON"]
    if not names:
        return list(entities)
    extra: list[Entity] = []
    latin: set[str] = set()
    han: set[str] = set()
    for e in names:
        if _HAN.search(e.value) is None:
            latin.update(t.group() for t in _LATIN_TOKEN.finditer(e.value))
        elif len(e.value) >= 3 and all(_HAN.match(ch) for ch in e.value):
            han.add(e.value)
        bracket = _BRACKET_HAN.match(text, e.end)
        if bracket is not None and bracket.group("name")[0] in _SURNAME_1:
            extra.append(Entity("PERSON", *bracket.span("name"), bracket.group("name"), 0.75))
        nick = _BRACKET_NICK.match(text, e.end) if _HAN.search(e.value) is None else None
        if nick is not None and nick.group("name").lower() not in _NOT_NICK:
            extra.append(Entity("PERSON", *nick.span("name"), nick.group("name"), 0.7))
        if _HAN.search(e.value) is None:
            after = _SURNAME_AFTER.match(text, e.end)
            if after is not None and after.group("sur") in _SURNAME_1:
                end = after.end()
                extra.append(Entity("PERSON", e.start, end, text[e.start : end], e.score))
    for word in latin:
        for start in _whole_words(text, word):
            end = start + len(word)
            if not _covered(names, start, end) and _latin_ok(text, start, end, word):
                extra.append(Entity("PERSON", start, end, word, 0.7))
    for value in han:
        for start in _occurrences(text, value):
            if not _covered(names, start, start + len(value)):
                extra.append(Entity("PERSON", start, start + len(value), value, 0.7))
    return list(entities) + extra


def _occurrences(text: str, value: str) -> list[int]:
    """Non-overlapping occurrences, left to right (as a regex scan finds them)."""
    out, pos = [], text.find(value)
    while pos != -1:
        out.append(pos)
        pos = text.find(value, pos + len(value))
    return out


def _word_char(ch: str) -> bool:
    return (ch.isascii() and ch.isalpha()) or "\u00c0" <= ch <= "\u024f" or ch == "-"


def _whole_words(text: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word: no letter (or hyphen, or an apostrophe before)
    touches it. A string search, not a regex: a pattern per name would be compiled anew for
    every message."""
    out, pos = [], text.find(word)
    while pos != -1:
        before = text[pos - 1] if pos else ""
        after = text[pos + len(word) : pos + len(word) + 1]
        if not (before and (_word_char(before) or before == "'")) and not (
            after and _word_char(after)
        ):
            out.append(pos)
            pos = text.find(word, pos + len(word))
        else:
            pos = text.find(word, pos + 1)
    return out
