"""``python -m gateway summary PATIENT_ID --tenant NAME``: a pre-visit summary for staff."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any


async def _run(args: argparse.Namespace, settings: Any) -> int:
    import redis.asyncio as aioredis

    from gateway.errors import GatewayError
    from gateway.history import PatientKeys, RedisHistoryStore
    from gateway.ollama import OllamaClient, new_http_session
    from gateway.summary import SummaryService

    redis = aioredis.from_url(
        settings.redis_url, decode_responses=True, socket_timeout=settings.redis_timeout
    )
    async with new_http_session(settings.ollama_connect_timeout) as http:
        client = OllamaClient.from_settings(http, settings, settings.ollama_urls[0])
        keys = PatientKeys(settings.hash_secret.get_secret_value().encode())
        history = RedisHistoryStore(
            redis,
            keys,
            ttl_seconds=settings.history_ttl_seconds,
            max_turns=settings.history_max_turns,
        )
        service = SummaryService(
            history,
            client,
            context_tokens=settings.context_tokens,
            num_predict=settings.ollama_num_predict,
        )
        try:
            result = await service.summarize(args.tenant, args.patient_id, args.locale)
        except GatewayError as exc:
            print(f"{exc.title}: {exc.detail}", file=sys.stderr)
            return 1
        finally:
            await redis.aclose()
    print(result.model_dump_json(indent=2))
    return 0


def register(sub: Any, load_settings: Any) -> None:
    summary = sub.add_parser("summary", help="print a pre-visit summary for a patient")
    summary.add_argument("patient_id")
    summary.add_argument("--tenant", required=True, help="the portal (API key name) it belongs to")
    summary.add_argument("--locale", choices=["zh", "en"], default=None)
    summary.set_defaults(func=lambda a: asyncio.run(_run(a, load_settings())))
