"""The ONNX query encoder: same vector space as the torch model, export bookkeeping, cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from gateway.knowledge.embedder import (
    CachedEmbedder,
    Embedder,
    default_model_path,
    prepare_query_encoder,
)
from gateway.knowledge.onnx_encoder import (
    META_FILE,
    EncoderMissing,
    OnnxEmbedder,
    export_is_current,
)

QUESTIONS = [
    "what should i do about a sore throat and fever for three days",
    "can I take ibuprofen with my blood pressure medicine",
    "how much fluid should a child with diarrhoea drink",
    "is a cold different from the flu",
]


def test_int8_export_stays_in_the_documents_vector_space(
    encoder_dir: Path, document_embedder: Embedder
) -> None:
    onnx = OnnxEmbedder(encoder_dir)
    assert onnx.quantized and onnx.dim == document_embedder.dim == 384
    assert onnx.name == document_embedder.name
    ours, reference = onnx.encode(QUESTIONS), document_embedder.encode(QUESTIONS)
    cosines = (ours * reference).sum(axis=1)
    # Per-channel int8 keeps ~0.99 (one scale per tensor gave ~0.94 and as low as 0.89).
    assert np.all(cosines > 0.97), cosines
    # Ranking, not exact values, is what retrieval needs: each question is nearest its own vector.
    assert list((ours @ reference.T).argmax(axis=1)) == [0, 1, 2, 3]
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)


@pytest.fixture(scope="module")
def fp32_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fp32") / "encoder"
    assert prepare_query_encoder("", "onnx", root)
    return root


def test_fp32_export_reproduces_the_torch_model(
    fp32_encoder: Path, document_embedder: Embedder
) -> None:
    onnx = OnnxEmbedder(fp32_encoder)
    assert not onnx.quantized
    assert np.allclose(onnx.encode(QUESTIONS), document_embedder.encode(QUESTIONS), atol=1e-4)
    # The attention mask is honoured: padding in a batch leaves a short text's vector alone.
    batch = onnx.encode(["short", QUESTIONS[0]])
    assert np.allclose(batch[0], onnx.encode(["short"])[0], atol=1e-5)
    assert onnx.encode([]).shape == (0, 384)


def test_export_is_current_checks_the_flavour_and_files(encoder_dir: Path, tmp_path: Path) -> None:
    model = default_model_path()
    assert export_is_current(encoder_dir, model, quantized=True)
    assert not export_is_current(encoder_dir, model, quantized=False)
    copy = tmp_path / "encoder"
    shutil.copytree(encoder_dir, copy)
    meta = json.loads((copy / META_FILE).read_text())
    (copy / META_FILE).write_text(json.dumps({**meta, "source_digest": "other-weights"}))
    assert not export_is_current(copy, model, quantized=True)
    assert not export_is_current(tmp_path / "nothing-here", model, quantized=True)


def test_a_missing_export_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(EncoderMissing, match="make index"):
        OnnxEmbedder(tmp_path)


class CountingEmbedder:
    name, dim, languages = "counting", 2, ("en",)

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)


def test_cache_serves_repeats_and_stays_bounded() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, size=2)
    first = cached.encode(["a"])
    assert cached.encode(["a"]) is first and inner.calls == 1
    assert not first.flags.writeable  # shared between requests
    cached.encode(["bb"])
    cached.encode(["ccc"])  # evicts "a", the least recently used
    cached.encode(["a"])
    assert inner.calls == 4 and (cached.hits, cached.misses) == (1, 4)
    cached.encode(["x", "y"])  # batches (index builds) bypass the cache
    assert inner.calls == 5 and cached.misses == 4
