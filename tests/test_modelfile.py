"""The clinic Modelfile, its parser/checker/renderer, and the modelfile/model commands."""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from gateway import model_cli
from gateway.modelfile import (
    QWEN3_4B_HEAD_DIM,
    QWEN3_4B_KV_HEADS,
    QWEN3_4B_LAYERS,
    Instruction,
    ModelfileError,
    check,
    kv_cache_bytes,
    lint,
    parse,
    render,
)
from gateway.prompt import persona
from gateway.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "modelfiles"
TEMPLATE_TEXT = (ROOT / "modelfiles" / "qwen3-4b-clinic.Modelfile").read_text(encoding="utf-8")
GGUF = "/srv/models/Qwen3-4B-Instruct-2507-Q4_K_M.gguf"


@pytest.fixture(scope="module")
def rendered() -> str:
    return render(TEMPLATE_TEXT, GGUF, persona())


def values(text: str, keyword: str, name: str = "") -> list[str]:
    return [i.value for i in parse(text) if i.keyword == keyword and i.name == name]


# --- the shipped Modelfile -------------------------------------------------------------


def test_shipped_modelfile_renders_clean(rendered: str) -> None:
    assert lint(rendered) == ([], [])
    assert values(rendered, "FROM") == [GGUF]


def test_template_checks_with_only_placeholder_warnings() -> None:
    problems, warnings = lint(TEMPLATE_TEXT)
    assert problems == []
    assert len(warnings) == 2 and all("unfilled placeholder" in w for w in warnings)


def test_system_is_persona_md_exactly(rendered: str) -> None:
    on_disk = (ROOT / "gateway" / "persona.md").read_text(encoding="utf-8")
    # The gateway strips the file (a trailing newline); the Modelfile carries the same text.
    assert values(rendered, "SYSTEM") == [on_disk.strip()] == [persona()]
    assert "You are the patient assistant" not in TEMPLATE_TEXT  # lives only in persona.md


def test_template_is_chatml_over_messages(rendered: str) -> None:
    (tmpl,) = values(rendered, "TEMPLATE")
    for part in (".System", "range $i, $m := .Messages", "$m.Role", "$m.Content"):
        assert part in tmpl
    assert "<|im_start|>system\n{{ .System }}<|im_end|>\n" in tmpl
    assert '{{- if eq $m.Role "user" }}<|im_start|>user\n{{ $m.Content }}<|im_end|>\n' in tmpl
    # The prompt ends with an open assistant turn unless the last message is the assistant's.
    assert tmpl.endswith('{{- if and $last (ne $m.Role "assistant") }}<|im_start|>assistant\n'
                         "{{ end }}\n{{- end }}")  # fmt: skip
    assert sorted(values(rendered, "PARAMETER", "stop")) == ["<|im_end|>", "<|im_start|>"]


def test_parameters_and_kv_cache_comment(rendered: str) -> None:
    params = {i.name: i.value for i in parse(rendered) if i.keyword == "PARAMETER"}
    assert params["temperature"] == "0.7" and params["top_p"] == "0.8"
    assert params["top_k"] == "20" and params["min_p"] == "0"
    assert "Qwen3-4B-Instruct-2507" in TEMPLATE_TEXT and "model card" in TEMPLATE_TEXT
    # Same bound as the gateway's own per-request num_predict.
    assert int(params["num_predict"]) == Settings.model_fields["ollama_num_predict"].default
    num_ctx = int(params["num_ctx"])
    assert num_ctx == 8192
    per_token = kv_cache_bytes(QWEN3_4B_LAYERS, QWEN3_4B_KV_HEADS, QWEN3_4B_HEAD_DIM, 1, 2)
    total = kv_cache_bytes(QWEN3_4B_LAYERS, QWEN3_4B_KV_HEADS, QWEN3_4B_HEAD_DIM, num_ctx, 2)
    assert per_token == 147_456 and total == 1_207_959_552
    line = re.search(r"#\s+2 \(K and V\) x (\d+) layers x (\d+) KV heads x (\d+) head_dim x "
                     r"(\d+) bytes = ([\d,]+) bytes per token", TEMPLATE_TEXT)  # fmt: skip
    assert line is not None
    layers, heads, dim, width = (int(g) for g in line.groups()[:4])
    assert kv_cache_bytes(layers, heads, dim, 1, width) == int(line[5].replace(",", ""))
    line = re.search(r"#\s+([\d,]+) bytes x (\d+) tokens = ([\d,]+) bytes = (\d+) MiB",
                     TEMPLATE_TEXT)  # fmt: skip
    assert line is not None
    assert int(line[2]) == num_ctx
    assert int(line[3].replace(",", "")) == total == int(line[4]) * 2**20


