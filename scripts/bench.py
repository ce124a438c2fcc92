"""Gateway performance benchmark: what the gateway adds on top of the model server.

Run from the repository root (``make bench``). Everything runs on 127.0.0.1 and stops by itself
after a fixed number of requests (about 5 minutes on 2 cores; ``--quick`` for a smoke run):

* a real redis-server (tests.servers.RedisServer);
* the fake Ollama as separate processes (``python -m tests.fake_ollama``): one instant
  (ttft 0), one answering after 200 ms;
* the knowledge index of knowledge/ built fresh with the real model (timed) in a temp dir;
* the gateway as separate processes (``python -m gateway serve``): one per backend, a second
  instant one for the two-process throughput run, and one whose Ollama URL is a closed port
  for the emergency path (any request reaching "Ollama" there would fail).

Every gateway figure is compared with a baseline from the same run (the same request sent
straight to the fake Ollama, or the gateway's own /healthz). Results: a table on stdout and
bench-results/latest.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_lib as bl
import httpx

from gateway.settings import Settings

REPO = bl.REPO
OUT = REPO / "bench-results" / "latest.json"
CACHE = REPO / "var" / "bench-index"

# (name, full count, quick count)
COUNTS = {
    "c1": 200,  # instant backend, concurrency 1
    "c16": 400,  # 200 ms backend, concurrency 16
    "c64": 400,  # 200 ms backend, concurrency 64
    "ttft": 400,  # streaming, 200 ms backend, concurrency 16
    "cpu": 300,  # instant backend, concurrency 4
    "tput": 300,  # instant backend, concurrency 32
    "emergency1": 200,
    "emergency16": 400,
    "healthz": 200,
}
TPUT_CONCURRENCY = 32
CPU_CONCURRENCY = 4
SLOW_TTFT = 0.2
RETRIEVAL_PARTS = ("embed", "search")

TARGETS = {
    "instant_c1_added_p50": 8.0,
    "instant_c1_added_p99": 15.0,
    "ttft200_c16_added_p50": 10.0,
    "ttft200_c16_added_p99": 30.0,
    "ttft_overhead_p50": 10.0,
    "cpu_ms_per_consultation": 8.0,
    "emergency_p99": 20.0,
}


@dataclass
class Row:
    section: str
    measure: str
    baseline: float | str | None
    gateway: float | str | None
    delta: float | str | None
    unit: str = "ms"
    target: str = ""
    passed: bool | None = None


@dataclass
class Stack:
    tmp: Path
    redis: Any = None
    fakes: dict[str, bl.Child] = field(default_factory=dict)
    gateways: dict[str, bl.Child] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        for child in [*self.gateways.values(), *self.fakes.values()]:
            with contextlib.suppress(Exception):
                child.stop()
        if self.redis is not None:
            with contextlib.suppress(Exception):
                self.redis.stop()


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


Phases = dict[str, dict[str, Any]]


QUIET_BUDGET = {"left": 30.0}  # seconds the whole run may spend waiting for a quiet machine


@contextlib.contextmanager
def phase(phases: Phases, name: str) -> Iterator[None]:
    """Times a phase and records how busy the machine was with foreign processes meanwhile.

    Before it starts, waits (up to 10 s, 30 s per run) for other processes to go quiet.
    """
    waited = 0.0
    if QUIET_BUDGET["left"] > 0:
        waited = bl.wait_quiet(min(10.0, QUIET_BUDGET["left"]))
        QUIET_BUDGET["left"] -= waited
    log(
        f"{name} …"
        + (f" (waited {waited:.0f} s for other processes to go quiet)" if waited > 1.5 else "")
    )
    watch = bl.ForeignCpu().start()
    try:
        yield
    finally:
        phases[name] = {**watch.stop(), "waited_for_quiet_s": round(waited, 1)}


def warm_count(n: int, c: int) -> int:
    return min(max(c, 20), n)


# ---------------------------------------------------------------------------------------------
# set-up


def run_index_worker(tmp: Path) -> dict[str, Any]:
    """Fresh index of knowledge/ with the real model, in a child process (timed)."""
    out = tmp / "index-worker.json"
    child = bl.Child(
        "index-worker",
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--index-worker",
            str(tmp / "index"),
            str(out),
        ],
        tmp / "index-worker.log",
    )
    code = child.proc.wait(timeout=300)
    child.stop()
    if code != 0 or not out.exists():
        raise RuntimeError(f"index build failed ({code}):\n{child.tail()}")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def choose_fake_launcher(tmp: Path) -> dict[str, Any]:
    """``python -m tests.fake_ollama`` unless its responses stall on Nagle's algorithm.

    tests.servers.ThreadedServer binds a socket made with ``socket.socket()`` (proto 0), and
    asyncio only sets TCP_NODELAY when ``sock.proto == IPPROTO_TCP``: every response then
    waits ~40 ms for the client's delayed ACK. The same FakeOllama app served through
    bench_lib's launcher (uvicorn host/port bind) has no stall. Both are probed here.
    """
    from tests.servers import free_port

    probes: dict[str, float] = {}
    for module in (True, False):
        port = free_port()
        child = bl.fake_ollama(port, tmp / f"fake-probe-{module}.log", module=module)
        try:
            bl.wait_http(f"http://127.0.0.1:{port}/api/version", child)
            probes["module" if module else "nodelay"] = round(
                bl.nagle_probe(f"http://127.0.0.1:{port}"), 2
            )
        finally:
            child.stop()
    use_module = probes["module"] - probes["nodelay"] < 5.0
    return {
        "module": use_module,
        "used": "python -m tests.fake_ollama"
        if use_module
        else "python scripts/bench_lib.py fake-ollama (same FakeOllama app, TCP_NODELAY)",
        "get_version_p50_ms": probes,
        "reason": ""
        if use_module
        else "python -m tests.fake_ollama stalls every response ~40 ms (Nagle + delayed ACK: "
        "tests/servers.py ThreadedServer's socket has proto 0, so asyncio never sets "
        "TCP_NODELAY)",
    }


def probe_gateway(url: str, emergency: bool) -> None:
    """One real consultation: the routine one must be answered by the model with citations
    (so the knowledge index is loaded), the emergency one by the gateway itself."""
    message = bl.EMERGENCY if emergency else bl.ROUTINE
    r = httpx.post(
        f"{url}/v1/consultations",
        json={"patient_id": "bench-probe", "message": message},
        headers={"Authorization": f"Bearer {bl.API_KEY}"},
        timeout=60,
    )
    data = r.json() if r.headers.get("content-type", "").endswith("json") else {}
    if r.status_code != 200:
        raise RuntimeError(f"probe consultation at {url}: {r.status_code} {r.text[:300]}")
    if emergency and data.get("model") != "gateway-triage":
        raise RuntimeError(f"{url}: the emergency probe was not answered by the triage rail")
    if not emergency and (data.get("model") != bl.MODEL or not data.get("citations")):
        raise RuntimeError(
            f"{url}: the routine probe got model={data.get('model')} and "
            f"{len(data.get('citations') or [])} citations (is the knowledge index loaded?)"
        )


def start_stack(tmp: Path, index_dir: Path) -> tuple[Stack, dict[str, Any]]:
    from tests.servers import RedisServer, free_port

    stack = Stack(tmp)
    try:
        stack.redis = RedisServer()
        launcher = choose_fake_launcher(tmp)
        for name, ttft in (("instant", 0.0), ("slow", SLOW_TTFT)):
            port = free_port()
            stack.fakes[name] = bl.fake_ollama(
                port, tmp / f"fake-{name}.log", ttft=ttft, module=launcher["module"]
            )
            stack.urls[f"fake_{name}"] = f"http://127.0.0.1:{port}"
        for name, child in stack.fakes.items():
            bl.wait_http(f"{stack.urls[f'fake_{name}']}/api/version", child)
        closed = f"http://127.0.0.1:{free_port()}"  # nothing listens here
        workers = bl.serve_supports_workers()
        plan = {
            "instant": stack.urls["fake_instant"],
            "instant2": stack.urls["fake_instant"],
            "slow": stack.urls["fake_slow"],
            "emergency": closed,
        }
        if workers:  # one server with two workers replaces the second process
            plan["instant2x"] = plan.pop("instant2")
        for name, ollama in plan.items():
            port = free_port()
            env = bl.gateway_env(stack.redis.url, ollama, index_dir)
            n_workers = 2 if name == "instant2x" else None
            stack.gateways[name] = bl.gateway(port, env, tmp / f"gateway-{name}.log", n_workers)
            stack.urls[f"gw_{name}"] = f"http://127.0.0.1:{port}"
        t0 = time.perf_counter()
        for name, child in stack.gateways.items():
            bl.wait_http(f"{stack.urls[f'gw_{name}']}/healthz", child, timeout=180)
        started = time.perf_counter() - t0
        for name in stack.gateways:
            probe_gateway(stack.urls[f"gw_{name}"], emergency=name == "emergency")
    except BaseException:
        stack.stop()
        raise
    info = {
        "fake_ollama_launcher": launcher,
        "gateway_start_s_parallel": round(started, 2),
        "serve_supports_workers": workers,
        "two_worker_mode": "gateway serve --workers 2"
        if workers
        else "two gateway processes on two ports, round-robin in the load generator "
        "(gateway serve has no --workers option)",
        "gateways": len(stack.gateways),
    }
    return stack, info


# ---------------------------------------------------------------------------------------------
# measurements against the running stack


def added(direct: dict[str, Any], gw: dict[str, Any]) -> dict[str, float]:
    keys = [p for p in ("p50", "p95", "p99") if p in gw and p in direct]
    return {p: round(gw[p] - direct[p], 3) for p in keys}


async def latency_scenario(
    direct_url: str, gw_url: str, n: int, c: int, tag: str
) -> dict[str, Any]:
    async with bl.Clients(direct_url, c) as d, bl.Clients(gw_url, c, bl.API_KEY) as g:
        await bl.closed_loop(warm_count(n, c), d, bl.direct_chat())
        direct = await bl.closed_loop(n, d, bl.direct_chat())
        await bl.closed_loop(warm_count(n, c), g, bl.consult(f"{tag}-warm"))
        before = await bl.scrape(gw_url)
        gw = await bl.closed_loop(n, g, bl.consult(tag))
        after = await bl.scrape(gw_url)
    dl, gl = direct.latency(), gw.latency()
    return {
        "concurrency": c,
        "requests": n,
        "direct_ms": dl,
        "gateway_ms": gl,
        "added_ms": added(dl, gl),
        "stages_ms": bl.stage_means(before, after),
        **upstream(before, after),
    }


def upstream(before: bl.Samples, after: bl.Samples) -> dict[str, Any]:
    """What the gateway saw of Ollama meanwhile (errors by kind, mean call and TTFT)."""
    out: dict[str, Any] = {
        "upstream_errors": bl.labelled_delta(
            before, after, "gateway_upstream_errors_total", "kind"
        ),
        "degraded": bl.labelled_delta(before, after, "gateway_degraded_total", "reason"),
    }
    for key, metric in (
        ("upstream_call_mean_ms", "gateway_upstream_duration_seconds"),
        ("upstream_ttft_mean_ms", "gateway_upstream_ttft_seconds"),
    ):
        count = bl.metric_total(after, f"{metric}_count") - bl.metric_total(
            before, f"{metric}_count"
        )
        total = bl.metric_total(after, f"{metric}_sum") - bl.metric_total(before, f"{metric}_sum")
        out[key] = round(total / count * 1000, 2) if count else None
    return out


async def ttft_scenario(direct_url: str, gw_url: str, n: int, c: int) -> dict[str, Any]:
    async with bl.Clients(direct_url, c) as d, bl.Clients(gw_url, c, bl.API_KEY) as g:
        await bl.closed_loop(warm_count(n, c), d, bl.direct_chat_stream())
        direct = await bl.closed_loop(n, d, bl.direct_chat_stream())
        await bl.closed_loop(warm_count(n, c), g, bl.consult_stream("ttft-warm"))
        before = await bl.scrape(gw_url)
        gw = await bl.closed_loop(n, g, bl.consult_stream("ttft"))
        after = await bl.scrape(gw_url)
    dt, gt = direct.ttft(), gw.ttft()
    return {
        "concurrency": c,
        "requests": n,
        "direct_ttft_ms": dt,
        "gateway_ttft_ms": gt,
        "added_ms": added(dt, gt),
        "direct_total_ms": direct.latency(),
        "gateway_total_ms": gw.latency(),
        **upstream(before, after),
    }


async def cpu_scenario(stack: Stack, n: int) -> dict[str, Any]:
    gw = stack.gateways["instant"]
    pids = {
        "gateway": gw.pid,
        "fake_ollama": stack.fakes["instant"].pid,
        "redis": stack.redis.proc.pid,
        "load_generator": os.getpid(),
    }
    async with bl.Clients(stack.urls["gw_instant"], CPU_CONCURRENCY, bl.API_KEY) as g:
        await bl.closed_loop(40, g, bl.consult("cpu-warm"))
        threads0 = bl.thread_cpu_seconds(gw.pid)
        watch = bl.CpuWatch(pids).start()
        run = await bl.closed_loop(n, g, bl.consult("cpu"))
        usage = watch.stop()
        by_thread = bl.thread_cpu_delta(gw.pid, threads0, bl.thread_cpu_seconds(gw.pid))
    ok = len(run.good)
    ms = usage["cpu_s"]["gateway"] / max(ok, 1) * 1000
    fake_ms = usage["cpu_s"]["fake_ollama"] / max(ok, 1) * 1000
    return {
        "requests": n,
        "ok": ok,
        "concurrency": CPU_CONCURRENCY,
        "gateway_cpu_ms_per_consultation": round(ms, 2),
        "consultations_per_s_per_core": round(1000 / ms, 1) if ms > 0 else None,
        "fake_ollama_cpu_ms_per_request": round(fake_ms, 2),
        # the event loop's thread vs helper threads (torch/OpenMP/FAISS, by thread name)
        "gateway_cpu_ms_per_consultation_by_thread": {
            k: round(v / max(ok, 1) * 1000, 2) for k, v in by_thread.items()
        },
        "process_cpu": usage,
        "clock_tick_ms": round(1000 / bl.CLK_TCK, 1),
        "errors": run.errors(),
    }


async def throughput_scenario(stack: Stack, n: int) -> dict[str, Any]:
    c = TPUT_CONCURRENCY
    base = {
        "fake_ollama": stack.fakes["instant"].pid,
        "redis": stack.redis.proc.pid,
        "load_generator": os.getpid(),
    }
    out: dict[str, Any] = {"concurrency": c, "requests": n}

    async def measure(urls: list[str], gateways: dict[str, int], tag: str) -> dict[str, Any]:
        key = bl.API_KEY if gateways else None
        one = bl.consult(tag) if gateways else bl.direct_chat()
        warm = bl.consult(f"{tag}-warm") if gateways else one
        async with bl.Clients(urls, c, key) as clients:
            await bl.closed_loop(warm_count(n, c), clients, warm)
            before = [await bl.scrape(u) for u in urls] if gateways else []
            watch = bl.CpuWatch({**gateways, **base}).start()
            run = await bl.closed_loop(n, clients, one)
            usage = watch.stop()
            seen = [upstream(b, await bl.scrape(u)) for b, u in zip(before, urls, strict=False)]
        lg = usage["cpu_s"]["load_generator"] / max(len(run.samples), 1) * 1000
        return {
            **run.latency(),
            "process_cpu": usage,
            "load_generator_cpu_ms_per_request": round(lg, 2),
            **({"upstream": seen} if seen else {}),
        }

    out["direct"] = await measure([stack.urls["fake_instant"]], {}, "direct")
    out["gateway_1_worker"] = await measure(
        [stack.urls["gw_instant"]], {"gateway": stack.gateways["instant"].pid}, "tput1"
    )
    if "instant2x" in stack.gateways:  # gateway serve --workers 2
        out["gateway_2_workers"] = await measure(
            [stack.urls["gw_instant2x"]], {"gateway": stack.gateways["instant2x"].pid}, "tput2"
        )
    else:  # two processes, round-robin in the load generator
        out["gateway_2_workers"] = await measure(
            [stack.urls["gw_instant"], stack.urls["gw_instant2"]],
            {
                "gateway_a": stack.gateways["instant"].pid,
                "gateway_b": stack.gateways["instant2"].pid,
            },
            "tput2",
        )
    d_rps = out["direct"]["rps"]
    one, two = out["gateway_1_worker"]["rps"], out["gateway_2_workers"]["rps"]
    out["gateway_1_worker_vs_direct"] = round(one / d_rps, 3) if d_rps else None
    out["two_vs_one_worker"] = round(two / one, 3) if one else None
    return out


async def emergency_scenario(stack: Stack, counts: dict[str, int]) -> dict[str, Any]:
    url = stack.urls["gw_emergency"]
    out: dict[str, Any] = {"ollama_url": "a closed port (no listener)"}
    sent = 0

    def em(tag: str) -> bl.OneRequest:
        return bl.consult(
            tag, message=bl.EMERGENCY, expect_model="gateway-triage", need_citations=False
        )

    start = await bl.scrape(url)
    async with bl.Clients(url, 1, bl.API_KEY) as one:
        await bl.closed_loop(20, one, bl.get_path("/healthz"))
        out["healthz_c1_ms"] = (
            await bl.closed_loop(counts["healthz"], one, bl.get_path("/healthz"))
        ).latency()
    for c, key in ((1, "emergency1"), (16, "emergency16")):
        n = counts[key]
        warm = warm_count(n, c)
        async with bl.Clients(url, c, bl.API_KEY) as g:
            await bl.closed_loop(warm, g, em(f"em{c}-warm"))
            before = await bl.scrape(url)
            watch = bl.CpuWatch({"gateway": stack.gateways["emergency"].pid}).start()
            run = await bl.closed_loop(n, g, em(f"em{c}"))
            usage = watch.stop()
            after = await bl.scrape(url)
        sent += warm + n
        ok = len(run.good)
        out[f"c{c}"] = {
            **run.latency(),
            "cpu_ms_per_request": round(usage["cpu_s"]["gateway"] / max(ok, 1) * 1000, 2),
            "stages_ms": bl.stage_means(before, after),
        }
    end = await bl.scrape(url)

    def grew(name: str) -> int:
        return int(bl.metric_total(end, name) - bl.metric_total(start, name))

    upstream_errors = grew("gateway_upstream_errors_total")
    emergencies = grew("gateway_emergencies_total")
    out["check"] = {
        "emergency_requests_sent": sent,
        "gateway_emergencies_total_delta": emergencies,
        "gateway_upstream_errors_total_delta": upstream_errors,
        "gateway_degraded_total_delta": grew("gateway_degraded_total"),
        "ollama_untouched": upstream_errors == 0 and emergencies == sent,
    }
    out["added_vs_healthz_ms"] = {
        f"c{c}": added(out["healthz_c1_ms"], out[f"c{c}"]) for c in (1, 16)
    }
    return out


def memory(stack: Stack) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, child in stack.gateways.items():
        for pid in bl.tree_pids(child.pid):
            with contextlib.suppress(OSError):
                out[f"gateway_{name}" + ("" if pid == child.pid else f"_{pid}")] = bl.memory_mib(
                    pid
                )
    for name, child in stack.fakes.items():
        out[f"fake_ollama_{name}"] = bl.memory_mib(child.pid)
    out["redis"] = bl.memory_mib(stack.redis.proc.pid)
    out["load_generator"] = bl.memory_mib(os.getpid())
    return out


async def gateway_phases(stack: Stack, counts: dict[str, int], phases: Phases) -> dict[str, Any]:
    u = stack.urls
    res: dict[str, Any] = {}
    with phase(phases, "latency, instant backend, c=1"):
        res["latency_instant_c1"] = await latency_scenario(
            u["fake_instant"], u["gw_instant"], counts["c1"], 1, "i1"
        )
    res["memory_after_warmup"] = memory(stack)
    with phase(phases, "latency, 200 ms backend, c=16"):
        res["latency_ttft200_c16"] = await latency_scenario(
            u["fake_slow"], u["gw_slow"], counts["c16"], 16, "s16"
        )
    with phase(phases, "latency, 200 ms backend, c=64"):
        res["latency_ttft200_c64"] = await latency_scenario(
            u["fake_slow"], u["gw_slow"], counts["c64"], 64, "s64"
        )
    with phase(phases, "time to first token, c=16"):
        res["ttft_c16"] = await ttft_scenario(u["fake_slow"], u["gw_slow"], counts["ttft"], 16)
    with phase(phases, "CPU per consultation"):
        res["cpu"] = await cpu_scenario(stack, counts["cpu"])
    with phase(phases, "throughput"):
        res["throughput"] = await throughput_scenario(stack, counts["tput"])
    with phase(phases, "emergency path"):
        res["emergency"] = await emergency_scenario(stack, counts)
    res["memory_end"] = memory(stack)
    return res


# ---------------------------------------------------------------------------------------------
# report


def fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)


def check(value: float | None, limit: float) -> tuple[str, bool | None]:
    if value is None:
        return f"<= {limit:g}", None
    return f"<= {limit:g}", value <= limit


def build_rows(r: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    g = r.get("gateway", {})

    def lat(section: str, key: str, targets: dict[str, float]) -> None:
        s = g.get(key)
        if not s:
            return
        for p in ("p50", "p95", "p99"):
            d = s["added_ms"].get(p)
            tgt, ok = check(d, targets[p]) if p in targets else ("", None)
            rows.append(
                Row(
                    section,
                    f"{p} (c={s['concurrency']}, n={s['requests']})",
                    s["direct_ms"].get(p),
                    s["gateway_ms"].get(p),
                    d,
                    "ms",
                    tgt,
                    ok,
                )
            )
        errs = {**s["direct_ms"]["errors"], **s["gateway_ms"]["errors"]}
        if errs:
            rows.append(Row(section, "errors", None, str(errs), None, "", "none", False))
        if s.get("upstream_errors"):
            rows.append(
                Row(
                    section,
                    "  gateway's upstream errors (→ fallback)",
                    None,
                    str(s["upstream_errors"]),
                    None,
                    "",
                )
            )

    lat(
        "1. added latency, instant backend",
        "latency_instant_c1",
        {"p50": TARGETS["instant_c1_added_p50"], "p99": TARGETS["instant_c1_added_p99"]},
    )
    lat(
        "1. added latency, 200 ms TTFT backend",
        "latency_ttft200_c16",
        {"p50": TARGETS["ttft200_c16_added_p50"], "p99": TARGETS["ttft200_c16_added_p99"]},
    )
    lat("1. added latency, 200 ms TTFT backend", "latency_ttft200_c64", {})
    t = g.get("ttft_c16")
    if t:
        for p in ("p50", "p95", "p99"):
            d = t["added_ms"].get(p)
            tgt, ok = check(d, TARGETS["ttft_overhead_p50"]) if p == "p50" else ("", None)
            rows.append(
                Row(
                    "2. time to first token, 200 ms backend",
                    f"{p} (c=16, n={t['requests']})",
                    t["direct_ttft_ms"].get(p),
                    t["gateway_ttft_ms"].get(p),
                    d,
                    "ms",
                    tgt,
                    ok,
                )
            )
        errs = {**t["direct_ttft_ms"]["errors"], **t["gateway_ttft_ms"]["errors"]}
        if errs:
            rows.append(
                Row(
                    "2. time to first token, 200 ms backend",
                    "errors",
                    None,
                    str(errs),
                    None,
                    "",
                    "none",
                    False,
                )
            )
    tp = g.get("throughput")
    if tp:
        sec = f"3. throughput, instant backend (c={tp['concurrency']}, n={tp['requests']})"
        d = tp["direct"]["rps"]
        one = tp["gateway_1_worker"]["rps"]
        two = tp["gateway_2_workers"]["rps"]
        rows.append(Row(sec, "1 worker", d, one, f"x{tp['gateway_1_worker_vs_direct']}", "req/s"))
        rows.append(Row(sec, "2 workers", d, two, f"x{round(two / d, 3) if d else '-'}", "req/s"))
        rows.append(Row(sec, "2 vs 1 worker", one, two, f"x{tp['two_vs_one_worker']}", "req/s"))
        rows.append(
            Row(
                sec,
                "load generator CPU per request",
                tp["direct"]["load_generator_cpu_ms_per_request"],
                tp["gateway_1_worker"]["load_generator_cpu_ms_per_request"],
                None,
                "ms",
            )
        )
        for k in ("gateway_1_worker", "gateway_2_workers"):
            if tp[k]["errors"]:
                rows.append(
                    Row(sec, f"errors {k}", None, str(tp[k]["errors"]), None, "", "none", False)
                )
    em = g.get("emergency")
    if em:
        sec = "4. emergency path (Ollama = closed port)"
        base = em["healthz_c1_ms"]
        for c in (1, 16):
            s = em[f"c{c}"]
            for p in ("p50", "p99"):
                tgt, ok = check(s.get(p), TARGETS["emergency_p99"]) if p == "p99" else ("", None)
                rows.append(
                    Row(
                        sec,
                        f"{p} (c={c}, n={s['n']}) vs /healthz c=1",
                        base.get(p),
                        s.get(p),
                        round(s[p] - base[p], 3) if p in s and p in base else None,
                        "ms",
                        tgt,
                        ok,
                    )
                )
            rows.append(Row(sec, f"throughput c={c}", None, s["rps"], None, "req/s"))
        chk = em["check"]
        rows.append(
            Row(
                sec,
                "requests reaching Ollama",
                None,
                chk["gateway_upstream_errors_total_delta"],
                None,
                "",
                "0",
                chk["ollama_untouched"],
            )
        )
    lat1 = g.get("latency_instant_c1")
    if lat1:
        sec = "5. per-stage mean (instant, c=1)"
        total = 0.0
        for stage, s in lat1["stages_ms"].items():
            if stage in RETRIEVAL_PARTS:
                # Inside the retrieval thread, overlapping the lock and history read: the
                # request waits only for what "retrieve" shows.
                rows.append(Row(sec, f"{stage} (retrieval thread)", None, s["mean_ms"], None))
                continue
            total += s["mean_ms"]
            rows.append(Row(sec, stage, None, s["mean_ms"], None, "ms"))
        rows.append(Row(sec, "sum of stages on the request's path", None, round(total, 3), None))
        call = lat1.get("upstream_call_mean_ms")
        direct_mean = lat1["direct_ms"].get("mean")
        gw_mean = lat1["gateway_ms"].get("mean")
        if call is not None and direct_mean is not None:
            rows.append(
                Row(
                    sec,
                    "Ollama call: gateway's view vs direct (mean)",
                    direct_mean,
                    call,
                    round(call - direct_mean, 3),
                    "ms",
                )
            )
            if gw_mean is not None:
                rest = gw_mean - direct_mean - total - (call - direct_mean)
                rows.append(
                    Row(
                        sec,
                        "rest: HTTP, auth, limits, lock, prompt, JSON",
                        None,
                        round(rest, 3),
                        None,
                        "ms",
                    )
                )
                rows.append(
                    Row(
                        sec,
                        "= added latency (mean)",
                        direct_mean,
                        gw_mean,
                        round(gw_mean - direct_mean, 3),
                        "ms",
                    )
                )
    s16 = g.get("latency_ttft200_c16")
    if s16:
        sec = "5. per-stage mean (200 ms backend, c=16)"
        for stage, s in s16["stages_ms"].items():
            rows.append(Row(sec, stage, None, s["mean_ms"], None, "ms"))
    cpu = g.get("cpu")
    if cpu:
        sec = "6. CPU per consultation (instant, c=4)"
        v = cpu["gateway_cpu_ms_per_consultation"]
        tgt, ok = check(v, TARGETS["cpu_ms_per_consultation"])
        rows.append(
            Row(
                sec,
                "gateway CPU / consultation",
                cpu["fake_ollama_cpu_ms_per_request"],
                v,
                None,
                "ms",
                tgt,
                ok,
            )
        )
        for name, ms in cpu.get("gateway_cpu_ms_per_consultation_by_thread", {}).items():
            rows.append(Row(sec, f"  of which {name}", None, ms, None, "ms"))
        rows.append(
            Row(
                sec,
                "implied consultations/s per core",
                None,
                cpu["consultations_per_s_per_core"],
                None,
                "1/s",
            )
        )
    mem = g.get("memory_after_warmup")
    if mem:
        sec = "7. resident memory after warm-up"
        rows.append(
            Row(
                sec,
                "gateway VmRSS (baseline: fake Ollama process)",
                mem.get("fake_ollama_instant", {}).get("VmRSS"),
                mem.get("gateway_instant", {}).get("VmRSS"),
                None,
                "MiB",
            )
        )
        end = g.get("memory_end", {})
        for name, m in end.items():
            if name.startswith("gateway_"):
                rows.append(
                    Row(
                        sec,
                        f"{name} at end (VmRSS / VmHWM)",
                        None,
                        f"{m.get('VmRSS')} / {m.get('VmHWM')}",
                        None,
                        "MiB",
                    )
                )
    ix = r.get("index", {})
    if ix:
        sec = "8. knowledge index"
        fb = ix["fresh_build"]
        rows.append(
            Row(
                sec,
                f"build knowledge/, real model ({fb['chunks']} chunks, "
                f"torch {ix['build_torch_threads']} thr)",
                None,
                fb["seconds"],
                None,
                "s",
            )
        )
        rows.append(
            Row(
                sec,
                "  chunks/s (embedding share)",
                None,
                fb["chunks_per_s"],
                f"{fb['steps_s']['embed'] / fb['seconds']:.0%}",
                "1/s",
            )
        )
        cb = ix["rebuild_from_embedding_cache"]
        rows.append(Row(sec, "rebuild from embedding cache", None, cb["seconds"], None, "s"))
        torch_ms = ix["query_embedding_ms_torch_1_thread"]
        for backend, label in (("onnx", "ONNX fp32"), ("onnx-int8", "ONNX int8 (served)")):
            got = ix[f"query_embedding_ms_{backend}"]
            rows.append(
                Row(
                    sec,
                    f"query embedding p50/p99, {label} vs torch 1 thread",
                    f"{torch_ms['p50']} / {torch_ms['p99']}",
                    f"{got['p50']} / {got['p99']}",
                    f"{torch_ms['p50'] / max(got['p50'], 1e-9):.1f}x faster",
                    "ms",
                )
            )
        rows.append(
            Row(
                sec,
                "whole hybrid search p50 / p99",
                None,
                f"{ix['hybrid_search_ms']['p50']} / {ix['hybrid_search_ms']['p99']}",
                None,
                "ms",
            )
        )
    for f in r.get("faiss", []):
        sec = "8. FAISS search, random 384-d vectors (k=30)"
        cached = " (cached)" if f["build_cached"] else ""
        rows.append(
            Row(
                sec,
                f"{f['chunks']:>6} {f['index']} p50 / p99",
                None,
                f"{f['search_p50_ms']} / {f['search_p99_ms']}",
                f"build {f['build_s']} s{cached}"
                + (
                    f", top-1 recall {f['recall_at_1_vs_flat']}"
                    if f["recall_at_1_vs_flat"] is not None
                    else ""
                ),
                "ms",
            )
        )
    sb = r.get("synthetic_build")
    if sb:
        sec = "8. synthetic build, fake embedder"
        rows.append(
            Row(
                sec,
                f"{sb['chunks']} chunks ({sb['index_type']})",
                None,
                sb["chunks_per_s"],
                f"{sb['seconds']} s total",
                "chunks/s",
            )
        )
        rows.append(
            Row(
                sec,
                "  excluding FAISS construction",
                None,
                sb["chunks_per_s_excl_faiss"],
                f"faiss {sb['steps_s'].get('make_faiss_index')} s",
                "chunks/s",
            )
        )
    return rows


def print_table(rows: list[Row], machine: dict[str, Any]) -> None:
    print()
    print(
        f"machine: {machine['cpu_model']}, {machine['cores']} cores, "
        f"Python {machine['python']}, {machine['platform']}"
    )
    head = ("measure", "baseline", "gateway", "diff", "unit", "target", "result")
    widths = (50, 10, 14, 26, 8, 8, 6)

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 or i >= 3 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            print(f"\n== {section}")
            print(line(head))
        result = "" if row.passed is None else ("PASS" if row.passed else "FAIL")
        delta = row.delta
        if isinstance(delta, float):
            delta = f"{delta:+.2f}"
        print(
            line(
                (
                    row.measure,
                    fmt(row.baseline),
                    fmt(row.gateway),
                    fmt(delta),
                    row.unit,
                    row.target,
                    result,
                )
            )
        )
    print()


NOISY_CORES = 0.2


def print_phases(phases: Phases) -> None:
    print("phase                                                  wall s  foreign CPU (cores)")
    for name, p in phases.items():
        flag = (
            "  <- other processes were busy: treat with care"
            if p["foreign_cores"] > NOISY_CORES
            else ""
        )
        who = ", ".join(f"{k} {v}" for k, v in p.get("foreign_top", {}).items())
        print(f"{name:<54} {p['wall_s']:>6.1f}  {p['foreign_cores']:>6.2f}{flag}")
        if flag and who:
            print(f"{'':<56}busiest: {who}")


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="quarter counts, small corpora")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-cache", action="store_true", help="rebuild the 100k HNSW index")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (logs)")
    parser.add_argument("--index-worker", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.index_worker:
        bl.index_worker(Path(args.index_worker[0]), Path(args.index_worker[1]))
        return 0
    os.chdir(REPO)
    # SIGTERM (e.g. a CI time-out) unwinds like Ctrl-C, so every server is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    counts = {k: max(v // 4, 20) for k, v in COUNTS.items()} if args.quick else dict(COUNTS)
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="gw-bench-"))
    phases: Phases = {}
    report: dict[str, Any] = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": bl.machine_info(),
        "quick": args.quick,
        "counts": counts,
        "targets_ms": TARGETS,
        "config": {
            "slow_backend_ttft_s": SLOW_TTFT,
            "fake_ollama": "tests.fake_ollama, default short answer (11 chunks), no token delay",
            "routine_message": bl.ROUTINE,
            "emergency_message": bl.EMERGENCY,
            "load_generator": "aiohttp session per worker, closed loop, fresh patient each",
            "percentiles": "numpy linear interpolation; diff = gateway - direct per percentile",
        },
        "phases": phases,
        "gateway_settings_raised": {
            k: v for k, v in bl.BENCH_SETTINGS.items() if k in Settings.model_fields
        },
    }
    stack: Stack | None = None
    failed = False
    try:
        with phase(phases, "index build of knowledge/ (real model, child process)"):
            report["index"] = run_index_worker(tmp)
        with phase(phases, "start redis, fake Ollama, gateways"):
            stack, report["stack"] = start_stack(tmp, tmp / "index")
        report["gateway"] = asyncio.run(gateway_phases(stack, counts, phases))
        stack.stop()
        stack = None
        with phase(phases, "FAISS search by size"):
            sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
            report["faiss"] = bl.faiss_search_by_size(sizes, None if args.no_cache else CACHE)
        with phase(phases, "synthetic build, fake embedder"):
            work = tmp / "synthetic"
            work.mkdir()
            report["synthetic_build"] = bl.synthetic_build(5_000 if args.quick else 50_000, work)
            shutil.rmtree(work, ignore_errors=True)
    except BaseException as exc:
        failed = True
        report["error"] = f"{type(exc).__name__}: {exc}"
        print(f"benchmark failed: {report['error']}", file=sys.stderr)
        if stack is not None:
            for child in [*stack.gateways.values(), *stack.fakes.values()]:
                print(f"--- {child.name} log tail:\n{child.tail(15)}", file=sys.stderr)
        if not isinstance(exc, Exception):
            raise
    finally:
        if stack is not None:
            stack.stop()
        report["duration_s"] = round(time.perf_counter() - started, 1)
        rows = build_rows(report)
        report["table"] = [row.__dict__ for row in rows]
        report["all_targets_met"] = all(r.passed for r in rows if r.passed is not None)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        print_table(rows, report["machine"])
        print_phases(phases)
        print(f"total {report['duration_s']} s; results in {args.out}")
        if args.keep:
            print(f"logs kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
