"""More PERSON forms in Chinese text, each with its own structural evidence.

- a two-character name opening a clause, followed by a time word or a reporting verb
  ("陆阳明天出差", "李娜昨天做的胃镜", "宋佳说");
- "姓马，马文斌": the surname is stated, then the full name starting with it;
- a name followed by a parenthetical relation ("郭美玲（我表姐）");
- a name in parentheses after a relation ("我妈（刘桂英）");
- a chat speaker label ("张桂芳：今天血压…", "[微信转发] 王强: …");
- a full name right after a name-introducing noun (中文名, 真名, 本名);
- a role before the name ("护士长刘芳"), or the person's number after it ("赵子涵 3201…",
  "李娜电话1358…");
- a rare compound surname opening a clause ("上官婉儿的体检报告");
- a three-character name with 小 as its first given character at a clause start
  ("秦小红和我是同一天做的手术").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gateway.redaction.base import Entity
from gateway.redaction.recognizers.names_zh import (
    _given_name,
    _is_stop_word,
    _plausible_given,
    _surname,
    _surname_len,
)
from gateway.redaction.recognizers.names_zh_data import (
    AMBIGUOUS_CHARS,
    DOUBLED_WORDS,
    FAMILIAR_EXCLUDE,
    GIVEN_CHARS,
    GIVEN_STOP_WORDS,
    NAME_FOLLOW,
    NUMBER_AFTER,
    PAREN_RELATIONS,
    ROLES_BEFORE,
    SHORT_NAME_FOLLOW,
    STRONG_SURNAMES_2,
)

H = r"[\u4e00-\u9fff]"
# Clause start: the text start or a boundary character. Patterns begin with the boundary
# character class (consumed; "^" is handled by matching at 0) so the scan skips fast.
_BOUNDARY = r"[，,。.！!？?；;：:\s\]】）)（(]"
_follow_alt = "|".join(sorted(SHORT_NAME_FOLLOW, key=len, reverse=True))
# Two characters only: surname + one given-name character, then a time word or a verb.
_SHORT = re.compile(rf"(?P<name>(?:{_surname}){H})(?=(?:{_follow_alt}))")
# A person verb, then surname + one given character, then the person's action:
# "让孙浩带我去", "跟李强说".
_VERB_SHORT = re.compile(
    rf"(?:让|叫|请|找|跟|和|陪|等|问|告诉|麻烦|通知|谢谢)(?P<name>(?:{_surname}){H})"
    r"(?=[带陪送帮给跟和叫说来去到打拿也都再先])"
)
_STATED_SURNAME = re.compile(
    rf"姓(?P<s>{_surname})[，,、\s]*(?:叫)?(?P<name>(?P=s){H}{{1,2}})(?![\u4e00-\u9fff])"
)
_rel_alt = "|".join(sorted(PAREN_RELATIONS, key=len, reverse=True))
_PAREN_REL = re.compile(
    rf"(?P<name>(?:{_surname}){H}{{1,2}})\s*[（(]\s*(?:是)?(?:我|我的|患者|病人)?(?:{_rel_alt})"
)
# A name defined as the writer's kin: "张伟是我老公", "王芳是我的同事".
_IS_MY = re.compile(rf"(?P<name>(?:{_surname}){H}{{1,2}}?)(?=是我的?(?:{_rel_alt}))")
# The name in parentheses after a relation: "我妈（刘桂英）", "患者(王建国)".
_REL_PAREN = re.compile(
    rf"(?:{_rel_alt}|患者|病人|本人)\s*[（(]\s*(?P<name>(?:{_surname}){H}{{1,2}})\s*[）)]"
)
_SPEAKER_LABEL = re.compile(
    rf"(?:^|(?<=[\n\]】]))\s*(?P<name>(?:{_surname}){H}{{1,2}})\s*[：:](?!\d)"
)
_NAME_NOUN = re.compile(
    rf"(?:中文名字?|真名|本名|原名|全名|大名|曾用名)(?:是|叫|为|[：:\s])*(?P<name>(?:{_surname}){H}{{1,2}})"
)
_XIAO_NAME = re.compile(rf"(?P<name>(?:{_surname})小{H})(?=[{re.escape(NAME_FOLLOW)}])")
_CLAUSE_START = re.compile(rf"{_BOUNDARY}+")
_OF_IS = re.compile("[的是]")
# A rare compound surname is evidence by itself at a clause start: "上官婉儿的体检报告".
_COMPOUND = re.compile(
    rf"(?P<name>(?:{'|'.join(STRONG_SURNAMES_2)})(?P<given>{H}{{1,2}}?))"
    rf"(?=[{re.escape(NAME_FOLLOW)}]|[^\u4e00-\u9fff]|$)"
)

# A nickname opening a clause: "婷婷今天拉肚子", "小美的妈妈电话…", "阿芳说". The follower (a
# time word, reporting verb, symptom or "的"+kin) is the evidence.
_kin_after = "|".join(sorted(PAREN_RELATIONS, key=len, reverse=True))
_NICK_FOLLOW = (
    f"{_follow_alt}|的(?:{_kin_after})|拉肚子|肚子疼|头疼|吐了|哭|感冒|过敏|不舒服|最近|一直|又"
)
_NICK_START = re.compile(rf"(?P<name>小{H}|({H})\2)(?=(?:{_NICK_FOLLOW}))")
# Two full names joined by 、/和: each vouches for the other ("胡建平、胡建军兄弟俩").
_PAIR = re.compile(
    rf"(?=(?P<a>(?:{_surname}){H}{{1,2}}?)[、和与及跟](?P<b>(?:{_surname}){H}{{1,2}}))"
)

_JOINER = re.compile("[、和与及跟]")

_role_alt = "|".join(sorted(ROLES_BEFORE, key=len, reverse=True))
_ROLE_NAME = re.compile(rf"(?:{_role_alt})(?P<name>(?:{_surname}){H}{{1,2}})")
_ROLE_HINT = re.compile("[" + "".join(sorted({r[0] for r in ROLES_BEFORE})) + "]")
_num_alt = "|".join(sorted(NUMBER_AFTER, key=len, reverse=True))
# A name directly before its number, or before a word introducing it: "赵子涵 3201…",
# "李娜电话1358…".
_NAME_NUMBER = re.compile(
    rf"(?P<name>(?:{_surname}){H}{{1,2}}?)"
    rf"(?=\s*(?:的)?(?:{_num_alt})?\s*[:：]?\s*\+?\d[\d\s-]{{6,}})"
)

_AMBIGUOUS = frozenset(AMBIGUOUS_CHARS)
_HAN = re.compile(H)
_DIGIT = re.compile(r"\d")


def _short_ok(folded: str, start: int, end: int) -> bool:
    given = folded[end - 1]
    return (
        folded[start] not in _AMBIGUOUS
        and given in GIVEN_CHARS
        and folded[start:end] not in GIVEN_STOP_WORDS
    )


def _nickname_ok(name: str) -> bool:
    return (
        name[-1] in GIVEN_CHARS
        and name not in DOUBLED_WORDS
        and name not in FAMILIAR_EXCLUDE
        and name not in GIVEN_STOP_WORDS
    )


class ChineseNameFormsRecognizer:
    entity = "PERSON"

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        if _HAN.search(folded) is None:
            return found

        def add(start: int, end: int, score: float) -> None:
            if end - start >= 2 and not _is_stop_word(folded, start, end):
                found.append(Entity("PERSON", start, end, text[start:end], score))

        starts = [0] + [m.end() for m in _CLAUSE_START.finditer(folded)]
        xiao = "小" in folded
        for pos in starts:
            if (m := _SHORT.match(folded, pos)) is not None:
                start, end = m.span("name")
                if _short_ok(folded, start, end):
                    add(start, end, 0.7)
            if (m := _NICK_START.match(folded, pos)) is not None and _nickname_ok(m.group("name")):
                add(*m.span("name"), 0.7)
            if xiao and (m := _XIAO_NAME.match(folded, pos)) is not None:
                start, end = m.span("name")
                if folded[end - 1] in GIVEN_CHARS and folded[start] not in _AMBIGUOUS:
                    add(start, end, 0.7)
        # A rare compound surname also names someone after 的/是: "医生是儿科的欧阳小雪".
        for pos in starts + [m.end() for m in _OF_IS.finditer(folded)]:
            m = _COMPOUND.match(folded, pos)
            if m is not None and all(ch in GIVEN_CHARS or ch in "儿小" for ch in m.group("given")):
                add(*m.span("name"), 0.75)
        for m in _VERB_SHORT.finditer(folded):
            start, end = m.span("name")
            if _short_ok(folded, start, end):
                add(start, end, 0.7)
        # Speed: the pair pattern is only tried just before a joining character.
        for j in _JOINER.finditer(folded) if any(c in folded for c in "、和与及跟") else ():
            for pos in range(max(0, j.start() - 4), j.start() - 1):
                if (m := _PAIR.match(folded, pos)) is not None and m.end("a") == j.start():
                    self._pair(folded, m, add)
                    break
        for m in _IS_MY.finditer(folded) if "是我" in folded else ():
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end == m.end("name") and _plausible_given(folded, start, end):
                add(start, end, 0.75)
        for m in _STATED_SURNAME.finditer(folded) if "姓" in folded else ():
            add(*m.span("name"), 0.8)
        for m in _PAREN_REL.finditer(folded) if ("（" in folded or "(" in folded) else ():
            start, end = m.span("name")
            if folded[start] not in _AMBIGUOUS:
                add(start, end, 0.75)
        for m in _REL_PAREN.finditer(folded) if ("（" in folded or "(" in folded) else ():
            add(*m.span("name"), 0.75)
        for m in _SPEAKER_LABEL.finditer(folded) if ("：" in folded or ":" in folded) else ():
            start, end = m.span("name")
            if _plausible_given(folded, start, end):
                add(start, end, 0.7)
        for m in _NAME_NOUN.finditer(folded) if "名" in folded else ():
            start = m.start("name")
            add(start, _given_name(folded, start, _surname_len(folded, start)), 0.8)
        for m in _ROLE_NAME.finditer(folded) if _ROLE_HINT.search(folded) else ():
            # The role is the evidence: keep the given-name characters that are common ones.
            start = m.start("name")
            end = given_start = start + _surname_len(folded, start)
            while end < min(len(folded), given_start + 2) and folded[end] in GIVEN_CHARS:
                end += 1
            if end > given_start and _plausible_given(folded, start, end):
                add(start, end, 0.75)
        for pos in starts if _DIGIT.search(folded) else ():
            if (m := _NAME_NUMBER.match(folded, pos)) is not None:
                start, end = m.span("name")
                if _plausible_given(folded, start, end):
                    add(start, end, 0.75)
        return found

    @staticmethod
    def _pair(folded: str, m: re.Match[str], add: Callable[[int, int, float], None]) -> None:
        spans = []
        for group in ("a", "b"):
            start = m.start(group)
            end = _given_name(folded, start, _surname_len(folded, start))
            if end - start < 2 or not _plausible_given(folded, start, end):
                return
            spans.append((start, end))
        (a0, a1), (b0, b1) = spans
        # The first name must reach the joining character; one of the two must be a full
        # three-character name (two short words joined by 和 are usually not names).
        if a1 == m.end("a") and max(a1 - a0, b1 - b0) >= 3:
            add(a0, a1, 0.7)
            add(b0, b1, 0.7)
