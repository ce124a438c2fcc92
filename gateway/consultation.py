"""The consultation pipeline: normalize → redact → triage → retrieve → context → model → rails.

``prepare`` runs every stage that happens before the model; ``complete`` and ``stream`` then
talk to the model. Nothing is written to Redis until an answer has completed.
"""

from __future__ import annotations

import asyncio
import uuid

from gateway.answering import Answering
from gateway.errors import (
    RateLimited,
    RedactionFailed,
    StoreUnavailable,
)
from gateway.history import Turn
from gateway.injection import looks_like_injection, neutralize
from gateway.locale import Locale, detect_locale
from gateway.normalize import normalize_text
from gateway.prompt import Snippet, build_messages
from gateway.ratelimit import Decision, Limit
from gateway.redaction.base import Entity
from gateway.redaction.placeholders import replace_entities
from gateway.schemas import (
    ConsultationRequest,
)
from gateway.service_base import Prepared
from gateway.tokens import estimate_messages, estimate_tokens

FOLLOW_UP_TOKENS = 12


def stands_alone(text: str) -> bool:
    return estimate_tokens(text) >= FOLLOW_UP_TOKENS


def retrieval_query(text: str, history: list[Turn]) -> str:
    """A short follow-up ("and for children?") is searched together with the last question."""
    if stands_alone(text):
        return text
    previous = next((t.content for t in reversed(history) if t.role == "user"), "")
    return f"{previous} {text}".strip()


class ConsultationService(Answering):
    """The pipeline: prepare (normalize, redact, triage, limits, lock, context, retrieval),
    then answer (``Answering``)."""

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
        # Both windows in one round trip; the patient's in its own hash slot, so erasure
        # removes it with the rest.
        return await self.limiter.hit_many(
            [
                (f"pg:rl:{{key:{tenant}}}", Limit.parse(s.key_rate_limit)),
                (f"{self.keys.tag(tenant, patient_id)}:rl", Limit.parse(s.patient_rate_limit)),
            ]
        )

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
        if triage.source == "safety_net":
            m.triage_safety_net.inc()
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
            # A question that stands alone is searched without the history, so its embedding
            # (the costliest step) runs while the lock and the history are fetched.
            early = self._search_soon(redacted, locale) if stands_alone(redacted) else None
            try:
                # Emergencies never wait for a lock: their turn pair is still written atomically.
                lock_token = await self._lock(tenant, request.patient_id, degraded)
            except BaseException:
                _discard(early)
                raise
            try:
                # The emergency path needs neither knowledge nor context: it answers at once.
                with m.stage("history_read"):
                    try:
                        history = await self.history.load(tenant, request.patient_id)
                    except StoreUnavailable:
                        # Answering without context beats not answering; the flag says so.
                        history = []
                        degraded.append("history")
                with m.stage("retrieve"):  # what is left of it by now
                    snippets = await (
                        early or self._search_soon(retrieval_query(redacted, history), locale)
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
                _discard(early)
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

    def _search_soon(self, query: str, locale: Locale) -> asyncio.Future[list[Snippet]]:
        # Embedding is CPU-bound (~5 ms): off the event loop, so other patients' streams and
        # the emergency path keep moving meanwhile.
        return asyncio.ensure_future(asyncio.to_thread(self.retriever.search, query, locale, 4))

    async def _lock(self, tenant: str, patient_id: str, degraded: list[str]) -> str | None:
        if self.lock is None:
            return None
        try:
            return await self.lock.acquire(tenant, patient_id)
        except StoreUnavailable:
            degraded.append("lock")  # no Redis, no history either: nothing to interleave
            return None


def _discard(search: asyncio.Future[list[Snippet]] | None) -> None:
    """An early search whose request failed: its result (or error) is never wanted."""
    if search is not None:
        search.cancel()
        search.add_done_callback(lambda f: f.cancelled() or f.exception())
