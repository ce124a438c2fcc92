"""The consultation pipeline: normalize → redact → triage → retrieve → context → model → rails.

``prepare`` runs every stage that happens before the model; ``complete`` and ``stream`` then
talk to the model. Nothing is written to Redis until an answer has completed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from gateway.errors import (
    GatewayError,
    RateLimited,
    RedactionFailed,
    StoreUnavailable,
    UpstreamProtocolError,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from gateway.events import EmergencyEvents
from gateway.history import HistoryStore, PatientKeys, PatientLock, Turn
from gateway.injection import looks_like_injection, neutralize
from gateway.locale import Locale, detect_locale, disclaimer
from gateway.metrics import Metrics
from gateway.normalize import normalize_text
from gateway.ollama import ChatBackend, ChatResult
from gateway.prompt import Snippet, build_messages, knowledge_answer
from gateway.rails import OutputRails
from gateway.ratelimit import Decision, Limit, RateLimiter
from gateway.redaction.base import Analyzer, Entity
from gateway.redaction.placeholders import replace_entities
from gateway.redaction.pseudonyms import PlaceholderNumbers, StreamRestorer, restore
from gateway.retrieval import Retriever
from gateway.schemas import (
    Citation,
    ConsultationRequest,
    ConsultationResponse,
    Triage,
    Usage,
)
from gateway.settings import Settings
from gateway.thinkfilter import strip_think
from gateway.tokens import estimate_messages, estimate_tokens
from gateway.triage.base import Triager, TriageResult
from gateway.triage.guidance import EmergencyNumbers, emergency_guidance

log = logging.getLogger("gateway.consultation")


@dataclass
class Prepared:
    id: str
    tenant: str
    patient_id: str
    locale: Locale
    text: str  # redacted
    redactions: dict[str, int]
    triage: TriageResult
    snippets: list[Snippet]
    messages: list[dict[str, str]]
    degraded: list[str] = field(default_factory=list)
    # placeholder → the patient's raw value; process memory only, never logged or stored.
    restore_map: dict[str, str] = field(default_factory=dict, repr=False)
    lock_token: str | None = None
    prompt_estimate: int = 0
    request_id: str = ""
    started: float = field(default_factory=time.perf_counter)


FOLLOW_UP_TOKENS = 12


def retrieval_query(text: str, history: list[Turn]) -> str:
    """A short follow-up ("and for children?") is searched together with the last question."""
    if estimate_tokens(text) >= FOLLOW_UP_TOKENS:
        return text
    previous = next((t.content for t in reversed(history) if t.role == "user"), "")
    return f"{previous} {text}".strip()


async def _prepend(first: str, rest: AsyncIterator[str]) -> AsyncIterator[str]:
    yield first
    async for item in rest:
        yield item


def sse(event: str, data: object) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event}\ndata: {payload}\n\n".encode()


class ConsultationService:
    def __init__(
        self,
        *,
        settings: Settings,
        backend: ChatBackend,
        history: HistoryStore,
        analyzer: Analyzer,
        numbers: PlaceholderNumbers,
        triager: Triager,
        retriever: Retriever,
        events: EmergencyEvents,
        keys: PatientKeys,
        metrics: Metrics,
        lock: PatientLock | None = None,
        limiter: RateLimiter | None = None,
        audit: EmergencyEvents | None = None,
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.history = history
        self.analyzer = analyzer
        self.numbers = numbers
        self.triager = triager
        self.retriever = retriever
        self.events = events
        self.keys = keys
        self.lock = lock
        self.limiter = limiter
        self.audit_log = audit
        self.metrics = metrics

    # -- before the model -------------------------------------------------------------------

    def _analyze(self, text: str) -> list[Entity]:
        try:
            return self.analyzer.analyze(text)
        except Exception as exc:
            # Fail closed: without a trustworthy redaction nothing may be forwarded or stored.
            raise RedactionFailed("the message could not be redacted") from exc

    async def _redact(
        self, tenant: str, patient_id: str, text: str, degraded: list[str]
    ) -> tuple[str, dict[str, str], dict[str, int]]:
        with self.metrics.stage("redact"):
            entities = self._analyze(text)
        number_for = None
        if entities:
            with self.metrics.stage("placeholders"):
                try:
                    numbers = await self.numbers.assign(tenant, patient_id, entities)
                    by_span = {(e.start, e.end): n for e, n in zip(entities, numbers, strict=True)}
                    number_for = lambda e: by_span[(e.start, e.end)]  # noqa: E731
                except StoreUnavailable:
                    # Still fully redacted; only the cross-turn numbering is lost.
                    degraded.append("placeholders")
        try:
            return replace_entities(text, entities, number_for)
        except Exception as exc:
            raise RedactionFailed("the message could not be redacted") from exc

    async def check_limits(self, tenant: str, patient_id: str) -> list[Decision]:
        if self.limiter is None:
            return []
        s = self.settings
        # Both windows at once: two Redis round trips in the time of one.
        by_key, by_patient = await asyncio.gather(
            self.limiter.hit(f"pg:rl:{{key:{tenant}}}", Limit.parse(s.key_rate_limit)),
            # In the patient's own hash slot, so erasure removes it with the rest.
            self.limiter.hit(
                f"{self.keys.tag(tenant, patient_id)}:rl", Limit.parse(s.patient_rate_limit)
            ),
        )
        return [by_key, by_patient]

    async def prepare(
        self,
        tenant: str,
        request: ConsultationRequest,
        limits: list[Decision] | None = None,
        request_id: str = "",
    ) -> Prepared:
        m = self.metrics
        with m.stage("normalize"):
            text = neutralize(normalize_text(request.message))
        degraded: list[str] = []
        redacted, restore_map, counts = await self._redact(
            tenant, request.patient_id, text, degraded
        )
        for kind, n in counts.items():
            m.redactions.labels(kind).inc(n)
        locale: Locale = request.locale or detect_locale(redacted)
        if looks_like_injection(redacted):
            # Counted, never obeyed: the text stays a delimited user turn.
            m.injections.labels(locale).inc()
        with m.stage("triage"):
            triage = self.triager.assess(redacted)
        m.triage.labels(triage.level, triage.category or "none").inc()
        denied = [d for d in (limits or []) if not d.allowed]
        if denied and triage.level != "emergency":
            # Over the limit, but an emergency is still answered (below): never rate-limited away.
            worst = max(denied, key=lambda d: d.reset_seconds)
            m.rate_limited.inc()
            raise RateLimited(
                f"more than {worst.limit} requests; retry in {int(worst.reset_seconds) + 1}s",
                headers=worst.headers(),
            )
        snippets: list[Snippet] = []
        messages: list[dict[str, str]] = []
        lock_token: str | None = None
        estimate = 0
        if triage.level != "emergency":
            # Emergencies never wait for a lock: their turn pair is still written atomically.
            lock_token = await self._lock(tenant, request.patient_id, degraded)
            try:
                # The emergency path needs neither knowledge nor context: it answers at once.
                with m.stage("history_read"):
                    try:
                        history = await self.history.load(tenant, request.patient_id)
                    except StoreUnavailable:
                        # Answering without context beats not answering; the flag says so.
                        history = []
                        degraded.append("history")
                with m.stage("retrieve"):
                    # Embedding a query is ~20 ms of CPU: off the event loop, so other patients'
                    # streams and the emergency path keep moving meanwhile.
                    snippets = await asyncio.to_thread(
                        self.retriever.search, retrieval_query(redacted, history), locale, 4
                    )
                s = self.settings
                budget = s.context_tokens - s.ollama_num_predict - 64
                messages, dropped = build_messages(
                    locale,
                    snippets,
                    history,
                    redacted,
                    urgent=triage.level == "urgent",
                    budget=budget,
                    profile=request.department,
                )
            except BaseException:
                await self._unlock(tenant, request.patient_id, lock_token)
                raise
            if dropped:
                m.history_dropped.inc(dropped)
            estimate = estimate_messages(messages)
        for reason in degraded:
            m.degraded.labels(reason).inc()
        return Prepared(
            id=f"c_{uuid.uuid4().hex}",
            tenant=tenant,
            patient_id=request.patient_id,
            locale=locale,
            text=redacted,
            redactions=counts,
            triage=triage,
            snippets=snippets,
            messages=messages,
            degraded=degraded,
            restore_map=restore_map if self.settings.restore_placeholders else {},
            lock_token=lock_token,
            prompt_estimate=estimate,
            request_id=request_id,
        )

    async def _lock(self, tenant: str, patient_id: str, degraded: list[str]) -> str | None:
        if self.lock is None:
            return None
        try:
            return await self.lock.acquire(tenant, patient_id)
        except StoreUnavailable:
            degraded.append("lock")  # no Redis, no history either: nothing to interleave
            return None

    async def _unlock(self, tenant: str, patient_id: str, token: str | None) -> None:
        if self.lock is None or token is None:
            return
        await self.lock.release(tenant, patient_id, token)

    async def release(self, p: Prepared) -> None:
        await self._unlock(p.tenant, p.patient_id, p.lock_token)
        p.lock_token = None

    # -- shared pieces ----------------------------------------------------------------------

    async def audit(
        self,
        p: Prepared,
        outcome: str,
        *,
        rails: list[str] | None = None,
        degraded: list[str] | None = None,
        model: str = "",
    ) -> None:
        """One audit record per consultation: ids, levels, counts, timings — no text, no PHI."""
        if self.audit_log is None:
            return
        record = {
            "request_id": p.request_id,
            "consultation_id": p.id,
            "tenant": p.tenant,
            "patient_ref": self.patient_ref(p.tenant, p.patient_id),
            "level": p.triage.level,
            "category": p.triage.category or "",
            "redactions": p.redactions,
            "rails": rails or [],
            "degraded": degraded or p.degraded,
            "outcome": outcome,
            "model": model,
            "latency_ms": round((time.perf_counter() - p.started) * 1000, 1),
        }
        with contextlib.suppress(StoreUnavailable):  # the answer matters more than the record
            await self.audit_log.publish(record)

    def patient_ref(self, tenant: str, patient_id: str) -> str:
        return self.keys.patient_ref(tenant, patient_id)

    def disclaimer(self, locale: Locale) -> str:
        s = self.settings
        return disclaimer(
            locale, s.emergency_number_zh if locale == "zh" else s.emergency_number_en
        )

    def _triage(self, p: Prepared) -> Triage:
        return Triage(level=p.triage.level, category=p.triage.category, reasons=p.triage.reasons)

    def _citations(self, p: Prepared) -> list[Citation]:
        return [
            Citation(id=s.id, title=s.title, source=s.source, score=round(s.score, 4))
            for s in p.snippets
        ]

    def meta(self, p: Prepared) -> dict[str, object]:
        return {
            "id": p.id,
            "patient_id": p.patient_id,
            "triage": self._triage(p).model_dump(),
            "citations": [c.model_dump() for c in self._citations(p)],
            "redactions": p.redactions,
        }

    async def _store(self, p: Prepared, answer: str) -> bool:
        now = time.time()
        user = Turn("user", p.text, now, p.triage.level, p.triage.category)
        reply = Turn("assistant", answer, now, p.triage.level)
        with self.metrics.stage("history_write"):
            try:
                await self.history.append_pair(p.tenant, p.patient_id, user, reply)
            except StoreUnavailable:
                self.metrics.degraded.labels("history_write").inc()
                return False
        return True

    def _observe(self, result: ChatResult, started: float, estimate: int = 0) -> None:
        m = self.metrics
        if estimate and result.prompt_tokens:
            # Ollama reports what it evaluated; far from our estimate means the estimate (and so
            # the trimming) is off, and a count at the context limit means it truncated.
            ratio = result.prompt_tokens / estimate
            if ratio > 1.25 or ratio < 0.5:
                m.prompt_mismatch.inc()
            if (
                result.prompt_tokens
                >= self.settings.context_tokens - self.settings.ollama_num_predict
            ):
                m.context_truncated.inc()
        m.upstream_seconds.observe(time.perf_counter() - started)
        if result.time_to_first_token is not None:
            m.ttft_seconds.observe(result.time_to_first_token)
        m.tokens.labels("prompt").inc(result.prompt_tokens)
        m.tokens.labels("completion").inc(result.completion_tokens)

    # -- emergencies ------------------------------------------------------------------------

    def _guidance(self, p: Prepared) -> str:
        s = self.settings
        numbers = EmergencyNumbers(
            emergency=s.emergency_number_zh if p.locale == "zh" else s.emergency_number_en,
            crisis=s.crisis_line_zh if p.locale == "zh" else s.crisis_line_en,
        )
        return emergency_guidance(p.locale, p.triage.category, numbers)

    async def _record_emergency(self, p: Prepared, guidance: str) -> list[str]:
        """Tells the clinic and keeps the turn; neither failure may delay or block the answer."""
        degraded: list[str] = []
        self.metrics.emergencies.labels(p.triage.category or "unknown").inc()
        event = {
            "consultation_id": p.id,
            "tenant": p.tenant,
            "patient_ref": self.patient_ref(p.tenant, p.patient_id),
            "category": p.triage.category or "",
            "level": p.triage.level,
            "reasons": p.triage.reasons,
            "locale": p.locale,
            "text": p.text,
        }
        with self.metrics.stage("event_write"):
            try:
                await self.events.publish(event)
            except StoreUnavailable:
                self.metrics.degraded.labels("emergency_event").inc()
                log.error(
                    "emergency event not recorded",
                    extra={"event": "emergency", "category": event["category"]},
                )
                degraded.append("emergency_event")
        if not await self._store(p, guidance):
            degraded.append("history_write")
        return degraded

    async def emergency(self, p: Prepared) -> ConsultationResponse:
        guidance = self._guidance(p)
        degraded = p.degraded + await self._record_emergency(p, guidance)
        await self.audit(p, "emergency_guidance", degraded=degraded, model="gateway-triage")
        return ConsultationResponse(
            id=p.id,
            patient_id=p.patient_id,
            answer=guidance,
            triage=self._triage(p),
            citations=[],
            redactions=p.redactions,
            disclaimer="",
            model="gateway-triage",
            degraded=bool(degraded),
            usage=Usage(),
        )

    async def emergency_stream(self, p: Prepared) -> AsyncIterator[bytes]:
        return self._single_answer(p, await self.emergency(p))

    def _single_answer(self, p: Prepared, result: ConsultationResponse) -> AsyncIterator[bytes]:
        """A gateway-made answer (emergency guidance, knowledge fallback) as one SSE exchange."""

        async def events() -> AsyncIterator[bytes]:
            yield sse("meta", self.meta(p))
            yield sse("delta", {"text": result.answer})
            done = {
                "disclaimer": result.disclaimer,
                "usage": result.usage.model_dump(),
                "degraded": result.degraded,
                "model": result.model,
            }
            yield sse("done", done)

        return events()

    # -- answer from knowledge when the model is unavailable ----------------------------------

    def _fallback(self, p: Prepared, exc: GatewayError) -> ConsultationResponse:
        """Quotes the best snippets when Ollama is down, busy or silent; else re-raises."""
        if not p.snippets:
            # Same status as the failure itself (503 down/busy, 504 timeout), plus a hint.
            raise type(exc)(
                f"{exc.detail}; no clinic document matches this question",
                headers={**exc.headers, "Retry-After": exc.headers.get("Retry-After", "30")},
            ) from exc
        self.metrics.degraded.labels("knowledge_fallback").inc()
        note = self.disclaimer(p.locale)
        text = knowledge_answer(p.locale, p.snippets)
        return ConsultationResponse(
            id=p.id,
            patient_id=p.patient_id,
            answer=f"{text}\n\n{note}",
            triage=self._triage(p),
            citations=self._citations(p),
            redactions=p.redactions,
            disclaimer=note,
            model="gateway-knowledge",
            degraded=True,
            usage=Usage(),
        )

    async def _fallback_stream(self, p: Prepared, exc: GatewayError) -> AsyncIterator[bytes]:
        result = self._fallback(p, exc)
        await self._store(p, knowledge_answer(p.locale, p.snippets))
        await self.audit(
            p, "knowledge_fallback", degraded=[*p.degraded, "model"], model=result.model
        )
        return self._single_answer(p, result)

    # -- non-streaming ----------------------------------------------------------------------

    async def complete(self, p: Prepared) -> ConsultationResponse:
        try:
            return await self._complete(p)
        finally:
            await self.release(p)

    async def _complete(self, p: Prepared) -> ConsultationResponse:
        if p.triage.level == "emergency":
            return await self.emergency(p)
        started = time.perf_counter()
        self.metrics.in_flight.inc()
        got_text = False
        try:
            async with self.backend.chat(p.messages) as chat:
                async for _ in chat.deltas():
                    got_text = True
                result = chat.result
                # With the whole text known, an orphan </think> can drop what preceded it.
                whole = strip_think(chat.raw_text)
        except GatewayError as exc:
            self.metrics.upstream_errors.labels(exc.slug).inc()
            if not got_text and isinstance(exc, UpstreamUnavailable | UpstreamTimeout):
                fallback = self._fallback(p, exc)
                await self._store(p, knowledge_answer(p.locale, p.snippets))
                await self.audit(
                    p, "knowledge_fallback", degraded=[*p.degraded, "model"], model=fallback.model
                )
                return fallback
            await self.audit(p, f"failed:{exc.slug}")
            raise
        finally:
            self.metrics.in_flight.dec()
        self._observe(result, started, p.prompt_estimate)
        if not whole.strip():
            self.metrics.upstream_errors.labels("empty-answer").inc()
            raise UpstreamProtocolError("the model returned an empty answer")
        rails = self._rails(p)
        answer = rails.apply(whole.strip()).strip()
        self._after_rails(p, rails)
        degraded = list(p.degraded)
        if not await self._store(p, answer):
            degraded.append("history_write")
        await self.audit(
            p, "answered", rails=rails.report.triggered, degraded=degraded, model=self.backend.model
        )
        note = self.disclaimer(p.locale)
        shown = restore(answer, p.restore_map)
        if note in shown:  # the disclaimer appears exactly once
            shown = shown.replace(note, "").strip()
        return ConsultationResponse(
            id=p.id,
            patient_id=p.patient_id,
            answer=f"{shown}\n\n{note}",
            triage=self._triage(p),
            citations=self._citations(p),
            redactions=p.redactions,
            disclaimer=note,
            model=self.backend.model,
            degraded=bool(degraded),
            usage=Usage(
                prompt_tokens=result.prompt_tokens, completion_tokens=result.completion_tokens
            ),
        )

    # -- output rails -----------------------------------------------------------------------

    def _rails(self, p: Prepared) -> OutputRails:
        return OutputRails(
            p.locale, self.analyzer, [s.text for s in p.snippets], set(p.restore_map.values())
        )

    def _after_rails(self, p: Prepared, rails: OutputRails) -> None:
        for rail in rails.report.triggered:
            self.metrics.rails.labels(rail).inc()
        if rails.report.emergency_advice and p.triage.level != "emergency":
            # The model says "go to the emergency department": the level follows the advice.
            p.triage = TriageResult(
                "emergency",
                p.triage.category,
                [*p.triage.reasons, "the answer advises emergency care"],
            )
            self.metrics.rails.labels("red_flag_in_answer").inc()

    # -- streaming --------------------------------------------------------------------------

    async def stream(self, p: Prepared) -> AsyncIterator[bytes]:
        """Opens the upstream and waits for the first visible token *before* returning.

        Failures up to that point raise (and become problem+json with a real status); after
        it they become a final ``error`` event.
        """
        if p.triage.level == "emergency":
            return await self.emergency_stream(p)
        try:
            return await self._stream(p)
        except BaseException:
            await self.release(p)
            raise

    async def _stream(self, p: Prepared) -> AsyncIterator[bytes]:
        started = time.perf_counter()
        chat_cm = self.backend.chat(p.messages)
        self.metrics.in_flight.inc()
        try:
            chat = await chat_cm.__aenter__()
            deltas = chat.deltas()
            try:
                first = await anext(deltas)
            except StopAsyncIteration:
                raise UpstreamProtocolError("the model returned an empty answer") from None
        except BaseException as exc:
            self.metrics.in_flight.dec()
            if isinstance(exc, GatewayError):
                self.metrics.upstream_errors.labels(exc.slug).inc()
            await chat_cm.__aexit__(type(exc), exc, exc.__traceback__)
            if isinstance(exc, UpstreamUnavailable | UpstreamTimeout):
                fallback = await self._fallback_stream(p, exc)
                await self.release(p)
                return fallback
            raise

        async def events() -> AsyncIterator[bytes]:
            parts: list[str] = []  # railed text, placeholders kept (for history)
            rails = self._rails(p)
            restorer = StreamRestorer(p.restore_map)
            try:
                yield sse("meta", self.meta(p))
                async for chunk in _prepend(first, deltas):
                    # Rails first (on placeholder text), then the patient's values go back in.
                    safe = rails.feed(chunk)
                    parts.append(safe)
                    shown = restorer.feed(safe)
                    if shown:
                        yield sse("delta", {"text": shown})
                safe = rails.flush()
                parts.append(safe)
                tail = restorer.feed(safe) + restorer.flush()
                if tail:
                    yield sse("delta", {"text": tail})
                self._after_rails(p, rails)
                result = chat.result
                self._observe(result, started, p.prompt_estimate)
                degraded = list(p.degraded)
                if not await self._store(p, "".join(parts).strip()):
                    degraded.append("history_write")
                await self.audit(
                    p,
                    "answered",
                    rails=rails.report.triggered,
                    degraded=degraded,
                    model=self.backend.model,
                )
                note = self.disclaimer(p.locale)
                yield sse("delta", {"text": f"\n\n{note}"})
                yield sse(
                    "done",
                    {
                        "disclaimer": note,
                        "usage": {
                            "prompt_tokens": result.prompt_tokens,
                            "completion_tokens": result.completion_tokens,
                        },
                        "degraded": bool(degraded),
                        "model": self.backend.model,
                        "triage": self._triage(p).model_dump(),
                        "rails": rails.report.triggered,
                    },
                )
            except GatewayError as exc:
                self.metrics.upstream_errors.labels(exc.slug).inc()
                await self.audit(p, f"failed:{exc.slug}")
                yield sse(
                    "error",
                    {
                        "type": exc.type_uri,
                        "title": exc.title,
                        "status": exc.status,
                        "detail": exc.detail,
                    },
                )
            finally:
                self.metrics.in_flight.dec()
                await chat_cm.__aexit__(None, None, None)
                await self.release(p)

        return events()
