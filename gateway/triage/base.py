"""Types of the triage stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

Level = Literal["emergency", "urgent", "routine"]


@dataclass(frozen=True)
class TriageResult:
    level: Level = "routine"
    category: str | None = None
    reasons: list[str] = field(default_factory=list)
    source: Literal["rules", "safety_net"] = "rules"  # which part of the stage decided


class Triager(Protocol):
    def assess(self, text: str) -> TriageResult: ...
