"""Mild softeners ("a bit", "有点", "probably nothing") must never lower signs that are
emergencies at any degree: colour, volume, unresponsiveness, preparation for suicide."""

from __future__ import annotations

import pytest

from gateway.triage.model import MILD_CONCEPTS
from tests.triage.helpers import triage

NEVER_SOFTENED = {
    "cyanosis", "bleed_volume", "collapse", "suicide_method_prep", "farewell_act",
    "affairs_sorted", "finality", "cord_prolapse", "hip_fracture_sign",
}

SOFTENED_BUT_EMERGENCY = [
    "sorry to bother you, probably nothing, lips look a little bit blue and i'm slightly breathless",
    "应该没事吧，嘴唇有点发紫，稍微有点喘",
    "only a tiny bit of blood when i vomit, maybe half a mug",
    "一点点血吧，咳出来大概小半碗",
    "kinda tired, probably nothing, i've sorted my things out and i won't be here much longer",
    "可能是我想多了，一切都安排好了，以后你们不用管我了",
    "not a big deal but i've been stockpiling my sleeping pills",
]


def test_never_softened_concepts_are_not_mild() -> None:
    assert not NEVER_SOFTENED & MILD_CONCEPTS


@pytest.mark.parametrize("text", SOFTENED_BUT_EMERGENCY)
def test_softener_does_not_lower(text: str) -> None:
    result = triage(text)
    assert result.level == "emergency", f"{text!r}: {result}"
