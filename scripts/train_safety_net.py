"""Train the triage safety net: a small "is this an emergency now?" text classifier.

Features: tf-idf (sublinear tf, l2 per block) of character 1-4-grams and word 1-2-grams over the
normalised text (NFKC, lowercase); model: logistic regression (liblinear, C=16, balanced classes).
Trained on every labelled triage set in tests/data except the held-out *blind* files. The
exported weights are read by gateway/triage/safety_net.py (pure Python, no scikit-learn).

    python scripts/train_safety_net.py            # leave-one-set-out table, then write weights
    python scripts/train_safety_net.py --rules    # also the rules OR classifier, per set
    python scripts/train_safety_net.py --no-write # table only

Deterministic: same data, same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import FeatureUnion, Pipeline

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = ROOT / "gateway" / "triage" / "safety_net_weights.json"
CHAR_NGRAMS = (1, 4)
WORD_NGRAMS = (1, 2)
WORD_PATTERN = r"(?u)\b\w+\b"
MIN_DF = 2
C = 16.0
# Chosen by leave-one-set-out: the lowest threshold whose extra false alarms (over the rules)
# cost at most 1 point of specificity, pooled over the training sets.
THRESHOLD = 0.87
TAUS = (0.5, 0.7, 0.8, 0.87, 0.9, 0.95)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def load_sets() -> dict[str, list[dict[str, Any]]]:
    sets: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(DATA.glob("triage_*.jsonl")):
        if "blind" in path.name:
            continue
        name = path.stem.removeprefix("triage_")
        sets[name] = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    return sets


def build_model() -> Pipeline:
    char = TfidfVectorizer(
        analyzer="char", ngram_range=CHAR_NGRAMS, min_df=MIN_DF, sublinear_tf=True,
        preprocessor=normalize,
    )
    word = TfidfVectorizer(
        analyzer="word", ngram_range=WORD_NGRAMS, min_df=MIN_DF, sublinear_tf=True,
        preprocessor=normalize, token_pattern=WORD_PATTERN,
    )
    clf = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", random_state=0)
    return Pipeline([("features", FeatureUnion([("char", char), ("word", word)])), ("lr", clf)])


def fit(rows: list[dict[str, Any]]) -> Pipeline:
    return build_model().fit([r["text"] for r in rows], [r["level"] == "emergency" for r in rows])


def rates(y: np.ndarray, flag: np.ndarray) -> str:
    return f"{flag[y].mean():.3f}/{(~flag[~y]).mean():.3f}"


def leave_one_set_out(sets: dict[str, list[dict[str, Any]]], with_rules: bool) -> None:
    rules_level = None
    if with_rules:
        sys.path.insert(0, str(ROOT))
        from gateway.triage.engine import default_triager

        rules_level = default_triager().assess
    print("leave-one-set-out: recall/specificity (classifier alone; with --rules: rules OR p>=tau)")
    print(f"{'set':8s} {'n':>4s} {'auc':>6s} " + " ".join(f"{'t=' + str(t):>11s}" for t in TAUS))
    ys, ps, rs = [], [], []
    for held in sets:
        train = [r for name, rows in sets.items() if name != held for r in rows]
        test = sets[held]
        p = fit(train).predict_proba([r["text"] for r in test])[:, 1]
        y = np.array([r["level"] == "emergency" for r in test])
        rule = np.zeros(len(test), dtype=bool)
        if rules_level is not None:
            rule = np.array([rules_level(r["text"]).level == "emergency" for r in test])
        ys.append(y)
        ps.append(p)
        rs.append(rule)
        cells = " ".join(f"{rates(y, rule | (p >= t)):>11s}" for t in TAUS)
        base = f" rules {rates(y, rule)}" if rules_level is not None else ""
        print(f"{held:8s} {len(test):4d} {roc_auc_score(y, p):6.3f} {cells}{base}")
    y, p, rule = np.concatenate(ys), np.concatenate(ps), np.concatenate(rs)
    cells = " ".join(f"{rates(y, rule | (p >= t)):>11s}" for t in TAUS)
    base = f" rules {rates(y, rule)}" if rules_level is not None else ""
    print(f"{'pooled':8s} {len(y):4d} {roc_auc_score(y, p):6.3f} {cells}{base}")


def export(model: Pipeline) -> dict[str, Any]:
    union: FeatureUnion = model.named_steps["features"]
    lr: LogisticRegression = model.named_steps["lr"]
    coef = lr.coef_[0]
    blocks: dict[str, dict[str, list[float]]] = {}
    offset = 0
    for name, vec in union.transformer_list:
        vocab: dict[str, int] = vec.vocabulary_
        idf = vec.idf_
        blocks[name] = {
            term: [float(f"{idf[j]:.10g}"), float(f"{coef[offset + j]:.10g}")]
            for term, j in sorted(vocab.items(), key=lambda kv: kv[1])
        }
        offset += len(vocab)
    return {
        "version": 1,
        "char_ngrams": list(CHAR_NGRAMS),
        "word_ngrams": list(WORD_NGRAMS),
        "word_pattern": WORD_PATTERN,
        "threshold": THRESHOLD,
        "intercept": float(lr.intercept_[0]),
        "char": blocks["char"],
        "word": blocks["word"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", action="store_true", help="combine with the current rule engine")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    sets = load_sets()
    print("sets:", ", ".join(f"{k}={len(v)}" for k, v in sets.items()))
    leave_one_set_out(sets, args.rules)
    if args.no_write:
        return
    model = fit([r for rows in sets.values() for r in rows])
    OUT.write_text(json.dumps(export(model), ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
