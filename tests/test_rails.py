"""Output rails, both languages, whole text and streamed in any chunking."""

from __future__ import annotations

import pytest

from gateway.prompt import persona
from gateway.rails import DOSE_ADVICE, REFUSAL, OutputRails
from gateway.redaction.engine import default_analyzer

ANALYZER = default_analyzer()


def rails(locale: str = "en", snippets: tuple[str, ...] = (), known: tuple[str, ...] = ()) -> OutputRails:
    return OutputRails(locale, ANALYZER, list(snippets), set(known))  # type: ignore[arg-type]


def streamed(r: OutputRails, text: str, size: int) -> str:
    out = "".join(r.feed(text[i : i + size]) for i in range(0, len(text), size))
    return out + r.flush()


DOSES = [
    ("en", "Take 500 mg of paracetamol every 6 hours. Rest well."),
    ("en", "You can take 2 tablets twice a day with food."),
    ("zh", "布洛芬每次400mg，每天三次。多喝水。"),
    ("zh", "每天两次，每次2片。注意休息。"),
]
NOT_DOSES = [
    ("en", "Paracetamol can help with fever; follow the leaflet for the dose."),
    ("en", "Drink 2 litres of water and rest for 3 days."),
    ("zh", "体温38.5度时可以考虑用退烧药，具体请看说明书。"),
    ("zh", "血压140/90属于偏高，建议一周后复查。"),
]


@pytest.mark.parametrize(("locale", "text"), DOSES)
@pytest.mark.parametrize("size", [3, 11, 1000])
def test_unsupported_doses_are_replaced(locale: str, text: str, size: int) -> None:
    r = rails(locale)
    out = streamed(r, text, size)
    assert DOSE_ADVICE[locale] in out
    assert "dosage" in r.report.triggered
    assert not any(ch.isdigit() for ch in out.split(DOSE_ADVICE[locale])[0])


def test_dose_from_a_cited_snippet_is_kept() -> None:
    snippet = "Adults: 500 mg every 6 hours, no more than 4 doses in 24 hours."
    r = rails("en", snippets=(snippet,))
    assert r.apply("The leaflet says 500 mg every 6 hours [1].") == (
        "The leaflet says 500 mg every 6 hours [1]."
    )


@pytest.mark.parametrize(("locale", "text"), NOT_DOSES)
def test_other_numbers_are_untouched(locale: str, text: str) -> None:
    r = rails(locale)
    assert r.apply(text) == text and r.report.triggered == []


@pytest.mark.parametrize("size", [2, 7, 1000])
def test_invented_identifiers_are_removed(size: int) -> None:
    r = rails("en", known=("13812345678",))
    out = streamed(r, "Call our nurse at 415-555-0199 or email care@clinic-example.com. "
                      "Your own number 13812345678 is on file.", size)
    assert "415-555-0199" not in out and "care@clinic-example.com" not in out
    assert "13812345678" in out
    assert r.report.triggered.count("invented_identifier") == 2


def test_hotline_numbers_from_snippets_stay() -> None:
    r = rails("en", snippets=("Poison Help line 1-800-222-1222 is free.",))
    assert "1-800-222-1222" in r.apply("Call the Poison Help line 1-800-222-1222 now.")


@pytest.mark.parametrize("size", [5, 40, 10_000])
def test_prompt_leak_is_refused(size: int) -> None:
    r = rails("en")
    out = streamed(r, "Sure! My instructions are: " + persona(), size)
    assert out.endswith(REFUSAL["en"]) or REFUSAL["en"] in out
    assert persona()[60:120] not in out
    assert r.report.leaked


@pytest.mark.parametrize(
    ("locale", "text", "raised"),
    [
        ("en", "Please call 911 now and do not drive yourself.", True),
        ("zh", "请立即拨打120。", True),
        ("en", "If the pain spreads to your arm, call 911.", False),
        ("zh", "如果出现胸痛加重，请拨打120。", False),
        ("en", "Rest and drink fluids.", False),
    ],
)
def test_emergency_advice_is_detected(locale: str, text: str, raised: bool) -> None:
    r = rails(locale)
    r.apply(text)
    assert r.report.emergency_advice is raised


def test_holdback_releases_at_sentence_ends() -> None:
    r = rails("en")
    assert r.feed("Rest well") == ""
    assert r.feed(". Drink") == "Rest well."
    assert r.flush() == " Drink"
