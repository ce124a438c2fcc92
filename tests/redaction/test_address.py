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
    # Rural, building-only, bare-street and no-suffix shapes,
    ("我家在河南省周口市郸城县汲水镇王庄村三组", "ADDRESS", "河南省周口市郸城县汲水镇王庄村三组"),
    ("地址：幸福村3组", "ADDRESS", "幸福村3组"),
    ("家住广东省梅州市五华县华城镇", "ADDRESS", "广东省梅州市五华县华城镇"),
    ("住3号楼2单元401，电梯坏了", "ADDRESS", "3号楼2单元401"),
    ("寄到杭州市西湖区文三路，收件人许晴", "ADDRESS", "杭州市西湖区文三路"),
    ("地址 长沙市岳麓区麓谷街道 金茂悦小区4栋1803", "ADDRESS", "长沙市岳麓区麓谷街道 金茂悦小区4栋1803"),
    ("送货地址：滨江花园二期6幢1单元1201", "ADDRESS", "滨江花园二期6幢1单元1201"),
    ("快递寄到广州市白云区太和镇谢家庄村南街8巷3号", "ADDRESS", "广州市白云区太和镇谢家庄村南街8巷3号"),
    ("you can send the bill to PO Box 442, Bend, OR 97701", "ADDRESS", "PO Box 442, Bend, OR 97701"),
    ("Flat 2, 14 Kings Road, London SW3 4RP", "ADDRESS", "Flat 2, 14 Kings Road, London SW3 4RP"),
    ("我们住在 1520 Broadway Apt 7F, New York, 能上门吗", "ADDRESS", "1520 Broadway Apt 7F, New York"),
    ("we're at 77 elm, the blue house", "ADDRESS", "77 elm"),
    ("we live at 1189 County Road 7. no street sign", "ADDRESS", "1189 County Road 7"),
    ("Room 1202, No. 88 Jianguo Road, Chaoyang District, Beijing", "ADDRESS", "Room 1202, No. 88 Jianguo Road, Chaoyang District, Beijing"),
    ("住在浙江省温州市乐清市柳市镇长虹村", "ADDRESS", "浙江省温州市乐清市柳市镇长虹村"),
    ("新疆乌鲁木齐市天山区解放北路200号3单元", "ADDRESS", "新疆乌鲁木齐市天山区解放北路200号3单元"),
    ("I live at 2250 N. Lincoln Ave, Chicago IL 60614", "ADDRESS", "2250 N. Lincoln Ave, Chicago IL 60614"),
]

NEGATIVES = [
    "我在北京协和医院看的病",
    "上海的医生说没事",
    "I was treated at Mayo Clinic in Rochester",
    "walked 2 miles on the road yesterday",
    "took 2 pills Dr Chen gave me",
    "住院部3楼",
    "走了5000步",
    "我在农村长大",
    "乡镇卫生院能做胃镜吗",
    "四川省南充市仪陇县人民医院",
    "从北京市朝阳区过来要多久",
    "在南京路附近",
    "we are at 160 pounds now",
    "I live at home with my wife",
    "heart rate keeps jumping to 140 when i stand up",
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("ADDRESS",))


# Round 2: unit first, street type first, building names, cued compounds, landmarks.
ROUND2_POSITIVES = [
    ("we're in apartment 3C at 400 W 57th St and the buzzer is broken", "ADDRESS",
     "apartment 3C at 400 W 57th St"),
    ("our flat is 9 Rue des Lilas apt 2 in Lyon", "ADDRESS", "9 Rue des Lilas apt 2"),
    ("单位地址是广州市天河区天河路385号太古汇一座2501", "ADDRESS",
     "广州市天河区天河路385号太古汇一座2501"),
    ("我住在锦绣江南小区，离医院3公里", "ADDRESS", "锦绣江南小区"),
    ("我们家在人民医院对面的阳光花园小区7栋2单元502", "ADDRESS", "阳光花园小区7栋2单元502"),
    ("家住人民公园南门对面，腿脚不便", "ADDRESS", "人民公园南门对面"),
    ("we are at 4402 Ridgecrest Dr in Austin", "ADDRESS", "4402 Ridgecrest Dr"),
    ("home is 17 Maple Grove, Leeds LS6 2AB", "ADDRESS", "17 Maple Grove, Leeds LS6 2AB"),
    ("I'm in the Sunset Towers, unit 1402", "ADDRESS", "Sunset Towers, unit 1402"),
    ("住址：重庆市渝北区龙溪街道金港国际3栋", "ADDRESS", "重庆市渝北区龙溪街道金港国际3栋"),
    ("address: 88 Jalan Bukit Bintang, Kuala Lumpur", "ADDRESS", "88 Jalan Bukit Bintang"),
]

