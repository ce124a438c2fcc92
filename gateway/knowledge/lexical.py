"""BM25 over words (English) and character uni/bigrams (Chinese), with lay-term expansion.

The shipped embedding model is English-only, so for Chinese this is the side of the hybrid that
carries retrieval. Patients say 拉肚子 where leaflets say 腹泻, "BP" where they say
"blood pressure": synonyms.yaml maps such lay terms to the leaflet's words before scoring.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np
import yaml

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]+")
_STOP_EN = frozenset(
    "a an the and or but if of to in on at for from with by about is are was were be been am i "
    "my me you your we our it its this that these those do does did have has had can could should "
    "would will what when how why which who there their they them he she his her so not no any "
    "some just very really also get got as up out than then into over after before".split()
)
# Han characters too common to say anything about a topic on their own.
_STOP_HAN = frozenset("的了是我你他她它们在有和就都也很吗呢吧啊呀么这那一个什么怎么要会能可以")


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@cache
def _synonyms() -> list[tuple[re.Pattern[str], str]]:
    raw = resources.files("gateway.knowledge").joinpath("synonyms.yaml").read_text("utf-8")
    table: dict[str, str] = yaml.safe_load(raw) or {}
    out = []
    for key, value in table.items():
        pattern = re.escape(str(key))
        if str(key).isascii():
            pattern = rf"(?<![a-z]){pattern}(?![a-z])"  # "er" must not match inside "water"
        out.append((re.compile(pattern, re.IGNORECASE), str(value)))
    return out


def expand(text: str) -> str:
    extra = [v for pattern, v in _synonyms() if pattern.search(text)]
    return f"{text} {' '.join(extra)}" if extra else text


def tokenize(text: str) -> list[str]:
    lowered = text.lower()
    tokens = [_stem(w) for w in _WORD.findall(lowered) if w not in _STOP_EN]
    for run in _HAN_RUN.findall(text):
        chars = list(run)
        tokens += [c for c in chars if c not in _STOP_HAN]
        # Bigrams count twice: they carry most of the meaning (血压, 腹泻) and, counted
        # twice, outweigh single characters shared by unrelated topics (measured on
        # tests/data/retrieval_eval.jsonl: zh recall@3 0.88 → 0.90).
        bigrams = [a + b for a, b in itertools.pairwise(chars)]
        tokens += bigrams + bigrams
    return tokens


class BM25:
    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.4, b: float = 0.75):
        self.k1, self.b = k1, b
        self.n = len(documents)
        self.lengths = np.array([len(d) for d in documents], dtype=np.float32)
        self.avg = float(self.lengths.mean()) if self.n else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, doc in enumerate(documents):
            for term, tf in Counter(doc).items():
                self.postings.setdefault(term, []).append((i, tf))
        self.idf = {
            t: math.log(1 + (self.n - len(p) + 0.5) / (len(p) + 0.5))
            for t, p in self.postings.items()
        }

    def scores(self, query: Sequence[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float32)
        norm = self.k1 * (1 - self.b + self.b * self.lengths / max(self.avg, 1e-9))
        for term in set(query):
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = self.idf[term]
            for i, tf in posting:
                out[i] += idf * tf * (self.k1 + 1) / (tf + norm[i])
        return out
