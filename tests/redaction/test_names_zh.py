"""PERSON in Chinese: cues, titles, 老/小/某 forms; medical words are not names."""

from __future__ import annotations

import pytest

from tests.redaction.helpers import assert_finds, assert_untouched

POSITIVES = [
    ("我叫陈建国，出生日期1962年8月18日", "陈建国"),
    ("我妈王秀英今年68岁", "王秀英"),
    ("患者姓名：马小红 门诊号：0023456", "马小红"),
    ("是张医生给我开的药", "张医生"),
    ("张伟医生说要复查", "张伟"),
    ("王护士你好", "王护士"),
    ("老王说他也这样", "老王"),
    ("同事小李推荐我来的", "小李"),
    ("家属李某某签字", "李某某"),
    ("他叫赵德明 72岁", "赵德明"),
    ("李娜，女，45岁，咳嗽两周", "李娜"),
    ("户名孙志刚", "孙志刚"),
    ("我是昨天出院的李桂兰的女儿", "李桂兰"),
    ("患者叫欧阳建军", "欧阳建军"),
    ("孩子叫欣欣，3岁", "欣欣"),
    ("抬头写个人就行 刘芳", "刘芳"),
    # No cue word: a person verb, a clause start or a kin term before a plausible name,
    ("王建国明天来陪我做胃镜", "王建国"),
    ("跟刘芳说一下我的血糖", "刘芳"),
    ("告诉孙丽她的报告拿了", "孙丽"),
    ("我和吴敏一起来", "吴敏"),
    ("让孙浩然带上医保卡", "孙浩然"),
    ("今天是邱美玲陪我来的", "邱美玲"),
    ("宋志明上周做了肠镜", "宋志明"),
    ("大伯家的堂哥建军明天送我", "建军"),
    ("叫她晓红就行", "晓红"),
    ("我老伴杨福生72岁", "杨福生"),
    ("孩子奶奶蔡秀芬在家带娃", "蔡秀芬"),
    ("开户人魏丽", "魏丽"),
    ("小李护士昨天说要复查", "小李护士"),
    ("谢谢罗老师上次的解答", "罗老师"),
    ("阿强今天摔了一跤", "阿强"),
    ("阿明他爸今天出院", "阿明"),
    ("我和小张一起去的", "小张"),
    ("my wife 陈静 and son 陈一鸣 both have flu", "陈一鸣"),
    ("昨天王秀兰在楼梯上摔倒了", "王秀兰"),
    ("我们家老李最近总是忘事", "老李"),
    ("昨天晚上聂海涛突然肚子疼", "聂海涛"),
]

NEGATIVES = [
    "我妈高血压十年了",
    "黄疸指数有点高",
    "白细胞偏高怎么办",
    "能不能安排医生上门",
    "谢谢医生",
    "血压老高了怎么办",
    "小时候得过哮喘",
    "我老公最近总失眠",
    "帕金森病能治好吗",
    "吃了阿莫西林和布洛芬",
    "在协和医院看的",
    "周末可以预约吗",
    "麻烦医生看一下",
    "和医生说过了",
    "跟医生说了我的情况",
    "给孩子吃了半片退烧药",
    "和胃药一起吃可以吗",
    "跟高血压有关系吗",
    "金银花泡水能不能和头孢一起喝",
    "这个药是降压药里的王牌",
    "白细胞11.2 中性粒细胞偏高",
    "周末我和老婆一起过来",
    "高强度运动后心慌",
    "和田玉手镯会不会过敏",
    "我妈查出桥本甲状腺炎",
    "核磁费用说可以退",
    "我姐平时不吃药",
    "我哥建议我来看",
    "堂哥明天来",
    "孙子发烧38度",
    "钱包丢了，医保卡也在里面",
    "上午王牌药吃了吗",
    "明天高血压门诊",
]


@pytest.mark.parametrize(("text", "value"), POSITIVES)
def test_finds(text: str, value: str) -> None:
    assert_finds(text, "PERSON", value)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert_untouched(text, ("PERSON",))


# Round 2: names with structural evidence but no cue word (names_zh_forms).
FORMS_POSITIVES = [
    ("陆阳明天出差，复查能改期吗", "陆阳"),
    ("李娜昨天做的胃镜", "李娜"),
    ("宋佳说她也过敏", "宋佳"),
    ("你好，姓马，马文斌，想问理疗", "马文斌"),
    ("郭美玲（我表姐）推荐来的", "郭美玲"),
    ("[微信转发] 张桂芳：今天血压160/100", "张桂芳"),
    ("我叫Amy，中文名陈雅琪", "陈雅琪"),
    ("秦小红和我同一天做的手术", "秦小红"),
    ("叫我小雨就行", "小雨"),
    ("找护士长刘芳拿一下报告", "刘芳"),
    ("核对信息：赵子涵 13912345678", "赵子涵"),
    ("他闺女李娜电话13588229014", "李娜"),
    ("麻烦联系一下韦志明", "韦志明"),
    ("我是傅斌的爱人", "傅斌"),
    ("这是我妈（刘桂英）的检查单", "刘桂英"),
    ("孩子他爸马建军出差了", "马建军"),
    ("明天让孙浩带我去", "孙浩"),
    ("许丽萍发烧三天了", "许丽萍"),
    # Round 7: rare compound surnames, 小朋友 as a title, 老伴儿, 文 as a given character.
    ("上官婉儿的体检报告什么时候能拿", "上官婉儿"),
    ("诸葛明轩小朋友的复查结果出来了吗", "诸葛明轩"),
    ("老伴儿田秀英最近记性差", "田秀英"),
    ("今天是蒋文博陪我来复诊的", "蒋文博"),
]

