"""Per-type precision/recall of the redaction analyzer on a labelled JSONL set.

Each line: {"id", "lang", "text", "entities": [{"type", "value"}], "keep": [str]}.
A gold entity is recalled when predicted spans (of any type) cover all of its characters;
a prediction is correct when it overlaps a gold entity. Type accuracy is reported separately.
Usage: python scripts/eval_redaction.py FILE [--show-errors]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.redaction.engine import default_analyzer
from gateway.redaction.placeholders import replace_entities

NUMBER_TYPES = {"PHONE", "EMAIL", "CN_ID", "SSN", "MRN", "INSURANCE_ID", "BANK_CARD", "PASSPORT",
                "DATE_OF_BIRTH", "IP_ADDRESS", "URL"}


def spans_of(text: str, value: str) -> list[tuple[int, int]]:
    out, i = [], text.find(value)
    while i != -1:
        out.append((i, i + len(value)))
        i = text.find(value, i + 1)
    return out


def main() -> int:
    path = sys.argv[1]
    show = "--show-errors" in sys.argv
    analyzer = default_analyzer()
    tp, fn, pred_ok, pred_all = Counter(), Counter(), Counter(), Counter()
    type_right = Counter()
    keep_total = keep_ok = 0
    timings = []
    errors = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        start = time.perf_counter()
        found = analyzer.analyze(text)
        timings.append(time.perf_counter() - start)
        covered = set()
        for e in found:
            covered.update(range(e.start, e.end))
        gold_spans = []
        for g in item["entities"]:
            for s, t in spans_of(text, g["value"]):
                gold_spans.append((s, t, g["type"]))
                chars = set(range(s, t))
                if chars <= covered:
                    tp[g["type"]] += 1
                    if any(e.type == g["type"] and e.start < t and e.end > s for e in found):
                        type_right[g["type"]] += 1
                else:
                    fn[g["type"]] += 1
                    errors.append(f"MISS {item['id']} {g['type']} {g['value']!r}")
        for e in found:
            pred_all[e.type] += 1
            if any(e.start < t and e.end > s for s, t, _ in gold_spans):
                pred_ok[e.type] += 1
            else:
                errors.append(f"FP   {item['id']} {e.type} {e.value!r}")
        redacted, _, _ = replace_entities(text, found)
        for k in item.get("keep", []):
            keep_total += 1
            if k in redacted:
                keep_ok += 1
            else:
                errors.append(f"LOST {item['id']} {k!r}")
    types = sorted(set(tp) | set(fn) | set(pred_all))
    print(f"{'type':<15}{'gold':>6}{'recall':>9}{'pred':>6}{'precision':>11}{'type-acc':>10}")
    for t in types:
        gold = tp[t] + fn[t]
        rec = tp[t] / gold if gold else float("nan")
        prec = pred_ok[t] / pred_all[t] if pred_all[t] else float("nan")
        acc = type_right[t] / tp[t] if tp[t] else float("nan")
        print(f"{t:<15}{gold:>6}{rec:>9.3f}{pred_all[t]:>6}{prec:>11.3f}{acc:>10.3f}")

    def agg(sel: set[str]) -> tuple[float, float]:
        g = sum(tp[t] + fn[t] for t in sel)
        p = sum(pred_all[t] for t in sel)
        return (sum(tp[t] for t in sel) / g if g else 1.0,
                sum(pred_ok[t] for t in sel) / p if p else 1.0)

    num_r, _ = agg(NUMBER_TYPES)
    person_r, _ = agg({"PERSON"})
    addr_r, _ = agg({"ADDRESS"})
    _, all_p = agg(set(types))
    timings.sort()
    print()
    print(f"recall number-shaped identifiers: {num_r:.3f} (target >= 0.98)")
    print(f"recall PERSON: {person_r:.3f}  ADDRESS: {addr_r:.3f} (target >= 0.93)")
    print(f"precision overall: {all_p:.3f} (target >= 0.95)")
    print(f"clinical values preserved: {keep_ok}/{keep_total} = "
          f"{keep_ok / max(keep_total, 1):.3f} (target 1.000)")
    print(f"analyzer time per message: median {timings[len(timings) // 2] * 1e3:.3f} ms, "
          f"p99 {timings[int(len(timings) * 0.99)] * 1e3:.3f} ms")
    if show:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
