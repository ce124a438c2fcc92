"""ADDRESS (English and street-type-first shapes): a house number, street name and street
suffix, optionally with unit, city, state and ZIP; PO boxes, named buildings with a unit.
"""

from __future__ import annotations

import re

from gateway.redaction.patterns import PatternRule

_SUFFIX = (
    # "Dr" before a capitalized word is a title ("Main Dr. Smith"), before "in" it is a street.
    r"(?:Street|St|Avenue|Ave|Road|Rd|Route|Rte|Boulevard|Blvd|Lane|Ln|Drive|Dr(?!\.?\s+(?-i:[A-Z][a-z]))"
    r"|Court|Ct|Place|Pl|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Way|Square|Sq"
    r"|Trail|Trl|Crescent|Pike|Row|Loop|Alley|Run|Crossing|Landing|Heights|Gardens|Walk|Grove|Mews"
    r"|Wharf|Quay|Parade|Esplanade)"
)
# Words that never name a street: they make "walked 2 miles on the road" a non-address.
_NOT_NAME = (
    r"(?!(?:on|the|a|an|to|in|at|of|for|and|or|my|his|her|our|down|up|per|times|miles?"
    r"|with|from|by|about|since|after|before|until|every|each|is|was|then|this|that|it"
    r"|blocks?|km|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|mg|ml|pills?|tablets?"
    r"|cups?|glasses?|kids?|people|steps?|pounds?|lbs?|kgs?|kilos?|units?|percent|points?|degrees?|cm|inches)\b)"
)
_EN = (
    # (A unit word starts a word: "pharmacy at 250 Main St" holds no "Rm".)
    # ... or right before the house number: "apt 5c 300 e 57th st".
    rf"(?:\b(?:Room|Rm|Apartment|Apt|Unit|Suite|Ste|Flat)\.?\s*#?\s*\w{{1,6}}"
    r"(?:,\s*|\s+(?:at|in|of)\s+|\s+(?=\d))?)?"
    # Not the minutes of a time: "10:15 with dr. okafor" is no "15 … Dr".
    # Queens house numbers carry a hyphen: "136-20 38th Ave".
    # Australian "unit/number" ("12/34 Smith St"); Wisconsin grid numbers ("N6721").
    r"(?:\bNo\.?\s*)?(?<![:/])\b(?:(?-i:[NSEW])\d{3,6}|(?:\d{1,5}/)?\d{1,6}(?:-\d{1,4})?[A-Za-z]?)\s+"
    r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    rf"(?:(?:{_NOT_NAME}[A-Za-z0-9][A-Za-z0-9'-]*\s+){{1,3}}?|\d+(?:st|nd|rd|th)\s+){_SUFFIX}\.?"
    # Numbered rural roads: "County Road 7", "Route 9".
    r"(?:(?:(?<=Road)|(?<=Hwy)|(?<=Route)|(?<=Highway))\s+\d{1,4}(?!\d|\.\d)"
    r"|(?:(?<=County Road)|(?<=County Rd)|(?<=County Hwy))\s+(?-i:[A-Z]{1,2})(?![A-Za-z0-9]))?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Flat|#)\.?\s*#?\s*[\w-]{1,6})?"
    r"(?:,\s*[A-Z][a-z]+\s+(?:District|County|Province|Borough)(?![A-Za-z]))?"
    # A city after the comma (the pattern ignores case: "the pharmacy" is no city).
    rf"(?:,\s*{_NOT_NAME}[A-Z][A-Za-z]+(?:\s+{_NOT_NAME}[A-Z][A-Za-z]+){{0,2}}(?![\dA-Za-z])"
    # A city with no comma, typed in lower case, counts when a state and ZIP follow it.
    r"|\s+[A-Za-z]+(?:\s+[A-Za-z]+){0,2}(?=,?\s*[A-Za-z]{2}\s+\d{5}(?!\d)))?"
    # A state code: capitals, or any case right before a ZIP ("in" after "Dr" is no state).
    r"(?:,?\s*(?:(?-i:[A-Z]{2})|[A-Za-z]{2}(?=\s+(?:\d{5}|[A-Za-z]\d[A-Za-z]\s?\d[A-Za-z]\d)))"
    r"(?![A-Za-z0-9])"
    # A state spelled out before a ZIP: ", California 90017".
    r"|,\s*(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s+\d{5}(?!\d))"
    r"|(?:,\s*|\s+)(?-i:[A-Z]{3})(?![A-Za-z0-9]))?(?:\s+\d{4,5}(?:-\d{4})?|\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d|\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})?"
    r"(?![A-Za-z])"
)
# City, state and ZIP after a street or PO box: ", Bend, OR 97701", " Tucson AZ 85701".
_EN_TAIL = (
    r"(?:,?\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},?\s*[A-Z]{2}\b(?:\s+\d{5}(?:-\d{4})?)?"
    r"|,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?![a-z]))?"
)
# No street suffix, but a unit follows: "1520 Broadway Apt 7F, New York".
_EN_UNIT_ONLY = (
    r"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]{2,}\s*,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)"
    r"\.?\s*#?\s*[\w-]{1,6}\b" + _EN_TAIL
)
# After an address cue only: a number and one or two words, "we're at 77 elm".
_EN_CUED_BARE = (
    r"(?<=\s)\d{1,5}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?" + _NOT_NAME + r"[A-Za-z]{3,}"
    r"(?:\s+" + _NOT_NAME + r"[A-Za-z]{3,})?(?=\s*[,.;!]|\s*$)"
)
# Street type first (French, Spanish, Italian, Portuguese): "9 Rue des Lilas apt 2",
# "Calle de Alcalá 45".
_STREET_FIRST = (
    r"(?i:rue|avenue|boulevard|chemin|all[ée]e|impasse|quai|calle|avenida|carrera|rua|via"
    r"|viale|piazza|corso|jalan|jln)"
)
_ROMANCE = (
    rf"\b(?:\d{{1,5}}(?:\s?(?i:bis|ter))?,?\s+{_STREET_FIRST}"
    rf"|{_STREET_FIRST}(?=\s+(?:(?i:de|del|des|du|la|le|los|las|di|da|do|dos)\s+)*[A-Z][\w'-]+"
    r"[ \t]*,?[ \t]*\d))"
    r"\s+(?:(?i:de|del|des|du|la|le|los|las|di|da|do|dos|d')\s*)*[A-Z][\w'\u00c0-\u024f-]+"
    r"(?:[ \t]+[A-Z][\w'\u00c0-\u024f-]+){0,2}(?:[ \t]*,?[ \t]*\d{1,5}(?![\d:/.]))?"
    r"(?:,?\s*(?i:apt|appt|app|unit|#|piso|étage|etage)\.?\s*#?\s*\w{1,5}\b)?"
)
# A named building and a unit: "the Sunset Towers, unit 1402".
_EN_BUILDING = (
    r"\b(?:[A-Z][a-z]+[ \t]+){1,3}(?:Towers?|Apartments|Plaza|Residences|Building|Manor|Estates?"
    r"|Condominiums?|Condos?|Lofts)\s*,?\s*(?i:unit|apt|apartment|suite|flat|#)\.?\s*#?\s*[\w-]{1,6}\b"
)
# A home at a street corner, after a residence verb: "we live on the corner of 5th and Main".
_CORNER_STREET = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|(?!the\b|a\b)[A-Za-z][a-z]{2,}(?:\s+(?-i:[A-Z])[a-z]+)?)"
    r"(?:\s+(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Dr|Drive)\b\.?)?"
)
_EN_CORNER = (
    r"\b(?:live[sd]?|living|stay(?:ing)?|home\s+is|house\s+is)\s+(?:on|at)\s+(?:the\s+)?corner\s+of\s+"
    rf"(?P<value>{_CORNER_STREET}\s+(?:and|&)\s+{_CORNER_STREET})"
)
# A shop right before the street: its address, not the writer's ("the pharmacy at 250 Main St").
_BUSINESS_AT = re.compile(
    r"(?:pharmacy|drugstore|walgreens|cvs|rite aid|clinic|hospital|urgent care|labcorp|quest)"
    r"\s+(?:at|on)\s+$"
)
# At least one name after the comma (a bare comma is not part of the address).
_CN_D, _CN_C = "(?:Pudong|Puxi|Chaoyang|Haidian|Minhang|Xuhui|Tianhe|Nanshan|Futian)", (
    "(?:Shanghai|Beijing|Guangzhou|Shenzhen|Hangzhou|Chengdu)")
