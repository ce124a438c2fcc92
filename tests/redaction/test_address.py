"""ADDRESS: street level only; cities and hospitals named alone stay."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("我住在北京市朝阳区建国路88号3栋2单元501室", "ADDRESS", "北京市朝阳区建国路88号3栋2单元501室"),
    ("寄到浦东新区张杨路500弄12号", "ADDRESS", "浦东新区张杨路500弄12号"),
    ("家住幸福花园5栋2单元301", "ADDRESS", "幸福花园5栋2单元301"),
    ("地址：天津市河西区围堤道125号6号楼3门402", "ADDRESS", "天津市河西区围堤道125号6号楼3门402"),
    ("I live at 1200 Main St Apt 4B, Columbus, OH 43215", "ADDRESS",
     "1200 Main St Apt 4B, Columbus, OH 43215"),
    ("send it to 742 Evergreen Terrace, Springfield", "ADDRESS", "742 Evergreen Terrace, Springfield"),
    ("i live at 42 oak street", "ADDRESS", "42 oak street"),
    ("mail to PO Box 1234", "ADDRESS", "PO Box 1234"),
]

NEGATIVES = [
    "我在北京协和医院看的病",
    "上海的医生说没事",
    "I was treated at Mayo Clinic in Rochester",
    "walked 2 miles on the road yesterday",
    "took 2 pills Dr Chen gave me",
    "住院部3楼",
    "走了5000步",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("ADDRESS",))
