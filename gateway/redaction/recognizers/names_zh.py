"""PERSON in Chinese text: surname list + cue phrases + titles + 老/小/某 forms.

A Han-character run is a name only with evidence: a cue before it (我叫, 患者, 我妈…), a
title after it (医生, 护士, 阿姨…), the 老王/小李/李某某 forms, or a "name, sex, age" header.
Medical words that start with a surname character (高血压, 黄疸, 白细胞…) are stop words.
"""

from __future__ import annotations

import re

from gateway.redaction.base import Entity

# Single-character surnames, most common first (covers the large majority of Chinese people).
SURNAMES_1 = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁"
    "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
SURNAMES_2 = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "澹台",
    "申屠",
)
# Surnames common enough for the 老X / 小X forms.
FAMILIAR = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏"

TITLES = (
    "医生",
    "大夫",
    "护士",
    "护士长",
    "主任",
    "副主任",
    "教授",
    "老师",
    "先生",
    "女士",
    "小姐",
    "阿姨",
    "叔叔",
    "大爷",
    "大妈",
    "奶奶",
    "爷爷",
    "院长",
    "药师",
    "医师",
    "师傅",
    "总",
    "经理",
    "同学",
    "姐",
    "哥",
    "伯",
    "婶",
    "姨",
    "叔",
    "太太",
    "老板",
)
CUES = (
    "我叫",
    "我是",
    "本人",
    "患者",
    "病人",
    "病患",
    "家属",
    "姓名",
    "名字叫",
    "名字是",
    "名叫",
    "叫做",
    "联系人",
    "监护人",
    "署名",
    "签名",
    "孩子叫",
    "宝宝叫",
    "儿子叫",
    "女儿叫",
    "我妈",
    "我爸",
    "我妈妈",
    "我爸爸",
    "我母亲",
    "我父亲",
    "我老公",
    "我老婆",
    "我丈夫",
    "我妻子",
    "我爱人",
    "我儿子",
    "我女儿",
    "我爷爷",
    "我奶奶",
    "我外婆",
    "我外公",
    "我姥姥",
    "我姥爷",
    "我哥",
    "我姐",
    "我弟",
    "我妹",
    "我婆婆",
    "我公公",
    "我岳母",
    "我岳父",
    "我孙子",
    "我孙女",
    "我朋友",
    "我同事",
    "我邻居",
    "主治医生",
    "主治医师",
    "管床医生",
    "接诊医生",
    "医生是",
    "大夫是",
    "户名",
    "收件人",
    "收货人",
    "名字",
    "大名",
    "小名",
    "户主",
    "持卡人",
    "开户名",
    "委托人",
    "叫",
    "妹妹",
    "姐姐",
    "哥哥",
    "弟弟",
    "女儿",
    "儿子",
    "妈妈",
    "爸爸",
    "老公",
    "老婆",
    "丈夫",
    "妻子",
    "爱人",
    "舅舅",
    "舅妈",
    "姑姑",
    "姑父",
    "姨妈",
    "姨父",
    "外甥",
    "侄子",
    "侄女",
    "孙子",
    "孙女",
    "婆婆",
    "公公",
    "岳母",
    "岳父",
    "女朋友",
    "男朋友",
    "对象",
    "室友",
    "同事",
    "朋友",
    "邻居",
    "宝宝",
    "孩子",
    "找",
    "挂了",
    "挂的",
    "挂号",
    "预约了",
    "转告",
    "告诉",
    "给",
    "和",
    "跟",
    "问",
)
# Cues that are common verbs/prepositions need a title or familiar context to fire alone.
WEAK_CUES = frozenset(
    {"找", "挂了", "挂的", "挂号", "预约了", "转告", "告诉", "给", "和", "跟", "问"}
)

