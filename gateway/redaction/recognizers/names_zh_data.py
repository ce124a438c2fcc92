"""Word lists for Chinese-name recognition (surnames, titles, cues, stop words).

Data only: edit these to tune names_zh without touching its logic.
"""

from __future__ import annotations

# Single-character surnames, most common first.
SURNAMES_1 = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝傅洪郁鞠阚闻冀郦"
)


# Compound surnames.
SURNAMES_2 = tuple(
    """
    欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐
    端木 独孤 南宫 西门 澹台 申屠
    """.split()
)


# Surnames common enough for the 老X / 小X forms.
FAMILIAR = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏"
    "魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏"
)


# Titles and address terms that follow a surname or name.
TITLES = tuple(
    """
    医生 大夫 护士 护士长 主任 副主任 教授 老师 先生 女士 小姐 阿姨 叔叔 大爷
    大妈 奶奶 爷爷 院长 药师 医师 师傅 总 经理 同学 姐 哥 伯 婶 姨 叔 太太
    老板 小朋友
    """.split()
)


# Phrases that introduce a name.
CUES = tuple(
    """
    我叫 我是 本人 患者 病人 病患 家属 姓名 名字叫 名字是 名叫 叫做 联系人
    监护人 署名 签名 孩子叫 宝宝叫 儿子叫 女儿叫 我妈 我爸 我妈妈 我爸爸 我母亲
    我父亲 我老公 我老婆 我丈夫 我妻子 我爱人 我儿子 我女儿 我爷爷 我奶奶 我外婆
    我外公 我姥姥 我姥爷 我哥 我姐 我弟 我妹 我婆婆 我公公 我岳母 我岳父 我孙子
    我孙女 我朋友 我同事 我邻居 主治医生 主治医师 管床医生 接诊医生 医生是 大夫是
    叫我 户名 收件人 收货人 名字 大名 小名 户主 持卡人 开户名 委托人 叫 妹妹 姐姐
    哥哥 弟弟 女儿 儿子 妈妈 爸爸 老公 老婆 丈夫 妻子 爱人 舅舅 舅妈 姑姑 姑父
    姨妈 姨父 外甥 侄子 侄女 孙子 孙女 婆婆 公公 岳母 岳父 女朋友 男朋友 对象
    室友 同事 朋友 邻居 宝宝 孩子 找 挂了 挂的 挂号 预约了 转告 告诉 给 和 跟
    问 奶奶 爷爷 外婆 外公 姥姥 姥爷 开户人 收款人 账户名 申请人 代办人 陪护人 经办人
    投保人 被保险人 受益人 就诊人 患者姓名 病人姓名 他爸 他妈 她爸 她妈 孩子他爸 孩子他妈
    孩子爸爸 孩子妈妈 他老婆 她老公 闺女 儿媳 女婿 侄女 外孙 外孙女 孙媳 老伴儿
    """.split()
)


# Cues that are common verbs/prepositions: they need more evidence (see names_zh).
WEAK_CUES = frozenset(
    ["告诉", "和", "找", "挂了", "挂号", "挂的", "给", "跟", "转告", "问", "预约了"]
)


# Characters that end a given name: particles, verbs, body parts, time words.
GIVEN_STOP_CHARS = (
    "他她我你"
    "一七三上下不与两个中为主九也了二五些今从会伯但住便做先八六冷几分到前医十半去又及发叔叫号"
    "吃同后吐吗吧呀告呢周和咳哥哦啊喝嘛嘴四因在外多天太头女奶如妈姐姨婶学对就尿岁已师帮年很得"
    "总患想感所手才打把护拉教日时昨是晕最月有来板果某查次每没点烧热爷牙疼病痛的看眼着经给老而"
    "耳肚背胸能脚腰腹腿药血被要让讲说跟过还这那都里问阿院电微身"
)


