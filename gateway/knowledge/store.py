"""Builds the index and publishes it atomically; loads it back.

Layout of the index directory (``GATEWAY_INDEX_DIR``)::

    current -> builds/<id>          symlink, swapped with one rename
    builds/<id>/index.faiss         FAISS inner-product index over normalized vectors
    builds/<id>/chunks.jsonl        chunk metadata and text, row i = vector i
    builds/<id>/manifest.json       model, dimension, languages, counts, content hash, time
    cache/<model>/                  embeddings by chunk content hash (incremental rebuilds)

A reader resolves ``current`` once and then only reads that build, so a rebuild in progress
(or a swap) never shows it a half-written index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from gateway.knowledge.chunking import Chunk, chunk_document
from gateway.knowledge.documents import load_documents
from gateway.knowledge.embedder import Embedder

FORMAT = 1
# Below this many chunks exact search is as fast as HNSW on this hardware (see the benchmark),
# and exact results are simpler to trust.
HNSW_THRESHOLD = 20_000
KEEP_BUILDS = 2
# A reader that resolved `current` just before a swap may still be opening the previous build:
# old builds are only deleted once they have been superseded for this long.
PRUNE_AFTER_SECONDS = 600

Progress = Callable[[int, int], None]


class IndexMismatch(RuntimeError):
    """The index was built with another embedding model or dimension than the configured one."""


def _cache_dir(root: Path, model: str) -> Path:
    return root / "cache" / "".join(c if c.isalnum() or c in "-_." else "_" for c in model)


def _load_cache(path: Path, dim: int) -> dict[str, np.ndarray]:
    try:
        hashes = json.loads((path / "hashes.json").read_text())
        vectors = np.load(path / "vectors.npy")
    except (OSError, ValueError):
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dim or len(hashes) != len(vectors):
        return {}
    return dict(zip(hashes, vectors, strict=True))


def _save_cache(path: Path, hashes: list[str], vectors: np.ndarray) -> None:
    path.mkdir(parents=True, exist_ok=True)
    tmp = path / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    np.save(tmp / "vectors.npy", vectors)
    (tmp / "hashes.json").write_text(json.dumps(hashes))
    for name in ("vectors.npy", "hashes.json"):
        os.replace(tmp / name, path / name)
    tmp.rmdir()


def make_faiss_index(vectors: np.ndarray) -> tuple[Any, str]:
    dim = vectors.shape[1]
    index: Any
    if len(vectors) >= HNSW_THRESHOLD:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 64
        kind = "hnsw"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "flat"
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, kind


def build_index(
    knowledge_dir: Path,
    root: Path,
    embedder: Embedder,
    progress: Progress | None = None,
) -> dict[str, Any]:
    started = time.perf_counter()
    docs = load_documents(knowledge_dir)
    chunks = [c for d in docs for c in chunk_document(d)]
    hashes = [c.content_hash for c in chunks]
    cache_path = _cache_dir(root, embedder.name)
    cache = _load_cache(cache_path, embedder.dim)
    missing = [i for i, h in enumerate(hashes) if h not in cache]
    vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        if h in cache:
            vectors[i] = cache[h]
    batch = 64
    for start in range(0, len(missing), batch):
        rows = missing[start : start + batch]
        vectors[rows] = embedder.encode([chunks[i].embedding_text() for i in rows])
        if progress is not None:
            progress(min(start + batch, len(missing)), len(missing))
    index, kind = make_faiss_index(vectors)
    content_hash = hashlib.sha256("\n".join([embedder.name, *sorted(hashes)]).encode()).hexdigest()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "embedding_model": embedder.name,
        "dimension": embedder.dim,
        "languages": list(embedder.languages),
        "documents": len(docs),
        "documents_by_lang": {lang: sum(d.lang == lang for d in docs) for lang in ("zh", "en")},
        "chunks": len(chunks),
        "index_type": kind,
        "content_hash": content_hash,
        "embedded": len(missing),
        "reused": len(chunks) - len(missing),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    publish(root, index, chunks, manifest, started)
    _save_cache(cache_path, hashes, vectors)
    return manifest


def publish(
    root: Path, index: Any, chunks: list[Chunk], manifest: dict[str, Any], started: float
) -> Path:
    builds = root / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    tmp = builds / f".tmp-{build_id}"
    tmp.mkdir()
    faiss.write_index(index, str(tmp / "index.faiss"))
    with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
    manifest["build_id"] = build_id
    manifest["build_seconds"] = round(time.perf_counter() - started, 3)
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    final = builds / build_id
    os.rename(tmp, final)
    link = root / f".current-{build_id}"
    link.symlink_to(Path("builds") / build_id)
    os.replace(link, root / "current")  # the one atomic step readers can observe
    _prune(builds, keep=final)
    return final


def _prune(builds: Path, keep: Path) -> None:
    now = time.time()
    done = sorted(p for p in builds.iterdir() if not p.name.startswith("."))
    for old in done[:-KEEP_BUILDS]:
        if old != keep and now - old.stat().st_mtime > PRUNE_AFTER_SECONDS:
            shutil.rmtree(old, ignore_errors=True)


def current_build(root: Path) -> Path | None:
    link = root / "current"
    if not link.exists():
        return None
    return link.resolve()


def read_build(build: Path) -> tuple[dict[str, Any], list[Chunk], Any]:
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    with open(build / "chunks.jsonl", encoding="utf-8") as fh:
        chunks = [Chunk(**json.loads(line)) for line in fh if line.strip()]
    index = faiss.read_index(str(build / "index.faiss"))
    if index.ntotal != len(chunks):
        raise IndexMismatch(f"{build}: index has {index.ntotal} vectors for {len(chunks)} chunks")
    return manifest, chunks, index


def check_manifest(manifest: dict[str, Any], embedder: Embedder) -> None:
    if manifest.get("format") != FORMAT:
        raise IndexMismatch(f"index format {manifest.get('format')} is not {FORMAT}: rebuild it")
    model, dim = manifest.get("embedding_model"), manifest.get("dimension")
    if model != embedder.name or dim != embedder.dim:
        raise IndexMismatch(
            f"the index was built with {model} ({dim} dimensions) but the gateway is configured "
            f"with {embedder.name} ({embedder.dim} dimensions): run `make index`"
        )
