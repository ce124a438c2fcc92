"""Dev and check sets must keep meeting the issue's targets (regression guard).

Both sets were used while writing the rules, so they are optimistic; see the issue note for
the score of tests/data/triage_blind.jsonl, which no rule was tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.triage.helpers import triage

DATA = Path(__file__).resolve().parents[1] / "data"


def rates(name: str) -> tuple[float, float]:
    hit_e = tot_e = hit_n = tot_n = 0
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        emergency = triage(item["text"]).level == "emergency"
        if item["level"] == "emergency":
            tot_e += 1
            hit_e += emergency
        else:
            tot_n += 1
            hit_n += not emergency
    return hit_e / tot_e, hit_n / tot_n


@pytest.mark.parametrize("name", ["triage_dev.jsonl", "triage_check.jsonl"])
def test_targets(name: str) -> None:
    recall, specificity = rates(name)
    assert recall >= 0.98, (recall, specificity)
    assert specificity >= 0.92, (recall, specificity)
