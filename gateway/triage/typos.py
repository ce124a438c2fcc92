"""Typo-tolerant normalisation of English words before triage.

Patients misspell the very words the lexicon looks for ("cheast pain", "short of breth",
"bleding"). Listing every misspelling in concepts.yaml does not scale, so an unknown English
word is mapped to the one lexicon word within Damerau-Levenshtein distance 1 (words of 5+
letters) or 2 (8+ letters). A word is left alone when it is itself a lexicon word or a common
English word ("sheet" must not become "chest"), when the closest lexicon word is not unique,
or when its first letter differs (typists rarely get the first letter wrong, and the rule
keeps rare words from drifting into alarm words).

The common-word list (common_words.txt) only needs the dictionary words that are near some
lexicon word, since no other word can be corrected; after growing the lexicon, rebuild it:
``python -m gateway.triage.typos /usr/share/dict/american-english-large
/usr/share/dict/british-english-large`` (Debian packages wamerican-large, wbritish-large).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

MIN_LENGTH = 5
LONG_LENGTH = 8  # from this length on, two edits are allowed
_WORD = re.compile(r"[A-Za-z]+")
# A regex escape (\b, \w, \d ...) or a literal run of letters in a pattern; an optional last
# letter ("seizures?") gives two words.
_PIECE = re.compile(r"(\\[A-Za-z])|([a-z]+)(\?)?")
# Typos of one message repeat across messages ("breth"); bounded so it cannot grow forever.
_CACHE_LIMIT = 50_000


def lexicon_words(patterns: Iterable[str]) -> frozenset[str]:
    """The literal English words of 4+ letters written in the lexicon's patterns.

    A stem ("concuss\\w*") is left out: a misspelling of another word ("concious") would
    otherwise be pulled onto it.
    """
    words: set[str] = set()
    for pattern in patterns:
        last: tuple[int, list[str]] | None = None
        for m in _PIECE.finditer(pattern.lower()):
            if m.group(1):
                if m.group(1) == "\\w" and last is not None and last[0] == m.start():
                    words.difference_update(last[1])
                last = None
                continue
            run = m.group(2)
            found = [run, run[:-1]] if m.group(3) else [run]
            new = [w for w in found if w not in words]
            words.update(found)
            last = (m.end(), new)
    return frozenset(w for w in words if len(w) >= 4)


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: adjacent swaps cost one)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def allowed_edits(word: str) -> int:
    return 2 if len(word) >= LONG_LENGTH else 1 if len(word) >= MIN_LENGTH else 0


class TypoFixer:
    """Maps misspelled English words of a message onto lexicon words (see module doc)."""

    def __init__(self, vocabulary: Iterable[str], common: Iterable[str]) -> None:
        self.vocabulary = frozenset(vocabulary)
        self.common = frozenset(common)
        self.known = self.vocabulary | self.common
        # Symmetric-delete index: a word within k edits of a lexicon word shares a deletion
        # variant with it, so candidates are found by lookups instead of a scan of the lexicon.
        self.index: dict[str, set[str]] = {}
        for word in self.vocabulary:
            for d in _deletes(word, 2 if len(word) >= MIN_LENGTH + 1 else 1):
                self.index.setdefault(d, set()).add(word)
        self.cache: dict[str, str | None] = {}

    def candidates(self, low: str) -> set[str]:
        """The nearest lexicon words within the edits allowed for `low` (same first letter)."""
        limit = allowed_edits(low)
        best: set[str] = set()
        best_d = limit + 1
        for d in _deletes(low, limit):
            for cand in self.index.get(d, ()):
                if cand[0] != low[0] or cand in best:
                    continue
                dist = distance(low, cand)
                if dist > limit:
                    continue
                if dist < best_d:
                    best, best_d = {cand}, dist
                elif dist == best_d:
                    best.add(cand)
        return best

    def correct(self, word: str) -> str | None:
        """The lexicon word `word` is a misspelling of, or None."""
        low = word.lower()
        if low in self.known or len(low) < MIN_LENGTH:
            return None
        if low in self.cache:
            return self.cache[low]
        # An inflection of a word the lexicon does not list ("preventer", "theres", "havent")
        # is not a misspelling of its stem.
        best = {c for c in self.candidates(low) if not low.startswith(c)}
        if len(best) > 1:
            # The lexicon also lists misspellings ("chesst"): a real word wins a tie.
            best = best & self.common
        found = next(iter(best)) if len(best) == 1 else None
        if len(self.cache) < _CACHE_LIMIT:
            self.cache[low] = found
        return found

    def fix(self, text: str) -> str:
        if not text.isascii() and _WORD.search(text) is None:
            return text
        return _WORD.sub(self._replace, text)

    def _replace(self, m: re.Match[str]) -> str:
        word = m.group()
        return self.correct(word) or word


def load_common_words() -> frozenset[str]:
    text = resources.files("gateway.triage").joinpath("common_words.txt").read_text("utf-8")
    return frozenset(line for line in text.split() if line and not line.startswith("#"))


def build_common_words(vocabulary: frozenset[str], dictionaries: Iterable[Path]) -> list[str]:
    """Dictionary words that the fixer could otherwise take for a misspelled lexicon word."""
    fixer = TypoFixer(vocabulary, ())
    near: set[str] = set()
    for path in dictionaries:
        for line in path.read_text(encoding="utf-8", errors="ignore").split():
            # "haven't" is typed "havent" in a message.
            word = line.lower().replace("'", "")
            if (
                word.isascii()
                and word.isalpha()
                and len(word) >= MIN_LENGTH
                and (word in vocabulary or fixer.candidates(word))
            ):
                near.add(word)
    return sorted(near)


def main(argv: list[str]) -> int:
    from gateway.triage.engine import load_yaml

    concepts = load_yaml("concepts.yaml")
    vocabulary = lexicon_words(p for pats in concepts.values() for p in pats)
    words = build_common_words(vocabulary, [Path(a) for a in argv])
    out = Path(__file__).with_name("common_words.txt")
    header = "# Dictionary words in or near the lexicon: never 'corrected' (see typos.py).\n"
    out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
