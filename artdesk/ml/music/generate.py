"""Music job functions: generate, continue, interpolate, vary. Each is ``fn(request, ctx) -> list[Melody]``.

torch is imported inside the functions, so the panel can import this module on the UI thread.
Every returned Melody carries ``metadata["provenance"]`` (see ``loading.provenance``; with the job and its input
melodies, ``replay.record_extra``, so the record is whole when it leaves the worker) and a title.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.melody import Melody, Note
from artdesk.ml.music import events as ev
from artdesk.ml.music.replay import record_extra
from artdesk.ml.music.requests import (
    MAX_BARS,
    MAX_COUNT,
    MAX_STEPS,
    TIME_SIGNATURES,
    ContinueRequest,
    GenerateRequest,
    InterpolateRequest,
    VariationRequest,
    request_settings,
)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ArtdeskError(message)


def _step_reporter(ctx: JobContext, done_before: int, total: int, label: str):
    def on_step(done: int, _steps: int) -> None:
        ctx.raise_if_cancelled()
        ctx.report((done_before + done) / total, label)

    return on_step


def _conditioning(config, style: str, time_signature, tonic: int, mode: str, rows: int):
    import torch

    from artdesk.ml.music.model import Conditioning

    if style not in config.styles:
        raise ArtdeskError(f"This model knows the styles {', '.join(config.styles)}; {style!r} is not one of them.")

    def full(value: int):
        return torch.full((rows,), int(value), dtype=torch.long)

    return Conditioning(full(config.styles.index(style)), full(ev.metre_id(time_signature)), full(tonic),
                        full(ev.MODES.index(mode)), full(ev.steps_per_bar(time_signature)))


def _accented(notes: tuple[Note, ...], steps_per_bar: int) -> tuple[Note, ...]:
    """A little life for playback: downbeats a bit louder."""
    return tuple(replace(n, velocity=100 if n.start % steps_per_bar == 0 else 84) for n in notes)


def _key_of(key: str | None, mode: str | None, melody: Melody) -> tuple[int, str]:
    if key is not None and mode is not None:
        return ev.key_index(key), mode
    tonic, estimated_mode = ev.estimate_key(melody)
    return (ev.key_index(key) if key is not None else tonic), (mode or estimated_mode)


def _validate_common(temperature: float, seed: int, count: int) -> None:
    _check(temperature > 0, "Temperature must be above 0.")
    _check(temperature <= 5, "Temperature above 5 gives noise; choose 0.1-2.")
    _check(1 <= count <= MAX_COUNT, f"Choose between 1 and {MAX_COUNT} variations.")
    _check(0 <= seed < 2**63, "The seed must be a whole number from 0 up.")


def generate_melodies(request: GenerateRequest, ctx: JobContext) -> list[Melody]:
    """New melodies from an LSTM model; ``request.count`` of them, sampled together.

    Reports progress and checks for cancel at every 16th step; returns when all are done.
    """
    import torch

    from artdesk.ml.music.loading import load_music_model, provenance
    from artdesk.ml.music.sampling import sample_lstm

    _validate_common(request.temperature, request.seed, request.count)
    _check(1 <= request.bars <= MAX_BARS, f"Choose between 1 and {MAX_BARS} bars.")
    _check(tuple(request.time_signature) in TIME_SIGNATURES, "Choose the metre 4/4, 3/4 or 6/8.")
    _check(request.mode in ev.MODES, "Choose major or minor.")
    try:
        tonic = ev.key_index(request.key)
    except ValueError as error:
        raise ArtdeskError(str(error)) from error
    ctx.report(0.0, "Loading the model…")
    checkpoint = load_music_model(request.model_path, "melody-lstm")
    ctx.raise_if_cancelled()
    cond = _conditioning(checkpoint.config, request.style, request.time_signature, tonic, request.mode, request.count)
    spb = ev.steps_per_bar(request.time_signature)
    steps = request.bars * spb
    mask = ev.scale_mask(tonic, request.mode) if request.key_lock else None
    generator = torch.Generator().manual_seed(request.seed)
    rows = sample_lstm(checkpoint.model, cond, np.zeros(0, np.uint8), steps, request.temperature, generator, mask,
                       _step_reporter(ctx, 0, steps, "Composing…"))
    settings = request_settings(request)
    melodies = []
    for index, row in enumerate(rows):
        title = f"{request.style.capitalize()} melody in {request.key} {request.mode} ({index + 1})"
        meta = {"title": title, "style": request.style, "key": request.key, "mode": request.mode,
                "provenance": provenance(checkpoint, request.seed, settings, **record_extra(request), index=index)}
        notes = _accented(ev.events_to_notes(row), spb)
        melodies.append(Melody(notes, float(request.tempo_bpm), tuple(request.time_signature), meta))
    ctx.report(1.0, "Done")
    return melodies


def continue_melody(request: ContinueRequest, ctx: JobContext) -> list[Melody]:
    """The primer followed by ``request.bars`` new bars, ``request.count`` times (primer notes unchanged).

    A primer longer than the model's window is conditioned on through its last bars only, and the result's
    ``metadata["warnings"]`` says so. Reports and checks cancel at every 16th step.
    """
    import torch

    from artdesk.ml.music.loading import load_music_model, provenance
    from artdesk.ml.music.sampling import sample_lstm

    _validate_common(request.temperature, request.seed, request.count)
    _check(1 <= request.bars <= MAX_BARS, f"Choose between 1 and {MAX_BARS} bars.")
    primer = request.primer
    _check(bool(primer.notes), "The primer has no notes: draw or import a few notes first.")
    _check(request.mode in (None, *ev.MODES), "Choose major or minor.")
    try:
        tonic, mode = _key_of(request.key, request.mode, primer)
    except ValueError as error:
        raise ArtdeskError(str(error)) from error
    ctx.report(0.0, "Loading the model…")
    checkpoint = load_music_model(request.model_path, "melody-lstm")
    ctx.raise_if_cancelled()
    config = checkpoint.config
    time_signature = tuple(primer.time_signature)
    spb = ev.steps_per_bar(time_signature)
    length = primer.length_steps
    warnings: list[str] = []
    events = ev.melody_to_events(primer, length)
    if length > config.window:
        keep_bars = max(1, config.window // spb)
        cut = max(0, ((length - keep_bars * spb) // spb) * spb)
        events = events[cut:]
        warnings.append(f"The primer is longer than the model's {config.window // 16}-bar window; "
                        f"it continues from the primer's last {(length - cut) / spb:.0f} bars.")
        if events[0] == ev.HOLD:  # starting mid-note: start it at the cut
            index = next((i for i, n in enumerate(primer.notes) if n.start < cut < n.end), None)
            if index is not None:
                events[0] = ev.note_on(ev.fit_pitch(primer.notes[index].pitch))
    steps = request.bars * spb
    cond = _conditioning(config, request.style, time_signature, tonic, mode, request.count)
    mask = ev.scale_mask(tonic, mode) if request.key_lock else None
    generator = torch.Generator().manual_seed(request.seed)
    rows = sample_lstm(checkpoint.model, cond, events, steps, request.temperature, generator, mask,
                       _step_reporter(ctx, 0, steps, "Continuing…"))
    settings = request_settings(request)
    melodies = []
    for index, row in enumerate(rows):
        new = ev.events_to_notes(row[len(events):])
        new = tuple(replace(n, start=n.start + length) for n in _accented(new, spb))
        meta = {"title": f"{primer.metadata.get('title', 'Melody')} continued ({index + 1})",
                "style": request.style, "key": ev.KEY_NAMES[tonic], "mode": mode, "warnings": list(warnings),
                "provenance": provenance(checkpoint, request.seed, settings, **record_extra(request), index=index, primer_steps=length)}
        melodies.append(Melody(tuple(primer.notes) + new, primer.tempo_bpm, time_signature, meta))
    ctx.report(1.0, "Done")
    return melodies


def _segments(melody: Melody, window: int, segments: int, label: str, warnings: list[str]) -> np.ndarray:
    _check(bool(melody.notes), f"Melody {label} has no notes.")
    length = window * segments
    if melody.length_steps > length:
        warnings.append(f"Melody {label} was cut to its first {length // 16} bars (the model's window).")
    return ev.melody_to_events(melody, length).reshape(segments, window)


def _encode(model, segments: np.ndarray):
    import torch

    with torch.no_grad():
        mu, logvar = model.encode(torch.as_tensor(segments.astype(np.int64)))
    return mu, logvar


def _vae_melodies(rows: np.ndarray, source: Melody, meta_for) -> list[Melody]:
    spb = ev.steps_per_bar(source.time_signature)
    return [Melody(_accented(ev.events_to_notes(row), spb), source.tempo_bpm, tuple(source.time_signature), meta_for(i))
            for i, row in enumerate(rows)]


def interpolate_melodies(request: InterpolateRequest, ctx: JobContext) -> list[Melody]:
    """``request.steps`` melodies between ``a`` and ``b`` (spherical interpolation of the VAE latents).

    Reports and checks cancel at every decoded 16th step.
    """
    import torch

    from artdesk.ml.music.loading import load_music_model, provenance
    from artdesk.ml.music.sampling import decode_vae, slerp

    _check(1 <= request.steps <= MAX_STEPS, f"Choose between 1 and {MAX_STEPS} steps.")
    _check(request.segments in (1, 2), "Interpolate 2 or 4 bars (1 or 2 segments).")
    _check(0 <= request.temperature <= 5, "Temperature must be between 0 and 5.")
    ctx.report(0.0, "Loading the model…")
    checkpoint = load_music_model(request.model_path, "melody-vae")
    window = checkpoint.config.window
    warnings: list[str] = []
    seg_a = _segments(request.a, window, request.segments, "A", warnings)
    seg_b = _segments(request.b, window, request.segments, "B", warnings)
    mu_a, _ = _encode(checkpoint.model, seg_a)
    mu_b, _ = _encode(checkpoint.model, seg_b)
    generator = torch.Generator().manual_seed(request.seed)
    z = torch.cat([slerp(mu_a, mu_b, (i + 1) / (request.steps + 1)) for i in range(request.steps)])
    decoded = decode_vae(checkpoint.model, z, request.temperature, generator, None,
                         _step_reporter(ctx, 0, window, "Interpolating…"))
    rows = decoded.reshape(request.steps, request.segments * window)
    settings = request_settings(request)

    def meta_for(index: int) -> dict[str, Any]:
        return {"title": f"Interpolation {index + 1}/{request.steps}", "warnings": list(warnings),
                "provenance": provenance(checkpoint, request.seed, settings, **record_extra(request), index=index,
                                         alpha=(index + 1) / (request.steps + 1))}

    ctx.report(1.0, "Done")
    return _vae_melodies(rows, request.a, meta_for)


def vary_melody(request: VariationRequest, ctx: JobContext) -> list[Melody]:
    """``request.count`` variations: the melody's latent plus Gaussian noise of size ``amount``, decoded.

    Covers the melody's first 4 bars (2 VAE segments). Reports and checks cancel at every decoded 16th step.
    """
    import torch

    from artdesk.ml.music.loading import load_music_model, provenance
    from artdesk.ml.music.sampling import decode_vae

    _check(1 <= request.count <= MAX_COUNT, f"Choose between 1 and {MAX_COUNT} variations.")
    _check(0 <= request.amount <= 2, "The amount of variation goes from 0 to 2.")
    _check(0 <= request.temperature <= 5, "Temperature must be between 0 and 5.")
    ctx.report(0.0, "Loading the model…")
    checkpoint = load_music_model(request.model_path, "melody-vae")
    window = checkpoint.config.window
    segments = 2 if request.melody.length_steps > window else 1
    warnings: list[str] = []
    seg = _segments(request.melody, window, segments, "to vary", warnings)
    mu, _ = _encode(checkpoint.model, seg)
    generator = torch.Generator().manual_seed(request.seed)
    noise = torch.randn(request.count, *mu.shape, generator=generator)
    z = (mu[None] + request.amount * noise).reshape(-1, mu.shape[-1])
    mask = ev.scale_mask(*ev.estimate_key(request.melody)) if request.key_lock else None
    decoded = decode_vae(checkpoint.model, z, request.temperature, generator, mask,
                         _step_reporter(ctx, 0, window, "Varying…"))
    rows = decoded.reshape(request.count, segments * window)
    settings = request_settings(request)

    def meta_for(index: int) -> dict[str, Any]:
        return {"title": f"Variation {index + 1}", "warnings": list(warnings),
                "provenance": provenance(checkpoint, request.seed, settings, **record_extra(request), index=index)}

    ctx.report(1.0, "Done")
    return _vae_melodies(rows, request.melody, meta_for)
