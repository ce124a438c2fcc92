"""Pre-visit summaries: structured outputs, validation with one retry, map-reduce, outage."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from tests.conftest import API_KEY, HASH_SECRET
from tests.fake_ollama import FakeOllama, Reply
from tests.servers import RedisServer, free_port

AUTH = {"Authorization": f"Bearer {API_KEY}"}
GOOD = {
    "chief_complaint": "sore throat for two days",
    "onset_and_duration": "two days ago",
    "symptoms": ["sore throat", "mild fever"],
    "relevant_history": [],
    "medications_mentioned": ["ibuprofen"],
    "allergies_mentioned": [],
    "questions_for_clinician": ["is an antibiotic needed?"],
}


def talk(client: httpx.Client, patient: str, *messages: str) -> None:
    for m in messages:
        assert client.post("/v1/consultations",
                           json={"patient_id": patient, "message": m}).status_code == 200


def test_valid_summary(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    talk(client, "p-s1", "my throat hurts since two days, I took ibuprofen, my name is Maria Gonzalez")
    fake_ollama.script(Reply(content=[json.dumps(GOOD)]))
    r = client.post("/v1/patients/p-s1/summary", json={"locale": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["degraded"] is False and body["turns_used"] == 2
    assert body["summary"]["symptoms"] == ["sore throat", "mild fever"]
    sent = fake_ollama.chat_requests()[-1]
    assert sent["stream"] is False and sent["format"]["type"] == "object"
    assert "Maria" not in json.dumps(sent) and "[PERSON_1]" in json.dumps(sent)


def test_invalid_then_valid_is_retried(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    talk(client, "p-s2", "I have a cough")
    fake_ollama.script(Reply(content=["not json at all"]), Reply(content=[json.dumps(GOOD)]))
    assert client.post("/v1/patients/p-s2/summary").status_code == 200


@pytest.mark.parametrize(
    "bad",
    ["{broken", json.dumps({"chief_complaint": "x"}),
     json.dumps({**GOOD, "symptoms": "should be a list"}), json.dumps({**GOOD, "extra": 1})],
    ids=["invalid-json", "missing-fields", "wrong-type", "unknown-field"],
)
def test_invalid_twice_is_502(client: httpx.Client, fake_ollama: FakeOllama, bad: str) -> None:
    talk(client, "p-s3", "I have a cough")
    fake_ollama.script(Reply(content=[bad]), Reply(content=[bad]))
    r = client.post("/v1/patients/p-s3/summary")
    assert r.status_code == 502
    assert r.headers["content-type"] == "application/problem+json"


def test_red_flags_come_from_triage_records(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    talk(client, "p-s4", "my chest is crushing and I'm sweating", "thanks, feeling better now")
    fake_ollama.script(Reply(content=[json.dumps({**GOOD, "red_flags": []} | {})]))
    fake_ollama.script(Reply(content=[json.dumps(GOOD)]))
    body = client.post("/v1/patients/p-s4/summary").json()
    (flag,) = body["summary"]["red_flags"]
    assert flag["category"] == "cardiac" and flag["level"] == "emergency" and flag["when"]


def test_no_history_is_404(client: httpx.Client) -> None:
    assert client.post("/v1/patients/nobody/summary").status_code == 404


def test_long_history_is_summarized_in_chunks(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(context_tokens=1024, ollama_num_predict=128, history_max_turns=40)
    long = "I want to describe my sleep problems in detail. " * 20
    for i in range(6):
        httpx.post(f"{url}/v1/consultations", headers=AUTH, timeout=30,
                   json={"patient_id": "p-long", "message": f"{i}: {long}"})
    parts = [{**GOOD, "symptoms": [f"symptom {i}"]} for i in range(12)]
    fake_ollama.script(*[Reply(content=[json.dumps(p)]) for p in parts])
    before = len(fake_ollama.chat_requests())
    body = httpx.post(f"{url}/v1/patients/p-long/summary", headers=AUTH, timeout=60).json()
    calls = len(fake_ollama.chat_requests()) - before
    assert calls > 1  # map: several chunks
    assert body["turns_used"] == 12
    assert body["summary"]["symptoms"] == [f"symptom {i}" for i in range(calls)]  # reduce


def test_ollama_down_gives_a_degraded_summary(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    ok = gateway_factory()
    httpx.post(f"{ok}/v1/consultations", headers=AUTH, timeout=30,
               json={"patient_id": "p-down", "message": "I can't breathe and my lips are blue"})
    httpx.post(f"{ok}/v1/consultations", headers=AUTH, timeout=30,
               json={"patient_id": "p-down", "message": "my phone is 13812345678, headache"})
    down = gateway_factory(ollama_url=f"http://127.0.0.1:{free_port()}")
    body = httpx.post(f"{down}/v1/patients/p-down/summary", headers=AUTH, timeout=30).json()
    assert body["degraded"] is True
    assert body["summary"]["chief_complaint"] == "I can't breathe and my lips are blue"
    assert body["summary"]["red_flags"][0]["category"] == "respiratory"
    assert "13812345678" not in json.dumps(body)


def test_summary_cli(
    client: httpx.Client, fake_ollama: FakeOllama, redis_server: RedisServer
) -> None:
    import subprocess
    import sys

    talk(client, "p-cli", "I have a rash")
    fake_ollama.script(Reply(content=[json.dumps(GOOD)]))
    env = {"GATEWAY_REDIS_URL": redis_server.url, "GATEWAY_OLLAMA_URL": fake_ollama.url,
           "GATEWAY_HASH_SECRET": HASH_SECRET, "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "gateway", "summary", "p-cli", "--tenant",
                           "portal-a"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["chief_complaint"] == GOOD["chief_complaint"]
