"""PERSON in English-script text: titles, cue phrases, relations, given-name list, pinyin.

Evidence levels: a title (Dr., Mrs.) or a cue ("my name is", "my son") is enough for any
capitalized word; a known given name followed by a surname-like word is enough anywhere; a
known given name alone counts unless it is also an ordinary word (Will, Grace, Hope, Bill).
"""

from __future__ import annotations

import re

from gateway.redaction.base import Entity
from gateway.redaction.gated import finditer_from_starts, lower_each
from gateway.redaction.patterns import lower_ascii
from gateway.redaction.recognizers.names_en_data import (
    AMBIGUOUS,
    FIRST_NAMES,
    NOT_SURNAME,
    PINYIN_SURNAMES,
    RELATIONS,
    TITLE_WORDS,
)
from gateway.redaction.recognizers.names_en_relations import PINYIN, relation_forms
from gateway.redaction.recognizers.names_en_span import (
    TOKEN,
    in_pinyin_run,
    lower_relation_name,
    lower_surname_ok,
    name_tokens,
    overlapping,
)

KNOWN = FIRST_NAMES | AMBIGUOUS

_WORD = r"[A-Za-z][A-Za-z'\u00c0-\u024f-]*"
_CAP = r"[A-Z][A-Za-z'\u00c0-\u024f-]*"
_TITLE = re.compile(
    r"(?<![A-Za-z0-9_])(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse\s+Practitioner|Nurse|Sister|Father"
    r"|Pastor|Judge|Aunt|Auntie|Aunty|Uncle|Grandma|Grandpa|Granny|Nana|Cousin)\.?"
    rf"\s+(?P<name>{_CAP}(?:\s+[A-Z]\.)?(?:\s+{_CAP}){{0,2}}|{_WORD})",
    re.IGNORECASE,
)
_CUE = re.compile(
    # Speed: the first character of some cue, tested before the alternation is tried.
    r"(?=[MmHhTtOoWwNnIiCcSsPpRrBb'\-—])"
    r"\b(?:my\s+name\s+is|my\s+name's|(?:'s|his|her|their|our|whose)\s+name\s+is|name\s*[:：]|i\s*'?\s*a?m|this\s+is|call\s+me|signed"
    r"|patient\s*[:：]|patient\s+name\s*(?:is|[:：])?|regards\s*,|thanks\s*,|thank\s+you\s*,"
    r"|sincerely\s*,|cheers\s*,|best\s*,|(?:(?<=\s)|^)[-—]{1,2}|it\s*'?s(?:\s+me)?"
    r"|it\s+is(?:\s+me)?|wo\s+shi|wo\s+jiao|wo\s+de\s+ming\s*zi\s+shi)\s*"
    rf"(?P<name>{_WORD}(?:\s+[A-Z]\.)?(?:\s+{_WORD}){{0,2}})",
    re.IGNORECASE,
)
_rel = "|".join(sorted((re.escape(r) for r in RELATIONS), key=len, reverse=True))
_RELATION = re.compile(
    rf"\b(?:my|our|his|her|their)\s+(?:(?:\d+\s*(?:yo|y/?o|year[- ]old)|little|older|younger"
    rf"|baby|oldest|youngest|eldest|new|old)\s+)*(?:{_rel})\s*,?\s+(?:named\s+|called\s+|is\s+)?"
    rf"(?P<name>{_WORD}(?:\s+[A-Za-z]\.)?(?:\s+{_WORD})?(?:\s+(?-i:[A-Z]){_WORD[8:]}){{0,2}})",
    re.IGNORECASE,
)
# Speed: where a relation match can start (lower-cased text).
_RELATION_START = re.compile("my|our|his|her|their")
# Speed: cheap literal hints (on lower-cased text) that must occur for a rule to be scanned;
# a title match starts where the title hint does.
_HINTS = {
    "title": re.compile(
        "dr|doctor|mr|ms|miss|mx|prof|nurse|sister|father|pastor|judge|aunt|uncle|gran|nana|cousin"
    ),
    "is_relation": re.compile(r"(?:is|was|'s)\s+(?:my|our)\b"),
    "with_me": re.compile(r"(?:and|&)\s+(?:i|me)\b|\bme\s+(?:and|&)"),
    "han": re.compile("[\u4e00-\u9fff]"),
}
_OPENER_END = re.compile(r"\s*(?:[(,.!—–-]|again\b|here\b)")
_KIN_TITLES = frozenset("aunt auntie aunty uncle grandma grandpa granny nana cousin".split())
_STRONG_TITLES = frozenset(("dr", "doctor", "mr", "mrs", "ms", "prof", "professor"))
_ARTICLE_END = re.compile(r"\b(?:the|a|an|my|your|his|her|our|their)\s+$")
# Some word that could be a name: "CT" or "MRI" alone do not need the English recognizer.
_CAP_PAIR = re.compile(
    r"(?<![A-Za-z\u00c0-\u024f'-])(?=([A-Z][A-Za-z\u00c0-\u024f-]*) ([A-Z][A-Za-z\u00c0-\u024f-]*)"
    r"(?![A-Za-z\u00c0-\u024f]))"
)
_LATIN = re.compile("[A-Za-z][a-z]|[A-Z]{4}")
_APPOSITIVE = re.compile(
    rf"(?<![A-Za-z0-9'])(?P<name>[A-Z][A-Za-z'\u00c0-\u024f-]+)\s*,\s*(?:(?:my|our|his|her|the)\s+(?:{_rel})\b|(?:he|she)\s*'?s\s+my\b)"
)
_PINYIN_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan"
    r"|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)"
)
_EPONYM = re.compile(r"['’]s\s+(?:disease|syndrome|palsy|disorder|sign|test|ulcer|cyst)\b", re.I)
_PLACE_PREFIX = re.compile(r"\b(?:St|Saint|Ste|Mt|Fort|Lake|Port)\.?\s*$")
_SYLLABLE = re.compile(_PINYIN_SYLLABLE)
def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


