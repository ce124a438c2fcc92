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
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from gateway.triage.base import TriageResult
from gateway.triage.dialect import fold
from gateway.triage.model import (  # noqa: F401 - re-exported for rule authors' tools
    CHRONIC_CONCEPTS,
    EPISODIC_CONCEPTS,
    MILD_CONCEPTS,
    Mention,
    Rule,
    blank,
)
from gateway.triage.prefilter import Prefilter, PrefilterIndex, required
from gateway.triage.scan import MessageScan, _always
from gateway.triage.typos import TypoFixer, lexicon_words, load_common_words

# Patients often separate Chinese clauses with spaces instead of punctuation. A space between
# a Chinese and an English word is code-switching inside one clause ("假如 hiking 的时候被蛇咬了").
_CLAUSE_BREAK = re.compile(
    r"[。！？!?；;\n，,、]|\.(?!\d)|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
)
# How far before a mention a negation or softening cue still applies (characters).
NEGATION_WINDOW = 24
# Extra text kept before the window so a pseudo-negation ('不知道') is seen whole.
PSEUDO_MARGIN = 40
_LATIN = re.compile(r"[A-Za-z]")
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
    "other_bleed_site",
    "genital_site",
    "bleeding_settling",
    "residual",
    "acute_onset",
    "past_continuation",
)


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    # ASCII mode: \\b must see a boundary between Han characters and Latin words ("妈chest").
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.ASCII)


def load_yaml(name: str, directory: Path | None = None) -> Any:
    if directory is not None:
        return yaml.safe_load((directory / name).read_text(encoding="utf-8"))
    text = resources.files("gateway.triage").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


class RuleTriager:
    def __init__(
        self,
        concepts: Mapping[str, Sequence[str]],
        rules: Sequence[Mapping[str, Any]],
        fix_typos: bool = True,
    ):
        self.patterns = {name: _compile(pats) for name, pats in concepts.items()}
        self.typos = (
            TypoFixer(lexicon_words(p for ps in concepts.values() for p in ps), load_common_words())
            if fix_typos
            else None
        )
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
        # Every prefilter in one pass per message; None runs every pattern (tests compare).
        self.index: PrefilterIndex | None = PrefilterIndex(self._filters)
        # A rule can only fire if each of its `all` concepts may match at all.
        self.by_level = {
            level: [(rule, frozenset(rule.concepts)) for rule in self.rules if rule.level == level]
            for level in ("emergency", "urgent")
        }

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
    def from_directory(cls, directory: Path | None = None, fix_typos: bool = True) -> RuleTriager:
        return cls(
            load_yaml("concepts.yaml", directory), load_yaml("rules.yaml", directory), fix_typos
        )

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
            pre = blank(text[lo:ce], p["pseudo_negation"]) if pseudo else text[lo:ce]
            pre = pre[: end - lo]
        else:
            pre = blank(text[lo:start], p["pseudo_negation"]) if pseudo else text[lo:start]
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

    def normalize(self, text: str) -> str:
        """The message in simplified Mandarin (dialect.py), misspelled English lexicon words
        corrected (typos.py)."""
        text = fold(text)
        return text if self.typos is None else self.typos.fix(text)

    def mentions(self, text: str) -> list[Mention]:
        scan = MessageScan(self, self.normalize(text))
        return [mn for concept in self.concepts for mn in scan.mentions(concept)]

    # -- decision ---------------------------------------------------------------------------

    def assess(self, text: str) -> TriageResult:
        # Concepts are matched lazily: a rule stops at its first missing concept, so context
        # concepts ("after a long flight") are only searched when a rule needs them.
        scan = MessageScan(self, self.normalize(text))
        possible = scan.possible
        for level in ("emergency", "urgent"):
            category: str | None = None
            reasons: list[str] = []
            for rule, needs in self.by_level[level]:
                if (possible is None or needs <= possible) and scan.fires(rule):
                    category = category or rule.category
                    if rule.reason not in reasons:
                        reasons.append(rule.reason)
                        # The first rule names the category and three reasons are shown:
                        # later rules cannot change the result.
                        if len(reasons) == 3:
                            break
            if reasons:
                return TriageResult(level, category, reasons)
        return TriageResult()


@cache
def default_triager() -> RuleTriager:
    return RuleTriager.from_directory()
