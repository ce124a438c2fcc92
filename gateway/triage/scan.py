"""One message under triage: concept mentions and their status, computed on first use."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from gateway.triage.model import (
    BLEEDING_WORD,
    CHRONIC_CONCEPTS,
    EPISODIC_CONCEPTS,
    MILD_CONCEPTS,
    MILD_WINDOW,
    SITE_SCOPED_CONCEPTS,
    WORD_CHAR,
    Mention,
    Rule,
    blank,
)
from gateway.triage.prefilter import Text

if TYPE_CHECKING:
    from gateway.triage.engine import RuleTriager


class MessageScan:
    """One message: concept mentions and their status, computed on first use."""

    def __init__(self, triager: RuleTriager, text: str) -> None:
        self.triager = triager
        # Most patterns cannot match a given message at all: a cheap literal test proves it
        # and spares running the regex (a skipped search is one that finds nothing).
        self.text = Text(text)
        if triager.prefilter("idiom").may_match(self.text):
            self.clean = blank(text, triager.patterns["idiom"])
            if self.clean != text:
                self.text = Text(self.clean)
        else:
            self.clean = text
        index = triager.index
        self.possible = None if index is None else index.possible(self.text)
        self.checked: dict[str, bool] = {}
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
        if self.possible is not None:
            return name in self.possible
        ok = self.checked.get(name)
        if ok is None:
            ok = self.checked[name] = self.triager.prefilter(name).may_match(self.text)
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
            if status == "active" and index is not None and self._continues_past(index):
                status = "historical"
            self.statuses[span] = status
        status = self.statuses[span]
        if status == "active" and concept in CHRONIC_CONCEPTS and index is not None:
            status = self._chronic(index, clause, m.end()) or status
        if (
            status == "active"
            and concept in SITE_SCOPED_CONCEPTS
            and index is not None
            and BLEEDING_WORD.search(clean, m.start(), m.end())
        ):
            status = self._other_site(index, clause) or status
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
                or t.patterns["mild"].search(clean, m.start(), max(clause[1], m.end()))
            )
        )
        return Mention(concept, m.start(), m.end(), status, mild)

    def _around(self, index: int, back: int = 2) -> tuple[int, int]:
        """From the start of the `back`-th clause with words before clause `index` to the end
        of the next one with words (a run of spaces is a clause of its own)."""
        clean, clause = self.clean, self.clauses[index]
        before = [c[0] for c in self.clauses[:index] if WORD_CHAR.search(clean, *c)]
        prev = before[-min(back, len(before))] if before else clause[0]
        nxt = next(
            (c[1] for c in self.clauses[index + 1 :] if WORD_CHAR.search(clean, *c)), clause[1]
        )
        return prev, nxt

    def _has(self, name: str, start: int, end: int) -> bool:
        pattern = self.triager.patterns[name]
        return self.can(name) and pattern.search(self.clean, start, end) is not None

    def _chronic(self, index: int, clause: tuple[int, int], end: int) -> str | None:
        """'historical' when a long-standing deficit is described around the clause."""
        # Two clauses back: "had parkinson's for 10 years, her speech is quiet and slurred".
        prev, nxt = self._around(index)
        if self._has("chronic", prev, nxt) and not self._has("now_marker", prev, nxt):
            return "historical"
        # "had a stroke in 2015, his speech is still a bit slurred": a deficit left over from a
        # past event, unless something about it is new ("since this morning", "突然").
        if (
            # A terminator inside the mention ('嘴还有点歪') may have cut its clause short.
            self._has("residual", clause[0], max(clause[1], end))
            and self._has("history", prev, clause[1])
            and not self._has("acute_onset", prev, nxt)
        ):
            return "historical"
        return None

    def _continues_past(self, index: int) -> bool:
        """An "and broke my hip" clause after one set in the past ("fell in 2018")."""
        clean, clause = self.clean, self.clauses[index]
        if not (
            self.can("past_continuation")
            and self.triager.patterns["past_continuation"].match(clean, *clause)
        ):
            return False
        prev = self._around(index, back=1)[0]
        return (
            prev < clause[0]
            and self._has("history", prev, clause[0])
            and not self._has("now_marker", *clause)
            and not self._has("recurrence", *clause)
        )

    def _other_site(self, index: int, clause: tuple[int, int]) -> str | None:
        """'other_site' when a bleed in pregnancy is from the gums, nose or a cut, or is light
        bleeding after the birth that is settling."""
        if self._has("genital_site", *clause):
            return None
        prev, nxt = self._around(index, back=1)
        if self._has("bleeding_settling", clause[0], nxt):
            return "other_site"
        if self._has("other_bleed_site", prev, clause[1]):
            return "other_site"
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
                st = self.state(c)
                found += bool(st[pool] or (c in mild_ok and st[1]))
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
