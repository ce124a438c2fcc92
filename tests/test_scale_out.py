"""Several gateway processes sharing one Redis: the multi-replica shape the README describes.

Two real `python -m gateway serve` processes (one of them with two workers) behind no load
balancer: the test itself spreads requests across them. Histories, patient locks and rate
limits live in Redis, so they must hold across processes, not just inside one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import API_KEY, HASH_SECRET, REPO
from tests.fake_ollama import FakeOllama, Reply
from tests.servers import RedisServer, free_port

AUTH = {"Authorization": f"Bearer {API_KEY}"}
RATE = 12  # consultations per patient per minute, shared by all replicas


def _replica(port: int, env: dict[str, str], workers: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "gateway", "serve", "--port", str(port),
             "--workers", str(workers)],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )


@pytest.fixture(scope="module")
def replicas(
    fake_ollama_server: FakeOllama, redis_server: RedisServer, small_index: Path,
    encoder_dir: Path, tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({
        "GATEWAY_OLLAMA_URL": fake_ollama_server.url,
        "GATEWAY_REDIS_URL": redis_server.url,
        "GATEWAY_API_KEYS": f"portal-a:{API_KEY}",
        "GATEWAY_HASH_SECRET": HASH_SECRET,
        "GATEWAY_INDEX_DIR": str(small_index),
        "GATEWAY_ENCODER_DIR": str(encoder_dir),
        "GATEWAY_OLLAMA_WARMUP": "false",
        "GATEWAY_PATIENT_RATE_LIMIT": f"{RATE}/60",
        "GATEWAY_HISTORY_MAX_TURNS": "100",
        "GATEWAY_PATIENT_LOCK_WAIT_SECONDS": "30",
        "GATEWAY_LOG_LEVEL": "warning",
    })
    logs = tmp_path_factory.mktemp("replicas")
    ports = [free_port(), free_port()]
    procs = [_replica(ports[0], env, 2, logs / "a.log"), _replica(ports[1], env, 1, logs / "b.log")]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        deadline = time.monotonic() + 120
        for url, proc in zip(urls, procs, strict=True):
            while True:
                assert proc.poll() is None, (logs / "a.log").read_text() + (logs / "b.log").read_text()
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "replica did not start"
                time.sleep(0.2)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def consult(url: str, patient: str, message: str) -> httpx.Response:
    return httpx.post(f"{url}/v1/consultations", headers=AUTH, timeout=60,
                      json={"patient_id": patient, "message": message})


def test_one_patient_across_replicas_keeps_one_ordered_history(
    replicas: list[str], fake_ollama: FakeOllama
) -> None:
    fake_ollama.script(*[Reply(echo=True) for _ in range(RATE)])
    with ThreadPoolExecutor(max_workers=RATE) as pool:
        codes = list(pool.map(
            lambda i: consult(replicas[i % 2], "p-replicas", f"question number {i}").status_code,
            range(RATE),
        ))
    assert codes == [200] * RATE
    # Read back through the replica that served the fewest of them: the history is shared.
    turns = httpx.get(f"{replicas[1]}/v1/patients/p-replicas/history", headers=AUTH).json()["turns"]
    assert len(turns) == 2 * RATE
    for question, answer in zip(turns[::2], turns[1::2], strict=True):
        assert answer["content"] == f"echo: {question['content']}"
    assert sorted(int(t["content"].rsplit(" ", 1)[1]) for t in turns[::2]) == list(range(RATE))
    # The Redis lock, not a process-local one, kept generations for one patient one at a time.
    assert fake_ollama.max_active == 1


def test_rate_limit_is_counted_once_for_all_replicas(
    replicas: list[str], fake_ollama: FakeOllama
) -> None:
    fake_ollama.script(*[Reply(echo=True) for _ in range(2 * RATE)])
    codes = [consult(replicas[i % 2], "p-limited", f"q {i}").status_code for i in range(2 * RATE)]
    # Per-process counters would have let each replica accept RATE of them.
    assert codes.count(200) == RATE and codes.count(429) == RATE
    assert codes[:RATE] == [200] * RATE


def test_each_replica_answers_emergencies_without_the_model(
    replicas: list[str], fake_ollama: FakeOllama
) -> None:
    for url in replicas:
        body = consult(url, "p-emergency", "my chest is crushing and I'm sweating").json()
        assert body["triage"]["level"] == "emergency"
    assert fake_ollama.chat_requests() == []
