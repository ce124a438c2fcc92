"""Rate limits shared through Redis across gateway instances; emergencies are never refused."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from gateway.ratelimit import Limit
from tests.conftest import API_KEY
from tests.fake_ollama import FakeOllama

AUTH = {"Authorization": f"Bearer {API_KEY}"}


def post(url: str, patient: str, message: str = "a routine question about sleep") -> httpx.Response:
    return httpx.post(f"{url}/v1/consultations", headers=AUTH, timeout=30,
                      json={"patient_id": patient, "message": message})


@pytest.mark.parametrize(("text", "count", "seconds"), [("20/60", 20, 60.0), ("5/0.5", 5, 0.5)])
def test_limit_parsing(text: str, count: int, seconds: float) -> None:
    assert Limit.parse(text) == Limit(count, seconds)


@pytest.mark.parametrize("text", ["20", "x/60", "0/60", "5/0"])
def test_bad_limits_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        Limit.parse(text)


def test_patient_limit_is_shared_by_two_instances(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, redis_client: object
) -> None:
    a = gateway_factory(patient_rate_limit="3/60", log_level="error")
    b = gateway_factory(patient_rate_limit="3/60", ollama_num_predict=500)  # a second app
    statuses = [post(url, "p-rl").status_code for url in (a, b, a, b)]
    assert statuses == [200, 200, 200, 429]
    refused = post(a, "p-rl")
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    assert "limit=3" in refused.headers["ratelimit"] and "remaining=0" in refused.headers["ratelimit"]
    assert post(a, "p-other").status_code == 200  # another patient is not affected


def test_emergency_over_the_limit_is_still_answered(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, redis_client: object
) -> None:
    url = gateway_factory(patient_rate_limit="1/60", ollama_num_predict=501)
    assert post(url, "p-em-rl").status_code == 200
    assert post(url, "p-em-rl").status_code == 429
    r = post(url, "p-em-rl", "my chest is crushing and I'm sweating, pain down my left arm")
    assert r.status_code == 200 and r.json()["triage"]["level"] == "emergency"


def test_key_limit(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, redis_client: object
) -> None:
    url = gateway_factory(key_rate_limit="2/60", ollama_num_predict=502)
    assert [post(url, f"p-k{i}").status_code for i in range(3)] == [200, 200, 429]


def test_success_carries_ratelimit_headers(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    r = client.post("/v1/consultations", json={"patient_id": "p-h", "message": "hello"})
    assert "remaining=" in r.headers["ratelimit"] and r.headers["ratelimit-policy"]
