"""Command line: ``python -m gateway <command>`` (also installed as ``gateway``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gateway.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def load_settings() -> Settings:
    """The edge: the only place the environment is read."""
    try:
        return Settings()
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = "GATEWAY_" + "_".join(str(p) for p in err["loc"]).upper()
            lines.append(f"  {name}: {err['msg']}")
        raise SystemExit("invalid settings:\n" + "\n".join(lines)) from None


def worker_app() -> FastAPI:
    """What each `serve --workers N` process runs: settings read from GATEWAY_* there.

    Workers share nothing but Redis (histories, locks, rate limits) and the index on disk, the
    same shape as several replicas behind a load balancer.
    """
    from gateway.app import create_app

    return create_app(load_settings())


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from gateway.app import ConfigError, create_app

    settings = load_settings()
    if args.workers > 1 and args.dev:
        raise SystemExit("--workers needs settings in GATEWAY_* variables; it cannot use --dev")
    if args.dev:
        from gateway.devenv import dev_settings, write_pid

        settings = dev_settings(settings)
        write_pid(settings.var_dir)
    try:
        # Built here even with workers: bad settings stop start-up once, with a clear message.
        app = create_app(settings)
    except ConfigError as exc:
        raise SystemExit(f"invalid settings: {exc}") from None
    print(
        f"patient-gateway serving on http://{args.host}:{args.port} "
        f"(model {settings.ollama_model} at {settings.ollama_url}, {args.workers} worker(s))",
        flush=True,
    )
    common: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "timeout_graceful_shutdown": settings.shutdown_grace_seconds,
    }
    if args.workers > 1:
        uvicorn.run("gateway.__main__:worker_app", factory=True, workers=args.workers, **common)
    else:
        uvicorn.run(app, **common)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gateway",
        description="patient-gateway: redaction, triage, retrieval and safety rails in front "
        "of a local Ollama model.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes on one port (each loads the index; they share Redis)",
    )
    serve.add_argument(
        "--dev",
        action="store_true",
        help="create a dev key and start a local Redis under var/ when unset",
    )
    serve.set_defaults(func=cmd_serve)

    from gateway import cli_tools, events_cli, model_cli, summary_cli
    from gateway.knowledge import cli as index_cli

    cli_tools.register(sub)
    model_cli.register(sub)
    index_cli.register(sub, load_settings)
    events_cli.register(sub, load_settings)
    summary_cli.register(sub, load_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    return func(args)


if __name__ == "__main__":
    sys.exit(main())
