"""Client for Ollama's ``/api/chat`` (streaming NDJSON), per shared/ollama-contract.md.

Every aiohttp failure is translated here into the gateway's hierarchy (errors.py). The stream
is an async context manager so the upstream request is closed whenever the consumer stops
early — a client disconnect cancels the consumer, which closes the connection, which makes
Ollama stop generating.

Why aiohttp and not httpx: a streamed chat cost ~1.5 ms of CPU with httpx and ~0.3 ms with
aiohttp (measured against the fake Ollama), a large share of the gateway's per-consultation
budget. httpx stays the test and tooling client.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol

import aiohttp

from gateway.errors import (
    DependencyError,
    GatewayError,
    UpstreamProtocolError,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from gateway.settings import Settings
from gateway.thinkfilter import ThinkFilter

Message = Mapping[str, str]
# How long to wait for the end of a body whose `done` line has arrived.
DRAIN_SECONDS = 0.25
# Ollama's chunks are single tokens; a "line" longer than this is not Ollama talking.
MAX_LINE_BYTES = 1 << 20


def new_http_session(connect_timeout: float) -> aiohttp.ClientSession:
    """The connection pool every OllamaClient of a process shares (create it inside the loop)."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=256, limit_per_host=0, keepalive_timeout=30),
        timeout=aiohttp.ClientTimeout(total=None, connect=connect_timeout),
        # Ollama is on the clinic's network: proxy variables meant for the internet do not apply.
        trust_env=False,
        auto_decompress=False,
    )


@dataclass
class ChatResult:
    """What is known once the stream ended with ``done: true``."""

    done_reason: str = "stop"
    prompt_tokens: int = 0
    completion_tokens: int = 0
    raw_chars: int = 0
    dropped_reasoning: bool = False
    time_to_first_token: float | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def _error_text(body: bytes) -> str:
    try:
        message = json.loads(body).get("error", "")
    except (ValueError, AttributeError):
        message = body.decode("utf-8", "replace")
    # Ollama's errors never echo prompts, but keep details bounded anyway.
    return str(message)[:200]


def _status_error(status: int, body: bytes, model: str) -> GatewayError:
    text = _error_text(body)
    if status == 404:
        return UpstreamUnavailable(
            f"model '{model}' is not installed on the Ollama host (create it with `make model`)"
        )
    if status in (429, 503):
        return UpstreamUnavailable(
            f"Ollama is busy ({status}): {text}", headers={"Retry-After": "5"}
        )
    if status == 400:
        return UpstreamProtocolError(f"Ollama rejected the request (400): {text}")
    return UpstreamProtocolError(f"Ollama failed ({status}): {text}")


