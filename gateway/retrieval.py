"""Knowledge retrieval stage: the protocol the pipeline depends on."""

from __future__ import annotations

from typing import Protocol

from gateway.locale import Locale
from gateway.prompt import Snippet


class Retriever(Protocol):
    @property
    def available(self) -> bool: ...

    def search(self, text: str, locale: Locale, k: int) -> list[Snippet]: ...


class NoKnowledge:
    """Used when no index has been built yet: the gateway answers without snippets."""

    available = False

    def search(self, text: str, locale: Locale, k: int) -> list[Snippet]:
        return []