# Characters that end a given name: particles, verbs, body parts and time words that follow
# names in patient messages ("我妈王秀英今年68岁", "李明头疼").
_GIVEN_STOP = set(
    "的了在是说和跟与及也都就很太又还最才去来要想会能让被把对从今昨前后每这那有没不头胸肚腹腰腿"
    "手脚眼耳嘴牙背发咳疼痛吃喝血便尿拉吐晕烧热冷感病患得做打看查住到过着吗呢吧啊呀哦嘛说讲问告叫"
    "帮给已因为所但而如果年月日号岁天周次个点分一二三四五六七八九十两半多几些上下里外中医护主教老师"
    "先女阿叔妈奶爷院药总经同姐哥伯婶姨太板某时学便"
)
# Words that begin with a surname character but are not names.
STOP_WORDS = (
    "高血压",
    "高血糖",
    "高血脂",
    "高烧",
    "高热",
    "高压",
    "高度",
    "高兴",
    "高中",
    "高铁",
    "高峰期",
    "早高峰",
    "晚高峰",
    "黄疸",
    "黄体",
    "黄色",
    "白细胞",
    "白天",
    "白色",
    "白内障",
    "白血病",
    "金银花",
    "常常",
    "常规",
    "常见",
    "张开",
    "方便",
    "方法",
    "方面",
    "周末",
    "周围",
    "周岁",
    "许多",
    "于是",
    "马上",
    "明天",
    "明显",
    "时候",
    "时间",
    "江湖",
    "石头",
    "结石",
    "安全",
    "安静",
    "安眠药",
    "温度",
    "康复",
    "文件",
    "成人",
    "成年",
    "成分",
    "连续",
    "关节",
    "关系",
    "关于",
    "甘油",
    "景天",
    "钱包",
    "全身",
    "全部",
    "司机",
    "管理",
    "应该",
    "和好",
    "师傅",
    "宁可",
    "包括",
    "童年",
    "宫颈",
    "宫缩",
    "车祸",
    "毛病",
    "孔雀",
    "龙头",
    "史上",
    "平时",
    "阳性",
    "阳光",
    "单位",
    "单纯",
    "简单",
    "项目",
    "程度",
    "苏醒",
    "熊猫",
    "牛奶",
    "齐全",
    "易怒",
    "乔迁",
    "华法林",
    "谷丙",
    "谷草",
    "曲马多",
    "解热",
    "解释",
    "艾滋",
    "游泳",
    "路上",
    "邢台",
    "向上",
    "向下",
    "古代",
    "吉利",
    "冷汗",
    "冷静",
    "卫生",
    "米饭",
    "宗教",
    "和蔼",
    "沙子",
    "荣幸",
    "明白",
    "查房",
    "查体",
    "查血",
    "申请",
    "项痛",
    "付款",
    "蓝色",
    "游戏",
    "包扎",
    "左边",
    "左侧",
    "左手",
    "左腿",
    "左眼",
    "左胸",
    "柳州",
    "党员",
    "商场",
    "甄别",
    "危险",
    "何时",
    "何况",
    "任何",
    "余下",
    "任务",
    "于此",
    "晏起",
    "管床",
    "管子",
    "姜汤",
    "朱砂",
    "苗条",
    "边上",
    "边缘",
    "温水",
    "司法",
    "双方",
    "谢谢",
    "安排",
    "麻烦",
    "方案",
    "老高",
    "小苏打",
    "小石头",
    "小白菜",
    "小白兔",
    "小金鱼",
    "高兴",
    "马桶",
    "叶酸",
    "钙片",
    "雷贝",
    "罗红霉素",
    "阿莫西林",
    "阿司匹林",
    "阿托伐",
    "尤其",
    "高压氧",
    "高原",
    "骆驼",
    "朱红",
    "梅毒",
    "汪汪",
    "黄斑",
    "黄体酮",
    "胡萝卜",
    "胡说",
    "何必",
    "康复科",
    "石膏",
    "冯氏",
    "金黄色",
    "金属",
    "陆续",
    "严重",
    "严格",
    "毛囊",
    "毛发",
    "房颤",
    "房间",
    "孔子",
    "葛根",
    "柴胡",
    "蒲公英",
    "苏打",
    "甘草",
    "杜仲",
    "石斛",
    "白术",
    "黄芪",
    "黄连",
    "牛黄",
    "姜黄",
    "苏州",
    "常州",
    "温州",
    "包头",
    "吉林",
    "江苏",
    "江西",
    "黄山",
    "金华",
    "宁波",
    "宁夏",
    "武汉",
    "贵州",
    "马来",
    "周边",
    "周期",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周天",
    "时段",
    "毕业",
    "钟头",
    "钟点",
    "秦皇岛",
    "江门",
    "曲靖",
    "洪水",
    "卢湾",
    "花生",
    "欧洲",
    "欧美",
    "杨梅",
    "梁山",
    "林子",
)