class ChatStream:
    """One ``/api/chat`` call. Use ``async with`` then iterate ``deltas()``."""

    def __init__(self, client: OllamaClient, body: dict[str, Any]) -> None:
        self._client = client
        self._body = body
        self._response: aiohttp.ClientResponse | None = None
        self._finished = False  # body read to its end: the connection may be reused
        self._deadline = 0.0
        self.result = ChatResult()
        self.raw_text = ""

    async def __aenter__(self) -> ChatStream:
        c = self._client
        self._deadline = time.monotonic() + c.total_timeout
        timeout = aiohttp.ClientTimeout(
            total=None, connect=c.connect_timeout, sock_connect=c.connect_timeout
        )
        first_byte = min(c.first_byte_timeout, c.total_timeout)
        self._started = time.monotonic()
        try:
            async with asyncio.timeout(first_byte):
                self._response = await c.http.post(
                    f"{c.base_url}/api/chat", json=self._body, timeout=timeout
                )
        except aiohttp.ConnectionTimeoutError as exc:
            raise UpstreamTimeout(
                f"could not connect to Ollama within {c.connect_timeout}s"
            ) from exc
        except TimeoutError as exc:
            raise UpstreamTimeout(
                f"Ollama sent no response within {first_byte}s (model load or queue)"
            ) from exc
        except aiohttp.ClientError as exc:
            raise UpstreamUnavailable(f"cannot reach Ollama: {type(exc).__name__}") from exc
        response = self._response
        if response.status != 200:
            try:
                async with asyncio.timeout(c.connect_timeout):
                    body = await response.read()
            except (aiohttp.ClientError, TimeoutError):
                body = b""
            finally:
                response.close()
            raise _status_error(response.status, body, self._body["model"])
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            if self._finished:
                self._response.release()
            else:
                # Closing (not releasing) a half-read body drops the connection, which is how
                # Ollama learns to stop generating.
                self._response.close()

    async def _chunks(self) -> AsyncIterator[bytes]:
        assert self._response is not None
        content = self._response.content
        while True:
            chunk = await content.readany()
            if not chunk:
                self._finished = True
                return
            yield chunk

    async def _raw_lines(self) -> AsyncIterator[str]:
        pending = b""
        async for chunk in self._chunks():
            pending += chunk
            if len(pending) > MAX_LINE_BYTES and b"\n" not in pending:
                raise UpstreamProtocolError("Ollama sent an over-long line")
            *complete, pending = pending.split(b"\n")
            for line in complete:
                yield line.decode("utf-8", "replace")
        if pending:
            yield pending.decode("utf-8", "replace")

    async def _lines(self) -> AsyncIterator[str]:
        lines = self._raw_lines()
        idle = self._client.idle_timeout
        while True:
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise UpstreamTimeout(f"Ollama did not finish within {self._client.total_timeout}s")
            wait = min(idle, remaining)
            try:
                async with asyncio.timeout(wait):
                    line = await anext(lines)
            except StopAsyncIteration:
                return
            except TimeoutError as exc:
                if wait < idle:
                    raise UpstreamTimeout(
                        f"Ollama did not finish within {self._client.total_timeout}s"
                    ) from exc
                raise UpstreamTimeout(f"Ollama stalled: no data for {idle}s") from exc
            except aiohttp.ClientError as exc:
                raise UpstreamProtocolError(
                    f"the Ollama stream broke: {type(exc).__name__}"
                ) from exc
            if line.strip():
                yield line

    async def deltas(self) -> AsyncIterator[str]:
        """Visible answer text, reasoning removed. Raises on any upstream failure."""
        think = ThinkFilter()
        done = False
        lines = self._lines()
        async for line in lines:
            try:
                chunk = json.loads(line)
            except ValueError as exc:
                raise UpstreamProtocolError("Ollama sent a line that is not JSON") from exc
            if not isinstance(chunk, dict):
                raise UpstreamProtocolError("Ollama sent a line that is not a JSON object")
            if "error" in chunk:
                raise UpstreamProtocolError(
                    f"Ollama failed while generating: {str(chunk['error'])[:200]}"
                )
            message = chunk.get("message") or {}
            content = message.get("content") or ""  # `thinking` is never forwarded
            if content:
                self.raw_text += content
                visible = think.feed(content)
                if visible:
                    if self.result.time_to_first_token is None:
                        self.result.time_to_first_token = time.monotonic() - self._started
                    yield visible
            if chunk.get("done"):
                done = True
                # Zero-valued metrics are omitted by Ollama, hence the defaults.
                self.result.done_reason = str(chunk.get("done_reason") or "stop")
                self.result.prompt_tokens = int(chunk.get("prompt_eval_count") or 0)
                self.result.completion_tokens = int(chunk.get("eval_count") or 0)
                break
        if not done:
            raise UpstreamProtocolError("the Ollama stream ended without completing")
        await _drain(lines)
        tail = think.flush()
        self.result.dropped_reasoning = think.dropped_reasoning
        self.result.raw_chars = len(self.raw_text)
        if tail:
            yield tail


async def _drain(lines: AsyncIterator[str]) -> None:
    # `done` is the last line, but until the body's end is read the connection cannot go
    # back to the pool: every call would open a new one (~1 ms of CPU, found by profiling).
    with contextlib.suppress(TimeoutError, DependencyError):
        async with asyncio.timeout(DRAIN_SECONDS):
            async for _ in lines:
                pass


