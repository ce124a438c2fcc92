"""PHONE, EMAIL, URL, IP_ADDRESS."""

from __future__ import annotations

import re

from gateway.redaction.patterns import SEP, PatternRule, digits, ipv4
from gateway.redaction.validators import spelled_email

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


# Service numbers the writer quotes but does not own: "call poison control 1-800-222-1222".
SERVICE_WORDS = (
    "poison",
    "hotline",
    "helpline",
    "crisis",
    "lifeline",
    "suicide",
    "nurse line",
    "热线",
    "急救",
    "援助",
    "投诉",
    "客服",
)

# Numbers that belong to an order or a document, not a person.
ORDER_WORDS = (
    "order",
    "tracking",
    "invoice",
    "ref",
    "reference",
    "confirmation",
    "订单",
    "单号",
    "快递",
    "发票",
)

# Chinese 400 numbers (400-xxx-xxxx) belong to companies and hospitals, never a person.
_NOT_400 = rf"(?!400{SEP}?\d{{3}}{SEP}?\d{{4}}(?!\d))"

_ZH_DIGIT = "[零〇一二三四五六七八九幺两]"


def _intl_length(value: str) -> bool | None:
    """00 + country code + national number: 11 to 16 digits in all, written in groups (an
    unbroken 00… run is more often an order or record number)."""
    grouped = len(digits(value)) < len(value)
    return None if grouped and 11 <= len(digits(value)) <= 16 else False


_EVEN_BLOCKS = re.compile(r"0\d{3} \d{4} \d{4}")


def _not_even_blocks(value: str) -> bool | None:
    """"0442 3190 2451": three even blocks of four read as an account or order number more
    often than a landline (written 0442-31902451); it needs a phone cue."""
    return False if _EVEN_BLOCKS.fullmatch(value) else None


# Spelled-out e-mail parts ("john dot smith at gmail dot com", "john[at]gmail.com"); the
# validator decides when a bare " at " is an e-mail.
_LOCAL = r"[A-Za-z0-9][A-Za-z0-9._%+-]*"
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)"
_TLD = r"(?:com|cn|net|org|edu|gov|io|co|uk|me|us|de|fr|jp|hk|tw|au|ca|info)"
def _trim_trailing_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return start, end


