"""The analyzer: runs every registered recognizer and resolves overlapping findings.

``RECOGNIZERS`` is the registry; a clinic adds a family (a list of ``PatternRule`` or an
object with ``analyze(text, folded)``) here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from gateway.redaction.base import Entity
from gateway.redaction.names_repeat import repeat_names
from gateway.redaction.normalize import normalize
from gateway.redaction.patterns import PatternRecognizer, PatternRule, fold
from gateway.redaction.recognizers import (
    address,
    address_en,
    address_intl,
    contact,
    dates,
    financial,
    identity,
    medical,
    spoken,
)
from gateway.redaction.recognizers.names_en import EnglishNameRecognizer
from gateway.redaction.recognizers.names_en_cues import EnglishNameCuesRecognizer
from gateway.redaction.recognizers.names_en_forms import EnglishNameFormsRecognizer
from gateway.redaction.recognizers.names_world import WorldNameRecognizer
from gateway.redaction.recognizers.names_zh import ChineseNameRecognizer
from gateway.redaction.recognizers.names_zh_forms import ChineseNameFormsRecognizer


class Recognizer(Protocol):
    def analyze(self, text: str, folded: str) -> list[Entity]: ...


PATTERN_FAMILIES: dict[str, Sequence[PatternRule]] = {
    "contact": contact.RULES,
    "identity": identity.RULES,
    "financial": financial.RULES,
    "medical": medical.RULES,
    "dates": dates.RULES,
    "address": address.RULES,
    "address_en": address_en.RULES,
    "address_intl": address_intl.RULES,
    "spoken": spoken.RULES,
}

# When two findings overlap with the same score, the more specific type wins.
PRIORITY = {
    t: n
    for n, t in enumerate(
        (
            "CN_ID",
            "MRN",
            "INSURANCE_ID",
            "SSN",
            "PASSPORT",
            "BANK_CARD",
            "DATE_OF_BIRTH",
            "EMAIL",
            "URL",
            "IP_ADDRESS",
            "PHONE",
            "ADDRESS",
            "PERSON",
        )
    )
}


def resolve_overlaps(entities: Sequence[Entity]) -> list[Entity]:
    ranked = sorted(
        entities,
        key=lambda e: (-round(e.score, 3), PRIORITY.get(e.type, 99), -(e.end - e.start), e.start),
    )
    kept: list[Entity] = []
    for ent in ranked:
        if all(ent.end <= k.start or ent.start >= k.end for k in kept):
            kept.append(ent)
    return sorted(kept, key=lambda e: e.start)


def merge_names(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """PERSON findings starting at the same character become the longest one ("J" from a cue
    and "J. Smith" from a signature): both saw a name start there."""
    names = sorted((e for e in entities if e.type == "PERSON"), key=lambda e: e.start)
    merged: list[Entity] = []
    for ent in names:
        last = merged[-1] if merged else None
        if last is not None and ent.start == last.start:
            start, end = last.start, max(last.end, ent.end)
            merged[-1] = Entity("PERSON", start, end, text[start:end], max(last.score, ent.score))
        else:
            merged.append(ent)
    return [e for e in entities if e.type != "PERSON"] + merged


class RegistryAnalyzer:
    def __init__(self, recognizers: Sequence[Recognizer], min_score: float = 0.5) -> None:
        self.recognizers = tuple(recognizers)
        self.min_score = min_score

    def analyze(self, text: str) -> list[Entity]:
        folded = normalize(fold(text))
        found: list[Entity] = []
        for recognizer in self.recognizers:
            found.extend(recognizer.analyze(text, folded))
        kept = [e for e in found if e.score >= self.min_score]
        return resolve_overlaps(merge_names(text, repeat_names(text, kept)))


def default_analyzer() -> RegistryAnalyzer:
    rules = [rule for family in PATTERN_FAMILIES.values() for rule in family]
    patterns = PatternRecognizer(rules)
    return RegistryAnalyzer(
        [
            patterns,
            ChineseNameRecognizer(),
            ChineseNameFormsRecognizer(),
            EnglishNameRecognizer(),
            EnglishNameFormsRecognizer(),
            EnglishNameCuesRecognizer(),
            spoken.SpokenNumberRecognizer(),
            spoken.WrappedNumberRecognizer(patterns),
            WorldNameRecognizer(),
        ]
    )
