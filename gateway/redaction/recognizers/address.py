"""ADDRESS: street-level addresses only (a city or hospital named alone is not one).

Chinese: optional administrative parts (省/市/区/县…), then a street with a number or a
residential compound with a building/unit/room. English: a house number, street name and
street suffix, optionally with unit, city, state and ZIP.
"""

from __future__ import annotations

import re

from gateway.redaction.patterns import PatternRule

H = r"[\u4e00-\u9fff]"


def _alt(words: str) -> str:
    """Alternation of space-separated words behind a one-character lookahead on their first
    characters: inside lazy loops this rejects most positions with a single check."""
    items = sorted(words.split(), key=len, reverse=True)
    firsts = "".join(sorted({w[0] for w in items}))
    return f"(?=[{firsts}])(?:{'|'.join(items)})"

_NUM = r"(?:\d+|[一二三四五六七八九十百零两]+)"
_ADMIN = (
    rf"(?:{H}{{2,3}}{_alt('省 自治区 特别行政区')}|{_alt('新疆 西藏 内蒙古 广西 宁夏 香港 澳门')}"
    rf"|{H}{{1,4}}?(?=[市州盟区县旗镇乡街村])(?:[市州盟区县旗镇乡村]|街道))"
)
_STREET = rf"{H}{{1,8}}?{_alt('大街 大道 路 街 巷 弄 胡同 道 里')}(?:{_NUM}段)?"
_STREET_NO = rf"{_NUM}(?:号院|号|栋|(?:弄|巷)(?:{_NUM}号(?![楼院]))?)(?:\s?附{_NUM}号)?"
_COMPOUND = r"[\u4e00-\u9fffA-Za-z]{2,10}?" + _alt(
    "小区 花园 家园 公寓 大厦 苑 庭 新村 广场 中心 府 城 湾 园 宿舍 楼 院 社区 大院 家属院 宿舍楼 新区"
)
_UNIT = (
    rf"\s?(?:{_NUM}(?:号楼|栋|幢|座|单元|楼|层|室|号|户|门|排|组|号院|区|期)|[东南西北]{_NUM}区|[A-Za-z](?:座|栋|幢|区)|{_NUM}-{_NUM}(?:-{_NUM})?"
    rf"|\d{{3,4}}(?![\d年月日岁]))"
)
_ZH = (
    rf"(?=[\u4e00-\u9fffA-Za-z])(?:{_ADMIN}\s?){{0,4}}"
    rf"(?:{_STREET}\s?{_STREET_NO}(?:\s?{_COMPOUND}|\s?{H}{{2,6}}?(?={_UNIT}))?(?:{_UNIT})*"
    rf"|{_COMPOUND}(?:{_UNIT})+"
    # After a district, any building name with a unit: "龙溪街道金港国际3栋".
    rf"|(?<=[区县镇道])(?!{H}{{0,3}}(?:医院|诊所))[\u4e00-\u9fffA-Za-z]{{2,6}}?(?={_UNIT})(?:{_UNIT})+)"
)
# Building + unit with no compound name: "3号楼2单元401" (one unit alone, "住院部3楼", is not).
_ZH_BUILDING = rf"(?<![\d一二三四五六七八九十])(?:{_NUM}(?:号楼|栋|幢|座)\s?{_NUM}(?:单元|门)(?:\s?\d{{3,4}}(?![\d年月日岁])|\s?{_NUM}室)?)"
# Rural and town-level addresses: "…县汲水镇王庄村三组", "四川省南充市仪陇县马鞍镇".
_GROUP = rf"(?:{_NUM}(?:组|队|社|号))"
_ZH_RURAL = (
    rf"(?:{_ADMIN}){{0,5}}?{H}{{1,4}}?(?:村|屯|寨)(?:{_GROUP}){{1,2}}"
    rf"|(?:{_ADMIN}){{2,5}}{H}{{1,4}}?(?:镇|乡|村)(?![\u4e00-\u9fff]{{0,2}}(?:医院|卫生院|中心|政府))"
)
# A street with no house number, after at least a city and a district: "杭州市西湖区文三路".
_ZH_BARE_STREET = rf"{H}{{1,4}}?(?:市|州){H}{{1,4}}?(?:区|县)\s?{H}{{1,8}}?(?:大街|大道|路|街|胡同)(?![\u4e00-\u9fff]?(?:口|上|边|旁|附近|医院))"

