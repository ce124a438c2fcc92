"""PERSON forms defined by a relation to the writer: "Bill was my husband", "me and tony",
"我老婆Lily", "跟kevin说", "Grace 是我女儿"."""

from __future__ import annotations

import re
from collections.abc import Callable

from gateway.redaction.recognizers.names_en_data import (
    AMBIGUOUS,
    FIRST_NAMES,
    NOT_SURNAME,
    PINYIN_SURNAMES,
    RELATIONS,
)
from gateway.redaction.recognizers.names_en_span import name_run_start, name_tokens

KNOWN = FIRST_NAMES | AMBIGUOUS
_WORD = r"[A-Za-z][A-Za-z'\u00c0-\u024f-]*"
_rel = "|".join(sorted((re.escape(r) for r in RELATIONS), key=len, reverse=True))
_PINYIN_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan"
    r"|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)"
)
PINYIN = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,3}}", re.IGNORECASE)

# "Bill was my husband", "April is my daughter": a word defined as a relation.
_IS_RELATION = re.compile(
    rf"(?<![A-Za-z'])(?P<name>{_WORD})\s+(?:is|was|'s)\s+(?:my|our)\s+(?:(?:late|ex|older"
    rf"|younger|little|big|best)[- ]?)?(?:{_rel})\b",
    re.IGNORECASE,
)
# "grace and i will come", "me and tony": a known given name paired with the writer.
_WITH_ME = re.compile(
    rf"(?:^|(?<=[.!?,;]\s)|(?<=[.!?,;]))(?P<a>{_WORD})\s+(?:and|&)\s+(?:i|me)\b"
    rf"|\bme\s+(?:and|&)\s+(?P<b>{_WORD})",
    re.IGNORECASE,
)
# A Latin-script name after a Chinese kin term or person verb: "我老婆Lily", "跟kevin说".
_ZH_KIN = (
    "老婆|老公|先生|太太|妻子|丈夫|爱人|儿子|女儿|妈妈|爸爸|我妈|我爸|哥哥|姐姐|弟弟|妹妹|朋友|同事"
    "|阿姨|叔叔|孩子|宝宝|外婆|外公|奶奶|爷爷|室友|护士|医生|叫|名字是|名叫|我是"
)
# "Grace 是我女儿", "Lucy是我同事": a Latin-script word defined as the writer's kin.
_ZH_IS_KIN = re.compile(
    rf"(?<![A-Za-z'])(?P<name>{_WORD})\s*是我的?(?:{_ZH_KIN.split('|叫')[0]})"
)
_ZH_CUE = re.compile(
    rf"(?:(?P<kin>{_ZH_KIN})|跟|和|给|告诉|问|让|找|转告|通知|陪)\s*(?P<name>{_WORD}(?:\s+{_WORD})?)"
)


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def relation_forms(
    folded: str, add: Callable[[tuple[int, int] | None, float], None], hint: dict[str, bool]
) -> None:
    for m in _IS_RELATION.finditer(folded) if hint["is_relation"] else ():
        word = m.group("name")
        if word.lower() in KNOWN or (
            _is_capitalized(word) and word.lower() not in NOT_SURNAME and not word.isupper()
        ):
            start = m.start("name")
            # "Zhang Wei is my husband": keep a capitalized word just before in the name.
            if _is_capitalized(word):  # "Maria Fernanda López García is my wife"
                start = name_run_start(folded, start, NOT_SURNAME)
            add((start, m.end("name")), 0.8)
    for m in _WITH_ME.finditer(folded) if hint["with_me"] else ():
        group = "a" if m.group("a") else "b"
        if m.group(group).lower() in KNOWN:
            add(m.span(group), 0.75)
    for m in _ZH_IS_KIN.finditer(folded) if hint["han"] and "是我" in folded else ():
        word = m.group("name")
        if word.lower() in KNOWN or (
            _is_capitalized(word) and word.lower() not in NOT_SURNAME and not word.isupper()
        ):
            add(m.span("name"), 0.8)
    for m in _ZH_CUE.finditer(folded) if hint["han"] else ():
        words = m.group("name").split()
        first = words[0]
        modal_name = bool(m.group("kin")) and first.istitle() and first.lower() in AMBIGUOUS
        if (first.lower() in NOT_SURNAME and not modal_name) or first.isupper():
            continue
        second = words[1] if len(words) > 1 else ""
        pinyin = (
            first.lower() in PINYIN_SURNAMES
            and bool(second)
            and bool(PINYIN.fullmatch(second))
            and second.lower() not in NOT_SURNAME
        )
        if pinyin:
            add(m.span("name"), 0.75)
        elif first.lower() in KNOWN and (m.group("kin") or first.lower() not in AMBIGUOUS):
            span = name_tokens(folded, *m.span("name"), allow_lower=False) if _is_capitalized(
                first) else None
            # "我家宝宝 May 3 个月": a word that is also a modal is still the name after kin.
            add(span or (m.start("name"), m.start("name") + len(first)), 0.75)
