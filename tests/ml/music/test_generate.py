"""The music job functions with tiny trained models and a recording context (no Qt)."""
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.core.melody import Melody, Note
from artdesk.ml.music import events as ev
from artdesk.ml.music.generate import continue_melody, generate_melodies, interpolate_melodies, vary_melody
from artdesk.ml.music.requests import ContinueRequest, GenerateRequest, InterpolateRequest, VariationRequest

PRIMER = Melody(tuple(Note(p, i * 2, 2) for i, p in enumerate([62, 66, 69, 74, 73, 69, 66, 62])), 100.0, (4, 4),
                {"title": "Primer"})


def _generate(models, **changes):
    request = GenerateRequest(models["lstm"], **{"style": "folk", "key": "D", "bars": 4, "count": 3, "seed": 5, **changes})
    return generate_melodies(request, RecordingContext())


def test_generate_gives_count_melodies_of_the_asked_length_with_provenance(tiny_models):
    ctx = RecordingContext()
    melodies = generate_melodies(GenerateRequest(tiny_models["lstm"], "celtic", "G", "minor", True, 132.0, (6, 8), 3,
                                                 1.0, 11, 2), ctx)
    assert len(melodies) == 2
    for melody in melodies:
        assert melody.notes and melody.notes[0].start == 0
        assert melody.length_steps <= 3 * 12 + 1 and melody.time_signature == (6, 8) and melody.tempo_bpm == 132.0
        provenance = melody.metadata["provenance"]
        assert provenance["model_type"] == "melody-lstm" and provenance["seed"] == 11
        assert len(provenance["weights_sha256"]) == 64 and provenance["settings"]["style"] == "celtic"
    assert ctx.progress[-1].fraction == 1.0 and len(ctx.progress) > 30


def test_same_seed_same_melodies_other_seed_other_melodies(tiny_models):
    first, again, other = _generate(tiny_models), _generate(tiny_models), _generate(tiny_models, seed=6)
    assert [m.notes for m in first] == [m.notes for m in again]
    assert [m.notes for m in first] != [m.notes for m in other]
    assert first[0].notes != first[1].notes  # the variations differ from each other


def test_key_lock_keeps_every_note_in_the_scale(tiny_models):
    for key, mode in (("D", "major"), ("F#", "minor"), ("Bb", "major")):
        scale = ev.scale_pitch_classes(ev.key_index(key), mode)
        for melody in _generate(tiny_models, key=key, mode=mode, temperature=2.0, bars=8):
            assert {n.pitch % 12 for n in melody.notes} <= scale


def test_bad_requests_say_what_to_do(tiny_models):
    with pytest.raises(ArtdeskError, match="styles classical, folk, celtic"):
        _generate(tiny_models, style="jazz")
    with pytest.raises(ArtdeskError, match="Temperature"):
        _generate(tiny_models, temperature=0)
    with pytest.raises(ArtdeskError, match="bars"):
        _generate(tiny_models, bars=0)
    with pytest.raises(ArtdeskError, match="metre"):
        _generate(tiny_models, time_signature=(5, 4))
    with pytest.raises(ArtdeskError, match="needs a melody LSTM"):
        generate_melodies(GenerateRequest(tiny_models["vae"]), RecordingContext())
    with pytest.raises(ArtdeskError, match="no card.json"):
        generate_melodies(GenerateRequest(tiny_models["lstm"].parent / "missing"), RecordingContext())


def test_cancel_stops_generation(tiny_models):
    ctx = RecordingContext(cancel_after=5)
    with pytest.raises(Cancelled):
        generate_melodies(GenerateRequest(tiny_models["lstm"], bars=16), ctx)
    assert len(ctx.progress) == 5


def test_continue_keeps_the_primer_and_adds_bars(tiny_models):
    request = ContinueRequest(tiny_models["lstm"], PRIMER, bars=2, seed=3, count=2)
    results = continue_melody(request, RecordingContext())
    assert len(results) == 2
    for melody in results:
        assert melody.notes[: len(PRIMER.notes)] == PRIMER.notes
        new = melody.notes[len(PRIMER.notes):]
        assert new and all(PRIMER.length_steps <= n.start < PRIMER.length_steps + 32 for n in new)
        assert melody.tempo_bpm == 100.0 and melody.metadata["key"] == "D" and melody.metadata["warnings"] == []
    assert [m.notes for m in results] == [m.notes for m in continue_melody(request, RecordingContext())]


def test_a_primer_longer_than_the_window_is_used_through_its_last_bars(tiny_models):
    long_primer = Melody(tuple(Note(60 + (i % 8), i * 4, 4) for i in range(40)), 120.0, (4, 4))  # 10 bars; window 64
    results = continue_melody(ContinueRequest(tiny_models["lstm"], long_primer, bars=1), RecordingContext())
    assert results[0].notes[:40] == long_primer.notes
    assert "longer than the model's" in results[0].metadata["warnings"][0]


def test_empty_primer_is_refused(tiny_models):
    with pytest.raises(ArtdeskError, match="primer has no notes"):
        continue_melody(ContinueRequest(tiny_models["lstm"], Melody()), RecordingContext())


