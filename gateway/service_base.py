"""The consultation service's shared state and helpers: the prepared request, audit records,
history writes, rails, and the SSE framing. ``answering.py`` and ``consultation.py`` build on it."""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from gateway.errors import (
    StoreUnavailable,
)
from gateway.events import EmergencyEvents
from gateway.history import HistoryStore, PatientKeys, PatientLock, Turn
from gateway.locale import Locale, disclaimer
from gateway.metrics import Metrics
from gateway.ollama import ChatBackend, ChatResult
from gateway.prompt import Snippet
from gateway.rails import OutputRails
from gateway.ratelimit import RateLimiter
from gateway.redaction.base import Analyzer
from gateway.redaction.pseudonyms import PlaceholderNumbers
from gateway.retrieval import Retriever
from gateway.schemas import Citation, ConsultationResponse, Triage, Usage
from gateway.settings import Settings
from gateway.triage.base import Triager, TriageResult

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


async def prepend(first: str, rest: AsyncIterator[str]) -> AsyncIterator[str]:
    yield first
    async for item in rest:
        yield item


def sse(event: str, data: object) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event}\ndata: {payload}\n\n".encode()


class ServiceBase:
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

    def answer_with_disclaimer(
        self, p: Prepared, text: str, *, model: str, degraded: bool, usage: Usage | None = None
    ) -> ConsultationResponse:
        """A non-emergency reply: the text, the disclaimer once at the end, the citations."""
        note = self.disclaimer(p.locale)
        return ConsultationResponse(
            id=p.id,
            patient_id=p.patient_id,
            answer=f"{text}\n\n{note}",
            triage=self._triage(p),
            citations=self._citations(p),
            redactions=p.redactions,
            disclaimer=note,
            model=model,
            degraded=degraded,
            usage=usage or Usage(),
        )

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
            unlock = p.lock_token if self.lock is not None else None
            try:
                await self.history.append_pair(p.tenant, p.patient_id, user, reply, unlock=unlock)
            except StoreUnavailable:
                self.metrics.degraded.labels("history_write").inc()
                return False  # the lock is still held: `release` retries it
        p.lock_token = None
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
