"""Rule-based triage with a ConText-style modifier engine (negation, history, hypothetical,
experiencer, recurrence), for Chinese and English.

Concepts (concepts.yaml) are matched on the whole message; each mention is then judged inside
its clause: a negation or hypothetical cue before it, a history or family-history cue around
it. Rules (rules.yaml) fire on combinations of concepts with active mentions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from gateway.triage.base import Level, TriageResult
from gateway.triage.prefilter import Prefilter, Text, required

# Patients often separate Chinese clauses with spaces instead of punctuation. A space between
# a Chinese and an English word is code-switching inside one clause ("假如 hiking 的时候被蛇咬了").
_CLAUSE_BREAK = re.compile(
    r"[。！？!?；;\n，,、]|\.(?!\d)|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
)
# How far before a mention a negation or softening cue still applies (characters).
NEGATION_WINDOW = 24
# Extra text kept before the window so a pseudo-negation ('不知道') is seen whole.
PSEUDO_MARGIN = 40
MILD_WINDOW = 10
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"\w")
# Only these are softened by "a bit", "streaks of", "my usual seizure"; chest pain on exertion
# is a classic warning sign and must not be.
MILD_CONCEPTS = frozenset({"cant_breathe", "short_of_breath_mild", "major_bleeding", "seizure"})
# Events that are over when they happened weeks ago ("had a small seizure last month");
# treatments and risks of weeks ago (chemotherapy, surgery, a long flight) still count.
EPISODIC_CONCEPTS = frozenset(
    {"seizure", "syncope", "collapse", "choking", "suicidal_intent", "self_harm_now",
     "major_bleeding", "head_injury", "major_injury", "anaphylaxis_word", "overdose",
     "face_droop", "one_sided_weakness", "speech_trouble", "stroke_other", "chest_pain",
     "cant_breathe"}
)
# Deficits that may be long-standing ("slurred since her stroke in 2018", "一直这样好几年了");
# an acute illness on top of a chronic disease ("老慢支几十年了，这两天喘得厉害") is not.
CHRONIC_CONCEPTS = frozenset(
    {"face_droop", "one_sided_weakness", "speech_trouble", "altered_consciousness",
     "shock_confusion"}
)

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
    "neg_list",
    "chronic",
    "work_observer",
    "patient_experiencer",
    "recent_past",
)


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
                any_of=tuple(r.get("any", ())),
                min_any=int(r.get("min", 1 if r.get("any") else 0)),
                mild_ok=frozenset(r.get("mild_ok", ())),
            )
            for r in rules
        ]
        needed = {
            c for rule in self.rules for c in rule.concepts + tuple(rule.unless) + rule.any_of
        }
        needed |= set(MODIFIERS)
        missing = needed - set(self.patterns)
        if missing:
            raise ValueError(f"triage rules use unknown concepts: {sorted(missing)}")
        # One scan decides whether any signal of an escalation rule is present at all.
        self.any_gates = {
            rule.any_of: _compile(self.patterns[c].pattern for c in rule.any_of)
            for rule in self.rules
            if rule.any_of
        }
        self.concepts = sorted(
            {c for rule in self.rules for c in rule.concepts + tuple(rule.unless) + rule.any_of}
        )
        # Proofs that a pattern cannot match a message (prefilter.py), built up front so the
        # first messages do not pay for them.
        self._filters: dict[str, Prefilter] = {}
        self._gate_filters: dict[tuple[str, ...], Prefilter] = {}
        for any_of in self.any_gates:
            self.gate_prefilter(any_of)  # builds the filters of its concepts too
        for name in self.patterns:
            self.prefilter(name)

    def prefilter(self, name: str) -> Prefilter:
        f = self._filters.get(name)
        if f is None:
            pattern = self.patterns[name]
            f = self._filters[name] = Prefilter(required(pattern.pattern, pattern.flags))
        return f

    def gate_prefilter(self, any_of: tuple[str, ...]) -> Prefilter:
        f = self._gate_filters.get(any_of)
        if f is None:
            f = self._gate_filters[any_of] = Prefilter.union(self.prefilter(c) for c in any_of)
        return f

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> RuleTriager:
        return cls(load_yaml("concepts.yaml", directory), load_yaml("rules.yaml", directory))

    # -- clauses and modifiers --------------------------------------------------------------

    def _clauses(
        self, text: str, can: Callable[[str], bool] | None = None
    ) -> list[tuple[int, int]]:
        cuts = {0, len(text)}
        for m in _CLAUSE_BREAK.finditer(text):
            cuts.update((m.start(), m.end()))
        if can is None or can("terminator"):
            for m in self.patterns["terminator"].finditer(text):
                cuts.add(m.start())
        points = sorted(cuts)
        return [(a, b) for a, b in itertools.pairwise(points) if b > a]

    def _status(
        self,
        text: str,
        clause: tuple[int, int],
        start: int,
        end: int,
        cache: dict[tuple[str, int, int], Any] | None = None,
        can: Callable[[str], bool] | None = None,
    ) -> str:
        cs, ce = clause
        p = self.patterns
        memo = {} if cache is None else cache
        # `can(name)` is False only when pattern `name` cannot match anywhere in `text`.
        may = _always if can is None else can

        def in_clause(name: str) -> bool:
            # Clause-wide cues are the same for every mention in the clause.
            key = (name, cs, ce)
            if key not in memo:
                memo[key] = may(name) and p[name].search(text, cs, ce) is not None
            return bool(memo[key])

        # An English mention is searched too ("face isn't drooping" is one match); Chinese
        # symptom words carry their own 不/没 (叫不醒, 没尿) and are judged by what precedes.
        latin = _LATIN.search(text, start, end) is not None
        # Chinese patterns that allow a few characters between the body part and the symptom
        # ("胸口揪着疼") would otherwise swallow the negation itself ("胸口不疼", "嘴巴没歪").
        if not latin and may("inner_negation") and p["inner_negation"].search(text, start, end):
            return "negated"
        # One negation over a run-on list of symptoms: "没有发烧咳嗽胸闷气短".
        key = ("neg_list", cs, ce)
        if key not in memo:
            memo[key] = (
                [(m.start(), m.end()) for m in p["neg_list"].finditer(text, cs, ce)]
                if may("neg_list")
                else []
            )
        if any(a <= start and end <= b for a, b in memo[key]):
            return "negated"
        # Only the text just before the mention can negate it; blanking pseudo-negations in
        # a long clause prefix for every mention would be quadratic.
        lo = max(cs, start - NEGATION_WINDOW - PSEUDO_MARGIN)
        # English: blank to the clause end, a pseudo-negation may run past the mention
        # ("puffer isn't doing anything"). Chinese: only what precedes ("没发烧" negates 发烧).
        pseudo = may("pseudo_negation")
        if latin:
            pre = _blank(text[lo:ce], p["pseudo_negation"]) if pseudo else text[lo:ce]
            pre = pre[: end - lo]
        else:
            pre = _blank(text[lo:start], p["pseudo_negation"]) if pseudo else text[lo:start]
        # "what should we do if he has a seizure again" is a question, not a recurrence.
        if (may("hypothetical") and p["hypothetical"].search(text, cs, start)) or in_clause(
            "informational"
        ):
            return "hypothetical"
        if in_clause("recurrence"):
            return "active"  # "same pain again" beats "in 2019"
        for m in p["negation"].finditer(pre):
            if (start - lo) - m.end() <= NEGATION_WINDOW:
                return "negated"
        if may("post_negation") and p["post_negation"].match(text[end:ce]):
            return "negated"
        if in_clause("family") and in_clause("family_history_marker"):
            return "family_history"
        if in_clause("history") and not (
            may("now_marker") and p["now_marker"].search(text, start, ce)
        ):
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
        # Most patterns cannot match a given message at all: a cheap literal test proves it
        # and spares running the regex (a skipped search is one that finds nothing).
        self.possible: dict[str, bool] = {}
        self.text = Text(text)
        if triager.prefilter("idiom").may_match(self.text):
            self.clean = _blank(text, triager.patterns["idiom"])
            if self.clean != text:
                self.text = Text(self.clean)
        else:
            self.clean = text
        self.clauses = triager._clauses(self.clean, self.can)
        self.staff = (
            self.can("work_observer")
            and triager.patterns["work_observer"].search(self.clean) is not None
        )
        # Several concepts often match the same words ("vomiting"); judge each span once.
        self.statuses: dict[tuple[int, int], str] = {}
        self.memo: dict[tuple[str, int, int], Any] = {}
        self.found: dict[str, list[Mention]] = {}
        self.summary: dict[str, tuple[bool, bool, bool, bool]] = {}

    def can(self, name: str) -> bool:
        """False when pattern `name` provably cannot match anywhere in the clean text."""
        ok = self.possible.get(name)
        if ok is None:
            ok = self.possible[name] = self.triager.prefilter(name).may_match(self.text)
        return ok

    def _judge(self, concept: str, m: re.Match[str]) -> Mention:
        t, clean = self.triager, self.clean
        index = next(
            (i for i, c in enumerate(self.clauses) if c[0] <= m.start() < c[1]), None
        )
        clause = (0, len(clean)) if index is None else self.clauses[index]
        span = (m.start(), m.end())
        if span not in self.statuses:
            status = t._status(clean, clause, m.start(), m.end(), self.memo, self.can)
            # A nurse or doctor telling about a patient at work: not the writer's emergency.
            if (
                status == "active"
                and self.staff
                and self.can("patient_experiencer")
                and t.patterns["patient_experiencer"].search(clean, *clause)
            ):
                status = "historical"
            self.statuses[span] = status
        status = self.statuses[span]
        if status == "active" and concept in CHRONIC_CONCEPTS and index is not None:
            status = self._chronic(index, clause) or status
        if (
            status == "active"
            and concept in EPISODIC_CONCEPTS
            and self.can("recent_past")
            and t.patterns["recent_past"].search(clean, *clause)
            and not (
                self.can("now_marker")
                and t.patterns["now_marker"].search(clean, m.start(), clause[1])
            )
        ):
            status = "historical"
        pre = clean[clause[0] : m.start()]
        # "喘不上来气…是我爬了十层楼以后": the softener may also follow in the clause.
        mild = (
            concept in MILD_CONCEPTS
            and self.can("mild")
            and bool(
                t.patterns["mild"].search(pre[-MILD_WINDOW:])
                or t.patterns["mild"].search(clean, m.start(), clause[1])
            )
        )
        return Mention(concept, m.start(), m.end(), status, mild)

    def _chronic(self, index: int, clause: tuple[int, int]) -> str | None:
        """'historical' when a long-standing deficit is described around the clause."""
        clean, p = self.clean, self.triager.patterns
        # The clauses with words in them around this one (a run of spaces is a clause of its
        # own); two back: "had parkinson's for 10 years, her speech is quiet and slurred".
        before = [c[0] for c in self.clauses[:index] if _WORD.search(clean, *c)]
        prev = before[-2] if len(before) > 1 else before[0] if before else clause[0]
        nxt = next(
            (c[1] for c in self.clauses[index + 1 :] if _WORD.search(clean, *c)), clause[1]
        )
        if (
            self.can("chronic")
            and p["chronic"].search(clean, prev, nxt)
            and not (self.can("now_marker") and p["now_marker"].search(clean, prev, nxt))
        ):
            return "historical"
        return None

    def mentions(self, concept: str) -> list[Mention]:
        if concept not in self.found:
            self.found[concept] = (
                [
                    self._judge(concept, m)
                    for m in self.triager.patterns[concept].finditer(self.clean)
                    if m.end() > m.start()
                ]
                if self.can(concept)
                else []
            )
        return self.found[concept]

    def state(self, concept: str) -> tuple[bool, bool, bool, bool]:
        """(strong, active, past, asked): active and not softened, active, past or family
        history, and mentioned in a question or hypothetical."""
        if concept in self.summary:
            return self.summary[concept]
        strong = active = past = asked = False
        if not self.can(concept):
            self.summary[concept] = (strong, active, past, asked)
            return self.summary[concept]
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
            elif mn.status == "hypothetical":
                asked = True
        self.summary[concept] = (strong, active, past, asked)
        return self.summary[concept]

    def fires(self, rule: Rule) -> bool:
        pool = 0 if rule.level == "emergency" else 1
        mild_ok, history_ok = rule.mild_ok, rule.history_ok
        # Concepts already judged first: a known miss spares scanning the others. Otherwise
        # the order of the rule: its first concept should be the rarest.
        if len(rule.concepts) > 1:
            summary = self.summary
            for c in rule.concepts:
                st = summary.get(c)
                if st is not None and not (
                    st[pool] or (c in mild_ok and st[1]) or (c in history_ok and st[2])
                ):
                    return False
        for c in rule.concepts:
            st = self.state(c)
            if not (st[pool] or (c in mild_ok and st[1]) or (c in history_ok and st[2])):
                return False
        if rule.min_any:
            if not self.triager.gate_prefilter(rule.any_of).may_match(
                self.text
            ) or not self.triager.any_gates[rule.any_of].search(self.clean):
                return False
            found = 0
            for i, c in enumerate(rule.any_of):
                found += self.state(c)[pool]
                if found >= rule.min_any:
                    break
                if found + len(rule.any_of) - i - 1 < rule.min_any:
                    return False  # not enough concepts left to reach the threshold
            if found < rule.min_any:
                return False
        # An explanation counts even inside a question ("要不要装报警器").
        return not any(self.state(c)[1] or self.state(c)[3] for c in rule.unless)


def _always(name: str) -> bool:
    return True


@cache
def default_triager() -> RuleTriager:
    return RuleTriager.from_directory()
