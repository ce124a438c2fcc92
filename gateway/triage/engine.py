"""Rule-based triage with a ConText-style modifier engine (negation, history, hypothetical,
experiencer, recurrence), for Chinese and English.

Concepts (concepts.yaml) are matched on the whole message; each mention is then judged inside
its clause: a negation or hypothetical cue before it, a history or family-history cue around
it. Rules (rules.yaml) fire on combinations of concepts with active mentions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from gateway.triage.base import Level, TriageResult

# Patients often separate Chinese clauses with spaces instead of punctuation. A space between
# a Chinese and an English word is code-switching inside one clause ("假如 hiking 的时候被蛇咬了").
_CLAUSE_BREAK = re.compile(
    r"[。！？!?；;\n，,、]|\.(?!\d)|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
)
# How far before a mention a negation or softening cue still applies (characters).
NEGATION_WINDOW = 24
MILD_WINDOW = 10
_LATIN = re.compile(r"[A-Za-z]")
# Only these are softened by "a bit", "streaks of", "my usual seizure"; chest pain on exertion
# is a classic warning sign and must not be.
MILD_CONCEPTS = frozenset({"cant_breathe", "short_of_breath_mild", "major_bleeding", "seizure"})

MODIFIERS = (
    "negation",
    "post_negation",
    "pseudo_negation",
    "history",
    "hypothetical",
    "informational",
    "family",
    "family_history_marker",
    "recurrence",
    "terminator",
    "idiom",
    "mild",
    "now_marker",
    "inner_negation",
)


@dataclass(frozen=True)
class Rule:
    category: str
    level: Level
    concepts: tuple[str, ...]
    reason: str
    history_ok: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Mention:
    concept: str
    start: int
    end: int
    status: str  # active | negated | historical | hypothetical | family_history
    mild: bool


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    # ASCII mode: \\b must see a boundary between Han characters and Latin words ("妈chest").
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.ASCII)


def load_yaml(name: str, directory: Path | None = None) -> Any:
    if directory is not None:
        return yaml.safe_load((directory / name).read_text(encoding="utf-8"))
    text = resources.files("gateway.triage").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


class RuleTriager:
    def __init__(self, concepts: Mapping[str, Sequence[str]], rules: Sequence[Mapping[str, Any]]):
        self.patterns = {name: _compile(pats) for name, pats in concepts.items()}
        self.rules = [
            Rule(
                category=str(r["category"]),
                level=r["level"],
                concepts=tuple(r["all"]),
                reason=str(r["reason"]),
                history_ok=frozenset(r.get("history_ok", ())),
                unless=frozenset(r.get("unless", ())),
            )
            for r in rules
        ]
        needed = {c for rule in self.rules for c in rule.concepts + tuple(rule.unless)}
        needed |= set(MODIFIERS)
        missing = needed - set(self.patterns)
        if missing:
            raise ValueError(f"triage rules use unknown concepts: {sorted(missing)}")
        self.concepts = sorted(
            {c for rule in self.rules for c in rule.concepts + tuple(rule.unless)}
        )

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> RuleTriager:
        return cls(load_yaml("concepts.yaml", directory), load_yaml("rules.yaml", directory))

    # -- clauses and modifiers --------------------------------------------------------------

    def _clauses(self, text: str) -> list[tuple[int, int]]:
        cuts = {0, len(text)}
        for m in _CLAUSE_BREAK.finditer(text):
            cuts.update((m.start(), m.end()))
        for m in self.patterns["terminator"].finditer(text):
            cuts.add(m.start())
        points = sorted(cuts)
        return [(a, b) for a, b in itertools.pairwise(points) if b > a]

    def _status(self, text: str, clause: tuple[int, int], start: int, end: int) -> str:
        cs, ce = clause
        p = self.patterns
        # An English mention is searched too ("face isn't drooping" is one match); Chinese
        # symptom words carry their own 不/没 (叫不醒, 没尿) and are judged by what precedes.
        latin = _LATIN.search(text, start, end) is not None
        # Chinese patterns that allow a few characters between the body part and the symptom
        # ("胸口揪着疼") would otherwise swallow the negation itself ("胸口不疼", "嘴巴没歪").
        if not latin and p["inner_negation"].search(text, start, end):
            return "negated"
        pre = _blank(text[cs : end if latin else start], p["pseudo_negation"])
        around = text[cs:ce]
        if p["recurrence"].search(around):
            return "active"  # "same pain again" beats "in 2019"
        for m in p["negation"].finditer(pre):
            if (start - cs) - m.end() <= NEGATION_WINDOW:
                return "negated"
        if p["post_negation"].match(text[end:ce]):
            return "negated"
        if p["hypothetical"].search(text, cs, start) or p["informational"].search(around):
            return "hypothetical"
        if p["family"].search(around) and p["family_history_marker"].search(around):
            return "family_history"
        if p["history"].search(around) and not p["now_marker"].search(text[start:ce]):
            return "historical"
        return "active"

    def mentions(self, text: str) -> list[Mention]:
        scan = _Scan(self, text)
        return [mn for concept in self.concepts for mn in scan.mentions(concept)]

    # -- decision ---------------------------------------------------------------------------

    def assess(self, text: str) -> TriageResult:
        # Concepts are matched lazily: a rule stops at its first missing concept, so context
        # concepts ("after a long flight") are only searched when a rule needs them.
        scan = _Scan(self, text)
        for level in ("emergency", "urgent"):
            fired = [rule for rule in self.rules if rule.level == level and scan.fires(rule)]
            if fired:
                reasons = list(dict.fromkeys(r.reason for r in fired))[:3]
                return TriageResult(level, fired[0].category, reasons)
        return TriageResult()


class _Scan:
    """One message: concept mentions and their status, computed on first use."""

    def __init__(self, triager: RuleTriager, text: str) -> None:
        self.triager = triager
        self.clean = _blank(text, triager.patterns["idiom"])
        self.clauses = triager._clauses(self.clean)
        # Several concepts often match the same words ("vomiting"); judge each span once.
        self.statuses: dict[tuple[int, int], str] = {}
        self.found: dict[str, list[Mention]] = {}
        self.summary: dict[str, tuple[bool, bool, bool]] = {}

    def _judge(self, concept: str, m: re.Match[str]) -> Mention:
        t, clean = self.triager, self.clean
        clause = next((c for c in self.clauses if c[0] <= m.start() < c[1]), (0, len(clean)))
        span = (m.start(), m.end())
        if span not in self.statuses:
            self.statuses[span] = t._status(clean, clause, m.start(), m.end())
        pre = clean[clause[0] : m.start()]
        # "喘不上来气…是我爬了十层楼以后": the softener may also follow in the clause.
        mild = concept in MILD_CONCEPTS and bool(
            t.patterns["mild"].search(pre[-MILD_WINDOW:])
            or t.patterns["mild"].search(clean, m.start(), clause[1])
        )
        return Mention(concept, m.start(), m.end(), self.statuses[span], mild)

    def mentions(self, concept: str) -> list[Mention]:
        if concept not in self.found:
            self.found[concept] = [
                self._judge(concept, m)
                for m in self.triager.patterns[concept].finditer(self.clean)
                if m.end() > m.start()
            ]
        return self.found[concept]

    def state(self, concept: str) -> tuple[bool, bool, bool]:
        """(strong, active, past): active and not softened, active, past or family history."""
        if concept in self.summary:
            return self.summary[concept]
        strong = active = past = False
        for m in self.triager.patterns[concept].finditer(self.clean):
            if m.end() == m.start():
                continue
            mn = self._judge(concept, m)
            if mn.status == "active":
                active = True
                if not mn.mild:
                    strong = True
                    break  # satisfies every rule; the past flag is then never consulted
            elif mn.status in ("historical", "family_history"):
                past = True
        self.summary[concept] = (strong, active, past)
        return self.summary[concept]

    def fires(self, rule: Rule) -> bool:
        pool = 0 if rule.level == "emergency" else 1
        for c in rule.concepts:
            st = self.state(c)
            if not (st[pool] or (c in rule.history_ok and st[2])):
                return False
        return not any(self.state(c)[1] for c in rule.unless)


@cache
def default_triager() -> RuleTriager:
    return RuleTriager.from_directory()