ROUND2_NEGATIVES = [
    "住在医院附近的宾馆，明天复查",
    "我们住在酒店对面",
    "我家在学校后面",
    "住院部3楼护士站",
    "walked 2 miles at the park today",
    "Calle was the name of the nurse? no",
    "门诊楼3楼302诊室门口等你",
    "内科楼5楼护士站",
    "康复中心3楼做理疗",
    "我在协和医院东院3号楼等你",
    "took 2 small green pills at the Dr office",
    "北京市朝阳医院3号楼抽血",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND2_POSITIVES)
def test_round2_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND2_NEGATIVES)
def test_round2_negatives(text: str) -> None:
    assert_untouched(text, ("ADDRESS",))


# Round 8: a lower-case city with no comma before state + ZIP; a time is no house number.
ROUND8_POSITIVES = [
    (
        "send it to 330 pine ave apt 2c long beach ca 90802",
        "ADDRESS",
        "330 pine ave apt 2c long beach ca 90802",
    ),
    ("my address is 12 Main St Springfield IL 62701", "ADDRESS", "12 Main St Springfield IL 62701"),
    ("I live at 42 oak st apt 3, springfield. a nurse visit?", "ADDRESS", "42 oak st apt 3, springfield"),
]

ROUND8_NEGATIVES = [
    "appt on march 3rd at 10:15 with dr. okafor",
    "colonoscopy at 7:45 with Dr. Lee",
    "walked 2 miles with the dog on the road",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND8_POSITIVES)
def test_round8_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND8_NEGATIVES)
def test_round8_negatives(text: str) -> None:
    assert_untouched(text, ("ADDRESS",))


# Round 9: Queens house numbers; a unit word starts a word; a shop's address is not the
# writer's; a comma or a lower-case clause after the city is not part of it.
ROUND9_POSITIVES = [
    ("地址是 136-20 38th Ave, Apt 5G, Flushing, NY 11354，寄到这里", "ADDRESS",
     "136-20 38th Ave, Apt 5G, Flushing, NY 11354"),
    ("my address is 250 Main St, the pharmacy is closed", "ADDRESS", "250 Main St"),
]

ROUND9_NEGATIVES = [
    "The pharmacy at 250 Main St gave me 28 tablets instead of 30",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND9_POSITIVES)
def test_round9_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND9_NEGATIVES)
def test_round9_negatives(text: str) -> None:
    assert_untouched(text, ("ADDRESS",))


# Round 10: postcodes of the UK, Canada and Australia; boxes; Singapore blocks; HK/TW forms.
ROUND10_POSITIVES = [
    ("carers come to 9 Willow Close, York YO10 5DD on Mondays", "ADDRESS",
     "9 Willow Close, York YO10 5DD"),
    ("new place: 210 chemin Sainte-Foy, Québec QC G1S 2J5", "ADDRESS",
     "210 chemin Sainte-Foy, Québec QC G1S 2J5"),
    ("Unit 2/40 Ocean Parade, Coogee NSW 2034 is mum's", "ADDRESS",
     "Unit 2/40 Ocean Parade, Coogee NSW 2034"),
    ("mail to PO Box 310, Yellowknife NT X1A 2N2", "ADDRESS", "PO Box 310, Yellowknife NT X1A 2N2"),
    ("we're at rr 1 box 22, elkins wv 26241", "ADDRESS", "rr 1 box 22, elkins wv 26241"),
    ("Blk 45 Tampines St 42 #08-112 Singapore 520045", "ADDRESS",
     "Blk 45 Tampines St 42 #08-112 Singapore 520045"),
    ("寄到香港島銅鑼灣軒尼詩道500號18樓", "ADDRESS", "香港島銅鑼灣軒尼詩道500號18樓"),
]

ROUND10_NEGATIVES = [
    "I walked 2 miles, then 3 more",
    "Room 12, bed B, ward 4",
    "box of 30 tablets, 2 boxes left",
    "TSH 4.5, T4 12, NSW 2000 screening",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND10_POSITIVES)
def test_round10_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND10_NEGATIVES)
def test_round10_negatives(text: str) -> None:
    assert_untouched(text, ("ADDRESS",))


