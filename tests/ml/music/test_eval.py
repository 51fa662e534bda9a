"""The metrics themselves: Markov baseline, Yang-Lerch overlap, copy detection, in-scale rate, full evaluations."""
import numpy as np
import torch

from artdesk.core.jobs import RecordingContext
from artdesk.ml.checkpoint import load_checkpoint
from artdesk.ml.music import events as ev
from artdesk.ml.music.data import build_dataset
from artdesk.ml.music.eval import CopyChecker, evaluate_lstm_model, evaluate_vae_model, in_scale_rate, overlap_area, yang_lerch_overlap
from artdesk.ml.music.markov import MarkovModel
from artdesk.ml.music.tiny import STYLES, tiny_melodies


def test_markov_learns_a_repeating_pattern_and_beats_unigrams_on_it():
    pattern = np.array([ev.note_on(60), 0, 1, ev.note_on(64), 0, ev.note_on(67), 0, 0] * 20, np.uint8)
    model = MarkovModel(3).fit([pattern])
    result = model.evaluate([pattern])
    assert result["accuracy"] > 0.95 and result["nll_per_step"] < 0.2
    noise = np.random.default_rng(0).integers(0, ev.VOCAB, 200).astype(np.uint8)
    assert model.evaluate([noise])["nll_per_step"] > 3.0
    probs = model.probabilities(pattern[:10])
    assert np.allclose(probs.sum(1), 1.0)


def test_overlap_area_is_one_for_same_and_zero_for_far_apart_samples():
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 1, 2000), rng.normal(0, 1, 2000)
    assert overlap_area(a, b) > 0.9
    assert overlap_area(a, b + 50) < 0.01


def test_yang_lerch_prefers_a_matching_set():
    melodies = [ev.melody_to_events(m) for m in tiny_melodies(12)]
    same = yang_lerch_overlap(melodies[:6], melodies[6:])
    low_drone = [np.array([ev.note_on(40)] + [0] * 7 + [1] + [0] * 7, np.uint8) * 1 for _ in range(6)]
    low_drone = [np.tile(d, 4) for d in low_drone]
    for d in low_drone:
        d[16::32] = ev.note_on(41)
    other = yang_lerch_overlap(low_drone, melodies[6:])
    assert all(same[k] > other[k] for k in ("pitch_class_histogram", "interval_histogram", "note_length_histogram"))


def test_copy_checker_finds_verbatim_two_bar_passages_only():
    melodies = tiny_melodies(6)
    data = build_dataset(melodies, ["folk"] * 6, STYLES)
    checker = CopyChecker(data)
    source = data.events(0)
    copied = np.concatenate([np.array([ev.note_on(50), 0, 0, 0], np.uint8), source[:40]])
    assert checker.copies(copied, 16)
    transposed = np.where(copied >= 2, copied + 1, copied).astype(np.uint8)
    assert not checker.copies(transposed, 16)
    assert not checker.copies(np.zeros(64, np.uint8), 16)  # silence is not a copy


def test_in_scale_rate():
    c_major = np.array([ev.note_on(60), ev.note_on(62), ev.note_on(61), 0], np.uint8)
    assert in_scale_rate([c_major], [(0, 0)]) == 2 / 3


def test_full_evaluations_run_on_tiny_models(tiny_models):
    melodies = tiny_melodies(12)
    data = build_dataset(melodies, [STYLES[i % 3] for i in range(12)], STYLES, np.array([0] * 9 + [1] * 3))
    train, held_out = data.subset(data.split == 0), data.subset(data.split == 1)
    lstm = load_checkpoint(tiny_models["lstm"]).model
    metrics = evaluate_lstm_model(lstm, train, held_out, torch.device("cpu"), RecordingContext(), samples=3, bars=2)
    assert metrics["held_out_melodies"] == 3 and metrics["in_scale_rate_key_lock"] == 1.0
    assert 0 <= metrics["copy_rate"] <= 1 and set(metrics["overlap_area"]) == {
        "pitch_class_histogram", "pitch_range", "interval_histogram", "note_length_histogram"}
    assert metrics["markov3_nll_per_step"] > 0 and metrics["held_out_nll_per_step"] > 0
    vae = load_checkpoint(tiny_models["vae"]).model
    recon = evaluate_vae_model(vae, held_out, torch.device("cpu"), RecordingContext())
    assert recon["held_out_segments"] > 0 and 0 <= recon["reconstruction_accuracy"] <= 1
