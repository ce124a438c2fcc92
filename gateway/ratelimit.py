"""Rate limits in Redis, shared by every replica: a sliding-window log per key and per patient.

Limits are ``COUNT/SECONDS``. The check and the recording happen in one Lua script so two
replicas can never both let the last request through. Redis being down does not block care:
the limiter then allows the request (and the breaker stops hammering Redis).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis

from gateway.errors import StoreUnavailable
from gateway.history import translate
from gateway.redis_guard import RedisGuard

_WINDOW = """
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, count, tostring(oldest[2])}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
return {1, count + 1, tostring(now)}
"""


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> Limit:
        count, sep, seconds = text.partition("/")
        if not sep or not count.strip().isdigit() or float(seconds) <= 0 or int(count) < 1:
            raise ValueError("use COUNT/SECONDS, e.g. 20/60")
        return cls(int(count), float(seconds))

    def __str__(self) -> str:
        return f"{self.count}/{self.seconds:g}"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: Limit
    remaining: int
    reset_seconds: float

    def headers(self) -> dict[str, str]:
        # IETF draft "RateLimit header fields for HTTP" (combined form) plus Retry-After.
        reset = max(1, int(self.reset_seconds + 0.999))
        out = {
            "RateLimit-Policy": f"{self.limit.count};w={int(self.limit.seconds)}",
            "RateLimit": f"limit={self.limit.count}, remaining={self.remaining}, reset={reset}",
        }
        if not self.allowed:
            out["Retry-After"] = str(reset)
        return out


class RateLimiter:
    def __init__(self, redis: aioredis.Redis, guard: RedisGuard | None = None) -> None:
        self._redis = redis
        self._guard = guard

    async def hit(self, key: str, limit: Limit) -> Decision:
        """``key`` is the Redis key of this counter (callers keep it in their own namespace)."""
        (decision,) = await self.hit_many([(key, limit)])
        return decision

    async def hit_many(self, windows: Sequence[tuple[str, Limit]]) -> list[Decision]:
        """Checks and records several windows in one round trip (each one atomically)."""
        now = time.time()

        async def run() -> list[Any]:
            # Plain EVAL: a pipelined registered script costs an extra SCRIPT EXISTS round trip
            # per call in redis-py, and Redis caches the compiled script by its digest anyway.
            async with self._redis.pipeline(transaction=False) as pipe:
                for key, limit in windows:
                    marker = f"{now}-{uuid.uuid4().hex[:8]}"
                    pipe.eval(_WINDOW, 1, key, now, limit.seconds, limit.count, marker)
                return list(await pipe.execute())

        try:
            replies = await translate("rate limit", run, self._guard)
        except StoreUnavailable:
            # Fail open: care first.
            return [Decision(True, limit, limit.count, limit.seconds) for _, limit in windows]
        decisions = []
        for (_, limit), (allowed, count, marker) in zip(windows, replies, strict=True):
            reset = float(marker) + limit.seconds - now if not allowed else limit.seconds
            decisions.append(
                Decision(bool(allowed), limit, max(0, limit.count - int(count)), max(reset, 0.0))
            )
        return decisions
