"""Cheap proofs that a concept regex cannot match a text, so triage can skip running it.

For a pattern compiled with re.IGNORECASE | re.ASCII, `required` derives a set of literal
strings such that every match of the pattern consumes text containing at least one of them.
Both the strings and the text are lowered in ASCII only (the text keeps its length), which is
exactly the case folding of re.ASCII | re.IGNORECASE. If no such set can be proven (an
alternative without a literal), `required` returns None and the pattern is always run.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable
from typing import Any

# The regular-expression parser of the standard library (sre_parse is a deprecated alias).
# It is private: should a Python release move it, every pattern is simply always run.
try:
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - depends on the interpreter
    _parser = None

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# The most strings a finite sub-language may expand to before it counts as "not finite".
_MAX_STRINGS = 64
_MAX_REPEAT_EXPAND = 4

Strings = frozenset[str]


def ascii_lower(text: str) -> str:
    """Lower A-Z only, as re.ASCII | re.IGNORECASE folds; the length never changes."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


class Text:
    """A text lowered in ASCII, with its characters, character pairs and triples."""

    __slots__ = ("chars", "lowered", "pairs", "triples")

    def __init__(self, text: str) -> None:
        low = ascii_lower(text)
        self.lowered = low
        self.chars = frozenset(low)
        self.pairs = frozenset(low[i : i + 2] for i in range(len(low) - 1))
        self.triples = frozenset(low[i : i + 3] for i in range(len(low) - 2))


class Prefilter:
    """Rejects a text only when none of a pattern's required strings occurs in it."""

    __slots__ = ("always", "chars", "longer", "pairs", "strings", "triples")

    def __init__(self, strings: Strings | None) -> None:
        self.always = strings is None or "" in strings
        found = strings or frozenset()
        self.strings = found
        self.chars = frozenset(s for s in found if len(s) == 1)
        self.pairs = frozenset(s for s in found if len(s) == 2)
        # Longer strings by their first three characters: a string can only occur in the text
        # if its first three characters do.
        longer: dict[str, list[str]] = {}
        for s in sorted(found):
            if len(s) >= 3:
                longer.setdefault(s[:3], []).append(s)
        self.triples = frozenset(longer)
        self.longer = {k: tuple(v) for k, v in longer.items()}

    @classmethod
    def union(cls, filters: Iterable[Prefilter]) -> Prefilter:
        """For an alternation of patterns: a match of it is a match of one of them."""
        strings: set[str] = set()
        for f in filters:
            if f.always:
                return cls(None)
            strings |= f.strings
        return cls(frozenset(strings))

    def may_match(self, text: Text) -> bool:
        """False only when the pattern provably cannot match `text` or any part of it."""
        if (
            self.always
            or not self.chars.isdisjoint(text.chars)
            or not self.pairs.isdisjoint(text.pairs)
        ):
            return True
        low = text.lowered
        for triple in self.triples.intersection(text.triples):
            for s in self.longer[triple]:
                if s in low:
                    return True
        return False


class PrefilterIndex:
    """All prefilters at once: the names whose pattern may match a text, from one pass over
    the text's characters, pairs and triples instead of one test per pattern."""

    __slots__ = ("always", "by_char", "by_pair", "by_triple", "keys")

    def __init__(self, filters: dict[str, Prefilter]) -> None:
        self.always = frozenset(name for name, f in filters.items() if f.always)
        by_char: dict[str, set[str]] = {}
        by_pair: dict[str, set[str]] = {}
        by_triple: dict[str, list[tuple[str, str]]] = {}
        for name, f in filters.items():
            if f.always:
                continue
            for c in f.chars:
                by_char.setdefault(c, set()).add(name)
            for pair in f.pairs:
                by_pair.setdefault(pair, set()).add(name)
            for triple, strings in f.longer.items():
                by_triple.setdefault(triple, []).extend((s, name) for s in strings)
        self.by_char = {k: frozenset(v) for k, v in by_char.items()}
        self.by_pair = {k: frozenset(v) for k, v in by_pair.items()}
        self.by_triple = {k: tuple(v) for k, v in by_triple.items()}
        # Intersecting with the indexed keys runs in C; most characters, pairs and triples
        # of a message start no required string.
        self.keys = (frozenset(self.by_char), frozenset(self.by_pair), frozenset(self.by_triple))

    def possible(self, text: Text) -> frozenset[str]:
        """Exactly the names whose Prefilter.may_match(text) is True."""
        found = set(self.always)
        by_char, by_pair, by_triple = self.by_char, self.by_pair, self.by_triple
        chars, pairs, triples = self.keys
        for c in text.chars & chars:
            found.update(by_char[c])
        for pair in text.pairs & pairs:
            found.update(by_pair[pair])
        low = text.lowered
        for triple in text.triples & triples:
            for s, name in by_triple[triple]:
                if name not in found and s in low:
                    found.add(name)
        return frozenset(found)