# --- broken files are rejected with the right message ---------------------------------

PERSONA = "Be kind."


def good() -> str:
    return render(TEMPLATE_TEXT, GGUF, PERSONA)


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return edit


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


BROKEN: list[tuple[str, Callable[[str], str], str, str]] = [
    # id, edit, needle of the offending line ("" = end of file), expected message part
    ("unknown instruction", replace("PARAMETER top_k", "PARAMTER top_k"), "PARAMTER",
     "unknown instruction 'PARAMTER'"),
    ("no FROM", replace(f"FROM {GGUF}\n", ""), "", "no FROM line"),
    ("unknown parameter", replace("PARAMETER min_p 0", "PARAMETER tfs_z 1"), "tfs_z",
     "unknown parameter 'tfs_z'"),
    ("parameter names are case-sensitive", replace("PARAMETER min_p", "PARAMETER Min_P"),
     "Min_P", "unknown parameter 'Min_P'"),
    ("bad int", replace("num_ctx 8192", "num_ctx 8k"), "num_ctx 8k",
     "PARAMETER num_ctx has an invalid int value '8k'"),
    ("float for an int", replace("top_k 20", "top_k 20.5"), "top_k",
     "invalid int value '20.5'"),
    ("trailing comment is part of the value", replace("top_k 20", "top_k 20 # card"), "top_k",
     "invalid int value '20 # card'"),
    ("bad float", replace("temperature 0.7", "temperature warm"), "temperature",
     "PARAMETER temperature has an invalid float value 'warm'"),
    ("float32 overflow", replace("top_p 0.8", "top_p 1e39"), "top_p", "invalid float value"),
    ("bad bool", replace("PARAMETER min_p 0", "PARAMETER use_mmap maybe"), "use_mmap",
     "invalid bool value 'maybe'"),
    ("missing stop <|im_end|>", replace('PARAMETER stop "<|im_end|>"\n', ""), "",
     'missing PARAMETER stop "<|im_end|>"'),
    ("missing stop <|im_start|>", replace('PARAMETER stop "<|im_start|>"\n', ""), "",
     'missing PARAMETER stop "<|im_start|>"'),
    ("Phi-3 stop token", replace('stop "<|im_start|>"', 'stop "<|end|>"'), '"<|end|>"',
     "PARAMETER stop contains the Phi-3 token <|end|>"),
    ("Phi-3 template", replace("<|im_start|>user\n", "<|user|>\n"), "TEMPLATE",
     "TEMPLATE contains the Phi-3 token <|user|>"),
    ("template without <|im_end|>", lambda t: t.replace("<|im_end|>\n{{", "\n{{"), "TEMPLATE",
     "TEMPLATE lacks the ChatML token <|im_end|>"),
    ("template does not parse", replace("{{ end }}\n{{- range", "\n{{- range"), "TEMPLATE",
     "will not parse as a Go template"),
    ("no template", lambda t: re.sub(r'TEMPLATE """.*?"""\n', "", t, flags=re.S), "",
     "no TEMPLATE"),
    ("missing num_ctx", replace("PARAMETER num_ctx 8192\n", ""), "", "missing PARAMETER num_ctx"),
    ("num_ctx zero", replace("num_ctx 8192", "num_ctx 0"), "num_ctx 0",
     "PARAMETER num_ctx must be > 0"),
    ("missing num_predict", replace("PARAMETER num_predict 768\n", ""), "",
     "missing PARAMETER num_predict"),
    ("unbounded num_predict", replace("num_predict 768", "num_predict -1"), "num_predict -1",
     "PARAMETER num_predict must be > 0"),
    ("bad MESSAGE role", lambda t: t + "MESSAGE tool {}\n", "MESSAGE",
     "MESSAGE role 'tool' must be one of system, user, assistant"),
    ("MESSAGE roles are case-sensitive", lambda t: t + "MESSAGE User hi\n", "MESSAGE",
     "MESSAGE role 'User'"),
    ("unclosed block", lambda t: t + 'LICENSE """MIT\n', "LICENSE", "unclosed quote"),
    ("instruction without value", lambda t: t + "ADAPTER\n", "ADAPTER", "ADAPTER has no value"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "needle", "expected"), [b[1:] for b in BROKEN],
                         ids=[b[0] for b in BROKEN])  # fmt: skip
