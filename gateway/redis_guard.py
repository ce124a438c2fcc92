"""Every Redis call goes through one guard: short timeouts, error translation, a breaker.

After ``threshold`` consecutive failures the breaker opens and calls fail fast for
``cooldown`` seconds (no piling up on a dead server); the first call after that is a trial
that closes it again on success. Consultations treat StoreUnavailable as "answer without
context", so a Redis outage degrades service instead of stopping it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.exceptions import RedisError

from gateway.errors import StoreUnavailable

T = TypeVar("T")


class RedisGuard:
    def __init__(self, *, threshold: int = 3, cooldown: float = 5.0) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.opened_at: float | None = None
        self.on_change: Callable[[str], None] | None = None

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        if time.monotonic() - self.opened_at >= self.cooldown:
            return "half-open"
        return "open"

    def _set(self, state: str) -> None:
        if self.on_change is not None:
            self.on_change(state)

    async def call(self, op: str, fn: Callable[[], Awaitable[T]]) -> T:
        if self.state == "open":
            raise StoreUnavailable(f"Redis {op} skipped: circuit open after repeated failures")
        try:
            result = await fn()
        except (RedisError, OSError) as exc:
            self.failures += 1
            if self.failures >= self.threshold and self.opened_at is None:
                self._set("open")
            if self.failures >= self.threshold:
                self.opened_at = time.monotonic()
            raise StoreUnavailable(f"Redis {op} failed: {type(exc).__name__}") from exc
        if self.opened_at is not None:
            self._set("closed")
        self.failures = 0
        self.opened_at = None
        return result


# A guard for code paths that have none of their own (one per process is fine for tools).
DEFAULT_GUARD = RedisGuard()
