"""The gateway's one configuration object.

Read once, at the edge (the CLI or whoever calls ``create_app``); nothing else in the
package reads ``os.environ``. Every field maps to ``GATEWAY_<NAME>``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_KEY_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class ApiKey:
    """A tenant's key. Only the SHA-256 of the secret is kept after parsing."""

    tenant: str
    digest: bytes

    @classmethod
    def from_pair(cls, pair: str) -> ApiKey:
        name, sep, secret = pair.strip().partition(":")
        if not sep or not _KEY_NAME.match(name) or len(secret) < 16:
            raise ValueError(
                "each entry must be NAME:KEY with NAME of [A-Za-z0-9._-] and a key of "
                "at least 16 characters"
            )
        return cls(tenant=name, digest=hashlib.sha256(secret.encode()).digest())


def _parse_keys(value: Any) -> Any:
    if isinstance(value, str):
        pairs = [p for p in value.split(",") if p.strip()]
        return tuple(ApiKey.from_pair(p) for p in pairs)
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="forbid", frozen=True)

    # Upstream model server.
    ollama_url: str = "http://127.0.0.1:11434"
    ollama_model: str = "qwen3-4b-clinic"
    ollama_connect_timeout: float = Field(5.0, gt=0)
    # Long on purpose: headers only arrive after model load + prompt evaluation.
    ollama_first_byte_timeout: float = Field(120.0, gt=0)
    ollama_idle_timeout: float = Field(30.0, gt=0)
    ollama_total_timeout: float = Field(300.0, gt=0)
    ollama_num_predict: int = Field(768, ge=16, le=8192)
    ollama_keep_alive: str = "30m"
    # Requests one Ollama host runs at once (match OLLAMA_NUM_PARALLEL), and the bounded queue
    # in front of all hosts: Ollama's own queue for a loaded model has no bound.
    ollama_max_concurrency: int = Field(1, ge=1, le=64)
    ollama_queue_size: int = Field(32, ge=0)
    ollama_queue_timeout: float = Field(30.0, gt=0)
    # A host that failed is avoided for this long.
    ollama_host_cooldown: float = Field(10.0, gt=0)
    ollama_warmup: bool = True

    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_timeout: float = Field(2.0, gt=0)

    api_keys: Annotated[tuple[ApiKey, ...], NoDecode] = ()
    # A file of more tenant keys, one NAME:KEY per line (# comments), read at start-up.
    api_keys_file: Path | None = None
    # /readyz answers without a key (for probes that cannot send one).
    readyz_public: bool = False

    index_dir: Path = Path("data/index")
    # A local sentence-transformers model directory; empty = the shipped all-MiniLM-L6-v2.
    embedding_model: str = ""
    # Languages the embedding model understands; dense retrieval is skipped for the others.
    embedding_languages: Annotated[tuple[str, ...], NoDecode] = ("en",)
    # How queries are embedded while serving: the model exported to ONNX with int8 weights
    # (default; same recall@3 here at a fifth of the CPU), ONNX fp32, or torch itself.
    embedding_backend: Literal["onnx-int8", "onnx", "torch"] = "onnx-int8"
    # Where `make index` (or the first start) writes the ONNX export.
    encoder_dir: Path = Path("data/encoder")
    # Recent query embeddings kept in memory (redacted text only); 0 turns the cache off.
    embedding_cache_size: int = Field(2048, ge=0)
    admin_keys: Annotated[tuple[ApiKey, ...], NoDecode] = ()
    var_dir: Path = Path("var")

    history_ttl_seconds: int = Field(24 * 3600, ge=60)
    history_max_turns: int = Field(20, ge=1, le=500)
    # Must equal the Modelfile's num_ctx: the prompt is trimmed to fit it before sending.
    context_tokens: int = Field(8192, ge=1024)
    # How long a second request for the same patient waits for the first to finish (then 409).
    patient_lock_wait_seconds: float = Field(10.0, ge=0)
    # Consecutive Redis failures that open the circuit breaker, and its cool-down.
    redis_breaker_threshold: int = Field(3, ge=1)
    redis_breaker_cooldown_seconds: float = Field(5.0, gt=0)

    # Escalate to emergency when the statistical safety net reads one the rules missed
    # (gateway/triage/stage.py); the threshold defaults to the one shipped with its weights.
    triage_safety_net: bool = True
    triage_safety_net_threshold: float | None = Field(None, gt=0, lt=1)

    # Numbers the gateway itself tells patients to call, per locale.
    emergency_number_zh: str = "120"
    emergency_number_en: str = "911"
    crisis_line_zh: str = "12356"
    crisis_line_en: str = "988"

    # Put the patient's own identifiers back where the model echoes a placeholder.
    restore_placeholders: bool = True

    max_body_bytes: int = Field(64 * 1024, ge=1024)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # On SIGTERM, requests in flight get this long to finish (waits for a patient's lock and
    # model answers included) before they are cut off.
    shutdown_grace_seconds: float = Field(30.0, ge=0)

    # Sliding-window limits, COUNT/SECONDS, shared across replicas through Redis.
    patient_rate_limit: str = "20/60"
    key_rate_limit: str = "600/60"
    # Audit records kept in the Redis stream (oldest trimmed first).
    audit_max_events: int = Field(100_000, ge=100)
    # Require an admin key for /metrics.
    metrics_require_admin: bool = False

    # Key the demo page at / fills in; only `make run` (dev mode) sets it.
    ui_prefill_key: SecretStr = SecretStr("")

    # Secret for keyed hashes of patient ids and identifier values. Generated and kept
    # under var/ by the dev bootstrap when unset.
    hash_secret: SecretStr = SecretStr("")

    @field_validator("api_keys", "admin_keys", mode="before")
    @classmethod
    def _keys(cls, value: Any) -> Any:
        return _parse_keys(value)

    @field_validator("embedding_languages", mode="before")
    @classmethod
    def _langs(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = tuple(v.strip() for v in value.split(",") if v.strip())
        if not value or any(v not in ("zh", "en") for v in value):
            raise ValueError("a comma-separated list of zh and en")
        return value

    @field_validator("patient_rate_limit", "key_rate_limit")
    @classmethod
    def _limit(cls, value: str) -> str:
        from gateway.ratelimit import Limit

        Limit.parse(value)
        return value

    @field_validator("ollama_url")
    @classmethod
    def _url(cls, value: str) -> str:
        urls = [u.strip().rstrip("/") for u in value.split(",") if u.strip()]
        if not urls or not all(re.match(r"^https?://[^/\s]+", u) for u in urls):
            raise ValueError(
                "must be one or more comma-separated http(s) URLs like http://127.0.0.1:11434"
            )
        return ",".join(urls)

    @property
    def ollama_urls(self) -> list[str]:
        return self.ollama_url.split(",")

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str) -> str:
        if not re.match(r"^(redis|rediss|unix)://", value):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value
