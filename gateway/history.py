"""Per-patient conversation history in Redis.

Key names carry the tenant and a keyed hash of the patient id, never the raw id, and all of a
patient's keys share one Cluster hash tag (``{…}``) so multi-key transactions keep working on
Redis Cluster. Only redacted text is ever written here.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol, TypeVar

import redis.asyncio as aioredis

from gateway.errors import PatientBusy, StoreUnavailable
from gateway.redis_guard import DEFAULT_GUARD, RedisGuard

T = TypeVar("T")


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    content: str  # redacted; placeholders are never restored here
    ts: float
    triage: str | None = None
    category: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | bytes) -> Turn:
        data = json.loads(raw)
        return cls(
            role=str(data["role"]),
            content=str(data["content"]),
            ts=float(data["ts"]),
            triage=data.get("triage"),
            category=data.get("category"),
        )


class HistoryStore(Protocol):
    async def load(self, tenant: str, patient_id: str) -> list[Turn]: ...

    async def append_pair(
        self, tenant: str, patient_id: str, user: Turn, answer: Turn, *, unlock: str | None = None
    ) -> None:
        """Appends a question and its answer; ``unlock`` (a lock token) also releases the
        patient's lock in the same transaction."""
        ...

    async def erase(self, tenant: str, patient_id: str) -> int: ...


class PatientKeys:
    """Derives a patient's Redis key names from a server secret."""

    def __init__(self, secret: bytes, prefix: str = "pg") -> None:
        self._secret = secret
        self._prefix = prefix

    def patient_ref(self, tenant: str, patient_id: str) -> str:
        mac = hmac.new(self._secret, f"{tenant}\x00{patient_id}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def tag(self, tenant: str, patient_id: str) -> str:
        return f"{self._prefix}:{{{tenant}:{self.patient_ref(tenant, patient_id)}}}"

    def history(self, tenant: str, patient_id: str) -> str:
        return f"{self.tag(tenant, patient_id)}:history"

    def lock(self, tenant: str, patient_id: str) -> str:
        return f"{self.tag(tenant, patient_id)}:lock"

    def all(self, tenant: str, patient_id: str) -> list[str]:
        tag = self.tag(tenant, patient_id)
        return [f"{tag}:history", f"{tag}:pii", f"{tag}:lock", f"{tag}:rl"]


async def translate(
    op: str, call: Callable[[], Awaitable[T]], guard: RedisGuard | None = None
) -> T:
    """Runs one Redis call through the guard (timeouts, translation, breaker)."""
    return await (guard or DEFAULT_GUARD).call(op, call)


_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class RedisHistoryStore:
    def __init__(
        self,
        redis: aioredis.Redis,
        keys: PatientKeys,
        *,
        ttl_seconds: int,
        max_turns: int,
        guard: RedisGuard | None = None,
    ) -> None:
        self._redis = redis
        self._keys = keys
        self._ttl = ttl_seconds
        self._max_turns = max_turns
        self._guard = guard or DEFAULT_GUARD

    async def load(self, tenant: str, patient_id: str) -> list[Turn]:
        key = self._keys.history(tenant, patient_id)

        async def run() -> list[Any]:
            async with self._redis.pipeline(transaction=False) as pipe:
                pipe.lrange(key, 0, -1)
                pipe.expire(key, self._ttl)  # using a conversation keeps it alive
                rows, _ = await pipe.execute()
            return list(rows)

        raw = await translate("read", run, self._guard)
        return [Turn.from_json(item) for item in raw]

    async def append_pair(
        self, tenant: str, patient_id: str, user: Turn, answer: Turn, *, unlock: str | None = None
    ) -> None:
        key = self._keys.history(tenant, patient_id)

        async def run() -> None:
            # One MULTI/EXEC: the question and its answer land together or not at all. The lock
            # release rides along (same hash slot): one round trip fewer per consultation, and
            # the patient's next message can never see the lock free but the answer missing.
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.rpush(key, user.to_json(), answer.to_json())
                pipe.ltrim(key, -2 * self._max_turns, -1)
                pipe.expire(key, self._ttl)
                if unlock is not None:
                    pipe.eval(_RELEASE, 1, self._keys.lock(tenant, patient_id), unlock)
                await pipe.execute()

        await translate("write", run, self._guard)

    async def erase(self, tenant: str, patient_id: str) -> int:
        keys = self._keys.all(tenant, patient_id)
        deleted: int = await translate("delete", lambda: self._redis.delete(*keys), self._guard)
        return deleted


class PatientLock:
    """One consultation at a time per patient, across all gateway replicas.

    SET NX PX with a random token; released only by its owner (compare-and-delete in Lua), and
    it expires on its own if a replica dies mid-consultation. A waiter polls for up to
    ``wait_seconds`` and then gets 409 (the portal may retry; nothing was processed).
    """

    def __init__(
        self,
        redis: aioredis.Redis,
        keys: PatientKeys,
        *,
        ttl_seconds: float,
        wait_seconds: float,
        guard: RedisGuard | None = None,
    ) -> None:
        self._redis = redis
        self._keys = keys
        self._ttl_ms = int(ttl_seconds * 1000)
        self._wait = wait_seconds
        self._guard = guard or DEFAULT_GUARD
        self._release: Any = redis.register_script(_RELEASE)
        self._pending: set[asyncio.Future[None]] = set()

    async def acquire(self, tenant: str, patient_id: str) -> str:
        key = self._keys.lock(tenant, patient_id)
        token = uuid.uuid4().hex
        deadline = time.monotonic() + self._wait
        delay = 0.005
        while True:
            got = await translate(
                "lock", lambda: self._redis.set(key, token, nx=True, px=self._ttl_ms), self._guard
            )
            if got:
                return token
            if time.monotonic() >= deadline:
                raise PatientBusy(
                    f"another consultation for this patient is still running after "
                    f"{self._wait:g}s; retry when it has finished",
                    headers={"Retry-After": "5"},
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.1)

    async def release(self, tenant: str, patient_id: str, token: str) -> None:
        """Never raises: a release Redis could not take is retried in the background."""
        key = self._keys.lock(tenant, patient_id)
        try:
            await self._release_once(key, token)
        except StoreUnavailable:
            # Otherwise a durable Redis keeps the lock after an outage and the patient gets
            # 409 until its TTL (minutes) runs out: found by the soak run.
            task = asyncio.ensure_future(self._release_later(key, token))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def _release_once(self, key: str, token: str) -> None:
        await translate("unlock", lambda: self._release(keys=[key], args=[token]), self._guard)

    async def _release_later(self, key: str, token: str) -> None:
        deadline = time.monotonic() + self._ttl_ms / 1000
        delay = 0.25
        while time.monotonic() < deadline:
            await asyncio.sleep(delay)
            try:
                await self._release_once(key, token)
                return
            except StoreUnavailable:
                delay = min(delay * 2, 5.0)


def now() -> float:
    return time.time()
