"""ADDRESS outside the US/Chinese shapes of address.py, each held by a postal code or a box.

A UK, Canadian or Australian postcode (or "NSW 2000") at the end is the evidence for the
street before it, whatever its street word ("17 Cherry Tree Close, Leeds LS6 2AB",
"1450 rue Sherbrooke O, Montréal QC H3G 1K4"). PO and rural-route boxes and Singapore
block numbers with a "#floor-unit" carry their own evidence.
"""

from __future__ import annotations

import re

from gateway.redaction.patterns import PatternRule

_UK_CA = (
    r"(?-i:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK (with or without its space)
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d)"  # Canada
)
_AU = r"(?-i:(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{4})"
_POSTCODE = f"(?:{_UK_CA}|{_AU})"
_WORD = r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'-]*"
_CITY = r"(?-i:[A-Z])[A-Za-z\u00c0-\u024f'-]+(?:\s+(?-i:[A-Z])[A-Za-z\u00c0-\u024f'-]+)?"


def _street_before(postcode: str) -> re.Pattern[str]:
    return re.compile(
        # A unit before ("Flat 2, ", "Unit 4/", Australian "12/34") or after the street
        # (", apt 3"); a locality and a town ("Little Snoring, Fakenham").
        r"(?:\b(?:Flat|Unit|Apt|Suite|Ste)\s*\w{1,4}(?:,\s*|/)|\b\d{1,5}/(?=\d))?"
        rf"\b\d{{1,5}}(?:-\d{{1,5}})?[A-Za-z]?\s+{_WORD}(?:\s+{_WORD}){{0,3}}"
        r"(?:,?\s*(?i:apt|appt|app|unit|suite|ste|flat|#)\.?\s*#?\w{1,5})?"
        rf"(?:,\s*{_CITY}){{1,2}},?\s+"
        rf"(?:(?-i:[A-Z]{{2}})\s+)?{postcode}(?![A-Za-z0-9])"
    )


RULES = [
    PatternRule(
        "ADDRESS",
        _street_before(_UK_CA),
        0.85,
        "postcode_street",
        # Speed: the digit-led end of a postcode (lower-cased), and a window before it; a
        # bare "5th" or "10mg" is no anchor.
        anchor=re.compile(r"\d(?:[a-z\d]?\s?\d[a-z]{2}\b|[a-z]\s?\d[a-z]\d\b)"),
        anchor_window=(120, 12),
    ),
    PatternRule(
        "ADDRESS",
        _street_before(_AU),
        0.85,
        "au_state_street",
        anchor=re.compile(r"(?:nsw|vic|qld|wa|sa|tas|act|nt)\s+\d{4}"),
        anchor_window=(120, 12),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(
            # Rural routes and highway contracts, with a site: "RR 1, Site 5, Box 12".
            r"\b(?:P\.?\s?O\.?\s*Box|(?:R\.?R\.?|HC|Rural\s+Route)\s*\d{1,3},?"
            r"(?:\s*Site\s*\d{1,4},?)?\s*Box)\s*#?\d{1,6}"
            rf"(?:,\s*{_WORD}(?:\s+{_WORD})?(?:,?\s+[A-Za-z]{{2}})?"
            rf"(?:\s+(?:{_POSTCODE}|\d{{5}}(?:-\d{{4}})?|\d{{4}}))?)?(?![A-Za-z0-9])",
            re.IGNORECASE,
        ),
        0.85,
        "po_box",
        anchor=re.compile(r"box\s*#?\d"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(
            r"\b(?:Blk|Block)\s*\d{1,4}[A-Za-z]?(?:\s+[\w'-]+){1,6}?\s*#\d{1,3}-\d{1,5}"
            r"(?:\s*,?\s*Singapore)?(?:\s*\d{6})?(?!\d)",
            re.IGNORECASE,
        ),
        0.85,
        "sg_block",
        anchor=re.compile(r"#\d{1,3}-\d"),
    ),
]
