"""Length-preserving repairs of the folded text, so the existing rules see what was meant.

* Letters typed for digits inside a number ("l38OOl38OOO", "2O6-555-Ol87", "1O/O4/1959"):
  only in a token of digits, those letters and number separators that already holds three
  real digits, so words ("Ol", "lOl"), units ("500ml") and codes ("O2", "COVID19") stay.
* Traditional forms of the characters Hong Kong and Taiwan addresses are built from
  ("號", "樓", "區"): the address and name rules are written in simplified characters
  (``TRAD_TO_SIMPLIFIED``, applied by ``patterns.fold``).
"""

from __future__ import annotations

import re

# Folded in the same pass as the full-width forms (patterns.fold): one translate per text.
TRAD_TO_SIMPLIFIED = {
    ord(t): sc
    for t, sc in zip(
        "號樓區門園棟單層臺縣鄉鎮島灣龍東廣場邨閣廈華興濱陽後國車嶺營範為內鳳岡寶彌長",
        "号楼区门园栋单层台县乡镇岛湾龙东广场村阁厦华兴滨阳后国车岭营范为内凤冈宝弥长",
        strict=True,
    )
}

# A token of digits, digit-like letters and the separators numbers are written with.
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])[0-9OolI](?:[0-9OolI]|[\-./](?=[0-9OolI])){6,}(?![A-Za-z0-9])"
)
# Speed: only where a digit-like letter follows a digit (one digit-led scan, in C) is the
# token pattern run, over the whole token around it.
_STRETCH = re.compile(r"[0-9][./-]?[OolI]")
_REST = re.compile(r"[0-9OolI./-]*")
_TOKEN_CHARS = frozenset("0123456789OolI./-")
_DIGITS = str.maketrans("OolI", "0011")


def _repair(folded: str) -> str:
    parts: list[str] = []
    last = 0
    for stretch in _STRETCH.finditer(folded):
        if stretch.start() < last:
            continue
        lo = stretch.start()
        while lo > last and folded[lo - 1] in _TOKEN_CHARS:
            lo -= 1
        rest = _REST.match(folded, stretch.end())
        hi = min(len(folded), (rest.end() if rest else stretch.end()) + 1)
        for m in _TOKEN.finditer(folded, lo, hi):
            token = m.group()
            if sum(ch.isdigit() for ch in token) >= 3:
                parts += (folded[last : m.start()], token.translate(_DIGITS))
                last = m.end()
    if not parts:
        return folded
    parts.append(folded[last:])
    return "".join(parts)


def normalize(folded: str) -> str:
    return _repair(folded)
