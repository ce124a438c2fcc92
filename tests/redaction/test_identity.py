"""CN_ID (GB 11643, fail closed), SSN, PASSPORT."""

from __future__ import annotations

import pytest

from gateway.redaction.patterns import gb11643
from gateway.redaction.validators import taiwan_id
from tests.redaction.helpers import assert_finds, assert_untouched, found

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


# Round 3: Hong Kong / Macau / Taiwan IDs are CN_ID; travel permits, military cards and
# driver licences (with a cue) are PASSPORT. SSN last four digits stay (see train2 t2_195).
ROUND3_POSITIVES = [
    ("香港身份证A123456(7)，来深圳看病", "CN_ID", "A123456(7)"),
    ("HKID is Z683365(5), I'm 45", "CN_ID", "Z683365(5)"),
    ("我是澳门居民，身份证号1234567(8)", "CN_ID", "1234567(8)"),
    ("台湾身分证字号 A123456789", "CN_ID", "A123456789"),
    ("身份证\n110105\n19820315\n4213", "CN_ID", "110105\n19820315\n4213"),
    ("回乡证H12345678，需要挂号吗", "PASSPORT", "H12345678"),
    ("台胞证号码：12345678", "PASSPORT", "12345678"),
    ("军官证号：南字第123456号", "PASSPORT", "南字第123456号"),
    ("My passport number, since you asked, is 533019844", "PASSPORT", "533019844"),
    ("护照号码 G 1234 5678，体检需要", "PASSPORT", "G 1234 5678"),
    ("German passport C01X00T47, staying 2 weeks", "PASSPORT", "C01X00T47"),
    ("driver's license number D1234-56789-01234", "PASSPORT", "D1234-56789-01234"),
    ("my driving licence is MORGA753116SM9IJ", "PASSPORT", "MORGA753116SM9IJ"),
]

ROUND3_NEGATIVES = [
    "驾照扣了12分",
    "驾驶证 2024年12月到期",
    "通行证 2025年过期",
    "last four of my social are 6789",
    "血小板 150(1)",
    "Taiwan trip B234567890 days",  # bad Taiwan check digit, no cue
    "WBC 11.2 (4.0-10.0)",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND3_POSITIVES)
def test_round3_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND3_NEGATIVES)
def test_round3_negatives(text: str) -> None:
    assert_untouched(text, ("CN_ID", "SSN", "PASSPORT"))


@pytest.mark.parametrize(
    ("value", "valid"), [("A123456789", True), ("F131104093", True), ("A123456788", False)]
)
def test_taiwan_id(value: str, valid: bool) -> None:
    assert taiwan_id(value) is valid


# Round 9: one cue names one document; the date or code after it is not a second one.
ROUND9_KEEPS = [
    ("passport E93827156. Visit 2024-11-03 for hepatitis B", "E93827156", "2024-11-03"),
    ("passport E93827156, CPT 99285", "E93827156", "CPT 99285"),
    ("driver's license D1234-56789; Visit 2024-11-03", "D1234-56789", "2024-11-03"),
]


@pytest.mark.parametrize(("text", "document", "keep"), ROUND9_KEEPS)
def test_round9_one_document_per_cue(text: str, document: str, keep: str) -> None:
    got = found(text)
    assert ("PASSPORT", document) in got, got
    assert all(keep not in v for _, v in got), got


# Round 10: IDs read aloud, keypad-spaced, wrapped over a line after a dash.
ROUND10_POSITIVES = [
    ("身份证号四四零三零六一九八二零五一五三四一八", "CN_ID", "四四零三零六一九八二零五一五三四一八"),
    ("身份证 ４４０３０６１９８２０５１５３４１８", "CN_ID", "４４０３０６１９８２０５１５３４１８"),
    ("ssn is one two three, four five, six seven eight nine", "SSN",
     "one two three, four five, six seven eight nine"),
    ("SSN 078-05-\n1120 on the form", "SSN", "078-05-\n1120"),
    ("passport no. G 8 7 6 5 4 3 2 1 for the letter", "PASSPORT", "G 8 7 6 5 4 3 2 1"),
]

ROUND10_NEGATIVES = [
    "HbA1c 7.2%, fasting 6.8\n- follow up in 3 months",
    "dose 5-\n10 mg as needed",
    "one two three four five six seven, breathe",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND10_POSITIVES)
def test_round10_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND10_NEGATIVES)
def test_round10_negatives(text: str) -> None:
    assert_untouched(text)
