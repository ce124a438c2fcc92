"""``modelfile check|render`` and ``model create`` (what ``make model`` runs).

Exit codes: 0 done; 1 a problem in the Modelfile, in ``ollama create`` or in the check of
the created model; 2 something IT has to provide first (the GGUF file, the ollama binary).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from gateway import modelfile

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "modelfiles" / "qwen3-4b-clinic.Modelfile"
GGUF_NAME = "Qwen3-4B-Instruct-2507-Q4_K_M.gguf"
DEFAULT_GGUF = REPO / "models" / GGUF_NAME
RENDERED = REPO / "models" / "Modelfile"
SMOKE_PROMPT = "Reply with one short sentence: are you ready?"


def _err(*lines: str) -> None:
    print("\n".join(lines), file=sys.stderr)


def _persona() -> str:
    from gateway.prompt import persona  # the same text the gateway sends

    return persona()


def _render(gguf: Path) -> str:
    if not TEMPLATE.is_file():
        raise modelfile.ModelfileError(f"the Modelfile template is missing: {TEMPLATE}")
    return modelfile.render(TEMPLATE.read_text(encoding="utf-8"), str(gguf), _persona())


def cmd_check(args: argparse.Namespace) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"{args.file}: cannot read: {exc}")
        return 1
    problems, warnings = modelfile.lint(text)
    for line in warnings:
        _err(f"{args.file}: warning: {line}")
    for line in problems:
        print(f"{args.file}: {line}")
    if problems:
        return 1
    print("ok")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    gguf = Path(args.gguf).expanduser().resolve() if args.gguf else DEFAULT_GGUF
    try:
        text = _render(gguf)
    except modelfile.ModelfileError as exc:
        _err(f"cannot render the Modelfile: {exc}")
        return 1
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out} (FROM {gguf})")
    return 0


def _missing_gguf(gguf: Path) -> int:
    _err(
        f"GGUF file not found: {gguf}",
        "",
        "make model needs the Qwen3-4B-Instruct-2507 model quantized to Q4_K_M in GGUF format",
        f"(a single file of about 2.5 GB, usually named {GGUF_NAME}).",
        "Download it from Hugging Face (Qwen3-4B-Instruct-2507 GGUF repositories; not the",
        "Thinking-2507 variant and not the original Qwen3-4B), then either put it at",
        f"  {DEFAULT_GGUF}",
        "(models/ is git-ignored) or point to it: make model GGUF=/path/to/file.gguf",
    )
    return 2


def _target(args: argparse.Namespace) -> tuple[str, str]:
    """Model name and Ollama URL: the options, else the gateway's own settings
    (GATEWAY_OLLAMA_MODEL, GATEWAY_OLLAMA_URL), so the gateway asks for what was created."""
    if args.name and args.ollama_url:
        return args.name, args.ollama_url.rstrip("/")
    from pydantic import ValidationError

    from gateway.settings import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        raise SystemExit(f"invalid GATEWAY_ settings: {exc}") from None
    return args.name or settings.ollama_model, (args.ollama_url or settings.ollama_url).rstrip("/")


def cmd_create(args: argparse.Namespace) -> int:
    gguf = Path(args.gguf).expanduser().resolve() if args.gguf else DEFAULT_GGUF
    if not gguf.is_file():
        return _missing_gguf(gguf)
    name, url = _target(args)
    try:
        text = _render(gguf)
    except modelfile.ModelfileError as exc:
        _err(f"cannot render the Modelfile: {exc}")
        return 1
    problems = modelfile.check(text)
    if problems:
        _err("the rendered Modelfile has problems:", *problems)
        return 1
    RENDERED.parent.mkdir(parents=True, exist_ok=True)
    RENDERED.write_text(text, encoding="utf-8")
    print(f"wrote {RENDERED} (FROM {gguf})")

    ollama = shutil.which("ollama")
    if ollama is None:
        _err(
            "the `ollama` command is not on PATH. Install Ollama (https://ollama.com/download),",
            "start it (the ollama service, or `ollama serve`), then run make model again,",
            f"or run by hand: ollama create {name} -f {RENDERED}",
        )
        return 2
    # The CLI talks to the server named by OLLAMA_HOST; make it the one we verify below.
    env = {**os.environ, "OLLAMA_HOST": url}
    print(f"running: ollama create {name} -f {RENDERED}", flush=True)
    proc = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [ollama, "create", name, "-f", str(RENDERED)], env=env, check=False
    )
    if proc.returncode != 0:
        _err(f"ollama create failed (exit {proc.returncode}); see its message above")
        return 1
    return _verify(url, name, _persona())


def _post(client: httpx.Client, path: str, body: dict[str, Any], timeout: float) -> Any:
    resp = client.post(path, json=body, timeout=timeout)
    if resp.status_code != 200:
        raise RuntimeError(f"POST {path} answered {resp.status_code}: {resp.text.strip()[:300]}")
    return resp.json()


def _client(base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, trust_env=False)


def _verify(base_url: str, name: str, persona: str) -> int:
    """/api/show must report "completion" and our persona; one short chat must answer."""
    try:
        with _client(base_url) as client:
            show = _post(client, "/api/show", {"model": name}, timeout=30)
            caps = show.get("capabilities")
            if not isinstance(caps, list) or "completion" not in caps:
                raise RuntimeError(
                    f'/api/show capabilities are {caps!r}, not including "completion" '
                    "(Ollama >= 0.6.4 reports them)"
                )
            if show.get("system") != persona:
                raise RuntimeError("/api/show system differs from gateway/persona.md")
            # The first chat loads the model: allow for a slow disk.
            chat = _post(
                client,
                "/api/chat",
                {
                    "model": name,
                    "messages": [{"role": "user", "content": SMOKE_PROMPT}],
                    "stream": False,
                    "options": {"num_predict": 32},
                },
                timeout=300,
            )
            reply = str((chat.get("message") or {}).get("content") or "").strip()
            if chat.get("done") is not True or not reply:
                raise RuntimeError(f"/api/chat gave no complete answer: {chat!r}"[:400])
    except httpx.HTTPError as exc:
        _err(f"cannot talk to Ollama at {base_url}: {exc!r}")
        return 1
    except (RuntimeError, ValueError, AttributeError) as exc:
        _err(f"model {name} was created but does not work as expected: {exc}")
        return 1
    details = show.get("details") or {}
    print(
        f"created model {name} at {base_url}: {details.get('family', '?')} "
        f"{details.get('parameter_size', '?')} {details.get('quantization_level', '?')}, "
        f"capabilities {', '.join(map(str, caps))}",
        f"test chat ({chat.get('eval_count', '?')} tokens): {reply[:160]}",
        sep="\n",
    )
    return 0


def register(sub: Any) -> None:
    """Add ``modelfile`` and ``model`` to the top-level subparsers."""
    mf = sub.add_parser("modelfile", help="check or render an Ollama Modelfile")
    mf_sub = mf.add_subparsers(dest="modelfile_command", required=True, metavar="ACTION")
    check = mf_sub.add_parser("check", help="list a Modelfile's problems (exit 1 if any)")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(func=cmd_check)
    render = mf_sub.add_parser(
        "render", help=f"fill {TEMPLATE.name} with a GGUF path and gateway/persona.md"
    )
    render.add_argument("--gguf", metavar="PATH", help=f"default {DEFAULT_GGUF}")
    render.add_argument("--out", metavar="FILE", help="default: standard output")
    render.set_defaults(func=cmd_render)

    model = sub.add_parser("model", help="create the clinic model in Ollama")
    model_sub = model.add_subparsers(dest="model_command", required=True, metavar="ACTION")
    create = model_sub.add_parser(
        "create", help="render models/Modelfile, run ollama create, check the model"
    )
    create.add_argument("--gguf", metavar="PATH", help=f"default {DEFAULT_GGUF}")
    create.add_argument(
        "--name", help="Ollama model name (default GATEWAY_OLLAMA_MODEL, qwen3-4b-clinic)"
    )
    create.add_argument(
        "--ollama-url", help="Ollama base URL (default GATEWAY_OLLAMA_URL, http://127.0.0.1:11434)"
    )
    create.set_defaults(func=cmd_create)
