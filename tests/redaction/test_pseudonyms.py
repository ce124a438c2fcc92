"""Placeholder numbering helpers and restoring placeholders for the patient."""

from __future__ import annotations

import pytest

from gateway.redaction.base import Entity
from gateway.redaction.placeholders import replace_entities
from gateway.redaction.pseudonyms import StreamRestorer, canonical, restore


def test_same_value_same_placeholder_within_a_text() -> None:
    text = "call 13812345678 or 13812345678, not 13912345678"
    ents = [Entity("PHONE", 5, 16, "13812345678"), Entity("PHONE", 20, 31, "13812345678"),
            Entity("PHONE", 37, 48, "13912345678")]
    redacted, mapping, counts = replace_entities(text, ents)
    assert redacted == "call [PHONE_1] or [PHONE_1], not [PHONE_2]"
    assert mapping == {"[PHONE_1]": "13812345678", "[PHONE_2]": "13912345678"}
    assert counts == {"PHONE": 3}


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [("PHONE", "138 1234 5678", "13812345678"), ("EMAIL", "A@B.com", "a@b.com"),
     ("CN_ID", "44010619921130006x", "44010619921130006X")],
)
def test_canonical_forms_match(kind: str, a: str, b: str) -> None:
    assert canonical(kind, a) == canonical(kind, b)


def test_restore_only_known_placeholders() -> None:
    mapping = {"[PHONE_1]": "13812345678"}
    assert restore("we will call [PHONE_1], not [PHONE_2]", mapping) == (
        "we will call 13812345678, not [PHONE_2]"
    )


@pytest.mark.parametrize("size", [1, 2, 3, 4, 7, 50])
def test_stream_restorer_handles_split_placeholders(size: int) -> None:
    mapping = {"[PERSON_1]": "王秀英", "[PHONE_12]": "13812345678"}
    text = "您好[PERSON_1]，我们会打[PHONE_12]联系您。[x] [NOT_A_1"
    r = StreamRestorer(mapping)
    out = "".join(r.feed(text[i : i + size]) for i in range(0, len(text), size)) + r.flush()
    assert out == "您好王秀英，我们会打13812345678联系您。[x] [NOT_A_1"