def required(pattern: str, flags: int) -> Strings | None:
    """Literal strings one of which every match consumes, or None if none can be proven."""
    if _parser is None:
        return None
    try:
        _exact, cond = _sequence(list(_parser.parse(pattern, flags)))
    except Exception:  # an unfamiliar parser or node: no proof, so no skipping
        return None
    if cond is None or "" in cond:
        return None
    return cond


def _product(parts: list[Strings]) -> Strings | None:
    size = 1
    for p in parts:
        size *= len(p)
        if size > _MAX_STRINGS:
            return None
    return frozenset("".join(t) for t in itertools.product(*parts))


def _better(a: Strings | None, b: Strings | None) -> Strings | None:
    """The more selective of two necessary conditions (either one is valid)."""
    if a is None or "" in a:
        return None if b is None or "" in b else b
    if b is None or "" in b:
        return a

    def score(s: Strings) -> tuple[int, int]:
        return (min(_selectivity(x) for x in s), -len(s))

    return a if score(a) >= score(b) else b


# Words in most messages: a condition made of one of them rules out almost nothing, so a
# rarer literal of the same pattern is the better proof ("had " vs "pills").
_COMMON = frozenset(
    "a an and are as at be been but by can could did do does for from get got had has have "
    "he her him his how i if in is it its me my no not of on or our she so that the their "
    "them then there they this to up was we were what when will with would you your day days "
    "ave ing the".split()
)


def _selectivity(literal: str) -> int:
    """How rarely a required string occurs in patient text, roughly: 1 (everywhere) to 6."""
    words = literal.split()
    if not literal.strip() or (len(words) == 1 and words[0] in _COMMON):
        return 1
    if len(literal) <= 2 and literal.isascii():
        return 1
    # A CJK character narrows about as much as two or three Latin letters.
    return min(6, sum(1 if c.isascii() else 2 for c in literal.strip()))


def _sequence(items: list[tuple[Any, Any]]) -> tuple[Strings | None, Strings | None]:
    """(exact language if finite and small, a necessary condition) of a concatenation."""
    cond: Strings | None = None
    run: list[Strings] = []  # consecutive items with a finite language
    all_exact = True
    exact_parts: list[Strings] = []
    for op, av in items:
        exact, item_cond = _item(op, av)
        if exact is not None:
            run.append(exact)
            exact_parts.append(exact)
            continue
        all_exact = False
        cond = _better(cond, _run_cond(run))
        run = []
        cond = _better(cond, item_cond)
    cond = _better(cond, _run_cond(run))
    whole = _product(exact_parts) if all_exact else None
    if whole is not None:
        cond = _better(cond, whole)
    return whole, cond


def _run_cond(run: list[Strings]) -> Strings | None:
    """A condition from a run of finite items: their concatenations, or the best item."""
    if not run:
        return None
    joined = _product(run)
    if joined is not None:
        return joined
    best: Strings | None = None
    # Too many combinations: the best window of consecutive items that stays small.
    for i in range(len(run)):
        for j in range(i + 1, len(run) + 1):
            w = _product(run[i:j])
            if w is None:
                break
            best = _better(best, w)
    return best


def _item(op: Any, av: Any) -> tuple[Strings | None, Strings | None]:
    name = str(op)
    if name == "LITERAL":
        s = frozenset({chr(av).translate(_ASCII_LOWER)})
        return s, s
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        # Zero-width: consumes nothing, so it adds nothing to the consumed text.
        return frozenset({""}), None
    if name == "IN":
        chars: set[str] = set()
        for iop, iav in av:
            if str(iop) != "LITERAL":
                return None, None
            chars.add(chr(iav).translate(_ASCII_LOWER))
        s = frozenset(chars)
        return (s, s) if len(s) <= _MAX_STRINGS else (None, None)
    if name == "SUBPATTERN":
        return _sequence(list(av[-1]))
    if name == "ATOMIC_GROUP":
        return _sequence(list(av))
    if name == "BRANCH":
        exacts: set[str] = set()
        conds: set[str] = set()
        finite = True
        proven = True
        for alt in av[1]:
            e, c = _sequence(list(alt))
            if e is None:
                finite = False
            else:
                exacts |= e
            if c is None or "" in c:
                proven = False
            else:
                conds |= c
        if finite and len(exacts) <= _MAX_STRINGS:
            return frozenset(exacts), frozenset(exacts)
        return None, (frozenset(conds) if proven else None)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        e, c = _sequence(list(sub))
        if e is not None and hi == lo and lo <= _MAX_REPEAT_EXPAND:
            w = _product([e] * lo)
            if w is not None:
                return w, w
        if e is not None and lo == 0 and hi == 1:
            return e | {""}, None
        if lo >= 1:
            return None, c if c is not None else e
        return None, None
    # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS, ...: no literal to rely on.
    return None, None
