"""Word lists for English-script names, kept as editable text files in redaction/data/."""

from __future__ import annotations

from importlib import resources


def _words(name: str) -> frozenset[str]:
    text = resources.files("gateway.redaction").joinpath(f"data/{name}.txt").read_text("utf-8")
    return frozenset(
        word.lower()
        for line in text.splitlines()
        if not line.startswith("#")
        for word in line.split()
    )


FIRST_NAMES = _words("first_names")
# Given names that are also ordinary English words (Will, Grace, Hope, Bill).
AMBIGUOUS = _words("ambiguous_names")
PINYIN_SURNAMES = _words("pinyin_surnames")
NOT_SURNAME = _words("not_surnames")
# Capitalized words that open or close a message but are not names (days, feelings).
NOT_NAME_WORDS = _words("not_names")
# Cantonese / Wade-Giles surnames: "Chan Tai Man", "Tsai Mei-Ling".
ROMANIZED_SURNAMES = _words("romanized_surnames")

# Titles: after "my mother-in-law, " a title is not the name ("Mrs. Reyes").
TITLE_WORDS = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "nurse"))

RELATIONS = (
    "son",
    "daughter",
    "wife",
    "husband",
    "mom",
    "mother",
    "mum",
    "dad",
    "father",
    "grandma",
    "grandmother",
    "grandpa",
    "grandfather",
    "brother",
    "sister",
    "friend",
    "partner",
    "boyfriend",
    "girlfriend",
    "baby",
    "kid",
    "child",
    "nephew",
    "niece",
    "aunt",
    "uncle",
    "neighbor",
    "neighbour",
    "roommate",
    "caregiver",
    "coworker",
    "colleague",
    "fiance",
    "fiancee",
    "stepson",
    "stepdaughter",
    "stepmom",
    "stepdad",
    "cousin",
    "grandson",
    "granddaughter",
    "toddler",
    "boy",
    "girl",
    "spouse",
    "mother-in-law",
    "father-in-law",
    "sister-in-law",
    "brother-in-law",
    "twin",
    "twins",
    "doctor",
    "pcp",
    "therapist",
    "surgeon",
    "pediatrician",
    "cardiologist",
    "oncologist",
    "dentist",
    "specialist",
    "physician",
    "nurse",
    "pharmacist",
    "dietitian",
    "physio",
    "counselor",
    "counsellor",
    "midwife",
    "chiropractor",
    "caseworker",
)
