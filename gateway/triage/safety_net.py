"""Safety net for the rule triage: a small linear text classifier for "emergency happening now".

Pure-Python inference of the model trained by scripts/train_safety_net.py (tf-idf of character
1-4-grams and word 1-2-grams, sublinear tf, l2-normalised per block, logistic regression). It is
meant to catch emergencies written in phrasing the lexicons miss: the caller flags a message as an
emergency when the rules say so OR ``probability(text) >= threshold``. The classifier cannot see
negation, history or hypotheticals reliably, so it only ever adds alarms; it never clears one.

Weights: gateway/triage/safety_net_weights.json, loaded once per process (``default_safety_net``).
"""

from __future__ import annotations

import json
import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

WEIGHTS = Path(__file__).with_name("safety_net_weights.json")
_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's whitespace folding for char n-grams

# term -> (idf, idf * coef): enough for the l2 norm and the dot product.
_Table = dict[str, tuple[float, float]]


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC) and lowercase, as in training."""
    return unicodedata.normalize("NFKC", text).lower()


def char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character n-grams exactly as scikit-learn's ``analyzer="char"`` (same multiset)."""
    text = _WHITE_SPACES.sub(" ", text)
    prev = list(text)  # n-grams of length n are (n-1)-grams extended by one char: C-level map
    grams = list(prev) if lo <= 1 else []
    for n in range(2, hi + 1):
        prev = list(map(operator.add, prev, text[n - 1 :]))
        if n >= lo:
            grams += prev
    return grams


def word_ngrams(tokens: list[str], lo: int, hi: int) -> list[str]:
    """Word n-grams exactly as scikit-learn's ``analyzer="word"`` (no stop words)."""
    grams: list[str] = []
    for n in range(lo, min(hi, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def _block_score(grams: Iterable[str], table: _Table) -> float:
    """Dot product of the l2-normalised sublinear tf-idf vector with the coefficients."""
    dot = 0.0
    squares = 0.0
    for gram, count in Counter(grams).items():
        entry = table.get(gram)
        if entry is None:
            continue
        tf = 1.0 + math.log(count) if count > 1 else 1.0
        idf, weight = entry
        value = tf * idf
        squares += value * value
        dot += tf * weight
    return dot / math.sqrt(squares) if squares > 0.0 else 0.0


def _table(raw: dict[str, list[float]]) -> _Table:
    return {term: (idf, idf * coef) for term, (idf, coef) in raw.items()}


class SafetyNet:
    """Probability that a patient message describes an emergency happening now."""

    def __init__(self, weights: dict[str, Any]) -> None:
        if weights.get("version") != 1:
            raise ValueError(f"unsupported safety-net weights version: {weights.get('version')}")
        self.char_range: tuple[int, int] = (int(weights["char_ngrams"][0]),
                                            int(weights["char_ngrams"][1]))
        self.word_range: tuple[int, int] = (int(weights["word_ngrams"][0]),
                                            int(weights["word_ngrams"][1]))
        self.word_pattern = re.compile(str(weights["word_pattern"]))
        self.threshold = float(weights["threshold"])
        self.intercept = float(weights["intercept"])
        self.char = _table(weights["char"])
        self.word = _table(weights["word"])

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> SafetyNet:
        with path.open(encoding="utf-8") as fh:
            return cls(json.load(fh))

    def logit(self, text: str) -> float:
        norm = normalize(text)
        z = self.intercept
        z += _block_score(char_ngrams(norm, *self.char_range), self.char)
        z += _block_score(word_ngrams(self.word_pattern.findall(norm), *self.word_range), self.word)
        return z

    def probability(self, text: str) -> float:
        z = self.logit(text)
        if z >= 0.0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def is_emergency(self, text: str) -> bool:
        return self.probability(text) >= self.threshold


@lru_cache(maxsize=1)
def default_safety_net() -> SafetyNet:
    """The shipped model, loaded once per process."""
    return SafetyNet.load()
