"""More PERSON forms in English-script text, each with its own structural evidence.

- a signature: a dash and a name ending a line ("— Maria", "Thx!! -Jen"), or a name closing
  the message after a sign-off word ("bye for now, Pete");
- an opener: "Bea here!", "this is Beatriz, I had…" (a capitalized word and a comma);
- a labelled field: "Child: Mateo Silva", "From: Gabriela Torres", "Emergency contact: …";
- a clinical role in capitals before a surname: "PA Johnson", "NP Garcia";
- a person-only verb before a capitalized word ("tell Gustavo"), or an appositive after a
  role noun ("the patient, Tomasz Wiśniewski,");
- a display name in front of an e-mail address: "Gabriela Torres <gaby@…>";
- a name label without a colon: "member name robert j. kowalski";
- a record header: a full name right before ", dob …", ", MRN …", ", 67 y/o".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gateway.redaction.base import Entity
from gateway.redaction.recognizers.names_en_data import (
    AMBIGUOUS,
    FIRST_NAMES,
    NOT_NAME_WORDS,
    NOT_SURNAME,
    RELATIONS,
    ROMANIZED_SURNAMES,
)

_NAME = r"[A-Z][a-z'\u00c0-\u024f]+(?:-[A-Z][a-z'\u00c0-\u024f]+)?"
_FULL = rf"{_NAME}(?:[ \t]+[A-Z]\.)?(?:[ \t]+{_NAME}){{0,2}}"
# A signature may open with an initial: "J. Alvarez".
_SIGNED = rf"(?:[A-Z]\.[ \t]?)?{_FULL}"
_SIGNATURE = re.compile(
    rf"(?:^|(?<=[\s!.?,]))[-—–~]{{1,2}}\s?(?P<name>{_SIGNED})[ \t]*[.!]?[ \t]*(?=\n|$)"
)
_SIGN_OFF = re.compile(
    r"\b(?i:thanks|thank\s+you|thx|ty|regards|signed|cheers|best|bye(?:\s+for\s+now)?|love|xo+|sincerely"
    r"|take\s+care|talk\s+soon|see\s+you|warmly|gratefully|respectfully|appreciate\s+it)\b"
    rf"[^\n]{{0,16}}?(?:[,!.\n]|\s-)\s*(?P<name>{_SIGNED})\s*[.!]*\s*$"
)
_HERE = re.compile(
    rf"(?:^|(?<=[.!?\n]\s)|\b(?i:hi|hey|hello|yes|ok|so)[,!\s]+)(?P<name>{_NAME})\s+here"
    r"(?=\s*[!,.:;—–-]|\s+(?i:again|from|with)\b)"
)
_INTRO_CUE = r"this\s+is|it\s*'?s|i\s*'?m|i\s+am"
_INTRO = re.compile(
    rf"\b(?i:{_INTRO_CUE})\s+(?P<name>{_NAME})"
    r"(?=\s*,\s*(?i:i|my|we)\b|\s+(?i:again|here)\b|\s+[—–-]\s)"
)
# A record header: a full name straight before its birth date or record number
# ("Luis Alberto Mendoza Ortega, dob 1961/05/17", "Harriet Vance - MRN 5521").
_HEADER = re.compile(
    rf"(?P<name>{_NAME}(?:[ \t]+(?:[A-Z]\.|{_NAME})){{1,4}})\s*[,;(\-–—]\s*"
    r"(?i:dob\b|d\.o\.b|date\s+of\s+birth|born\b|mrn\b|age\s*\d|\d{1,3}\s*(?:yo|y/o|years?\s+old)\b)"
)
_FIELD_LABELS = (
    r"child|patient|pt|member|insured|subscriber|policy\s*holder|guardian|parent|caregiver"
    r"|emergency\s+contact|family\s+contact|next\s+of\s+kin|contact\s+person|contact|spouse|from|to|for|cc|attn"
    r"|attention|requested\s+by|submitted\s+by|sender"
)
_FIELD = re.compile(rf"\b(?i:{_FIELD_LABELS})\s*[:：]\s*(?P<name>{_FULL})")
# "member name robert j. kowalski", "patient's full name is Ana Ruiz": a name label with no
# colon; the label is strong enough for a lower-case name.
_LOWER = r"[A-Za-z][a-z'\u00c0-\u024f-]+"
_LABEL_CUE = (
    r"(?:member|patient(?:'s)?|full|legal|insured|subscriber|child'?s|baby'?s|spouse'?s"
    r"|cardholder|account\s*holder|emergency\s+contact)(?:\s+(?:full|legal))?\s+name"
)
_NAME_LABEL = re.compile(
    rf"\b(?i:{_LABEL_CUE})\s*(?i:is\b|:|-)?\s*"
    rf"(?P<name>{_LOWER}(?:[ \t]+[A-Za-z]\.)?(?:[ \t]+{_LOWER}){{0,2}})"
)
# Clinical roles written as capitals before a surname: "PA Johnson", "NP Garcia".
_ROLE = re.compile(rf"\b(?:PA|PA-C|NP|APRN|RN|LPN|CNM|CRNA|DNP)\.?[ \t]+(?P<name>{_NAME})")
# A verb that only takes a person, then a capitalized word: "tell Gustavo I said thanks".
_VERBS = r"tell|told|ask|asked|remind|reminded|thank|thanked|let|page|paged|cc"
_PERSON_VERB = re.compile(rf"\b(?i:{_VERBS})[ \t]+(?P<name>{_NAME}(?:[ \t]+{_NAME})?)")
# An appositive after a role noun: "The patient, Tomasz Wiśniewski, was discharged".
_ROLES = r"patient|pt|resident|client|caller|member|caregiver|applicant"
_ROLE_APPOSITIVE = re.compile(rf"\b(?i:{_ROLES})\s*,\s*(?P<name>{_FULL})\s*,")
_DISPLAY = re.compile(rf"(?P<name>{_NAME}(?:\s+{_NAME}){{1,2}})\s*<[^<>\s@]+@")
# A staff member named by the desk they work at, then what they did: "Grace at the front desk
# said", "Ray from billing called". The desk and the verb are the evidence, so a given name
# that is also a word (Grace, Joy) counts here.
_DESKS = (
    r"front\s+desk|billing|scheduling|reception|registration|pharmacy|records|insurance"
    r"|triage|radiology|(?:the|your)\s+(?:lab|office|clinic|call\s+center|nurses?\s+station)"
)
_DESK = rf"(?:from|at|in|with)\s+(?:the\s+|your\s+)?(?:{_DESKS})\b"
_STAFF = re.compile(
    rf"(?P<name>{_NAME})\s+(?i:{_DESK})(?=[^.!?\n]{{0,24}}?\b(?i:said|says|told|called|asked"
    r"|mentioned|explained|emailed|texted|recommended|suggested|wants|needs)\b)"
)
# All cue prefixes in one pass over the lower-cased text; each form is only tried where its
# cue is (speed: one scan instead of one per form).
# One leading word bound: inside a word the scan fails at once instead of trying each cue.
_CUES = re.compile(
    rf"\b(?:(?P<intro>(?:{_INTRO_CUE})\s)|(?P<field>(?:{_FIELD_LABELS})\s*[:：])"
    rf"|(?P<label>{_LABEL_CUE})|(?P<verb>(?:{_VERBS})[ \t])|(?P<appos>(?:{_ROLES})\s*,)"
    rf"|(?P<staff>{_DESK})|(?P<here>here\b)|(?P<header>dob|d\.o\.b|birth|born|mrn|age\s*\d))"
    r"|(?P<age>\d\s*(?:yo\b|y/o|years?\s+old))"
)
_AT = {
    "intro": _INTRO,
    "field": _FIELD,
    "label": _NAME_LABEL,
    "verb": _PERSON_VERB,
    "appos": _ROLE_APPOSITIVE,
}
_NEAR = {"here": (_HERE, 40), "header": (_HEADER, 96), "age": (_HEADER, 96), "staff": (_STAFF, 40)}
# A list of dash-led lines ("- Tylenol\n- Advil") is a list, not a signature.
_DASH_LINE = re.compile(r"(?:^|\n)[ \t]*[-—–~].*\n[ \t]*[-—–~]")
_CAP_WORD = re.compile("[A-Z][a-z]")
_ROLE_HINT = re.compile(r"\b(?:PA|NP|APRN|RN|LPN|CNM|CRNA|DNP)\b")

# A romanized surname, then a two-syllable given name written as two short capitalized
# words or one hyphenated word: "Chan Tai Man", "Wong Ka Yan", "Tsai Mei-Ling".
_SYL = r"[A-Z][a-z]{1,4}"
_ROMANIZED = re.compile(
    rf"(?<![A-Za-z'\u00c0-\u024f-])(?P<name>(?P<sur>[A-Z][a-z]{{1,5}})[ \t](?:{_SYL}[ \t]{_SYL}"
    rf"|{_SYL}-[A-Za-z][a-z]{{1,4}}))(?![A-Za-z'\u00c0-\u024f-])"
)
# Given names that are also Chinese syllables ("Ka Yan", "Siu Ming", "Mei-Ling").
KNOWN_SYLLABLES = frozenset("yan ming mei ling wai man kai lin hui wei".split())
_RELATION_WORDS = frozenset(RELATIONS)
KNOWN = FIRST_NAMES | AMBIGUOUS
_STOP = NOT_SURNAME | NOT_NAME_WORDS


def _ok(name: str) -> bool:
    first = name.split()[0].lower()
    return (
        first not in NOT_SURNAME
        and first not in NOT_NAME_WORDS
        and first not in _RELATION_WORDS
        and (not name.isupper() or first in FIRST_NAMES)
    )


class EnglishNameFormsRecognizer:
    entity = "PERSON"

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        lowered = folded.lower()
        # Every form but the name label needs a capitalized word.
        if _CAP_WORD.search(folded) is None and "name" not in lowered:
            return found

        def add(start: int, end: int, score: float) -> None:
            # Field and sign-off forms may run past the name: stop at a non-name word.
            words = list(re.finditer(r"\S+", folded[start:end]))
            keep_end = start
            for w in words:
                if w.group().rstrip(".").lower() in _STOP:
                    break
                keep_end = start + w.end()
            if keep_end > start and _ok(folded[start:keep_end]):
                found.append(Entity("PERSON", start, keep_end, text[start:keep_end], score))

        dash = any(ch in folded for ch in "-—–~")
        for m in _SIGNATURE.finditer(folded) if dash and _DASH_LINE.search(folded) is None else ():
            add(*m.span("name"), 0.75)
        for m in _SIGN_OFF.finditer(folded, max(0, len(folded) - 60)):
            name = m.group("name")
            if name[:1].isupper():
                add(*m.span("name"), 0.75)
        seen: set[tuple[str, int, int]] = set()
        for cue in _CUES.finditer(lowered):
            kind = cue.lastgroup or ""
            if kind in _NEAR:
                pattern, margin = _NEAR[kind]
                lo, hi = max(0, cue.start() - margin), min(len(folded), cue.end() + margin)
                matches = list(pattern.finditer(folded, lo, hi))
            else:
                match = _AT[kind].match(folded, cue.start())
                matches = [match] if match is not None else []
            for m in matches:
                if (kind, *m.span("name")) not in seen:
                    seen.add((kind, *m.span("name")))
                    self._form(kind, m, folded, add)
        for m in _ROLE.finditer(folded) if _ROLE_HINT.search(folded) else ():
            add(*m.span("name"), 0.8)
        for m in _DISPLAY.finditer(folded) if "<" in folded else ():
            add(*m.span("name"), 0.8)
        for m in _ROMANIZED.finditer(folded):
            words = m.group("name").replace("-", " ").split()
            if m.group("sur").lower() in ROMANIZED_SURNAMES and not any(
                w.lower() in _STOP or w.lower() in FIRST_NAMES - KNOWN_SYLLABLES for w in words[1:]
            ):
                add(*m.span("name"), 0.85)  # outranks "Tai Man is my father" alone
        return found

    @staticmethod
    def _form(
        kind: str, m: re.Match[str], folded: str, add: Callable[[int, int, float], None]
    ) -> None:
        """Checks a cued form's own evidence and adds its name."""
        name = m.group("name")
        start, end = m.span("name")
        if kind == "here" and name[:1].isupper():
            add(start, end, 0.75)
        elif kind == "staff" and name[:1].isupper():
            # Opening a sentence, a capital proves nothing ("Dizzy at the clinic…").
            opening = not folded[:start].rstrip() or folded[:start].rstrip()[-1] in ".!?\n"
            if name.split()[0].lower() in KNOWN or not opening:
                add(start, end, 0.75)
        elif kind == "intro" and name[:1].isupper() and m.start() < 30:
            # "this is X, I…" only opens a message; later it may name a drug or a place.
            add(start, end, 0.75)
        elif kind == "field":
            words = name.split()
            # "To: Billing", "Patient: Stable": one unknown word is not enough.
            if words[0][:1].isupper() and (words[0].lower() in KNOWN or len(words) > 1):
                add(start, end, 0.8)
        elif kind == "label" or kind == "appos":
            add(start, end, 0.8 if kind == "label" else 0.75)
        elif kind == "verb":
            add(start, end, 0.7)
        elif kind in ("header", "age"):
            line_start = start == 0 or folded[start - 1] == "\n"
            if name.split()[0].lower() in KNOWN or line_start:
                add(start, end, 0.85)  # outranks a shorter given-name + surname pair
