"""Removes model reasoning from ``content`` (never shown to patients).

Qwen3 variants and older Ollama versions can put ``<think>…</think>`` blocks straight into
``message.content``, or only a closing ``</think>`` when the opener sat in the prompt. Both
tags are plain text tokens for Qwen3, so a tag can be split across streamed chunks.
"""

from __future__ import annotations

OPEN = "<think>"
CLOSE = "</think>"


def strip_think(text: str) -> str:
    """Whole-text version, used when the complete answer is known."""
    out = text
    close_at = out.find(CLOSE)
    open_at = out.find(OPEN)
    if close_at != -1 and (open_at == -1 or close_at < open_at):
        # Orphan closer: the reasoning began in the prompt, so everything before it is reasoning.
        out = out[close_at + len(CLOSE) :]
    while True:
        start = out.find(OPEN)
        if start == -1:
            break
        end = out.find(CLOSE, start)
        out = out[:start] if end == -1 else out[:start] + out[end + len(CLOSE) :]
    return out.replace(CLOSE, "").lstrip()


def _partial_tag_suffix(text: str) -> int:
    """Length of the longest suffix of ``text`` that could start a think tag."""
    for size in range(min(len(text), len(CLOSE) - 1), 0, -1):
        tail = text[-size:]
        if OPEN.startswith(tail) or CLOSE.startswith(tail):
            return size
    return 0


class ThinkFilter:
    """Streaming version: ``feed`` chunks, then ``flush`` once at the end.

    Before any visible text it buffers until it knows whether the answer starts with a
    reasoning block; afterwards it only holds back a possible partial tag, so time to first
    token is not delayed for a model that does not think.
    """

    def __init__(self) -> None:
        self._buf = ""
        self._state = "start"  # start | inside | visible
        self._emitted = False
        self.dropped_reasoning = False

    def feed(self, chunk: str) -> str:
        self._buf += chunk
        out: list[str] = []
        while True:
            if self._state == "start":
                self._buf = self._buf.lstrip()
                if not self._buf:
                    break
                if self._buf.startswith(OPEN):
                    self._buf = self._buf[len(OPEN) :]
                    self._state = "inside"
                    self.dropped_reasoning = True
                    continue
                if OPEN.startswith(self._buf) or CLOSE.startswith(self._buf):
                    break  # could still become a tag
                if self._buf.startswith(CLOSE):
                    self._buf = self._buf[len(CLOSE) :]
                    continue
                self._state = "visible"
                continue
            if self._state == "inside":
                end = self._buf.find(CLOSE)
                if end == -1:
                    keep = _partial_tag_suffix(self._buf)
                    self._buf = self._buf[len(self._buf) - keep :] if keep else ""
                    break
                self._buf = self._buf[end + len(CLOSE) :]
                self._state = "visible" if (self._emitted or any(out)) else "start"
                continue
            # visible
            open_at = self._buf.find(OPEN)
            close_at = self._buf.find(CLOSE)
            hits = [i for i in (open_at, close_at) if i != -1]
            if hits:
                first = min(hits)
                out.append(self._buf[:first])
                if first == open_at:
                    self._buf = self._buf[first + len(OPEN) :]
                    self._state = "inside"
                    self.dropped_reasoning = True
                else:
                    # An orphan closer after visible text: the text already went out; drop the tag.
                    self._buf = self._buf[first + len(CLOSE) :]
                    self.dropped_reasoning = True
                continue
            keep = _partial_tag_suffix(self._buf)
            cut = len(self._buf) - keep
            out.append(self._buf[:cut])
            self._buf = self._buf[cut:]
            break
        text = "".join(out)
        self._emitted = self._emitted or bool(text)
        return text

    def flush(self) -> str:
        rest, self._buf = self._buf, ""
        if self._state == "inside":
            return ""  # an unterminated reasoning block is still reasoning
        if self._state == "start":
            return "" if OPEN.startswith(rest) or CLOSE.startswith(rest) else rest
        return rest
