"""Admin routes (admin keys only): knowledge index status and reload, emergency events."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request

from gateway.errors import Forbidden, IndexUnavailable, Unauthorized

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Authorization = Annotated[str | None, Header(description="Bearer <admin key>")]


def require_admin(request: Request, authorization: str | None) -> Any:
    rt = request.app.state.runtime
    try:
        rt.admin_keys.tenant_for(authorization)
    except Unauthorized:
        # A valid portal key is authenticated but not allowed here: 403, not 401.
        try:
            rt.keys.tenant_for(authorization)
        except Unauthorized:
            raise
        raise Forbidden("this route needs an admin key") from None
    return rt


def index_status(rt: Any) -> dict[str, Any]:
    index = rt.index.index
    return {
        "loaded": index is not None,
        "error": rt.index.error,
        "manifest": index.manifest if index is not None else None,
    }


@router.get("/index")
async def get_index(request: Request, authorization: Authorization = None) -> dict[str, Any]:
    rt = require_admin(request, authorization)
    return index_status(rt)


@router.post("/reload-index")
async def reload_index(request: Request, authorization: Authorization = None) -> dict[str, Any]:
    rt = require_admin(request, authorization)
    try:
        # Off the event loop: loading reads files and builds the BM25 tables.
        await asyncio.to_thread(rt.index.reload)
    except Exception as exc:
        raise IndexUnavailable(
            f"the index could not be loaded, the previous one keeps serving: {rt.index.error}"
        ) from exc
    return index_status(rt)


@router.get("/events")
async def recent_events(
    request: Request,
    authorization: Authorization = None,
    count: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    rt = require_admin(request, authorization)
    return {"events": await rt.service.events.recent(count)}
