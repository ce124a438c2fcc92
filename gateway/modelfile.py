"""Ollama Modelfiles: a parser that reads them as Ollama does, a checker, and the renderer
that turns modelfiles/qwen3-4b-clinic.Modelfile into the file ``ollama create`` reads.

The parser follows Ollama's (parser/parser.go, see shared/ollama-contract.md §5): one
``INSTRUCTION value`` per line, instruction names case-insensitive, ``#`` comments only at
the start of a line, values optionally in ``"…"`` or ``\"\"\"…\"\"\"`` (which may span lines), a
value otherwise running to the end of its line (so ``0.7 # note`` is the value), characters
that Go's ``strconv.IsPrint`` rejects dropped, ``PARAMETER name value`` and
``MESSAGE role value`` with a second word.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

INSTRUCTIONS = frozenset(
    "FROM PARAMETER TEMPLATE SYSTEM ADAPTER LICENSE MESSAGE REQUIRES DRAFT RENDERER PARSER".split()
)
MESSAGE_ROLES = ("system", "user", "assistant")  # case-sensitive in Ollama

# Ollama's option keys (api.Options and api.Runner) and the type `ollama create` parses.
OPTIONS: dict[str, str] = {
    # load time: a value different from the loaded runner's makes Ollama reload the model
    "num_ctx": "int", "num_batch": "int", "num_gpu": "int", "main_gpu": "int",
    "use_mmap": "bool", "num_thread": "int", "draft_num_predict": "int",
    # per request
    "num_keep": "int", "seed": "int", "num_predict": "int", "top_k": "int", "top_p": "float",
    "min_p": "float", "typical_p": "float", "repeat_last_n": "int", "temperature": "float",
    "repeat_penalty": "float", "presence_penalty": "float", "frequency_penalty": "float",
    "stop": "string",
}  # fmt: skip
# Accepted by `ollama create` with a warning and otherwise ignored.
DEPRECATED = frozenset(
    "penalize_newline low_vram f16_kv logits_all vocab_only use_mlock mirostat mirostat_tau "
    "mirostat_eta".split()
)
CHATML_TOKENS = ("<|im_start|>", "<|im_end|>")
STOP_TOKENS = ("<|im_end|>", "<|im_start|>")
PHI3_TOKENS = ("<|system|>", "<|end|>", "<|user|>", "<|assistant|>")
GGUF_PLACEHOLDER = "{{GGUF}}"
PERSONA_PLACEHOLDER = "{{PERSONA}}"

# Qwen3-4B (all variants) from its config.json: num_hidden_layers, num_key_value_heads,
# head_dim.
QWEN3_4B_LAYERS, QWEN3_4B_KV_HEADS, QWEN3_4B_HEAD_DIM = 36, 8, 128


class ModelfileError(ValueError):
    """A Modelfile Ollama would refuse, or a value that cannot be rendered into one."""


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case: FROM, PARAMETER, TEMPLATE, …
    value: str  # unquoted
    line: int  # 1-based line the instruction starts on
    name: str = ""  # the PARAMETER name or MESSAGE role, as written


def kv_cache_bytes(
    layers: int, kv_heads: int, head_dim: int, num_ctx: int, bytes_per_value: int = 2
) -> int:
    """Bytes of K and V cache for ``num_ctx`` tokens (``bytes_per_value`` 2 = f16 cache)."""
    return 2 * layers * kv_heads * head_dim * bytes_per_value * num_ctx


def _unquote(text: str) -> str | None:
    """Ollama's unquote: None while a quote is still open."""
    if text.startswith('"""'):
        return text[3:-3] if len(text) >= 6 and text.endswith('"""') else None
    if text.startswith('"'):
        return text[1:-1] if len(text) >= 2 and text.endswith('"') else None
    return text


_NIL, _COMMENT, _WORD, _ARG, _VALUE = range(5)


