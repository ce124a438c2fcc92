"""Triage table for suicide: emergencies and traps that must not be, in both languages."""

from __future__ import annotations

import pytest

from tests.triage.helpers import check, triage

EMERGENCIES = [
    "我不想活了，药都准备好了",
    "i want to kill myself tonight",
    "活着没意思，今晚就结束吧",
    "I've been cutting my wrists again and it won't stop",
    "thinking about jumping in front of a train",
    "想自杀",
    "活着太累了，安眠药已经攒了一瓶",
    "我真的撑不下去了，今晚就想走了",
    "i just want it all to stop, i have enough pills saved to do it",
    "i've decided tonight is the night",
    "my son posted on instagram that he's saying goodbye and won't answer his phone",
    "friend is talking about killing herself, she has a knife",
    "我不想拖累家人了，今天想一死了之",
    "wo xiang zi sha",
    "I can't keep myself safe tonight",
    "my mate says he's going to hang himself, he's not answering",
    "我已经想好怎么死了，就在今晚",
    "Tonight my son gave his guitar to his best mate and said you won't need to worry about me anymore",
    "i don't see any way out, i'm going to jump tonight",
    'I am not want to live any more, already write letters',
    "tonight i'm going to do it, the pills are lined up",
    '她留了张纸条说对不起大家 现在电话打不通 之前说过想死',
    "he keeps saying we'd be better off without him and he's giving his things away to his mates",
    "my daughter cut herself really deep and won't let me see it",
    "i've got the rope ready and i'm going to do it when everyone's asleep",
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    'idk why im texting this but i took a razor to my wrists and its not stopping',
    'my 14 yo daughter has been searching how many paracetamol it takes to die, shes in her room now',
    '😭😭 我女朋友 wrist 割了 好多血 stop 不了',
    '我儿子说他活着就是个累赘 刚才把自己锁在厕所里',
    'my son posted on his instagram that this is his last day, cant reach him',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    "kinda feel like i might not be here tomorrow, i've sorted my things out and written letters",
    'been saving up my tablets for a while now, i think i have enough',
    "i've given my dog to my neighbour and written goodbye letters to my kids",
    '我把存款都转给我妹了，遗书写好放在抽屉里',
    '他说以后你们不用管我了，把手机和电脑都送人了',
    "my brother keeps saying it'll all be over soon and he's been looking up how to tie a noose",
    '我可能想多了，我女儿最近把她的东西都分给同学了，还说谢谢大家的照顾',
    'i think my friend might be planning something, she gave me her favourite necklace and said to remember her',
    "I've been researching how many of my antidepressants it would take, sorry to bother",
    '这几天一直在查吃多少片安眠药会睡过去',
    'ctb tonight, sorry everyone',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    "she keeps saying we'd be better off without her and she gave me her dog and her bank card",
    "I'm not going to be a burden anymore, the tablets are lined up on my desk",
    'he posted "see you all on the other side" and now he is not answering',
    'how long would 30 paracetamol take to work, asking for myself',
    '想好好睡一觉不用再醒过来，药我都攒够了',
    '個仔鎖咗房門，留低張紙話對唔住，打電話都唔聽',
    '阿媽成日話活落去都冇意思，今日將啲錢交晒俾我',
    '老爸抑郁症，把他的存折都给了我，说以后别找他，电话现在打不通',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "我哥想不开 说要寻短见 现在人找不到了",
    "我妹想不开要跳河 刚给我打的电话",
]

NOT_EMERGENCIES = [
    "不是想自杀，就是心情不好睡不着",
    "i'm not suicidal, just stressed about exams",
    "this homework is killing me",
    "笑死我了",
    "累死了，想睡觉",
    "I'm dying to know my test results",
    "烦死了，这个报表做得我想死的心都有了，能开个病假条吗",
    "my brother died by suicide, is depression genetic",
    "I want to die of embarrassment lol, I tripped in front of my whole class",
    "有时候觉得活着挺累的，但是不会做傻事，想找人聊聊",
    "最近压力大，觉得很累，但是绝对不会伤害自己",
    "tonight is the night of my big exam lol, any tips for nerves",
    "I cut myself shaving this morning and it bled a bit, stopped with a tissue",
    "切菜不小心割了自己一下，贴了创可贴",
    'gave my old bike to my cousin since i never ride it',
    '把不穿的衣服都送人了 断舍离真舒服',
    "years ago i tried to end my life, i'm well now, can i reduce my meds",
    "what's the number for the suicide hotline, asking for a school project",
    "my brother says he's going to kill me if i eat his leftovers haha",
    '我不想活得这么累 想换工作',
    # Round 10: phrasings from tests/data/triage_train10.jsonl and their variants.
    '开会开得我想死 😩',
    '热得想死 空调坏了',
    # Round 11: understated, sign-described and indirect phrasings (triage_train11 families).
    'gave my old books to my niece and wrote her a letter for her birthday',
    'i want to make a will, who can witness it?',
    'sorted my things out for the move next week, very stressed',
    '我们搬家，把家具都送人了',
    "i'm writing a farewell card for my colleague, what should i say",
    'my grandma wrote a will last year, can she change her GP?',
    '我女儿把玩具都送给表妹了，她长大了不玩了',
    '我爷爷立了遗嘱，身体挺好的，就是想提前安排',
    '在看一本小说，女主角写了遗书，看哭了',
    '上班累成狗，活不下去了哈哈',
    # Round 12: chronic illness, medicines, caregivers, forwarded, Cantonese and traditional.
    'my daughter wants to move abroad and gave me her bike, she is so happy',
    "today was so busy I'm drowning at work, need a sick note",
    '今日返工忙到想死，有冇病假紙',
    'thanks for everything, the appointment went well, see you next month',
    # Round 13: colloquial Chinese (tests/data/triage_train13.jsonl and variants).
    "电视剧里面的人喝农药了 看得我哭死了",
    "我最近有点想不开 工作上的事 没有伤害自己的想法",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency(text: str) -> None:
    check(text, "emergency", "suicide")


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_not_emergency(text: str) -> None:
    result = triage(text)
    assert result.level != "emergency", f"{text!r}: {result}"
