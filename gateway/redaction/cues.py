"""Cue-word alternations compiled as a trie ("driver license|driver's license" becomes
"driver(?:'s|) license"): the regex engine then tests each shared prefix once per position
instead of once per word, which keeps long cue lists cheap."""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""

Trie = dict[str, "Trie"]


def trie_regex(words: Iterable[str]) -> str:
    """A regex matching exactly the given words, preferring the longest at any position."""
    trie: Trie = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _emit(trie)


def _emit(node: Trie) -> str:
    ends = _END in node
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # Greedy optional: the longer word is tried first.
        return "(?:" + body + ")?"
    return body
