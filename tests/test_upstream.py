"""End-to-end: every Ollama behaviour of the contract, seen through the gateway's HTTP API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import redis

from tests.conftest import API_KEY
from tests.fake_ollama import FakeOllama, Reply
from tests.servers import free_port
from tests.test_api import consult, parse_sse

AUTH = {"Authorization": f"Bearer {API_KEY}"}


def stored_keys(redis_client: redis.Redis) -> list[str]:
    return [k for k in redis_client.keys("*") if k.endswith(":history")]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            Reply(thinking=["The user asks", " about fluids"], content=["Drink", " fluids."]),
            "Drink fluids.",
        ),
        (
            Reply(content=["<think>", "reasoning here", "</think>", "\n\nDrink fluids."]),
            "Drink fluids.",
        ),
        (
            Reply(content=["<thi", "nk>split reason</th", "ink>\n", "Drink fluids."]),
            "Drink fluids.",
        ),
        (Reply(content=["<think>\n\n</think>\n\n", "Drink fluids."]), "Drink fluids."),
    ],
    ids=["thinking-field", "think-block", "split-tags", "empty-think"],
)
def test_reasoning_never_reaches_the_patient(
    client: httpx.Client, fake_ollama: FakeOllama, reply: Reply, expected: str
) -> None:
    for stream in (False, True):
        fake_ollama.script(Reply(**vars(reply)))
        r = consult(client, "what should I drink when I have the flu", stream=stream)
        assert r.status_code == 200
        if stream:
            events = parse_sse(r.text)
            answer = "".join(d["text"] for e, d in events if e == "delta")
        else:
            answer = r.json()["answer"]
        assert answer.startswith(expected), answer
        assert "reason" not in answer and "think>" not in answer


def test_orphan_closer_drops_leaked_reasoning_non_streaming(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    fake_ollama.script(Reply(content=["Okay the user wants", " advice.", "</think>", "Rest."]))
    answer = consult(client, "advice for a cold").json()["answer"]
    assert answer.startswith("Rest.") and "user wants" not in answer


@pytest.mark.parametrize("stream", [False, True])
def test_empty_visible_answer_is_502(
    client: httpx.Client, fake_ollama: FakeOllama, stream: bool
) -> None:
    fake_ollama.script(Reply(content=["<think>only reasoning</think>", "  "]))
    r = consult(client, "hello", stream=stream)
    assert r.status_code == 502
    assert "empty answer" in r.json()["detail"]


def test_done_reason_length_still_answers(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    fake_ollama.script(Reply(content=["A long", " answer cut"], done_reason="length"))
    r = consult(client, "tell me everything about diabetes")
    assert r.status_code == 200
    assert r.json()["answer"].startswith("A long answer cut")


def test_zero_metrics_omitted_are_zero(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    fake_ollama.script(Reply(content=["ok"], prompt_eval_count=0, eval_count=0))
    usage = consult(client, "hi there").json()["usage"]
    assert usage["prompt_tokens"] == 0 and usage["completion_tokens"] == 1


@pytest.mark.parametrize(
    ("reply", "status", "phrase"),
    [
        (Reply(status=500, error="model runner has unexpectedly stopped"), 502, "500"),
        (
            Reply(
                status=503,
                error="server busy, please try again.  maximum pending requests exceeded",
            ),
            503,
            "busy",
        ),
        (Reply(status=400, error='option "temperature" must be of type float32'), 502, "400"),
        (Reply(content=["Partial", " answer", " more"], error_after=2), 502, "while generating"),
        (Reply(content=["Partial", " answer", " more"], eof_after=2), 502, "without completing"),
    ],
    ids=["500", "503", "400", "error-line", "eof-without-done"],
)
def test_upstream_failures_map_to_problems(
    client: httpx.Client,
    fake_ollama: FakeOllama,
    redis_client: redis.Redis,
    reply: Reply,
    status: int,
    phrase: str,
) -> None:
    fake_ollama.script(reply)
    r = consult(client, "question", patient_id="p-fail")
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert phrase in r.json()["detail"]
    if status == 503:
        assert r.headers["retry-after"]
    assert stored_keys(redis_client) == []  # nothing half-written


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        (Reply(status=500), 502),
        (Reply(content=["x"], eof_after=0), 502),
        (Reply(content=["x"], error_after=0), 502),
    ],
)
def test_stream_failures_before_first_token_are_real_statuses(
    client: httpx.Client, fake_ollama: FakeOllama, reply: Reply, status: int
) -> None:
    fake_ollama.script(reply)
    r = consult(client, "question", stream=True)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "reply",
    [
        Reply(content=["Partial", " answer", " more"], error_after=2),
        Reply(content=["Partial", " answer", " more"], eof_after=2),
    ],
    ids=["error-line", "eof"],
)
def test_stream_failure_after_first_token_is_error_event(
    client: httpx.Client, fake_ollama: FakeOllama, redis_client: redis.Redis, reply: Reply
) -> None:
    fake_ollama.script(reply)
    r = consult(client, "question", stream=True, patient_id="p-sfail")
    assert r.status_code == 200
    events = parse_sse(r.text)
    names = [e for e, _ in events]
    # The stream had begun (meta went out); text still held back by the rails is dropped.
    assert names[0] == "meta" and names[-1] == "error" and "done" not in names
    assert events[-1][1]["status"] == 502
    assert stored_keys(redis_client) == []


def test_model_missing_is_503_naming_it(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(ollama_model="not-installed")
    r = httpx.post(
        f"{url}/v1/consultations", headers=AUTH, json={"patient_id": "p", "message": "hi"}
    )
    assert r.status_code == 503
    assert "not-installed" in r.json()["detail"]


def test_ollama_down_is_503(gateway_factory: Callable[..., str], fake_ollama: FakeOllama) -> None:
    url = gateway_factory(ollama_url=f"http://127.0.0.1:{free_port()}")
    r = httpx.post(
        f"{url}/v1/consultations", headers=AUTH, json={"patient_id": "p", "message": "hi"}
    )
    assert r.status_code == 503
    assert "cannot reach Ollama" in r.json()["detail"]


TIMEOUTS: dict[str, Any] = {
    "ollama_first_byte_timeout": 0.5,
    "ollama_idle_timeout": 0.4,
    "ollama_total_timeout": 1.5,
}


@pytest.mark.parametrize(
    ("reply", "phrase"),
    [
        (Reply(first_byte_delay=1.5), "no response within"),
        (Reply(content=["a", "b", "c"], hang_after=1), "stalled"),
        (Reply(content=["a"] * 12, chunk_delay=0.3), "did not finish"),
    ],
    ids=["first-byte", "idle-gap", "total"],
)
def test_timeouts_are_504(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, reply: Reply, phrase: str
) -> None:
    url = gateway_factory(**TIMEOUTS)
    fake_ollama.script(reply)
    r = httpx.post(
        f"{url}/v1/consultations",
        headers=AUTH,
        timeout=10,
        json={"patient_id": "p", "message": "hi"},
    )
    assert r.status_code == 504, r.text
    assert phrase in r.json()["detail"]


def test_stream_stall_after_first_token_is_error_event(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(**TIMEOUTS)
    fake_ollama.script(Reply(content=["a", "b", "c"], hang_after=2))
    r = httpx.post(
        f"{url}/v1/consultations",
        headers=AUTH,
        timeout=10,
        json={"patient_id": "p", "message": "hi", "stream": True},
    )
    events = parse_sse(r.text)
    assert events[-1][0] == "error" and events[-1][1]["status"] == 504


def test_stream_disconnect_cancels_upstream(
    gateway_url: str, fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    fake_ollama.script(Reply(content=["tick"] * 50, chunk_delay=0.1))
    with (
        httpx.Client(base_url=gateway_url, headers=AUTH, timeout=10) as c,
        c.stream(
            "POST",
            "/v1/consultations",
            json={"patient_id": "p-gone", "message": "hi", "stream": True},
        ) as r,
    ):
        for line in r.iter_lines():
            if line.startswith("event: delta"):
                break
    assert fake_ollama.wait_for(lambda: fake_ollama.cancelled == 1)
    assert fake_ollama.completed == 0
    assert stored_keys(redis_client) == []


def test_non_stream_disconnect_cancels_upstream(
    gateway_url: str, fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    fake_ollama.script(Reply(content=["tick"] * 50, chunk_delay=0.1))
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(
            f"{gateway_url}/v1/consultations",
            headers=AUTH,
            timeout=0.6,
            json={"patient_id": "p-gone2", "message": "hi"},
        )
    assert fake_ollama.wait_for(lambda: fake_ollama.cancelled == 1)
    assert fake_ollama.completed == 0
    assert stored_keys(redis_client) == []


def test_readyz_ok(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    r = client.get("/readyz")
    assert r.status_code == 200
    deps = r.json()["dependencies"]
    assert deps["redis"]["ok"] and deps["ollama"]["ok"] and deps["model"]["ok"]
    assert "0.33.0" in deps["ollama"]["detail"]


def test_readyz_without_auth(gateway_url: str) -> None:
    assert httpx.get(f"{gateway_url}/healthz").status_code == 200
    assert httpx.get(f"{gateway_url}/readyz").status_code == 401
    assert httpx.get(f"{gateway_url}/readyz", headers=AUTH).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "failing"),
    [
        ({"ollama_url": "dead"}, "ollama"),
        ({"ollama_model": "missing-model"}, "model"),
        ({"redis_url": "dead"}, "redis"),
    ],
)
def test_readyz_names_the_failing_dependency(
    gateway_factory: Callable[..., str],
    fake_ollama: FakeOllama,
    overrides: dict[str, str],
    failing: str,
) -> None:
    port = free_port()
    if overrides.get("ollama_url") == "dead":
        overrides = {"ollama_url": f"http://127.0.0.1:{port}"}
    if overrides.get("redis_url") == "dead":
        overrides = {"redis_url": f"redis://127.0.0.1:{port}/0", "redis_timeout": 0.5}
    url = gateway_factory(**overrides)
    r = httpx.get(f"{url}/readyz", headers=AUTH, timeout=10)
    assert r.status_code == 503
    deps = r.json()["dependencies"]
    assert deps[failing]["ok"] is False
    assert next(name for name, d in deps.items() if not d["ok"]) == failing


def test_finished_streams_leave_the_connection_for_the_next_call(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    """Reading each body to its end (after `done`) lets httpx reuse one connection."""
    fake_ollama.script(*[Reply(content=["fine", " thanks."]) for _ in range(3)])
    for i in range(3):
        r = consult(client, "how much water should I drink", patient_id=f"p-reuse-{i}")
        assert r.status_code == 200
    peers = [r["peer"] for r in fake_ollama.requests
             if r["path"] == "/api/chat" and r["body"].get("messages")]
    assert len(peers) == 3 and len(set(peers)) == 1, peers
