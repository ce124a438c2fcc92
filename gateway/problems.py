"""Renders errors as RFC 9457 application/problem+json responses."""

from __future__ import annotations

import json

from starlette.responses import Response

from gateway.errors import GatewayError

PROBLEM_JSON = "application/problem+json"


def problem_body(
    *,
    type_uri: str,
    title: str,
    status: int,
    detail: str,
    request_id: str | None = None,
    errors: list[dict[str, str]] | None = None,
) -> dict[str, object]:
    body: dict[str, object] = {"type": type_uri, "title": title, "status": status, "detail": detail}
    if request_id:
        body["instance"] = f"urn:request:{request_id}"
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    error: GatewayError, request_id: str | None = None, errors: list[dict[str, str]] | None = None
) -> Response:
    body = problem_body(
        type_uri=error.type_uri,
        title=error.title,
        status=error.status,
        detail=error.detail,
        request_id=request_id,
        errors=errors,
    )
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=error.status,
        media_type=PROBLEM_JSON,
        headers=error.headers,
    )
