"""PERSON in Chinese text: surname list + cue phrases + titles + 老/小/某 forms.

A Han-character run is a name only with evidence: a cue before it (我叫, 患者, 我妈…), a
title after it (医生, 护士, 阿姨…), the 老王/小李/李某某 forms, a "name, sex, age" header, a
person verb before a plausible full name (跟刘芳说), or a clause-initial full name of common
given-name characters followed by a verb (王建国明天来). Word lists live in names_zh_data.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gateway.redaction.base import Entity
from gateway.redaction.gated import finditer_from_starts
from gateway.redaction.patterns import lower_ascii
from gateway.redaction.recognizers.names_zh_data import (
    AH_EXCLUDE,
    AMBIGUOUS_CHARS,
    CUES,
    DOUBLED_WORDS,
    FAMILIAR,
    FAMILIAR_EXCLUDE,
    GIVEN_CHARS,
    GIVEN_STOP_CHARS,
    GIVEN_STOP_WORDS,
    KIN_GIVEN_CUES,
    NAME_FOLLOW,
    PERSON_VERBS,
    STOP_WORDS,
    STRICT_PERSON_VERBS,
    SURNAMES_1,
    SURNAMES_2,
    TITLES,
    WEAK_CUES,
)

AMBIGUOUS = frozenset(AMBIGUOUS_CHARS)
_GIVEN_STOP = frozenset(GIVEN_STOP_CHARS)
_AH_EXCLUDE = AH_EXCLUDE
_FAMILIAR_EXCLUDE = FAMILIAR_EXCLUDE

H = r"[\u4e00-\u9fff]"
_surname = "|".join(sorted(SURNAMES_2, key=len, reverse=True)) + f"|[{SURNAMES_1}]"
_title_alt = "|".join(sorted(TITLES, key=len, reverse=True))
_TITLE_SET = frozenset(TITLES)
# A lookahead so matches may overlap: "谢谢罗老师" must still try "罗老师" after "谢罗老师".
_TITLED = re.compile(rf"(?=(?P<name>(?:{_surname}){H}{{0,2}}?)(?P<title>{_title_alt}))")
_FAMILIAR_RE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:老|小)[{FAMILIAR}](?![\u4e00-\u9fff])"
    rf"|(?:老|小)[{FAMILIAR}](?=[，,。！？!?、\s说讲让叫帮给和跟也都在是推介绍告问一今昨明来去要会"
    r"最还又刚总已就得吃发咳吐拉]|$)"
    rf"|(?<=[事友学居哥姐弟妹家])(?:老|小)[{FAMILIAR}]"
)
_FAMILIAR_MORE = re.compile(
    rf"(?:^|(?<=[，,。！？!?\s：:]))(?:老|小)[{FAMILIAR}](?:头)?(?=[\u4e00-\u9fff])"
    rf"|(?:老|小)[{FAMILIAR}](?=(?:{_title_alt}))|老[{FAMILIAR}]头"
)
_AH = re.compile(
    r"(?<![\u4e00-\u9fff])阿[\u4e00-\u9fff](?=[的说是也在和跟，,\s今昨明来去要会又刚在他她吃喝吐拉发咳最还]|$)"
)
_EN_RELATION = re.compile(
    rf"\b(?:mom|mum|mother|dad|father|wife|husband|son|daughter|grandma|"
    rf"grandpa|grandmother|grandfather|aunt|uncle|brother|sister|friend|neighbou?r)\s*"
    rf"(?P<name>(?:{_surname}){H}{{1,2}})",
    re.IGNORECASE,
)
_EN_RELATION_HINT = re.compile(
    "mom|mum|mother|dad|father|wife|husband|son|daughter|grand|aunt|uncle|brother|sister|friend"
    "|neighbo"
)
_MOU = re.compile(rf"(?:{_surname})某某?")
_HEADER = re.compile(
    rf"(?:^|[\n，,。；;：:\s])(?P<name>(?:{_surname}){H}{{1,2}})"
    r"(?=[，,、\s]*(?:男|女|\d{1,3}岁))"
    r"(?=[，,、\s]*(?:男|女|\d{1,3}岁))"
    rf"|^(?P<lead>(?:{_surname}){H}{{1,2}})(?=[，,、\s]+\d)"
)
_KIN = tuple(c for c in KIN_GIVEN_CUES if not c.startswith("叫"))
_cue_alt = "|".join(sorted(CUES + _KIN, key=len, reverse=True))
_CUED = re.compile(rf"(?P<cue>{_cue_alt})[：:\s,，是叫]{{0,2}}(?P<name>(?:{_surname}){H}{{1,2}})")
_RELATION_AFTER = re.compile(
    rf"(?P<name>(?:{_surname}){H}{{1,2}}?)(?=(?:'s|’s|的(?:女儿|儿子|妈妈|爸爸|母亲|父亲|家属|老公|老婆"
    rf"|丈夫|妻子|爱人|爷爷|奶奶|外婆|外公|孩子|姐姐|妹妹|哥哥|弟弟)))"
)
_SPEAKER = re.compile(
    rf"(?P<name>(?:{_surname}){H}{{1,2}}?)(?=(?:说|讲|让我|告诉|建议|叮嘱|交代|开的|给我开|帮我|问我|打电话|回电话))"
)
_NICK_AFTER_CUE = re.compile(
    rf"(?P<cue>{_cue_alt})[：:\s,，是叫]{{0,2}}(?P<name>阿{H}|小{H}|({H})\3)"
    # "孙子浩浩三岁半", "女儿小红最近": an age, a time word or a symptom ends the nickname.
    r"(?=[^\u4e00-\u9fff]|$|[发烧咳疼痛头吐拉的说也在是和跟今昨明就一二三四五六七八九十两几半最还又刚总已得吃喝哭睡])"
)
_follow = re.escape(NAME_FOLLOW)
_verb_alt = "|".join(sorted(PERSON_VERBS, key=len, reverse=True))
# "跟刘芳说", "陪王丽去": a person verb, then surname + given-name characters.
_VERB_NAME = re.compile(rf"(?=(?:{_verb_alt})(?:一下)?(?P<name>(?:{_surname}){H}{{1,2}}))")
_STRICT_VERB_NAME = re.compile(
    rf"(?:{'|'.join(STRICT_PERSON_VERBS)})(?P<name>(?:{_surname}){H}{{2}})(?=[{_follow}]|$)"
)
# "王建国明天来陪我": a clause-initial three-character name followed by a verb or time word.
_BARE = re.compile(
    rf"(?:^|(?<=[，,。.！!？?；;：:\s])|(?<=昨天|今天|明天|前天|后天|刚才|早上|晚上|上午|下午|中午|刚刚))"
    rf"(?P<name>(?:{_surname}){H}{{2}})(?=[{_follow}]|$)"
)
# "堂哥建军明天", "叫她晓红就行": kin term or 叫她, then a bare given name.
_KIN_GIVEN = re.compile(
    rf"(?:{'|'.join(KIN_GIVEN_CUES)})(?P<name>{H}{{2}})(?=[{_follow}]|[^\u4e00-\u9fff]|$)"
)
# A name closing the message, also signed with a dash: "…\n——李建华".
_TRAILING = re.compile(rf"[\s，,—~\-](?P<name>(?:{_surname}){H}{{1,2}})\s*[。.!！]?\s*$")


def _given_name(text: str, start: int, surname_len: int, max_given: int = 2) -> int:
    """End of a name starting at ``start``: surname plus up to two given-name characters."""
    end = start + surname_len
    # "陈一鸣": 一 is a stop character but also a common first given-name character.
    if text[end : end + 1] == "一" and text[end + 1 : end + 2] in GIVEN_CHARS:
        return end + 2
    for _ in range(max_given):
        if end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in _GIVEN_STOP:
            end += 1
        else:
            break
    return end


def _surname_len(text: str, start: int) -> int:
    return 2 if text[start : start + 2] in SURNAMES_2 else 1


_HAN = re.compile(H)
_STOP_RE = re.compile("|".join(sorted(STOP_WORDS, key=len, reverse=True)))


def _is_stop_word(text: str, start: int, end: int) -> bool:
    """A stop word lying in text[start - 1 : end + 3] overlaps the candidate span."""
    pos, limit = max(0, start - 1), min(len(text), end + 3)
    while (m := _STOP_RE.search(text, pos, limit)) is not None:
        if m.start() < end and m.end() > start:
            return True
        pos = m.start() + 1
    return False


def _plausible_given(text: str, start: int, end: int) -> bool:
    """Every given-name character is a common one and the pair is not an ordinary word."""
    given = text[start + _surname_len(text, start) : end]
    return (
        bool(given)
        and all(ch in GIVEN_CHARS for ch in given)
        and given not in GIVEN_STOP_WORDS
        and text[start] not in AMBIGUOUS
    )


class ChineseNameRecognizer:
    entity = "PERSON"

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        if _HAN.search(folded) is None:
            return found

        def add(start: int, end: int, score: float) -> None:
            if end - start >= 1 and not _is_stop_word(folded, start, end):
                found.append(Entity("PERSON", start, end, text[start:end], score))

        for m in _TITLED.finditer(folded):
            name_start = m.start("name")
            sl = _surname_len(folded, name_start)
            given = m.end("name") - name_start - sl
            title = m.group("title")
            if any(ch in _GIVEN_STOP for ch in folded[name_start + sl : m.end("name")]):
                continue
            if folded[max(0, name_start - 1) : name_start + 1] in _TITLE_SET:
                continue  # "主任医师": 任 ends the title 主任, it is no surname here
            if given == 0 and folded[name_start] in AMBIGUOUS:
                continue
            # "张医生" is a name form by itself; short relational titles (姐, 哥) need a full name.
            if given == 0 and len(title) == 1:
                continue
            if given == 0 and folded[name_start : name_start + 2] in _FAMILIAR_EXCLUDE:
                continue
            if given == 0:
                # "小李护士": keep the 小/老 so the name is not split.
                lead = 1 if name_start and folded[name_start - 1] in "小老" else 0
                add(name_start - lead, m.end("title"), 0.85)
            else:
                add(name_start, m.end("name"), 0.85)
        # Speed: skip scans whose key character does not occur at all.
        familiar = "老" in folded or "小" in folded
        for m in _FAMILIAR_RE.finditer(folded) if familiar else ():
            if folded[m.start() : m.start() + 2] not in _FAMILIAR_EXCLUDE:
                add(m.start(), m.end(), 0.75)
        for m in _MOU.finditer(folded) if "某" in folded else ():
            add(m.start(), m.end(), 0.9)
        for m in _FAMILIAR_MORE.finditer(folded) if familiar else ():
            if folded[m.start() : m.start() + 2] not in _FAMILIAR_EXCLUDE:
                add(m.start(), m.end(), 0.75)
        for m in _AH.finditer(folded) if "阿" in folded else ():
            if m.group() not in _AH_EXCLUDE:
                add(m.start(), m.end(), 0.7)
        lowered = lower_ascii(folded)
        latin_relation = _EN_RELATION_HINT.search(lowered) is not None
        # Every match starts where the hint does (speed: the match is only tried there).
        relations = finditer_from_starts(_EN_RELATION, _EN_RELATION_HINT, folded, lowered)
        for m in relations if latin_relation else ():
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end - start >= 2:
                add(start, end, 0.8)
        header = any(ch in folded for ch in "男女岁")
        for m in _HEADER.finditer(folded) if header else filter(None, [_HEADER.match(folded)]):
            start = m.start("name") if m.group("name") else m.start("lead")
            add(start, _given_name(folded, start, _surname_len(folded, start)), 0.85)
        for m in _CUED.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            weak = m.group("cue") in WEAK_CUES
            if end - start < 2:
                continue
            if weak:
                continue  # handled by the titled form ("找张医生") to keep precision
            add(start, end, 0.8)
        for m in _RELATION_AFTER.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end - start >= 2 and end == m.end("name"):
                add(start, end, 0.75)
        for m in _NICK_AFTER_CUE.finditer(folded):
            name = m.group("name")
            if (
                m.group("cue") not in WEAK_CUES
                and name not in _FAMILIAR_EXCLUDE
                and name not in DOUBLED_WORDS
                # "收件人小周": after 小/老 a surname is the nickname, even one that ends names.
                and (name[-1] not in _GIVEN_STOP or (name[0] in "小老" and name[1] in FAMILIAR))
            ):
                add(m.start("name"), m.end("name"), 0.75)
        for m in _SPEAKER.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end == m.end("name") and end - start >= 2 and folded[start] not in AMBIGUOUS:
                add(start, end, 0.7)
        for m in _TRAILING.finditer(folded, max(0, len(folded.rstrip()) - 8)):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end == m.end("name") and folded[start] not in AMBIGUOUS:
                add(start, end, 0.7)
        self._weak_evidence(folded, add)
        return found

    @staticmethod
    def _weak_evidence(folded: str, add: Callable[[int, int, float], None]) -> None:
        """Names with no cue word: a person verb, a clause start or a kin term before them."""
        for m in _VERB_NAME.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            nxt = folded[end : end + 1]
            if end - start >= 2 and _plausible_given(folded, start, end) and (
                not nxt or nxt in NAME_FOLLOW or not "\u4e00" <= nxt <= "\u9fff"
            ):
                add(start, end, 0.7)
        for m in _STRICT_VERB_NAME.finditer(folded):
            start, end = m.span("name")
            if _plausible_given(folded, start, end):
                add(start, end, 0.7)
        for m in _BARE.finditer(folded):
            start, end = m.span("name")
            if _plausible_given(folded, start, end):
                add(start, end, 0.7)
        for m in _KIN_GIVEN.finditer(folded):
            start, end = m.span("name")
            name = m.group("name")
            if all(ch in GIVEN_CHARS for ch in name) and name not in GIVEN_STOP_WORDS:
                add(start, end, 0.7)
