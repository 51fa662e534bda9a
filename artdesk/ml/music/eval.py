"""Held-out metrics for the melody models (the numbers that go into the cards).

LSTM: NLL per step and event accuracy beside a third-order Markov baseline on the same steps; overlap
between generated and held-out sets of pitch-class histogram, pitch range, interval and note-length
distributions (Yang & Lerch 2020: KDE of intra-set vs inter-set distances, overlapping area); in-scale rate
without and with key lock; copy rate (generated melodies containing a 2-bar passage of at least 4 notes
found verbatim in the training set). VAE: reconstruction accuracy of held-out 2-bar segments.
"""
from __future__ import annotations

import numpy as np
import torch

from artdesk.core.jobs import JobContext
from artdesk.ml.music import events as ev
from artdesk.ml.music.data import MelodyDataset
from artdesk.ml.music.markov import MarkovModel
from artdesk.ml.music.model import Conditioning
from artdesk.ml.music.sampling import decode_vae, sample_lstm
from artdesk.ml.music.training import DeviceData, evaluate_lstm, vae_batch, vae_windows

DURATION_BINS = np.array([1, 2, 3, 4, 6, 8, 12, 16, 24])
FEATURES = ("pitch_class_histogram", "pitch_range", "interval_histogram", "note_length_histogram")


def melody_features(events: np.ndarray) -> dict[str, np.ndarray] | None:
    notes = ev.events_to_notes(events)
    if len(notes) < 2:
        return None
    pitches = np.array([n.pitch for n in notes])
    durations = np.array([n.duration for n in notes])
    pch = np.bincount(pitches % 12, minlength=12) / len(pitches)
    intervals = np.clip(np.diff(pitches), -12, 12) + 12
    ih = np.bincount(intervals, minlength=25) / len(intervals)
    bins = np.abs(durations[:, None] - DURATION_BINS[None]).argmin(1)
    nlh = np.bincount(bins, minlength=len(DURATION_BINS)) / len(bins)
    return {"pitch_class_histogram": pch, "pitch_range": np.array([pitches.max() - pitches.min()], float),
            "interval_histogram": ih, "note_length_histogram": nlh}


def _pairwise(a: np.ndarray, b: np.ndarray | None) -> np.ndarray:
    if b is None:
        d = np.linalg.norm(a[:, None] - a[None], axis=-1)
        return d[np.triu_indices(len(a), 1)]
    return np.linalg.norm(a[:, None] - b[None], axis=-1).ravel()


def _kde(samples: np.ndarray, grid: np.ndarray) -> np.ndarray:
    std = samples.std()
    bandwidth = max(1.06 * std * len(samples) ** (-1 / 5), 1e-3 * (grid[-1] - grid[0] + 1e-9), 1e-6)
    z = (grid[:, None] - samples[None]) / bandwidth
    return np.exp(-0.5 * z ** 2).sum(1) / (len(samples) * bandwidth * np.sqrt(2 * np.pi))


def overlap_area(intra: np.ndarray, inter: np.ndarray, points: int = 800) -> float:
    low, high = min(intra.min(), inter.min()), max(intra.max(), inter.max())
    pad = 0.1 * (high - low + 1e-9)
    grid = np.linspace(low - pad, high + pad, points)
    trapezoid = getattr(np, "trapezoid", None) or np.trapz  # numpy < 2 has only trapz
    return float(trapezoid(np.minimum(_kde(intra, grid), _kde(inter, grid)), grid))


def yang_lerch_overlap(generated: list[np.ndarray], reference: list[np.ndarray], seed: int = 0,
                       max_pairs: int = 20000) -> dict[str, float]:
    """Overlapping area (0-1, higher is closer) of intra-reference vs generated-to-reference distance densities."""
    gen = [f for f in (melody_features(e) for e in generated) if f is not None]
    ref = [f for f in (melody_features(e) for e in reference) if f is not None]
    rng = np.random.default_rng(seed)
    out = {}
    for name in FEATURES:
        a = np.stack([f[name] for f in gen])
        b = np.stack([f[name] for f in ref])
        intra, inter = _pairwise(b, None), _pairwise(a, b)
        if len(intra) > max_pairs:
            intra = rng.choice(intra, max_pairs, replace=False)
        if len(inter) > max_pairs:
            inter = rng.choice(inter, max_pairs, replace=False)
        out[name] = round(overlap_area(intra, inter), 4)
    return out