# Round 11: shape families (numbered dorms/yards, "里" + units, lettered flats, Taiwan lane
# chains, rural routes with a site, unit-first English, Australian "unit/number", spelled-out
# states, lower-case Canadian provinces, UK postcodes without the space, street corners).
ROUND11_POSITIVES = [
    ("宿舍在西区3号宿舍楼210，嗓子疼", "ADDRESS", "西区3号宿舍楼210"),
    ("住东区3号院2单元401", "ADDRESS", "东区3号院2单元401"),
    ("地址：安贞里五区2号楼1门302", "ADDRESS", "安贞里五区2号楼1门302"),
    ("住在光明里6号楼105，腿肿", "ADDRESS", "光明里6号楼105"),
    ("地址：天河区棠下村东二巷8号502房", "ADDRESS", "天河区棠下村东二巷8号502房"),
    ("家住东风农场五队7号", "ADDRESS", "东风农场五队7号"),
    ("寄到九龍何文田公主道18號帝庭園第2座15樓B室", "ADDRESS", "九龍何文田公主道18號帝庭園第2座15樓B室"),
    ("地址：桃園市中壢區中山路300巷8弄5號2樓", "ADDRESS", "桃園市中壢區中山路300巷8弄5號2樓"),
    ("住址是台中市北區三民路三段80號6樓之2", "ADDRESS", "台中市北區三民路三段80號6樓之2"),
    ("送藥到荃灣綠楊新邨C座9樓F室", "ADDRESS", "荃灣綠楊新邨C座9樓F室"),
    ("apt 2r 410 w 23rd st, new york ny 10011", "ADDRESS", "apt 2r 410 w 23rd st, new york ny 10011"),
    ("ste 9, 80 queen st e, toronto on m5c 1s1", "ADDRESS", "ste 9, 80 queen st e, toronto on m5c 1s1"),
    ("Unit: 7/21 Beach Rd, Bondi NSW 2026", "ADDRESS", "7/21 Beach Rd, Bondi NSW 2026"),
    ("10 Park Row, Leeds LS15AB", "ADDRESS", "10 Park Row, Leeds LS15AB"),
    ("5 Mill Lane, Great Shelford, Cambridge CB22 5EW", "ADDRESS",
     "5 Mill Lane, Great Shelford, Cambridge CB22 5EW"),
    ("12 Pine St, Apt 3, Austin, Texas 78701", "ADDRESS", "12 Pine St, Apt 3, Austin, Texas 78701"),
    ("RR 4, Site 12, Box 3, Ponoka AB T4J 1R1", "ADDRESS", "RR 4, Site 12, Box 3, Ponoka AB T4J 1R1"),
    ("HC 1 Box 55, Marfa TX 79843", "ADDRESS", "HC 1 Box 55, Marfa TX 79843"),
    ("PO Box 9, Broome WA 6725", "ADDRESS", "PO Box 9, Broome WA 6725"),
    ("W3120 County Rd JJ, Lomira WI 53048", "ADDRESS", "W3120 County Rd JJ, Lomira WI 53048"),
    ("i live on the corner of 9th and Elm", "ADDRESS", "9th and Elm"),
    ("we live at the corner of Oak St and 2nd Ave", "ADDRESS", "Oak St and 2nd Ave"),
    ("12 rue Nationale, app 4, Québec QC G1K 3T2", "ADDRESS", "12 rue Nationale, app 4, Québec QC G1K 3T2"),
]

ROUND11_NEGATIVES = [
    "我在东区3号楼2楼做的CT",
    "门诊北区2号楼3楼抽血",
    "病房在南区5号楼1203",
    "住院部北区3楼12床，血压140/90",
    "复查在3号楼5楼",
    "去了12号楼3楼201诊室",
    "the bus stops at the corner of 5th and Main",
    "we live on the corner, 5th house on the left",
    "Apt 3 tablets at 5 pm",
    "ste 200 3 days ago",
    "unit 4 12 hours later",
    "N1234 is my patient number",
    "Room 12 3 mg of morphine",
    "TSH 4.5, T4 12, NSW 2000 screening",
]


@pytest.mark.parametrize(("text", "kind", "value"), ROUND11_POSITIVES)
def test_round11_finds(text: str, kind: str, value: str) -> None:
    assert_finds(text, kind, value)


@pytest.mark.parametrize("text", ROUND11_NEGATIVES)
def test_round11_negatives(text: str) -> None:
    assert_untouched(text, ("ADDRESS",))
