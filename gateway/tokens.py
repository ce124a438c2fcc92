"""Prompt size estimates, so Ollama never has to truncate a conversation silently.

Qwen's tokenizer spends about one token per Han character and about one per four characters
of English; each chat message adds a few tokens of ChatML framing. The estimate errs high.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MESSAGE_OVERHEAD = 6


def estimate_tokens(text: str) -> int:
    han = len(_HAN.findall(text))
    return han + (len(text) - han + 3) // 4


def estimate_messages(messages: Sequence[dict[str, str]]) -> int:
    return sum(estimate_tokens(m["content"]) + MESSAGE_OVERHEAD for m in messages) + 3


def fit_history(
    system: dict[str, str],
    history: list[dict[str, str]],
    last: dict[str, str],
    budget: int,
) -> tuple[list[dict[str, str]], int]:
    """Drops the oldest turns (never the system message or the new turn) until the prompt fits.

    Returns the messages and how many history turns were dropped.
    """
    kept = list(history)
    dropped = 0
    while kept and estimate_messages([system, *kept, last]) > budget:
        # Drop a question together with its answer so the model never sees half an exchange.
        step = 2 if len(kept) >= 2 and kept[0]["role"] == "user" else 1
        kept = kept[step:]
        dropped += step
    return [system, *kept, last], dropped