def _scan(text: str) -> tuple[list[Instruction], list[str]]:
    """Instructions and syntax problems. Ollama stops at the first problem; this goes on,
    taking an unknown instruction's value as usual, so that one run reports everything."""
    found: list[Instruction] = []
    problems: list[str] = []
    state, keyword, name, start, line = _NIL, "", "", 1, 1
    buf: list[str] = []
    for ch in text.removeprefix("\ufeff"):
        newline = ch in "\r\n"
        if state == _NIL:
            if ch == "#":
                state = _COMMENT
            elif not (newline or ch in " \t"):
                state, buf, start = _WORD, [ch], line
        elif state == _COMMENT:
            state = _NIL if newline else _COMMENT
        elif state in (_WORD, _ARG):
            word = "".join(buf)
            if ch in " \t":
                if state == _WORD:
                    keyword, name = word.upper(), ""
                    if keyword not in INSTRUCTIONS:
                        problems.append(
                            f"line {start}: unknown instruction {word!r} (must be one of "
                            f"{', '.join(sorted(INSTRUCTIONS))})"
                        )
                    state = _ARG if keyword in ("PARAMETER", "MESSAGE") else _VALUE
                else:
                    name, state = word, _VALUE
                buf = []
            elif newline:
                what = f"{keyword} {word}" if state == _ARG else word
                problems.append(f"line {start}: {what} has no value")
                state = _NIL
            else:
                buf.append(ch)
        elif newline or ch in " \t":  # _VALUE: a value ends at the first newline where
            value = _unquote("".join(buf).strip())  # its quotes are closed
            if value is None or not newline:
                buf.append(ch)
            else:
                found.append(Instruction(keyword, value, start, name))
                state = _NIL
        elif ch.isprintable():  # the same set as Go's strconv.IsPrint
            buf.append(ch)
        line += ch == "\n"
    if state == _VALUE:
        value = _unquote("".join(buf).strip())
        if value is None:
            problems.append(f"line {start}: {keyword} value has an unclosed quote")
        else:
            found.append(Instruction(keyword, value, start, name))
    elif state in (_WORD, _ARG):
        problems.append(f"line {start}: {''.join(buf)} has no value")
    return found, problems


def parse(text: str) -> list[Instruction]:
    """The instructions of a Modelfile; ModelfileError where Ollama's parser fails."""
    found, problems = _scan(text)
    problems += _role_problems(found)
    if not problems and not any(i.keyword == "FROM" for i in found):
        problems.append("no FROM line")
    if problems:
        raise ModelfileError(problems[0])
    return found


def _role_problems(found: list[Instruction]) -> list[str]:
    return [
        f"line {i.line}: MESSAGE role {i.name!r} must be one of {', '.join(MESSAGE_ROLES)}"
        for i in found
        if i.keyword == "MESSAGE" and i.name not in MESSAGE_ROLES
    ]


_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(
    r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?(?:inf|infinity|nan)",
    re.IGNORECASE,
)
_BOOLS = frozenset(
    {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}
)
_FLOAT32_MAX = 3.4028234663852886e38
_BLOCK = re.compile(r"\{\{-?\s*(if|range|with|block|define|end)\b")


def _bad_value(kind: str, value: str) -> bool:
    if kind == "int":
        return not _INT.fullmatch(value) or not -(2**63) <= int(value) < 2**63
    if kind == "float":
        return not _FLOAT.fullmatch(value) or (
            math.isfinite(float(value)) and abs(float(value)) > _FLOAT32_MAX
        )
    return kind == "bool" and value not in _BOOLS


