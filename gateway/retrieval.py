"""Knowledge retrieval stage: the protocol the pipeline depends on and its implementations."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from gateway.knowledge.search import IndexHolder, to_snippet
from gateway.locale import Locale
from gateway.prompt import Snippet


class Retriever(Protocol):
    @property
    def available(self) -> bool: ...

    def search(self, text: str, locale: Locale, k: int) -> list[Snippet]: ...


class NoKnowledge:
    """Used when no index can be loaded: the gateway answers without snippets."""

    available = False

    def search(self, text: str, locale: Locale, k: int) -> list[Snippet]:
        return []


class KnowledgeRetriever:
    """Searches whatever index the holder serves at the moment the search starts.

    ``observe(stage, seconds)`` gets the split of each search into "embed" (the query
    embedding) and "search" (BM25, FAISS, fusion), for the per-stage metrics.
    """

    def __init__(
        self, holder: IndexHolder, observe: Callable[[str, float], None] | None = None
    ) -> None:
        self.holder = holder
        self.observe = observe

    @property
    def available(self) -> bool:
        return self.holder.index is not None

    def search(self, text: str, locale: Locale, k: int) -> list[Snippet]:
        index = self.holder.index
        if index is None:
            return []
        timings: dict[str, float] = {}
        started = time.perf_counter()
        hits = index.search(text, locale, k, timings)
        if self.observe is not None:
            embed = timings.get("embed", 0.0)
            if embed:
                self.observe("embed", embed)
            self.observe("search", time.perf_counter() - started - embed)
        return [to_snippet(hit) for hit in hits]