def _window_hashes(sequence: np.ndarray, window: int, min_notes: int = 4) -> np.ndarray:
    """uint64 hashes of every ``window``-step passage of ``sequence`` with at least ``min_notes`` note-ons."""
    if len(sequence) < window:
        return np.zeros(0, np.uint64)
    view = np.lib.stride_tricks.sliding_window_view(sequence.astype(np.uint64), window)
    notes = np.lib.stride_tricks.sliding_window_view((sequence >= 2).astype(np.int64), window).sum(1)
    weights = (np.uint64(1_000_003) ** np.arange(window, dtype=np.uint64)).astype(np.uint64)
    with np.errstate(over="ignore"):
        hashes = (view * weights[None]).sum(1, dtype=np.uint64)
    return hashes[notes >= min_notes]


class CopyChecker:
    """Is a 2-bar passage of a generated melody found verbatim in the training melodies?"""

    def __init__(self, train: MelodyDataset) -> None:
        self.train = train
        self.tables: dict[int, np.ndarray] = {}

    def _table(self, window: int) -> np.ndarray:
        if window not in self.tables:
            parts = [_window_hashes(self.train.events(i), window) for i in range(len(self.train))]
            self.tables[window] = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.uint64)
        return self.tables[window]

    def copies(self, events: np.ndarray, steps_per_bar: int) -> bool:
        window = 2 * steps_per_bar
        hashes = _window_hashes(events, window)
        table = self._table(window)
        if len(hashes) == 0 or len(table) == 0:
            return False
        where = np.searchsorted(table, hashes).clip(max=len(table) - 1)
        return bool((table[where] == hashes).any())


def in_scale_rate(rows: list[np.ndarray], keys: list[tuple[int, int]]) -> float:
    inside = total = 0
    for events, (tonic, mode) in zip(rows, keys):
        scale = ev.scale_pitch_classes(tonic, ev.MODES[mode])
        pitches = [ev.event_pitch(int(e)) for e in events if e >= 2]
        inside += sum(p % 12 in scale for p in pitches)
        total += len(pitches)
    return inside / max(1, total)


def generate_for_eval(model, held_out: MelodyDataset, bars: int, count: int, temperature: float, seed: int,
                      key_lock: bool, ctx: JobContext | None = None) -> tuple[list[np.ndarray], list[int], list[tuple[int, int]]]:
    """``count`` melodies conditioned like randomly chosen held-out melodies: (events, steps_per_bar, keys)."""
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(held_out), size=min(count, len(held_out)), replace=False)
    generator = torch.Generator(device=next(model.parameters()).device).manual_seed(seed)
    rows, spbs, keys = [], [], []
    for spb in sorted(set(int(held_out.steps_per_bar[i]) for i in chosen)):
        group = [i for i in chosen if int(held_out.steps_per_bar[i]) == spb]
        for start in range(0, len(group), 64):
            part = np.array(group[start:start + 64])
            cond = Conditioning(*(torch.as_tensor(getattr(held_out, f)[part]) for f in ("style", "metre", "tonic", "mode", "steps_per_bar")))
            masks = np.stack([ev.scale_mask(int(held_out.tonic[i]), ev.MODES[int(held_out.mode[i])]) for i in part]) if key_lock else None
            out = sample_lstm(model, cond, np.zeros(0, np.uint8), bars * spb, temperature, generator, masks)
            rows += list(out)
            spbs += [spb] * len(part)
            keys += [(int(held_out.tonic[i]), int(held_out.mode[i])) for i in part]
            if ctx is not None:
                ctx.raise_if_cancelled()
                ctx.report(len(rows) / len(chosen), f"generated {len(rows)}/{len(chosen)} melodies")
    return rows, spbs, keys


