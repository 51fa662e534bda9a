"""Training (time-budgeted, resumable, best-on-held-out), checkpoint round trip, bits/char, fine-tune input checks."""
import numpy as np
import pytest
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import RecordingContext
from artdesk.ml.poem.finetune import STANZA, read_user_text, split_poems, user_records
from artdesk.ml.poem.loader import get_poem_model
from artdesk.ml.poem.model import PoemConfig, PoemRNN
from artdesk.ml.poem.train import bits_per_char, save_model, target_mask, train_model
from tests.ml.poem.fixtures import tiny_corpus


def test_target_mask_scores_bodies_and_eos_only():
    vocab, stream, records = tiny_corpus("zh")
    mask = target_mask(stream, vocab)
    assert mask.sum() == sum(len(r["body"]) + 1 for r in records)
    assert not mask[stream == vocab.index["<sep>"]].any() and mask[stream == vocab.index["<eos>"]].all()


def test_training_lowers_held_out_bits_and_resumes(tmp_path):
    torch.manual_seed(0)
    vocab, stream, _ = tiny_corpus("en")
    model = PoemRNN(PoemConfig(len(vocab), "en", embed=8, hidden=16, layers=1, dropout=0.0))
    before = bits_per_char(model, stream, vocab, "cpu")
    state = tmp_path / "state.pt"
    first = train_model(model, stream, stream, vocab, seconds=3.0, state_path=state, device="cpu", batch=4, seq=64,
                        lr=1e-2, ctx=RecordingContext(), eval_every=1.0, eval_tokens=2000)
    after = bits_per_char(model, stream, vocab, "cpu")
    assert first["steps"] > 0 and state.exists() and after < before
    again = PoemRNN(model.config)
    second = train_model(again, stream, stream, vocab, seconds=1.0, state_path=state, device="cpu", batch=4, seq=64,
                         lr=1e-2, ctx=RecordingContext(), eval_every=0.5, eval_tokens=2000)
    assert second["steps"] > first["steps"] and second["seconds"] > first["seconds"]


def test_training_stops_on_cancel_and_keeps_state(tmp_path):
    vocab, stream, _ = tiny_corpus("zh")
    model = PoemRNN(PoemConfig(len(vocab), "zh", embed=8, hidden=16, layers=1, dropout=0.0))
    ctx = RecordingContext(cancel_after=1)
    from artdesk.core.jobs import Cancelled

    with pytest.raises(Cancelled):
        train_model(model, stream, stream, vocab, seconds=60.0, state_path=tmp_path / "s.pt", device="cpu", batch=2,
                    seq=32, lr=1e-3, ctx=ctx, eval_every=0.0, eval_tokens=500)
    assert (tmp_path / "s.pt").exists()


def test_checkpoint_round_trip_gives_the_same_logits(tmp_path):
    torch.manual_seed(0)
    vocab, stream, _ = tiny_corpus("zh")
    model = PoemRNN(PoemConfig(len(vocab), "zh", embed=8, hidden=16, layers=2, dropout=0.0, cell="lstm")).eval()
    folder = save_model(model, tmp_path / "poem" / "m", vocab, stream, name="m", description="t", data={}, training={},
                        metrics={"held_out_bits_per_char": 1.0})
    loaded = get_poem_model(folder)
    ids = torch.as_tensor(stream[None, :20])
    with torch.no_grad():
        expected = model.half().float()(ids)[0]
        assert torch.allclose(loaded.model(ids)[0], expected, atol=1e-4)
    assert loaded.vocab.tokens == vocab.tokens and loaded.copy_index is not None


def test_damaged_weights_are_refused(tmp_path):
    vocab, stream, _ = tiny_corpus("en")
    model = PoemRNN(PoemConfig(len(vocab), "en", embed=8, hidden=16, layers=1))
    folder = save_model(model, tmp_path / "poem" / "m", vocab, None, name="m", description="", data={}, training={}, metrics={})
    (folder / "model.safetensors").write_bytes(b"broken")
    with pytest.raises(ArtdeskError, match="do not match"):
        get_poem_model(folder)


