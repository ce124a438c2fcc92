"""The labelled dev set must keep meeting the issue's targets (a regression guard).

The dev set was written alongside the rules, so these numbers are optimistic; the held-out
evaluation is what counts. tests/data/redaction_check.jsonl is a second set written
separately and only checked, never tuned against.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.redaction.helpers import ANALYZER

DATA = Path(__file__).resolve().parents[1] / "data"
NUMBER_TYPES = {"PHONE", "EMAIL", "CN_ID", "SSN", "MRN", "INSURANCE_ID", "BANK_CARD", "PASSPORT",
                "DATE_OF_BIRTH", "IP_ADDRESS", "URL"}


def score(path: Path) -> dict[str, float]:
    hit = {"num": 0, "name": 0, "addr": 0}
    total = {"num": 0, "name": 0, "addr": 0}
    pred = pred_ok = keep = keep_ok = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["text"]
        found = ANALYZER.analyze(text)
        covered = {i for e in found for i in range(e.start, e.end)}
        gold = []
        for g in item["entities"]:
            start = text.find(g["value"])
            end = start + len(g["value"])
            gold.append((start, end))
            group = ("num" if g["type"] in NUMBER_TYPES
                     else "name" if g["type"] == "PERSON" else "addr")
            total[group] += 1
            hit[group] += set(range(start, end)) <= covered
        for e in found:
            pred += 1
            pred_ok += any(e.start < t and e.end > s for s, t in gold)
        redacted = text
        for e in sorted(found, key=lambda e: -e.start):
            redacted = redacted[: e.start] + "[X]" + redacted[e.end :]
        for k in item.get("keep", []):
            keep += 1
            keep_ok += k in redacted
    return {
        "num_recall": hit["num"] / total["num"],
        "person_recall": hit["name"] / total["name"],
        "address_recall": hit["addr"] / total["addr"],
        "precision": pred_ok / pred,
        "preserved": keep_ok / keep,
    }


def test_dev_set_meets_targets() -> None:
    s = score(DATA / "redaction_dev.jsonl")
    assert s["num_recall"] >= 0.98, s
    assert s["person_recall"] >= 0.93, s
    assert s["address_recall"] >= 0.93, s
    assert s["precision"] >= 0.95, s
    assert s["preserved"] == 1.0, s


@pytest.mark.skipif(not (DATA / "redaction_check.jsonl").exists(), reason="no check set")
def test_check_set_does_not_regress() -> None:
    s = score(DATA / "redaction_check.jsonl")
    # Floors recorded when the check set was first scored (see the issue note), not targets.
    assert s["num_recall"] >= 0.90, s
    assert s["precision"] >= 0.90, s