_EN_CN_AREA = rf"(?:,\s*{_CN_D}(?:,?\s*{_CN_C})?|,\s*{_CN_C})?"


RULES = [
    PatternRule(
        "ADDRESS",
        # Speed: a unit word's, "No"'s or a house number's first character opens every match.
        re.compile(r"(?=[RrAaUuSsFfNnEeWw\d])" + _EN + _EN_CN_AREA, re.IGNORECASE),
        0.8,
        "en_street",
        anchor_window=(48, 160),
        veto_regex=_BUSINESS_AT,
        anchor=re.compile(
            r"\d[a-z]?\s+(?:\S+\s+){1,4}?"
            + _SUFFIX.replace(r"(?!\.?\s+(?-i:[A-Z][a-z]))", "").lower()
        ),
        context=(
            "address",
            "live at",
            "live on",
            "lives at",
            "living at",
            "deliver",
            "ship to",
            "send to",
            "moved to",
            "located at",
        ),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_ROMANCE),
        0.75,
        "street_type_first",
        anchor=re.compile(
            r"rue|avenue|boulevard|chemin|all[ée]e|impasse|quai|calle|avenida|carrera|rua|via|viale"
            r"|piazza|corso|jalan|jln"
        ),
    ),
    PatternRule(
        "ADDRESS", re.compile(r"\b(?:P\.?\s?O\.?\s?Box)\s+\d{1,6}\b" + _EN_TAIL),
        0.85,
        "po_box",
        anchor=re.compile("box"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_EN_BUILDING),
        0.75,
        "en_building_unit",
        anchor=re.compile(r"tower|apartments|plaza|residences|building|manor|estate|condo|lofts"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_EN_UNIT_ONLY),
        0.75,
        "en_unit_only",
        anchor=re.compile("apt|apartment|unit|suite|ste|#"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_EN_CUED_BARE, re.IGNORECASE),
        0.7,
        "en_cued_bare",
        context=("live at", "lives at", "living at", "we're at", "we are at", "staying at",
                 "address is", "address:", "moved to"),
        context_required=True,
        context_before=14,
        context_after=0,
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_EN_CORNER, re.IGNORECASE),
        0.7,
        "en_corner",
        group="value",
        anchor=re.compile("corner of"),
    ),
]
