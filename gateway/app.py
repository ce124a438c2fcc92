"""``create_app(settings)``: the app factory. Clients are owned by the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import redis.asyncio as aioredis
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from gateway import __version__
from gateway.admin_api import router as admin_router
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
from gateway.events import AUDIT_KEY, RedisEmergencyEvents
from gateway.history import PatientKeys, PatientLock, RedisHistoryStore
from gateway.knowledge.embedder import Embedder, load_query_embedder
from gateway.knowledge.search import IndexHolder
from gateway.logs import configure_logging
from gateway.metrics import Metrics
from gateway.middleware import GatewayMiddleware
from gateway.ollama import OllamaClient, new_http_session
from gateway.ollama_pool import OllamaPool
from gateway.problems import problem_response
from gateway.ratelimit import RateLimiter
from gateway.redaction.base import Analyzer
from gateway.redaction.engine import default_analyzer
from gateway.redaction.pseudonyms import RedisPlaceholderNumbers
from gateway.redis_guard import RedisGuard
from gateway.retrieval import KnowledgeRetriever
from gateway.settings import ApiKey, Settings
from gateway.summary import SummaryService
from gateway.triage.base import Triager
from gateway.triage.stage import default_triage
from gateway.web import router as web_router

log = logging.getLogger("gateway")


class ConfigError(ValueError):
    """A setting that passed type validation but cannot work (named in the message)."""


@dataclass
class Runtime:
    """Everything the routes need, created by the lifespan and torn down with it."""

    settings: Settings
    keys: KeyRing
    admin_keys: KeyRing
    metrics: Metrics
    redis: aioredis.Redis
    ollama: OllamaPool
    service: ConsultationService
    index: IndexHolder

    def summaries(self) -> SummaryService:
        # Any healthy host will do for a one-off, non-streamed call.
        host = next((h for h in self.ollama.hosts if h.healthy), self.ollama.hosts[0])
        return SummaryService(
            self.service.history,
            host.client,
            context_tokens=self.settings.context_tokens,
            num_predict=self.settings.ollama_num_predict,
        )


_background: set[asyncio.Future[None]] = set()


async def _warm(client: OllamaClient) -> None:
    try:
        await client.warm_up()
    except GatewayError as exc:
        log.warning("model warm-up failed", extra={"error": exc.slug, "upstream": client.base_url})


def _breaker_changed(metrics: Metrics, state: str) -> None:
    metrics.redis_breaker.labels(state).inc()
    log.warning("redis circuit breaker", extra={"event": f"breaker_{state}"})


@cache
def shared_embedder(
    model: str,
    languages: tuple[str, ...],
    backend: str = "onnx-int8",
    encoder_dir: Path = Path("data/encoder"),
    cache_size: int = 0,
) -> Embedder | None:
    """Loaded once per process: several apps (workers, tests) share the weights."""
    try:
        return load_query_embedder(model, languages, backend, encoder_dir, cache_size)
    except Exception as exc:  # the gateway still serves, without dense retrieval
        log.error("embedding model not loaded", extra={"error": type(exc).__name__})
        return None


def _reload_on_sighup(holder: IndexHolder) -> None:
    loop = asyncio.get_running_loop()

    def reload() -> None:
        async def run() -> None:
            try:
                await asyncio.to_thread(holder.reload)
                log.info("knowledge index reloaded", extra={"event": "index_reloaded"})
            except Exception as exc:
                log.error("index reload failed", extra={"error": type(exc).__name__})

        _background.add(task := asyncio.ensure_future(run()))
        task.add_done_callback(_background.discard)

    # Not possible off the main thread (tests, embedded servers): the admin route still works.
    with contextlib.suppress(RuntimeError, ValueError, NotImplementedError):
        loop.add_signal_handler(signal.SIGHUP, reload)


def load_keys(settings: Settings) -> tuple[ApiKey, ...]:
    """Keys from GATEWAY_API_KEYS plus GATEWAY_API_KEYS_FILE (one NAME:KEY per line)."""
    keys = list(settings.api_keys)
    path = settings.api_keys_file
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"GATEWAY_API_KEYS_FILE cannot be read: {path}") from exc
        for n, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    keys.append(ApiKey.from_pair(line))
                except ValueError as exc:
                    raise ConfigError(f"GATEWAY_API_KEYS_FILE line {n}: {exc}") from exc
    return tuple(keys)


def check_settings(settings: Settings) -> None:
    if not load_keys(settings):
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
        http = new_http_session(s.ollama_connect_timeout)
        redis = aioredis.from_url(
            s.redis_url,
            socket_timeout=s.redis_timeout,
            socket_connect_timeout=s.redis_timeout,
            decode_responses=True,
        )
        clients = [OllamaClient.from_settings(http, s, url) for url in s.ollama_urls]
        ollama = OllamaPool(
            clients,
            max_concurrency=s.ollama_max_concurrency,
            queue_size=s.ollama_queue_size,
            queue_timeout=s.ollama_queue_timeout,
            cooldown=s.ollama_host_cooldown,
            metrics=metrics,
        )
        keys = PatientKeys(s.hash_secret.get_secret_value().encode())
        guard = RedisGuard(
            threshold=s.redis_breaker_threshold, cooldown=s.redis_breaker_cooldown_seconds
        )
        guard.on_change = partial(_breaker_changed, metrics)
        holder = IndexHolder(
            s.index_dir,
            shared_embedder(
                s.embedding_model,
                tuple(s.embedding_languages),
                s.embedding_backend,
                s.encoder_dir,
                s.embedding_cache_size,
            ),
        )
        try:
            holder.reload()
            log.info("knowledge index loaded", extra={"event": "index_loaded"})
        except Exception as exc:  # the gateway serves without citations until fixed
            log.warning("knowledge index not loaded", extra={"error": type(exc).__name__})
        service = ConsultationService(
            settings=s,
            backend=ollama,
            history=RedisHistoryStore(
                redis,
                keys,
                ttl_seconds=s.history_ttl_seconds,
                max_turns=s.history_max_turns,
                guard=guard,
            ),
            analyzer=analyzer or default_analyzer(),
            numbers=RedisPlaceholderNumbers(
                redis,
                keys,
                s.hash_secret.get_secret_value().encode(),
                ttl_seconds=s.history_ttl_seconds,
                guard=guard,
            ),
            triager=triager
            or default_triage(s.triage_safety_net, s.triage_safety_net_threshold),
            retriever=KnowledgeRetriever(holder, metrics.observe_stage),
            events=RedisEmergencyEvents(redis, guard=guard),
            keys=keys,
            metrics=metrics,
            limiter=RateLimiter(redis, guard),
            audit=RedisEmergencyEvents(
                redis, guard=guard, key=AUDIT_KEY, max_len=s.audit_max_events
            ),
            lock=PatientLock(
                redis,
                keys,
                ttl_seconds=s.ollama_total_timeout + 30,
                wait_seconds=s.patient_lock_wait_seconds,
                guard=guard,
            ),
        )
        app.state.runtime = Runtime(
            s, KeyRing(load_keys(s)), KeyRing(s.admin_keys), metrics, redis, ollama, service, holder
        )
        _reload_on_sighup(holder)
        for client in clients:
            try:
                version = await client.version()
                log.info("ollama reachable", extra={"upstream": f"{client.base_url} {version}"})
                if s.ollama_warmup:
                    _background.add(task := asyncio.ensure_future(_warm(client)))
                    task.add_done_callback(_background.discard)
            except GatewayError as exc:
                log.warning(
                    "ollama not reachable at start-up",
                    extra={"error": exc.slug, "upstream": client.base_url},
                )
        try:
            yield
        finally:
            await http.close()
            await redis.aclose()

    app = FastAPI(
        title="patient-gateway",
        version=__version__,
        summary="Redaction, triage, retrieval, context and safety rails in front of a local LLM.",
        lifespan=lifespan,
    )
    app.add_middleware(GatewayMiddleware, metrics=metrics, max_body_bytes=settings.max_body_bytes)
    app.include_router(router)
    app.include_router(admin_router)
    app.include_router(web_router)

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
