"""Frozen requests for the music jobs (no torch here: the panel builds these on the UI thread).

Each request names its job function (``job``); the Runner imports it on the worker. Each returns
``list[Melody]`` unless noted:

- ``artdesk.ml.music.generate.generate_melodies(GenerateRequest, ctx)``
- ``artdesk.ml.music.generate.continue_melody(ContinueRequest, ctx)``
- ``artdesk.ml.music.generate.interpolate_melodies(InterpolateRequest, ctx)``  (a VAE model)
- ``artdesk.ml.music.generate.vary_melody(VariationRequest, ctx)``  (a VAE model)
- ``artdesk.ml.music.train.finetune(FinetuneRequest, ctx) -> Path`` (the new user model folder)

Each returned Melody has ``metadata["provenance"]`` = {"model", "model_type", "weights_sha256",
"seed", "settings", "artdesk_version"} (``write_midi`` stores it in the file), plus
``metadata["title"]``. Results are reproducible: the same request gives the same melodies.
"""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from artdesk.core.jobs import job_request
from artdesk.core.melody import Melody

KEYS = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
MODES = ("major", "minor")
TIME_SIGNATURES = ((4, 4), (3, 4), (6, 8))
STYLES = ("classical", "folk", "celtic")  # the bundled models' styles; a model's card lists its own
MAX_BARS = 64
MAX_COUNT = 16
MAX_STEPS = 16


@job_request("artdesk.ml.music.generate:generate_melodies")
class GenerateRequest:
    """Generate ``count`` new melodies of ``bars`` bars from nothing."""

    model_path: Path  # an LSTM checkpoint folder (model_type "melody-lstm")
    style: str = "folk"  # one of the model's card ["config"]["styles"]
    key: str = "C"  # one of KEYS
    mode: str = "major"  # one of MODES
    key_lock: bool = True  # only notes of the key's scale are possible
    tempo_bpm: float = 120.0
    time_signature: tuple[int, int] = (4, 4)  # one of TIME_SIGNATURES
    bars: int = 8  # 1..MAX_BARS
    temperature: float = 1.0  # > 0; lower is safer, higher is wilder
    seed: int = 0  # the same seed and settings give the same melodies
    count: int = 1  # number of variations, 1..MAX_COUNT


@job_request("artdesk.ml.music.generate:continue_melody")
class ContinueRequest:
    """Continue ``primer`` by ``bars`` bars, ``count`` times; each result includes the primer."""

    model_path: Path  # an LSTM checkpoint folder
    primer: Melody
    bars: int = 4
    temperature: float = 1.0
    seed: int = 0
    count: int = 1
    style: str = "folk"
    key: str | None = None  # None: estimated from the primer
    mode: str | None = None  # None: estimated from the primer
    key_lock: bool = False


@job_request("artdesk.ml.music.generate:interpolate_melodies")
class InterpolateRequest:
    """Melodies morphing from ``a`` to ``b`` in ``steps`` steps (``a`` and ``b`` themselves excluded).

    Melodies are cut or padded to the VAE window (2 bars) times ``segments`` (1 or 2).
    """

    model_path: Path  # a VAE checkpoint folder (model_type "melody-vae")
    a: Melody
    b: Melody
    steps: int = 5  # 1..MAX_STEPS
    seed: int = 0
    temperature: float = 0.0  # 0 = most likely decoding; > 0 samples
    segments: int = 2  # VAE windows per melody: 1 (2 bars) or 2 (4 bars)


@job_request("artdesk.ml.music.generate:vary_melody")
class VariationRequest:
    """``count`` variations around ``melody``; ``amount`` 0..1 is how far from it they stray."""

    model_path: Path  # a VAE checkpoint folder
    melody: Melody
    count: int = 4
    amount: float = 0.5
    seed: int = 0
    temperature: float = 0.0
    key_lock: bool = False  # keep to the melody's (estimated) key


@job_request("artdesk.ml.music.train:finetune")
class FinetuneRequest:
    """Fine-tune ``base_model_path`` on the MIDI files under ``midi_folder`` into a new user model ``out_name``.

    ``style`` names the new style the fine-tuned model learns (e.g. "jazz"); resumable when ``resume``.
    """

    base_model_path: Path
    midi_folder: Path
    out_name: str
    minutes: float = 10.0
    resume: bool = True
    style: str = "mine"
    seed: int = 0


def request_settings(request: Any) -> dict[str, Any]:
    """The JSON-friendly settings of a request (melodies left out), for provenance."""
    settings = {}
    for key, value in asdict(request).items():
        if isinstance(value, dict) and "notes" in value:
            continue
        settings[key] = str(value) if isinstance(value, Path) else value
    return settings