# Surname characters that are also everyday words; they need more than a title to count.
AMBIGUOUS = frozenset("和时明全应师成安文常向车单管关解查路商宁连党米冷包华古吉谷游简景房席宗")

H = r"[\u4e00-\u9fff]"
_surname = "|".join(sorted(SURNAMES_2, key=len, reverse=True)) + f"|[{SURNAMES_1}]"
_CANDIDATE = re.compile(rf"(?:{_surname})(?:{H}){{0,2}}")
_title_alt = "|".join(sorted(TITLES, key=len, reverse=True))
_TITLED = re.compile(rf"(?P<name>(?:{_surname}){H}{{0,2}}?)(?P<title>{_title_alt})")
_FAMILIAR_RE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:老|小)[{FAMILIAR}](?![\u4e00-\u9fff])"
    rf"|(?:老|小)[{FAMILIAR}](?=[，,。！？!?、\s说讲让叫帮给和跟也都在是推介绍告问])"
    rf"|(?<=[事友学居哥姐弟妹])(?:老|小)[{FAMILIAR}]"
)
_FAMILIAR_MORE = re.compile(
    rf"(?:^|(?<=[，,。！？!?\s：:]))(?:老|小)[{FAMILIAR}](?:头)?(?=[\u4e00-\u9fff])"
    rf"|(?:老|小)[{FAMILIAR}](?=(?:{_title_alt}))|老[{FAMILIAR}]头"
)
_AH = re.compile(r"(?<![\u4e00-\u9fff])阿[\u4e00-\u9fff](?=[的说是也在和跟，,\s])")
_AH_EXCLUDE = (
    "阿姨",
    "阿婆",
    "阿公",
    "阿伯",
    "阿叔",
    "阿嬷",
    "阿司",
    "阿莫",
    "阿胶",
    "阿片",
    "阿奇",
)
_EN_RELATION = re.compile(
    rf"\b(?:my|our|his|her) (?:mom|mum|mother|dad|father|wife|husband|son|daughter|grandma|"
    rf"grandpa|grandmother|grandfather|aunt|uncle|brother|sister|friend|neighbou?r)\s*"
    rf"(?P<name>(?:{_surname}){H}{{1,2}})",
    re.IGNORECASE,
)
_MOU = re.compile(rf"(?:{_surname})某某?")
_HEADER = re.compile(
    rf"(?:^|[\n，,。；;：:\s])(?P<name>(?:{_surname}){H}{{1,2}})"
    r"(?=[，,、\s]*(?:男|女|\d{1,3}岁))"
    r"(?=[，,、\s]*(?:男|女|\d{1,3}岁))"
    rf"|^(?P<lead>(?:{_surname}){H}{{1,2}})(?=[，,、\s]+\d)"
)
_cue_alt = "|".join(sorted(CUES, key=len, reverse=True))
_CUED = re.compile(rf"(?P<cue>{_cue_alt})[：:\s,，是叫]{{0,2}}(?P<name>(?:{_surname}){H}{{1,2}})")
_RELATION_AFTER = re.compile(
    rf"(?P<name>(?:{_surname}){H}{{1,2}}?)(?=(?:'s|’s|的(?:女儿|儿子|妈妈|爸爸|母亲|父亲|家属|老公|老婆"
    rf"|丈夫|妻子|爱人|爷爷|奶奶|外婆|外公|孩子|姐姐|妹妹|哥哥|弟弟)))"
)
_SPEAKER = re.compile(
    rf"(?P<name>(?:{_surname}){H}{{1,2}}?)(?=(?:说|讲|让我|告诉|建议|叮嘱|交代|开的|给我开|帮我|问我|打电话|回电话))"
)
_NICK_AFTER_CUE = re.compile(
    rf"(?P<cue>{_cue_alt})[：:\s,，是叫]{{0,2}}(?P<name>阿{H}|小{H}|({H})\3)"
    r"(?=[^\u4e00-\u9fff]|$|[发烧咳疼痛头吐拉的说也在是和跟今昨])"
)
_TRAILING = re.compile(rf"[\s，,](?P<name>(?:{_surname}){H}{{1,2}})\s*[。.!！]?\s*$")
_FAMILIAR_EXCLUDE = (
    "小时",
    "小便",
    "小孩",
    "小儿",
    "老人",
    "老公",
    "老婆",
    "老家",
    "老师",
    "小心",
    "小肠",
    "老年",
    "小腿",
    "小区",
    "老是",
    "小朋",
    "老板",
    "小于",
    "小姐",
    "老毛",
    "小学",
    "老化",
    "小时候",
    "老花",
    "小米",
    "小麦",
    "小便",
    "小王子",
)


