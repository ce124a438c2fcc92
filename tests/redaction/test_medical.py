"""MRN: record numbers only with a cue."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched, found

POSITIVES = [
    ("住院号1024587，想查报告", "MRN", "1024587"),
    ("门诊号：0023456 就诊科室：皮肤科", "MRN", "0023456"),
    ("病历号是ZY20240311007", "MRN", "ZY20240311007"),
    ("就诊卡号 6000 1234 5678", "MRN", "6000 1234 5678"),
    ("patient ID: PT-0048213", "MRN", "PT-0048213"),
    ("My MRN at your hospital is 7734-0021-9", "MRN", "7734-0021-9"),
    ("MRN 00482913, seen on Tuesday", "MRN", "00482913"),
]

NEGATIVES = [
    "住院了3天，出院时开了药",
    "门诊看了两次，还是咳嗽",
    "the patient portal shows 3 results",
    "medical records say I had 2 surgeries",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("MRN",))


ROUND2_POSITIVES = [
    ("The bracelet says Admission No. AD88213, discharge?", "MRN", "AD88213"),
    ("encounter number 55102934 for the ER visit", "MRN", "55102934"),
]

ROUND2_NEGATIVES = [
    "admission was on Monday, discharged Friday",
    "visit was 20 minutes",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND2_POSITIVES)
def test_round2_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND2_NEGATIVES)
def test_round2_negatives(text: str) -> None:
    assert_untouched(text, ("MRN",))


# Round 3. Decision: numbers that lead back to one patient's sample or prescription — lab
# accession / specimen / barcode numbers, blood-bank numbers, prescription (Rx) numbers,
# NHS numbers — are MRN. Vaccine lot numbers identify a batch and stay; so do doses,
# counts and dosing schedules written after the same cue words.
ROUND3_POSITIVES = [
    ("My MRN is A00123456 and my potassium was 5.8", "MRN", "A00123456"),
    ("病案号：ZY2024001234，住院期间血压160/100", "MRN", "ZY2024001234"),
    ("病历号是\nA 0045 6612\n血钾3.2", "MRN", "A 0045 6612"),
    ("Rx# 1234567 at CVS needs a refill", "MRN", "1234567"),
    ("lab accession # 24-ML-003391 — was my TSH normal?", "MRN", "24-ML-003391"),
    ("标本号 2405170123，血常规", "MRN", "2405170123"),
    ("处方号：CF20240517008，开了阿莫西林", "MRN", "CF20240517008"),
    ("NHS number 943 476 5919 — GP said", "MRN", "943 476 5919"),
    ("blood bank number BB-552-0913 on my wristband", "MRN", "BB-552-0913"),
    ("Medical record no. is on the bracelet: 00034-5567", "MRN", "00034-5567"),
    ("My chart says MRN 7 7 3 2 1 0 9 9 — sorry", "MRN", "7 7 3 2 1 0 9 9"),
    ("体检编号TJ-2024-05-0033，报告里ALT 86", "MRN", "TJ-2024-05-0033"),
    ("病案号 ZY 2024 0012 34", "MRN", "ZY 2024 0012 34"),
]

ROUND3_NEGATIVES = [
    "Rx: amoxicillin 500mg three times a day",
    "Rx 30 tablets of metformin",
    "the rx 1-0-1 schedule",
    "accession was delayed 3 days",
    "urine sample 24 hours collected",
    "blood sample was 12.5 ml",
    "vaccine lot number FK8891 from Pfizer",
    "疫苗批号202305A012，打完第二针发烧38度",
    "处方开了阿莫西林 0.5g 每天3次",
    "specimen: urine, barcode scanner broke",
    "nhs 111 said go to A&E",
    "MRN is on my bracelet, I take 12 mg",
    "sample: Na 138 K 4.1 Cr 1.2",
    "sample 1 2 3 4 5",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND3_POSITIVES)
def test_round3_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND3_NEGATIVES)
def test_round3_negatives(text: str) -> None:
    assert_untouched(text)


# Round 8: a one-digit last group is part of the record number.
ROUND8_POSITIVES = [
    ("住院号 2024 0311 0071 2，想查报告", "MRN", "2024 0311 0071 2"),
    ("住院号：ZY20240318066，12床，病人王桂英", "MRN", "ZY20240318066"),
    ("chart no. A1234567 - can you send the x-ray", "MRN", "A1234567"),
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND8_POSITIVES)
def test_round8_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


# Round 9: more record-number cues; a value written after the number stays.
ROUND9_POSITIVES = [
    ("体检单号 TJ-20241021-0893，需要去消化科吗", "MRN", "TJ-20241021-0893"),
    ("病理号 P24-18832，现在想来你们这做化疗", "MRN", "P24-18832"),
    ("预防接种证号是 3101150240309021，我的手机", "MRN", "3101150240309021"),
    ("MRN (Kaiser) 11-2233-4455, NorCal region", "MRN", "11-2233-4455"),
    ("Acct# 90017725  Pt: Sandra Kowalski", "MRN", "90017725"),
    ("Grace Yamamoto, chart 4410982", "MRN", "4410982"),
    ("MRN 00718834 12/03 at 2:30pm", "MRN", "00718834"),
    ("accession W24-0187733 08:30", "MRN", "W24-0187733"),
]

ROUND9_KEEPS = [
    ("MRN 00718834 12/03 at 2:30pm", "12/03"),
    ("Rx #6628174 08:30 dose given", "08:30"),
    ("specimen ID 24-318-004471 1200 mL", "1200 mL"),
    ("住院号 ZY20241103027 12床", "12床"),
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND9_POSITIVES)
def test_round9_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize(("text", "keep"), ROUND9_KEEPS)
def test_round9_value_after_number_kept(text: str, keep: str) -> None:
    assert all(keep not in v for _, v in found(text)), found(text)


ROUND10_POSITIVES = [
    ("Acct 55210987, billing says it's overdue", "MRN", "55210987"),
    ("M R N is 7 7 1 2 0 4 5, from the wristband", "MRN", "7 7 1 2 0 4 5"),
    ("核酸编号 2411 0503 9981，结果还没出", "MRN", "2411 0503 9981"),
]

ROUND10_NEGATIVES = [
    "rx bin 610014, pcn ADV",
    "Rx: amoxicillin 500 mg tid x 7 days",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND10_POSITIVES)
def test_round10_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND10_NEGATIVES)
def test_round10_negatives(text: str) -> None:
    assert_untouched(text, ("MRN",))
