"""The gateway's one exception hierarchy, mapped to HTTP by one handler in ``app.py``.

::

    GatewayError (500)
    ├── ClientError (4xx: the caller can fix it)
    │   ├── InvalidRequest          400  (malformed body)
    │   ├── ValidationFailed        422  (a field breaks the schema)
    │   ├── Unauthorized            401
    │   ├── Forbidden               403
    │   ├── NotFound                404
    │   ├── PatientBusy             409
    │   ├── PayloadTooLarge         413
    │   └── RateLimited             429
    ├── RedactionFailed             500  (fail closed: nothing forwarded or stored)
    └── DependencyError             (a service we call misbehaved)
        ├── UpstreamUnavailable     503  (Ollama down, busy, 5xx, model missing)
        ├── UpstreamTimeout         504  (connect / first byte / idle gap / total)
        ├── UpstreamProtocolError   502  (Ollama answered something we cannot use)
        ├── StoreUnavailable        503  (Redis down or timing out)
        └── IndexUnavailable        503  (the knowledge index cannot be loaded)

Foreign exceptions (httpx, redis) are translated where they enter the gateway with
``raise ... from exc``. Messages here end up in problem+json ``detail`` and in logs, so they
must never contain patient text or identifiers.
"""

from __future__ import annotations

from typing import ClassVar


class GatewayError(Exception):
    status: int = 500
    slug: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal error"

    def __init__(
        self, detail: str, *, headers: dict[str, str] | None = None, status: int | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        if status is not None:
            self.status = status

    @property
    def type_uri(self) -> str:
        return f"urn:patient-gateway:problem:{self.slug}"


class ClientError(GatewayError):
    status = 400
    slug = "bad-request"
    title = "Bad request"


class InvalidRequest(ClientError):
    status = 400
    slug = "invalid-request"
    title = "Invalid request"


class ValidationFailed(ClientError):
    status = 422
    slug = "validation-failed"
    title = "A field is invalid"


class Unauthorized(ClientError):
    status = 401
    slug = "unauthorized"
    title = "Missing or invalid API key"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="patient-gateway"'})


class Forbidden(ClientError):
    status = 403
    slug = "forbidden"
    title = "Forbidden"


class NotFound(ClientError):
    status = 404
    slug = "not-found"
    title = "Not found"


class PatientBusy(ClientError):
    status = 409
    slug = "patient-busy"
    title = "Another consultation for this patient is in progress"


class PayloadTooLarge(ClientError):
    status = 413
    slug = "payload-too-large"
    title = "Request body too large"


class RateLimited(ClientError):
    status = 429
    slug = "rate-limited"
    title = "Too many requests"


class RedactionFailed(GatewayError):
    status = 500
    slug = "redaction-failed"
    title = "Redaction failed; the message was not processed"


class DependencyError(GatewayError):
    status = 503
    slug = "dependency-error"
    title = "A dependency failed"


class UpstreamUnavailable(DependencyError):
    status = 503
    slug = "upstream-unavailable"
    title = "The language model service is unavailable"


class UpstreamTimeout(DependencyError):
    status = 504
    slug = "upstream-timeout"
    title = "The language model service timed out"


class UpstreamProtocolError(DependencyError):
    status = 502
    slug = "upstream-protocol-error"
    title = "The language model service sent an unusable reply"


class StoreUnavailable(DependencyError):
    status = 503
    slug = "store-unavailable"
    title = "The conversation store is unavailable"


class IndexUnavailable(DependencyError):
    status = 503
    slug = "index-unavailable"
    title = "The knowledge index is unavailable"
