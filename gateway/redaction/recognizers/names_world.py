"""PERSON forms the Han-surname rules can't see.

- Transliterated names joined by a middle dot ("阿依古丽·买买提", "买买提·艾力"): Uyghur,
  Kazakh and foreign names in Chinese have no surname from the list, but the dot itself is
  the evidence — Chinese words are not written that way.
- Korean names in Hangul inside Chinese or English text ("김민수"): three syllables, the
  first a common surname. In a Korean-language message that shape is an ordinary word, so
  Hangul-heavy text is left alone.
- A name in a form field ("联系人：扎西顿珠", "收件人：吴老三", "病人：李 娟"): the label says
  a person follows, so no surname list is needed; kin words and "本人/不详" are not names.
- A name with its role in brackets ("张伟(主治医师)").
"""

from __future__ import annotations

import re

from gateway.redaction.base import Entity
from gateway.redaction.recognizers.names_zh import _surname
from gateway.redaction.recognizers.names_zh_data import ROLES_BEFORE

H = "\u4e00-\u9fff"
# Characters that end the Han run before a dotted name ("妈妈叫热依拉·阿不都").
_LEFT_STOP = "叫是为的和与跟我你他她者属人：:，,。\\s"
_DOTTED = re.compile(
    rf"(?P<name>[^{_LEFT_STOP}\W\d_A-Za-z]{{1,6}}[·•・‧][{H}]{{1,6}}(?:[·•・‧][{H}]{{1,6}})?)"
)
# Words that follow a dotted name and are not part of it.
_RIGHT_CUT = re.compile("今天|昨天|明天|现在|最近|今年|女士|先生|[的说在是和跟]")
_NOT_DOTTED = re.compile("综合征|病|症|氏|主义|定律|效应")

_HANGUL_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민나진지엄채원천"
    "방공현함변염추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용"
)
_HANGUL = re.compile(rf"(?<![가-힣])[{_HANGUL_SURNAMES}][가-힣]{{2}}(?![가-힣])")
_ANY_HANGUL = re.compile("[가-힣]")
_HANGUL_TEXT = 24  # more Hangul than this: a Korean message, not a name in a foreign one

_FIELD = re.compile(
    r"(?:紧急联系人|联系人|家属|患者|病人|收件人|收货人|户名|开户人|姓名|病人姓名|患者姓名)"
    r"[ ]?[：:][ \t　]*"
    r"(?:(?:母亲|父亲|儿子|女儿|丈夫|妻子|爱人|老公|老婆|妈妈|爸爸)[ \t　]*)?"
    rf"(?P<name>[{H}](?:[ 　]?[{H}]){{1,3}})(?=[\s，,。；;|｜（(/、\d]|$)"
)
_NOT_FIELD_NAME = frozenset(
    "本人 不详 同上 未知 暂无 男性 女性 男孩 女孩 家属 患者 病人 儿童 老人 孕妇 婴儿 新生儿".split()
)
_ROLES = "|".join(sorted((*ROLES_BEFORE, "住院医师", "主治医师"), key=len, reverse=True))
# Speed: the bracketed role is found first (a literal scan), the name only then, backwards.
_BRACKET_ROLE = re.compile(rf"[（(](?:{_ROLES})[)）]")
_NAME_BEFORE = re.compile(rf"(?:{_surname})[{H}]{{1,2}}")


def _name(m: re.Match[str], text: str, score: float) -> Entity:
    start, end = m.span("name")
    return Entity("PERSON", start, end, text[start:end], score)


def _dotted(folded: str, text: str, found: list[Entity]) -> None:
    for m in _DOTTED.finditer(folded):
        start, end = m.span("name")
        right = folded.rfind("·", start, end)
        right = max(right, *(folded.rfind(d, start, end) for d in "•・‧"))
        cut = _RIGHT_CUT.search(folded, right + 1, end)
        if cut is not None:
            end = cut.start()
        value = folded[start:end]
        if end - right < 2 or _NOT_DOTTED.search(value):
            continue
        found.append(Entity("PERSON", start, end, text[start:end], 0.85))


def _bracketed(folded: str, text: str, end: int, found: list[Entity]) -> None:
    """The longest surname-led name of two to three characters that ends at ``end`` and
    starts a Han run ("、刘洋(住院医师)", not "说刘洋" read as "说刘洋")."""
    for start in range(max(0, end - 3), end - 1):
        if start > 0 and "\u4e00" <= folded[start - 1] <= "\u9fff":
            continue
        if _NAME_BEFORE.fullmatch(folded, start, end):
            found.append(Entity("PERSON", start, end, text[start:end], 0.85))
            return


class WorldNameRecognizer:
    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []
        if folded.isascii():
            return found
        if any(d in folded for d in "·•・‧"):
            _dotted(folded, text, found)
        hangul = list(_HANGUL.finditer(folded)) if _ANY_HANGUL.search(folded) else []
        if hangul and sum("가" <= ch <= "힣" for ch in folded) <= _HANGUL_TEXT:
            found.extend(Entity("PERSON", m.start(), m.end(), m.group(), 0.8) for m in hangul)
        for m in _FIELD.finditer(folded):
            name = m.group("name")
            if name.replace(" ", "").replace("　", "") in _NOT_FIELD_NAME:
                continue
            found.append(_name(m, text, 0.8))
        for m in _BRACKET_ROLE.finditer(folded) if "(" in folded or "（" in folded else ():
            _bracketed(folded, text, m.start(), found)
        return found
