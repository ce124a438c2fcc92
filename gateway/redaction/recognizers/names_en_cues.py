"""PERSON forms whose evidence is the sentence around a given name, so that names which are
also English words (Grace, Mark, May, Will, Hope) count there:

- a greeting with a comma: "Hi Mark, insurance denied…";
- a reporting verb after the name: "Mark said it was fine", "Pat says…", "Mark 说…";
- a bracketed relation after it: "Hope (my daughter) will drive me";
- a bare relation noun before it: "daughter Faith (617…)", "nurse (grace)";
- a nickname: "(goes by Dot)", "Ezekiel Barnaby (Zeke)", "call me (June)";
- a list ending with the writer: "Grace, May, and I will be there";
- a shared surname: "Grace and Mark Whitman";
- a signature: a name alone on the line after "Thanks so much," or a name with a
  credential ("Robin Castellanos, RN").
"""

from __future__ import annotations

import re

from gateway.redaction.base import Entity
from gateway.redaction.cues import trie_regex
from gateway.redaction.recognizers.names_en_data import (
    AMBIGUOUS,
    FIRST_NAMES,
    NOT_NAME_WORDS,
    NOT_SURNAME,
    RELATIONS,
)

KNOWN = FIRST_NAMES | AMBIGUOUS
_STOP = NOT_SURNAME | NOT_NAME_WORDS | frozenset(RELATIONS)
_NAME = r"[A-Z][a-z'\u00c0-\u024f]+(?:-[A-Z][a-z'\u00c0-\u024f]+)?"
_rel = "|".join(sorted((re.escape(r) for r in RELATIONS), key=len, reverse=True))
# The same words as a trie (each shared prefix tested once; longest word still first).
_rel_trie = trie_regex(sorted(RELATIONS))
_rel_firsts = "".join(sorted({c for r in RELATIONS for c in (r[0].lower(), r[0].upper())}))

# Speed: each pattern opens with a one-character lookahead (the first letter a match can
# start with), which rejects most positions with a single set test.
_GREETING = re.compile(rf"(?=[HhDdMm])\b(?i:hi|hello|hey|dear|morning)\s+(?P<name>{_NAME})\s*[,!]")
_REPORTING = re.compile(
    rf"(?=[A-Z])(?<![A-Za-z'.])(?P<name>{_NAME})\s+(?:says|said|told|tells|asked|asks|thinks|thought"
    r"|wants|wanted|mentioned|recommended|suggested|explained|texted|emailed|drove|promised)\b"
    r"|(?<![A-Za-z'])(?P<zh>[A-Z][a-z]+)\s*(?=说|讲|告诉|让我|问我|建议|觉得|陪我|叫我)"
)
_BRACKET_RELATION = re.compile(
    rf"(?=[A-Z])(?<![A-Za-z'])(?P<name>{_NAME})\s*\(\s*(?i:my|our|his|her|the)\s+(?i:{_rel})\b"
)
_BARE_RELATION = re.compile(
    rf"(?=[{_rel_firsts}])\b(?i:{_rel_trie})\s+(?:(?P<name>{_NAME})(?=\s*[(,.;:!?]|\s+(?:is|was|has|had|will)\b)"
    r"|\(\s*(?P<low>[a-z]+)\s*\))"
)
_NICKNAME = re.compile(
    rf"(?=[A-Zgacn])\b(?i:goes\s+by|aka|a\.k\.a\.?|nicknamed?|call\s+me)\s*\(?\s*(?P<name>{_NAME})\b"
    rf"|(?<![A-Za-z'])(?P<first>{_NAME})[ \t]+{_NAME}\s*\(\s*(?P<nick>{_NAME})\s*\)"
)
_WITH_ME_LIST = re.compile(
    rf"(?=[A-Z])(?<![A-Za-z'])(?P<a>{_NAME}),\s+(?P<b>{_NAME}),?\s+(?:and|&)\s+(?:I|me)\b"
)
_SHARED_SURNAME = re.compile(
    rf"(?=[A-Z])(?<![A-Za-z'])(?P<a>{_NAME})\s+(?:and|&)\s+(?P<b>{_NAME})[ \t]+(?P<sur>{_NAME})"
)
_SIGN_LINE = re.compile(
    r"(?im:^[ \t]*(?:thanks|thank\s+you|regards|best|cheers|sincerely|warmly|love)"
    rf"[^\n]{{0,20}}\n[ \t]*(?P<name>{_NAME})[ \t]*$)"
)
_CREDENTIAL = re.compile(
    rf"(?=[A-Z])(?<![A-Za-z'])(?P<name>{_NAME}(?:[ \t]+{_NAME}){{1,2}}),?[ \t]+"
    r"(?:RN|MD|NP|DO|PA-C|LPN|APRN|FNP|DNP|PharmD|MSN|BSN|CNA|MPH|DDS)\b"
)
# Speed: each form needs one of these (on the lower-cased text).
_HINT = re.compile(
    r"(?=[hdmstawregncblp(说讲告让问建觉陪叫])"
    r"(?:\b(?:hi|hello|hey|dear|morning|said|says|told|tells|asked|asks|thinks|thought|wants|wanted"
    r"|mentioned|recommended|suggested|explained|texted|emailed|drove|promised|goes\s+by|aka"
    r"|a\.k\.a|nickname|call\s+me|and\s+i|and\s+me|and|thanks|thank|regards|best|cheers"
    r"|sincerely|warmly|love)\b|\(|[说讲告让问建觉陪叫]|rn\b|md\b|np\b)"
)


def _given(word: str) -> bool:
    low = word.lower()
    return low in KNOWN and not word.isupper()


def _name_word(word: str) -> bool:
    return word.lower() not in _STOP and not word.isupper()


class EnglishNameCuesRecognizer:
    entity = "PERSON"

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        lowered = folded.lower()
        if "(" not in lowered and _HINT.search(lowered) is None:
            return found

        def add(start: int, end: int, score: float = 0.75) -> None:
            found.append(Entity("PERSON", start, end, text[start:end], score))

        for m in _GREETING.finditer(folded):
            if _name_word(m.group("name")):
                add(*m.span("name"))
        for m in _REPORTING.finditer(folded):
            group = "name" if m.group("name") else "zh"
            if _given(m.group(group)):
                add(*m.span(group))
        for m in _BRACKET_RELATION.finditer(folded):
            if _name_word(m.group("name")):
                add(*m.span("name"))
        for m in _BARE_RELATION.finditer(folded):
            group = "name" if m.group("name") else "low"
            if _given(m.group(group)):
                add(*m.span(group))
        for m in _NICKNAME.finditer(folded):
            group = "name" if m.group("name") else "nick"
            if group == "nick" and not _given(m.group("first")):
                continue  # "Mass General (Boston)": a place, not a name and a nickname
            if _name_word(m.group(group)):
                add(*m.span(group))
        for m in _WITH_ME_LIST.finditer(folded):
            if _given(m.group("a")) and _given(m.group("b")):
                add(*m.span("a"))
                add(*m.span("b"))
        for m in _SHARED_SURNAME.finditer(folded):
            if _given(m.group("a")) and _given(m.group("b")) and _name_word(m.group("sur")):
                add(*m.span("a"))
        for m in _SIGN_LINE.finditer(folded):
            if _name_word(m.group("name")):
                add(*m.span("name"))
        for m in _CREDENTIAL.finditer(folded):
            if all(_name_word(w) for w in m.group("name").split()):
                add(*m.span("name"), 0.8)
        return found