def test_user_text_checks(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ArtdeskError, match="empty"):
        read_user_text(empty)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ArtdeskError, match="binary"):
        read_user_text(binary)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(25 << 20)
    with pytest.raises(ArtdeskError, match="at most 20 MB"):
        read_user_text(huge)
    import random

    records = user_records(["床前明月光，疑是地上霜。\n举头望明月，低头思故乡。", "hello world"], "zh", random.Random(0))
    assert len(records) == 1 and records[0]["form"] == "<5j>"


def test_user_text_encodings_are_decoded_and_named_or_refused(tmp_path):
    poem = "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n"
    cases = {"gbk.txt": (poem.encode("gbk"), "GBK (Chinese)"), "bom16.txt": (poem.encode("utf-16"), "UTF-16"),
             "le16.txt": (poem.encode("utf-16-le"), "UTF-16"), "english16.txt": (b"Roses are red\n".decode().encode("utf-16-le"), "UTF-16"),
             "utf8.txt": (poem.encode("utf-8"), "UTF-8")}
    for name, (data, encoding) in cases.items():
        (tmp_path / name).write_bytes(data)
        text, found = read_user_text(tmp_path / name)
        assert found == encoding and text.strip() in (poem.strip(), "Roses are red"), name
    latin = tmp_path / "latin1.txt"  # é before a letter is a valid GBK pair: never read as Chinese
    latin.write_bytes("Les étoiles éclairent la nuit sur la mer\nEt le café fumait\n".encode("latin-1"))
    with pytest.raises(ArtdeskError, match="Western encoding"):
        read_user_text(latin)


def test_a_huge_file_without_blank_lines_is_cut_with_a_note():
    lines = [f"The sea is wide and the night is long {i}" for i in range(400_000)]  # about 16 MB
    text = "\n".join(lines)
    assert len(text.encode()) > 15 << 20
    poems, note = split_poems(text, "en")
    assert len(poems) == 100_000 and poems[0].count("\n") == STANZA - 1 and "no blank lines" in note
    zh = "\n".join(["床前明月光，疑是地上霜。举头望明月，低头思故乡。"] * 50)
    poems, note = split_poems(zh, "zh")
    assert len(poems) == 50 and "one poem" in note
    assert split_poems("a\nb\n\nc\nd", "en") == (["a\nb", "c\nd"], "")


def test_chinese_text_for_the_english_model_is_refused_before_training(tmp_path):
    from artdesk.ml.poem.finetune import finetune_job
    from artdesk.ml.poem.requests import FinetuneRequest
    from tests.ml.poem.fixtures import save_tiny_poem_model

    base = save_tiny_poem_model(tmp_path, "en")
    text = tmp_path / "tang.txt"
    text.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n\n" * 10, encoding="utf-8")
    ctx = RecordingContext()
    with pytest.raises(ArtdeskError, match="holds Chinese text, but tiny-en writes English"):
        finetune_job(FinetuneRequest(str(base), "user", str(text), str(tmp_path / "poem" / "x"), 0.01), ctx)
    assert not (tmp_path / "poem" / "x").exists() and not any("ready" in (p.message or "") for p in ctx.progress)


def test_traditional_chinese_for_the_simplified_model_says_so(tmp_path):
    from artdesk.ml.poem.finetune import audit_text
    from artdesk.ml.poem.loader import get_poem_model
    from tests.ml.poem.fixtures import save_tiny_poem_model

    base = get_poem_model(save_tiny_poem_model(tmp_path, "zh"))
    text = "龍飛鳳舞動東風，雲開霧散見長虹。\n鐘聲響徹萬里遙，醉臥寶劍與龜龍。\n\n" * 10
    with pytest.raises(ArtdeskError, match="Simplified Chinese"):
        audit_text(text, base, "big5.txt")


