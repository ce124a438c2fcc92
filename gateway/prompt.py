"""Builds the messages sent to the model: one system message, prior turns, the user turn."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from gateway.history import Turn
from gateway.locale import Locale


@dataclass(frozen=True)
class Snippet:
    id: str
    title: str
    source: str
    text: str
    score: float


@cache
def persona() -> str:
    """The clinic assistant persona; the Modelfile's SYSTEM is generated from the same file."""
    return resources.files("gateway").joinpath("persona.md").read_text(encoding="utf-8").strip()


_LANG_LINE = {
    "zh": "The patient writes in Chinese: answer in simplified Chinese.",
    "en": "The patient writes in English: answer in English.",
}

_URGENT_LINE = {
    "zh": "The gateway's triage rated this message URGENT: tell the patient clearly to see a "
    "doctor within 24 hours, in Chinese.",
    "en": "The gateway's triage rated this message URGENT: tell the patient clearly to see a "
    "doctor within 24 hours.",
}


def system_message(locale: Locale, snippets: list[Snippet], *, urgent: bool) -> str:
    parts = [persona(), "", _LANG_LINE[locale]]
    if urgent:
        parts.append(_URGENT_LINE[locale])
    if snippets:
        parts += ["", "Clinic snippets (cite by number):"]
        for n, snip in enumerate(snippets, 1):
            parts.append(f"[{n}] {snip.title} (source: {snip.source})\n{snip.text.strip()}")
    else:
        parts += ["", "No clinic snippet matches this question."]
    return "\n".join(parts)


def build_messages(
    locale: Locale,
    snippets: list[Snippet],
    history: list[Turn],
    user_text: str,
    *,
    urgent: bool = False,
) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system_message(locale, snippets, urgent=urgent)}]
    for turn in history:
        if turn.role in ("user", "assistant"):
            messages.append({"role": turn.role, "content": turn.content})
    messages.append({"role": "user", "content": user_text})
    return messages
