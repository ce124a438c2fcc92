"""Answering a prepared consultation: from the model (whole or streamed), from the emergency
guidance, or from the knowledge base when the model is unavailable."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator

from gateway.errors import (
    GatewayError,
    StoreUnavailable,
    UpstreamProtocolError,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from gateway.prompt import knowledge_answer
from gateway.redaction.pseudonyms import StreamRestorer, restore
from gateway.schemas import (
    ConsultationResponse,
    Usage,
)
from gateway.service_base import Prepared, ServiceBase, prepend, sse
from gateway.thinkfilter import strip_think
from gateway.triage.guidance import EmergencyNumbers, emergency_guidance

log = logging.getLogger("gateway.consultation")


class Answering(ServiceBase):
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
        text = knowledge_answer(p.locale, p.snippets)
        return self.answer_with_disclaimer(p, text, model="gateway-knowledge", degraded=True)

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
        return self.answer_with_disclaimer(
            p,
            shown,
            model=self.backend.model,
            degraded=bool(degraded),
            usage=Usage(
                prompt_tokens=result.prompt_tokens, completion_tokens=result.completion_tokens
            ),
        )

    # -- output rails -----------------------------------------------------------------------

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
                async for chunk in prepend(first, deltas):
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