def test_finetune_refuses_text_in_the_wrong_script(tmp_path):
    from artdesk.ml.poem.finetune import finetune_job
    from artdesk.ml.poem.requests import FinetuneRequest
    from tests.ml.poem.fixtures import save_tiny_poem_model

    base = save_tiny_poem_model(tmp_path, "zh")
    text = tmp_path / "english.txt"
    text.write_text("Roses are red\nviolets are blue\n", encoding="utf-8")
    with pytest.raises(ArtdeskError, match="Chinese verse"):
        finetune_job(FinetuneRequest(str(base), "user", str(text), str(tmp_path / "poem" / "x"), 0.01), RecordingContext())
    assert not (tmp_path / "poem" / "x").exists()


def test_model_size_budget_of_shipped_configs():
    zh = PoemRNN(PoemConfig(7010, "zh", embed=256, hidden=640))
    en = PoemRNN(PoemConfig(74, "en", embed=128, hidden=768))
    for model, copy_index_bytes in ((zh, 12 << 20), (en, 8 << 20)):
        weights = sum(p.numel() for p in model.parameters()) * 2  # float16
        assert weights + copy_index_bytes < 40e6
    assert np.isfinite(weights)


def test_adaptive_head_gives_normalised_probabilities_that_match_its_loss_and_survive_a_round_trip(tmp_path):
    torch.manual_seed(0)
    vocab, stream, _ = tiny_corpus("zh")
    config = PoemConfig(len(vocab), "zh", embed=8, hidden=16, layers=1, dropout=0.0, cell="lstm", head="adaptive",
                        cutoffs=(8, 20))
    model = PoemRNN(config)
    model.set_frequency_order(np.bincount(stream, minlength=len(vocab)))
    assert sorted(model.rank.tolist()) == list(range(len(vocab))) and model.rank.tolist() != list(range(len(vocab)))
    x, y = (torch.as_tensor(stream[None, i:i + 40].astype(np.int64)) for i in (0, 1))
    with torch.no_grad():
        logp, _ = model(x)
        nll, _ = model.token_nll(x, y)
    assert torch.allclose(logp.logsumexp(-1), torch.zeros(1, 40), atol=1e-4)
    assert torch.allclose(-logp.gather(-1, y[..., None])[..., 0], nll, atol=1e-4)
    before = bits_per_char(model, stream, vocab, "cpu")
    train_model(model, stream, stream, vocab, seconds=2.0, state_path=None, device="cpu", batch=4, seq=32, lr=1e-2,
                ctx=RecordingContext(), eval_every=1.0, eval_tokens=2000)
    assert bits_per_char(model, stream, vocab, "cpu") < before
    loaded = get_poem_model(save_model(model, tmp_path / "poem" / "a", vocab, stream, name="a", description="t",
                                       data={}, training={}, metrics={}))
    assert torch.equal(loaded.model.rank, model.rank)
    with torch.no_grad():
        assert torch.allclose(loaded.model(x)[0], model.half().float()(x)[0], atol=1e-3)


def test_init_from_continues_a_shipped_checkpoint_and_counts_its_training(tmp_path):
    from artdesk.ml.checkpoint import load_checkpoint
    from artdesk.ml.poem.train import continued_training, init_from_checkpoint
    from tests.ml.poem.fixtures import save_tiny_poem_model

    folder = save_tiny_poem_model(tmp_path, "en")
    parent = load_checkpoint(folder)
    model = PoemRNN(parent.config)
    record = init_from_checkpoint(model, folder)
    assert all(torch.equal(a.float(), b.float()) for a, b in zip(model.state_dict().values(), parent.model.state_dict().values()))
    record["training"] = {"steps": 100, "seconds": 60.0, "tokens": 5000, "command": "first run"}
    training = continued_training({"command": "second run", "steps": 10, "seconds": 6.0, "tokens": 500}, record)
    assert (training["steps"], training["seconds"], training["tokens"]) == (110, 66.0, 5500)
    assert training["commands"] == ["first run", "second run"] and training["continued_from"] == parent.card.name
    with pytest.raises(ArtdeskError, match="other settings"):
        init_from_checkpoint(PoemRNN(PoemConfig(parent.config.vocab_size, "en", embed=8, hidden=24, layers=1)), folder)
