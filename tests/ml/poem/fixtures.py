"""Tiny poem models (GRU width 16) saved as real checkpoints, with a small real corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ZH_POEMS = [
    "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。",
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
    "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。",
    "朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。",
    "两个黄鹂鸣翠柳，一行白鹭上青天。窗含西岭千秋雪，门泊东吴万里船。",
    "月落乌啼霜满天，江枫渔火对愁眠。姑苏城外寒山寺，夜半钟声到客船。",
    "清明时节雨纷纷，路上行人欲断魂。借问酒家何处有，牧童遥指杏花村。",
]
EN_POEMS = [
    "Shall I compare thee to a summer's day?\nThou art more lovely and more temperate:\n"
    "Rough winds do shake the darling buds of May,\nAnd summer's lease hath all too short a date:\n",
    "The sea is calm tonight, the moon lies fair\nUpon the straits; on the French coast the light\n"
    "Gleams and is gone; the cliffs of England stand\nGlimmering and vast, out in the tranquil bay.\n",
    "I wandered lonely as a cloud\nThat floats on high o'er vales and hills,\n"
    "When all at once I saw a crowd,\nA host, of golden daffodils;\n",
]


def tiny_corpus(language: str):
    import numpy as np

    from artdesk.ml.poem.data import EN_TAGS, ZH_TAGS, encode_records
    from artdesk.ml.poem.vocab import Vocab

    if language == "zh":
        records = [{"form": "<7j>" if len(p) == 32 else "<5j>", "keywords": p[2:4], "body": p} for p in ZH_POEMS]
        chars = sorted(set("".join(ZH_POEMS)) | set("春夏秋冬山水"))
        vocab = Vocab.build(ZH_TAGS, chars)
    else:
        records = [{"form": "<abab>", "keywords": "sea moon", "body": p} for p in EN_POEMS]
        chars = sorted(set("".join(EN_POEMS)) | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.;:!?'-\n"))
        vocab = Vocab.build(EN_TAGS, chars)
    return vocab, encode_records(records, vocab).astype(np.int64), records


EN_CHARS = sorted(set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.;:!?'\"()&-"))


def lexicon_vocab():
    """A word vocabulary of the 3000 most frequent corpus words (plenty of rhymes) and the poems' punctuation."""
    from artdesk.ml.poem import lexicon
    from artdesk.ml.poem.data import EN_TAGS
    from artdesk.ml.poem.words.tokenizer import WordVocab

    words = list(lexicon.en_word_counts())[:3000]
    body = "\n".join(" ".join(words[i:i + 10]) + "," for i in range(0, len(words), 10)) + "\n"
    recs = [{"form": "<abab>", "keywords": "", "body": body}, {"form": "<aabb>", "keywords": "", "body": "A b.\nC d!\nE?;:\n"}]
    return WordVocab.build(recs, EN_TAGS, [c for c in EN_CHARS if c != "\n"], 3000)


def tiny_word_model(seed: int = 1):
    """An untrained word-level model (embedding 16, LSTM 32) over ``lexicon_vocab``, loaded as the app loads one."""
    import torch

    from artdesk.ml.poem.loader import model_from_parts
    from artdesk.ml.poem.words.model import WordPoemConfig, WordPoemLSTM

    torch.manual_seed(seed)
    vocab = lexicon_vocab()
    return model_from_parts(WordPoemLSTM(WordPoemConfig(len(vocab), 16, 32, cutoffs=(200,))), vocab, "tiny-en-words")


def save_tiny_word_model(root: Path, name: str = "tiny-en-words") -> Path:
    """``tiny_word_model`` saved as a real ``poem-words`` checkpoint."""
    from artdesk.ml.poem.words.train import save_model

    poem = tiny_word_model()
    return save_model(poem.model, root / "poem" / name, poem.vocab, half=False, name=name,
                      description="tiny word test model", data={"source": "test words", "licence": "public domain"})


def save_tiny_poem_model(root: Path, language: str, name: str | None = None) -> Path:
    import torch

    from artdesk.ml.poem.model import PoemConfig, PoemRNN
    from artdesk.ml.poem.train import save_model

    torch.manual_seed(0)
    vocab, stream, _ = tiny_corpus(language)
    model = PoemRNN(PoemConfig(len(vocab), language, embed=8, hidden=16, layers=1, dropout=0.0))
    name = name or f"tiny-{language}"
    return save_model(model, root / "poem" / name, vocab, stream, name=name, description="tiny test model",
                      data={"source": "test poems", "licence": "public domain"}, training={}, metrics={})


@pytest.fixture(scope="session")
def tiny_poem_models(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("poem-models")
    return {language: save_tiny_poem_model(root, language) for language in ("zh", "en")}


@pytest.fixture
def zh(tiny_poem_models):
    """The tiny Chinese model, loaded."""
    from artdesk.ml.poem.loader import get_poem_model

    return get_poem_model(tiny_poem_models["zh"])


@pytest.fixture
def en(tiny_poem_models):
    """The tiny English model, loaded."""
    from artdesk.ml.poem.loader import get_poem_model

    return get_poem_model(tiny_poem_models["en"])
