"""Settings: parsing, validation messages naming the variable, and the CLI edge."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from gateway.app import ConfigError, create_app
from gateway.settings import Settings


def test_defaults() -> None:
    s = Settings(_env_file=None)
    assert s.ollama_url == "http://127.0.0.1:11434"
    assert s.ollama_model == "qwen3-4b-clinic"
    assert s.api_keys == ()


def test_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_API_KEYS", "a:0123456789abcdef,b:fedcba9876543210")
    monkeypatch.setenv("GATEWAY_OLLAMA_URL", "http://gpu-host:11434/")
    s = Settings()
    assert [k.tenant for k in s.api_keys] == ["a", "b"]
    assert s.ollama_url == "http://gpu-host:11434"
    # Only digests are kept.
    assert b"0123456789abcdef" not in repr(s).encode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("api_keys", "no-colon"),
        ("api_keys", "a:short"),
        ("ollama_url", "localhost:11434"),
        ("redis_url", "http://x"),
        ("ollama_idle_timeout", "-1"),
        ("log_level", "loud"),
    ],
)
def test_invalid_values_are_rejected(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        Settings(**{field: value})
    assert field in str(info.value)


def test_app_refuses_to_start_without_keys_or_secret() -> None:
    with pytest.raises(ConfigError, match="GATEWAY_API_KEYS"):
        create_app(Settings(hash_secret="x" * 40))
    with pytest.raises(ConfigError, match="GATEWAY_HASH_SECRET"):
        create_app(Settings(api_keys="a:0123456789abcdef"))


def test_cli_names_the_bad_setting() -> None:
    env = {"GATEWAY_OLLAMA_IDLE_TIMEOUT": "soon", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "gateway", "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "GATEWAY_OLLAMA_IDLE_TIMEOUT" in proc.stderr


def test_cli_help_lists_commands() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "gateway", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    for command in ("serve", "redact", "triage"):
        assert command in proc.stdout


def test_keys_file_adds_tenants(tmp_path: Path) -> None:
    from gateway.app import load_keys

    keys = tmp_path / "keys"
    keys.write_text("# portals\nportal-x:0123456789abcdef0123\n\nportal-y:abcdefabcdef012345\n")
    s = Settings(api_keys="a:0123456789abcdef", api_keys_file=keys)
    assert [k.tenant for k in load_keys(s)] == ["a", "portal-x", "portal-y"]


def test_bad_keys_file_names_the_line(tmp_path: Path) -> None:
    from gateway.app import load_keys

    keys = tmp_path / "keys"
    keys.write_text("portal-x:short\n")
    with pytest.raises(ConfigError, match="line 1"):
        load_keys(Settings(api_keys_file=keys))
