"""Knowledge retrieval stage: the protocol the pipeline depends on and its implementations."""

from __future__ import annotations

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
    """Searches whatever index the holder serves at the moment the search starts."""

    def __init__(self, holder: IndexHolder) -> None:
        self.holder = holder

    @property
    def available(self) -> bool:
        return self.holder.index is not None

    def search(self, text: str, locale: Locale, k: int) -> list[Snippet]:
        index = self.holder.index
        if index is None:
            return []
        return [to_snippet(hit) for hit in index.search(text, locale, k)]
