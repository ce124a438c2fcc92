"""Output rails: what the model says is checked before a patient sees it, streamed or not.

Rails run on the model's text with placeholders still in place (so the patient's own
identifiers are never mistaken for invented ones), sentence by sentence:

- dosage guard: amount + unit + frequency not found in a cited snippet → advice instead;
- invented identifiers: phone numbers, IDs, emails… not from the patient or the snippets → removed;
- prompt leak: an answer that repeats the system instructions → a refusal, and the rest dropped;
- red flags: unconditional advice to seek emergency care raises the consultation's triage level.

Streaming releases text only at sentence ends (or after a bounded hold-back), so a rail can
still change a sentence before any of it reaches the patient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gateway.locale import Locale
from gateway.prompt import persona
from gateway.redaction.base import Analyzer

_DOSE_EN = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:mg|milligrams?|g|grams?|ml|mls|mcg|µg|units?|iu|tablets?|tabs?|pills?"
    r"|capsules?|caps?|puffs?|drops?|teaspoons?|tsp)\b[^.\n]{0,40}?\b(?:once|twice|three times"
    r"|four times|\d+ times|every \d+(?:\s?(?:-|to)\s?\d+)? hours?|daily|a day|per day|each day"
    r"|at night|at bedtime|in the morning|q\d+h|bid|tid|qid)\b",
    re.IGNORECASE,
)
_DOSE_ZH = re.compile(
    r"\d+(?:\.\d+)?\s?(?:mg|毫克|克|g|ml|毫升|片|粒|颗|袋|支|滴|喷|单位)[^。\n]{0,15}?"
    r"(?:每天|一天|每日|每次|一次|每晚|每早|每\d+小时|每隔\d+(?:-\d+)?小时|[一二三四两]次)"
    r"|(?:每天|一天|每日|每晚|每隔\d+小时)[^。\n]{0,8}?(?:[一二三四两\d]次)?[^。\n]{0,8}?(?:每次)?"
    r"\d+(?:\.\d+)?\s?(?:mg|毫克|片|粒|颗|ml|毫升|袋)",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"\d+(?:\.\d+)?\s?(?:mg|毫克|克|g|ml|毫升|片|粒|颗|mcg|units?|单位)", re.IGNORECASE
)
_EMERGENCY_ADVICE = re.compile(
    r"\b(?:call (?:911|999|112|an ambulance|emergency services)|go to (?:the )?(?:nearest )?"
    r"(?:emergency|er|a&e)|seek emergency (?:care|help|medical)|emergency department (?:now|"
    r"immediately|right away))\b"
    r"|拨打120|呼叫救护车|立即(?:去|前往)?(?:医院)?急诊|马上去(?:医院)?急诊",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(?:if|should|in case|whenever)\b|如果|一旦|万一|若|假如", re.I)
# A "." only ends a sentence once whitespace follows: "care@clinic.com" may still be arriving.
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s)")
_INVENTED_TYPES = frozenset(
    {
        "PHONE",
        "EMAIL",
        "CN_ID",
        "SSN",
        "BANK_CARD",
        "PASSPORT",
        "MRN",
        "INSURANCE_ID",
        "IP_ADDRESS",
        "URL",
    }
)
HOLD_BACK = 160  # characters released without a sentence end, at most

DOSE_ADVICE = {
    "zh": "具体用药剂量请遵医嘱或按药品说明书使用，如有疑问请咨询医生或药师。",
    "en": "For the exact dose, follow your prescription or the package leaflet, and ask your "
    "pharmacist or doctor if you are unsure.",
}
REFUSAL = {
    "zh": "抱歉，我不能提供这方面的内容。如果您有健康方面的问题，我很乐意帮助您。",
    "en": "Sorry, I can't share that. I'm happy to help with any health question you have.",
}


def _persona_windows(size: int = 48) -> list[str]:
    text = " ".join(persona().split())
    return [text[i : i + size] for i in range(0, max(len(text) - size, 1), size // 2)]


@dataclass
class RailReport:
    triggered: list[str] = field(default_factory=list)
    emergency_advice: bool = False
    leaked: bool = False


class OutputRails:
    def __init__(
        self,
        locale: Locale,
        analyzer: Analyzer,
        snippet_texts: list[str],
        known_values: set[str],
    ) -> None:
        self.locale = locale
        self.analyzer = analyzer
        self.snippets = "\n".join(snippet_texts)
        self.known = known_values
        self.report = RailReport()
        self._buf = ""
        self._released = ""
        self._windows = _persona_windows()

    def _dose_supported(self, sentence: str) -> bool:
        amounts = [a.replace(" ", "") for a in _AMOUNT.findall(sentence)]
        flat = self.snippets.replace(" ", "")
        return bool(amounts) and all(a in flat for a in amounts)

    def _sentence(self, sentence: str) -> str:
        if self.report.leaked:
            return ""
        probe = " ".join((self._released + sentence).split())
        if any(w in probe for w in self._windows):
            self.report.leaked = True
            self.report.triggered.append("prompt_leak")
            return REFUSAL[self.locale]
        dose = _DOSE_ZH if self.locale == "zh" else _DOSE_EN
        if (dose.search(sentence) or _DOSE_EN.search(sentence)) and not self._dose_supported(
            sentence
        ):
            self.report.triggered.append("dosage")
            return DOSE_ADVICE[self.locale] + (" " if self.locale == "en" else "")
        for ent in sorted(self.analyzer.analyze(sentence), key=lambda e: -e.start):
            if (
                ent.type in _INVENTED_TYPES
                and ent.value not in self.known
                and (ent.value not in self.snippets)
            ):
                self.report.triggered.append("invented_identifier")
                sentence = sentence[: ent.start] + "[removed]" + sentence[ent.end :]
        if _EMERGENCY_ADVICE.search(sentence) and not _CONDITIONAL.search(sentence):
            self.report.emergency_advice = True
        return sentence

    def feed(self, text: str) -> str:
        """Returns the text that is safe to release now."""
        self._buf += text
        out: list[str] = []
        while True:
            end = _SENTENCE_END.search(self._buf)
            if end is None:
                if len(self._buf) <= HOLD_BACK:
                    break
                cut = self._buf.rfind(" ", 0, len(self._buf) - 40)
                cut = cut if cut > 0 else len(self._buf) - 40
                piece, self._buf = self._buf[:cut], self._buf[cut:]
            else:
                piece, self._buf = self._buf[: end.end()], self._buf[end.end() :]
            railed = self._sentence(piece)
            self._released += piece
            out.append(railed)
        return "".join(out)

    def flush(self) -> str:
        rest, self._buf = self._buf, ""
        return self._sentence(rest) if rest else ""

    def apply(self, text: str) -> str:
        """Whole-text version for non-streamed answers."""
        return self.feed(text) + self.flush()
