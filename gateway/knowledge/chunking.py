"""Splits documents into retrievable chunks by heading and paragraph, within a token budget."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from gateway.knowledge.documents import Document

_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_SENTENCE = re.compile(r"(?<=[。！？!?.;；])\s*")


def token_count(text: str) -> int:
    """A cheap stand-in for a tokenizer: one token per Han character or Latin word."""
    return len(_HAN.findall(text)) + len(_WORD.findall(text))


@dataclass(frozen=True)
class Chunk:
    id: str
    doc_id: str
    topic: str
    title: str
    source: str
    lang: str
    heading: str
    text: str

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(f"{self.title}\n{self.heading}\n{self.text}".encode()).hexdigest()

    def embedding_text(self) -> str:
        # The title and heading carry the topic even for a chunk that never names it.
        return f"{self.title}. {self.heading}. {self.text}"


def _pieces(paragraph: str, budget: int) -> list[str]:
    if token_count(paragraph) <= budget:
        return [paragraph]
    out: list[str] = []
    current = ""
    for sentence in (s for s in _SENTENCE.split(paragraph) if s.strip()):
        if current and token_count(current) + token_count(sentence) > budget:
            out.append(current)
            current = ""
        current = f"{current} {sentence}".strip() if current else sentence
    if current:
        out.append(current)
    return out


def _sections(body: str) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    heading, paras = "", list[str]()
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            first, _, rest = block.partition("\n")
            if paras:
                sections.append((heading, paras))
            heading, paras = first.lstrip("#").strip(), []
            if rest.strip():
                paras.append(rest.strip())
        else:
            paras.append(block)
    if paras:
        sections.append((heading, paras))
    return sections


def chunk_document(doc: Document, budget: int = 180, overlap: int = 30) -> list[Chunk]:
    chunks: list[Chunk] = []
    for heading, paragraphs in _sections(doc.body):
        pieces = [p for para in paragraphs for p in _pieces(para, budget)]
        current: list[str] = []
        for piece in pieces:
            if current and token_count(" ".join([*current, piece])) > budget:
                chunks.append(_make(doc, heading, current, len(chunks)))
                # Carry the tail of the previous chunk so an answer split across two chunks
                # still appears whole in one of them.
                tail = current[-1]
                current = [tail] if token_count(tail) <= overlap else []
            current.append(piece)
        if current:
            chunks.append(_make(doc, heading, current, len(chunks)))
    return chunks


def _make(doc: Document, heading: str, parts: list[str], n: int) -> Chunk:
    return Chunk(
        id=f"{doc.id}#{n}",
        doc_id=doc.id,
        topic=doc.topic,
        title=doc.title,
        source=doc.source,
        lang=doc.lang,
        heading=heading or doc.title,
        text="\n".join(parts),
    )