class EnglishNameRecognizer:
    entity = "PERSON"

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        if _LATIN.search(folded) is None:
            return found

        def add(span: tuple[int, int] | None, score: float) -> None:
            if span and span[1] > span[0]:
                found.append(Entity("PERSON", span[0], span[1], text[span[0] : span[1]], score))

        lowered = lower_ascii(folded)
        hint = {k: v.search(lowered) is not None for k, v in _HINTS.items()}
        for m in overlapping(_TITLE, folded, _HINTS["title"], lowered) if hint["title"] else ():
            title = folded[m.start() : m.start("name")].strip().rstrip(".").lower()
            first = m.group("name").split()[0].lower()
            if m.group("name").split()[0].isupper() and len(first) <= 3 and first not in KNOWN:
                continue  # "father MI at 52", "Dr. ER": an abbreviation after a title word
            before = folded[max(0, m.start() - 12) : m.start()].lower()
            if len(title) > 3 and _ARTICLE_END.search(before):
                continue  # "the doctor helped", "my nurse said": a noun, not a title
            # "mrs. gupta": Mr/Mrs (and Ms with its period) are titles even before lower case.
            dotted = folded[m.start() : m.start("name")].strip().endswith(".")
            kin = title in _KIN_TITLES  # "Aunt Rosie", but not "grandma will pick me up"
            lower_ok = (
                title in ("dr", "doctor", "mr", "mrs")
                or (title == "ms" and dotted)
                or first in (FIRST_NAMES - AMBIGUOUS if kin else KNOWN)
                or (first in PINYIN_SURNAMES and not kin)
            )
            span = name_tokens(folded, *m.span("name"), allow_lower=lower_ok)
            word = m.group("name").split()[0]
            if span is None and title in _STRONG_TITLES and word.istitle() and first in AMBIGUOUS:
                span = (m.start("name"), m.start("name") + len(word))  # "Dr. May", "Dr. Will"
            lower_title = title in ("mr", "mrs", "ms") and not _is_capitalized(m.group("name"))
            if span and lower_title and " " in folded[span[0] : span[1]]:
                span = (span[0], folded.index(" ", span[0]))  # "mrs. gupta drove": one word
            add(span, 0.9)
        for m in _CUE.finditer(folded):
            first = folded[m.start("name") : m.end("name")].split()[0]
            cue = folded[m.start() : m.start("name")].lower()
            # "I'm tired" is not a name: after I'm/this is, demand a known or capitalized name.
            weak = cue.strip().startswith(("i", "this", "-", "—", "best", "cheers"))
            if (
                weak
                and first.lower() not in KNOWN
                and not (
                    _is_capitalized(first)
                    and first.lower() not in NOT_SURNAME
                    and not cue.strip().startswith(("i", "this"))
                )
            ):
                continue
            if weak and first.lower() in AMBIGUOUS and not _is_capitalized(first):
                rest = folded[m.start("name") : m.end("name")].split()
                if len(rest) < 2 or rest[1].lower() in NOT_SURNAME or rest[1].lower() in KNOWN:
                    # "hey it's nick (nicholas …)": opening the message, then a break.
                    end = m.start("name") + len(first)
                    if m.start() < 16 and cue.startswith(("it", "this")) and _OPENER_END.match(
                        folded, end
                    ):
                        add((m.start("name"), end), 0.75)
                    continue
            add(
                name_tokens(
                    folded, *m.span("name"), allow_lower=not weak or first.lower() in KNOWN
                ),
                0.85,
            )
        for m in finditer_from_starts(_RELATION, _RELATION_START, folded, lowered):
            first = m.group("name").split()[0]
            modal_name = first.istitle() and first.lower() in AMBIGUOUS  # "my sister May"
            if (
                first.lower() in NOT_SURNAME and not modal_name
            ) or first.rstrip(".").lower() in TITLE_WORDS:
                continue  # "my mother-in-law, Mrs. Reyes": the title form finds the name
            if first.isupper() and first.lower() not in KNOWN:
                continue  # "father MI at 52": an abbreviation, not a name
            if not _is_capitalized(first):
                add(lower_relation_name(folded, *m.span("name")), 0.85)
                continue
            span = name_tokens(folded, *m.span("name"), allow_lower=True)
            if span is None and first.lower() in AMBIGUOUS:
                span = (m.start("name"), m.start("name") + len(first))  # "my sister May has"
            add(span, 0.85)
        for m in _APPOSITIVE.finditer(folded):
            if m.group("name").lower() not in NOT_SURNAME:
                add(m.span("name"), 0.8)
        relation_forms(folded, add, hint)
        self._given_names(folded, text, found)
        self._pinyin(folded, text, found)
        return found

    def _given_names(self, folded: str, text: str, found: list[Entity]) -> None:
        tokens = list(TOKEN.finditer(folded))
        # In a message typed in pinyin ("xin kou teng", "hua da she tou") lowercase syllables
        # that are also given names (xin, hua, yun) are words: hiding them blinds triage.
        # Speed: counted only once a lower-case known name turns up.
        pinyin_text: bool | None = None
        # Speed: one lower() for all tokens (none holds a newline or a case-changing
        # context letter), then only tokens that can be a known name are looked at.
        lows = lower_each([t.group() for t in tokens])
        for i in [i for i, low in enumerate(lows) if low in KNOWN or "-" in low]:
            tok = tokens[i]
            word = tok.group()
            low = lows[i]
            if low not in KNOWN and "-" in low and all(p in KNOWN for p in low.split("-")):
                low = low.split("-")[0]  # "Anne-Marie", "Mary-Kate": known parts
            if low not in KNOWN or _EPONYM.match(folded, tok.end()):
                continue
            if not _is_capitalized(word):
                if pinyin_text is None:
                    syllables = sum(bool(_SYLLABLE.fullmatch(t.group())) for t in tokens)
                    pinyin_text = len(tokens) >= 3 and syllables >= 0.6 * len(tokens)
                if pinyin_text or in_pinyin_run(tokens, i):
                    continue  # "having xin kou teng since morning": a pinyin phrase
            if _PLACE_PREFIX.search(folded[max(0, tok.start() - 7) : tok.start()]):
                continue  # St. Mary's, Fort Worth: places, not people
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            adjacent = nxt is not None and folded[tok.end() : nxt.start()] in (" ", "  ")
            # Middle initial: "EMILY R. CARTER".
            if nxt is not None and len(nxt.group()) == 1 and i + 2 < len(tokens):
                after = tokens[i + 2]
                if folded[nxt.end() : after.start()] in (". ", " ") and _is_capitalized(
                    after.group()
                ):
                    nxt, adjacent = after, True
            if (
                adjacent
                and nxt is not None
                and (_is_capitalized(word) == _is_capitalized(nxt.group()))
                and nxt.group().lower() not in NOT_SURNAME
                and (_is_capitalized(word) or low not in AMBIGUOUS)
                and (_is_capitalized(word) or nxt.group().lower() not in KNOWN)
                and len(nxt.group()) >= 2
                and (_is_capitalized(word) or lower_surname_ok(folded, nxt.start(), nxt.end()))
            ):
                start, end = tok.start(), nxt.end()
                found.append(Entity("PERSON", start, end, text[start:end], 0.8))
            elif low not in AMBIGUOUS and not word.isupper():
                # A given name that is not also an English word is a name even in lowercase
                # ("ethan has a fever"), just with less confidence.
                score = 0.7 if _is_capitalized(word) else 0.6
                span = text[tok.start() : tok.end()]
                found.append(Entity("PERSON", tok.start(), tok.end(), span, score))

    def _pinyin(self, folded: str, text: str, found: list[Entity]) -> None:
        # Only pairs of capitalized words one space apart can be a romanized name.
        for pair in _CAP_PAIR.finditer(folded):
            a, b = pair.span(1), pair.span(2)
            wa, wb = pair.group(1), pair.group(2)
            if wa.isupper() != wb.isupper() and len(wa) > 2 and len(wb) > 2:
                continue
            for sur, given in ((wa, wb), (wb, wa)):
                if sur.lower() in PINYIN_SURNAMES and PINYIN.fullmatch(given) and len(given) > 1:
                    if given.lower() in NOT_SURNAME:
                        continue
                    found.append(Entity("PERSON", a[0], b[1], text[a[0] : b[1]], 0.75))
                    break
