"""``python -m gateway events tail``: staff read the emergency or audit stream from Redis."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from gateway.events import AUDIT_KEY, STREAM_KEY


def cmd_tail(args: argparse.Namespace, load_settings: Any) -> int:
    import redis

    settings = load_settings()
    # redis-py types sync replies loosely; at run time these are plain lists and dicts.
    client: Any = redis.Redis.from_url(
        settings.redis_url, decode_responses=True, socket_timeout=settings.redis_timeout
    )
    key = AUDIT_KEY if args.audit else STREAM_KEY
    try:
        rows = list(reversed(client.xrevrange(key, count=args.count)))
        last = rows[-1][0] if rows else "$"
        for event_id, fields in rows:
            print(json.dumps({"id": event_id, **fields}, ensure_ascii=False), flush=True)
        while args.follow:
            reply = client.xread({key: last}, block=5000, count=100)
            for _, entries in reply or []:
                for event_id, fields in entries:
                    last = event_id
                    print(json.dumps({"id": event_id, **fields}, ensure_ascii=False), flush=True)
            time.sleep(0.01)
    except redis.RedisError as exc:
        raise SystemExit(f"cannot read {key} from Redis: {type(exc).__name__}") from None
    except KeyboardInterrupt:
        pass
    return 0


def register(sub: Any, load_settings: Any) -> None:
    events = sub.add_parser("events", help="read emergency or audit events")
    actions = events.add_subparsers(dest="events_command", required=True, metavar="ACTION")
    tail = actions.add_parser("tail", help="print the latest events (JSON lines)")
    tail.add_argument("-n", "--count", type=int, default=20)
    tail.add_argument("--audit", action="store_true", help="the audit stream, not emergencies")
    tail.add_argument("-f", "--follow", action="store_true", help="keep printing new events")
    tail.set_defaults(func=lambda a: cmd_tail(a, load_settings))
