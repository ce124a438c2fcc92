"""A cautious spelling fix for English query words, against the words the index knows.

Patients misspell ("cholesteol", "laxatves", "ambulence") in more ways than synonyms.yaml
can list; BM25 only matches exact tokens, so such a word contributes nothing. The fix is
deliberately narrow, because a wrong "correction" adds evidence for an unrelated topic: only
words of 5+ letters that the index does not know are touched, the replacement must start with
the same letter, and it must be the only known word one edit away (insert, delete,
substitute, or swap two neighbouring letters). Anything ambiguous is left alone. Real English
words the corpus happens not to use ("apple", "curse") are protected by the word list of the
embedding model's tokenizer, which ships with the model package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z]+")
MIN_LENGTH = 5


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletes(long)


def english_words() -> frozenset[str]:
    """Whole words of the shipped model's WordPiece vocabulary (empty if it is not installed)."""
    try:
        from gateway.knowledge.embedder import default_model_path

        lines = (default_model_path() / "vocab.txt").read_text("utf-8").split()
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha() and w.islower())


class Speller:
    def __init__(self, vocabulary: Iterable[str], protected: Iterable[str] = ()) -> None:
        """``vocabulary``: what a word may be corrected to; ``protected``: never corrected."""
        self.vocabulary = frozenset(vocabulary)
        self.protected = frozenset(protected) | self.vocabulary
        # Symmetric-delete index: two words within one edit share the word itself or one of
        # its single-letter deletions, so candidates come from a few dict look-ups instead of
        # a scan of the whole vocabulary on every query.
        self._by_delete: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if len(word) >= MIN_LENGTH - 1:
                for key in _deletes(word) | {word}:
                    self._by_delete.setdefault(key, set()).add(word)

    def correct_word(self, word: str) -> str:
        if len(word) < MIN_LENGTH or word in self.protected or not word.isalpha():
            return word
        candidates: set[str] = set()
        for key in _deletes(word) | {word}:
            candidates |= self._by_delete.get(key, set())
        near = {c for c in candidates if c[0] == word[0] and _within_one_edit(word, c)}
        return near.pop() if len(near) == 1 else word

    def correct(self, text: str) -> str:
        return _WORD.sub(lambda m: self.correct_word(m.group()), text.lower())
