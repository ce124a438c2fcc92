"""``python -m gateway index build|info``: what ``make index`` runs."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from gateway.settings import Settings


def _embedder(settings: Settings) -> Any:
    from gateway.knowledge.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(
        settings.embedding_model or None, tuple(settings.embedding_languages)
    )


def _progress() -> Any:
    tty = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if tty:
            width = 30
            filled = int(width * done / max(total, 1))
            sys.stderr.write(f"\rembedding [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(f"embedded {done}/{total} chunks\n")
        sys.stderr.flush()

    return report


def _notify_running_gateway(settings: Settings) -> None:
    """Asks a local `make run` gateway (pid in var/) to reload the index."""
    pid_file = settings.var_dir / "gateway.pid"
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, signal.SIGHUP)
    except (OSError, ValueError):
        return
    print(f"asked the running gateway (pid {pid}) to reload the index")


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from gateway.knowledge.documents import KnowledgeError
    from gateway.knowledge.store import build_index

    try:
        manifest = build_index(
            Path(args.knowledge), settings.index_dir, _embedder(settings), progress=_progress()
        )
    except KnowledgeError as exc:
        print("index build failed; nothing was published:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"built index {manifest['build_id']}: {manifest['documents']} documents, "
        f"{manifest['chunks']} chunks ({manifest['embedded']} embedded, "
        f"{manifest['reused']} from cache) in {manifest['build_seconds']} s"
    )
    from gateway.knowledge.embedder import prepare_query_encoder

    # Done here so the gateway's first start does not pay for the export.
    if prepare_query_encoder(
        settings.embedding_model, settings.embedding_backend, settings.encoder_dir
    ):
        print(f"exported the query encoder to {settings.encoder_dir}")
    if args.notify:
        _notify_running_gateway(settings)
    return 0


def cmd_info(args: argparse.Namespace, settings: Settings) -> int:
    from gateway.knowledge.store import current_build

    build = current_build(settings.index_dir)
    if build is None:
        print(f"no index under {settings.index_dir}: run `make index`", file=sys.stderr)
        return 1
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    print(json.dumps({"path": str(build), **manifest}, indent=2, ensure_ascii=False))
    return 0


def register(sub: Any, load_settings: Any) -> None:
    index = sub.add_parser("index", help="build or inspect the knowledge index")
    actions = index.add_subparsers(dest="index_command", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build the index from knowledge/ (atomic publish)")
    build.add_argument("--knowledge", default="knowledge", help="documents directory")
    build.add_argument(
        "--notify", action="store_true", help="tell a local `make run` gateway to reload"
    )
    build.set_defaults(func=lambda a: cmd_build(a, load_settings()))
    info = actions.add_parser("info", help="print the current index manifest")
    info.set_defaults(func=lambda a: cmd_info(a, load_settings()))
