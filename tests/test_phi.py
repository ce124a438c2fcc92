"""No raw identifier reaches Redis, the logs or the model; placeholders are stable and restored."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest
import redis

from gateway.redaction.base import Entity
from tests.conftest import API_KEY, patient_text
from tests.fake_ollama import FakeOllama, Reply
from tests.test_api import consult, parse_sse

IDENTIFIERS = [
    "13812345678", "138 1234 5678", "王秀英", "wangxy@163.com", "110105198604172153",
    "ZY20240311007", "6222 0212 3456 7894", "北京市朝阳区建国路88号3栋2单元501室",
    "Maria Gonzalez", "415-555-0199", "1962年8月18日", "287-65-4410",
]
TURNS = [
    "我叫王秀英，手机13812345678，邮箱wangxy@163.com，最近头疼",
    "身份证110105198604172153，住院号ZY20240311007，能查报告吗",
    "退款到6222 0212 3456 7894，地址北京市朝阳区建国路88号3栋2单元501室",
    "my name is Maria Gonzalez, call 415-555-0199, SSN 287-65-4410",
    "出生日期1962年8月18日，电话还是138 1234 5678",
]


def dump_redis(r: redis.Redis) -> str:
    parts = []
    for key in r.keys("*"):
        kind = r.type(key)
        parts.append(key)
        if kind == "list":
            parts += r.lrange(key, 0, -1)
        elif kind == "hash":
            for f, v in r.hgetall(key).items():
                parts += [f, v]
        elif kind == "string":
            parts.append(r.get(key) or "")
        elif kind == "stream":
            for _, fields in r.xrange(key):
                parts += list(fields) + list(fields.values())
    return "\n".join(parts)


def test_conversation_full_of_identifiers_leaks_nothing(
    client: httpx.Client, fake_ollama: FakeOllama, redis_client: redis.Redis,
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str],
) -> None:
    logger = logging.getLogger("gateway")
    logger.addHandler(caplog.handler)
    try:
        for n, turn in enumerate(TURNS):
            r = consult(client, turn, patient_id="p-phi", stream=bool(n % 2))
            assert r.status_code == 200
    finally:
        logger.removeHandler(caplog.handler)
    sent = repr(fake_ollama.requests)
    stored = dump_redis(redis_client)
    logs = caplog.text + "".join(capfd.readouterr())
    history = client.get("/v1/patients/p-phi/history").text
    for value in IDENTIFIERS:
        assert value not in sent, f"{value} reached the model"
        assert value not in stored, f"{value} reached Redis"
        assert value not in logs, f"{value} reached the logs"
        assert value not in history, f"{value} is in the stored history"
    assert "p-phi" not in stored  # patient ids are hashed in key names
    assert "[PHONE_1]" in sent and "[PERSON_1]" in sent


def test_same_value_keeps_its_placeholder_across_turns(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    consult(client, "我的电话13812345678，另一个13912345678", patient_id="p-num")
    consult(client, "再说一遍电话是138 1234 5678", patient_id="p-num")
    consult(client, "my other phone 13912345678", patient_id="p-num")
    users = [patient_text(req["messages"][-1]["content"])
             for req in fake_ollama.chat_requests()]
    assert users[0] == "我的电话[PHONE_1]，另一个[PHONE_2]"
    assert users[1] == "再说一遍电话是[PHONE_1]"
    assert users[2] == "my other phone [PHONE_2]"


def test_other_patients_get_their_own_numbering(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    consult(client, "电话13912345678", patient_id="p-a")
    consult(client, "电话13812345678", patient_id="p-b")
    users = [patient_text(req["messages"][-1]["content"])
             for req in fake_ollama.chat_requests()]
    assert users == ["电话[PHONE_1]", "电话[PHONE_1]"]


@pytest.mark.parametrize("stream", [False, True])
def test_echoed_placeholders_are_restored_for_the_patient_only(
    client: httpx.Client, fake_ollama: FakeOllama, stream: bool
) -> None:
    fake_ollama.script(Reply(content=["好的[PER", "SON_1]，我们会打", "[PHONE_1", "]联系您。"]))
    r = consult(client, "我叫王秀英，电话13812345678", patient_id=f"p-rest-{stream}",
                stream=stream)
    if stream:
        answer = "".join(d["text"] for e, d in parse_sse(r.text) if e == "delta")
    else:
        answer = r.json()["answer"]
    assert answer.startswith("好的王秀英，我们会打13812345678联系您。")
    history = client.get(f"/v1/patients/p-rest-{stream}/history").json()["turns"]
    assert history[1]["content"] == "好的[PERSON_1]，我们会打[PHONE_1]联系您。"
    assert history[0]["content"] == "我叫[PERSON_1]，电话[PHONE_1]"


def test_restoring_can_be_turned_off(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(restore_placeholders=False)
    fake_ollama.script(Reply(content=["好的[PERSON_1]"]))
    r = httpx.post(f"{url}/v1/consultations", headers={"Authorization": f"Bearer {API_KEY}"},
                   json={"patient_id": "p-off", "message": "我叫王秀英"})
    assert r.json()["answer"].startswith("好的[PERSON_1]")


def test_redactions_are_counted(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    body = consult(client, "我叫王秀英，电话13812345678和13912345678").json()
    assert body["redactions"] == {"PERSON": 1, "PHONE": 2}


class BrokenAnalyzer:
    def analyze(self, text: str) -> list[Entity]:
        raise RuntimeError("recognizer crashed on " + text)


def test_redaction_failure_fails_closed(
    fake_ollama: FakeOllama, redis_client: redis.Redis, redis_server: object,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from gateway.app import create_app
    from tests.conftest import make_settings
    from tests.servers import ThreadedServer

    settings = make_settings(fake_ollama.url, redis_server.url)  # type: ignore[attr-defined]
    server = ThreadedServer(create_app(settings, analyzer=BrokenAnalyzer())).start()
    try:
        r = httpx.post(f"{server.url}/v1/consultations",
                       headers={"Authorization": f"Bearer {API_KEY}"},
                       json={"patient_id": "p-x", "message": "我叫王秀英 13812345678"})
    finally:
        server.stop()
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert "redact" in r.json()["detail"]
    assert "13812345678" not in r.text
    assert fake_ollama.chat_requests() == []
    # Only rate counters (timestamps, no content) exist; no history, no placeholder hashes.
    assert [k for k in redis_client.keys("*") if not k.endswith(":rl") and ":rl:" not in k] == []
    assert "13812345678" not in "".join(capfd.readouterr())
