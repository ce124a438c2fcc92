"""Helpers for scripts/bench.py: child processes, /proc readings, load generation, statistics,
Prometheus parsing and the knowledge-index measurements.

Everything here talks to 127.0.0.1 only and every loop is bounded by a request count.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import hashlib
import inspect
import itertools
import json
import math
import os
import platform
import re
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MODEL = "qwen3-4b-clinic"
API_KEY = "bench-key-0123456789abcdef"
HASH_SECRET = "b" * 48
DIM = 384
SEED = 20240611

# A routine English question (no identifiers) that retrieves cold/flu and sore-throat leaflets.
ROUTINE = "I have had a sore throat and a runny nose for three days, should I take anything for it?"
EMERGENCY = "my chest is crushing and I'm sweating, pain going down my left arm"
QUERIES = (
    ROUTINE,
    "What is a normal blood pressure and how can I lower mine without medication?",
    "My child has a fever of 38.5, when should I worry?",
    "How do I know if my headache is a migraine?",
    "What can I eat to help with constipation?",
)

# --------------------------------------------------------------------------------------------
# /proc readings (Linux only; psutil is deliberately not required)

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    raw = Path(f"/proc/{pid}/stat").read_text()
    # The command name may contain spaces and parentheses: split after the last ')'.
    return raw[raw.rindex(")") + 2 :].split()


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (all its threads), in seconds."""
    rest = _stat_fields(pid)  # rest[0] is field 3 (state); utime/stime are fields 14/15
    return (int(rest[11]) + int(rest[12])) / CLK_TCK