def test_interpolation_has_the_asked_steps_within_the_window(tiny_models):
    a, b = _generate(tiny_models, bars=4)[:2]
    results = interpolate_melodies(InterpolateRequest(tiny_models["vae"], a, b, steps=4, seed=1), RecordingContext())
    assert len(results) == 4
    assert all(m.length_steps <= 64 and m.metadata["provenance"]["model_type"] == "melody-vae" for m in results)
    assert [r.metadata["provenance"]["alpha"] for r in results] == [0.2, 0.4, 0.6, 0.8]
    again = interpolate_melodies(InterpolateRequest(tiny_models["vae"], a, b, steps=4, seed=1), RecordingContext())
    assert [m.notes for m in results] == [m.notes for m in again]


def test_interpolation_refuses_empty_melodies_and_the_wrong_model(tiny_models):
    a = _generate(tiny_models)[0]
    with pytest.raises(ArtdeskError, match="Melody B has no notes"):
        interpolate_melodies(InterpolateRequest(tiny_models["vae"], a, Melody()), RecordingContext())
    with pytest.raises(ArtdeskError, match="needs a melody VAE"):
        interpolate_melodies(InterpolateRequest(tiny_models["lstm"], a, a), RecordingContext())


def test_variations_count_and_key_lock(tiny_models):
    results = vary_melody(VariationRequest(tiny_models["vae"], PRIMER, count=3, amount=1.0, seed=2, temperature=1.0,
                                           key_lock=True), RecordingContext())
    assert len(results) == 3
    scale = ev.scale_pitch_classes(*ev.estimate_key(PRIMER))
    assert all({n.pitch % 12 for n in m.notes} <= scale for m in results)


def test_cancel_stops_variations(tiny_models):
    with pytest.raises(Cancelled):
        vary_melody(VariationRequest(tiny_models["vae"], PRIMER, count=2), RecordingContext(cancel_after=3))


def test_the_sampling_fast_path_matches_the_training_features():
    import torch

    from artdesk.ml.music.model import step_features
    from artdesk.ml.music.sampling import _next_step_features

    generator = torch.Generator().manual_seed(0)
    buffer = torch.randint(0, ev.VOCAB, (3, 70), generator=generator)
    buffer[:, 29:33] = buffer[:, 17:21]  # a passage repeated one bar (12 steps) later
    buffer[:, 41:45] = buffer[:, 17:21]  # and two bars later
    for position in (0, 1, 12, 13, 25, 30, 31, 43, 69):
        fast = _next_step_features(buffer, position, 12)
        slow = step_features(buffer.reshape(-1), torch.arange(3) * 70, torch.full((3,), position),
                             torch.full((3, 1), position), torch.full((3,), 12))
        if position in (31, 43):
            assert fast.repeat.sum() > 0  # the repeats were seen
        for name in ("prev", "look1", "look2", "repeat", "position"):
            assert torch.equal(getattr(fast, name), getattr(slow, name)), (position, name)


def test_cpu_inference_is_quantized_and_agrees_with_float32(tiny_models, monkeypatch):
    import torch

    from artdesk.ml.checkpoint import load_checkpoint
    from artdesk.ml.quantize import quantized_for_cpu

    model = load_checkpoint(tiny_models["lstm"]).model
    quantized = quantized_for_cpu(model)
    assert quantized is not model and "quantized" in type(quantized.lstm).__module__
    from artdesk.ml.music.model import Conditioning, StepFeatures

    features = StepFeatures(*(torch.randint(0, 60, (2, 9)) for _ in range(3)), torch.zeros(2, 9, 2), torch.randint(0, 16, (2, 9)))
    cond = Conditioning(*(torch.tensor([0, 1]) for _ in range(4)), torch.tensor([16, 16]))
    with torch.no_grad():
        assert torch.allclose(model(features, cond)[0], quantized(features, cond)[0], atol=0.05)
    monkeypatch.setenv("ARTDESK_NO_QUANTIZE", "1")
    assert quantized_for_cpu(model) is model


def test_the_fused_sampling_step_gives_the_models_own_logits(tiny_models):
    import torch

    from artdesk.ml.checkpoint import load_checkpoint
    from artdesk.ml.music.model import Conditioning
    from artdesk.ml.music.sampling import _lstm_step, _next_step_features
    from artdesk.ml.quantize import quantized_for_cpu

    model = load_checkpoint(tiny_models["lstm"]).model.eval()
    cond = Conditioning(*(torch.tensor([0, 1]) for _ in range(4)), torch.tensor([16, 16]))
    buffer = torch.randint(0, ev.VOCAB, (2, 40), generator=torch.Generator().manual_seed(0))
    for candidate in (model, quantized_for_cpu(model)):
        step = _lstm_step(candidate, candidate.condition_vector(cond))
        state = fused_state = None
        with torch.inference_mode():
            for position in (0, 1, 2, 17, 33):
                features = _next_step_features(buffer, position, 16)
                logits, state = candidate(features, cond, state)
                fused, fused_state = step(features, fused_state)
                assert torch.equal(fused, logits[:, -1]), (type(candidate.lstm).__name__, position)