def evaluate_lstm_model(model, train: MelodyDataset, held_out: MelodyDataset, device: torch.device,
                        ctx: JobContext, samples: int = 200, bars: int = 16, seed: int = 0) -> dict:
    """All LSTM metrics on the held-out split; reports per stage, checks cancel between stages."""
    model.to(device).eval()
    ctx.report(0.0, "Held-out likelihood…")
    lstm = evaluate_lstm(model, DeviceData(held_out, device), steps=4096, batch_rows=32)
    ctx.raise_if_cancelled()
    ctx.report(0.2, "Markov baseline…")
    markov = MarkovModel(3).fit([train.events(i) for i in range(len(train))])
    base = markov.evaluate([held_out.events(i) for i in range(len(held_out))])
    ctx.raise_if_cancelled()
    rows, spbs, keys = generate_for_eval(model, held_out, bars, samples, 1.0, seed, key_lock=False, ctx=ctx)
    locked, _, locked_keys = generate_for_eval(model, held_out, 4, min(samples, 64), 1.0, seed + 1, key_lock=True)
    reference = [held_out.events(i)[: bars * int(held_out.steps_per_bar[i])] for i in range(len(held_out))]
    checker = CopyChecker(train)
    copied = sum(checker.copies(r, s) for r, s in zip(rows, spbs))
    # the same test on real, unseen tunes: how often folk tunes share a 2-bar passage with the training set anyway
    reference_copied = sum(checker.copies(r, int(held_out.steps_per_bar[i])) for i, r in enumerate(reference))
    reference_keys = [(int(held_out.tonic[i]), int(held_out.mode[i])) for i in range(len(held_out))]
    return {
        "held_out_nll_per_step": round(lstm["nll_per_step"], 4),
        "held_out_accuracy": round(lstm["accuracy"], 4),
        "markov3_nll_per_step": round(base["nll_per_step"], 4),
        "markov3_accuracy": round(base["accuracy"], 4),
        "held_out_steps": int(lstm["steps"]),
        "held_out_melodies": len(held_out),
        "overlap_area": yang_lerch_overlap(rows, reference, seed),
        "generated_for_overlap": f"{len(rows)} melodies of {bars} bars at temperature 1.0, conditioned like held-out melodies",
        "in_scale_rate": round(in_scale_rate(rows, keys), 4),
        "in_scale_rate_key_lock": round(in_scale_rate(locked, locked_keys), 4),
        "copy_rate": round(copied / max(1, len(rows)), 4),
        "held_out_copy_rate": round(reference_copied / max(1, len(reference)), 4),
        "held_out_in_scale_rate": round(in_scale_rate(reference, reference_keys), 4),
        "notes_per_bar": round(float(np.mean([(r >= 2).sum() / bars for r in rows])), 2),
    }


@torch.no_grad()
def evaluate_vae_model(model, held_out: MelodyDataset, device: torch.device, ctx: JobContext, limit: int = 2000) -> dict:
    """Reconstruction of held-out 2-bar segments: encode (mean), decode greedily, compare event by event."""
    model.to(device).eval()
    rows, starts = vae_windows(held_out, model.config.window)
    if len(rows) > limit:
        pick = np.random.default_rng(0).choice(len(rows), limit, replace=False)
        rows, starts = rows[pick], starts[pick]
    data = DeviceData(held_out, device)
    right = exact = notes_right = notes = 0
    for i in range(0, len(rows), 256):
        ctx.raise_if_cancelled()
        ctx.report(i / len(rows), "Reconstructing held-out segments…")
        segments = vae_batch(data, torch.as_tensor(rows[i:i + 256], device=device),
                             torch.as_tensor(starts[i:i + 256], device=device), model.config.window, None)
        mu, _ = model.encode(segments)
        decoded = torch.as_tensor(decode_vae(model, mu, 0.0, torch.Generator(device=device)), device=device)
        same = decoded == segments
        right += int(same.sum())
        exact += int(same.all(1).sum())
        is_note = segments >= 2
        notes_right += int((same & is_note).sum())
        notes += int(is_note.sum())
    total = len(rows) * model.config.window
    return {"reconstruction_accuracy": round(right / max(1, total), 4),
            "reconstruction_note_accuracy": round(notes_right / max(1, notes), 4),
            "reconstruction_exact_segments": round(exact / max(1, len(rows)), 4),
            "held_out_segments": int(len(rows))}
