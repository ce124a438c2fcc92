"""Text normalization applied before redaction and triage.

NFKC folds full-width digits and letters (１３８… → 138…) so they cannot hide an identifier
or a red flag; zero-width and control characters are removed for the same reason.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
