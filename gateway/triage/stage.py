"""The triage stage the gateway runs: the rules first, then the statistical safety net.

The rules (engine.py) explain themselves and understand negation, history and hypotheticals,
but each fresh set of patient messages still holds phrasings their lexicons miss (first-pass
recall 0.67-0.94 on sets written after the rules). The safety net (safety_net.py) reads
phrasing, not context; on sets it was not trained on it caught most of those misses for about
one point of specificity (scripts/train_safety_net.py prints the numbers). So it may only add
an alarm the rules did not raise, never clear one, and its alarms say where they came from.
"""

from __future__ import annotations

from gateway.triage.base import Triager, TriageResult
from gateway.triage.engine import default_triager
from gateway.triage.safety_net import SafetyNet, default_safety_net

SAFETY_NET_REASON = (
    "reads like an emergency happening now (statistical safety net, p={p:.2f}); "
    "no rule matched, so a clinician should review it"
)


class SafetyNetTriager:
    """Rules, escalated to emergency when the safety net's probability reaches a threshold."""

    def __init__(self, rules: Triager, net: SafetyNet, threshold: float | None = None) -> None:
        self.rules = rules
        self.net = net
        self.threshold = net.threshold if threshold is None else threshold

    def assess(self, text: str) -> TriageResult:
        result = self.rules.assess(text)
        if result.level == "emergency":
            return result
        p = self.net.probability(text)
        if p < self.threshold:
            return result
        # The rules' category (from an urgent finding) picks the first-aid steps if there is one.
        return TriageResult(
            "emergency",
            result.category,
            [*result.reasons, SAFETY_NET_REASON.format(p=p)],
            source="safety_net",
        )


def default_triage(safety_net: bool = True, threshold: float | None = None) -> Triager:
    rules = default_triager()
    if not safety_net:
        return rules
    return SafetyNetTriager(rules, default_safety_net(), threshold)
