"""End-to-end: citations, answer-from-knowledge when Ollama is down, admin reload."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from gateway.knowledge.embedder import Embedder
from tests.conftest import ADMIN_KEY, API_KEY
from tests.fake_ollama import FakeOllama, Reply
from tests.servers import free_port
from tests.test_api import consult, parse_sse

AUTH = {"Authorization": f"Bearer {API_KEY}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def test_citations_are_listed(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    body = consult(client, "is it a cold or the flu? fever and aching muscles").json()
    assert body["citations"], body
    first = body["citations"][0]
    assert first["id"] == "cold-vs-flu-en"
    assert first["title"] and first["source"] and first["score"] > 0


def test_unrelated_question_has_no_citations(client: httpx.Client, fake_ollama: FakeOllama) -> None:
    body = consult(client, "how do I change the oil in my car engine").json()
    assert body["citations"] == []
    assert "No clinic snippet" in fake_ollama.chat_requests()[0]["messages"][-1]["content"]


def test_ollama_down_answers_from_knowledge(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(ollama_url=f"http://127.0.0.1:{free_port()}")
    r = httpx.post(f"{url}/v1/consultations", headers=AUTH,
                   json={"patient_id": "p-fb", "message": "我发烧了，是感冒还是流感？"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["degraded"] is True and body["model"] == "gateway-knowledge"
    assert body["citations"] and body["citations"][0]["id"].endswith("-zh")
    assert "暂时无法使用" in body["answer"] and "[1]" in body["answer"]
    assert body["answer"].endswith(body["disclaimer"])


def test_ollama_busy_streams_knowledge_answer(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    fake_ollama.script(Reply(status=503, error="server busy, please try again."))
    r = consult(client, "how do I lower my blood pressure", stream=True)
    events = parse_sse(r.text)
    assert [e for e, _ in events] == ["meta", "delta", "done"]
    assert events[-1][1]["degraded"] is True
    assert events[0][1]["citations"]


def test_no_snippet_and_ollama_down_is_503_with_retry_after(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama
) -> None:
    url = gateway_factory(ollama_url=f"http://127.0.0.1:{free_port()}")
    r = httpx.post(f"{url}/v1/consultations", headers=AUTH,
                   json={"patient_id": "p-fb2", "message": "how do I change my car's oil"})
    assert r.status_code == 503
    assert r.headers["retry-after"]


def test_admin_routes_need_an_admin_key(gateway_url: str) -> None:
    assert httpx.post(f"{gateway_url}/v1/admin/reload-index").status_code == 401
    assert httpx.post(f"{gateway_url}/v1/admin/reload-index", headers=AUTH).status_code == 403
    r = httpx.post(f"{gateway_url}/v1/admin/reload-index", headers=ADMIN, timeout=30)
    assert r.status_code == 200 and r.json()["loaded"] is True
    assert r.json()["manifest"]["documents"] == 10


def test_reload_picks_up_a_new_build(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, small_index: Path,
    tmp_path: Path, document_embedder: Embedder,
) -> None:
    import shutil

    index = tmp_path / "index"
    shutil.copytree(small_index, index, symlinks=True)
    url = gateway_factory(index_dir=index)
    before = httpx.get(f"{url}/v1/admin/index", headers=ADMIN).json()["manifest"]["build_id"]
    from gateway.knowledge.store import build_index

    kb = tmp_path / "kb"
    (kb / "en").mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parents[1] / "knowledge/en/gout.md", kb / "en")
    build_index(kb, index, document_embedder)
    after = httpx.post(f"{url}/v1/admin/reload-index", headers=ADMIN, timeout=30).json()
    assert after["manifest"]["build_id"] != before and after["manifest"]["documents"] == 1
    body = httpx.post(f"{url}/v1/consultations", headers=AUTH, timeout=30,
                      json={"patient_id": "p-r", "message": "my big toe is swollen, gout?"}).json()
    assert body["citations"][0]["id"] == "gout-en"


def test_readiness_reports_the_index(client: httpx.Client) -> None:
    knowledge = client.get("/readyz").json()["dependencies"]["knowledge"]
    assert knowledge["ok"] is True and knowledge["required"] is False


def test_missing_index_is_reported_but_not_fatal(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    url = gateway_factory(index_dir=tmp_path / "nothing")
    r = httpx.get(f"{url}/readyz", headers=AUTH)
    assert r.status_code == 200
    assert r.json()["dependencies"]["knowledge"]["ok"] is False
    body = httpx.post(f"{url}/v1/consultations", headers=AUTH,
                      json={"patient_id": "p", "message": "hi"}).json()
    assert body["citations"] == []


def test_short_follow_up_is_searched_with_the_previous_question(
    client: httpx.Client, fake_ollama: FakeOllama
) -> None:
    client.post("/v1/consultations",
                json={"patient_id": "p-fu", "message": "how can I bring my blood pressure down?"})
    body = client.post("/v1/consultations",
                       json={"patient_id": "p-fu", "message": "and what about salt?"}).json()
    assert body["citations"] and body["citations"][0]["id"] == "hypertension-en"
