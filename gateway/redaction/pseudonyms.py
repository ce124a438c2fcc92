"""Stable placeholder numbers per patient, kept in Redis as keyed hashes — never raw values.

The same phone number is ``[PHONE_1]`` in every turn of a patient's conversation. Redis holds
``HMAC(secret, tenant, patient, type, value) → n``; without the server secret a dump reveals
nothing, and the raw value exists only in process memory while its request runs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from typing import Any, Protocol

import redis.asyncio as aioredis

from gateway.history import PatientKeys, translate
from gateway.redaction.base import Entity
from gateway.redis_guard import RedisGuard

_ASSIGN = """
local out = {}
for i = 2, #ARGV, 2 do
  local kind = ARGV[i]
  local field = ARGV[i + 1]
  local n = redis.call('HGET', KEYS[1], field)
  if not n then
    n = redis.call('HINCRBY', KEYS[1], '#' .. kind, 1)
    redis.call('HSET', KEYS[1], field, n)
  end
  out[#out + 1] = tonumber(n)
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return out
"""


def canonical(entity_type: str, value: str) -> str:
    """The form two spellings of one identifier share (138 1234 5678 == 13812345678)."""
    if entity_type in ("EMAIL", "URL"):
        return value.strip().lower()
    if entity_type in ("PERSON", "ADDRESS"):
        return re.sub(r"\s+", "", value).lower()
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


class PlaceholderNumbers(Protocol):
    async def assign(self, tenant: str, patient_id: str, entities: Sequence[Entity]) -> list[int]:
        """One number per entity, stable for (patient, type, value)."""
        ...

    async def erase(self, tenant: str, patient_id: str) -> None: ...


class RedisPlaceholderNumbers:
    def __init__(
        self,
        redis: aioredis.Redis,
        keys: PatientKeys,
        secret: bytes,
        *,
        ttl_seconds: int,
        guard: RedisGuard | None = None,
    ) -> None:
        self._guard = guard
        self._redis = redis
        self._keys = keys
        self._secret = secret
        self._ttl = ttl_seconds
        self._script: Any = redis.register_script(_ASSIGN)

    def digest(self, tenant: str, patient_id: str, entity: Entity) -> str:
        msg = "\x00".join((tenant, patient_id, entity.type, canonical(entity.type, entity.value)))
        return hmac.new(self._secret, msg.encode(), hashlib.sha256).hexdigest()[:32]

    async def assign(self, tenant: str, patient_id: str, entities: Sequence[Entity]) -> list[int]:
        if not entities:
            return []
        key = f"{self._keys.tag(tenant, patient_id)}:pii"
        args: list[Any] = [self._ttl]
        for ent in entities:
            args += [ent.type, f"{ent.type}:{self.digest(tenant, patient_id, ent)}"]
        numbers: list[Any] = await translate(
            "placeholder numbering", lambda: self._script(keys=[key], args=args), self._guard
        )
        return [int(n) for n in numbers]

    async def erase(self, tenant: str, patient_id: str) -> None:
        key = f"{self._keys.tag(tenant, patient_id)}:pii"
        await translate("delete", lambda: self._redis.delete(key), self._guard)


_PLACEHOLDER = re.compile(r"\[([A-Z][A-Z_]*_\d{1,4})\]")
_PARTIAL = re.compile(r"\[[A-Z_]*\d{0,4}$")


def restore(text: str, mapping: dict[str, str]) -> str:
    """Puts the patient's own values back where the model echoed a placeholder."""
    if not mapping:
        return text
    return _PLACEHOLDER.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


class StreamRestorer:
    """``restore`` for a stream: holds back a placeholder split across chunks."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self._mapping = mapping
        self._buf = ""

    def feed(self, chunk: str) -> str:
        if not self._mapping:
            return chunk
        self._buf += chunk
        partial = _PARTIAL.search(self._buf)
        if partial is not None and len(self._buf) - partial.start() <= 24:
            ready, self._buf = self._buf[: partial.start()], self._buf[partial.start() :]
        else:
            ready, self._buf = self._buf, ""
        return restore(ready, self._mapping)

    def flush(self) -> str:
        rest, self._buf = self._buf, ""
        return restore(rest, self._mapping)
