"""DATE_OF_BIRTH only next to a birth cue; onset and appointment dates stay."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched, found

POSITIVES = [
    ("出生日期1962年8月18日", "DATE_OF_BIRTH", "1962年8月18日"),
    ("我是1985年3月12日出生的", "DATE_OF_BIRTH", "1985年3月12日"),
    ("生日 1990.05.06", "DATE_OF_BIRTH", "1990.05.06"),
    ("date of birth 7/19/88. Can I get results", "DATE_OF_BIRTH", "7/19/88"),
    ("DOB: 1969-08-30", "DATE_OF_BIRTH", "1969-08-30"),
    ("born July 4, 1949 in Ohio", "DATE_OF_BIRTH", "July 4, 1949"),
    ("birthday is 12 March 1985", "DATE_OF_BIRTH", "12 March 1985"),
    ("生日是八三年五月六号", "DATE_OF_BIRTH", "八三年五月六号"),
    ("出生年月：1975年11月 既往高血压", "DATE_OF_BIRTH", "1975年11月"),
    ("出生于58年7月4号 有房颤", "DATE_OF_BIRTH", "58年7月4号"),
    ("born on the 3rd of june 1985", "DATE_OF_BIRTH", "3rd of june 1985"),
    ("我生日是3月14号", "DATE_OF_BIRTH", "3月14号"),
    ("my birthday is june 3", "DATE_OF_BIRTH", "june 3"),
    ("bday 3/14/1962", "DATE_OF_BIRTH", "3/14/1962"),
    ("Grace Kim, 4/3/1990 - requesting my records", "DATE_OF_BIRTH", "4/3/1990"),
]

NEGATIVES = [
    "3月5号开始发烧",
    "预约了2024年11月28日复查",
    "appointment on 11/28/2024 at 3pm",
    "symptoms started 2023-10-01",
    "孩子出生3天，黄疸",
    "I was born in 1985",
    "my baby was born 2 weeks ago",
    "预约的是2024年6月18日上午的B超",
    "surgery was on 10/02/2023, still numb",
    "born 1944, I'm 80",
    "生日快乐！3月5号开始发烧",
    "birthday party on june 3 was fun",
    "my last tetanus shot was 2019-05-01",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("DATE_OF_BIRTH",))


# Round 2: a cue a few words away; event words near an uncued 19xx date mean NOT a DOB.
ROUND2_POSITIVES = [
    ("my date of birth is the 5th of May 1971 and", "DATE_OF_BIRTH", "5th of May 1971"),
    ("DOB is on the 3/8/1962 line", "DATE_OF_BIRTH", "3/8/1962"),
    ("Harriet Vance 12/02/1948 asking about INR", "DATE_OF_BIRTH", "12/02/1948"),
    ("Our newborn was born 10/08/2024 at 7lb 2oz", "DATE_OF_BIRTH", "10/08/2024"),
]

ROUND2_NEGATIVES = [
    "Had surgery on 5/3/1998 for a herniated disc",
    "Diagnosed with type 2 diabetes on 11/20/1995",
    "I had a hysterectomy on 9/14/1994, still need paps?",
    "knee replacement 3/3/1999 on the left",
    "she was hospitalized 2/20/1999 for a seizure",
    "1998年5月3日做的阑尾手术，现在又痛",
    "1996年3月2日住院做过胆囊切除",
    "Had my gallbladder removed 06/12/1992",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND2_POSITIVES)
def test_round2_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND2_NEGATIVES)
def test_round2_negatives(text: str) -> None:
    assert_untouched(text, ("DATE_OF_BIRTH",))


# Round 3: "b." as a birth cue only right after a comma/bracket and right before the date;
# symptom-onset, visit and vaccine dates stay.
ROUND3_POSITIVES = [
    ("Jane, b. 04/22/1961, fasting glucose 126", "DATE_OF_BIRTH", "04/22/1961"),
    ("Tom Lee (b. 5/6/1950) needs a refill", "DATE_OF_BIRTH", "5/6/1950"),
    ("b. 3/12/79", "DATE_OF_BIRTH", "3/12/79"),
    ("年龄 45 (1979.3.12)，空腹血糖7.1", "DATE_OF_BIRTH", "1979.3.12"),
    ("我出生于1985年7月3日，最近血压145/95", "DATE_OF_BIRTH", "1985年7月3日"),
]

ROUND3_NEGATIVES = [
    "hep b. shot 3/12/24",
    "hep b. 3/12/24 second dose",
    "vitamin b. 12 daily",
    "Symptoms started on 5/14/2024 at 2:15am; seen in ER 05/15/2024",
    "3月15日开始头疼，3月20日去看的，约了4月2日下午2点半复诊",
    "appointment on 2024-06-12 10:30 with cardiology",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND3_POSITIVES)
def test_round3_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND3_NEGATIVES)
def test_round3_negatives(text: str) -> None:
    assert_untouched(text, ("DATE_OF_BIRTH",))


# Round 9: a birth cue names one date; a visit date after it (or before it) stays.
ROUND9_KEEPS = [
    ("DOB 06/14/1951, Jan 2024 labs normal", "06/14/1951", "Jan 2024"),
    ("DOB 06/14/1951 seen 11/03/2024 07:42", "06/14/1951", "11/03/2024"),
    ("born 3/22/2009; 2/11/2025 at 10:40am", "3/22/2009", "2/11/2025"),
    ("Visit 2024-11-03 DOB 06/14/1951", "06/14/1951", "2024-11-03"),
]


@pytest.mark.parametrize(("text", "birth", "keep"), ROUND9_KEEPS)
def test_round9_one_birth_date_per_cue(text: str, birth: str, keep: str) -> None:
    got = found(text)
    assert ("DATE_OF_BIRTH", birth) in got, got
    assert all(keep not in v for _, v in got), got
