"""Shared assertions for the table-driven recognizer tests."""

from __future__ import annotations

from gateway.redaction.engine import default_analyzer

ANALYZER = default_analyzer()


def found(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.value) for e in ANALYZER.analyze(text)]


def assert_finds(text: str, kind: str, value: str) -> None:
    got = found(text)
    assert (kind, value) in got, f"{text!r}: expected {kind} {value!r}, got {got}"


def assert_untouched(text: str, kinds: tuple[str, ...] = ()) -> None:
    got = [(k, v) for k, v in found(text) if not kinds or k in kinds]
    assert not got, f"{text!r}: expected nothing, got {got}"