# Words that begin with a surname character but are not names.
STOP_WORDS = tuple(
    """
    费用 查出 桥本 和田 孙子 孙女 万一 双胞胎 程序 苗头 祝福 龙眼 杜绝 石榴 梅花 华为 连锁 房子 包子
    高血压 高血糖 高血脂 高烧 高热 高压 高度 高兴 高中 高铁 高峰期 早高峰 晚高峰
    黄疸 黄体 黄色 白细胞 白天 白色 白内障 白血病 金银花 常常 常规 常见 张开
    方便 方法 方面 周末 周围 周岁 许多 于是 马上 明天 明显 时候 时间 江湖 石头
    结石 安全 安静 安眠药 温度 康复 文件 成人 成年 成分 连续 关节 关系 关于
    甘油 景天 钱包 全身 全部 司机 管理 应该 和好 师傅 宁可 包括 童年 宫颈 宫缩
    车祸 毛病 孔雀 龙头 史上 平时 阳性 阳光 单位 单纯 简单 项目 程度 苏醒 熊猫
    牛奶 齐全 易怒 乔迁 华法林 谷丙 谷草 曲马多 解热 解释 艾滋 游泳 路上 邢台
    向上 向下 古代 吉利 冷汗 冷静 卫生 米饭 宗教 和蔼 沙子 荣幸 明白 查房 查体
    查血 申请 项痛 付款 蓝色 游戏 包扎 左边 左侧 左手 左腿 左眼 左胸 柳州 党员
    商场 甄别 危险 何时 何况 任何 余下 任务 于此 晏起 管床 管子 姜汤 朱砂 苗条
    边上 边缘 温水 司法 双方 谢谢 安排 麻烦 方案 老高 小苏打 小石头 小白菜
    小白兔 小金鱼 高兴 马桶 叶酸 钙片 雷贝 罗红霉素 阿莫西林 阿司匹林 阿托伐 尤其
    高压氧 高原 骆驼 朱红 梅毒 汪汪 黄斑 黄体酮 胡萝卜 胡说 何必 康复科 石膏
    冯氏 金黄色 金属 陆续 严重 严格 毛囊 毛发 房颤 房间 孔子 葛根 柴胡 蒲公英
    苏打 甘草 杜仲 石斛 白术 黄芪 黄连 牛黄 姜黄 苏州 常州 温州 包头 吉林 江苏
    江西 黄山 金华 宁波 宁夏 武汉 贵州 马来 周边 周期 周一 周二 周三 周四 周五
    周六 周日 周天 时段 毕业 钟头 钟点 秦皇岛 江门 曲靖 洪水 卢湾 花生 欧洲
    欧美 杨梅 梁山 林子 韩国 方子 石子 胡子 金子 杜鹃 白云 马达 江山 石林 林立
    麻醉 收费处 挂号处 服务台 全名
    """.split()
)


# Surname characters that are also everyday words; need more than a title.
AMBIGUOUS_CHARS = (
    "党全关冷包华单古吉向和商宁安宗师席常应成房文时明景查游简管米解谷路车连"
)


# 阿X words that are not nicknames.
AH_EXCLUDE = tuple(
    """
    阿姨 阿婆 阿公 阿伯 阿叔 阿嬷 阿司 阿莫 阿胶 阿片 阿奇
    """.split()
)


# 老X / 小X words that are not people.
FAMILIAR_EXCLUDE = tuple(
    """
    小时 小便 小孩 小儿 老人 老公 老婆 老家 老师 小心 小肠 老年 小腿 小区 老是
    小朋 老板 小于 小姐 老毛 小学 老化 小时候 老花 小米 小麦 小便 小王子
    """.split()
)


