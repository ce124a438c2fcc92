"""Chunking by heading and paragraph within a token budget."""

from __future__ import annotations

from gateway.knowledge.chunking import chunk_document, token_count
from gateway.knowledge.documents import Document


def doc(body: str, lang: str = "en") -> Document:
    return Document(id="t-en", title="Title", lang=lang, source="S", tags=(), reviewed="pending",
                    body=body, path="t.md")


def test_token_count_counts_han_characters_and_words() -> None:
    assert token_count("drink 2 cups 多喝水") == 6


def test_headings_start_new_chunks() -> None:
    chunks = chunk_document(doc("## One\n\nalpha beta\n\n## Two\n\ngamma"))
    assert [c.heading for c in chunks] == ["One", "Two"]
    assert chunks[0].id == "t-en#0" and chunks[1].text == "gamma"


def test_budget_splits_long_sections_with_overlap() -> None:
    paragraphs = "\n\n".join(" ".join(f"w{p}x{i}" for i in range(20)) + "." for p in range(10))
    chunks = chunk_document(doc("## H\n\n" + paragraphs), budget=50, overlap=25)
    assert len(chunks) > 3
    assert all(token_count(c.text) <= 50 for c in chunks)
    # Each chunk after the first repeats the previous chunk's last paragraph.
    assert chunks[1].text.split("\n")[0] == chunks[0].text.split("\n")[-1]


def test_long_chinese_paragraph_splits_on_sentences() -> None:
    para = "。".join("这是一个比较长的句子用来测试" for _ in range(30)) + "。"
    chunks = chunk_document(doc("## 标题\n\n" + para, lang="zh"), budget=60)
    assert len(chunks) > 1 and all(token_count(c.text) <= 60 for c in chunks)