class ChatSession(Protocol):
    """One chat call: ``async with`` it, iterate ``deltas()``, then read ``result``."""

    @property
    def result(self) -> ChatResult: ...

    @property
    def raw_text(self) -> str: ...

    async def __aenter__(self) -> ChatSession: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def deltas(self) -> AsyncIterator[str]: ...


class ChatBackend(Protocol):
    """What the pipeline needs from a model server (one host or a pool of them)."""

    model: str

    def chat(
        self, messages: Sequence[Message], *, num_predict: int | None = None
    ) -> ChatSession: ...


class OllamaClient:
    def __init__(
        self,
        http: aiohttp.ClientSession,
        *,
        base_url: str,
        model: str,
        num_predict: int,
        keep_alive: str,
        connect_timeout: float,
        first_byte_timeout: float,
        idle_timeout: float,
        total_timeout: float,
    ) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.num_predict = num_predict
        self.keep_alive = keep_alive
        self.connect_timeout = connect_timeout
        self.first_byte_timeout = first_byte_timeout
        self.idle_timeout = idle_timeout
        self.total_timeout = total_timeout

    @classmethod
    def from_settings(
        cls, http: aiohttp.ClientSession, settings: Settings, base_url: str
    ) -> OllamaClient:
        s = settings
        return cls(
            http,
            base_url=base_url,
            model=s.ollama_model,
            num_predict=s.ollama_num_predict,
            keep_alive=s.ollama_keep_alive,
            connect_timeout=s.ollama_connect_timeout,
            first_byte_timeout=s.ollama_first_byte_timeout,
            idle_timeout=s.ollama_idle_timeout,
            total_timeout=s.ollama_total_timeout,
        )

    def chat(self, messages: Sequence[Message], *, num_predict: int | None = None) -> ChatStream:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [dict(m) for m in messages],
            "stream": True,
            "keep_alive": self.keep_alive,
            # Never a per-request num_ctx: a value different from the loaded runner's forces a
            # model reload. The context size lives in the Modelfile.
            "options": {"num_predict": num_predict or self.num_predict},
        }
        return ChatStream(self, body)

    async def _get_json(
        self, method: str, path: str, total: float | None = None, **kwargs: Any
    ) -> Any:
        """One JSON request/response, with aiohttp failures translated where they enter."""
        timeout = aiohttp.ClientTimeout(
            total=total or self.connect_timeout, connect=self.connect_timeout
        )
        try:
            async with self.http.request(
                method, f"{self.base_url}{path}", timeout=timeout, **kwargs
            ) as response:
                status, body = response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are TimeoutErrors too
            raise UpstreamTimeout(f"Ollama {path} timed out") from exc
        except aiohttp.ClientError as exc:
            raise UpstreamUnavailable(f"cannot reach Ollama: {type(exc).__name__}") from exc
        if status != 200:
            raise _status_error(status, body, self.model)
        try:
            return json.loads(body)
        except ValueError as exc:
            raise UpstreamProtocolError(f"Ollama {path} returned invalid JSON") from exc

    async def version(self) -> str:
        data = await self._get_json("GET", "/api/version")
        return str(data.get("version", "unknown"))

    async def chat_json(self, messages: Sequence[Message], schema: dict[str, Any]) -> str:
        """A non-streamed chat constrained to ``schema`` (Ollama structured outputs)."""
        body = {
            "model": self.model,
            "messages": [dict(m) for m in messages],
            "stream": False,
            "format": schema,
            "keep_alive": self.keep_alive,
            "options": {"num_predict": self.num_predict, "temperature": 0},
        }
        data = await self._get_json(
            "POST",
            "/api/chat",
            json=body,
            total=self.total_timeout,
        )
        if not isinstance(data, dict) or not data.get("done", False):
            raise UpstreamProtocolError("Ollama's answer did not complete")
        return str((data.get("message") or {}).get("content") or "")

    async def warm_up(self) -> None:
        """An empty chat loads the model so the first patient does not wait for it."""
        await self._get_json(
            "POST",
            "/api/chat",
            json={"model": self.model, "messages": [], "keep_alive": self.keep_alive},
        )

    async def show(self) -> dict[str, Any]:
        data = await self._get_json("POST", "/api/show", json={"model": self.model})
        return data if isinstance(data, dict) else {}
