"""Typed placeholders ``[TYPE_n]``: applied to input, restored in the patient's reply."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gateway.redaction.base import Entity


def replace_entities(
    text: str,
    entities: Sequence[Entity],
    number_for: Callable[[Entity], int] | None = None,
) -> tuple[str, dict[str, str], dict[str, int]]:
    """Returns the redacted text, placeholder → original value, and counts per type.

    ``number_for`` lets a caller keep numbering stable across a conversation; by default the
    same value gets the same number within this text.
    """
    local: dict[tuple[str, str], int] = {}
    per_type: dict[str, int] = {}
    mapping: dict[str, str] = {}
    counts: dict[str, int] = {}
    out: list[str] = []
    cursor = 0
    for ent in sorted(entities, key=lambda e: (e.start, -e.end)):
        if ent.start < cursor:
            continue  # overlaps were resolved by the analyzer; never emit a broken span
        if number_for is not None:
            n = number_for(ent)
        else:
            key = (ent.type, ent.value)
            if key not in local:
                per_type[ent.type] = per_type.get(ent.type, 0) + 1
                local[key] = per_type[ent.type]
            n = local[key]
        placeholder = f"[{ent.type}_{n}]"
        mapping[placeholder] = ent.value
        counts[ent.type] = counts.get(ent.type, 0) + 1
        out.append(text[cursor : ent.start])
        out.append(placeholder)
        cursor = ent.end
    out.append(text[cursor:])
    return "".join(out), mapping, counts