FORMS_NEGATIVES = [
    "孩子宝宝38.5度烧了一天",
    "宝宝今天咳嗽，吃了美林5ml",
    "韩国明天有没有这个药",
    "金银花说是可以泡水喝",
    "石膏今天拆了，腿还肿",
    "高烧昨天退了，今天37.2",
    "周末说要来复查",
    "高血压（我妈）吃什么药好",
    "血压：150/90，心率：88",
    "医生说血压高，护士长说明天出院",
    "胡子刮了3天了",
    "医生开的方子每次10克",
    "孙子 5岁 发烧",
    "主任医师高度怀疑是结石",
    "医生马上来，护士周末休息",
    "血糖 12.3 餐后 15.6",
    "高血压发作了怎么办",
    "金银花吃多了上火",
    "安眠药吃了也睡不着",
    "黄体酮吃了出血",
    "让医生帮我看看，跟护士说了",
    "请到上官方网站查询",
    "东方明珠附近的医院",
    "这个小朋友发烧了",
    "找一位高明的医生看看帕金森病",
    "血常规显示白细胞偏高，黄疸也没退",
    "文件已经上传，文博会的票",
]


@pytest.mark.parametrize(("text", "value"), FORMS_POSITIVES)
def test_forms_find(text: str, value: str) -> None:
    assert_finds(text, "PERSON", value)


@pytest.mark.parametrize("text", FORMS_NEGATIVES)
def test_forms_negatives(text: str) -> None:
    assert_untouched(text, ("PERSON",))


# Round 8: nicknames, coordinated full names, "X是我老公".
ROUND8_POSITIVES = [
    ("药寄到这里就行，收件人小周", "小周"),
    ("老伴儿老李最近记性不好", "老李"),
    ("孙子浩浩三岁半，得了手足口病", "浩浩"),
    ("婷婷今天拉肚子5次", "婷婷"),
    ("乐乐昨晚吐了", "乐乐"),
    ("小美的妈妈电话打不通", "小美"),
    ("阿华吃了两片布洛芬", "阿华"),
    ("胡建平、胡建军兄弟俩都有痛风", "胡建平"),
    ("胡建平、胡建军兄弟俩都有痛风", "胡建军"),
    ("王建国和李秀英都来了", "李秀英"),
    ("张伟是我老公", "张伟"),
    ("王芳是我的同事，她也咳嗽", "王芳"),
]

ROUND8_NEGATIVES = [
    "高血压和高血糖都有",
    "黄芪和当归能一起吃吗",
    "金银花和菊花泡水",
    "于是我妈就来了",
    "这是我妈的药",
    "天天吃了还是疼",
    "小孩今天发烧",
    "宝宝小手一直抖",
    "阿胶吃了会上火吗",
    "血压平稳，心率72",
]


@pytest.mark.parametrize(("text", "value"), ROUND8_POSITIVES)
def test_round8_finds(text: str, value: str) -> None:
    assert_finds(text, "PERSON", value)


@pytest.mark.parametrize("text", ROUND8_NEGATIVES)
def test_round8_negatives(text: str) -> None:
    assert_untouched(text, ("PERSON",))


ROUND9_POSITIVES = [
    ("医生是儿科的欧阳小雪。", "欧阳小雪"),
    ("宝宝叫邓一诺，2024年3月9日出生", "邓一诺"),
    ("每周一：维生素D3 5万单位\n——李建华", "李建华"),
    ("Dear 陈主任, 我是您的病人 Helen Wu（吴海伦），MRN 0038812", "吴海伦"),
    ("我女儿 Lily 林 今年 5 岁", "Lily 林"),
]

ROUND9_NEGATIVES = [
    "交了麻醉费680元，麻醉医生让回去先控制血压",
    "收费处说要走线上流程，退到银行卡",
    "叫号屏显示 C105，我是 C112",
]


@pytest.mark.parametrize(("text", "value"), ROUND9_POSITIVES)
def test_round9_finds(text: str, value: str) -> None:
    assert_finds(text, "PERSON", value)


@pytest.mark.parametrize("text", ROUND9_NEGATIVES)
def test_round9_negatives(text: str) -> None:
    assert_untouched(text, ("PERSON",))


# Round 10: dotted transliterated names, Hangul names, form fields, bracketed roles.
ROUND10_POSITIVES = [
    ("患者：古丽娜尔·吐尔逊，女，38岁", "古丽娜尔·吐尔逊"),
    ("我爸叫艾合买提·阿不都，72岁", "艾合买提·阿不都"),
    ("翻译说 이서연 明天来复诊", "이서연"),
    ("紧急联系人：次仁央金 电话略", "次仁央金"),
    ("收件人：父亲 王二虎，地址见上", "王二虎"),
    ("病人：刘 芳，床号：8", "刘 芳"),
    ("陈刚(主治医师)今天查房", "陈刚"),
]

ROUND10_NEGATIVES = [
    "唐氏·综合征筛查低风险",
    "患者：本人，无过敏史",
    "联系人：同上",
    "감사합니다 선생님, 잘 부탁드립니다 오늘 병원에 갑니다 내일도 갑니다",
    "血压145/95，HbA1c 7.9%",
]


@pytest.mark.parametrize(("text", "value"), ROUND10_POSITIVES)
def test_round10_finds(text: str, value: str) -> None:
    assert_finds(text, "PERSON", value)


@pytest.mark.parametrize("text", ROUND10_NEGATIVES)
def test_round10_negatives(text: str) -> None:
    assert_untouched(text, ("PERSON",))
