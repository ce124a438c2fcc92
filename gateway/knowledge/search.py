"""Hybrid retrieval: dense FAISS + lexical BM25, fused by reciprocal rank, with a floor.

Dense scores only count for languages the embedding model knows (the shipped model is
English-only; for Chinese its similarities are noise), so a Chinese question is answered by the
lexical side unless a clinic configures a multilingual model.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gateway.knowledge.chunking import Chunk
from gateway.knowledge.embedder import Embedder
from gateway.knowledge.lexical import BM25, expand, known_words, lay_words, tokenize
from gateway.knowledge.spelling import Speller, english_words
from gateway.knowledge.store import check_manifest, current_build, read_build
from gateway.locale import Locale
from gateway.prompt import Snippet

RRF_K = 60
CANDIDATES = 30
# Relevance floors: below both, a chunk is not cited at all (tuned on the unanswerable
# questions of tests/data/retrieval_eval.jsonl; see the issue note).
DENSE_FLOOR = 0.30
# Lexical coverage needed when the dense side cannot vouch for a chunk. Chinese queries are
# scored on character n-grams, whose coverage runs lower than English word coverage.
LEXICAL_FLOOR = {"zh": 0.08, "en": 0.45}
SAME_LANGUAGE_BOOST = 1.5
MIN_SHARED_TERMS = 2
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    dense: float
    lexical: float


class KnowledgeIndex:
    def __init__(
        self, manifest: dict[str, Any], chunks: list[Chunk], index: Any, embedder: Embedder
    ) -> None:
        self.manifest = manifest
        self.chunks = chunks
        self.index = index
        self.embedder = embedder
        tokens = [tokenize(f"{c.title} {c.heading} {c.text}") for c in chunks]
        self.bm25 = BM25(tokens)
        self.term_sets = [frozenset(t) for t in tokens]
        self.speller = Speller(
            known_words([f"{c.title} {c.heading} {c.text}" for c in chunks]),
            english_words() | lay_words(),
        )

    @classmethod
    def load(cls, root: Path, embedder: Embedder) -> KnowledgeIndex:
        build = current_build(root)
        if build is None:
            raise FileNotFoundError(f"no index under {root}: run `make index`")
        manifest, chunks, index = read_build(build)
        check_manifest(manifest, embedder)
        return cls(manifest, chunks, index, embedder)

    def _coverage(self, scores: np.ndarray, query: list[str]) -> np.ndarray:
        # Normalize by the best score the query's terms could reach, so the floor means
        # "how much of the question the chunk covers" whatever the corpus size.
        ceiling = sum(self.bm25.idf.get(t, 0.0) for t in set(query)) * (self.bm25.k1 + 1)
        return scores / ceiling if ceiling > 0 else scores

    def _lexical(
        self, text: str, locale: Locale
    ) -> tuple[np.ndarray, np.ndarray, frozenset[str]]:
        """Coverage per chunk, whether it clears the lexical floor, and the query's terms."""
        query = tokenize(expand(self.speller.correct(text), locale))
        han = [t for t in query if _HAN.search(t)]
        if locale != "en" or not han:
            coverage = self._coverage(self.bm25.scores(query), query)
            return coverage, coverage >= LEXICAL_FLOOR[locale], frozenset(query)
        # An English message that names its condition in Chinese ("my dad's 痛风"): the Han
        # n-grams can never match an English chunk and the English words rarely a Chinese one,
        # so each script's part is held to its own floor instead of diluting the other's.
        latin = [t for t in query if not _HAN.search(t)]
        han_scores, latin_scores = self.bm25.scores(han), self.bm25.scores(latin)
        coverage = self._coverage(han_scores + latin_scores, query)
        passes = (self._coverage(latin_scores, latin) >= LEXICAL_FLOOR["en"]) | (
            self._coverage(han_scores, han) >= LEXICAL_FLOOR["zh"]
        )
        return coverage, passes, frozenset(query)

    def _dense(self, text: str, timings: dict[str, float] | None) -> dict[int, float]:
        started = time.perf_counter()
        vector = self.embedder.encode([text])
        if timings is not None:
            timings["embed"] = time.perf_counter() - started
        sims, ids = self.index.search(vector, min(CANDIDATES, len(self.chunks)))
        # The model's similarity to a chunk in a language it does not know is noise (it put
        # Chinese chunks above 0.30 for English questions they had nothing to do with).
        known = self.embedder.languages
        return {
            int(i): float(s)
            for s, i in zip(sims[0], ids[0], strict=True)
            if i >= 0 and self.chunks[i].lang in known
        }

    def search(
        self, text: str, locale: Locale, k: int = 4, timings: dict[str, float] | None = None
    ) -> list[Hit]:
        """``timings`` (optional) receives "embed": the query-embedding share of the search."""
        if not self.chunks or not text.strip():
            return []
        lexical, lexical_ok, terms = self._lexical(text, locale)
        use_dense = locale in self.embedder.languages
        dense = self._dense(text, timings) if use_dense else {}
        fused: dict[int, float] = {}
        lex_order = [int(i) for i in np.argsort(-lexical)[:CANDIDATES] if lexical[i] > 0]
        for rank, i in enumerate(lex_order):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
        for rank, i in enumerate(sorted(dense, key=lambda j: -dense[j])):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
        hits: dict[str, Hit] = {}
        for i, score in fused.items():
            d, lx = dense.get(i, 0.0), float(lexical[i])
            if d < DENSE_FLOOR and (
                not lexical_ok[i] or len(terms & self.term_sets[i]) < MIN_SHARED_TERMS
            ):
                continue  # one shared word ("oil") is not evidence of relevance
            chunk = self.chunks[i]
            if chunk.lang == locale:
                score *= SAME_LANGUAGE_BOOST
            best = hits.get(chunk.topic)
            if best is None or score > best.score:
                hits[chunk.topic] = Hit(chunk, score, d, lx)
        ranked = sorted(hits.values(), key=lambda h: -h.score)
        return ranked[:k]


def to_snippet(hit: Hit) -> Snippet:
    c = hit.chunk
    return Snippet(
        id=c.doc_id, title=c.title, source=c.source, text=c.text, score=round(hit.score * 100, 3)
    )


class IndexHolder:
    """The currently served index; swapped atomically, never mutated in place.

    A request reads ``holder.index`` once and keeps that object to the end, so a reload in
    the middle of it changes nothing for it.
    """

    def __init__(self, root: Path, embedder: Embedder | None) -> None:
        self.root = root
        self.embedder = embedder
        self.index: KnowledgeIndex | None = None
        self.error: str | None = None
        self._lock = threading.Lock()

    def reload(self) -> KnowledgeIndex | None:
        with self._lock:
            if self.embedder is None:
                self.error = "no embedding model configured"
                return None
            try:
                fresh = KnowledgeIndex.load(self.root, self.embedder)
            except Exception as exc:  # any failure keeps the old index serving
                self.error = f"{type(exc).__name__}: {exc}"
                raise
            self.index, self.error = fresh, None
            return fresh
