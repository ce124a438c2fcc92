"""ADDRESS, Chinese shapes: street level only (a city or hospital named alone is not one).

Optional administrative parts (省/市/区/县…), then a street with a number or a residential
compound with a building/unit/room. English and street-type-first shapes are in address_en.py.
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
# Lanes chain in Taiwan ("100巷5弄12號"); "附1号" is an annex number.
_STREET_NO = (
    rf"{_NUM}(?:号院|号(?!楼\s?{_NUM})|栋|(?:弄|巷)(?:{_NUM}(?:弄|巷))?(?:{_NUM}号(?![楼院]))?)(?:\s?附{_NUM}号)?"
)
_COMPOUND = r"[\u4e00-\u9fffA-Za-z]{2,10}?" + _alt(
    "小区 花园 家园 公寓 大厦 苑 庭 新村 广场 中心 府 城 湾 园 宿舍 楼 院 社区 大院 家属院 宿舍楼 新区"
)
_UNIT = (
    # "第5座", "12号宿舍楼", "301房"; a side of a compound ("东区"); a lettered flat ("B室",
    # "10樓D") or Taiwan's "7樓之3".
    rf"\s?(?:第?{_NUM}(?:号楼|号宿舍楼|号院|栋|幢|座|单元|楼|层|室|号|户|门|排|组|区|期|房)"
    rf"|[东南西北]{_NUM}区|[东南西北中]区|[A-Za-z](?:座|栋|幢|区|室)|(?<=[楼层])[A-Za-z](?![A-Za-z])"
    rf"|(?<=[楼号])之{_NUM}|{_NUM}-{_NUM}(?:-{_NUM})?"
    rf"|\d{{3,4}}(?![\d年月日岁]))"
)
_ZH = (
    rf"(?=[\u4e00-\u9fffA-Za-z])(?:{_ADMIN}\s?){{0,4}}"
    # A street (or a "里" neighbourhood) then a number, or then two units ("复兴里3号楼202").
    rf"(?:{_STREET}\s?(?:{_STREET_NO}(?:\s?{_COMPOUND}|\s?{H}{{2,6}}?(?={_UNIT}))?(?:{_UNIT})*"
    rf"|(?:{_UNIT}){{2,}})"
    # A numbered dormitory or yard in a side of a campus: "北区12号宿舍楼305" (a hospital's
    # "东区3号楼2楼" is no home).
    rf"|[东南西北中]区{_NUM}号?(?:宿舍楼|宿舍|公寓|院)(?:{_UNIT})+"
    rf"|{_COMPOUND}(?:{_UNIT})+"
    # After a district, any building name with a unit: "龙溪街道金港国际3栋".
    rf"|(?<=[区县镇道])(?!{H}{{0,3}}(?:医院|诊所))[\u4e00-\u9fffA-Za-z]{{2,6}}?(?={_UNIT})(?:{_UNIT})+)"
)
# Building + unit with no compound name: "3号楼2单元401" (one unit alone, "住院部3楼", is not).
_ZH_BUILDING = rf"(?<![\d一二三四五六七八九十])(?:{_NUM}(?:号楼|栋|幢|座)\s?{_NUM}(?:单元|门)(?:\s?\d{{3,4}}(?![\d年月日岁])|\s?{_NUM}室)?)"
# Rural and town-level addresses: "…县汲水镇王庄村三组", "四川省南充市仪陇县马鞍镇".
_GROUP = rf"(?:{_NUM}(?:组|队|社|号))"
_ZH_RURAL = (
    rf"(?:{_ADMIN}){{0,5}}?{H}{{1,4}}?(?:村|屯|寨|农场|林场|牧场)(?:{_GROUP}){{1,2}}"
    rf"|(?:{_ADMIN}){{2,5}}{H}{{1,4}}?(?:镇|乡|村)(?![\u4e00-\u9fff]{{0,2}}(?:医院|卫生院|中心|政府))"
)
# A street with no house number, after at least a city and a district: "杭州市西湖区文三路".
_ZH_BARE_STREET = rf"{H}{{1,4}}?(?:市|州){H}{{1,4}}?(?:区|县)\s?{H}{{1,8}}?(?:大街|大道|路|街|胡同)(?![\u4e00-\u9fff]?(?:口|上|边|旁|附近|医院))"

# Words that precede an address but are not part of it ("我住在", "家住", "地址是").
_LEAD = re.compile(r"^(?:[我你他她它们咱家住在于是为到的寄送搬现目前地址:：,，\s]|居住|位于|现居)+")


# A delivery or residence verb inside the first characters of a match ends the lead-in
# ("快递寄到广州市…": the address starts after 寄到).
_LEAD_VERB = re.compile("[寄送发][\u4e00-\u9fff]?到|寄至|住在|家住|地址|住址|位于|搬到")
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
        anchor=re.compile("[村屯寨镇乡场]"),
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
]
