"""JSON-lines logging. Records carry ids, routes, statuses and timings — never patient text."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

_FIELDS = (
    "request_id",
    "route",
    "method",
    "status",
    "latency_ms",
    "tenant",
    "event",
    "triage",
    "category",
    "error",
    "upstream",
    "degraded",
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in _FIELDS:
            if hasattr(record, name):
                data[name] = getattr(record, name)
        if record.exc_info and record.exc_info[0] is not None:
            # The exception type only: messages of foreign exceptions may quote input.
            data["exc_type"] = record.exc_info[0].__name__
        return json.dumps(data, ensure_ascii=False)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("gateway")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False
    # The audit trail (erasures, admin actions) is kept whatever the log level.
    logging.getLogger("gateway.audit").setLevel(logging.INFO)