def _given_name(text: str, start: int, surname_len: int, max_given: int = 2) -> int:
    """End of a name starting at ``start``: surname plus up to two given-name characters."""
    end = start + surname_len
    for _ in range(max_given):
        if end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in _GIVEN_STOP:
            end += 1
        else:
            break
    return end


def _surname_len(text: str, start: int) -> int:
    return 2 if text[start : start + 2] in SURNAMES_2 else 1


def _is_stop_word(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 1) : end + 3]
    return any(w in window and _overlaps(text, start, end, w) for w in STOP_WORDS)


def _overlaps(text: str, start: int, end: int, word: str) -> bool:
    for m in re.finditer(re.escape(word), text[max(0, start - len(word)) : end + len(word)]):
        s = max(0, start - len(word)) + m.start()
        if s < end and s + len(word) > start:
            return True
    return False


class ChineseNameRecognizer:
    entity = "PERSON"

    def analyze(self, text: str, folded: str) -> list[Entity]:
        found: list[Entity] = []

        def add(start: int, end: int, score: float) -> None:
            if end - start >= 1 and not _is_stop_word(folded, start, end):
                found.append(Entity("PERSON", start, end, text[start:end], score))

        for m in _TITLED.finditer(folded):
            name_start = m.start("name")
            sl = _surname_len(folded, name_start)
            given = m.end("name") - name_start - sl
            title = m.group("title")
            if any(ch in _GIVEN_STOP for ch in folded[name_start + sl : m.end("name")]):
                continue
            if given == 0 and folded[name_start] in AMBIGUOUS:
                continue
            # "张医生" is a name form by itself; short relational titles (姐, 哥) need a full name.
            if given == 0 and len(title) == 1:
                continue
            if given == 0 and folded[name_start : name_start + 2] in _FAMILIAR_EXCLUDE:
                continue
            if given == 0:
                add(name_start, m.end("title"), 0.85)
            else:
                add(name_start, m.end("name"), 0.85)
        for m in _FAMILIAR_RE.finditer(folded):
            if folded[m.start() : m.start() + 2] not in _FAMILIAR_EXCLUDE:
                add(m.start(), m.end(), 0.75)
        for m in _MOU.finditer(folded):
            add(m.start(), m.end(), 0.9)
        for m in _FAMILIAR_MORE.finditer(folded):
            if folded[m.start() : m.start() + 2] not in _FAMILIAR_EXCLUDE:
                add(m.start(), m.end(), 0.75)
        for m in _AH.finditer(folded):
            if m.group() not in _AH_EXCLUDE:
                add(m.start(), m.end(), 0.7)
        for m in _EN_RELATION.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end - start >= 2:
                add(start, end, 0.8)
        for m in _HEADER.finditer(folded):
            start = m.start("name") if m.group("name") else m.start("lead")
            add(start, _given_name(folded, start, _surname_len(folded, start)), 0.85)
        for m in _CUED.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            weak = m.group("cue") in WEAK_CUES
            if end - start < 2:
                continue
            if weak:
                continue  # handled by the titled form ("找张医生") to keep precision
            add(start, end, 0.8)
        for m in _RELATION_AFTER.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end - start >= 2 and end == m.end("name"):
                add(start, end, 0.75)
        for m in _NICK_AFTER_CUE.finditer(folded):
            if m.group("cue") not in WEAK_CUES and m.group("name") not in _FAMILIAR_EXCLUDE:
                name = m.group("name")
                if name[-1] not in _GIVEN_STOP:
                    add(m.start("name"), m.end("name"), 0.75)
        for m in _SPEAKER.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end == m.end("name") and end - start >= 2 and folded[start] not in AMBIGUOUS:
                add(start, end, 0.7)
        for m in _TRAILING.finditer(folded):
            start = m.start("name")
            end = _given_name(folded, start, _surname_len(folded, start))
            if end == m.end("name") and folded[start] not in AMBIGUOUS:
                add(start, end, 0.7)
        return found
