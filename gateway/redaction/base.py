"""Types shared by the recognizers, the analyzer and the pseudonymizer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Entity:
    """One identifier found in a text. ``value`` lives only in process memory."""

    type: str
    start: int
    end: int
    value: str
    score: float = 1.0


class Analyzer(Protocol):
    """Finds identifiers. Must raise rather than return a partial result."""

    def analyze(self, text: str) -> list[Entity]: ...
