"""Shared fixtures: a real redis-server, the fake Ollama, and the gateway over real HTTP."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from gateway.app import create_app
from gateway.knowledge.embedder import Embedder
from gateway.settings import Settings
from tests.fake_ollama import FakeOllama
from tests.servers import RedisServer, ThreadedServer

API_KEY = "test-key-0123456789abcdef"
OTHER_KEY = "other-key-0123456789abcdef"
HASH_SECRET = "s" * 48
ADMIN_KEY = "admin-key-0123456789abcdef"


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture()
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    client.flushall()
    yield client
    client.close()


@pytest.fixture(scope="session")
def fake_ollama_server() -> Iterator[FakeOllama]:
    fake = FakeOllama().start()
    yield fake
    fake.stop()


@pytest.fixture()
def fake_ollama(fake_ollama_server: FakeOllama) -> FakeOllama:
    fake_ollama_server.reset()
    return fake_ollama_server


REPO = Path(__file__).resolve().parents[1]
# A small knowledge base for end-to-end tests: a few topics in both languages.
SMALL_KB_TOPICS = ("cold-vs-flu", "hypertension", "fever-in-children", "sore-throat",
                   "gastroenteritis-and-oral-rehydration")


@pytest.fixture(scope="session")
def document_embedder() -> Embedder:
    """What `make index` embeds documents with: the torch model at full precision."""
    from gateway.knowledge.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(None, ("en",))


@pytest.fixture(scope="session")
def encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ONNX int8 query encoder the gateway serves with, exported once per session."""
    from gateway.knowledge.embedder import prepare_query_encoder

    root = tmp_path_factory.mktemp("encoder") / "encoder"
    assert prepare_query_encoder("", "onnx-int8", root)
    return root


@pytest.fixture(scope="session")
def query_embedder(encoder_dir: Path) -> Embedder:
    from gateway.knowledge.embedder import load_query_embedder

    return load_query_embedder("", ("en",), "onnx-int8", encoder_dir)


@pytest.fixture(scope="session")
def small_index(tmp_path_factory: pytest.TempPathFactory, document_embedder: Embedder) -> Path:
    from gateway.knowledge.store import build_index

    kb = tmp_path_factory.mktemp("kb")
    for lang in ("en", "zh"):
        (kb / lang).mkdir()
        for topic in SMALL_KB_TOPICS:
            shutil.copy(REPO / "knowledge" / lang / f"{topic}.md", kb / lang / f"{topic}.md")
    root = tmp_path_factory.mktemp("index")
    build_index(kb, root, document_embedder)
    return root


def patient_text(content: str) -> str:
    """The patient's message inside the user turn the gateway sends to the model."""
    match = re.search(r"<patient_message>\n(.*)\n</patient_message>", content, re.S)
    assert match, content
    return match.group(1)


def make_settings(ollama_url: str, redis_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "ollama_url": ollama_url,
        "redis_url": redis_url,
        "api_keys": f"portal-a:{API_KEY},portal-b:{OTHER_KEY}",
        "hash_secret": HASH_SECRET,
        "ollama_connect_timeout": 2.0,
        "ollama_first_byte_timeout": 5.0,
        "ollama_idle_timeout": 2.0,
        "ollama_total_timeout": 20.0,
        "log_level": "warning",
        "admin_keys": f"ops:{ADMIN_KEY}",
        # High enough that only the rate-limit tests meet them.
        "patient_rate_limit": "1000/60",
        "ollama_warmup": False,
        "key_rate_limit": "10000/60",
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def gateway_factory(
    fake_ollama_server: FakeOllama, redis_server: RedisServer, small_index: Path,
    encoder_dir: Path,
) -> Iterator[Callable[..., str]]:
    """Starts a gateway with setting overrides; returns its base URL. Stopped at session end."""
    started: list[ThreadedServer] = []
    cache: dict[str, str] = {}

    def start(**overrides: Any) -> str:
        key = repr(sorted(overrides.items()))
        if key not in cache:
            overrides.setdefault("ollama_url", fake_ollama_server.url)
            overrides.setdefault("redis_url", redis_server.url)
            overrides.setdefault("index_dir", small_index)
            overrides.setdefault("encoder_dir", encoder_dir)
            settings = make_settings(**overrides)
            server = ThreadedServer(create_app(settings)).start()
            started.append(server)
            cache[key] = server.url
        return cache[key]

    yield start
    for server in started:
        with contextlib.suppress(Exception):
            server.stop()


@pytest.fixture()
def gateway_url(
    gateway_factory: Callable[..., str], fake_ollama: FakeOllama, redis_client: redis.Redis
) -> str:
    return gateway_factory()


@pytest.fixture()
def client(gateway_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=gateway_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30
    ) as c:
        yield c
