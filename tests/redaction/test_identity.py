"""CN_ID (GB 11643, fail closed), SSN, PASSPORT."""

from __future__ import annotations

import pytest

from gateway.redaction.patterns import gb11643
from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("身份证号110105198604172153", "CN_ID", "110105198604172153"),
    ("我的身份证：44010619921130006x", "CN_ID", "44010619921130006x"),
    ("ID ２１０１０２１９８３０２２８７４２７ please", "CN_ID", "２１０１０２１９８３０２２８７４２７"),
    # A wrong check character is still redacted: fail closed.
    ("身份证号110105198604172154", "CN_ID", "110105198604172154"),
    ("老身份证420106480923071", "CN_ID", "420106480923071"),
    ("身份证 110105 19860417 2153", "CN_ID", "110105 19860417 2153"),
    ("SSN 287-65-4410 for billing", "SSN", "287-65-4410"),
    ("social security number 529 18 4471", "SSN", "529 18 4471"),
    ("护照号E45927381", "PASSPORT", "E45927381"),
    ("passport number 548392017, flying Friday", "PASSPORT", "548392017"),
    ("my passport is EA7712345", "PASSPORT", "EA7712345"),
    ("身份证号 1101 0519 8203 1542 10 查体检报告", "CN_ID", "1101 0519 8203 1542 10"),
    ("身份证号码是44030419900223671７", "CN_ID", "44030419900223671７"),
    ("ssn last 4 is 1937, full is 532481937", "SSN", "532481937"),
]

NEGATIVES = [
    "化验单编号20231128000123",
    "血小板 150-400",
    "2019-03-05 做的手术",
    "the clinic's fax extension 301-22",
    "took 325-650 mg aspirin",
    "订单 1101 0519 8203 1542 11 已发货",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("CN_ID", "SSN", "PASSPORT"))


@pytest.mark.parametrize(
    ("value", "valid"),
    [("110105198604172153", True), ("37050219870715002X", True), ("37050219870715002x", True),
     ("110105198604172154", False), ("11010519860417215", False)],
)
def test_gb11643(value: str, valid: bool) -> None:
    assert gb11643(value) is valid