def tree_pids(pid: int) -> list[int]:
    """``pid`` and all its descendants (a server started with several workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int(_stat_fields(int(entry.name))[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def thread_cpu_seconds(pid: int) -> dict[int, tuple[str, float]]:
    """CPU seconds per thread of one process: {tid: (thread name, seconds)}."""
    out: dict[int, tuple[str, float]] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):
            raw = (task / "stat").read_text()
            name = raw[raw.index("(") + 1 : raw.rindex(")")]
            rest = raw[raw.rindex(")") + 2 :].split()
            out[int(task.name)] = (name, (int(rest[11]) + int(rest[12])) / CLK_TCK)
    return out


def thread_cpu_delta(
    pid: int, before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]
) -> dict[str, float]:
    """CPU seconds between two readings: the main (event-loop) thread vs all the others
    (thread pools, torch, OpenMP; Python leaves them all named after the process)."""
    main = after.get(pid, ("", 0.0))[1] - before.get(pid, ("", 0.0))[1]
    others = sum(
        cpu - before.get(tid, (name, 0.0))[1] for tid, (name, cpu) in after.items() if tid != pid
    )
    return {"event_loop_thread": main, "other_threads": others}


def tree_cpu_seconds(pid: int) -> float:
    total = 0.0
    for p in tree_pids(pid):
        with contextlib.suppress(OSError):
            total += cpu_seconds(p)
    return total


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak RSS) of one process, in MiB."""
    out: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def _proc_stat_busy() -> float:
    """Busy CPU seconds of the whole machine (all cores) since boot."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def _ours() -> float:
    """CPU seconds of this process, its reaped children and every live descendant."""
    total = 0.0
    me = os.getpid()
    for pid in tree_pids(me):
        with contextlib.suppress(OSError, ValueError, IndexError):
            rest = _stat_fields(pid)
            total += sum(int(x) for x in rest[11:15]) / CLK_TCK  # utime stime cutime cstime
    return total


def wait_quiet(max_wait: float, limit: float = 0.2, window: float = 1.0) -> float:
    """Waits (at most ``max_wait`` s) until other processes use < ``limit`` cores; returns the
    seconds waited. The machine may be shared (someone's test run): better numbers, bounded."""
    t0 = time.perf_counter()
    while True:
        watch = ForeignCpu().start()
        time.sleep(window)
        if watch.stop()["foreign_cores"] < limit or time.perf_counter() - t0 >= max_wait:
            return time.perf_counter() - t0


def _all_cpu() -> dict[int, tuple[str, float]]:
    out: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                raw = (entry / "stat").read_text()
                name = raw[raw.index("(") + 1 : raw.rindex(")")]
                rest = raw[raw.rindex(")") + 2 :].split()
                out[int(entry.name)] = (name, (int(rest[11]) + int(rest[12])) / CLK_TCK)
    return out


class ForeignCpu:
    """How busy the machine was with processes that are not part of the benchmark, and which
    ones (the machine may be shared: someone's test run skews every figure)."""

    def start(self) -> ForeignCpu:
        self.t0, self.busy0, self.ours0 = time.perf_counter(), _proc_stat_busy(), _ours()
        self.procs0 = _all_cpu()
        return self

    def stop(self) -> dict[str, Any]:
        wall = time.perf_counter() - self.t0
        busy, ours = _proc_stat_busy() - self.busy0, _ours() - self.ours0
        mine = set(tree_pids(os.getpid()))
        top: dict[str, float] = {}
        for pid, (name, cpu) in _all_cpu().items():
            if pid not in mine:
                used = cpu - self.procs0.get(pid, (name, 0.0))[1]
                if used > 0.05 * wall:
                    top[f"{name}[{pid}]"] = round(used / wall, 2)
        return {
            "wall_s": round(wall, 1),
            "benchmark_cores": round(ours / wall, 2),
            "foreign_cores": round(max(busy - ours, 0.0) / wall, 2),
            "foreign_top": dict(sorted(top.items(), key=lambda kv: -kv[1])[:3]),
        }


class CpuWatch:
    """CPU seconds used by named processes (trees) between ``start()`` and ``stop()``."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.before: dict[str, float] = {}
        self.t0 = 0.0

    def _read(self) -> dict[str, float]:
        # Our own process is read alone: its tree would include every server it started.
        me = os.getpid()
        return {
            name: cpu_seconds(pid) if pid == me else tree_cpu_seconds(pid)
            for name, pid in self.pids.items()
        }

    def start(self) -> CpuWatch:
        self.before = self._read()
        self.t0 = time.perf_counter()
        return self

    def stop(self) -> dict[str, Any]:
        wall = time.perf_counter() - self.t0
        after = self._read()
        used = {n: after[n] - self.before[n] for n in self.pids}
        return {
            "wall_s": round(wall, 3),
            "cpu_s": {n: round(v, 3) for n, v in used.items()},
            "cores_busy": {n: round(v / wall, 2) for n, v in used.items()} if wall > 0 else {},
        }


def machine_info() -> dict[str, Any]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_total = None
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_total = round(int(line.split()[1]) / 1024 / 1024, 1)
    dirty = None
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
        dirty = bool(status.stdout.strip())
    commit = None
    with contextlib.suppress(OSError):  # read from .git/ directly
        head = (REPO / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = REPO / ".git" / head[5:]
            commit = ref.read_text().strip() if ref.exists() else head[5:]
        else:
            commit = head
    import faiss

    return {
        "cpu_model": model,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "memory_gib": mem_total,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "faiss": faiss.__version__,
        "numpy": np.__version__,
        "httpx": httpx.__version__,
        "aiohttp": aiohttp.__version__,
        "commit": commit,
        "uncommitted_changes": dirty,
    }


# --------------------------------------------------------------------------------------------
# statistics


def pct(samples_s: Sequence[float], q: float) -> float:
    """The q-th percentile in milliseconds (linear interpolation, numpy's default)."""
    return float(np.percentile(np.asarray(samples_s, dtype=np.float64), q) * 1000)


def summary(samples_s: Sequence[float]) -> dict[str, float | int]:
    if not samples_s:
        return {"n": 0}
    arr = np.asarray(samples_s, dtype=np.float64) * 1000
    return {
        "n": len(arr),
        "p50": round(float(np.percentile(arr, 50)), 3),
        "p95": round(float(np.percentile(arr, 95)), 3),
        "p99": round(float(np.percentile(arr, 99)), 3),
        "mean": round(float(arr.mean()), 3),
        "max": round(float(arr.max()), 3),
    }


# --------------------------------------------------------------------------------------------
# Prometheus text format

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)")
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse_prometheus(text: str) -> Samples:
    out: Samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = _SAMPLE.match(line)
        if not m:
            continue
        labels = tuple(sorted(_LABEL.findall(m.group(2) or "")))
        with contextlib.suppress(ValueError):
            out[(m.group(1), labels)] = float(m.group(3))
    return out


def metric_total(samples: Samples, name: str) -> float:
    return sum(v for (n, _), v in samples.items() if n == name)


def labelled_delta(before: Samples, after: Samples, name: str, label: str) -> dict[str, int]:
    """Increase of a counter between two scrapes, by one label (e.g. upstream errors by kind)."""
    out: dict[str, int] = {}
    for (n, labels), value in after.items():
        if n == name:
            grew = int(value - before.get((n, labels), 0.0))
            if grew:
                key = dict(labels).get(label, "?")
                out[key] = out.get(key, 0) + grew
    return out


def stage_means(before: Samples, after: Samples) -> dict[str, dict[str, float]]:
    """Mean ms per pipeline stage between two scrapes of /metrics."""
    out: dict[str, dict[str, float]] = {}
    base = "gateway_stage_duration_seconds"
    for (name, labels), total in after.items():
        if name != f"{base}_sum":
            continue
        stage = dict(labels).get("stage", "?")
        count = after.get((f"{base}_count", labels), 0.0) - before.get(
            (f"{base}_count", labels), 0.0
        )
        spent = total - before.get((name, labels), 0.0)
        if count > 0:
            out[stage] = {
                "count": int(count),
                "mean_ms": round(spent / count * 1000, 3),
                "total_ms": round(spent * 1000, 1),
            }
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["mean_ms"]))


