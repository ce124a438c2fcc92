"""Pre-visit summaries for clinicians, built from the patient's stored (redacted) turns.

Ollama's structured outputs (``format`` = the JSON schema of ``Summary``) with ``stream: false``;
every reply is validated, one retry on an invalid one, then 502 — never a half-parsed summary.
Red flags always come from the gateway's own triage records, so a recorded emergency cannot
be dropped by the model. Long histories are summarized in chunks and merged (map-reduce).
Without Ollama the summary is built from what the gateway knows, marked ``degraded``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from gateway.errors import (
    NotFound,
    UpstreamProtocolError,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from gateway.history import HistoryStore, Turn
from gateway.locale import Locale, detect_locale
from gateway.ollama import OllamaClient
from gateway.tokens import estimate_tokens


class RedFlag(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str
    level: Literal["emergency", "urgent"]
    when: str


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    chief_complaint: str
    onset_and_duration: str
    symptoms: list[str]
    relevant_history: list[str]
    medications_mentioned: list[str]
    allergies_mentioned: list[str]
    red_flags: list[RedFlag]
    questions_for_clinician: list[str]


class SummaryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locale: Literal["zh", "en"] | None = None


class SummaryResponse(BaseModel):
    patient_id: str
    generated_at: str
    turns_used: int
    summary: Summary
    degraded: bool


# What the model must fill; red flags are the gateway's own and are added afterwards.
_MODEL_FIELDS = [f for f in Summary.model_fields if f != "red_flags"]
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        f: (
            {"type": "string"}
            if Summary.model_fields[f].annotation is str
            else {"type": "array", "items": {"type": "string"}}
        )
        for f in _MODEL_FIELDS
    },
    "required": _MODEL_FIELDS,
    "additionalProperties": False,
}
_INSTRUCTION = {
    "zh": "你是诊所的病历助手。根据下面患者与助手的对话，为医生写一份简洁的预问诊摘要，用简体中文，"
    "只写患者说过的内容，不要推测或诊断。方括号里的占位符（如[PERSON_1]）原样保留。只输出JSON。",
    "en": "You are a clinic's records assistant. From the conversation below between a patient "
    "and the assistant, write a short pre-visit summary for the doctor in English. Only state "
    "what the patient said; do not guess or diagnose. Keep placeholders such as [PERSON_1] as "
    "they are. Output JSON only.",
}


def _red_flags(turns: list[Turn]) -> list[RedFlag]:
    flags: list[RedFlag] = []
    for t in turns:
        if t.role == "user" and t.triage in ("emergency", "urgent"):
            when = dt.datetime.fromtimestamp(t.ts, dt.UTC).isoformat(timespec="seconds")
            flags.append(RedFlag(category=t.category or "unspecified", level=t.triage, when=when))
    return flags


def _transcript(turns: list[Turn]) -> str:
    return "\n".join(f"{t.role}: {t.content}" for t in turns)


def _chunks(turns: list[Turn], budget: int) -> list[list[Turn]]:
    chunks: list[list[Turn]] = [[]]
    used = 0
    for turn in turns:
        cost = estimate_tokens(turn.content) + 8
        if chunks[-1] and used + cost > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(turn)
        used += cost
    return chunks


def _merge(parts: list[Summary]) -> Summary:
    def union(field: str) -> list[str]:
        out: list[str] = []
        for part in parts:
            out += [x for x in getattr(part, field) if x not in out]
        return out

    first = parts[0]
    return Summary(
        chief_complaint=first.chief_complaint,
        onset_and_duration=next((p.onset_and_duration for p in parts if p.onset_and_duration), ""),
        symptoms=union("symptoms"),
        relevant_history=union("relevant_history"),
        medications_mentioned=union("medications_mentioned"),
        allergies_mentioned=union("allergies_mentioned"),
        red_flags=[],
        questions_for_clinician=union("questions_for_clinician"),
    )


class SummaryService:
    def __init__(
        self, history: HistoryStore, client: OllamaClient, *, context_tokens: int, num_predict: int
    ) -> None:
        self.history = history
        self.client = client
        self.budget = max(512, context_tokens - num_predict - 400)

    async def _one(self, turns: list[Turn], locale: Locale) -> Summary:
        messages = [
            {"role": "system", "content": _INSTRUCTION[locale]},
            {"role": "user", "content": _transcript(turns)},
        ]
        last: Exception | None = None
        for _ in range(2):  # one retry on an unusable reply
            content = await self.client.chat_json(messages, SCHEMA)
            try:
                data = json.loads(content)
                if not isinstance(data, dict):
                    raise ValueError("not an object")
                return Summary.model_validate({**data, "red_flags": []})
            except (ValueError, ValidationError) as exc:
                last = exc
        raise UpstreamProtocolError(
            "the model returned an invalid summary twice; nothing was produced"
        ) from last

    async def summarize(
        self, tenant: str, patient_id: str, locale: Locale | None
    ) -> SummaryResponse:
        turns = await self.history.load(tenant, patient_id)
        if not turns:
            raise NotFound("no conversation is stored for this patient")
        users = [t for t in turns if t.role == "user"]
        lang: Locale = locale or detect_locale(" ".join(t.content for t in users))
        flags = _red_flags(turns)
        degraded = False
        try:
            parts = [await self._one(chunk, lang) for chunk in _chunks(turns, self.budget)]
            summary = _merge(parts)
        except (UpstreamUnavailable, UpstreamTimeout):
            degraded = True
            summary = Summary(
                chief_complaint=users[0].content if users else "",
                onset_and_duration="",
                symptoms=[],
                relevant_history=[],
                medications_mentioned=[],
                allergies_mentioned=[],
                red_flags=[],
                questions_for_clinician=[
                    f"{len(users)} messages from the patient; "
                    "the assistant was unavailable to summarize them."
                ],
            )
        summary.red_flags = flags
        return SummaryResponse(
            patient_id=patient_id,
            generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            turns_used=len(turns),
            summary=summary,
            degraded=degraded,
        )
