"""Prometheus metrics. One registry per app so several apps (tests, workers) never collide."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

_FAST = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)
_SLOW = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "gateway_requests_total",
            "HTTP requests by route and status",
            ["route", "status"],
            registry=r,
        )
        self.request_seconds = Histogram(
            "gateway_request_duration_seconds",
            "HTTP request latency",
            ["route"],
            buckets=(*_FAST[:-1], *_SLOW[2:]),
            registry=r,
        )
        self.stage_seconds = Histogram(
            "gateway_stage_duration_seconds",
            "Time spent per pipeline stage",
            ["stage"],
            buckets=_FAST,
            registry=r,
        )
        self.upstream_seconds = Histogram(
            "gateway_upstream_duration_seconds",
            "Ollama call duration (to done)",
            buckets=_SLOW,
            registry=r,
        )
        self.ttft_seconds = Histogram(
            "gateway_upstream_ttft_seconds",
            "Ollama time to first visible token",
            buckets=_SLOW,
            registry=r,
        )
        self.upstream_errors = Counter(
            "gateway_upstream_errors_total", "Ollama failures by kind", ["kind"], registry=r
        )
        self.tokens = Counter(
            "gateway_tokens_total", "Tokens reported by Ollama", ["kind"], registry=r
        )
        self.redactions = Counter(
            "gateway_redactions_total", "Identifiers redacted, by type", ["type"], registry=r
        )
        self.triage = Counter(
            "gateway_triage_total", "Triage outcomes", ["level", "category"], registry=r
        )
        self.triage_safety_net = Counter(
            "gateway_triage_safety_net_total",
            "Emergencies raised by the statistical safety net where no rule matched",
            registry=r,
        )
        self.emergencies = Counter(
            "gateway_emergencies_total",
            "Emergencies answered by the gateway",
            ["category"],
            registry=r,
        )
        self.degraded = Counter(
            "gateway_degraded_total",
            "Answers given with a dependency missing",
            ["reason"],
            registry=r,
        )
        self.history_dropped = Counter(
            "gateway_history_turns_dropped_total",
            "Old turns left out of prompts to fit the context window",
            registry=r,
        )
        self.prompt_mismatch = Counter(
            "gateway_prompt_estimate_mismatch_total",
            "Prompts whose token estimate was far from Ollama's prompt_eval_count",
            registry=r,
        )
        self.context_truncated = Counter(
            "gateway_context_truncated_total",
            "Prompts that reached the context limit (Ollama may have truncated)",
            registry=r,
        )
        self.redis_breaker = Counter(
            "gateway_redis_breaker_transitions_total",
            "Redis circuit breaker state changes",
            ["state"],
            registry=r,
        )
        self.rate_limited = Counter(
            "gateway_rate_limited_total",
            "Requests refused by a rate limit",
            registry=r,
        )
        self.injections = Counter(
            "gateway_prompt_injection_total",
            "Messages that try to override instructions",
            ["lang"],
            registry=r,
        )
        self.rails = Counter(
            "gateway_output_rails_total",
            "Output rails that changed an answer",
            ["rail"],
            registry=r,
        )
        self.in_flight_by_host = Gauge(
            "gateway_upstream_host_in_flight",
            "Ollama calls in progress per host",
            ["host"],
            registry=r,
        )
        self.in_flight = Gauge("gateway_upstream_in_flight", "Ollama calls in progress", registry=r)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds.labels(name).observe(time.perf_counter() - start)

    def observe_stage(self, name: str, seconds: float) -> None:
        self.stage_seconds.labels(name).observe(seconds)
