"""The triage safety net: shipped weights load, score clear cases sensibly, match scikit-learn."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from gateway.triage.safety_net import WEIGHTS, SafetyNet, default_safety_net

CLEAR_EMERGENCIES = [
    "crushing chest pain going down my left arm and i'm sweating buckets",
    "my dad suddenly can't lift his right arm and his face is drooping, speech slurred",
    "my son swallowed a bunch of my sleeping pills 20 min ago and is hard to wake",
    "throat closing up after eating peanuts, lips swelling, can't breathe",
    "I have the pills lined up and I'm going to take them all tonight",
    "我爸突然胸口剧痛，满头大汗，喘不上气",
    "我妈突然一边手脚没力气，说话不清楚，嘴歪了",
    "孩子抽搐了十分钟还没停，叫不醒",
    "怀孕34周，突然大量出血，肚子很痛",
    "老公吃了一整瓶安眠药，现在叫不醒",
]

CLEAR_ROUTINE = [
    "can i take ibuprofen with my blood pressure pills?",
    "what time does the clinic open on saturday",
    "need a refill of my metformin prescription please",
    "my toddler has a mild runny nose, no fever, eating fine",
    "请问周六门诊几点开门",
    "想预约下周的体检，需要空腹吗",
    "我的降压药快吃完了，能帮我续开吗",
    "宝宝有点流鼻涕，不发烧，吃奶正常，要紧吗",
]


@pytest.fixture(scope="module")
def net() -> SafetyNet:
    return default_safety_net()


def test_loads_once() -> None:
    assert default_safety_net() is default_safety_net()
    assert 0.5 < default_safety_net().threshold < 1.0


@pytest.mark.parametrize("text", CLEAR_EMERGENCIES)
def test_clear_emergencies_score_high(net: SafetyNet, text: str) -> None:
    assert net.probability(text) >= net.threshold, text


@pytest.mark.parametrize("text", CLEAR_ROUTINE)
def test_clear_routine_scores_low(net: SafetyNet, text: str) -> None:
    assert net.probability(text) < 0.3, text


def test_edge_inputs(net: SafetyNet) -> None:
    for text in ["", " ", "\n\n", "？？？", "a", "😭😭😭"]:
        assert 0.0 <= net.probability(text) <= 1.0


def test_fast_enough(net: SafetyNet) -> None:
    texts = (CLEAR_EMERGENCIES + CLEAR_ROUTINE) * 20
    start = time.perf_counter()
    for text in texts:
        net.probability(text)
    per_message = (time.perf_counter() - start) / len(texts)
    assert per_message < 1e-3  # ~0.05 ms measured; generous bound for slow CI


def test_matches_scikit_learn(net: SafetyNet) -> None:
    np = pytest.importorskip("numpy")
    text_mod = pytest.importorskip("sklearn.feature_extraction.text")
    linear = pytest.importorskip("sklearn.linear_model")
    from gateway.triage.safety_net import normalize

    weights = json.loads(WEIGHTS.read_text("utf-8"))
    vectorizers = []
    coef: list[float] = []
    for block, analyzer, key in (("char", "char", "char_ngrams"), ("word", "word", "word_ngrams")):
        terms = list(weights[block])
        vec = text_mod.TfidfVectorizer(
            analyzer=analyzer, ngram_range=tuple(weights[key]), sublinear_tf=True,
            preprocessor=normalize, token_pattern=weights["word_pattern"],
            vocabulary={t: i for i, t in enumerate(terms)},
        )
        vec.idf_ = np.array([weights[block][t][0] for t in terms])
        vectorizers.append(vec)
        coef += [weights[block][t][1] for t in terms]
    lr = linear.LogisticRegression()
    lr.classes_ = np.array([False, True])
    lr.coef_ = np.array([coef])
    lr.intercept_ = np.array([weights["intercept"]])

    sparse = pytest.importorskip("scipy.sparse")
    texts = [*CLEAR_EMERGENCIES, *CLEAR_ROUTINE, "", "  two  spaces\tand\ttabs ", "ＦＵＬＬ width！！"]
    with open(Path(__file__).parent.parent / "data" / "triage_dev.jsonl", encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh][:200]
    features = sparse.hstack([v.transform(texts) for v in vectorizers]).tocsr()
    expected = lr.predict_proba(features)[:, 1]
    got = [net.probability(t) for t in texts]
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) < 1e-6
