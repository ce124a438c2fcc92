"""Several Ollama hosts behind one backend: bounded concurrency, least-loaded routing, failover.

Ollama queues a loaded model's requests without bound, so the gateway keeps its own limit per
host (``GATEWAY_OLLAMA_MAX_CONCURRENCY``, matching ``OLLAMA_NUM_PARALLEL``) and a bounded wait
queue. Each request goes to the healthy host with the fewest requests in flight; a host that
fails before sending anything is marked down for a cool-down and the request is retried on
another host. Once the stream has started nothing is retried (the patient may have seen text).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from types import TracebackType

from gateway.errors import GatewayError, UpstreamTimeout, UpstreamUnavailable
from gateway.metrics import Metrics
from gateway.ollama import ChatResult, ChatStream, Message, OllamaClient


class Host:
    def __init__(self, client: OllamaClient) -> None:
        self.client = client
        self.url = client.base_url
        self.in_flight = 0
        self.down_until = 0.0
        self.failures = 0

    @property
    def healthy(self) -> bool:
        return time.monotonic() >= self.down_until


class OllamaPool:
    def __init__(
        self,
        clients: Sequence[OllamaClient],
        *,
        max_concurrency: int,
        queue_size: int,
        queue_timeout: float,
        cooldown: float,
        metrics: Metrics | None = None,
    ) -> None:
        self.hosts = [Host(c) for c in clients]
        self.model = clients[0].model
        self.max_concurrency = max_concurrency
        self.queue_size = queue_size
        self.queue_timeout = queue_timeout
        self.cooldown = cooldown
        self.metrics = metrics
        self.waiting = 0
        self._changed = asyncio.Condition()

    def _pick(self, exclude: set[Host]) -> Host | None:
        candidates = [
            h for h in self.hosts if h not in exclude and h.in_flight < self.max_concurrency
        ]
        healthy = [h for h in candidates if h.healthy]
        # A host in cool-down is still used when nothing else can take the request.
        pool = healthy or (
            [] if any(h.healthy for h in self.hosts if h not in exclude) else candidates
        )
        return min(pool, key=lambda h: h.in_flight) if pool else None

    def _usable(self, exclude: set[Host]) -> bool:
        return any(h not in exclude for h in self.hosts)

    async def acquire(self, exclude: set[Host]) -> Host:
        async with self._changed:
            host = self._pick(exclude)
            if host is None:
                if self.waiting >= self.queue_size:
                    raise UpstreamUnavailable(
                        f"the model is busy: {self.waiting} requests already waiting",
                        headers={"Retry-After": "10"},
                    )
                self.waiting += 1
                try:
                    deadline = time.monotonic() + self.queue_timeout
                    while host is None:
                        remaining = deadline - time.monotonic()
                        if remaining <= 0:
                            raise UpstreamUnavailable(
                                f"the model is busy: no free slot within {self.queue_timeout:g}s",
                                headers={"Retry-After": "10"},
                            )
                        # asyncio.timeout, not wait_for: wait_for runs wait() in another task,
                        # and a cancelled wait there can return without the lock held
                        # ("Lock is not acquired", seen under load by the benchmark).
                        try:
                            async with asyncio.timeout(remaining):
                                await self._changed.wait()
                        except TimeoutError:
                            continue
                        host = self._pick(exclude)
                finally:
                    self.waiting -= 1
            host.in_flight += 1
            if self.metrics is not None:
                self.metrics.in_flight_by_host.labels(host.url).set(host.in_flight)
            return host

    async def release(self, host: Host) -> None:
        async with self._changed:
            host.in_flight -= 1
            if self.metrics is not None:
                self.metrics.in_flight_by_host.labels(host.url).set(host.in_flight)
            self._changed.notify_all()

    def mark_down(self, host: Host) -> None:
        host.failures += 1
        host.down_until = time.monotonic() + self.cooldown

    def mark_up(self, host: Host) -> None:
        host.failures = 0
        host.down_until = 0.0

    def chat(self, messages: Sequence[Message], *, num_predict: int | None = None) -> PooledChat:
        return PooledChat(self, messages, num_predict)


class PooledChat:
    """Same interface as ChatStream, with host choice, slot and failover around it."""

    def __init__(self, pool: OllamaPool, messages: Sequence[Message], num_predict: int | None):
        self._pool = pool
        self._messages = messages
        self._num_predict = num_predict
        self._host: Host | None = None
        self._stream: ChatStream | None = None

    async def __aenter__(self) -> PooledChat:
        tried: set[Host] = set()
        last: GatewayError | None = None
        while self._pool._usable(tried):
            host = await self._pool.acquire(tried)
            stream = host.client.chat(self._messages, num_predict=self._num_predict)
            try:
                await stream.__aenter__()
            except (UpstreamUnavailable, UpstreamTimeout) as exc:
                # Nothing reached the patient yet: try the next host.
                await self._pool.release(host)
                self._pool.mark_down(host)
                tried.add(host)
                last = exc
                continue
            except BaseException:
                await self._pool.release(host)
                raise
            self._pool.mark_up(host)
            self._host, self._stream = host, stream
            return self
        assert last is not None
        raise last

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._stream is not None:
                await self._stream.__aexit__(exc_type, exc, tb)
        finally:
            if self._host is not None:
                await self._pool.release(self._host)
                self._host = None

    def deltas(self) -> AsyncIterator[str]:
        assert self._stream is not None
        return self._stream.deltas()

    @property
    def result(self) -> ChatResult:
        assert self._stream is not None
        return self._stream.result

    @property
    def raw_text(self) -> str:
        assert self._stream is not None
        return self._stream.raw_text
