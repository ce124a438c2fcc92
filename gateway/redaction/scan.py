"""Where a pattern rule is scanned: only near its cue words, anchors or digit runs.

Most rules can only match near a cue word, an anchor literal or a long digit run, so only
those stretches are scanned (speed); rules sharing a cue list, anchor or digit threshold
share their stretches, built once per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gateway.redaction.patterns import PatternRule


def _latin(ch: str) -> bool:
    return "a" <= ch <= "z"


def find_cue(cue: re.Pattern[str], lowered: str, lo: int, hi: int) -> re.Match[str] | None:
    """First cue word in lowered[lo:hi]. Latin cue words must be whole words ("dob" is not in
    "adobe"); Han ones need no bounds. The window edges count as bounds."""
    pos = lo
    while True:
        m = cue.search(lowered, pos, hi)
        if m is None:
            return None
        s, e = m.start(), m.end()
        head_ok = not (_latin(lowered[s]) and s > lo and _latin(lowered[s - 1]))
        tail_ok = not (_latin(lowered[e - 1]) and e < hi and _latin(lowered[e]))
        if head_ok and tail_ok:
            return m
        pos = s + 1


# Longest match a context-required rule is expected to produce (scan margin around cues).
_MAX_MATCH = 64


# Scan margins around a digit run for ``digit_window`` rules ("+", "(0755)", "ext 214").
_RUN_BEFORE = 16
_RUN_AFTER = 24


def _add_window(windows: list[list[int]], lo: int, hi: int) -> None:
    if windows and lo <= windows[-1][1]:
        windows[-1][1] = max(windows[-1][1], hi)
    else:
        windows.append([lo, hi])


# Per-text memo of cue / anchor matches keyed by pattern id (hashing a pattern is slow).
Spans = dict[int, list[tuple[int, int]]]


def _cue_spans(cache: Spans, cue: re.Pattern[str], lowered: str) -> list[tuple[int, int]]:
    """Every cue word in a text, found once per text for all rules sharing the cue list."""
    found = cache.get(id(cue))
    if found is None:
        found, pos = [], 0
        while (m := find_cue(cue, lowered, pos, len(lowered))) is not None:
            pos = m.end()
            found.append(m.span())
        cache[id(cue)] = found
    return found


def _anchor_spans(cache: Spans, anchor: re.Pattern[str], lowered: str) -> list[tuple[int, int]]:
    found = cache.get(id(anchor))
    if found is None:
        found = cache[id(anchor)] = [m.span() for m in anchor.finditer(lowered)]
    return found


Windows = dict[tuple[object, ...], list[list[int]]]


def _windows(
    rule: PatternRule,
    text: str,
    lowered: str,
    runs: Sequence[tuple[int, int, int]],
    cache: Spans,
    memo: Windows,
) -> list[list[int]] | None:
    """The stretches of text a rule must scan (None: all of it). Rules sharing a cue list,
    anchor or digit threshold share their windows (memo), built once per text."""
    cue = rule.context_pattern() if rule.context_required else None
    if cue is not None:
        key: tuple[object, ...] = ("cue", id(cue), rule.context_after, rule.context_before)
    elif rule.anchor_window is not None and rule.anchor is not None:
        key = ("anchor", id(rule.anchor), *rule.anchor_window)
    elif rule.digit_window and runs:
        key = ("digits", rule.min_digits)
    else:
        return None
    windows = memo.get(key)
    if windows is not None:
        return windows
    windows = memo[key] = []
    if cue is not None:
        for start, end in _cue_spans(cache, cue, lowered):
            lo = max(0, start - rule.context_after - _MAX_MATCH)
            hi = min(len(text), end + rule.context_before + _MAX_MATCH)
            _add_window(windows, lo, hi)
    elif rule.anchor_window is not None and rule.anchor is not None:
        before, after = rule.anchor_window
        for start, end in _anchor_spans(cache, rule.anchor, lowered):
            _add_window(windows, max(0, start - before), min(len(text), end + after))
    else:
        for start, end, count in runs:
            if count >= rule.min_digits:
                _add_window(
                    windows, max(0, start - _RUN_BEFORE), min(len(text), end + _RUN_AFTER)
                )
    return windows


def matches(
    rule: PatternRule,
    text: str,
    lowered: str,
    runs: Sequence[tuple[int, int, int]] = (),
    cache: Spans | None = None,
    memo: Windows | None = None,
) -> Iterator[re.Match[str]]:
    """All matches of a rule; a rule that needs context is only scanned near its cue words, a
    ``digit_window`` rule only near long enough digit runs (start, end, digit count)."""
    cache = {} if cache is None else cache
    windows = _windows(rule, text, lowered, runs, cache, {} if memo is None else memo)
    if windows is None:
        yield from rule.pattern.finditer(text)
        return
    for lo, hi in windows:
        for match in rule.pattern.finditer(text, lo, hi):
            # A match cut short by the window edge is not a real match.
            if match.end() < hi or hi == len(text):
                yield match
