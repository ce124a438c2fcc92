"""What triage rules are made of: rules, mentions, and the concept groups the engine treats
specially. Shared by the engine (``engine.py``) and the per-message scan (``scan.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.triage.base import Level

MILD_WINDOW = 10
WORD_CHAR = re.compile(r"\w")
# Only these are softened by "a bit", "streaks of", "my usual seizure"; chest pain on exertion
# is a classic warning sign and must not be.
# A lip that swells "a little" after a food is a local reaction unless breathing is affected.
MILD_CONCEPTS = frozenset(
    {"cant_breathe", "short_of_breath_mild", "major_bleeding", "seizure", "airway_swelling"}
)
# Events that are over when they happened weeks ago ("had a small seizure last month");
# treatments and risks of weeks ago (chemotherapy, surgery, a long flight) still count.
EPISODIC_CONCEPTS = frozenset(
    {"seizure", "syncope", "collapse", "choking", "suicidal_intent", "self_harm_now",
     "major_bleeding", "head_injury", "major_injury", "anaphylaxis_word", "overdose",
     "face_droop", "one_sided_weakness", "speech_trouble", "stroke_other", "chest_pain",
     "cant_breathe", "obstetric_red_flag"}
)
# Deficits that may be long-standing ("slurred since her stroke in 2018", "一直这样好几年了");
# an acute illness on top of a chronic disease ("老慢支几十年了，这两天喘得厉害") is not.
CHRONIC_CONCEPTS = frozenset(
    {"face_droop", "one_sided_weakness", "speech_trouble", "altered_consciousness",
     "shock_confusion"}
)

# Signs that count as obstetric only when the bleeding is from the womb, not from the gums
# or a cut finger (see scan.MessageScan._other_site).
SITE_SCOPED_CONCEPTS = frozenset({"obstetric_red_flag", "early_pregnancy_pain"})
BLEEDING_WORD = re.compile(r"bleed|blood|血", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    category: str
    level: Level
    concepts: tuple[str, ...]
    reason: str
    history_ok: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    # Escalation on independent signals: at least `min_any` of `any_of` must be active too.
    any_of: tuple[str, ...] = ()
    min_any: int = 0
    # Concepts that still count when softened ("有点喘" after an allergen).
    mild_ok: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Mention:
    concept: str
    start: int
    end: int
    status: str  # active | negated | historical | hypothetical | family_history
    mild: bool


def blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)
