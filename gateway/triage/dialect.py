"""Fold traditional characters and written Cantonese onto the simplified Mandarin the lexicons
are written in, so one pattern covers "頭痛得很厲害", "头痛得很厉害" and "個頭好痛".

Every replacement keeps the text's length (one character for one, a phrase for a phrase of the
same length), so spans found on the folded text are spans of the original message.
"""

from __future__ import annotations

import re

# Traditional -> simplified, one character each: the characters patients write about symptoms,
# people, time and medicines (not a full conversion table; an unknown character stays as is).
_TRAD = (
    "個們這裡裏麼會說話講頭發燒燙醫藥後來時現點還過對開關問題見覺氣難悶壓緊臟臉邊側腳軟無沒動"
    "彈語識暈應淚濕腫癢紅塊嚨噁嘔瀉懷週產陰傷斷電擊車禍槍殺聽幫給讓買賣錢張條紙書寫媽爺孫兒歲寶"
    "嬰親從樓層號機進鐘鍾錯長門間閃視線聲聯絡終結經綠藍蒼膽腦髒變體溫熱涼凍滾顫戰癇癲驚嚇劑針貼"
    "術腎腸膿嚴厲劇歷當壞幾隻雙隨處嗎護檢驗診療愛憂鬱亂為與將樣東態總員實際級極據擠損換搶報續溼"
    "獨環畢礙穩節細網義習聞膚膠臨興舊補裝製觸計記許評試該認誤請讀議負責費資趕軍輕輸轉辦鄰鉀鈉鋼"
    "錄閉陣陽險隱雞離雜靜順須預頸額顏願類顯風飛飯飲餅餓館馬鬆魚鳥鹽麵齒龍帶傳嗆喚囑圍國場夠夢婦"
    "學屬幹廁廚廣廳徑復掛揀搖撥擋數暫構樂標權沖決況淨淺測湧漲潰爐牆瘋盡監盤碼磚稱窩簡紅約紛統絕"
    "絲綁緩練縮繃繞繼纏聖脈蓋薑衝褲規觀訴詢詳誰課調談證貓貨質購跡躍較週遲適遺還釋銀鎖鏈閱隊階"
    "雖雲霧響項頂頓領頻顧飽髮鬥鬧鮮麥黃齡癒瘡癥瘓癱頰濃積勁著裡癡蝦蟲衛嚥擔攝擁兩島餃顆睏襲啞慘憊濾灑滲脹痺懸絞鑽撐擰擱紮縫繩樑橋臺檯勞嗚彎鏽釘鏟遞燈葯兇災鹼"
)
_SIMP = (
    "个们这里里么会说话讲头发烧烫医药后来时现点还过对开关问题见觉气难闷压紧脏脸边侧脚软无没动"
    "弹语识晕应泪湿肿痒红块咙恶呕泻怀周产阴伤断电击车祸枪杀听帮给让买卖钱张条纸书写妈爷孙儿岁宝"
    "婴亲从楼层号机进钟钟错长门间闪视线声联络终结经绿蓝苍胆脑脏变体温热凉冻滚颤战痫癫惊吓剂针贴"
    "术肾肠脓严厉剧历当坏几只双随处吗护检验诊疗爱忧郁乱为与将样东态总员实际级极据挤损换抢报续湿"
    "独环毕碍稳节细网义习闻肤胶临兴旧补装制触计记许评试该认误请读议负责费资赶军轻输转办邻钾钠钢"
    "录闭阵阳险隐鸡离杂静顺须预颈额颜愿类显风飞饭饮饼饿馆马松鱼鸟盐面齿龙带传呛唤嘱围国场够梦妇"
    "学属干厕厨广厅径复挂拣摇拨挡数暂构乐标权冲决况净浅测涌涨溃炉墙疯尽监盘码砖称窝简红约纷统绝"
    "丝绑缓练缩绷绕继缠圣脉盖姜冲裤规观诉询详谁课调谈证猫货质购迹跃较周迟适遗还释银锁链阅队阶"
    "虽云雾响项顶顿领频顾饱发斗闹鲜麦黄龄愈疮症痪瘫颊浓积劲着里痴虾虫卫咽担摄拥两岛饺颗困袭哑惨惫滤洒渗胀痹悬绞钻撑拧搁扎缝绳梁桥台台劳呜弯锈钉铲递灯药凶灾碱"
)
assert len(_TRAD) == len(_SIMP), (len(_TRAD), len(_SIMP))
_TABLE = str.maketrans(_TRAD, _SIMP)
_HAN_OR_CANTO = re.compile(f"[{re.escape(_TRAD)}佢唔冇咗嘅喺啲俾睇攰晒瞓嘢啱依而紧食亲呕手懵跌对]")

# Written Cantonese (after the character fold) -> Mandarin, each replacement as long as the
# phrase it replaces. Longer phrases first.
_CANTONESE: dict[str, str] = {
    "懵懵哋": "迷迷糊",
    "佢哋": "他们",
    "而家": "现在",
    "依家": "现在",
    "宜家": "现在",
    "啱啱": "刚刚",
    "讲嘢": "说话",
    "食嘢": "吃饭",
    "眼瞓": "嗜睡",
    "手震": "手抖",
    "跌亲": "摔了",
    "呕咗": "吐了",
    "食咗": "吃了",
    "食紧": "吃着",
    "打紧": "打着",
    "用紧": "用着",
    "贴紧": "贴着",
    "佢": "他",
    "唔": "不",
    "冇": "没",
    "咗": "了",
    "嘅": "的",
    "喺": "在",
    "啲": "些",
    "俾": "给",
    "睇": "看",
    "攰": "累",
    "瞓": "睡",
}
# "出晒冷汗", "肿晒", "乱晒": 晒 after a verb or adjective means "all" (not sunning oneself).
_ALL_SUFFIX = re.compile(r"(?<=[出肿乱湿红紫冻交烂青黑白])晒(?![太伤黑干])")
_PHRASE = re.compile("|".join(sorted(map(re.escape, _CANTONESE), key=len, reverse=True)))
# "对虾敏感": Cantonese for "allergic to prawns".
_ALLERGIC = re.compile(r"(?<=[^。！？，,\s]{1})敏感(?=[，,。\s]|$)")


def fold(text: str) -> str:
    """The message with traditional characters and written Cantonese in simplified Mandarin."""
    if not _HAN_OR_CANTO.search(text):
        return text
    text = text.translate(_TABLE)
    text = _PHRASE.sub(lambda m: _CANTONESE[m.group()], text)
    text = _ALL_SUFFIX.sub("了", text)
    return _ALLERGIC.sub("过敏", text)
