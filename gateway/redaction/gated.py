"""Case-insensitive scans tried only where one of their opening words occurs (speed).

A pattern opening with a case-insensitive word alternation ("Dr|Mrs|Nurse…", "my|our|his")
makes the regex engine attempt a match at every position of the text. A literal alternation
of the same words (or their prefixes), searched in the ``lower_ascii`` text, finds the few
places a match can start in one fast pass; the pattern is then only tried there. The results
are exactly those of ``pattern.search`` / ``finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# After ``fold`` (which maps the Kelvin sign and the long s to ASCII) these are the only
# characters a case-insensitive regex equates with an ASCII letter ("i") while
# ``lower_ascii`` leaves them alone: with one in the text, the literal cue search could miss
# a match start, so the full scan is used.
_ODD_CASE = ("\u0130", "\u0131")


def search_from_starts(
    pattern: re.Pattern[str], starts: re.Pattern[str], folded: str, lowered: str, pos: int = 0
) -> re.Match[str] | None:
    """``pattern.search(folded, pos)``, given that every match of ``pattern`` begins where
    ``starts`` matches in ``lowered`` (same length and offsets as ``folded``)."""
    if any(ch in folded for ch in _ODD_CASE):
        return pattern.search(folded, pos)
    while (cue := starts.search(lowered, pos)) is not None:
        match = pattern.match(folded, cue.start())
        if match is not None:
            return match
        pos = cue.start() + 1
    return None


def finditer_from_starts(
    pattern: re.Pattern[str], starts: re.Pattern[str], folded: str, lowered: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(folded)`` for a pattern that never matches the empty string."""
    pos = 0
    while (match := search_from_starts(pattern, starts, folded, lowered, pos)) is not None:
        yield match
        pos = match.end()


def lower_each(words: list[str]) -> list[str]:
    """``[w.lower() for w in words]`` in one call, for words holding no newline (lowering is
    per character except for the Greek final sigma, which name tokens do not hold)."""
    return "\n".join(words).lower().split("\n") if words else []
