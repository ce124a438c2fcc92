"""The triage stage: rules first, the statistical safety net may only add an emergency."""

from __future__ import annotations

import pytest

from gateway.triage.base import TriageResult
from gateway.triage.safety_net import default_safety_net
from gateway.triage.stage import SafetyNetTriager, default_triage


class Fixed:
    """Rules stand-in with a fixed answer: isolates what the net adds."""

    def __init__(self, result: TriageResult) -> None:
        self.result = result

    def assess(self, text: str) -> TriageResult:
        return self.result


ROUTINE = TriageResult("routine")
URGENT = TriageResult("urgent", "respiratory", ["shortness of breath"])
RULE_EMERGENCY = TriageResult("emergency", "cardiac", ["chest pain with sweating"])

# (rules' answer, message, expected level, expected category, raised by the net)
CASES = [
    # Phrasings with no lexicon red flag that read as emergencies happening now.
    (ROUTINE, "kinda feel like i might not be here tomorrow, i have sorted my things out and "
              "written goodbye letters to everyone", "emergency", None, True),
    (ROUTINE, "he went grey and sweaty and is not making sense, slumped in his chair",
     "emergency", None, True),
    # The rules' category from an urgent finding chooses the first-aid steps.
    (URGENT, "he went grey and sweaty and is not making sense, slumped in his chair",
     "emergency", "respiratory", True),
    # Ordinary questions, past events and relatives' histories stay as the rules said.
    (ROUTINE, "what helps a sore throat?", "routine", None, False),
    (ROUTINE, "I had a heart attack in 2019, doing fine now, question about my statin refill",
     "routine", None, False),
    (ROUTINE, "my grandmother had a stroke ten years ago", "routine", None, False),
    (ROUTINE, "我明天想改一下预约时间", "routine", None, False),
    (URGENT, "can my kid take ibuprofen for a mild fever of 38", "urgent", "respiratory", False),
    # It never clears or rewrites an emergency the rules found, whatever it thinks.
    (RULE_EMERGENCY, "what helps a sore throat?", "emergency", "cardiac", False),
]


@pytest.mark.parametrize(("rules", "text", "level", "category", "by_net"), CASES)
def test_net_only_adds_emergencies(
    rules: TriageResult, text: str, level: str, category: str | None, by_net: bool
) -> None:
    result = SafetyNetTriager(Fixed(rules), default_safety_net()).assess(text)
    assert (result.level, result.category) == (level, category)
    assert (result.source == "safety_net") is by_net
    if by_net:
        assert result.reasons[: len(rules.reasons)] == rules.reasons
        assert "safety net" in result.reasons[-1]
    else:
        assert result == rules


def test_threshold_is_configurable() -> None:
    text = "he went grey and sweaty and is not making sense, slumped in his chair"
    net = default_safety_net()
    assert 0 < net.threshold < 1
    assert SafetyNetTriager(Fixed(ROUTINE), net, threshold=0.999999).assess(text) == ROUTINE


def test_default_stage_can_run_without_the_net() -> None:
    text = "he went grey and sweaty and is not making sense, slumped in his chair"
    with_net, rules_only = default_triage(), default_triage(safety_net=False)
    assert isinstance(with_net, SafetyNetTriager)
    assert rules_only.assess(text).source == "rules"
