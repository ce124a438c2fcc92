"""Emergency recall and specificity of the triage stage on a labelled JSONL set.

Each line: {"id", "lang", "text", "level", "category"}. Messages go through the same
normalize → redact → triage path as in the gateway.
Usage: python scripts/eval_triage.py FILE [--show-errors] [--rules-only]
(--rules-only: without the statistical safety net, to see what the rules alone catch)
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.normalize import normalize_text
from gateway.redaction.engine import default_analyzer
from gateway.redaction.placeholders import replace_entities
from gateway.triage.stage import default_triage


def main() -> int:
    path = sys.argv[1]
    show = "--show-errors" in sys.argv
    analyzer = default_analyzer()
    triager = default_triage(safety_net="--rules-only" not in sys.argv)
    tot, hit = Counter(), Counter()
    errors, timings = [], []
    cat_right = cat_total = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        clean = normalize_text(item["text"])
        redacted, _, _ = replace_entities(clean, analyzer.analyze(clean))
        start = time.perf_counter()
        result = triager.assess(redacted)
        timings.append(time.perf_counter() - start)
        gold_e = item["level"] == "emergency"
        pred_e = result.level == "emergency"
        lang = "zh" if item["lang"] in ("zh", "mixed") else "en"
        key = "emergency" if gold_e else "non-emergency"
        for group in (key, f"{key}/{lang}", f"{key}/{item.get('category') or '-'}"):
            tot[group] += 1
            hit[group] += gold_e == pred_e
        if gold_e and pred_e:
            cat_total += 1
            cat_right += result.category == item.get("category")
        if gold_e != pred_e or (gold_e and result.category != item.get("category")):
            errors.append(f"{item['id']} gold={item['level']}/{item.get('category')} "
                          f"got={result.level}/{result.category} {result.reasons[:1]} "
                          f"| {item['text'][:110]}")
    print(f"{'group':<32}{'n':>5}{'correct':>9}{'rate':>8}")
    for g in sorted(tot):
        print(f"{g:<32}{tot[g]:>5}{hit[g]:>9}{hit[g] / tot[g]:>8.3f}")
    timings.sort()
    print()
    print(f"emergency recall: {hit['emergency'] / max(tot['emergency'], 1):.3f} (target >= 0.98)")
    print(f"specificity: {hit['non-emergency'] / max(tot['non-emergency'], 1):.3f} "
          "(target >= 0.92)")
    print(f"category agreement on caught emergencies: {cat_right}/{cat_total}")
    print(f"triage time per message: median {timings[len(timings) // 2] * 1e3:.3f} ms, "
          f"max {timings[-1] * 1e3:.3f} ms")
    if show:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
