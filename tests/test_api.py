"""End-to-end: the v1 API over real HTTP, with real Redis and the fake Ollama."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.conftest import API_KEY, OTHER_KEY, patient_text
from tests.fake_ollama import FakeOllama, Reply


def parse_sse(text: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def consult(client: httpx.Client, message: str, **extra: Any) -> httpx.Response:
    body = {"patient_id": extra.pop("patient_id", "p-1"), "message": message, **extra}
    return client.post("/v1/consultations", json=body)


def test_english_consultation_ends_with_english_disclaimer(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    r = consult(client, "I have had a sore throat for two days, what can I do?")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["answer"].startswith("This is a test answer")
    assert body["answer"].endswith(body["disclaimer"])
    assert "911" in body["disclaimer"]
    assert body["triage"] == {"level": "routine", "category": None, "reasons": []}
    assert body["model"] == "qwen3-4b-clinic"
    assert body["usage"]["prompt_tokens"] == 42
    assert body["id"].startswith("c_")
    assert r.headers["x-request-id"]


def test_chinese_consultation_gets_chinese_answer_and_disclaimer(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    r = consult(client, "我嗓子疼了两天，应该怎么办？")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["answer"].startswith("这是测试回答")
    assert body["answer"].endswith(body["disclaimer"])
    assert "120" in body["disclaimer"] and "医生" in body["disclaimer"]


def test_request_sent_to_ollama(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    consult(client, "How much water should I drink when I have a fever?")
    (sent,) = fake_ollama.chat_requests()
    assert sent["model"] == "qwen3-4b-clinic"
    assert sent["messages"][0]["role"] == "system"
    assert "patient assistant" in sent["messages"][0]["content"]
    last = sent["messages"][-1]
    assert last["role"] == "user"
    assert patient_text(last["content"]) == "How much water should I drink when I have a fever?"
    assert "[1] Cold or flu?" in last["content"]  # the retrieved snippet, in the last turn
    assert sent["options"]["num_predict"] > 0
    assert "num_ctx" not in sent["options"]


def test_history_is_kept_and_sent_back(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    consult(client, "first question about sleep", patient_id="p-hist")
    consult(client, "second question about sleep", patient_id="p-hist")
    second = fake_ollama.chat_requests()[-1]["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    # Earlier turns go back as the patient wrote them; only the last turn carries snippets.
    assert second[1]["content"] == "first question about sleep"
    assert second[0]["content"] == fake_ollama.chat_requests()[0]["messages"][0]["content"]
    history = client.get("/v1/patients/p-hist/history").json()
    assert [t["role"] for t in history["turns"]] == ["user", "assistant"] * 2
    assert history["turns"][1]["content"].startswith("This is a test answer")
    # The stored answer does not carry the disclaimer.
    assert "911" not in history["turns"][1]["content"]


def test_delete_history(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    consult(client, "a question", patient_id="p-del")
    assert client.delete("/v1/patients/p-del/history").status_code == 204
    r = client.get("/v1/patients/p-del/history")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"


def test_tenants_do_not_share_patients(gateway_url: str, fake_ollama: FakeOllama) -> None:
    a = httpx.Client(base_url=gateway_url, headers={"Authorization": f"Bearer {API_KEY}"})
    b = httpx.Client(base_url=gateway_url, headers={"Authorization": f"Bearer {OTHER_KEY}"})
    consult(a, "portal A's patient 123 asks", patient_id="123")
    assert b.get("/v1/patients/123/history").status_code == 404
    assert b.delete("/v1/patients/123/history").status_code == 204
    assert a.get("/v1/patients/123/history").status_code == 200


def test_streamed_consultation_event_order(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    fake_ollama.script(Reply(content=["Rest", " and", " drink", " water."]))
    r = consult(client, "I have a cold", stream=True)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(r.text)
    names = [e for e, _ in events]
    assert names[0] == "meta" and names[-1] == "done"
    assert set(names[1:-1]) == {"delta"}
    meta = events[0][1]
    assert meta["triage"]["level"] == "routine" and meta["patient_id"] == "p-1"
    text = "".join(d["text"] for e, d in events if e == "delta")
    done = events[-1][1]
    assert text.startswith("Rest and drink water.")
    assert text.endswith(done["disclaimer"])
    assert done["usage"]["completion_tokens"] == 4 and done["degraded"] is False


def test_accept_header_selects_streaming(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    r = client.post(
        "/v1/consultations",
        json={"patient_id": "p-1", "message": "hello"},
        headers={"Accept": "text/event-stream"},
    )
    assert r.headers["content-type"].startswith("text/event-stream")
    assert parse_sse(r.text)[-1][0] == "done"


def test_request_id_is_echoed(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "portal-req-42"})
    assert r.headers["x-request-id"] == "portal-req-42"


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "Bearer"),
        ({"Authorization": "Bearer wrong-key-0000000000"}, "not valid"),
        ({"Authorization": f"Basic {API_KEY}"}, "Bearer scheme"),
    ],
)
def test_auth_failures_are_401(
    gateway_url: str, fake_ollama: FakeOllama, headers: dict[str, str], detail: str
) -> None:
    r = httpx.post(
        f"{gateway_url}/v1/consultations",
        headers=headers,
        json={"patient_id": "p", "message": "hi"},
    )
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert detail in r.json()["detail"]
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert fake_ollama.chat_requests() == []


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"patient_id": "p", "message": "   "}, 422, "message"),
        ({"patient_id": "p", "message": "x" * 4001}, 422, "message"),
        ({"patient_id": "bad id!", "message": "hi"}, 422, "patient_id"),
        ({"patient_id": "p" * 129, "message": "hi"}, 422, "patient_id"),
        ({"patient_id": "p", "message": "hi", "locale": "fr"}, 422, "locale"),
        ({"patient_id": "p", "message": "hi", "extra": 1}, 422, "extra"),
        ({"message": "hi"}, 422, "patient_id"),
        ({"patient_id": "p", "message": 5}, 422, "message"),
    ],
)
def test_validation_errors_name_the_field(
    client: httpx.Client, fake_ollama: FakeOllama, body: dict[str, Any], status: int, field: str
) -> None:
    r = client.post("/v1/consultations", json=body)
    assert r.status_code == status, r.text
    problem = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert field in problem["detail"]
    assert problem["status"] == status
    assert fake_ollama.chat_requests() == []


def test_validation_error_does_not_echo_the_message(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    secret = "my phone is 13812345678 " * 200
    r = client.post("/v1/consultations", json={"patient_id": "p", "message": secret})
    assert r.status_code == 422
    assert "13812345678" not in r.text


def test_malformed_json_is_400(client: httpx.Client) -> None:
    r = client.post(
        "/v1/consultations", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400
    assert "JSON" in r.json()["detail"]


def test_body_too_large_is_413(client: httpx.Client) -> None:
    r = client.post(
        "/v1/consultations",
        content=b"{" + b" " * 70_000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.json()["title"] == "Request body too large"


def test_unknown_route_is_problem_404(client: httpx.Client) -> None:
    r = client.get("/v2/nothing")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"


def test_openapi_describes_the_api(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/v1/consultations",
        "/v1/patients/{patient_id}/history",
        "/healthz",
        "/readyz",
        "/metrics",
    } <= set(spec["paths"])


def test_metrics_count_requests(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    consult(client, "a question for the metrics")
    text = client.get("/metrics").text
    assert 'gateway_requests_total{route="/v1/consultations",status="200"}' in text
    assert "gateway_stage_duration_seconds_bucket" in text
    assert "gateway_upstream_ttft_seconds_count" in text


def test_metrics_split_retrieval_into_embedding_and_search(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    def count(stage: str) -> float:
        name = f'gateway_stage_duration_seconds_count{{stage="{stage}"}}'
        line = next((x for x in client.get("/metrics").text.splitlines()
                     if x.startswith(name)), f"{name} 0")
        return float(line.rsplit(" ", 1)[1])

    before = {s: count(s) for s in ("embed", "search", "retrieve")}
    consult(client, "what can I take for a sore throat and a runny nose?", patient_id="p-stages")
    consult(client, "喉咙痛可以吃什么药？", patient_id="p-stages-zh")
    # English questions are embedded; Chinese ones use the lexical side only (English model).
    assert count("embed") - before["embed"] == 1
    assert count("search") - before["search"] == 2
    assert count("retrieve") - before["retrieve"] == 2
