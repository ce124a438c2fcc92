"""Hostile input: hidden characters do not hide identifiers or red flags; random bodies never 5xx."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fake_ollama import FakeOllama


@pytest.mark.parametrize(
    ("message", "hidden"),
    [
        ("我的手机是１３８１２３４５６７８", "13812345678"),
        ("call me on 415\u200b-555\u200b-0199", "0199"),
        ("身份证１１０１０５１９８６０４１７２１５３", "2153"),
        ("email: ｊｏｈｎ＠ｅｘａｍｐｌｅ.com", "john"),
    ],
)
def test_hidden_identifiers_are_redacted(
    client: httpx.Client, fake_ollama: FakeOllama, message: str, hidden: str
) -> None:
    body = client.post("/v1/consultations",
                       json={"patient_id": "p-u", "message": message}).json()
    assert body["redactions"]
    assert hidden not in json.dumps(fake_ollama.chat_requests())


@pytest.mark.parametrize(
    "message",
    ["胸\u200b口像压了块大石头，一直出冷\u200d汗", "ｃａｎｔ ｂｒｅａｔｈ， ｌｉｐｓ ｇｏｉｎｇ ｂｌｕｅ",
     "my dad col\u00adlapsed and isn't breathing"],
)
def test_hidden_red_flags_are_caught(
    client: httpx.Client, fake_ollama: FakeOllama, message: str
) -> None:
    body = client.post("/v1/consultations", json={"patient_id": "p-u2", "message": message}).json()
    assert body["triage"]["level"] == "emergency"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10),
                                                                         children, max_size=4),
    max_leaves=12,
)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"patient_id": st.text(max_size=140), "message": st.text(max_size=300)},
        optional={"locale": st.sampled_from(["zh", "en", None, "fr", 3]),
                  "stream": st.one_of(st.booleans(), st.text(max_size=3))},
    ),
)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=bodies)
def test_random_bodies_never_cause_5xx(
    client: httpx.Client, fake_ollama: FakeOllama, body: object
) -> None:
    r = client.post("/v1/consultations", content=json.dumps(body),
                    headers={"Content-Type": "application/json", "Accept": "application/json"})
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert r.headers["content-type"] == "application/problem+json"
        problem = r.json()
        assert {"type", "title", "status", "detail"} <= set(problem)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patient=st.text(min_size=1, max_size=200))
def test_random_patient_ids_in_paths_never_cause_5xx(
    client: httpx.Client, patient: str
) -> None:
    from urllib.parse import quote

    for method in ("GET", "DELETE"):
        r = client.request(method, f"/v1/patients/{quote(patient, safe='')}/history")
        assert r.status_code < 500 and r.status_code in (204, 404, 422, 200), r.status_code
