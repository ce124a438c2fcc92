"""Index build: incremental embedding, atomic publish, manifest checks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from gateway.knowledge.documents import KnowledgeError
from gateway.knowledge.store import (
    IndexMismatch,
    build_index,
    check_manifest,
    current_build,
    read_build,
)
from tests.knowledge.fakes import CountingEmbedder, write_doc


def kb(tmp_path: Path, n: int = 6) -> Path:
    root = tmp_path / "kb"
    root.mkdir()
    for i in range(n):
        write_doc(root, f"d{i}.md", doc_id=f"d{i}-en",
                  body=f"## Part\n\nDocument {i} talks about topic {i}.\n\n## More\n\nMore {i}.")
    return root


def test_build_writes_manifest_and_matching_files(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    manifest = build_index(kb(tmp_path), tmp_path / "index", emb)
    assert manifest["documents"] == 6 and manifest["chunks"] == 12
    assert manifest["embedding_model"] == emb.name and manifest["dimension"] == 16
    assert manifest["index_type"] == "flat" and manifest["languages"] == ["en"]
    m2, chunks, index = read_build(current_build(tmp_path / "index"))  # type: ignore[arg-type]
    assert m2["content_hash"] == manifest["content_hash"] and index.ntotal == len(chunks) == 12


def test_rebuild_embeds_only_changed_chunks(tmp_path: Path) -> None:
    root, index = kb(tmp_path), tmp_path / "index"
    build_index(root, index, CountingEmbedder())
    write_doc(root, "d3.md", doc_id="d3-en", body="## Part\n\nRewritten.\n\n## More\n\nMore 3.")
    emb = CountingEmbedder()
    manifest = build_index(root, index, emb)
    assert manifest["embedded"] == 1 and manifest["reused"] == 11
    assert emb.embedded == ["T d3-en. Part. Rewritten."]


def test_invalid_document_publishes_nothing(tmp_path: Path) -> None:
    root, index = kb(tmp_path), tmp_path / "index"
    first = build_index(root, index, CountingEmbedder())
    (root / "broken.md").write_text("no front matter", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        build_index(root, index, CountingEmbedder())
    manifest, _, _ = read_build(current_build(index))  # type: ignore[arg-type]
    assert manifest["build_id"] == first["build_id"]


def test_readers_never_see_a_half_written_index(tmp_path: Path) -> None:
    root, index = kb(tmp_path, n=20), tmp_path / "index"
    build_index(root, index, CountingEmbedder())
    failures: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                manifest, chunks, idx = read_build(current_build(index))  # type: ignore[arg-type]
                assert idx.ntotal == len(chunks) == manifest["chunks"]
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for n in range(8):
        write_doc(root, "d0.md", doc_id="d0-en", body=f"## Part\n\nVersion {n}.")
        build_index(root, index, CountingEmbedder())
    stop.set()
    for t in threads:
        t.join()
    assert failures == []


def test_manifest_mismatch_refuses_to_load() -> None:
    manifest = {"format": 1, "embedding_model": "other-model", "dimension": 768}
    with pytest.raises(IndexMismatch, match="other-model"):
        check_manifest(manifest, CountingEmbedder())
