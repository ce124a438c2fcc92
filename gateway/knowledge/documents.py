"""Knowledge documents: Markdown with YAML front matter, validated before anything is built.

Every problem is reported with the file it is in; one bad document stops the build so nothing
half-checked is ever published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REQUIRED = ("id", "title", "lang", "source", "tags", "reviewed")
LANGS = ("zh", "en")


class KnowledgeError(ValueError):
    """One or more documents are invalid; the message lists file and problem for each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    lang: str
    source: str
    tags: tuple[str, ...]
    reviewed: str
    body: str
    path: str

    @property
    def topic(self) -> str:
        """The language-independent topic: ``hypertension-en`` and ``hypertension-zh`` share it."""
        for suffix in ("-en", "-zh"):
            if self.id.endswith(suffix):
                return self.id[: -len(suffix)]
        return self.id


def _split_front_matter(text: str) -> tuple[str, str] | None:
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    if end == -1:
        return None
    return text[3:end], text[end + 4 :].lstrip("\n")


def _validate(meta: Any, body: str, where: str) -> list[str]:
    if not isinstance(meta, dict):
        return [f"{where}: front matter is not a YAML mapping"]
    problems = [f"{where}: missing front matter field '{k}'" for k in REQUIRED if k not in meta]
    if problems:
        return problems
    if meta["lang"] not in LANGS:
        problems.append(f"{where}: unknown lang '{meta['lang']}' (use zh or en)")
    for key in ("id", "title", "source"):
        if not isinstance(meta[key], str) or not meta[key].strip():
            problems.append(f"{where}: '{key}' must be a non-empty string")
    if not isinstance(meta["tags"], list):
        problems.append(f"{where}: 'tags' must be a list")
    reviewed = meta["reviewed"]
    if not (reviewed == "pending" or isinstance(reviewed, dt.date)):
        problems.append(f"{where}: 'reviewed' must be a date (YYYY-MM-DD) or 'pending'")
    if not body.strip():
        problems.append(f"{where}: the document body is empty")
    return problems


def load_documents(root: Path) -> list[Document]:
    if not root.is_dir():
        raise KnowledgeError([f"{root}: the knowledge directory does not exist"])
    docs: list[Document] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{where}: cannot read the file ({type(exc).__name__})")
            continue
        parts = _split_front_matter(text)
        if parts is None:
            problems.append(f"{where}: missing front matter (a '---' block at the top)")
            continue
        try:
            meta = yaml.safe_load(parts[0])
        except yaml.YAMLError:
            problems.append(f"{where}: the front matter is not valid YAML")
            continue
        found = _validate(meta, parts[1], where)
        if found:
            problems += found
            continue
        doc_id = str(meta["id"]).strip()
        if doc_id in seen:
            problems.append(f"{where}: duplicate id '{doc_id}' (also in {seen[doc_id]})")
            continue
        seen[doc_id] = where
        docs.append(
            Document(
                id=doc_id,
                title=str(meta["title"]).strip(),
                lang=str(meta["lang"]),
                source=str(meta["source"]).strip(),
                tags=tuple(str(t) for t in meta["tags"]),
                reviewed=str(meta["reviewed"]),
                body=parts[1].strip(),
                path=where,
            )
        )
    if problems:
        raise KnowledgeError(problems)
    if not docs:
        raise KnowledgeError([f"{root}: no documents found"])
    return docs
