"""The public v1 API's request and response bodies (portals rely on these shapes)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PATIENT_ID_PATTERN = r"^[A-Za-z0-9._:@-]{1,128}$"
MAX_MESSAGE_CHARS = 4000

Level = Literal["emergency", "urgent", "routine"]
Department = Literal["general", "pediatrics", "geriatrics", "obstetrics", "mental_health"]


class ConsultationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patient_id: str = Field(pattern=PATIENT_ID_PATTERN, description="The portal's patient id")
    message: str = Field(description=f"1..{MAX_MESSAGE_CHARS} characters after trimming")
    locale: Literal["zh", "en"] | None = Field(
        default=None, description="null = detect from the message"
    )
    stream: bool = False
    department: Department = Field(
        default="general", description="adds a short profile instruction for this service"
    )

    @field_validator("message")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("message must not be empty")
        if len(value) > MAX_MESSAGE_CHARS:
            raise ValueError(f"message must be at most {MAX_MESSAGE_CHARS} characters")
        return value


class Triage(BaseModel):
    level: Level = "routine"
    category: str | None = None
    reasons: list[str] = Field(default_factory=list)


class Citation(BaseModel):
    id: str
    title: str
    source: str
    score: float


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0


class ConsultationResponse(BaseModel):
    id: str
    patient_id: str
    answer: str
    triage: Triage
    citations: list[Citation]
    redactions: dict[str, int]
    disclaimer: str
    model: str
    degraded: bool
    usage: Usage


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str
    ts: float
    triage: str | None = None


class HistoryResponse(BaseModel):
    patient_id: str
    turns: list[HistoryTurn]


class Problem(BaseModel):
    """RFC 9457 problem details, served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, str]] | None = None


class DependencyStatus(BaseModel):
    ok: bool
    detail: str
    required: bool = True


class Readiness(BaseModel):
    ready: bool
    dependencies: dict[str, DependencyStatus]