# Characters common in given names. A surname followed by these is a plausible full name;
# used (with a cue or clause boundary) to find names that have no title or cue word.
GIVEN_CHARS = frozenset(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀英霞刚桂兰华建国红玉萍辉鹏飞林海波宁峰斌宇浩凯"
    "健俊帆帅旭鑫晨琳雪婷倩颖欣悦佳慧莉蓉梅燕晶玲凤珍云丹彤菲宏志德福荣贵春秋冬永庆喜"
    "财宝银根松柏梓轩涵睿博瑞泽晓鸣雨思若诗琪嘉怡梦宸昊然铭逸康乐兴亮耀振东正义礼智信"
    "仁忠孝龙虎豪雄卫兵锋剑彬翔程达远航川江泉清洁淑贞惠美香芬芝菊莲蓓蕾薇妍娇婉媛姗琴"
    "瑶璐露霖雯韵岚青翠碧珊琦瑾璇晗晴曦昕昱晟晖煜炜烨焕熙楠桐森杉枫栋权民友顺祥富贤良"
    "明勤奋胜坤乾泰宾朋昌盛旺隆茂兆聪灵艺芸蕊馨星辰琛骏驰腾跃巍峥嵘坚毅诚恩君伦冰娅姝婧"
    "钰珂玥伊依婕嫣锦绣敬霏萱瑜璟琰堃鹤舟帆凡斐昭晋豫蒙皓哲翰墨涛浚源沛淳澜桦楷槐柱杨"
    "云兰芹萍萌苗莺燕鹃凤娥嫦姣妮姿娴婷媚秀丽芳宇宙阳子文平诺"
)
# Two-character words made only of given-name characters that are not names.
GIVEN_STOP_WORDS = frozenset(
    """
    平安 安静 康复 健康 清洁 美丽 顺利 快乐 兴奋 聪明 正常 国家 东西 中国 民族 江湖 明白
    """.split()
)
# Kinship and address terms directly followed by a bare given name ("堂哥建军", "叫她晓红").
KIN_GIVEN_CUES = tuple(
    """
    堂哥 堂姐 堂弟 堂妹 表哥 表姐 表弟 表妹 老伴 叫她 叫他 发小 闺蜜 干妈 干爸 大姐 二姐
    大哥 二哥 三哥 小姨 大姨 小舅 大舅 姐夫 妹夫 嫂子 弟媳 儿媳 女婿 侄子 外甥 外甥女
    """.split()
)
# Verbs/prepositions that put a person after them ("跟刘芳说", "陪王丽去"). A name after one
# of these needs plausible given-name characters.
# Very common words that put a person after them only when a full three-character name follows
# ("今天是邱美玲陪我来的").
STRICT_PERSON_VERBS = ("是", "由", "到", "替")
PERSON_VERBS = tuple(
    """
    跟 和 与 给 让 陪 带 问 找 请 叫 告诉 转告 通知 麻烦 谢谢 感谢 联系 等 替 帮 喊
    """.split()
)
# What follows a name in a clause ("王建国明天来", "刘芳说"): used for names with no cue.
NAME_FOLLOW = (
    "他她我你一上下早晚突最总经常再没不被把说讲来去在明今昨也都和跟让叫要想会已刚又就还帮陪带给问找打是的"
    "发咳住做吃睡"
    "，,。.！!？?、；; \t"
)
# What follows a two-character name (surname + one given character) opening a clause:
# time words and reporting verbs only ("陆阳明天出差", "李娜昨天做的胃镜", "宋佳说").
SHORT_NAME_FOLLOW = tuple(
    """
    明天 今天 昨天 前天 后天 刚才 刚刚 已经 下周 上周 这周 本周 早上 晚上 上午 下午 中午
    今早 明早 今晚 昨晚 说 住院 出院 做了 做的 和我 跟我 让我 叫我 告诉我 打电话 发烧 咳嗽
    """.split()
)
# Relations written in parentheses after a name: "郭美玲（我表姐）".
PAREN_RELATIONS = tuple(
    """
    表姐 表哥 表妹 表弟 堂姐 堂哥 堂妹 堂弟 姐姐 哥哥 妹妹 弟弟 妈妈 爸爸 母亲 父亲 老公 老婆
    丈夫 妻子 爱人 儿子 女儿 朋友 同事 邻居 舅舅 舅妈 姨妈 姑姑 婆婆 公公 岳母 岳父 奶奶 爷爷
    外婆 外公 孙子 孙女 姐 哥 妹 弟 妈 爸 家属 孩子 同学 室友 闺蜜
    """.split()
)
# Reduplicated words that are not nicknames ("孩子宝宝38.5度", "我妈妈说").
DOUBLED_WORDS = frozenset(
    """
    宝宝 妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 爷爷 奶奶 姥姥 姥爷 公公 婆婆 叔叔 舅舅 伯伯 姑姑 娃娃
    星星 天天 常常 刚刚 慢慢 好好 渐渐 偏偏 往往 人人 谢谢 看看 试试 问问 想想 说说 等等 点点
    早早 时时 处处 个个 样样 次次 年年 月月 日日 夜夜 明明 稍稍 久久 多多 大大 小小 宝贝
    """.split()
)
# Roles written before a name ("护士长刘芳", "主治医师王建国", "药师李明").
ROLES_BEFORE = tuple(
    """
    护士长 护士 医生 大夫 主任 主任医师 副主任医师 主治医师 主治医生 住院医师 管床医生 药师 医师
    院长 教授 专家 护工 社工 营养师 康复师 治疗师 技师 责任护士 规培医生 实习医生 科主任
    """.split()
)
# Words after a name that introduce that person's number ("李娜电话1358…").
NUMBER_AFTER = tuple("电话 手机 手机号 电话号码 身份证 身份证号 微信 联系方式".split())
# Compound surnames that are never ordinary words: a clause-initial name needs no cue
# ("上官婉儿的体检报告"). 东方, 西门, 南宫 and 长孙 are left out (directions, kin).
STRONG_SURNAMES_2 = tuple(
    """
    欧阳 司马 上官 诸葛 皇甫 尉迟 公孙 慕容 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 澹台 申屠
    """.split()
)