RULES = [
    PatternRule(
        "PHONE",
        # "1-800-222-1222" is a North American toll-free number, not a mobile starting 180.
        re.compile(
            rf"{_NB}(?:(?:\+|00)?86{S}|\(\+?86\){S}|(?!1{SEP}\d{{3}}{SEP}\d{{3}}{SEP}\d{{4}}{_NA}))"
            rf"1{S}[3-9]{S}\d(?:{S}\d){{8}}{_NA}"
        ),
        0.9,
        "cn_mobile",
        digit_window=True,
        min_digits=11,
        context=PHONE_CUES,
        veto=SERVICE_WORDS,
    ),
    PatternRule(
        "PHONE",
        re.compile(
            rf"(?<![\dA-Za-z\-/.])(?:(?:(?:\+|00)86{S}|\(\+?86\){S})(?:\(0?\d{{2,3}}\)|0?[2-9]\d{{1,2}})"
            rf"|\(0\d{{2,3}}\)|0\d{{2,3}}){S}\d{{3,4}}{S}\d{{4}}"
            rf"(?:\s*(?:转|分机|ext\.?|x|-)\s*\d{{1,5}})?{_NA}(?!\s\d)",
            re.IGNORECASE,
        ),
        0.85,
        "cn_landline",
        digit_window=True,
        min_digits=10,
        context=PHONE_CUES,
        validator=_not_even_blocks,
        veto=SERVICE_WORDS,
    ),
    PatternRule(
        "PHONE",
        re.compile(
            # The exchange may start with 0/1 in hand-written numbers ("(555) 123-4567").
            # No area code 400: "400-820-8820" is a Chinese company line (see _NOT_400).
            rf"{_NB}(?:\+1{S}|1{SEP})?(?:\([2-9]\d{{2}}\)\s?|{_NOT_400}[2-9]\d{{2}}{SEP})\d{{3}}"
            rf"{SEP}\d{{4}}(?:\s*(?:ext\.?|x)\s*\d{{1,5}})?{_NA}",
            re.IGNORECASE,
        ),
        0.85,
        "nanp",
        digit_window=True,
        min_digits=10,
        context=PHONE_CUES,
        veto=SERVICE_WORDS,
    ),
    PatternRule(
        "PHONE",
        re.compile(
            rf"(?<![\dA-Za-z+])\+(?!86|1\b)\d{{1,3}}(?:{SEP}?\(?\d{{1,4}}\)?){{2,5}}"
            rf"(?:\s*(?:ext\.?|x|extension)\s*\d{{1,5}})?{_NA}",
            re.IGNORECASE,
        ),
        0.8,
        "international",
        digit_window=True,
        min_digits=7,
        context=PHONE_CUES,
    ),
    PatternRule(
        # International numbers dialled with 00: "0044 7911 123456", "0033 6 12 34 56 78".
        "PHONE",
        re.compile(rf"(?<![\dA-Za-z+.,/:-])00(?!86)[1-9]\d{{0,2}}(?:{SEP}?\d{{1,5}}){{2,5}}{_NA}"),
        0.75,
        "intl_00",
        digit_window=True,
        min_digits=11,
        validator=_intl_length,
        veto=ORDER_WORDS,
        anchor=re.compile("00[1-9]"),
        context=PHONE_CUES,
    ),
    PatternRule(
        # UK mobiles 07xxx xxxxxx (often 5-3-3), Taiwan 09xx-xxx-xxx, Australia 04xx xxx xxx.
        "PHONE",
        re.compile(
            rf"{_NB}(?:(?:\+44{S}7|07)\d{{3}}{S}\d{{3}}{S}\d{{3}}|0[49]\d{{2}}{S}\d{{3}}{S}\d{{3}}){_NA}"
        ),
        0.85,
        "uk_mobile",
        digit_window=True,
        min_digits=10,
        context=PHONE_CUES,
    ),
    PatternRule(
        # Bare digit runs only count after a phone cue ("call me on 6175550143"), also when
        # the mail client wrapped them over lines ("电话\n138 0013\n8000").
        "PHONE",
        # Never from the middle of a longer number ("400-820-8820" is not "820-8820").
        re.compile(rf"{_NB}(?<!\d{SEP}){_NOT_400}\+?\d(?:(?:{S}|[ ]?\n[ ]?)\d){{6,13}}{_NA}"),
        0.7,
        "cued_digits",
        min_digits=7,
        context=PHONE_CUES,
        context_required=True,
        context_before=16,
        context_after=0,
    ),
    PatternRule(
        # Mobile numbers spelled in Chinese numerals: "一三九一二三四五六七八".
        "PHONE",
        re.compile(
            rf"(?<![零〇一二三四五六七八九十幺两])[一幺]\s?[三四五六七八九](?:[\s\-]?{_ZH_DIGIT}){{9}}"
            r"(?![零〇一二三四五六七八九十幺两百千万])"
        ),
        0.8,
        "cn_mobile_hanzi",
        anchor=re.compile("[一幺][三四五六七八九]"),
        context=PHONE_CUES,
    ),
    PatternRule(
        # Any 7-12 Chinese-numeral digits right after a phone cue (landlines, "幺三八…").
        "PHONE",
        re.compile(rf"{_ZH_DIGIT}(?:[\s\-]?{_ZH_DIGIT}){{6,11}}(?![零〇一二三四五六七八九十幺两百千万])"),
        0.75,
        "cued_hanzi_digits",
        context=PHONE_CUES,
        context_required=True,
        context_before=12,
        context_after=0,
    ),
    PatternRule(
        # Spelled-out addresses: "john dot smith at gmail dot com", "john[at]gmail.com".
        "EMAIL",
        re.compile(
            rf"(?<![A-Za-z0-9._%+-]){_LOCAL}(?:{_DOT}{_LOCAL})*{_AT}"
            rf"(?:[A-Za-z0-9-]+(?:\.|{_DOT}))+{_TLD}(?![A-Za-z0-9-])",
            re.IGNORECASE,
        ),
        0.85,
        "email_spelled",
        validator=spelled_email,
        # Speed: a literal "at" first lets the regex engine skip ahead.
        anchor=re.compile(r"at(?:\s*[\])}>]|\s+[a-z0-9-]+(?:\.|\s*[\[({<]?\s*dot\b))"),
        anchor_window=(64, 48),
    ),
    PatternRule(
        "EMAIL",
        re.compile(
            r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+-](?:[A-Za-z0-9._%+-]|'(?=[A-Za-z]))*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}"
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
        digit_window=True,
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
