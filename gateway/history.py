"""Per-patient conversation history in Redis.

Key names carry the tenant and a keyed hash of the patient id, never the raw id, and all of a
patient's keys share one Cluster hash tag (``{…}``) so multi-key transactions keep working on
Redis Cluster. Only redacted text is ever written here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol, TypeVar

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from gateway.errors import StoreUnavailable

T = TypeVar("T")


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    content: str  # redacted; placeholders are never restored here
    ts: float
    triage: str | None = None

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
        )


class HistoryStore(Protocol):
    async def load(self, tenant: str, patient_id: str) -> list[Turn]: ...

    async def append_pair(self, tenant: str, patient_id: str, user: Turn, answer: Turn) -> None: ...

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

    def all(self, tenant: str, patient_id: str) -> list[str]:
        tag = self.tag(tenant, patient_id)
        return [f"{tag}:history", f"{tag}:pii", f"{tag}:lock"]


async def translate(op: str, call: Callable[[], Awaitable[T]]) -> T:
    try:
        return await call()
    except RedisError as exc:
        raise StoreUnavailable(f"Redis {op} failed: {type(exc).__name__}") from exc
    except OSError as exc:
        raise StoreUnavailable(f"Redis {op} failed: {type(exc).__name__}") from exc


class RedisHistoryStore:
    def __init__(
        self, redis: aioredis.Redis, keys: PatientKeys, *, ttl_seconds: int, max_turns: int
    ) -> None:
        self._redis = redis
        self._keys = keys
        self._ttl = ttl_seconds
        self._max_turns = max_turns

    async def load(self, tenant: str, patient_id: str) -> list[Turn]:
        key = self._keys.history(tenant, patient_id)
        raw: list[Any] = await translate("read", lambda: self._redis.lrange(key, 0, -1))
        return [Turn.from_json(item) for item in raw]

    async def append_pair(self, tenant: str, patient_id: str, user: Turn, answer: Turn) -> None:
        key = self._keys.history(tenant, patient_id)

        async def run() -> None:
            # One MULTI/EXEC: the question and its answer land together or not at all.
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.rpush(key, user.to_json(), answer.to_json())
                pipe.ltrim(key, -2 * self._max_turns, -1)
                pipe.expire(key, self._ttl)
                await pipe.execute()

        await translate("write", run)

    async def erase(self, tenant: str, patient_id: str) -> int:
        keys = self._keys.all(tenant, patient_id)
        deleted: int = await translate("delete", lambda: self._redis.delete(*keys))
        return deleted


def now() -> float:
    return time.time()
