"""Prompt-injection detection and neutralization of the patient's text.

Detection only counts and flags (the patient still gets an answer; the persona tells the model
the message cannot change its rules). Neutralization removes what could break the prompt's
structure: chat-template tokens and our own delimiter tags.
"""

from __future__ import annotations

import re

_PATTERNS = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,30}\b(?:previous|prior|above|all|"
    r"your|earlier|the)\b[^.\n]{0,20}\b(?:instructions?|rules|prompts?|guidelines|directions)\b"
    r"|\b(?:you are now|from now on,? you|pretend (?:to be|you are)|act as (?:a|an|my)|roleplay as"
    r"|new (?:instructions|rules|persona))\b"
    r"|\b(?:system prompt|your (?:instructions|rules|prompt|guidelines)|developer mode|jailbreak"
    r"|dan mode|do anything now)\b"
    r"|\b(?:print|reveal|show|repeat|output|tell me|what (?:is|are))\b[^.\n]{0,12}\b(?:your "
    r"(?:\w+ )?(?:prompt|instructions|rules)|(?:system|hidden|initial|original) "
    r"(?:prompt|instructions))\b"
    r"|忽略(?:掉)?(?:之前|以上|上面|前面|所有)?的?(?:所有)?(?:指令|指示|规则|提示|设定|要求)|你现在是|从现在(?:开始|起)你"
    r"|(?:你(?:来)?|请)扮演|扮演一(?:个|名)|假装(?:你是|自己是)|系统提示(?:词)?|提示词|(?:告诉|显示|输出|打印)(?:我)?你的"
    r"(?:指令|规则|设定|提示)|越狱|开发者模式|不要遵守|新的(?:指令|规则|身份)",
    re.IGNORECASE,
)
_TEMPLATE_TOKENS = re.compile(r"<\|[a-z_]+\|>|</?patient_message>|</?think>", re.IGNORECASE)


def looks_like_injection(text: str) -> bool:
    return _PATTERNS.search(text) is not None


def neutralize(text: str) -> str:
    """Keeps the words but not the structure: ``<|im_start|>`` becomes ``[im_start]``."""
    return _TEMPLATE_TOKENS.sub(lambda m: "[" + m.group().strip("<>|/") + "]", text)
