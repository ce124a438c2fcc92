"""`make soak`: steady load on two gateway processes while things break; nothing may be lost.

Starts a durable Redis (append-only file, fsync always), the fake Ollama in echo mode and two
gateway processes sharing both, then drives steady load for --duration seconds (loopback only):
* a share of messages carry "fault:<kind>" markers, and the fake fails exactly those calls
  (503 before the first byte, an error line, an early end of stream, a hang);
* Redis is killed (SIGKILL) at 30% of the run and restarted a few seconds later;
* the second gateway is restarted (SIGTERM, graceful) at 60% of the run.
Half of the consultations stream (SSE). Afterwards every patient's history is read back and
checked against what the load generator knows it sent and was told:
* lost: answered 200 without "degraded" yet missing from the history;
* duplicated: one message stored more than once;
* phantom: stored although the caller got an error (no half-written histories);
* unexplained 5xx: a server error on a message without a fault marker that was not sent to a
  restarting gateway.
Prints a table, writes bench-results/soak.json, exits 1 when any of those four is non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import bench_lib as bl  # noqa: E402

from tests.servers import RedisServer, free_port  # noqa: E402

QUESTION = "how much water should I drink each day when it is hot?"
FAULT_KINDS = ("busy", "error", "eof", "hang")


@dataclass
class Sent:
    n: int
    patient: str
    gateway: int
    fault: str
    stream: bool
    started: float
    ended: float = 0.0
    status: int = 0  # HTTP status; 0 = no response (connection error)
    outcome: str = ""  # answered | fallback | degraded | stream-error | error | transport
    detail: str = ""
    retried: bool = False  # refused by a gateway that was down, sent to the other

    @property
    def message(self) -> str:
        marker = f" fault:{self.fault}" if self.fault else ""
        return f"soak question {self.n}{marker}: {QUESTION}"


class Stack:
    def __init__(self, tmp: Path, args: argparse.Namespace) -> None:
        self.tmp = tmp
        self.redis = RedisServer(durable=True)
        port = free_port()
        self.fake = bl.Child(
            "fake-ollama",
            [sys.executable, "-m", "tests.fake_ollama", "--port", str(port), "--echo",
             "--faults-from-messages", "--token-delay", "0.005"],
            tmp / "fake.log",
        )
        bl.wait_http(f"http://127.0.0.1:{port}/api/version", self.fake)
        self.env = bl.gateway_env(self.redis.url, f"http://127.0.0.1:{port}", args.index_dir)
        self.env.update({
            "GATEWAY_ENCODER_DIR": str(args.encoder_dir),
            "GATEWAY_OLLAMA_IDLE_TIMEOUT": "1.5",  # a hang ends in 1.5 s, not the default
            "GATEWAY_HISTORY_MAX_TURNS": "500",  # nothing trimmed: every turn can be checked
            "GATEWAY_PATIENT_RATE_LIMIT": "100000/60",
            "GATEWAY_OLLAMA_WARMUP": "false",
        })
        self.ports = [free_port(), free_port()]
        self.restarts = 0
        self.gateways = [self._start(i) for i in range(2)]
        self.restart_window: tuple[float, float] = (0.0, 0.0)
        self.redis_window: tuple[float, float] = (0.0, 0.0)

    def url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.ports[i]}"

    def _start(self, i: int) -> bl.Child:
        name = f"gateway-{i}-{self.restarts}"
        child = bl.gateway(self.ports[i], self.env, self.tmp / f"{name}.log")
        bl.wait_http(f"{self.url(i)}/healthz", child, timeout=180)
        return child

    def kill_redis(self, down_for: float) -> None:
        start = time.monotonic()
        self.redis.kill()
        time.sleep(down_for)
        self.redis.start()
        self.redis_window = (start, time.monotonic())

    def restart_gateway(self, i: int) -> None:
        start = time.monotonic()
        self.gateways[i].stop()
        self.restarts += 1
        self.gateways[i] = self._start(i)
        self.restart_window = (start, time.monotonic())

    def stop(self) -> None:
        for child in [*self.gateways, self.fake]:
            child.stop()
        self.redis.stop()


async def one(client: httpx.AsyncClient, stack: Stack, sent: Sent) -> None:
    try:
        await _one(client, stack, sent)
    except httpx.ConnectError:
        # What a load balancer does: nothing reached that gateway, so the other one gets it.
        sent.gateway, sent.retried = 1 - sent.gateway, True
        await _one(client, stack, sent)


async def _one(client: httpx.AsyncClient, stack: Stack, sent: Sent) -> None:
    body = {"patient_id": sent.patient, "message": sent.message, "stream": sent.stream}
    url = f"{stack.url(sent.gateway)}/v1/consultations"
    try:
        if sent.stream:
            async with client.stream("POST", url, json=body) as r:
                sent.status = r.status_code
                text = (await r.aread()).decode()
            events = [e for e in text.split("\n\n") if e.strip()]
            last = events[-1] if events else ""
            if r.status_code != 200:
                sent.outcome = "error"
            elif last.startswith("event: done"):
                done = json.loads(last.split("data: ", 1)[1])
                sent.outcome = _answered(done["model"], done["degraded"])
            else:
                sent.outcome, sent.detail = "stream-error", last[-120:]
        else:
            r = await client.post(url, json=body)
            sent.status = r.status_code
            if r.status_code == 200:
                data = r.json()
                sent.outcome = _answered(data["model"], data["degraded"])
            else:
                sent.outcome, sent.detail = "error", r.text[:160]
    except httpx.ConnectError:
        if not sent.retried:
            raise
        sent.outcome, sent.detail = "transport", "ConnectError"
    except httpx.HTTPError as exc:
        sent.outcome, sent.detail = "transport", type(exc).__name__
    sent.ended = time.monotonic()


def _answered(model: str, degraded: bool) -> str:
    if degraded:
        return "degraded"  # may or may not be stored (e.g. Redis down): checked for dupes only
    return "fallback" if model == "gateway-knowledge" else "answered"


async def drive(stack: Stack, args: argparse.Namespace, log: list[Sent]) -> None:
    rng = random.Random(args.seed)
    patients = [f"soak-{i}" for i in range(args.patients)]
    deadline = time.monotonic() + args.duration
    counter = iter(range(10**9))
    headers = {"Authorization": f"Bearer {bl.API_KEY}"}
    async with httpx.AsyncClient(headers=headers, timeout=60) as client:

        async def worker() -> None:
            while time.monotonic() < deadline:
                fault = rng.choice(FAULT_KINDS) if rng.random() < args.fault_share else ""
                sent = Sent(next(counter), rng.choice(patients), rng.randrange(2), fault,
                            rng.random() < 0.5, time.monotonic())
                log.append(sent)
                await one(client, stack, sent)
                await asyncio.sleep(rng.uniform(0, 2 / args.rate))

        await asyncio.gather(*(worker() for _ in range(args.concurrency)))


def faults(stack: Stack, args: argparse.Namespace, t0: float) -> None:
    time.sleep(max(0.0, t0 + 0.3 * args.duration - time.monotonic()))
    stack.kill_redis(down_for=min(5.0, args.duration * 0.05))
    time.sleep(max(0.0, t0 + 0.6 * args.duration - time.monotonic()))
    stack.restart_gateway(1)


def check(stack: Stack, log: list[Sent]) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {bl.API_KEY}"}
    stored: Counter[int] = Counter()
    malformed = 0
    for patient in sorted({s.patient for s in log}):
        r = httpx.get(f"{stack.url(0)}/v1/patients/{patient}/history", headers=headers)
        turns = r.json()["turns"] if r.status_code == 200 else []
        for user, reply in zip(turns[::2], turns[1::2], strict=False):
            number = re.match(r"soak question (\d+)", user["content"])
            if number is None:  # not what was sent (e.g. redaction changed it)
                malformed += 1
                continue
            n = int(number.group(1))
            stored[n] += 1
            ok_pair = user["role"] == "user" and reply["role"] == "assistant"
            if not ok_pair or (reply["content"].startswith("echo:")
                               and reply["content"] != f"echo: {user['content']}"):
                malformed += 1
        malformed += len(turns) % 2
    by_n = {s.n: s for s in log}
    restart, redis_down = stack.restart_window, stack.redis_window

    def during(s: Sent, window: tuple[float, float]) -> bool:
        return s.started <= window[1] and s.ended >= window[0]

    unexplained = [
        s for s in log
        if (s.status >= 500 or s.outcome in ("stream-error", "transport")) and not s.fault
        and not (s.gateway == 1 and during(s, restart))
    ]
    failed = {"error", "stream-error", "transport"}
    return {
        "requests": len(log),
        "outcomes": dict(Counter(f"{s.outcome} {s.status}" for s in log).most_common()),
        "fault_markers": dict(Counter(s.fault or "none" for s in log)),
        "lost": sorted(s.n for s in log if s.outcome in ("answered", "fallback")
                       and stored[s.n] == 0),
        "duplicated": sorted(n for n, c in stored.items() if c > 1),
        "phantom": sorted(n for n in stored if by_n[n].outcome in failed
                          and by_n[n].outcome != "transport"),
        "stored_after_transport_error": sorted(
            n for n in stored if by_n[n].outcome == "transport"),
        "malformed_pairs": malformed,
        "unexplained_5xx": [asdict(s) for s in unexplained][:20],
        "unexplained_5xx_count": len(unexplained),
        "examples": {
            key: [asdict(s) for s in log if f"{s.outcome} {s.status}" == key][:4]
            for key in {f"{s.outcome} {s.status}" for s in log} if not key.startswith("answered")
        },
        "sent_during_redis_outage": sum(during(s, redis_down) for s in log),
        "sent_to_restarting_gateway": sum(s.gateway == 1 and during(s, restart) for s in log),
        "moved_to_the_other_gateway": sum(s.retried for s in log),
    }


def rss(child: bl.Child) -> float | str:
    if not child.alive():
        return f"exited ({child.proc.returncode}): {child.tail(3)}"
    return bl.memory_mib(child.pid).get("VmRSS", 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=150.0, help="seconds of load")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate", type=float, default=4.0, help="requests/s per client, at most")
    parser.add_argument("--patients", type=int, default=30)
    parser.add_argument("--fault-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--index-dir", type=Path, default=REPO / "data/index")
    parser.add_argument("--encoder-dir", type=Path, default=REPO / "data/encoder")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results/soak.json")
    args = parser.parse_args()
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="gw-soak-"))
    stack = Stack(tmp, args)
    try:
        memory_start = [rss(g) for g in stack.gateways]
        log: list[Sent] = []
        t0 = time.monotonic()
        # The load runs in a thread and the faults in this one: a child started by a thread
        # gets SIGTERM when that thread ends (PR_SET_PDEATHSIG), so restarts happen here.
        load = threading.Thread(target=lambda: asyncio.run(drive(stack, args, log)))
        load.start()
        faults(stack, args, t0)
        load.join()
        wall = time.monotonic() - t0
        memory_end = [rss(g) for g in stack.gateways]
        report = check(stack, log)
    finally:
        stack.stop()
    report.update({
        "duration_s": round(wall, 1),
        "throughput_rps": round(len(log) / wall, 1),
        "gateway_rss_mib": {"gateway-0 start": memory_start[0], "gateway-0 end": memory_end[0],
                            "gateway-1 after its restart, end": memory_end[1]},
        "logs": str(tmp),
    })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"{report['requests']} consultations in {report['duration_s']} s "
          f"({report['throughput_rps']}/s), fault markers {report['fault_markers']}")
    for outcome, count in report["outcomes"].items():
        print(f"  {outcome:<24} {count}")
    print(f"sent during the Redis outage: {report['sent_during_redis_outage']}, to the "
          f"restarting gateway: {report['sent_to_restarting_gateway']} "
          f"({report['moved_to_the_other_gateway']} refused and sent to the other)")
    print(f"gateway RSS MiB: {report['gateway_rss_mib']}")
    verdict = {k: len(report[k]) for k in ("lost", "duplicated", "phantom")}
    verdict["unexplained 5xx"] = report["unexplained_5xx_count"]
    verdict["malformed pairs"] = report["malformed_pairs"]
    for name, count in verdict.items():
        print(f"{name:<24} {count}  (target 0)")
    print(f"results: {args.out}")
    return 0 if not any(verdict.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
