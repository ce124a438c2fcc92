"""Pure-ASGI middleware: request ids, body size limit, access log and request metrics."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.errors import PayloadTooLarge
from gateway.metrics import Metrics
from gateway.problems import problem_response

log = logging.getLogger("gateway.access")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _route_label(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


class GatewayMiddleware:
    def __init__(self, app: ASGIApp, *, metrics: Metrics, max_body_bytes: int) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        sent_id = headers.get("x-request-id", "")
        request_id = sent_id if _REQUEST_ID.match(sent_id) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        limit = self.max_body

        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise PayloadTooLarge(f"the body exceeds the limit of {limit} bytes")
            return message

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
            await send(message)

        declared = headers.get("content-length", "")
        try:
            if declared.isdigit() and int(declared) > limit:
                # Refuse before reading a byte of the body.
                error = PayloadTooLarge(f"the body is {declared} bytes; the limit is {limit}")
                response = problem_response(error, request_id)
                await response(scope, receive, send_with_id)
                return
            await self.app(scope, limited_receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_label(scope)
            self.metrics.requests.labels(route, str(status)).inc()
            self.metrics.request_seconds.labels(route).observe(elapsed)
            log.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "latency_ms": round(elapsed * 1000, 2),
                },
            )
