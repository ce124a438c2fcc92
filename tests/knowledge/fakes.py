"""A deterministic stand-in embedder for pure index-building logic (counts what it embeds)."""

from __future__ import annotations

import hashlib

import numpy as np


class CountingEmbedder:
    name = "counting-test-embedder"
    dim = 16
    languages = ("en",)

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)


def write_doc(root, name: str, *, doc_id: str, lang: str = "en", body: str = "## A\n\nText.",
              extra: str = "") -> None:
    (root / name).write_text(
        f"---\nid: {doc_id}\ntitle: T {doc_id}\nlang: {lang}\nsource: \"S\"\ntags: [x]\n"
        f"reviewed: pending\n{extra}---\n\n{body}\n",
        encoding="utf-8",
    )
