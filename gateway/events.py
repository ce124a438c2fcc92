"""Emergency events for clinic staff: a Redis stream any consumer (console, pager) can read.

Events hold only what staff need and nothing raw: the redacted message, the triage result,
the tenant and the keyed patient reference (never the portal's patient id).
"""

from __future__ import annotations

import json
import time
from typing import Any, Protocol

import redis.asyncio as aioredis

from gateway.history import translate
from gateway.redis_guard import RedisGuard

STREAM_KEY = "pg:events:emergency"
AUDIT_KEY = "pg:events:audit"


class EmergencyEvents(Protocol):
    async def publish(self, event: dict[str, Any]) -> str: ...

    async def recent(self, count: int) -> list[dict[str, Any]]: ...


class RedisEmergencyEvents:
    def __init__(
        self,
        redis: aioredis.Redis,
        *,
        max_len: int = 100_000,
        guard: RedisGuard | None = None,
        key: str = STREAM_KEY,
    ) -> None:
        self._guard = guard
        self._redis = redis
        self._key = key
        self._max_len = max_len

    async def publish(self, event: dict[str, Any]) -> str:
        fields: dict[Any, Any] = {
            k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
            for k, v in {"ts": time.time(), **event}.items()
        }
        # Approximate trimming keeps XADD O(1) while bounding the stream.
        event_id: Any = await translate(
            "event write",
            lambda: self._redis.xadd(self._key, fields, maxlen=self._max_len, approximate=True),
            self._guard,
        )
        return str(event_id)

    async def recent(self, count: int) -> list[dict[str, Any]]:
        rows: Any = await translate(
            "event read", lambda: self._redis.xrevrange(self._key, count=count), self._guard
        )
        return [{"event_id": event_id, **fields} for event_id, fields in rows]
