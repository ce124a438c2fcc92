"""Localized emergency guidance, answered by the gateway itself (never by the model)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from gateway.locale import Locale


@cache
def _texts() -> dict[str, Any]:
    raw = resources.files("gateway.triage").joinpath("guidance.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    return data


@dataclass(frozen=True)
class EmergencyNumbers:
    emergency: str
    crisis: str


def emergency_guidance(locale: Locale, category: str | None, numbers: EmergencyNumbers) -> str:
    texts = _texts()[locale]
    steps = texts["steps"].get(category or "default", texts["steps"]["default"])
    fill = {"number": numbers.emergency, "crisis": numbers.crisis}
    if category == "suicide":
        # The crisis line leads: it is the first thing a person in that state should see.
        parts = [steps, texts["closing"]]
    else:
        parts = [texts["opening"], steps, texts["closing"]]
    sep = "" if locale == "zh" else " "
    return sep.join(p.format(**fill) for p in parts)
