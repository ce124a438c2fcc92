"""PHONE, EMAIL, URL, IP_ADDRESS."""

from __future__ import annotations

import re

from gateway.redaction.patterns import SEP, PatternRule, ipv4

_NB = r"(?<![\dA-Za-z])"  # not glued to a longer token
_NA = r"(?![\dA-Za-z])"
S = f"{SEP}?"

PHONE_CUES = (
    "电话",
    "手机",
    "联系方式",
    "联系电话",
    "号码",
    "打给",
    "打我",
    "致电",
    "微信",
    "座机",
    "phone",
    "cell",
    "mobile",
    "call me",
    "text me",
    "reach me",
    "tel",
    "contact",
    "number",
    "whatsapp",
    "fax",
    "传真",
    "電話",
    "手機",
)


def _trim_trailing_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return start, end


RULES = [
    PatternRule(
        "PHONE",
        re.compile(rf"{_NB}(?:(?:\+|00)?86{S}|\(\+?86\){S})?1{S}[3-9]{S}\d(?:{S}\d){{8}}{_NA}"),
        0.9,
        "cn_mobile",
        min_digits=11,
        context=PHONE_CUES,
    ),
    PatternRule(
        "PHONE",
        re.compile(
            rf"(?<![\dA-Za-z\-/.])(?:\(0\d{{2,3}}\)|0\d{{2,3}}){S}\d{{3,4}}{S}\d{{4}}"
            rf"(?:\s*(?:转|分机|ext\.?|x|-)\s*\d{{1,5}})?{_NA}(?!\s\d)",
            re.IGNORECASE,
        ),
        0.85,
        "cn_landline",
        min_digits=10,
        context=PHONE_CUES,
    ),
    PatternRule(
        "PHONE",
        re.compile(
            rf"{_NB}(?:\+1{S}|1{SEP})?(?:\([2-9]\d{{2}}\)\s?|[2-9]\d{{2}}{SEP})[2-9]\d{{2}}"
            rf"{SEP}\d{{4}}(?:\s*(?:ext\.?|x)\s*\d{{1,5}})?{_NA}",
            re.IGNORECASE,
        ),
        0.85,
        "nanp",
        min_digits=10,
        context=PHONE_CUES,
    ),
    PatternRule(
        "PHONE",
        re.compile(rf"(?<![\dA-Za-z+])\+(?!86|1\b)\d{{1,3}}(?:{SEP}?\(?\d{{1,4}}\)?){{2,5}}{_NA}"),
        0.8,
        "international",
        min_digits=7,
        context=PHONE_CUES,
    ),
    PatternRule(
        # UK mobiles 07xxx xxxxxx (often 5-3-3), Taiwan mobiles 09xx-xxx-xxx.
        "PHONE",
        re.compile(
            rf"{_NB}(?:(?:\+44{S}7|07)\d{{3}}{S}\d{{3}}{S}\d{{3}}|09\d{{2}}{S}\d{{3}}{S}\d{{3}}){_NA}"
        ),
        0.85,
        "uk_mobile",
        min_digits=11,
        context=PHONE_CUES,
    ),
    PatternRule(
        # Bare digit runs only count after a phone cue ("call me on 6175550143").
        "PHONE",
        re.compile(rf"{_NB}\+?\d(?:{S}\d){{6,13}}{_NA}"),
        0.7,
        "cued_digits",
        min_digits=7,
        context=PHONE_CUES,
        context_required=True,
        context_before=16,
        context_after=0,
    ),
    PatternRule(
        "EMAIL",
        re.compile(
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}"
            r"(?![A-Za-z0-9-])"
        ),
        0.95,
        "email",
        anchor=re.compile("@"),
    ),
    PatternRule(
        "URL",
        re.compile(
            r"(?:https?://|www\.)[^\s<>\"'，。！？；、）)\],\u4e00-\u9fff]+"
            r"|(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|me|info|co|us|uk|edu|gov|ly"
            r"|app|link|page|site)(?:/[^\s<>\"'，。！？；、）)\],\u4e00-\u9fff]*)(?![\w-])",
            re.IGNORECASE,
        ),
        0.85,
        "url",
        anchor=re.compile(
            r"https?://|www\.|\.(?:com|cn|net|org|io|me|info|co|us|uk|edu|gov|ly|app|link|page|site)"
        ),
        trim=_trim_trailing_punctuation,
    ),
    PatternRule(
        "IP_ADDRESS",
        re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"),
        0.6,
        "ipv4",
        min_digits=4,
        anchor=re.compile(r"\d\.\d+\.\d"),
        validator=ipv4,
        context=("ip", "IP地址", "address", "地址", "server", "login", "登录", "网络"),
    ),
    PatternRule(
        "IP_ADDRESS",
        re.compile(
            r"(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
            r"|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:?){0,6}[0-9A-Fa-f]{0,4})"
            r"(?![0-9A-Fa-f:])"
        ),
        0.85,
        "ipv6",
        anchor=re.compile("[0-9a-f]:[0-9a-f:]"),
    ),
]