def test_broken_modelfile_is_rejected(
    edit: Callable[[str], str], needle: str, expected: str
) -> None:
    text = edit(good())
    problems = check(text)
    hits = [p for p in problems if expected in p]
    assert hits, problems
    where = f"line {line_of(text, needle)}: " if needle else "end of file (line "
    assert hits[0].startswith(where), hits


def test_phi3_blog_modelfile_is_rejected() -> None:
    problems = check((DATA / "phi3-blog.Modelfile").read_text(encoding="utf-8"))
    assert "line 5: TEMPLATE lacks the ChatML token <|im_start|>" in problems
    assert any(p.startswith("line 13: PARAMETER stop contains the Phi-3 token <|end|>")
               for p in problems)  # fmt: skip
    assert any('missing PARAMETER stop "<|im_end|>"' in p for p in problems)


def test_deprecated_parameter_only_warns() -> None:
    text = good() + "PARAMETER mirostat 2\nPARAMETER top_k 40\n"
    problems, warnings = lint(text)
    assert problems == []
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "parameter mirostat is deprecated and ignored",
        "PARAMETER top_k repeated; the last value wins",
    ]


# --- the parser ------------------------------------------------------------------------


def test_parser_features_like_ollama() -> None:
    # The expected values were cross-checked against Ollama's parser state machine.
    found = parse((DATA / "syntax.Modelfile").read_bytes().decode("utf-8"))
    assert found == [
        Instruction("FROM", "/models/base.gguf", 3),
        Instruction("PARAMETER", "0.5", 5, "temperature"),
        Instruction("PARAMETER", "<|im_end|>", 6, "stop"),
        Instruction("PARAMETER", "<|im_start|>", 7, "stop"),
        Instruction("PARAMETER", "20 # not a comment: part of the value", 8, "top_k"),
        Instruction("TEMPLATE", "<|im_start|>system\n{{ .System }}<|im_end|>\n\n"
                    "# not a comment either: inside a block\n"
                    "{{ range .Messages }}{{ .Content }}{{ end }}", 9),
        Instruction("SYSTEM", "one quoted line", 14),
        Instruction("MESSAGE", "a question\nover two lines", 15, "user"),
        Instruction("MESSAGE", "an answer", 17, "assistant"),
        Instruction("LICENSE", "MIT\n", 18),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('FROM x\nSYSTEM   "  padded  "  \n', "  padded  "),
        ('FROM x\nSYSTEM """say "hi"\n  twice"""\n', 'say "hi"\n  twice'),
        ('FROM x\nSYSTEM """ends in a quote""""', 'ends in a quote"'),
        ("FROM x\nSYSTEM two  words\t here", "two  words\t here"),
        ("FROM x\nSYSTEM " + '"""a\u3000b\u200bc"""', "abc"),  # Go's IsPrint drops these
    ],
)
def test_parser_values(text: str, expected: str) -> None:
    assert values(text, "SYSTEM") == [expected]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FROM x\nBOGUS y\n", "line 2: unknown instruction 'BOGUS'"),
        ("FR0M x\n", "line 1: unknown instruction 'FR0M'"),
        ("PARAMETER top_k 1\n", "no FROM line"),
        ("FROM x\nMESSAGE bot hi\n", "line 2: MESSAGE role 'bot'"),
        ('FROM x\nSYSTEM "a" b\n', "line 2: SYSTEM value has an unclosed quote"),
        ("FROM x\nPARAMETER\n", "line 2: PARAMETER has no value"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ModelfileError, match=re.escape(message)):
        parse(text)


