"""Document validation: each rule, with the file named in the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.knowledge.documents import KnowledgeError, load_documents
from tests.knowledge.fakes import write_doc

REPO = Path(__file__).resolve().parents[2]


def test_shipped_knowledge_base_is_valid() -> None:
    docs = load_documents(REPO / "knowledge")
    assert len(docs) >= 80
    assert {d.lang for d in docs} == {"zh", "en"}
    topics = {d.topic for d in docs}
    assert len(topics) >= 40
    for topic in topics:  # every topic in both languages
        assert {d.lang for d in docs if d.topic == topic} == {"zh", "en"}, topic


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("no front matter here", "missing front matter"),
        ("---\nid: a\ntitle: T\nlang: en\nsource: S\ntags: []\n---\n\nbody", "'reviewed'"),
        ("---\nid: a\ntitle: T\nlang: fr\nsource: S\ntags: []\nreviewed: pending\n---\n\nbody",
         "unknown lang 'fr'"),
        ("---\nid: a\ntitle: T\nlang: en\nsource: S\ntags: []\nreviewed: pending\n---\n\n  ",
         "body is empty"),
        ("---\nid: a\ntitle: T\nlang: en\nsource: S\ntags: []\nreviewed: soon\n---\n\nbody",
         "must be a date"),
        ("---\nid: [unclosed\n---\n\nbody", "not valid YAML"),
        ("---\nid: a\ntitle: T\nlang: en\nsource: S\ntags: x\nreviewed: pending\n---\n\nbody",
         "'tags' must be a list"),
    ],
)
def test_invalid_document_names_file_and_problem(tmp_path: Path, content: str,
                                                 problem: str) -> None:
    (tmp_path / "bad.md").write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_documents(tmp_path)
    assert "bad.md" in str(info.value) and problem in str(info.value)


def test_duplicate_id_is_rejected(tmp_path: Path) -> None:
    write_doc(tmp_path, "one.md", doc_id="same")
    write_doc(tmp_path, "two.md", doc_id="same")
    with pytest.raises(KnowledgeError, match="duplicate id 'same'"):
        load_documents(tmp_path)


def test_reviewed_date_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text(
        "---\nid: a-en\ntitle: T\nlang: en\nsource: S\ntags: []\nreviewed: 2026-10-01\n---\n\nb",
        encoding="utf-8")
    (doc,) = load_documents(tmp_path)
    assert doc.reviewed == "2026-10-01" and doc.topic == "a"
