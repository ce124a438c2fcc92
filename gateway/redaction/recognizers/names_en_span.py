"""Where an English-script name starts and ends, shared by the name recognizers.

A cue ("my son", "Dr.") says a name starts; what ends it is decided here. The costly error is
one word too many: "my son tyler threw up" must hide "tyler", not "tyler threw", or the
symptom the clinician needs is gone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from gateway.redaction.gated import search_from_starts
from gateway.redaction.recognizers.names_en_data import (
    AMBIGUOUS,
    FIRST_NAMES,
    NOT_SURNAME,
    PINYIN_SURNAMES,
)

TOKEN = re.compile(r"[A-Za-z][A-Za-z\u00c0-\u024f-]*(?:'(?!s\b)[A-Za-z]+)?")
_PINYIN_RUN_SYL = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan"
    r"|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)"
)
# Verb forms by shape: "vomited", "coughing". Surnames of this shape are rare in lower case.
_VERB_SHAPED = re.compile(r"[a-z]{3,}(?:ed|ing)")
# What may follow a name's last word: the end, punctuation, or a word that ends a name.
_AFTER_NAME = re.compile(r"\s*(?:$|[^\sA-Za-z\u00c0-\u024f]|(?P<word>[A-Za-z][A-Za-z']*))")
_UNAMBIGUOUS = FIRST_NAMES - AMBIGUOUS
_OBJECTS = frozenset(
    "me him her us them it you i she he they the a an my your his our their".split()
)
_PINYIN_GIVEN = re.compile(rf"(?:{_PINYIN_RUN_SYL.pattern}){{1,3}}")
# Words after a name that do not show the name has ended ("my mom rose from bed").
_LINKS = frozenset(
    "a an the to of in on at from for by with up out down off over into about".split()
)


def deaccent(word: str) -> str:
    """ "maría" -> "maria", for looking names up in the word lists."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def overlapping(
    pattern: re.Pattern[str], text: str, starts: re.Pattern[str], lowered: str
) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that may overlap: the next search starts at the name. Every
    match begins where ``starts`` matches in ``lowered`` (see ``gated``)."""
    pos = 0
    while (m := search_from_starts(pattern, starts, text, lowered, pos)) is not None:
        yield m
        pos = max(m.start("name"), m.start() + 1)


def in_pinyin_run(tokens: list[re.Match[str]], i: int) -> bool:
    """Token ``i`` lies in a run of three lowercase pinyin syllables ("xin kou teng")."""
    lo, hi = max(0, i - 2), min(len(tokens), i + 3)
    run = 0
    for tok in tokens[lo:hi]:
        word = tok.group()
        run = run + 1 if word.islower() and _PINYIN_RUN_SYL.fullmatch(word) else 0
        if run >= 3:
            return True
    return False


_CAP_RUN = re.compile(r"(?:[A-Z][A-Za-z'\u00c0-\u024f-]* ){1,3}$")


def name_run_start(text: str, start: int, stop: frozenset[str]) -> int:
    """Start of the capitalized words (up to three) just before ``start`` that are no stop
    words: "Zhang Wei is my husband", "Maria Fernanda López García is my wife"."""
    run = _CAP_RUN.search(text, max(0, start - 60), start)
    if run is None:
        return start
    for word in reversed(list(re.finditer(r"\S+", text[run.start() : start]))):
        if word.group().lower() in stop:
            break
        start = run.start() + word.start()
    return start


def ends_name(text: str, pos: int) -> bool:
    """Nothing name-like goes on at ``pos``: the end, punctuation or a name-ending word. An
    object ("let maria know she…", "tell jim call me") shows the word before was a verb."""
    m = _AFTER_NAME.match(text, pos)
    if m is None:
        return False
    word = m.group("word")
    return word is None or (word.lower() in NOT_SURNAME and word.lower() not in _OBJECTS)


def lower_surname_ok(text: str, start: int, end: int) -> bool:
    """A lower-case word after a lower-case given name is part of the name when it is a
    given name itself ("maría josé") or when it is not verb-shaped and the name visibly ends
    after it ("jim smith has", "regards, jenny wu"); otherwise it is the sentence going on
    ("tyler threw up", "chloe passed out")."""
    word = text[start:end].lower()
    if deaccent(word) in _UNAMBIGUOUS:
        return True
    if word in NOT_SURNAME or _VERB_SHAPED.fullmatch(word):
        return False
    return ends_name(text, end)


def name_tokens(
    text: str, start: int, end: int, *, allow_lower: bool
) -> tuple[int, int] | None:
    """Trims a candidate span to the tokens that can be part of a name."""
    tokens = list(TOKEN.finditer(text, start, end))
    kept: list[re.Match[str]] = []
    for i, tok in enumerate(tokens):
        word = tok.group()
        low = word.lower()
        if low in NOT_SURNAME:
            break
        capital = word[:1].isupper()
        if not allow_lower and not capital:
            break
        if i > 0 and not capital:
            # "Mrs. Okonkwo-Reid get a…": a capitalized name ends at a lower-case word.
            if kept[0].group()[:1].isupper():
                break
            if not lower_surname_ok(text, tok.start(), tok.end()):
                break
        if i > 0 and text[tokens[i - 1].end() : tok.start()].strip() not in ("", "."):
            break
        kept.append(tok)
    if not kept:
        return None
    end = kept[-1].end()
    if len(kept) > 1 and len(kept[-1].group()) == 1 and text[end : end + 1] == ".":
        end += 1  # a closing initial keeps its period: "Ollie B."
    return kept[0].start(), end


def predicate_follows(text: str, pos: int) -> bool:
    """The clause goes on with its verb or stops at ``pos`` ("max has", "carol took", "lin,")."""
    m = _AFTER_NAME.match(text, pos)
    if m is None:
        return False
    word = m.group("word")
    return word is None or (word.lower() in NOT_SURNAME and word.lower() not in _LINKS)


def lower_relation_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name after "my son" / "my wife" when it is written in lower case: a given name
    ("tyler"), a pinyin full name ("wang jianguo"), or a word that is also an English word or a
    pinyin surname ("max", "lily", "lin") when the verb follows it ("my son max has…")."""
    word = TOKEN.match(text, start, end)
    if word is None:
        return None
    low = deaccent(word.group().lower())
    if low in _UNAMBIGUOUS:
        return name_tokens(text, start, end, allow_lower=True)
    if low in NOT_SURNAME:
        return None
    if low in PINYIN_SURNAMES:
        spaced = text[word.end() : word.end() + 1] == " "
        given = TOKEN.match(text, word.end() + 1, end) if spaced else None
        if (
            given is not None
            and _PINYIN_GIVEN.fullmatch(given.group())
            and given.group().lower() not in NOT_SURNAME
            and ends_name(text, given.end())
        ):
            return word.start(), given.end()
    if (low in AMBIGUOUS or low in PINYIN_SURNAMES) and predicate_follows(text, word.end()):
        return word.span()
    return None