# --- render ----------------------------------------------------------------------------


def test_render_rejects_triple_quotes_in_persona() -> None:
    with pytest.raises(ModelfileError, match='contains """'):
        render(TEMPLATE_TEXT, GGUF, 'Say """hello""" to patients.')


@pytest.mark.parametrize(
    ("template", "gguf", "persona_text", "message"),
    [
        (TEMPLATE_TEXT, GGUF, "Ideographic\u3000space", "characters Ollama drops"),
        (TEMPLATE_TEXT, GGUF, "  \n", "persona is empty"),
        (TEMPLATE_TEXT, "/a\nb.gguf", PERSONA, "unusable GGUF path"),
        (TEMPLATE_TEXT.replace("SYSTEM {{PERSONA}}", "SYSTEM fixed"), GGUF, PERSONA,
         "exactly one SYSTEM {{PERSONA}} line"),
    ],
)  # fmt: skip
def test_render_rejects(template: str, gguf: str, persona_text: str, message: str) -> None:
    with pytest.raises(ModelfileError, match=re.escape(message)):
        render(template, gguf, persona_text)


def test_render_keeps_odd_paths_and_persona_exact() -> None:
    text = render(TEMPLATE_TEXT, " /my models/q.gguf", '"Quoted" start\n\tand "end"')
    assert values(text, "FROM") == [" /my models/q.gguf"]
    assert values(text, "SYSTEM") == ['"Quoted" start\n\tand "end"']
    assert check(text) == []


def test_kv_cache_bytes() -> None:
    assert kv_cache_bytes(36, 8, 128, 8192) == 1152 * 2**20
    assert kv_cache_bytes(36, 8, 128, 8192, bytes_per_value=1) == 576 * 2**20  # q8_0 cache


# --- the commands ----------------------------------------------------------------------


def test_register_wires_subcommands() -> None:
    parser = argparse.ArgumentParser()
    model_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["modelfile", "check", "F"])
    assert args.func is model_cli.cmd_check and args.file == "F"
    args = parser.parse_args(["modelfile", "render", "--gguf", "g", "--out", "o"])
    assert args.func is model_cli.cmd_render and (args.gguf, args.out) == ("g", "o")
    args = parser.parse_args(["model", "create", "--gguf", "g", "--name", "n"])
    assert args.func is model_cli.cmd_create and (args.name, args.ollama_url) == ("n", None)


def test_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = tmp_path / "ok.Modelfile"
    ok.write_text(good(), encoding="utf-8")
    assert model_cli.cmd_check(argparse.Namespace(file=str(ok))) == 0
    assert capsys.readouterr().out == "ok\n"
    bad = tmp_path / "bad.Modelfile"
    bad.write_text(good().replace("num_ctx 8192", "num_ctx big"), encoding="utf-8")
    assert model_cli.cmd_check(argparse.Namespace(file=str(bad))) == 1
    out = capsys.readouterr().out
    assert "invalid int value 'big'" in out and "ok" not in out.split()
    missing = argparse.Namespace(file=str(tmp_path / "nope"))
    assert model_cli.cmd_check(missing) == 1
    assert "cannot read" in capsys.readouterr().err


