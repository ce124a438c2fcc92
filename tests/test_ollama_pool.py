"""Two fake Ollama hosts: least-loaded routing, failover, no retry after the stream started,
recovery after cool-down, a bounded queue, and a concurrency limit that holds."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.conftest import API_KEY, patient_text
from tests.fake_ollama import FakeOllama, Reply
from tests.servers import free_port

AUTH = {"Authorization": f"Bearer {API_KEY}"}


@pytest.fixture()
def second_host() -> Iterator[FakeOllama]:
    fake = FakeOllama().start()
    yield fake
    fake.stop()


def post(url: str, patient: str, message: str = "how much should I sleep", **kw: object
         ) -> httpx.Response:
    return httpx.post(f"{url}/v1/consultations", headers=AUTH, timeout=30,
                      json={"patient_id": patient, "message": message, **kw})


def test_requests_spread_over_both_hosts(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, second_host: FakeOllama
) -> None:
    url = gateway_factory(ollama_url=f"{fake_ollama.url},{second_host.url}",
                          ollama_max_concurrency=1)
    fake_ollama.script(*[Reply(chunk_delay=0.05, content=["a", "b", "c."])] * 6)
    second_host.script(*[Reply(chunk_delay=0.05, content=["a", "b", "c."])] * 6)
    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(lambda i: post(url, f"p-spread-{i}").status_code, range(8)))
    assert codes == [200] * 8
    assert len(fake_ollama.chat_requests()) >= 2 and len(second_host.chat_requests()) >= 2
    assert fake_ollama.max_active == 1 and second_host.max_active == 1  # the limit held


def test_failover_before_the_first_byte(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, second_host: FakeOllama
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    url = gateway_factory(ollama_url=f"{dead},{second_host.url}")
    for i in range(3):
        assert post(url, f"p-fo-{i}").status_code == 200
    assert len(second_host.chat_requests()) == 3


def test_busy_host_fails_over(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, second_host: FakeOllama
) -> None:
    url = gateway_factory(ollama_url=f"{fake_ollama.url},{second_host.url}",
                          ollama_host_cooldown=30.0)
    fake_ollama.script(Reply(status=503, error="server busy"))
    second_host.script(Reply(status=503, error="server busy"))
    r = post(url, "p-busy-fo")
    # Both hosts refused before any byte: the patient gets the knowledge fallback or a 503.
    assert r.status_code in (200, 503)
    assert len(fake_ollama.chat_requests()) + len(second_host.chat_requests()) == 2


def test_no_retry_after_the_stream_started(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, second_host: FakeOllama
) -> None:
    url = gateway_factory(ollama_url=f"{fake_ollama.url},{second_host.url}")
    fake_ollama.script(Reply(content=["Partial.", " more"], error_after=1))
    second_host.script(Reply(content=["Partial.", " more"], error_after=1))
    r = post(url, "p-noretry", stream=True)
    assert "event: error" in r.text
    assert len(fake_ollama.chat_requests()) + len(second_host.chat_requests()) == 1


def test_host_recovers_after_cooldown(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, second_host: FakeOllama
) -> None:
    url = gateway_factory(ollama_url=f"{fake_ollama.url},{second_host.url}",
                          ollama_host_cooldown=0.5)
    fake_ollama.script(Reply(status=500, error="runner stopped"))
    # 500 is not a reason to fail over (it may be the prompt); 503-like outages are.
    assert post(url, "p-rec-1").status_code in (200, 502)
    fake_ollama.script(Reply(status=503, error="busy"))
    assert post(url, "p-rec-2").status_code == 200  # went to the second host
    time.sleep(0.6)
    before = len(fake_ollama.chat_requests())
    for i in range(4):
        post(url, f"p-rec-x{i}")
    assert len(fake_ollama.chat_requests()) > before  # back in rotation


def test_queue_full_gives_fallback_or_503(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(ollama_max_concurrency=1, ollama_queue_size=1,
                          ollama_queue_timeout=5.0)
    fake_ollama.script(*[Reply(chunk_delay=0.3, content=["x", "y", "z."])] * 3)
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(post, url, f"p-q{i}", "how do I change my car's oil")
                   for i in range(3)]
        results = [f.result() for f in futures]
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 200, 503]
    refused = next(r for r in results if r.status_code == 503)
    assert refused.headers["retry-after"] and "busy" in refused.json()["detail"]
    assert fake_ollama.max_active == 1


def test_queue_full_answers_from_knowledge_when_it_can(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(ollama_max_concurrency=1, ollama_queue_size=0,
                          ollama_queue_timeout=5.0, ollama_num_predict=700)
    fake_ollama.script(Reply(chunk_delay=0.3, content=["x", "y", "z."]))
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(post, url, "p-kq1", "how do I lower my blood pressure")
        time.sleep(0.15)
        second = post(url, "p-kq2", "how do I lower my blood pressure")
    assert first.result().status_code == 200
    assert second.status_code == 200 and second.json()["degraded"] is True
    assert second.json()["model"] == "gateway-knowledge"


def test_department_profile_reaches_the_prompt(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    client.post("/v1/consultations",
                json={"patient_id": "p-d", "message": "my son has a cough",
                      "department": "pediatrics"})
    (sent,) = fake_ollama.chat_requests()
    assert "children's clinic" in sent["messages"][-1]["content"]
    assert patient_text(sent["messages"][-1]["content"]) == "my son has a cough"


def test_unknown_department_is_422_listing_the_allowed(client: httpx.Client) -> None:
    r = client.post("/v1/consultations",
                    json={"patient_id": "p-d", "message": "hi", "department": "dentistry"})
    assert r.status_code == 422
    message = r.json()["errors"][0]["message"]
    assert "pediatrics" in message and "mental_health" in message


def test_warm_up_loads_the_model(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, second_host: FakeOllama
) -> None:
    gateway_factory(ollama_url=second_host.url, ollama_warmup=True)
    assert second_host.wait_for(lambda: second_host.loads == 1)


def test_waiters_that_time_out_or_are_cancelled_leave_the_queue_consistent() -> None:
    import asyncio

    from gateway.errors import UpstreamUnavailable
    from gateway.ollama_pool import OllamaPool

    class Client:
        base_url = "http://h"
        model = "m"

    async def scenario() -> None:
        pool = OllamaPool([Client()], max_concurrency=1, queue_size=50,  # type: ignore[list-item]
                          queue_timeout=0.2, cooldown=1.0)
        held = await pool.acquire(set())
        waiters = [asyncio.ensure_future(pool.acquire(set())) for _ in range(20)]
        await asyncio.sleep(0.05)
        for w in waiters[:10]:
            w.cancel()  # portals that went away while queued
        results = await asyncio.gather(*waiters, return_exceptions=True)
        assert all(isinstance(r, asyncio.CancelledError | UpstreamUnavailable) for r in results)
        assert pool.waiting == 0
        await pool.release(held)
        host = await pool.acquire(set())  # the condition's lock is still usable
        assert host.in_flight == 1

    asyncio.run(scenario())
