"""Per-patient context in a real Redis: order, isolation, bounds, trimming, erasure, outages."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import redis

from tests.conftest import API_KEY
from tests.fake_ollama import FakeOllama, Reply
from tests.servers import RedisServer

AUTH = {"Authorization": f"Bearer {API_KEY}"}


def post(url: str, patient: str, message: str, **extra: object) -> httpx.Response:
    return httpx.post(f"{url}/v1/consultations", headers=AUTH, timeout=60,
                      json={"patient_id": patient, "message": message, **extra})


def test_concurrent_consultations_for_one_patient_are_serialized(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    url = gateway_factory(history_max_turns=60, patient_lock_wait_seconds=30.0)
    fake_ollama.script(*[Reply(echo=True) for _ in range(50)])
    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = list(pool.map(lambda i: post(url, "p-busy", f"question number {i}").status_code,
                              range(50)))
    assert codes == [200] * 50
    turns = httpx.get(f"{url}/v1/patients/p-busy/history", headers=AUTH).json()["turns"]
    assert len(turns) == 100
    for question, answer in zip(turns[::2], turns[1::2], strict=True):
        assert question["role"] == "user" and answer["role"] == "assistant"
        assert answer["content"] == f"echo: {question['content']}"
    assert sorted(int(t["content"].rsplit(" ", 1)[1]) for t in turns[::2]) == list(range(50))
    assert fake_ollama.max_active == 1  # one patient never has two generations at once


def test_second_request_gets_409_after_the_wait(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(patient_lock_wait_seconds=0.3)
    fake_ollama.script(Reply(content=["slow"] * 10, chunk_delay=0.15))
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(post, url, "p-409", "first question")
        time.sleep(0.2)
        second = post(url, "p-409", "second question")
    assert first.result().status_code == 200
    assert second.status_code == 409
    assert second.headers["retry-after"] and "still running" in second.json()["detail"]
    assert len(fake_ollama.chat_requests()) == 1


def test_emergency_is_not_blocked_by_a_running_consultation(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(patient_lock_wait_seconds=0.3)
    fake_ollama.script(Reply(content=["slow"] * 10, chunk_delay=0.15))
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(post, url, "p-em-lock", "a routine question")
        time.sleep(0.2)
        emergency = post(url, "p-em-lock", "my chest is crushing and I'm sweating")
    assert emergency.status_code == 200
    assert emergency.json()["triage"]["level"] == "emergency"
    assert first.result().status_code == 200


def test_max_turns_and_ttl(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    url = gateway_factory(history_max_turns=2, history_ttl_seconds=120)
    for i in range(3):
        post(url, "p-bound", f"message {i}")
    turns = httpx.get(f"{url}/v1/patients/p-bound/history", headers=AUTH).json()["turns"]
    assert [t["content"] for t in turns[::2]] == ["message 1", "message 2"]
    (key,) = [k for k in redis_client.keys("*") if k.endswith(":history")]
    assert 0 < redis_client.ttl(key) <= 120


def test_history_is_trimmed_to_the_context_budget(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(context_tokens=1024, ollama_num_predict=256)
    long = "I have a question about my diet and sleep. " * 40  # ~440 tokens
    for i in range(3):
        post(url, "p-trim", f"{i}: {long}")
    last = fake_ollama.chat_requests()[-1]["messages"]
    assert last[0]["role"] == "system"
    assert last[-1]["role"] == "user" and "2: I have" in last[-1]["content"]
    assert not any(m["content"].startswith("0:") for m in last)  # the oldest went first
    metrics = httpx.get(f"{url}/metrics").text
    (line,) = [x for x in metrics.splitlines()
               if x.startswith("gateway_history_turns_dropped_total ")]
    dropped = float(line.split()[1])
    assert dropped >= 2


def metric(client: httpx.Client, name: str) -> float:
    lines = [x for x in client.get("/metrics").text.splitlines() if x.startswith(name + " ")]
    return float(lines[0].split()[1]) if lines else 0.0


def test_prompt_estimate_mismatch_is_counted(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    before = metric(client, "gateway_prompt_estimate_mismatch_total")
    fake_ollama.script(Reply(prompt_eval_count=3))
    client.post("/v1/consultations", json={"patient_id": "p-est", "message": "hello there"})
    assert metric(client, "gateway_prompt_estimate_mismatch_total") == before + 1


def test_erasure_removes_everything_and_is_audited(
    client: httpx.Client, fake_ollama: FakeOllama, redis_client: redis.Redis,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client.post("/v1/consultations",
                json={"patient_id": "p-erase", "message": "my phone is 13812345678"})
    assert redis_client.keys("*")
    logger = logging.getLogger("gateway")
    logger.addHandler(caplog.handler)
    try:
        assert client.delete("/v1/patients/p-erase/history").status_code == 204
    finally:
        logger.removeHandler(caplog.handler)
    # Only tenant-wide keys remain (the tenant's rate counter, the clinic's event stream).
    assert [k for k in redis_client.keys("*")
            if not k.startswith(("pg:events", "pg:rl:{key:"))] == []
    (record,) = [r for r in caplog.records if getattr(r, "event", "") == "erasure"]
    assert record.deleted == 3 and "p-erase" not in json.dumps(vars(record), default=str)


@pytest.fixture()
def own_redis() -> Iterator[RedisServer]:
    server = RedisServer()
    yield server
    server.stop()


def test_redis_outage_degrades_then_recovers(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, own_redis: RedisServer
) -> None:
    url = gateway_factory(redis_url=own_redis.url, redis_timeout=0.3,
                          redis_breaker_threshold=2, redis_breaker_cooldown_seconds=0.5)
    assert post(url, "p-out", "before the outage").json()["degraded"] is False
    own_redis.kill()
    statuses = []
    for i in range(4):
        r = post(url, "p-out", f"during the outage {i}")
        statuses.append(r.status_code)
        assert r.json()["degraded"] is True
        assert "history" in r.headers["x-gateway-degraded"]
    assert statuses == [200] * 4
    assert httpx.get(f"{url}/readyz", headers=AUTH).status_code == 503
    assert 'gateway_redis_breaker_transitions_total{state="open"}' in httpx.get(
        f"{url}/metrics").text
    own_redis.start()
    time.sleep(0.6)
    r = post(url, "p-out", "after the outage")
    assert r.status_code == 200 and r.json()["degraded"] is False
    assert httpx.get(f"{url}/readyz", headers=AUTH).status_code == 200
    turns = httpx.get(f"{url}/v1/patients/p-out/history", headers=AUTH).json()["turns"]
    assert [t["content"] for t in turns[::2]] == ["after the outage"]  # nothing faked


def test_audit_stream_records_every_consultation_without_phi(
    client: httpx.Client, fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    client.post("/v1/consultations",
                json={"patient_id": "p-audit", "message": "my phone is 13812345678, I have a cold"})
    client.post("/v1/consultations",
                json={"patient_id": "p-audit", "message": "I can't breathe and my lips are blue"})
    rows = redis_client.xrange("pg:events:audit")
    assert [r[1]["outcome"] for r in rows] == ["answered", "emergency_guidance"]
    first = rows[0][1]
    assert json.loads(first["redactions"]) == {"PHONE": 1}
    assert float(first["latency_ms"]) > 0 and first["request_id"]
    dump = json.dumps(rows)
    assert "13812345678" not in dump and "p-audit" not in dump and "cold" not in dump


def test_events_tail_prints_json_lines(
    client: httpx.Client, fake_ollama: FakeOllama, redis_server: RedisServer
) -> None:
    import subprocess
    import sys

    client.post("/v1/consultations",
                json={"patient_id": "p-tail", "message": "I can't breathe and my lips are blue"})
    proc = subprocess.run([sys.executable, "-m", "gateway", "events", "tail", "-n", "5"],
                          env={"GATEWAY_REDIS_URL": redis_server.url, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["category"] == "respiratory"


def test_a_lock_release_lost_to_a_redis_outage_is_retried() -> None:
    """With a durable Redis the lock survives a restart; the owner must still release it."""
    import asyncio

    import redis.asyncio as aioredis

    from gateway.history import PatientKeys, PatientLock
    from gateway.redis_guard import RedisGuard

    server = RedisServer(durable=True)

    async def scenario() -> None:
        client = aioredis.from_url(server.url, socket_timeout=0.5, socket_connect_timeout=0.5)
        lock = PatientLock(client, PatientKeys(b"k" * 32), ttl_seconds=300, wait_seconds=0.2,
                           guard=RedisGuard(threshold=100, cooldown=0.1))
        token = await lock.acquire("tenant", "p-outage")
        server.kill()
        await lock.release("tenant", "p-outage", token)  # Redis is gone: no exception
        server.start()  # durable: the lock key comes back with it
        for _ in range(100):
            if not lock._pending:
                break
            await asyncio.sleep(0.1)
        # Without the retry this would be 409 for the lock's whole TTL (300 s here).
        await lock.acquire("tenant", "p-outage")
        await client.aclose()

    try:
        asyncio.run(scenario())
    finally:
        server.stop()


def test_storing_the_answer_releases_only_its_own_lock(redis_server: RedisServer) -> None:
    """The history write carries the lock release (one round trip): token-checked, atomic."""
    import asyncio

    import redis.asyncio as aioredis

    from gateway.history import PatientKeys, PatientLock, RedisHistoryStore, Turn

    keys = PatientKeys(b"k" * 32)

    async def scenario() -> None:
        client = aioredis.from_url(redis_server.url, decode_responses=True)
        lock = PatientLock(client, keys, ttl_seconds=30, wait_seconds=0.05)
        store = RedisHistoryStore(client, keys, ttl_seconds=60, max_turns=10)
        q, a = Turn("user", "q", 1.0), Turn("assistant", "a", 1.0)
        token = await lock.acquire("t", "p-merge")
        await store.append_pair("t", "p-merge", q, a, unlock="not-the-owner")
        assert await client.get(keys.lock("t", "p-merge")) == token  # a stranger's token: kept
        await store.append_pair("t", "p-merge", q, a, unlock=token)
        assert await client.exists(keys.lock("t", "p-merge")) == 0
        assert len(await store.load("t", "p-merge")) == 4
        await lock.acquire("t", "p-merge")  # free at once, no wait for the TTL
        await client.delete(*keys.all("t", "p-merge"))
        await client.aclose()

    asyncio.run(scenario())


def test_a_consultation_leaves_no_lock_behind(
    gateway_url: str, fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    r = post(gateway_url, "p-nolock", "what helps a sore throat?")
    assert r.status_code == 200, r.text
    assert not list(redis_client.scan_iter(match="pg:*:lock"))
