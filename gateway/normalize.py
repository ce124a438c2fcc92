"""Text normalization applied before redaction and triage.

NFKC folds full-width digits and letters (１３８… → 138…) so they cannot hide an identifier
or a red flag; zero-width and control characters are removed for the same reason.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Full-width punctuation is how Chinese is written; NFKC would turn it into ASCII. It hides
# nothing, so it is kept (parked in the private-use area while NFKC runs).
_KEEP = "，！？：；（）～"
_PARK = {ord(c): 0xE000 + i for i, c in enumerate(_KEEP)}
_UNPARK = {0xE000 + i: ord(c) for i, c in enumerate(_KEEP)}


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(_PARK)).translate(_UNPARK)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
