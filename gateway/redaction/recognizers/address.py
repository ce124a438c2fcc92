"""ADDRESS: street-level addresses only (a city or hospital named alone is not one).

Chinese: optional administrative parts (省/市/区/县…), then a street with a number or a
residential compound with a building/unit/room. English: a house number, street name and
street suffix, optionally with unit, city, state and ZIP.
"""

from __future__ import annotations

import re

from gateway.redaction.patterns import PatternRule

H = r"[\u4e00-\u9fff]"
_NUM = r"(?:\d+|[一二三四五六七八九十百零两]+)"
_ADMIN = (
    rf"(?:{H}{{2,3}}(?:省|自治区|特别行政区)|{H}{{1,4}}?(?:市|州|盟)|{H}{{1,4}}?(?:区|县|旗)"
    rf"|{H}{{1,4}}?(?:镇|乡|街道)|{H}{{1,4}}?村)"
)
_STREET = rf"{H}{{1,8}}?(?:大街|大道|路|街|巷|弄|胡同|道|里)(?:{_NUM}段)?"
_STREET_NO = rf"{_NUM}(?:号院|号|弄|栋)(?:附{_NUM}号)?"
_COMPOUND = (
    r"[\u4e00-\u9fffA-Za-z]{2,10}?(?:小区|花园|家园|公寓|大厦|苑|庭|新村|广场|中心|府|城|湾|园|宿舍"
    r"|楼|院|社区|大院|家属院|宿舍楼|新区)"
)
_UNIT = (
    rf"(?:{_NUM}(?:号楼|栋|幢|座|单元|楼|层|室|号|户|门|排|组|号院)|[A-Za-z]座|{_NUM}-{_NUM}(?:-{_NUM})?"
    rf"|\d{{3,4}}(?![\d年月日岁]))"
)
_ZH = (
    rf"(?:{_ADMIN}){{0,4}}"
    rf"(?:{_STREET}{_STREET_NO}(?:{_COMPOUND})?(?:{_UNIT})*"
    rf"|{_COMPOUND}(?:{_UNIT})+)"
)

# Words that precede an address but are not part of it ("我住在", "家住", "地址是").
_LEAD = re.compile(r"^(?:[我你他她它们咱家住在于是为到的寄送搬现目前地址:：,，\s]|居住|位于|现居)+")

_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr(?!\.?\s+[A-Z][a-z])"
    r"|Court|Ct|Place|Pl|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Way|Square|Sq"
    r"|Trail|Trl|Crescent|Pike|Row|Loop|Alley|Run|Crossing|Landing|Heights|Gardens|Walk)"
)
# Words that never name a street: they make "walked 2 miles on the road" a non-address.
_NOT_NAME = (
    r"(?!(?:on|the|a|an|to|in|at|of|for|and|or|my|his|her|our|down|up|per|times|miles?"
    r"|blocks?|km|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|mg|ml|pills?|tablets?"
    r"|cups?|glasses?|kids?|people|steps?)\b)"
)
_EN = (
    rf"(?:(?:Room|Rm|Apt|Unit|Suite|Flat)\.?\s*#?\s*\w{{1,6}},\s*)?"
    r"\b\d{1,6}[A-Za-z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    rf"(?:(?:{_NOT_NAME}[A-Za-z0-9][A-Za-z0-9'-]*\s+){{1,3}}?|\d+(?:st|nd|rd|th)\s+){_SUFFIX}\.?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Flat|#)\.?\s*#?\s*[\w-]{1,6})?"
    r"(?:,\s*[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2})?"
    r"(?:,?\s*(?:[A-Z]{2}))?(?:\s+\d{5}(?:-\d{4})?|\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d)?"
    r"(?![A-Za-z])"
)
_EN_CN_AREA = r"(?:,\s*(?:Pudong|Puxi|Chaoyang|Haidian|Minhang|Xuhui|Tianhe|Nanshan|Futian)?,?\s*(?:Shanghai|Beijing|Guangzhou|Shenzhen|Hangzhou|Chengdu)?)?"


def _trim_lead(text: str, start: int, end: int) -> tuple[int, int]:
    lead = _LEAD.match(text[start:end])
    return (start + lead.end(), end) if lead else (start, end)


RULES = [
    PatternRule(
        "ADDRESS",
        re.compile(_ZH),
        0.8,
        "zh_street",
        trim=_trim_lead,
        context=("地址", "住在", "家住", "住址", "寄到", "送到", "现住", "居住"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_EN + _EN_CN_AREA, re.IGNORECASE),
        0.8,
        "en_street",
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
        "ADDRESS", re.compile(r"\b(?:P\.?\s?O\.?\s?Box)\s+\d{1,6}\b", re.IGNORECASE), 0.85, "po_box"
    ),
]
