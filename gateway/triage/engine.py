"""Triage engine (filled by the triage issue)."""

from __future__ import annotations

from gateway.triage.base import TriageResult


class RuleTriager:
    def assess(self, text: str) -> TriageResult:
        return TriageResult()


def default_triager() -> RuleTriager:
    return RuleTriager()
