"""Recall@3 of knowledge retrieval on a labelled question set, and no-answer precision.

Each line: {"id", "lang", "question", "relevant": [doc ids]} ("relevant": [] means no document
answers it, and retrieval should return nothing). Uses the index under GATEWAY_INDEX_DIR
(default data/index; build it with `make index`).
Queries are embedded the way the gateway serves them (GATEWAY_EMBEDDING_BACKEND, default the
ONNX int8 export); `--backend torch|onnx|onnx-int8` compares backends on the same index.
Usage: python scripts/eval_retrieval.py FILE [--show-errors] [--backend NAME]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.knowledge.embedder import load_query_embedder
from gateway.knowledge.search import KnowledgeIndex
from gateway.normalize import normalize_text
from gateway.settings import Settings


def main() -> int:
    path = Path(sys.argv[1])
    show = "--show-errors" in sys.argv
    settings = Settings()
    backend = settings.embedding_backend
    if "--backend" in sys.argv:
        backend = sys.argv[sys.argv.index("--backend") + 1]
    encoder_dir = settings.encoder_dir
    if backend != settings.embedding_backend:  # keep the served export untouched
        encoder_dir = encoder_dir.with_name(f"{encoder_dir.name}-{backend}")
    embedder = load_query_embedder(settings.embedding_model, tuple(settings.embedding_languages),
                                   backend, encoder_dir)
    print(f"query embedding: {backend}")
    index = KnowledgeIndex.load(settings.index_dir, embedder)
    hits, total, empty_ok, empty_total = Counter(), Counter(), 0, 0
    errors, timings = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        lang = item["lang"] if item["lang"] in ("zh", "en") else "zh"
        start = time.perf_counter()
        found = index.search(normalize_text(item["question"]), lang, k=3)
        timings.append(time.perf_counter() - start)
        got = [h.chunk.doc_id for h in found]
        relevant = set(item["relevant"])
        if not relevant:
            empty_total += 1
            empty_ok += not got
            if got:
                errors.append(f"{item['id']} expected nothing, got {got} | {item['question']}")
            continue
        total[lang] += 1
        if relevant & set(got):
            hits[lang] += 1
        else:
            errors.append(f"{item['id']} expected {sorted(relevant)[:2]} got {got} | "
                          f"{item['question']}")
    for lang in sorted(total):
        print(f"recall@3 {lang}: {hits[lang]}/{total[lang]} = {hits[lang] / total[lang]:.3f}")
    all_hits, all_total = sum(hits.values()), sum(total.values())
    print(f"recall@3 overall: {all_hits / all_total:.3f} (target >= 0.9)")
    print(f"no-answer questions returning nothing: {empty_ok}/{empty_total}")
    timings.sort()
    print(f"search time (embedding + search): median {timings[len(timings) // 2] * 1e3:.2f} ms, "
          f"p99 {timings[int(len(timings) * 0.99)] * 1e3:.2f} ms")
    if show:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
