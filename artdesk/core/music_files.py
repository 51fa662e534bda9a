"""Job bodies for the Music panel's file work: import a MIDI file, render a WAV file (no torch, no Qt).

Both run through the runner so a large file or a long render never holds the UI.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from artdesk.core.jobs import JobContext, job_request
from artdesk.core.melody import Melody
from artdesk.core.midi_io import Voice, list_voices, read_midi
from artdesk.core.synth import SAMPLE_RATE, MelodyRenderer, SynthError, wav_provenance, write_wav

RENDER_BLOCK = SAMPLE_RATE  # one second of audio between progress reports and cancel checks


@job_request("artdesk.core.music_files:import_midi")
class ImportRequest:
    """Read the MIDI file at ``path`` as a melody, from ``track`` or the most melodic voice."""

    path: Path
    track: int | None = None  # None: the most melodic voice


@dataclass(frozen=True)
class ImportResult:
    melody: Melody  # metadata["import_warnings"] lists what changed on the way in
    voices: tuple[Voice, ...]  # every candidate voice, most melodic first (for a track chooser)
    track: int | None


def import_midi(request: ImportRequest, ctx: JobContext) -> ImportResult:
    """Read a MIDI file as a melody. Reports once before parsing; checks cancel between the two passes.

    Raises ``MidiError`` (a user message) for missing, huge, corrupt, type 2, drums-only or empty files.
    """
    ctx.report(None, f"Reading {Path(request.path).name}…")
    voices = tuple(list_voices(request.path))
    ctx.raise_if_cancelled()
    melody = read_midi(request.path, request.track)
    ctx.report(1.0, "Imported")
    return ImportResult(melody, voices, request.track)


@job_request("artdesk.core.music_files:export_wav")
class WavRequest:
    """Render ``melody`` to a WAV file at ``path``."""

    melody: Melody
    path: Path
    instrument: object = "piano"  # a built-in instrument name or a synth.Instrument (e.g. a SoundFont preset)
    sample_rate: int = SAMPLE_RATE


def export_wav(request: WavRequest, ctx: JobContext) -> Path:
    """Render ``request.melody`` and save it atomically as 16-bit WAV.

    Reports and checks cancel after every second of rendered audio; a cancelled export writes nothing.
    """
    import numpy as np

    if not request.melody.notes:
        raise SynthError("The melody has no notes; there is nothing to export.")
    renderer = MelodyRenderer(request.melody, request.instrument, request.sample_rate)
    total = renderer.length_samples or 0
    blocks = []
    while not renderer.finished:
        ctx.raise_if_cancelled()
        blocks.append(renderer.read(RENDER_BLOCK))
        ctx.report(renderer.position / max(1, total), "Rendering audio…")
    ctx.raise_if_cancelled()
    provenance = wav_provenance(request.melody, request.instrument)
    return write_wav(request.path, np.concatenate(blocks), request.sample_rate, provenance)
