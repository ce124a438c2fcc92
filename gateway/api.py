"""HTTP routes of the public v1 API, health, readiness and metrics."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Header, Path, Request
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import Response, StreamingResponse

from gateway.errors import ClientError, GatewayError, NotFound
from gateway.schemas import (
    PATIENT_ID_PATTERN,
    ConsultationRequest,
    ConsultationResponse,
    DependencyStatus,
    HistoryResponse,
    HistoryTurn,
    Problem,
    Readiness,
)
from gateway.summary import SummaryRequest, SummaryResponse

router = APIRouter()
audit = logging.getLogger("gateway.audit")
T = TypeVar("T")

PatientId = Annotated[str, Path(pattern=PATIENT_ID_PATTERN, description="The portal's patient id")]
Authorization = Annotated[str | None, Header(description="Bearer <API key>")]

_PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {"application/problem+json": {}}}
    for code in (400, 401, 404, 409, 413, 422, 429, 500, 502, 503, 504)
}


def runtime(request: Request) -> Any:
    return request.app.state.runtime


async def until_disconnect(request: Request, work: Awaitable[T]) -> T:
    """Runs ``work`` but cancels it if the client goes away (closing the upstream call)."""
    task = asyncio.ensure_future(work)

    async def watch() -> None:
        while True:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                return

    watcher = asyncio.ensure_future(watch())
    try:
        done, _ = await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if task not in done:
            task.cancel()
            raise ClientError("the client disconnected", status=499)
        return task.result()
    finally:
        watcher.cancel()
        if not task.done():
            task.cancel()


@router.post(
    "/v1/consultations",
    response_model=ConsultationResponse,
    responses={
        **_PROBLEMS,
        200: {
            "description": "The answer; with stream=true or Accept: text/event-stream, "
            "Server-Sent Events: meta, delta…, done (or error).",
            "content": {"text/event-stream": {}},
        },
    },
    tags=["consultations"],
)
async def create_consultation(
    body: ConsultationRequest, request: Request, authorization: Authorization = None
) -> Response:
    rt = runtime(request)
    tenant = rt.keys.tenant_for(authorization)
    limits = await rt.service.check_limits(tenant, body.patient_id)
    request_id = str(request.scope.get("state", {}).get("request_id", ""))
    prepared = await rt.service.prepare(tenant, body, limits, request_id)
    wants_stream = body.stream or "text/event-stream" in request.headers.get("accept", "")
    headers = {"Cache-Control": "no-store"}
    if limits:
        # The tighter of the two limits is the one the portal should pace itself by.
        headers.update(min(limits, key=lambda d: d.remaining).headers())
    if prepared.degraded:
        # Tells the portal what is missing, e.g. "history" when Redis is down.
        headers["X-Gateway-Degraded"] = ",".join(prepared.degraded)
    if wants_stream:
        events = await rt.service.stream(prepared)
        return StreamingResponse(
            events,
            media_type="text/event-stream",
            headers={**headers, "X-Accel-Buffering": "no"},
        )
    result = await until_disconnect(request, rt.service.complete(prepared))
    return JSONResponse(result.model_dump(), headers=headers)


@router.get(
    "/v1/patients/{patient_id}/history",
    response_model=HistoryResponse,
    responses=_PROBLEMS,
    tags=["patients"],
)
async def get_history(
    patient_id: PatientId, request: Request, authorization: Authorization = None
) -> HistoryResponse:
    rt = runtime(request)
    tenant = rt.keys.tenant_for(authorization)
    turns = await rt.service.history.load(tenant, patient_id)
    if not turns:
        raise NotFound("no conversation is stored for this patient")
    return HistoryResponse(
        patient_id=patient_id,
        turns=[
            HistoryTurn(role=t.role, content=t.content, ts=t.ts, triage=t.triage) for t in turns
        ],
    )


@router.delete(
    "/v1/patients/{patient_id}/history", status_code=204, responses=_PROBLEMS, tags=["patients"]
)
async def delete_history(
    patient_id: PatientId, request: Request, authorization: Authorization = None
) -> Response:
    rt = runtime(request)
    tenant = rt.keys.tenant_for(authorization)
    deleted = await rt.service.history.erase(tenant, patient_id)
    # The right to erasure leaves a trace of *that* it happened, never of what was erased.
    audit.info(
        "erasure",
        extra={
            "event": "erasure",
            "tenant": tenant,
            "deleted": deleted,
            "patient_ref": rt.service.patient_ref(tenant, patient_id),
        },
    )
    return Response(status_code=204)


@router.post(
    "/v1/patients/{patient_id}/summary",
    response_model=SummaryResponse,
    responses=_PROBLEMS,
    tags=["patients"],
)
async def patient_summary(
    patient_id: PatientId,
    request: Request,
    body: SummaryRequest | None = None,
    authorization: Authorization = None,
) -> SummaryResponse:
    rt = runtime(request)
    tenant = rt.keys.tenant_for(authorization)
    locale = body.locale if body is not None else None
    result: SummaryResponse = await rt.summaries().summarize(tenant, patient_id, locale)
    return result


@router.get("/healthz", tags=["operations"])
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness}},
    tags=["operations"],
)
async def readyz(request: Request, authorization: Authorization = None) -> JSONResponse:
    rt = runtime(request)
    if not rt.settings.readyz_public:
        # Any valid portal or admin key: readiness reveals hosts and versions.
        try:
            rt.keys.tenant_for(authorization)
        except ClientError:
            rt.admin_keys.tenant_for(authorization)
    deps: dict[str, DependencyStatus] = {}
    try:
        await asyncio.wait_for(rt.redis.ping(), rt.settings.redis_timeout)
        deps["redis"] = DependencyStatus(ok=True, detail="ping ok")
    except (TimeoutError, OSError, Exception) as exc:
        deps["redis"] = DependencyStatus(ok=False, detail=f"ping failed: {type(exc).__name__}")
    reachable: list[str] = []
    with_model: list[str] = []
    problems: list[str] = []
    per_host: dict[str, DependencyStatus] = {}
    for host in rt.ollama.hosts:
        up, model_ok, detail = await _host_status(host.client)
        per_host[f"ollama {host.url}"] = DependencyStatus(
            ok=model_ok, detail=detail, required=False
        )
        (reachable if up else problems).append(detail)
        if model_ok:
            with_model.append(host.url)
    n = len(rt.ollama.hosts)
    # Ready while at least one host can serve the model; each host is listed on its own.
    deps["ollama"] = DependencyStatus(
        ok=bool(reachable),
        detail=f"{len(reachable)} of {n} hosts reachable"
        + (f" ({reachable[0]})" if reachable else f": {problems[0]}"),
    )
    model = rt.ollama.model
    deps["model"] = DependencyStatus(
        ok=bool(with_model),
        detail=f"'{model}' ready on {len(with_model)} of {n} hosts"
        if with_model or reachable
        else "unknown: Ollama not reachable",
    )
    if reachable and not with_model:
        deps["model"].detail = next(iter(per_host.values())).detail
    deps.update(per_host)
    holder = rt.index
    if holder.index is not None:
        m = holder.index.manifest
        detail = f"{m['chunks']} chunks from {m['documents']} documents ({m['build_id']})"
        deps["knowledge"] = DependencyStatus(ok=True, detail=detail, required=False)
    else:
        # Not required: without an index the gateway answers without citations.
        deps["knowledge"] = DependencyStatus(
            ok=False, detail=holder.error or "no index loaded", required=False
        )
    ready = all(d.ok for d in deps.values() if d.required)
    body = Readiness(ready=ready, dependencies=deps)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


async def _host_status(client: Any) -> tuple[bool, bool, str]:
    """(reachable, model usable, detail) for one Ollama host."""
    try:
        version = await client.version()
    except GatewayError as exc:
        return False, False, exc.detail
    try:
        info = await client.show()
    except GatewayError as exc:
        return True, False, exc.detail
    caps = info.get("capabilities")
    if isinstance(caps, list) and "completion" not in caps:
        return True, False, f"model '{client.model}' cannot do chat completion"
    return True, True, f"version {version}; '{client.model}' present"


@router.get("/metrics", tags=["operations"], response_class=Response)
async def metrics(request: Request, authorization: Authorization = None) -> Response:
    rt = runtime(request)
    if rt.settings.metrics_require_admin:
        from gateway.admin_api import require_admin

        require_admin(request, authorization)
    return Response(generate_latest(rt.metrics.registry), media_type=CONTENT_TYPE_LATEST)
