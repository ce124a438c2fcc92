"""Batch entry points used by evaluation tools: ``redact`` and ``triage``.

With ``--jsonl FILE`` they read lines ``{"id", "text"}`` and write exactly one JSON line per
input to standard output (nothing else goes there; problems go to standard error).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

from gateway.normalize import normalize_text


def _read_jsonl(path: str) -> Iterator[tuple[Any, str]]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                yield item.get("id"), str(item["text"])
            except (ValueError, KeyError, AttributeError):
                print(f"line {n}: expected a JSON object with id and text", file=sys.stderr)
                raise SystemExit(2) from None


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _batch(args: argparse.Namespace, one: Callable[[str], dict[str, Any]]) -> int:
    if args.jsonl:
        for item_id, text in _read_jsonl(args.jsonl):
            _emit({"id": item_id, **one(text)})
        return 0
    if args.text is None:
        print("give TEXT or --jsonl FILE", file=sys.stderr)
        return 2
    result = one(args.text)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def cmd_redact(args: argparse.Namespace) -> int:
    from gateway.redaction.engine import default_analyzer
    from gateway.redaction.placeholders import replace_entities

    analyzer = default_analyzer()

    def one(text: str) -> dict[str, Any]:
        # Offsets refer to the input text as given, so analyze it without normalizing;
        # the analyzer folds full-width forms itself.
        entities = analyzer.analyze(text)
        redacted, _, _ = replace_entities(text, entities)
        return {
            "redacted": redacted,
            "entities": [
                {"type": e.type, "start": e.start, "end": e.end, "value": e.value}
                for e in sorted(entities, key=lambda e: e.start)
            ],
        }

    return _batch(args, one)


def cmd_triage(args: argparse.Namespace) -> int:
    from gateway.redaction.engine import default_analyzer
    from gateway.redaction.placeholders import replace_entities
    from gateway.triage.stage import default_triage

    analyzer = default_analyzer()
    triager = default_triage(safety_net=not args.rules_only)

    def one(text: str) -> dict[str, Any]:
        # Same order as the gateway: normalize, redact, then triage the redacted text.
        clean = normalize_text(text)
        redacted, _, _ = replace_entities(clean, analyzer.analyze(clean))
        result = triager.assess(redacted)
        return {"level": result.level, "category": result.category, "reasons": list(result.reasons)}

    return _batch(args, one)


def register(sub: Any) -> None:
    redact = sub.add_parser("redact", help="redact identifiers from TEXT or a JSONL file")
    redact.add_argument("text", nargs="?")
    redact.add_argument("--jsonl", metavar="FILE", help='lines of {"id","text"}; - = stdin')
    redact.set_defaults(func=cmd_redact)

    triage = sub.add_parser("triage", help="triage TEXT or a JSONL file")
    triage.add_argument("text", nargs="?")
    triage.add_argument("--jsonl", metavar="FILE", help='lines of {"id","text"}; - = stdin')
    triage.add_argument("--rules-only", action="store_true", help="without the safety net")
    triage.set_defaults(func=cmd_triage)
