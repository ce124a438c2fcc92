"""Public batch entry points: one JSON line per input on stdout, nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gateway", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_redact_jsonl(tmp_path: Path) -> None:
    items = [
        {"id": "a", "text": "我叫王秀英，手机１３８１２３４５６７８"},
        {"id": 2, "text": "no identifiers, BP 180/110, 39度"},
        {"id": "c", "text": "email me: john.smith77@gmail.com"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n")
    proc = run("redact", "--jsonl", str(src))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", 2, "c"]
    for item, out in zip(items, lines, strict=True):
        for ent in out["entities"]:
            assert item["text"][ent["start"] : ent["end"]] == ent["value"]
    assert lines[0]["redacted"] == "我叫[PERSON_1]，手机[PHONE_1]"
    assert lines[1]["entities"] == [] and lines[1]["redacted"] == items[1]["text"]
    assert lines[2]["entities"][0]["type"] == "EMAIL"


def test_redact_single_text() -> None:
    proc = run("redact", "call 415-555-0199")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["redacted"] == "call [PHONE_1]"


def test_redact_bad_line_is_reported_on_stderr(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1}\n')
    proc = run("redact", "--jsonl", str(src))
    assert proc.returncode == 2 and proc.stdout == "" and "line 1" in proc.stderr


def test_triage_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "胸口像压了块大石头，一直出冷汗"}\n'
                   '{"id": "2", "text": "no chest pain, just a cough"}\n')
    proc = run("triage", "--jsonl", str(src))
    assert proc.returncode == 0, proc.stderr
    first, second = (json.loads(x) for x in proc.stdout.splitlines())
    assert first["id"] == "1" and first["level"] == "emergency" and first["category"] == "cardiac"
    assert first["reasons"]
    assert second == {"id": "2", "level": "routine", "category": None, "reasons": []}
