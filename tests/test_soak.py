"""A short `make soak`: faults injected, Redis killed, a gateway restarted; nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_short_soak_loses_nothing(small_index: Path, encoder_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    run = subprocess.run(
        [sys.executable, "scripts/soak.py", "--duration", "24", "--concurrency", "6",
         "--fault-share", "0.2", "--index-dir", str(small_index),
         "--encoder-dir", str(encoder_dir), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=400,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(out.read_text())
    # The faults really happened, so "nothing lost" means something.
    assert sum(n for kind, n in report["fault_markers"].items() if kind != "none") >= 10
    assert any(k.startswith(("error 5", "stream-error")) for k in report["outcomes"])
    assert report["sent_during_redis_outage"] > 0
    assert isinstance(report["gateway_rss_mib"]["gateway-1 after its restart, end"], float)
    assert report["lost"] == report["duplicated"] == report["phantom"] == []
    assert report["unexplained_5xx_count"] == 0 and report["malformed_pairs"] == 0
    answered = sum(n for k, n in report["outcomes"].items() if k.startswith("answered"))
    assert answered >= report["requests"] // 2
