"""API-key authentication: keys are kept as SHA-256 digests and compared in constant time."""

from __future__ import annotations

import hashlib
import hmac

from gateway.errors import Unauthorized
from gateway.settings import ApiKey


class KeyRing:
    def __init__(self, keys: tuple[ApiKey, ...]) -> None:
        self._keys = keys

    def __len__(self) -> int:
        return len(self._keys)

    def tenant_for(self, authorization: str | None) -> str:
        if not authorization:
            raise Unauthorized("send the API key as 'Authorization: Bearer <key>'")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("the Authorization header must use the Bearer scheme")
        digest = hashlib.sha256(token.strip().encode()).digest()
        tenant = None
        # Compare against every key so timing does not reveal which one nearly matched.
        for key in self._keys:
            if hmac.compare_digest(digest, key.digest):
                tenant = key.tenant
        if tenant is None:
            raise Unauthorized("the API key is not valid")
        return tenant
