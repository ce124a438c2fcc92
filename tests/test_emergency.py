"""End-to-end: emergencies are answered by the gateway at once; the clinic is told."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import redis

from gateway.events import STREAM_KEY
from tests.fake_ollama import FakeOllama
from tests.servers import RedisServer
from tests.test_api import consult, parse_sse


def test_emergency_is_answered_without_the_model(
    client: httpx.Client, fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    r = consult(client, "我爸突然嘴歪了，右边身子没劲，说话不清楚", patient_id="p-em")
    assert r.status_code == 200
    body = r.json()
    assert body["triage"]["level"] == "emergency"
    assert body["triage"]["category"] == "stroke"
    assert body["triage"]["reasons"]
    assert "120" in body["answer"] and "急诊" in body["answer"]
    assert "时间" in body["answer"]  # stroke-specific first step: note the time
    assert body["model"] == "gateway-triage"
    assert fake_ollama.requests == []  # not even a readiness probe: the model is not called


def test_event_is_written_to_the_stream_without_raw_identifiers(
    client: httpx.Client, fake_ollama: FakeOllama, redis_client: redis.Redis
) -> None:
    consult(client, "my dad Robert just collapsed and isn't breathing, call 415-555-0199",
            patient_id="p-ev")
    (_event_id, fields), = redis_client.xrange(STREAM_KEY)
    assert fields["category"] == "cardiac"
    assert fields["level"] == "emergency"
    assert fields["tenant"] == "portal-a"
    assert "[PHONE_1]" in fields["text"] and "415-555-0199" not in fields["text"]
    assert "Robert" not in fields["text"]
    assert fields["patient_ref"] and "p-ev" not in json.dumps(fields)
    assert json.loads(fields["reasons"])


def test_emergency_turn_is_kept_in_history(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    consult(client, "took the whole bottle of my sleeping pills", patient_id="p-hist-em")
    turns = client.get("/v1/patients/p-hist-em/history").json()["turns"]
    assert [t["triage"] for t in turns] == ["emergency", "emergency"]
    assert "911" in turns[1]["content"]


def test_streamed_emergency_is_meta_delta_done(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    r = consult(client, "cant breath, lips going blue", stream=True)
    events = parse_sse(r.text)
    assert [e for e, _ in events] == ["meta", "delta", "done"]
    assert events[0][1]["triage"]["level"] == "emergency"
    assert "911" in events[1][1]["text"]
    assert fake_ollama.requests == []


@pytest.mark.parametrize(
    ("message", "number", "crisis"),
    [("我不想活了，药都准备好了", "120", "12356"), ("i want to kill myself tonight", "911", "988")],
)
def test_suicide_guidance_leads_with_the_crisis_line(
    client: httpx.Client, fake_ollama: FakeOllama, message: str, number: str, crisis: str
) -> None:
    answer = consult(client, message).json()["answer"]
    assert crisis in answer and number in answer
    assert ("不孤单" in answer) or ("not alone" in answer)
    assert answer.index(crisis) < answer.index(number)


def test_urgent_goes_to_the_model_with_an_instruction(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    body = consult(client, "my 4 year old has had a fever of 39.5 for three days").json()
    assert body["triage"]["level"] == "urgent"
    (sent,) = fake_ollama.chat_requests()
    assert "URGENT" in sent["messages"][-1]["content"]


def test_negated_history_and_hypothetical_are_routine(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    for message in ("没有胸痛，就是有点反酸", "had a stroke in 2019, asking about physio",
                    "万一心梗了怎么办"):
        assert consult(client, message).json()["triage"]["level"] != "emergency"
    assert len(fake_ollama.chat_requests()) == 3


def test_emergency_metric_is_counted(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    consult(client, "我儿子在抽搐，口吐白沫")
    assert 'gateway_emergencies_total{category="seizure"} 1.0' in client.get("/metrics").text


@pytest.mark.parametrize("message", [
    "xin kou teng de li hai, chu han, zuo bi ma",  # pinyin: xin (心) is also a given name
    "wo ba shuo hua da she tou, zui wai le",  # hua (话) likewise
])
def test_redaction_does_not_hide_a_pinyin_emergency_from_triage(
    client: httpx.Client, fake_ollama: FakeOllama, message: str
) -> None:
    body = consult(client, message, patient_id="p-pinyin").json()
    assert body["triage"]["level"] == "emergency", body["triage"]
    assert body["redactions"] == {}
    assert fake_ollama.chat_requests() == []


@pytest.mark.parametrize(
    ("message", "marker"),
    [
        ("my diabetic dad is sweaty, shaky and confused", "sugar"),
        ("我妈有糖尿病 现在一身冷汗 手抖 说胡话", "糖"),
    ],
)
def test_low_blood_sugar_gets_metabolic_guidance(
    client: httpx.Client, fake_ollama: FakeOllama, message: str, marker: str
) -> None:
    body = consult(client, message).json()
    assert body["triage"]["level"] == "emergency"
    assert body["triage"]["category"] == "metabolic"
    assert marker in body["answer"]
    assert fake_ollama.requests == []


def test_safety_net_emergency_is_answered_counted_and_sent_to_staff(
    fake_ollama: FakeOllama, redis_client: redis.Redis, redis_server: RedisServer,
    small_index: Path, encoder_dir: Path,
) -> None:
    """Rules that find nothing plus the real net: the same emergency path, marked as the net's."""
    from gateway.app import create_app
    from gateway.triage.base import TriageResult
    from gateway.triage.safety_net import default_safety_net
    from gateway.triage.stage import SafetyNetTriager
    from tests.conftest import API_KEY, make_settings
    from tests.servers import ThreadedServer

    class NoRules:
        def assess(self, text: str) -> TriageResult:
            return TriageResult("routine")

    settings = make_settings(fake_ollama.url, redis_server.url, index_dir=small_index,
                             encoder_dir=encoder_dir)
    app = create_app(settings, triager=SafetyNetTriager(NoRules(), default_safety_net()))
    server = ThreadedServer(app).start()
    try:
        with httpx.Client(base_url=server.url, timeout=30,
                          headers={"Authorization": f"Bearer {API_KEY}"}) as http:
            r = consult(http, "he went grey and sweaty and is not making sense, slumped in "
                              "his chair", patient_id="p-net")
            metrics = http.get("/metrics").text
    finally:
        server.stop()
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["triage"]["level"] == "emergency"
    assert "safety net" in body["triage"]["reasons"][-1]
    assert body["model"] == "gateway-triage" and "911" in body["answer"]
    assert fake_ollama.requests == []
    assert "gateway_triage_safety_net_total 1.0" in metrics
    (_event_id, fields), = redis_client.xrange(STREAM_KEY)
    assert fields["level"] == "emergency"
