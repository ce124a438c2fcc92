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
def _table() -> dict[str, str]:
    raw = resources.files("gateway.knowledge").joinpath("synonyms.yaml").read_text("utf-8")
    return {str(k): str(v) for k, v in (yaml.safe_load(raw) or {}).items()}


@cache
def _synonyms() -> list[tuple[str, re.Pattern[str] | None, str]]:
    """(lowercased key, boundary pattern for ASCII keys, value)."""
    out: list[tuple[str, re.Pattern[str] | None, str]] = []
    for key, value in _table().items():
        pattern = None
        if key.isascii():  # "er" must not match inside "water"
            pattern = re.compile(rf"(?<![a-z]){re.escape(key.lower())}(?![a-z])")
        out.append((key.lower(), pattern, value))
    return out


def expand(text: str, locale: str | None = None) -> str:
    """Append the leaflet words for every lay term found in ``text``.

    Entries list leaflet words in both languages so that mixed messages ("我的BP一直140多",
    "my dad's 痛风") reach the patient's own leaflets. With a ``locale``, only the words in
    that language's script are added: foreign words would only dilute the coverage floor of
    the chunks the patient can read.
    """
    extra: list[str] = []
    lowered = text.lower()
    for key, pattern, value in _synonyms():
        # A plain substring test first: with hundreds of entries, running every regex on
        # every query cost more than the rest of the lexical search.
        if key in lowered and (pattern is None or pattern.search(lowered)):
            words = value.split()
            if locale is not None:
                words = [w for w in words if w.isascii() == (locale == "en")]
            extra += words
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


def known_words(texts: Sequence[str]) -> set[str]:
    """English words a misspelling may be corrected to: the corpus's words, stop words, and the
    leaflet words of the lay-term table (not its keys: some keys are listed typos themselves,
    and a typo next to both "cholesterol" and "cholesteral" would look ambiguous)."""
    words = set(_STOP_EN)
    for text in [*texts, *_table().values()]:
        words.update(_WORD.findall(text.lower()))
    return {w for w in words if w.isalpha()}


def lay_words() -> set[str]:
    """English words of the lay-term keys: never "corrected", whether real ("tummy") or typos
    the table already maps ("diarrea")."""
    return {w for key in _table() for w in _WORD.findall(key.lower()) if w.isalpha()}
