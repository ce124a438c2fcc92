"""``create_app(settings)``: the app factory. Clients are owned by the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import redis.asyncio as aioredis
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from gateway import __version__
from gateway.api import router
from gateway.auth import KeyRing
from gateway.consultation import ConsultationService
from gateway.errors import (
    ClientError,
    GatewayError,
    InvalidRequest,
    NotFound,
    ValidationFailed,
)
from gateway.events import RedisEmergencyEvents
from gateway.history import PatientKeys, RedisHistoryStore
from gateway.logs import configure_logging
from gateway.metrics import Metrics
from gateway.middleware import GatewayMiddleware
from gateway.ollama import OllamaClient
from gateway.problems import problem_response
from gateway.redaction.base import Analyzer
from gateway.redaction.engine import default_analyzer
from gateway.redaction.pseudonyms import RedisPlaceholderNumbers
from gateway.retrieval import NoKnowledge
from gateway.settings import Settings
from gateway.triage.base import Triager
from gateway.triage.engine import default_triager

log = logging.getLogger("gateway")


class ConfigError(ValueError):
    """A setting that passed type validation but cannot work (named in the message)."""


@dataclass
class Runtime:
    """Everything the routes need, created by the lifespan and torn down with it."""

    settings: Settings
    keys: KeyRing
    metrics: Metrics
    redis: aioredis.Redis
    ollama: OllamaClient
    service: ConsultationService


def check_settings(settings: Settings) -> None:
    if not settings.api_keys:
        raise ConfigError("GATEWAY_API_KEYS is empty: set at least one NAME:KEY pair")
    if len(settings.hash_secret.get_secret_value()) < 32:
        raise ConfigError("GATEWAY_HASH_SECRET must be set to at least 32 random characters")


def _request_id(request: Request) -> str | None:
    rid = request.scope.get("state", {}).get("request_id")
    return str(rid) if rid else None


def create_app(
    settings: Settings,
    *,
    analyzer: Analyzer | None = None,
    triager: Triager | None = None,
) -> FastAPI:
    """Builds the app. ``analyzer``/``triager`` replace the default stages (tests, plugins)."""
    check_settings(settings)
    configure_logging(settings.log_level)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        s = settings
        http = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=64),
            timeout=httpx.Timeout(s.ollama_connect_timeout),
        )
        redis = aioredis.from_url(
            s.redis_url,
            socket_timeout=s.redis_timeout,
            socket_connect_timeout=s.redis_timeout,
            decode_responses=True,
        )
        ollama = OllamaClient(
            http,
            base_url=s.ollama_url,
            model=s.ollama_model,
            num_predict=s.ollama_num_predict,
            keep_alive=s.ollama_keep_alive,
            connect_timeout=s.ollama_connect_timeout,
            first_byte_timeout=s.ollama_first_byte_timeout,
            idle_timeout=s.ollama_idle_timeout,
            total_timeout=s.ollama_total_timeout,
        )
        keys = PatientKeys(s.hash_secret.get_secret_value().encode())
        service = ConsultationService(
            settings=s,
            backend=ollama,
            history=RedisHistoryStore(
                redis, keys, ttl_seconds=s.history_ttl_seconds, max_turns=s.history_max_turns
            ),
            analyzer=analyzer or default_analyzer(),
            numbers=RedisPlaceholderNumbers(
                redis,
                keys,
                s.hash_secret.get_secret_value().encode(),
                ttl_seconds=s.history_ttl_seconds,
            ),
            triager=triager or default_triager(),
            retriever=NoKnowledge(),
            events=RedisEmergencyEvents(redis),
            keys=keys,
            metrics=metrics,
        )
        app.state.runtime = Runtime(s, KeyRing(s.api_keys), metrics, redis, ollama, service)
        try:
            version = await ollama.version()
            log.info("ollama reachable", extra={"upstream": version})
        except GatewayError as exc:
            log.warning("ollama not reachable at start-up", extra={"error": exc.slug})
        try:
            yield
        finally:
            await http.aclose()
            await redis.aclose()

    app = FastAPI(
        title="patient-gateway",
        version=__version__,
        summary="Redaction, triage, retrieval, context and safety rails in front of a local LLM.",
        lifespan=lifespan,
    )
    app.add_middleware(GatewayMiddleware, metrics=metrics, max_body_bytes=settings.max_body_bytes)
    app.include_router(router)

    @app.exception_handler(GatewayError)
    async def gateway_error(request: Request, exc: GatewayError) -> Response:
        if not isinstance(exc, ClientError):
            log.warning(
                "request failed", extra={"error": exc.slug, "request_id": _request_id(request)}
            )
        return problem_response(exc, _request_id(request))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors: list[dict[str, str]] = []
        malformed = False
        for err in exc.errors():
            # Never echo `input`: it may be the patient's message.
            loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            errors.append({"field": loc or "body", "message": str(err.get("msg", "invalid"))})
            malformed = malformed or err.get("type") == "json_invalid"
        error: GatewayError
        if malformed:
            error = InvalidRequest("the body is not valid JSON")
        else:
            fields = ", ".join(e["field"] for e in errors)
            error = ValidationFailed(f"invalid field(s): {fields}")
        return problem_response(error, _request_id(request), errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        error: GatewayError
        if exc.status_code == 404:
            error = NotFound("no such route")
        else:
            error = ClientError(str(exc.detail), status=exc.status_code)
        return problem_response(error, _request_id(request))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error(
            "unhandled error",
            extra={"error": type(exc).__name__, "request_id": _request_id(request)},
        )
        return problem_response(
            GatewayError("unexpected error; see the gateway log"), _request_id(request)
        )

    return app