# Words that precede an address but are not part of it ("我住在", "家住", "地址是").
_LEAD = re.compile(r"^(?:[我你他她它们咱家住在于是为到的寄送搬现目前地址:：,，\s]|居住|位于|现居)+")

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
    rf"(?:\b(?:Room|Rm|Apartment|Apt|Unit|Suite|Flat)\.?\s*#?\s*\w{{1,6}}(?:,\s*|\s+(?:at|in|of)\s+))?"
    # Not the minutes of a time: "10:15 with dr. okafor" is no "15 … Dr".
    # Queens house numbers carry a hyphen: "136-20 38th Ave".
    r"(?:\bNo\.?\s*)?(?<![:/])\b\d{1,6}(?:-\d{1,4})?[A-Za-z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    rf"(?:(?:{_NOT_NAME}[A-Za-z0-9][A-Za-z0-9'-]*\s+){{1,3}}?|\d+(?:st|nd|rd|th)\s+){_SUFFIX}\.?"
    # Numbered rural roads: "County Road 7", "Route 9".
    r"(?:(?:(?<=Road)|(?<=Hwy)|(?<=Route)|(?<=Highway))\s+\d{1,4}(?!\d|\.\d))?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Flat|#)\.?\s*#?\s*[\w-]{1,6})?"
    r"(?:,\s*[A-Z][a-z]+\s+(?:District|County|Province|Borough)(?![A-Za-z]))?"
    # A city after the comma (the pattern ignores case: "the pharmacy" is no city).
    rf"(?:,\s*{_NOT_NAME}[A-Z][A-Za-z]+(?:\s+{_NOT_NAME}[A-Z][A-Za-z]+){{0,2}}(?![\dA-Za-z])"
    # A city with no comma, typed in lower case, counts when a state and ZIP follow it.
    r"|\s+[A-Za-z]+(?:\s+[A-Za-z]+){0,2}(?=,?\s*[A-Za-z]{2}\s+\d{5}(?!\d)))?"
    # A state code: capitals, or any case right before a ZIP ("in" after "Dr" is no state).
    r"(?:,?\s*(?:(?-i:[A-Z]{2})|[A-Za-z]{2}(?=\s+\d{5}))(?![A-Za-z0-9])"
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
# A shop right before the street: its address, not the writer's ("the pharmacy at 250 Main St").
_BUSINESS_AT = re.compile(
    r"(?:pharmacy|drugstore|walgreens|cvs|rite aid|clinic|hospital|urgent care|labcorp|quest)"
    r"\s+(?:at|on)\s+$"
)
# At least one name after the comma (a bare comma is not part of the address).
_CN_D, _CN_C = "(?:Pudong|Puxi|Chaoyang|Haidian|Minhang|Xuhui|Tianhe|Nanshan|Futian)", (
    "(?:Shanghai|Beijing|Guangzhou|Shenzhen|Hangzhou|Chengdu)")
_EN_CN_AREA = rf"(?:,\s*{_CN_D}(?:,?\s*{_CN_C})?|,\s*{_CN_C})?"


# A delivery or residence verb inside the first characters of a match ends the lead-in
# ("快递寄到广州市…": the address starts after 寄到).
_LEAD_VERB = re.compile("寄到|寄至|送到|发到|住在|家住|地址|住址|位于|搬到")
# A landmark before the address proper: "人民医院对面的阳光花园小区…" keeps only the compound
# (the hospital is a landmark, not part of the address).
_LANDMARK_REL = re.compile(r"(?:对面|旁边|隔壁|后面|前面|附近|边上|斜对面|楼上|楼下)的?")


def _trim_lead(text: str, start: int, end: int) -> tuple[int, int]:
    for m in _LEAD_VERB.finditer(text, start, min(end, start + 10)):
        start = m.end()
    for m in _LANDMARK_REL.finditer(text, start, min(end, start + 16)):
        if m.end() < end:
            start = m.end()
    lead = _LEAD.match(text[start:end])
    return (start + lead.end(), end) if lead else (start, end)


# A named residential compound right after a residence cue, no building number:
# "我住在锦绣江南小区", "家住幸福里社区".
_ZH_CUED_COMPOUND = (
    rf"(?:住在|家住|现住|居住在|住址是?|地址是?)[：:\s]?(?P<value>(?:{_ADMIN}){{0,3}}"
    rf"(?!{H}{{0,6}}(?:医院|诊所|卫生|中心))"
    rf"{H}{{2,8}}?{_alt('小区 花园 家园 公寓 新村 苑 大院 家属院 社区 宿舍 山庄 雅居 名苑 嘉园')})"
    r"(?![\u4e00-\u9fff]{0,1}(?:医院|门口|附近))"
)

# A home described by a landmark after a residence cue: "家住人民公园南门对面",
# "住在万达广场旁边的那栋楼". Vague ones ("住在医院附近") are left alone.
_ZH_LANDMARK = (
    r"(?:我家在|家住在?|我们住在?|住在)(?P<value>(?!在|医院|你们|这|那|附近|外地|学校|公司|单位|宾馆|酒店|老家)"
    rf"{H}{{2,10}}?(?:[东南西北]门)?(?:斜对面|对面|旁边|隔壁|后面|后边|边上)"
    rf"(?:的{H}{{0,6}}?(?:小区|楼|院|村|巷|胡同|平房))?)"
)

# Places inside a hospital ("门诊楼3楼302", "内科楼5楼", "协和医院东院3号楼") are not
# somebody's address, unless a home part (street number, compound, unit) is there too.
_HOSPITAL = re.compile(
    "医院|门诊|住院|病房|急诊|医技|诊室|院区|分院|[东西南北]院|康复中心|体检中心|[内外儿]科|病区"
)
_HOME = re.compile(r"家属院|宿舍|小区|单元|[路街巷弄道]\s?\d")


def _not_hospital(value: str) -> bool | None:
    return False if _HOSPITAL.search(value) and not _HOME.search(value) else None


_ZH_CONTEXT = ("地址", "住在", "家住", "住址", "寄到", "送到", "现住", "居住")

RULES = [
    PatternRule(
        "ADDRESS",
        re.compile(_ZH),
        0.8,
        "zh_street",
        anchor_window=(56, 48),
        trim=_trim_lead,
        validator=_not_hospital,
        anchor=re.compile(
            r"[\d一二三四五六七八九十两][号栋幢座单元楼层室户门排组区弄巷]|[区园寓厦苑庭村场心府城湾舍楼院]\s?\d"
        ),
        context=_ZH_CONTEXT,
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_ZH_BUILDING),
        0.75,
        "zh_building",
        anchor_window=(24, 16),
        context=_ZH_CONTEXT,
        anchor=re.compile("单元|门"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_ZH_CUED_COMPOUND),
        0.75,
        "zh_cued_compound",
        validator=_not_hospital,
        group="value",
        anchor=re.compile("住在|家住|现住|居住|住址|地址"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_ZH_LANDMARK),
        0.7,
        "zh_landmark",
        group="value",
        anchor=re.compile("对面|旁边|隔壁|后面|后边|边上"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_ZH_RURAL),
        0.75,
        "zh_rural",
        anchor_window=(56, 24),
        trim=_trim_lead,
        context=_ZH_CONTEXT,
        anchor=re.compile("[村屯寨镇乡]"),
    ),
    PatternRule(
        "ADDRESS",
        re.compile(_ZH_BARE_STREET),
        0.7,
        "zh_bare_street",
        trim=_trim_lead,
        anchor=re.compile("[市州][\u4e00-\u9fff]{1,4}[区县]"),
        context=_ZH_CONTEXT,
    ),
    PatternRule(
        "ADDRESS",
        # Speed: a unit word's, "No"'s or a house number's first character opens every match.
        re.compile(r"(?=[RrAaUuSsFfNn\d])" + _EN + _EN_CN_AREA, re.IGNORECASE),
        0.8,
        "en_street",
        anchor_window=(48, 160),
        veto_regex=_BUSINESS_AT,
        anchor=re.compile(
            r"\d[a-z]?\s+(?:\S+\s+){1,4}?" + _SUFFIX.replace(r"(?!\.?\s+(?-i:[A-Z][a-z]))", "").lower()
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
]