def lint(text: str) -> tuple[list[str], list[str]]:
    """(problems, warnings). Problems are what `ollama create` refuses plus what the clinic
    model needs; warnings (deprecated parameters, repeats, unfilled placeholders) are not."""
    found, problems = _scan(text)
    problems += _role_problems(found)
    warnings: list[str] = []
    end = f"end of file (line {text.count(chr(10)) + 1})"
    params: dict[str, list[Instruction]] = defaultdict(list)
    for ins in found:
        if ins.keyword == "PARAMETER":
            params[ins.name].append(ins)
        if ins.keyword != "LICENSE":
            problems += [
                f"line {ins.line}: {ins.keyword} {ins.name}".rstrip()
                + f" contains the Phi-3 token {tok}; Qwen3 uses "
                "ChatML (<|im_start|>role … <|im_end|>)"
                for tok in PHI3_TOKENS
                if tok in ins.value
            ]
        if ins.keyword == "FROM" and not ins.value:
            problems.append(f"line {ins.line}: FROM has an empty value")
        if ins.keyword in ("FROM", "SYSTEM") and ins.value in (
            GGUF_PLACEHOLDER,
            PERSONA_PLACEHOLDER,
        ):
            warnings.append(
                f"line {ins.line}: {ins.keyword} is the unfilled placeholder "
                f"{ins.value}; `gateway modelfile render` fills it"
            )
    if not any(i.keyword == "FROM" for i in found):
        problems.append(f"{end}: no FROM line")
    for pname, items in params.items():
        if pname in DEPRECATED:
            warnings += [
                f"line {i.line}: parameter {pname} is deprecated and ignored" for i in items
            ]
            continue
        if pname not in OPTIONS:
            problems += [
                f"line {i.line}: unknown parameter {pname!r} (not an Ollama option)" for i in items
            ]
            continue
        kind = OPTIONS[pname]
        problems += [
            f"line {i.line}: PARAMETER {pname} has an invalid {kind} value {i.value!r}"
            for i in items
            if _bad_value(kind, i.value)
        ]
        if pname != "stop" and len(items) > 1:
            warnings.append(
                f"line {items[-1].line}: PARAMETER {pname} repeated; the last value wins"
            )
    templates = [i for i in found if i.keyword == "TEMPLATE"]
    if not templates:
        problems.append(f"{end}: no TEMPLATE; Qwen3 needs an explicit ChatML TEMPLATE")
    else:
        tmpl = templates[-1]
        problems += [
            f"line {tmpl.line}: TEMPLATE lacks the ChatML token {tok}"
            for tok in CHATML_TOKENS
            if tok not in tmpl.value
        ]
        words = _BLOCK.findall(tmpl.value)
        opened, ended = len(words) - words.count("end"), words.count("end")
        lefts, rights = tmpl.value.count("{{"), tmpl.value.count("}}")
        if opened != ended or lefts != rights:
            problems.append(
                f"line {tmpl.line}: TEMPLATE will not parse as a Go template: {opened} "
                f"if/range/with block(s) for {ended} end(s), {lefts} '{{{{' for {rights} '}}}}'"
            )
    stops = [i.value for i in params.get("stop", [])]
    problems += [
        f'{end}: missing PARAMETER stop "{tok}"' for tok in STOP_TOKENS if tok not in stops
    ]
    for pname, why in (
        ("num_ctx", "Ollama's default context depends on its version and the GPU"),
        ("num_predict", "without it (-1) the model may generate until the context is full"),
    ):
        last = params[pname][-1] if params.get(pname) else None
        if last is None:
            problems.append(f"{end}: missing PARAMETER {pname}: {why}")
        elif not _bad_value("int", last.value) and int(last.value) <= 0:
            problems.append(f"line {last.line}: PARAMETER {pname} must be > 0: {why}")
    return sorted(problems, key=_line_of), sorted(warnings, key=_line_of)


def _line_of(message: str) -> int:
    found = re.search(r"[0-9]+", message)
    return int(found.group()) if found else 0


def check(text: str) -> list[str]:
    """Problems in a Modelfile, each naming its line; an empty list means it is valid."""
    return lint(text)[0]


def render(template_text: str, gguf_path: str, persona: str) -> str:
    """Fill ``FROM {{GGUF}}`` and ``SYSTEM {{PERSONA}}``; the persona goes in a ``\"\"\"``
    block and comes back from the parser unchanged, or ModelfileError."""
    if '"""' in persona:
        raise ModelfileError('the persona contains """, which would end the SYSTEM block')
    if not persona.strip():
        raise ModelfileError("the persona is empty")
    dropped = sorted({repr(c) for c in persona if not c.isprintable() and c not in "\n\t"})
    if dropped:
        raise ModelfileError(f"the persona has characters Ollama drops: {', '.join(dropped)}")
    if not gguf_path.strip() or any(c in gguf_path for c in '"\r\n'):
        raise ModelfileError(f"unusable GGUF path {gguf_path!r}")
    path = f'"{gguf_path}"' if gguf_path != gguf_path.strip() else gguf_path
    lines = template_text.split("\n")
    fill = {
        ("FROM", GGUF_PLACEHOLDER): f"FROM {path}",
        ("SYSTEM", PERSONA_PLACEHOLDER): f'SYSTEM """{persona}"""',
    }
    seen = [(i.keyword, i.value, i.line) for i in parse(template_text)]
    for key, new in fill.items():
        at = [n for kw, value, n in seen if (kw, value) == key]
        if len(at) != 1:
            raise ModelfileError(f"the template needs exactly one {key[0]} {key[1]} line")
        lines[at[0] - 1] = new
    out = "\n".join(lines)
    got = {i.keyword: i.value for i in parse(out)}
    if got.get("SYSTEM") != persona or got.get("FROM") != gguf_path:
        raise ModelfileError("the rendered Modelfile does not read back as written")
    return out
