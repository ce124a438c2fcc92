"""A fake Ollama server speaking the documented HTTP API (shared/ollama-contract.md).

It is a real HTTP server on loopback (Starlette on uvicorn, in a background thread), so the
gateway's httpx client, timeouts and disconnect handling are exercised for real. Tests queue
``Reply`` scripts; with an empty queue it answers a short sentence in the language of the
last user message. Every request body is recorded.

Run standalone (benchmarks, manual checks):
    python -m tests.fake_ollama --port 11434 --ttft 0.2 --token-delay 0.02
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.servers import ThreadedServer

_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Reply:
    """One scripted answer to one /api/chat call."""

    content: list[str] | None = None  # None = default sentence in the patient's language
    thinking: list[str] = field(default_factory=list)  # sent before content, in `thinking`
    status: int = 200  # != 200: fail before the first byte with {"error": error}
    error: str = "model runner has unexpectedly stopped"
    error_after: int | None = None  # {"error"} line after N content chunks, no done
    eof_after: int | None = None  # connection ends after N content chunks, no done
    hang_after: int | None = None  # stop sending after N chunks until the client leaves
    done_reason: str = "stop"
    prompt_eval_count: int = 42
    eval_count: int = 0  # 0 = computed from the chunks; omitted when it ends up 0
    first_byte_delay: float | None = None
    chunk_delay: float | None = None
    echo: bool = False  # answer with the patient's own message (ordering tests)


# What a "fault:<kind>" marker does (the soak run's injected Ollama failures).
FAULTS: dict[str, dict[str, Any]] = {
    "busy": {"status": 503, "error": "server busy, please try again"},
    "error": {"error_after": 1},
    "eof": {"eof_after": 1},
    "hang": {"hang_after": 1},
}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _line(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode()


def default_content(messages: list[dict[str, Any]], words: int) -> list[str]:
    last = next((m for m in reversed(messages) if m.get("role") == "user"), {})
    if _HAN.search(str(last.get("content", ""))):
        base = ["这是", "测试", "回答", "：", "请", "多", "喝水", "，", "注意", "休息", "。"]
    else:
        base = [
            "This",
            " is",
            " a",
            " test",
            " answer",
            ":",
            " drink",
            " fluids",
            " and",
            " rest",
            ".",
        ]
    if words <= len(base):
        return base[:words] if words > 0 else base
    filler = [" ok"] * (words - len(base))
    return base[:-1] + filler + base[-1:]


class FakeOllama:
    def __init__(
        self,
        *,
        models: tuple[str, ...] = ("qwen3-4b-clinic",),
        version: str = "0.33.0",
        first_byte_delay: float = 0.0,
        chunk_delay: float = 0.0,
        words: int = 0,
        echo: bool = False,
        faults_from_messages: bool = False,
    ) -> None:
        # Unscripted calls echo the patient's message (lets a load generator check histories).
        self.echo = echo
        # A marker such as "fault:hang" in the patient's message picks a failure (soak runs).
        self.faults_from_messages = faults_from_messages
        self.models = {m.removesuffix(":latest") for m in models}
        self.version = version
        self.first_byte_delay = first_byte_delay
        self.chunk_delay = chunk_delay
        self.words = words
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []  # {"path", "body"}
        self.completed = 0
        self.cancelled = 0
        self.loads = 0
        self.active = 0
        self.max_active = 0
        self._epoch = 0
        self._lock = threading.Lock()
        self._server: ThreadedServer | None = None
        self.url = ""
        self.app = Starlette(
            routes=[
                Route("/", self.root, methods=["GET", "HEAD"]),
                Route("/api/version", self.api_version, methods=["GET", "HEAD"]),
                Route("/api/tags", self.tags, methods=["GET", "HEAD"]),
                Route("/api/show", self.show, methods=["POST"]),
                Route("/api/chat", self.chat, methods=["POST"]),
            ]
        )

    # -- scripting --------------------------------------------------------------------------

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def chat_requests(self) -> list[dict[str, Any]]:
        """Chat requests that asked for an answer (model loads are not counted)."""
        return [r["body"] for r in self.requests
                if r["path"] == "/api/chat" and r["body"].get("messages")]

    def reset(self) -> None:
        self.replies.clear()
        self.requests.clear()
        self.completed = self.cancelled = 0
        with self._lock:
            # Streams a previous test left running (hangs, slow replies) no longer count.
            self._epoch += 1
            self.active = self.max_active = 0

    # -- endpoints --------------------------------------------------------------------------

    async def root(self, request: Request) -> Response:
        return PlainTextResponse("Ollama is running")

    async def api_version(self, request: Request) -> Response:
        return JSONResponse({"version": self.version})

    async def tags(self, request: Request) -> Response:
        models = [
            {
                "name": f"{m}:latest",
                "model": f"{m}:latest",
                "modified_at": _now(),
                "size": 2497280256,
                "digest": "0" * 64,
                "details": {
                    "format": "gguf",
                    "family": "qwen3",
                    "parameter_size": "4.0B",
                    "quantization_level": "Q4_K_M",
                },
            }
            for m in sorted(self.models)
        ]
        return JSONResponse({"models": models})

    async def _json(self, request: Request) -> dict[str, Any] | Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "invalid character in JSON body"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "invalid request"}, status_code=400)
        peer = request.client.port if request.client else None  # which connection it came on
        self.requests.append({"path": request.url.path, "body": body, "peer": peer})
        return body

    def _unscripted(self, body: dict[str, Any]) -> Reply:
        reply = Reply(echo=self.echo)
        if self.faults_from_messages:
            messages = body.get("messages") or [{}]
            marker = re.search(r"fault:(\w+)", str(messages[-1].get("content", "")))
            kind = marker.group(1) if marker else ""
            if kind in FAULTS:
                reply = replace(reply, **FAULTS[kind])
        return reply

    async def show(self, request: Request) -> Response:
        body = await self._json(request)
        if isinstance(body, Response):
            return body
        name = str(body.get("model") or body.get("name") or "")
        if not name:
            return JSONResponse({"error": "model is required"}, status_code=400)
        if name.removesuffix(":latest") not in self.models:
            return JSONResponse({"error": f"model '{name}' not found"}, status_code=404)
        return JSONResponse(
            {
                "modelfile": "FROM /models/qwen3-4b-instruct-2507-q4_k_m.gguf",
                "parameters": 'num_ctx 8192\nstop "<|im_end|>"',
                "template": "{{ .System }}",
                "details": {"format": "gguf", "family": "qwen3", "quantization_level": "Q4_K_M"},
                "model_info": {"qwen3.context_length": 262144},
                "capabilities": ["completion"],
                "modified_at": _now(),
            }
        )

    async def chat(self, request: Request) -> Response:
        body = await self._json(request)
        if isinstance(body, Response):
            return body
        model = str(body.get("model") or "")
        if not model:
            return JSONResponse({"error": "model is required"}, status_code=400)
        if not body.get("messages"):
            # Ollama: empty messages load the model and answer one object, even when streaming.
            self.loads += 1
            return JSONResponse({
                "model": model, "created_at": _now(),
                "message": {"role": "assistant", "content": ""},
                "done": True, "done_reason": "load",
            })
        reply = self.replies.popleft() if self.replies else self._unscripted(body)
        delay = reply.first_byte_delay
        await asyncio.sleep(self.first_byte_delay if delay is None else delay)
        if model.removesuffix(":latest") not in self.models:
            return JSONResponse({"error": f"model '{model}' not found"}, status_code=404)
        if reply.status != 200:
            return JSONResponse({"error": reply.error}, status_code=reply.status)
        messages = body.get("messages") or []
        if reply.echo:
            last = str(messages[-1].get("content", "")) if messages else ""
            inner = last.split("<patient_message>\n")[-1].split("\n</patient_message>")[0]
            # Two chunks, so that a failure "after the first chunk" can hit an echo too.
            content = ["echo: ", inner]
        elif reply.content is not None:
            content = reply.content
        else:
            content = default_content(messages, self.words)
        gap = self.chunk_delay if reply.chunk_delay is None else reply.chunk_delay
        if body.get("stream", True) is False:
            return await self._whole(model, reply, content, gap)
        return StreamingResponse(
            self._stream(model, reply, content, gap), media_type="application/x-ndjson"
        )

    def _final(self, model: str, reply: Reply, content: list[str]) -> dict[str, Any]:
        final: dict[str, Any] = {
            "model": model,
            "created_at": _now(),
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": reply.done_reason,
            "total_duration": 2143000000,
            "load_duration": 41000000,
        }
        evals = reply.eval_count or len(content) + len(reply.thinking)
        # Ollama omits zero-valued metrics.
        if reply.prompt_eval_count:
            final["prompt_eval_count"] = reply.prompt_eval_count
            final["prompt_eval_duration"] = 120000000
        if evals:
            final["eval_count"] = evals
            final["eval_duration"] = 1900000000
        return final

    async def _whole(self, model: str, reply: Reply, content: list[str], gap: float) -> Response:
        await asyncio.sleep(gap * len(content))
        final = self._final(model, reply, content)
        final["message"] = {"role": "assistant", "content": "".join(content)}
        if reply.thinking:
            final["message"]["thinking"] = "".join(reply.thinking)
        self.completed += 1
        return JSONResponse(final)

    async def _stream(
        self, model: str, reply: Reply, content: list[str], gap: float
    ) -> AsyncIterator[bytes]:
        finished = False
        with self._lock:
            epoch = self._epoch
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            for text in reply.thinking:
                yield _line(
                    {
                        "model": model,
                        "created_at": _now(),
                        "message": {"role": "assistant", "content": "", "thinking": text},
                        "done": False,
                    }
                )
                if gap:
                    await asyncio.sleep(gap)
            for n, text in enumerate(content):
                if reply.error_after is not None and n == reply.error_after:
                    yield _line(
                        {
                            "error": f"an error was encountered while running the model: "
                            f"{reply.error}"
                        }
                    )
                    finished = True
                    return
                if reply.eof_after is not None and n == reply.eof_after:
                    finished = True
                    return
                if reply.hang_after is not None and n == reply.hang_after:
                    await asyncio.sleep(3600)
                yield _line(
                    {
                        "model": model,
                        "created_at": _now(),
                        "message": {"role": "assistant", "content": text},
                        "done": False,
                    }
                )
                if gap:
                    await asyncio.sleep(gap)
            yield _line(self._final(model, reply, content))
            finished = True
            self.completed += 1
        finally:
            with self._lock:
                if epoch == self._epoch:
                    self.active -= 1
            if not finished:
                self.cancelled += 1

    # -- lifecycle --------------------------------------------------------------------------

    def start(self, host: str = "127.0.0.1", port: int = 0) -> FakeOllama:
        self._server = ThreadedServer(self.app, host, port).start()
        self.url = self._server.url
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def wait_for(self, predicate: Any, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.01)
        return bool(predicate())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11434)
    parser.add_argument("--ttft", type=float, default=0.0, help="seconds before the first byte")
    parser.add_argument("--token-delay", type=float, default=0.0, help="seconds between chunks")
    parser.add_argument("--words", type=int, default=0, help="chunks per answer (0 = short)")
    parser.add_argument("--model", action="append", default=None)
    parser.add_argument("--echo", action="store_true", help="answer with the patient's message")
    parser.add_argument(
        "--faults-from-messages",
        action="store_true",
        help=f"fail calls whose message says fault:<kind> ({', '.join(FAULTS)})",
    )
    args = parser.parse_args()
    fake = FakeOllama(
        models=tuple(args.model or ["qwen3-4b-clinic"]),
        first_byte_delay=args.ttft,
        chunk_delay=args.token_delay,
        words=args.words,
        echo=args.echo,
        faults_from_messages=args.faults_from_messages,
    )
    fake.start(args.host, args.port)
    print(f"fake Ollama listening on {fake.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