def test_render_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "Modelfile"
    args = argparse.Namespace(gguf=str(tmp_path / "m.gguf"), out=str(out))
    assert model_cli.cmd_render(args) == 0
    text = out.read_text(encoding="utf-8")
    assert check(text) == [] and values(text, "FROM") == [str(tmp_path / "m.gguf")]
    assert f"wrote {out}" in capsys.readouterr().out
    assert model_cli.cmd_render(argparse.Namespace(gguf=None, out=None)) == 0
    printed = capsys.readouterr().out
    assert values(printed, "FROM") == [str(model_cli.DEFAULT_GGUF)]
    assert values(printed, "SYSTEM") == [persona()]


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A GGUF stand-in, and models/Modelfile redirected away from the repository."""
    (tmp_path / "q.gguf").write_bytes(b"GGUF")
    monkeypatch.setattr(model_cli, "RENDERED", tmp_path / "models" / "Modelfile")
    return tmp_path


def create_args(gguf: Path) -> argparse.Namespace:
    return argparse.Namespace(gguf=str(gguf), name="clinic-test", ollama_url="http://ollama:1")


def test_create_without_gguf(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert model_cli.cmd_create(create_args(workdir / "missing.gguf")) == 2
    err = capsys.readouterr().err
    assert str(workdir / "missing.gguf") in err
    for part in ("Qwen3-4B-Instruct-2507", "Q4_K_M", "2.5 GB", "GGUF=/path/to/file.gguf"):
        assert part in err
    assert not model_cli.RENDERED.exists()


def test_create_without_ollama_binary(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(workdir / "empty"))
    assert model_cli.cmd_create(create_args(workdir / "q.gguf")) == 2
    err = capsys.readouterr().err
    assert "`ollama` command is not on PATH" in err and "ollama create clinic-test -f" in err
    assert check(model_cli.RENDERED.read_text(encoding="utf-8")) == []  # ready for later


def fake_ollama(workdir: Path, monkeypatch: pytest.MonkeyPatch, rc: int = 0) -> Path:
    log = workdir / "ollama.log"
    exe = workdir / "bin" / "ollama"
    exe.parent.mkdir()
    exe.write_text(f'#!/bin/sh\necho "$@" "$OLLAMA_HOST" > "{log}"\nexit {rc}\n')
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{exe.parent}{os.pathsep}{os.environ['PATH']}")
    return log


def fake_api(monkeypatch: pytest.MonkeyPatch, show: dict[str, object]) -> list[str]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.url.path} {json.loads(request.content)['model']}")
        if request.url.path == "/api/show":
            return httpx.Response(200, json=show)
        reply = {"role": "assistant", "content": "Yes, I am ready."}
        return httpx.Response(200, json={"message": reply, "done": True, "eval_count": 6})

    def client(base_url: str) -> httpx.Client:
        return httpx.Client(base_url=base_url, transport=httpx.MockTransport(handler))

    monkeypatch.setattr(model_cli, "_client", client)
    return seen


SHOW: dict[str, object] = {"capabilities": ["completion"], "system": persona(),
        "details": {"family": "qwen3", "parameter_size": "4.0B", "quantization_level": "Q4_K_M"}}  # fmt: skip


def test_create_runs_ollama_and_verifies(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    log = fake_ollama(workdir, monkeypatch)
    seen = fake_api(monkeypatch, SHOW)
    assert model_cli.cmd_create(create_args(workdir / "q.gguf")) == 0
    rendered = model_cli.RENDERED
    assert log.read_text().split() == ["create", "clinic-test", "-f", str(rendered),
                                       "http://ollama:1"]  # fmt: skip
    assert values(rendered.read_text(encoding="utf-8"), "FROM") == [str(workdir / "q.gguf")]
    assert seen == ["/api/show clinic-test", "/api/chat clinic-test"]
    out = capsys.readouterr().out
    assert "created model clinic-test" in out and "Yes, I am ready." in out


@pytest.mark.parametrize(
    ("rc", "show", "message"),
    [
        (3, SHOW, "ollama create failed (exit 3)"),
        (0, {**SHOW, "capabilities": ["embedding"]}, 'not including "completion"'),
        (0, {**SHOW, "system": "another persona"}, "differs from gateway/persona.md"),
    ],
)
def test_create_failures(
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rc: int,
    show: dict[str, object],
    message: str,
) -> None:
    fake_ollama(workdir, monkeypatch, rc)
    fake_api(monkeypatch, show)
    assert model_cli.cmd_create(create_args(workdir / "q.gguf")) == 1
    assert message in capsys.readouterr().err


def test_create_defaults_follow_gateway_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_OLLAMA_MODEL", "clinic-x")
    monkeypatch.setenv("GATEWAY_OLLAMA_URL", "http://10.0.0.5:11434/")
    args = argparse.Namespace(gguf=None, name=None, ollama_url=None)
    assert model_cli._target(args) == ("clinic-x", "http://10.0.0.5:11434")
