"""Web pages for people: the patient chat demo (``/``) and the staff console (``/console``).

The pages are plain HTML, CSS and JavaScript shipped as package data under
``gateway/static`` (no build step, no CDN). They call the same public API as any portal,
with the key the person types in; the pages themselves need no key. Two small JSON routes
support them: ``/v1/ui-config`` (a dev-only prefilled key) and ``/v1/admin/stats`` (key
counters for the console, admin key required).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, SecretStr
from starlette.responses import Response

from gateway.admin_api import require_admin
from gateway.errors import NotFound

router = APIRouter()
Authorization = Annotated[str | None, Header(description="Bearer <admin key>")]

_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\.(html|js|css|svg)$")
_MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
}
# Everything comes from this origin; no inline script or style, no framing.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_PAGE_HEADERS = {
    "Content-Security-Policy": _CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Small files; always revalidate so an upgrade never mixes old JS with a new page.
    "Cache-Control": "no-cache",
}


def _read_static(name: str) -> bytes:
    if not _STATIC_NAME.match(name):
        raise NotFound("no such file")
    resource = resources.files("gateway").joinpath("static", name)
    try:
        return resource.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise NotFound("no such file") from None


def _static_response(name: str) -> Response:
    body = _read_static(name)
    media_type = _MEDIA_TYPES[name.rsplit(".", 1)[1]]
    return Response(body, media_type=media_type, headers=_PAGE_HEADERS)


@router.get("/", include_in_schema=False)
async def patient_page() -> Response:
    return _static_response("index.html")


@router.get("/console", include_in_schema=False)
async def console_page() -> Response:
    return _static_response("console.html")


@router.get("/static/{name}", include_in_schema=False)
async def static_file(name: str) -> Response:
    return _static_response(name)


class UiConfig(BaseModel):
    prefill_key: str | None = None


@router.get("/v1/ui-config", response_model=UiConfig, tags=["web"])
async def ui_config(request: Request) -> Response:
    """What the pages may preload. ``prefill_key`` is only ever set in local dev mode."""
    settings = request.app.state.runtime.settings
    value: Any = getattr(settings, "ui_prefill_key", None)
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    key = value if isinstance(value, str) and value else None
    body = UiConfig(prefill_key=key).model_dump_json()
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})


class CounterGroup(BaseModel):
    total: float
    by: dict[str, float]


class Stats(BaseModel):
    requests: CounterGroup
    consultations: CounterGroup
    emergencies: CounterGroup
    redactions: CounterGroup
    upstream_errors: CounterGroup
    degraded: CounterGroup


def _samples(registry: Any, name: str) -> Iterable[tuple[dict[str, str], float]]:
    """The ``<name>_total`` samples of one counter (family ``name``) in the registry."""
    for family in registry.collect():
        if family.name != name:
            continue
        for sample in family.samples:
            if sample.name == f"{name}_total":
                yield dict(sample.labels), float(sample.value)


def _group(pairs: Iterable[tuple[str, float]]) -> CounterGroup:
    by: dict[str, float] = defaultdict(float)
    for key, value in pairs:
        by[key] += value
    return CounterGroup(total=sum(by.values()), by=dict(sorted(by.items())))


def _status_class(status: str) -> str:
    return f"{status[0]}xx" if status[:1].isdigit() else "other"


def collect_stats(registry: Any) -> Stats:
    requests = list(_samples(registry, "gateway_requests"))
    return Stats(
        requests=_group((_status_class(lb.get("status", "")), v) for lb, v in requests),
        consultations=_group(
            (_status_class(lb.get("status", "")), v)
            for lb, v in requests
            if lb.get("route") == "/v1/consultations"
        ),
        emergencies=_group(
            (lb.get("category", ""), v) for lb, v in _samples(registry, "gateway_emergencies")
        ),
        redactions=_group(
            (lb.get("type", ""), v) for lb, v in _samples(registry, "gateway_redactions")
        ),
        upstream_errors=_group(
            (lb.get("kind", ""), v) for lb, v in _samples(registry, "gateway_upstream_errors")
        ),
        degraded=_group(
            (lb.get("reason", ""), v) for lb, v in _samples(registry, "gateway_degraded")
        ),
    )


@router.get("/v1/admin/stats", response_model=Stats, tags=["admin"])
async def admin_stats(request: Request, authorization: Authorization = None) -> Stats:
    """Key counters since the process started (this worker only), grouped for the console.

    ``requests`` and ``consultations`` are grouped by status class (2xx, 4xx, 5xx);
    ``emergencies`` by category, ``redactions`` by identifier type, ``upstream_errors`` by
    kind and ``degraded`` by reason.
    """
    rt = require_admin(request, authorization)
    return collect_stats(rt.metrics.registry)
