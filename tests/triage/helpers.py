"""Runs messages through the same normalize → redact → triage path as the gateway."""

from __future__ import annotations

from gateway.normalize import normalize_text
from gateway.redaction.engine import default_analyzer
from gateway.redaction.placeholders import replace_entities
from gateway.triage.base import TriageResult
from gateway.triage.engine import default_triager

_ANALYZER = default_analyzer()


def triage(text: str) -> TriageResult:
    clean = normalize_text(text)
    redacted, _, _ = replace_entities(clean, _ANALYZER.analyze(clean))
    return default_triager().assess(redacted)


def check(text: str, level: str, category: str | None = None) -> None:
    result = triage(text)
    assert result.level == level, f"{text!r}: expected {level}, got {result}"
    if category is not None:
        assert result.category == category, f"{text!r}: expected {category}, got {result}"