# --------------------------------------------------------------------------------------------
# child processes


def _die_with_parent() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: never outlive the benchmark


class Child:
    """A subprocess with its output in a log file; stopped with SIGTERM, then SIGKILL."""

    def __init__(self, name: str, args: list[str], log: Path, env: dict[str, str] | None = None):
        self.name = name
        self.log = log
        self._fh = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            args,
            cwd=REPO,
            env=env,
            stdout=self._fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._fh.close()


def wait_http(url: str, child: Child, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            r = httpx.get(url, timeout=2)
            if r.status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if not child.alive():
            raise RuntimeError(f"{child.name} exited during start-up:\n{child.tail()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{child.name} did not answer {url} in {timeout}s:\n{child.tail()}")
        time.sleep(0.1)


def fake_ollama(
    port: int, log: Path, ttft: float = 0.0, token_delay: float = 0.0, module: bool = True
) -> Child:
    """The fake Ollama in its own process.

    ``module=True`` runs ``python -m tests.fake_ollama``; ``module=False`` serves the very same
    ``FakeOllama`` app through ``fake_ollama_main`` below, which binds with host/port so that
    asyncio sets TCP_NODELAY on accepted connections (see ``nagle_probe``).
    """
    opts = ["--host", "127.0.0.1", "--port", str(port), "--ttft", str(ttft)]
    opts += ["--token-delay", str(token_delay)]
    if module:
        args = [sys.executable, "-m", "tests.fake_ollama", *opts]
    else:
        args = [sys.executable, str(Path(__file__).resolve()), "fake-ollama", *opts]
    return Child(f"fake-ollama:{port}", args, log)


def fake_ollama_main(argv: Sequence[str]) -> None:
    """``python scripts/bench_lib.py fake-ollama --port P --ttft S ...``"""
    import argparse

    import uvicorn

    from tests.fake_ollama import FakeOllama

    parser = argparse.ArgumentParser(prog="bench_lib.py fake-ollama")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ttft", type=float, default=0.0)
    parser.add_argument("--token-delay", type=float, default=0.0)
    parser.add_argument("--words", type=int, default=0)
    args = parser.parse_args(argv)
    fake = FakeOllama(first_byte_delay=args.ttft, chunk_delay=args.token_delay, words=args.words)
    # host/port (not a pre-made socket): the listening socket gets proto=IPPROTO_TCP from
    # getaddrinfo, so asyncio enables TCP_NODELAY on every accepted connection.
    uvicorn.run(fake.app, host=args.host, port=args.port, log_level="warning")


def nagle_probe(url: str, n: int = 40) -> float:
    """p50 ms of a trivial GET: ~40 ms means Nagle + delayed ACK stall every response."""
    with httpx.Client(base_url=url, timeout=10) as c:
        for _ in range(5):
            c.get("/api/version")
        samples = []
        for _ in range(n):
            t0 = time.perf_counter()
            c.get("/api/version")
            samples.append(time.perf_counter() - t0)
    return pct(samples, 50)


# Limits raised for the benchmark (each set only if the gateway has that setting):
# * the fake Ollama runs any number of requests at once, but the gateway's per-host limit
#   (default 1, to match OLLAMA_NUM_PARALLEL) would turn "overhead at c=16" into "queueing
#   at c=16": raised so the gateway forwards as the direct baseline does;
# * the per-key rate limit (default 600/60) would answer most benchmark requests with 429.
#   The limiter still runs (its Redis round trip is part of what is measured).
# * the query-embedding cache is off: the benchmark repeats one question, and real traffic
#   would not hit the cache on every request.
BENCH_SETTINGS = {
    "embedding_cache_size": "0",
    "ollama_max_concurrency": "64",
    "ollama_queue_size": "256",
    "key_rate_limit": "1000000/60",
}


def gateway_env(redis_url: str, ollama_url: str, index_dir: Path) -> dict[str, str]:
    from gateway.settings import Settings

    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update(
        {
            "GATEWAY_API_KEYS": f"bench:{API_KEY}",
            "GATEWAY_HASH_SECRET": HASH_SECRET,
            "GATEWAY_REDIS_URL": redis_url,
            "GATEWAY_OLLAMA_URL": ollama_url,
            "GATEWAY_INDEX_DIR": str(index_dir),
            "GATEWAY_LOG_LEVEL": "warning",
            "PYTHONUNBUFFERED": "1",
        }
    )
    for name, value in BENCH_SETTINGS.items():
        if name in Settings.model_fields:
            env[f"GATEWAY_{name.upper()}"] = value
    return env


def gateway(port: int, env: dict[str, str], log: Path, workers: int | None = None) -> Child:
    args = [sys.executable, "-m", "gateway", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers:
        args += ["--workers", str(workers)]
    return Child(f"gateway:{port}", args, log, env)


def serve_supports_workers() -> bool:
    out = subprocess.run(
        [sys.executable, "-m", "gateway", "serve", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return "--workers" in out.stdout


# --------------------------------------------------------------------------------------------
# load generation


@dataclass
class Sample:
    latency: float  # seconds, request sent → response fully read
    ok: bool
    ttft: float | None = None  # seconds to the first visible text (streaming only)
    error: str = ""


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    stopped_early: bool = False

    @property
    def good(self) -> list[Sample]:
        return [s for s in self.samples if s.ok]

    def errors(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.samples:
            if not s.ok:
                out[s.error] = out.get(s.error, 0) + 1
        return out

    def latency(self) -> dict[str, Any]:
        return {
            **summary([s.latency for s in self.good]),
            "errors": self.errors(),
            "wall_s": round(self.wall, 3),
            # successful answers per second (errors do not count as throughput)
            "rps": round(len(self.good) / self.wall, 1) if self.wall else 0.0,
            **({"stopped_early_after": len(self.samples)} if self.stopped_early else {}),
        }

    def ttft(self) -> dict[str, Any]:
        return {
            **summary([s.ttft for s in self.good if s.ttft is not None]),
            "errors": self.errors(),
            **({"stopped_early_after": len(self.samples)} if self.stopped_early else {}),
        }


OneRequest = Callable[[int, aiohttp.ClientSession], Awaitable[Sample]]
CLIENT_ERRORS = (aiohttp.ClientError, TimeoutError, ValueError)


def _client(base_url: str, key: str | None) -> aiohttp.ClientSession:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return aiohttp.ClientSession(
        base_url=base_url,
        headers=headers,
        timeout=aiohttp.ClientTimeout(total=30.0),
        connector=aiohttp.TCPConnector(limit=1),
    )


class Clients:
    """One aiohttp session (one keep-alive connection) per worker and target URL.

    The load generator shares the 2 cores with the servers it measures, so it must be cheap:
    httpx cost ~1.5 ms of CPU per request (5.5 ms at c=32 with one shared pool), aiohttp
    ~0.3 ms. With several URLs, request i goes to URL i % len(urls) (round-robin over
    gateway processes).
    """

    def __init__(self, urls: str | Sequence[str], concurrency: int, key: str | None = None):
        self.urls = [urls] if isinstance(urls, str) else list(urls)
        self.concurrency = concurrency
        self.per_worker = [[_client(u, key) for u in self.urls] for _ in range(concurrency)]

    async def __aenter__(self) -> Clients:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for row in self.per_worker:
            for c in row:
                await c.close()

    def pick(self, worker: int, i: int) -> aiohttp.ClientSession:
        row = self.per_worker[worker]
        return row[i % len(row)]


RUN_DEADLINE_S = 90.0  # no new request after this; in-flight ones end by the client timeout


async def closed_loop(
    n: int, clients: Clients, one: OneRequest, deadline_s: float = RUN_DEADLINE_S
) -> Run:
    """``n`` requests from ``clients.concurrency`` workers, each sending its next request as
    soon as its previous one ended. Stops early (``stopped_early_after`` in the summary) if
    the server is too slow to finish within the deadline."""
    counter = itertools.count()
    run = Run()
    stop_at = time.perf_counter() + deadline_s

    async def worker(w: int) -> None:
        while (i := next(counter)) < n:
            if time.perf_counter() > stop_at:
                run.stopped_early = True
                return
            run.samples.append(await one(i, clients.pick(w, i)))

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(w) for w in range(clients.concurrency)))
    run.wall = time.perf_counter() - t0
    return run


def _chat_body(stream: bool) -> dict[str, Any]:
    return {"model": MODEL, "messages": [{"role": "user", "content": ROUTINE}], "stream": stream}


def direct_chat() -> OneRequest:
    """POST /api/chat stream=false straight to the (fake) Ollama."""
    body = _chat_body(False)

    async def one(i: int, http: aiohttp.ClientSession) -> Sample:
        t0 = time.perf_counter()
        try:
            async with http.post("/api/chat", json=body) as r:
                status, data = r.status, json.loads(await r.read())
        except CLIENT_ERRORS as exc:
            return Sample(time.perf_counter() - t0, False, error=type(exc).__name__)
        elapsed = time.perf_counter() - t0
        if status != 200 or not data.get("done"):
            return Sample(elapsed, False, error=f"status {status}")
        return Sample(elapsed, True)

    return one


def direct_chat_stream() -> OneRequest:
    """POST /api/chat stream=true; TTFT = first NDJSON line with message content."""
    body = _chat_body(True)

    async def one(i: int, http: aiohttp.ClientSession) -> Sample:
        t0 = time.perf_counter()
        ttft = None
        done = False
        try:
            async with http.post("/api/chat", json=body) as r:
                if r.status != 200:
                    await r.read()
                    return Sample(time.perf_counter() - t0, False, error=f"status {r.status}")
                async for line in r.content:
                    if not line.strip():
                        continue
                    chunk = json.loads(line)
                    if ttft is None and (chunk.get("message") or {}).get("content"):
                        ttft = time.perf_counter() - t0
                    done = done or bool(chunk.get("done"))
        except CLIENT_ERRORS as exc:
            return Sample(time.perf_counter() - t0, False, error=type(exc).__name__)
        ok = done and ttft is not None
        return Sample(time.perf_counter() - t0, ok, ttft, "" if ok else "incomplete stream")

    return one


def consult(
    tag: str,
    message: str = ROUTINE,
    expect_model: str = MODEL,
    need_citations: bool = True,
) -> OneRequest:
    """POST /v1/consultations stream=false, a fresh patient id per request (no lock waits)."""

    async def one(i: int, http: aiohttp.ClientSession) -> Sample:
        body = {"patient_id": f"bench-{tag}-{i}", "message": message, "stream": False}
        t0 = time.perf_counter()
        try:
            async with http.post("/v1/consultations", json=body) as r:
                status, data = r.status, json.loads(await r.read())
        except CLIENT_ERRORS as exc:
            return Sample(time.perf_counter() - t0, False, error=type(exc).__name__)
        elapsed = time.perf_counter() - t0
        if status != 200:
            return Sample(elapsed, False, error=f"status {status}")
        if data.get("model") != expect_model:
            return Sample(elapsed, False, error=f"answered by {data.get('model')}")
        if need_citations and not data.get("citations"):
            return Sample(elapsed, False, error="no citations (retrieval found nothing)")
        return Sample(elapsed, True)

    return one


def consult_stream(tag: str) -> OneRequest:
    """POST /v1/consultations stream=true; TTFT = the first SSE ``delta`` event."""

    async def one(i: int, http: aiohttp.ClientSession) -> Sample:
        body = {"patient_id": f"bench-{tag}-{i}", "message": ROUTINE, "stream": True}
        t0 = time.perf_counter()
        ttft = None
        done = False
        failed = ""
        try:
            async with http.post("/v1/consultations", json=body) as r:
                if r.status != 200:
                    await r.read()
                    return Sample(time.perf_counter() - t0, False, error=f"status {r.status}")
                async for raw in r.content:
                    if not raw.startswith(b"event: "):
                        continue
                    event = raw[7:].decode().strip()
                    if event == "delta" and ttft is None:
                        ttft = time.perf_counter() - t0
                    elif event == "done":
                        done = True
                    elif event == "error":
                        failed = "error event"
        except CLIENT_ERRORS as exc:
            return Sample(time.perf_counter() - t0, False, error=type(exc).__name__)
        ok = done and ttft is not None and not failed
        return Sample(time.perf_counter() - t0, ok, ttft, failed or ("" if ok else "no done"))

    return one


def get_path(path: str) -> OneRequest:
    async def one(i: int, http: aiohttp.ClientSession) -> Sample:
        t0 = time.perf_counter()
        try:
            async with http.get(path) as r:
                status = r.status
                await r.read()
        except CLIENT_ERRORS as exc:
            return Sample(time.perf_counter() - t0, False, error=type(exc).__name__)
        return Sample(time.perf_counter() - t0, status == 200, error=str(status))

    return one


async def scrape(base_url: str) -> Samples:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        r = await http.get("/metrics")
    r.raise_for_status()
    return parse_prometheus(r.text)


# --------------------------------------------------------------------------------------------
# knowledge index measurements


@contextlib.contextmanager
def timed_calls(module: Any, names: Sequence[str]) -> Iterator[dict[str, float]]:
    """Wraps module-level functions to add up the time spent in each (restored afterwards)."""
    spent = {n: 0.0 for n in names if hasattr(module, n)}
    originals = {n: getattr(module, n) for n in spent}

    def wrap(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t0

        return timed

    for name, func in originals.items():
        setattr(module, name, wrap(name, func))
    try:
        yield spent
    finally:
        for name, func in originals.items():
            setattr(module, name, func)


class TimedEmbedder:
    """Forwards to an embedder and adds up the time spent in ``encode``."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.languages = inner.languages
        self.seconds = 0.0
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        t0 = time.perf_counter()
        try:
            return np.asarray(self.inner.encode(texts))
        finally:
            self.seconds += time.perf_counter() - t0
            self.texts += len(texts)


class FakeEmbedder:
    """Random unit vectors, no model: measures the build pipeline around the embedder."""

    name = "bench-fake-embedder"
    dim = DIM
    languages = ("en",)

    def __init__(self) -> None:
        self.rng = np.random.default_rng(SEED)

    def encode(self, texts: list[str]) -> np.ndarray:
        return unit(self.rng.standard_normal((len(texts), self.dim), dtype=np.float32))


def unit(v: np.ndarray) -> np.ndarray:
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


_BUILD_STEPS = ("load_documents", "chunk_document", "make_faiss_index", "publish", "_save_cache")


def timed_build(knowledge: Path, root: Path, embedder: Any) -> dict[str, Any]:
    """``build_index`` with its steps timed (embedding, FAISS, publish, …)."""
    from gateway.knowledge import store

    timed = TimedEmbedder(embedder)
    t0 = time.perf_counter()
    with timed_calls(store, _BUILD_STEPS) as spent:
        manifest = store.build_index(knowledge, root, timed)
    total = time.perf_counter() - t0
    steps = {k: round(v, 3) for k, v in spent.items()}
    steps["embed"] = round(timed.seconds, 3)
    steps["other"] = round(total - sum(spent.values()) - timed.seconds, 3)
    chunks = int(manifest["chunks"])
    return {
        "documents": manifest["documents"],
        "chunks": chunks,
        "embedded": manifest["embedded"],
        "index_type": manifest["index_type"],
        "seconds": round(total, 3),
        "chunks_per_s": round(chunks / total, 1),
        "steps_s": steps,
        "embed_chunks_per_s": round(timed.texts / timed.seconds, 1) if timed.seconds else None,
    }


def index_worker(root: Path, out: Path, repeats: int = 200) -> None:
    """Runs in its own process (torch stays out of the load generator).

    * a fresh build of knowledge/ with the real model, as ``python -m gateway index build``
      runs it (torch, its default thread count), and a rebuild from the embedding cache;
    * query embedding per backend: torch on one thread (the old serving path, the baseline),
      the ONNX fp32 export, and the ONNX int8 export the gateway serves with; whole hybrid
      search with the served embedder. No query cache: every query is embedded.
    """
    import torch

    from gateway.knowledge.embedder import SentenceTransformerEmbedder, load_query_embedder
    from gateway.knowledge.search import KnowledgeIndex

    default_threads = torch.get_num_threads()
    t0 = time.perf_counter()
    documents = SentenceTransformerEmbedder(None, ("en",))
    model_load = time.perf_counter() - t0
    fresh = timed_build(REPO / "knowledge", root, documents)
    cached = timed_build(REPO / "knowledge", root, documents)

    def timings(fn: Callable[[str], Any], budget_s: float = 15.0) -> dict[str, float | int]:
        for q in QUERIES:  # warm-up
            fn(q)
        samples: list[float] = []
        deadline = time.perf_counter() + budget_s  # bounded even on a busy machine
        for i in range(repeats):
            if len(samples) >= 20 and time.perf_counter() > deadline:
                break
            q = QUERIES[i % len(QUERIES)]
            s = time.perf_counter()
            fn(q)
            samples.append(time.perf_counter() - s)
        return summary(samples)

    result: dict[str, Any] = {
        "model_load_s": round(model_load, 3),
        "build_torch_threads": default_threads,
        "fresh_build": fresh,
        "rebuild_from_embedding_cache": cached,
    }
    torch.set_num_threads(1)
    result["query_embedding_ms_torch_1_thread"] = timings(lambda q: documents.encode([q]))
    torch.set_num_threads(default_threads)
    served = None
    for backend in ("onnx", "onnx-int8"):
        t0 = time.perf_counter()
        embedder = load_query_embedder("", ("en",), backend, root.parent / f"encoder-{backend}")
        result[f"encoder_export_s_{backend}"] = round(time.perf_counter() - t0, 2)
        result[f"query_embedding_ms_{backend}"] = timings(lambda q, e=embedder: e.encode([q]))
        served = embedder
    assert served is not None
    result["query_embedding_ms"] = result["query_embedding_ms_onnx-int8"]
    index = KnowledgeIndex.load(root, served)
    result["hybrid_search_ms"] = timings(lambda q: index.search(q, "en", 4))
    out.write_text(json.dumps(result, indent=2))


@contextlib.contextmanager
def hnsw_threshold(value: int) -> Iterator[None]:
    from gateway.knowledge import store

    old = store.HNSW_THRESHOLD
    store.HNSW_THRESHOLD = value
    try:
        yield
    finally:
        store.HNSW_THRESHOLD = old


def _cache_key(n: int) -> str:
    import faiss

    from gateway.knowledge import store

    src = inspect.getsource(store.make_faiss_index)
    digest = hashlib.sha256(
        f"{src}|{faiss.__version__}|{np.__version__}|{SEED}|{n}|{DIM}".encode()
    ).hexdigest()[:16]
    return f"hnsw-{n}-{digest}"


def faiss_search_by_size(
    sizes: Sequence[int], cache_dir: Path | None, queries: int = 300, k: int = 30
) -> list[dict[str, Any]]:
    """Flat vs HNSW (as make_faiss_index builds them) on random unit vectors.

    Queries are noisy copies of stored vectors (each has a true near neighbour, as a real
    question has a matching leaflet). HNSW builds of >= 50k vectors are cached in
    ``cache_dir`` (keyed by make_faiss_index's source, faiss/numpy versions and the seed).
    """
    import faiss

    from gateway.knowledge import store

    rows = []
    for n in sizes:
        rng = np.random.default_rng(SEED + n)
        vectors = unit(rng.standard_normal((n, DIM), dtype=np.float32))
        picks = rng.integers(0, n, queries)
        noise = rng.standard_normal((queries, DIM), dtype=np.float32) * 0.05
        q = unit(vectors[picks] + noise)
        truth = None
        for kind, threshold in (("flat", 10**12), ("hnsw", 0)):
            cached = False
            path = cache_dir / f"{_cache_key(n)}.faiss" if cache_dir and n >= 50_000 else None
            meta = path.with_suffix(".json") if path else None
            if kind == "hnsw" and path and meta and path.exists() and meta.exists():
                t0 = time.perf_counter()
                index = faiss.read_index(str(path))
                build_s = float(json.loads(meta.read_text())["build_s"])
                load_s = time.perf_counter() - t0
                cached = True
            else:
                t0 = time.perf_counter()
                with hnsw_threshold(threshold):
                    index, built_kind = store.make_faiss_index(vectors)
                build_s = time.perf_counter() - t0
                load_s = None
                assert built_kind == kind, (built_kind, kind)
                if kind == "hnsw" and path and meta:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    faiss.write_index(index, str(path))
                    meta.write_text(json.dumps({"build_s": build_s, "n": n}))
            for i in range(min(20, queries)):  # warm-up
                index.search(q[i : i + 1], k)
            lat = []
            for i in range(queries):
                s = time.perf_counter()
                index.search(q[i : i + 1], k)
                lat.append(time.perf_counter() - s)
            _, ids = index.search(q, 1)
            if kind == "flat":
                truth = ids
            recall = None
            if truth is not None and kind == "hnsw":
                hits = sum(len(set(a) & set(b)) for a, b in zip(ids, truth, strict=True))
                recall = round(hits / truth.size, 4)  # HNSW top-1 == exact top-1
            stats = summary(lat)
            rows.append(
                {
                    "chunks": n,
                    "index": kind,
                    "build_s": round(build_s, 3),
                    "build_cached": cached,
                    "load_s": round(load_s, 3) if load_s is not None else None,
                    "search_p50_ms": stats["p50"],
                    "search_p99_ms": stats["p99"],
                    "recall_at_1_vs_flat": recall,
                }
            )
            del index
        del vectors, q
    return rows


def synthetic_corpus(target_chunks: int, dest: Path) -> int:
    """Copies of the shipped knowledge base with new ids and titles until >= target chunks."""
    import yaml

    from gateway.knowledge.chunking import chunk_document
    from gateway.knowledge.documents import load_documents

    docs = load_documents(REPO / "knowledge")
    per_copy = sum(len(chunk_document(d)) for d in docs)
    copies = math.ceil(target_chunks / per_copy)
    sources = []
    for doc in docs:
        text = Path(doc.path).read_text(encoding="utf-8")
        end = text.find("\n---", 3)
        meta = yaml.safe_load(text[3:end])
        sources.append((doc.lang, doc.topic, meta, text[end + 4 :].lstrip("\n")))
    for c in range(copies):
        folder = dest / f"copy{c:03d}"
        folder.mkdir(parents=True)
        for lang, topic, meta, body in sources:
            m = dict(meta)
            m["id"] = f"{topic}-c{c}-{lang}"
            m["title"] = f"{meta['title']} {c}"
            front = yaml.safe_dump(m, allow_unicode=True, sort_keys=False)
            (folder / f"{topic}-{lang}.md").write_text(f"---\n{front}---\n\n{body}", "utf-8")
    return copies * per_copy


def synthetic_build(target_chunks: int, workdir: Path) -> dict[str, Any]:
    kb = workdir / "kb"
    t0 = time.perf_counter()
    synthetic_corpus(target_chunks, kb)
    generate = time.perf_counter() - t0
    result = timed_build(kb, workdir / "index", FakeEmbedder())
    result["generate_corpus_s"] = round(generate, 3)
    secs = result["seconds"] - result["steps_s"].get("make_faiss_index", 0.0)
    result["chunks_per_s_excl_faiss"] = round(result["chunks"] / secs, 1) if secs > 0 else None
    return result


if __name__ == "__main__":
    if sys.argv[1:2] == ["fake-ollama"]:
        fake_ollama_main(sys.argv[2:])
    else:
        raise SystemExit("usage: bench_lib.py fake-ollama --port P [--ttft S] [--token-delay S]")
