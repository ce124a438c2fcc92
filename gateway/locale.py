"""Language detection and the gateway's own patient-facing wording (zh / en)."""

from __future__ import annotations

import re
from typing import Literal

Locale = Literal["zh", "en"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_locale(text: str) -> Locale:
    """Chinese when Han characters carry the message, even with English words mixed in."""
    han = len(_HAN.findall(text))
    words = len(_LATIN_WORD.findall(text))
    # One Han character conveys about as much as one English word; patients often mix
    # a few English terms ("我的blood pressure很高") into Chinese sentences.
    return "zh" if han >= 2 and han >= words else "en"


def disclaimer(locale: Locale, emergency_number: str) -> str:
    if locale == "zh":
        return (
            "以上内容仅为一般健康信息，不能代替医生的诊断和治疗。"
            f"如症状严重或加重，请及时就医；紧急情况请立即拨打{emergency_number}。"
        )
    return (
        "This is general health information, not a diagnosis or a substitute for care from "
        "your doctor. If your symptoms are severe or getting worse, contact your clinic; "
        f"in an emergency call {emergency_number} now."
    )
