"""``artdesk generate|train|finetune|eval music ...``, the music demo and the self-test jobs.

The training path (``train``) imports only torch, numpy, safetensors and artdesk.core/ml: it runs on
machines without Qt, mido or platformdirs (give ``--data`` and ``--out`` there).
Run as ``python -m artdesk.ml.music.commands VERB ...`` as well.
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path

from artdesk.core.cards import find_model
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import ConsoleContext
from artdesk.ml.commands import run_verb

LSTM_NAME = "melody-lstm"
VAE_NAME = "melody-vae"
SIZES = {
    # name: (LSTM config kwargs, VAE config kwargs, {model: batch size})
    "large": ({"hidden": 512, "layers": 2, "embed": 64}, {"enc_hidden": 512, "latent": 128, "dec_hidden": 512},
              {"lstm": 128, "vae": 512}),
    "medium": ({"hidden": 256, "layers": 2, "embed": 64}, {"enc_hidden": 256, "latent": 64, "dec_hidden": 256},
               {"lstm": 128, "vae": 512}),
    "small": ({"hidden": 128, "layers": 2, "embed": 32}, {"enc_hidden": 128, "latent": 32, "dec_hidden": 128},
              {"lstm": 32, "vae": 64}),
    "tiny": ({"hidden": 16, "layers": 1, "embed": 8}, {"enc_hidden": 16, "latent": 8, "dec_hidden": 16, "dec_layers": 1},
             {"lstm": 8, "vae": 8}),
}


def _default_data_dir() -> Path:
    from artdesk.core.paths import default_cache

    return default_cache("music", "prepared")


def _card_data(manifest: dict, split_note: str) -> dict:
    return {
        "source": manifest.get("source"),
        "collections": manifest.get("collections"),
        "licence": manifest.get("licence"),
        "melodies": manifest.get("melodies"),
        "notes": manifest.get("notes"),
        "steps": manifest.get("steps"),
        "duplicates_removed": manifest.get("duplicates_removed"),
        "split": {**manifest.get("split", {}), "note": split_note},
        "filters": manifest.get("filters"),
        "file_list_sha256": manifest.get("file_list_sha256"),
        "dataset_sha256": manifest.get("dataset_sha256"),
    }


def train_command(args: argparse.Namespace) -> int:
    """Train the LSTM and/or VAE on prepared data; evaluate; write checkpoint folders with cards to --out."""
    import torch

    from artdesk.ml.checkpoint import save_checkpoint
    from artdesk.ml.device import pick_device
    from artdesk.ml.music.data import DATASET_FILE, MANIFEST_FILE, MelodyDataset
    from artdesk.ml.music.eval import evaluate_lstm_model, evaluate_vae_model
    from artdesk.ml.music.model import MelodyLSTM, MelodyLSTMConfig, MelodyVAE, MelodyVAEConfig
    from artdesk.ml.music.training import TrainSettings, train_model, training_info

    if args.threads:
        torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    data_dir = Path(args.data) if args.data else _default_data_dir()
    dataset = MelodyDataset.load(data_dir / DATASET_FILE)
    manifest = json.loads((data_dir / MANIFEST_FILE).read_text()) if (data_dir / MANIFEST_FILE).exists() else {}
    train, held_out = dataset.subset(dataset.split == 0), dataset.subset(dataset.split == 1)
    out = Path(args.out) if args.out else _user_music_models()
    state_dir = Path(args.state_dir) if args.state_dir else out / ".train-state"
    lstm_kwargs, vae_kwargs, batch = SIZES[args.size]
    command = "artdesk train music " + " ".join(shlex.quote(a) for a in args.argv)
    models = ["lstm", "vae"] if args.model == "both" else [args.model]
    share = {"lstm": 0.6, "vae": 0.4} if len(models) == 2 else {models[0]: 1.0}
    ctx = ConsoleContext()
    prefix = args.name_prefix
    is_essen = "non-commercial" in str(manifest.get("licence", ""))
    labels = ["non-commercial"] if is_essen else []
    split_note = "fixed-seed random split by melody after deduplication; metrics on the held-out melodies"
    written = []
    for kind in models:
        started = time.time()
        settings = TrainSettings(minutes=args.minutes * share[kind], batch_size=batch[kind], seed=args.seed,
                                 steps=args.window, eval_every_s=max(10.0, args.minutes * 60 * share[kind] / 8),
                                 max_updates=args.max_updates, lr=args.lr)
        torch.manual_seed(args.seed)
        if kind == "lstm":
            config = MelodyLSTMConfig(**lstm_kwargs, styles=dataset.styles, window=args.window)
            model = MelodyLSTM(config)
        else:
            config = MelodyVAEConfig(**vae_kwargs)
            model = MelodyVAE(config)
        name = f"{prefix}{LSTM_NAME if kind == 'lstm' else VAE_NAME}"
        print(f"training {name} ({sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters) on {device} "
              f"for {settings.minutes:.2f} min: {len(train)} train / {len(held_out)} held-out melodies", flush=True)
        result = train_model(kind, model, train, held_out, settings, ctx, device, state_dir / f"{name}.pt", args.resume)
        info = training_info(result, settings, command, {"size": args.size, "wall_seconds_with_eval": None})
        dest = out / name
        description = ("Melody LSTM (16th-note events, lookback, style/metre/key conditioning)" if kind == "lstm"
                       else "Melody VAE over 2-bar segments (interpolation and variations)")
        if is_essen:
            description += " trained on the Essen folk songs: NON-COMMERCIAL use only"
        save_checkpoint(result.model, dest, model_type=f"melody-{kind}", config=config, name=name,
                        description=description, data=_card_data(manifest, split_note), training=info, labels=labels)
        print(f"evaluating {name} on the held-out split…", flush=True)
        from artdesk.ml.checkpoint import load_checkpoint

        shipped = load_checkpoint(dest, device=device).model  # measure the float16 weights that ship
        if kind == "lstm":
            metrics = evaluate_lstm_model(shipped, train, held_out, device, ctx, samples=args.eval_samples)
        else:
            metrics = evaluate_vae_model(shipped, held_out, device, ctx)
        info["wall_seconds_with_eval"] = round(time.time() - started, 1)
        save_checkpoint(result.model, dest, model_type=f"melody-{kind}", config=config, name=name,
                        description=description, data=_card_data(manifest, split_note), training=info,
                        metrics=metrics, labels=labels)
        print(json.dumps(metrics, indent=1), flush=True)
        written.append(dest)
    for dest in written:
        print(f"wrote {dest}")
    return 0


def _user_music_models() -> Path:
    from artdesk.core.paths import app_paths

    return app_paths().user_models / "music"


def prepare_command(args: argparse.Namespace) -> int:
    from artdesk.ml.music.data import prepare

    out = Path(args.data) if args.data else _default_data_dir()
    manifest = prepare(out, ConsoleContext(), essen=args.essen, workers=args.workers)
    print(json.dumps({k: v for k, v in manifest.items() if k != "collections"}, indent=1))
    print(f"prepared data in {out}")
    return 0


def _train_parser(verb: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"artdesk {verb} music", description="Train the melody models.")
    parser.add_argument("--prepare", action="store_true", help="prepare the training data from music21's corpus")
    parser.add_argument("--essen", action="store_true", help="with --prepare: the non-commercial Essen set")
    parser.add_argument("--workers", type=int, default=1, help="with --prepare: parsing processes")
    parser.add_argument("--data", help="prepared data folder (default: the data cache)")
    parser.add_argument("--out", help="where checkpoint folders go (default: your music models)")
    parser.add_argument("--state-dir", help="resumable training state (default: OUT/.train-state)")
    parser.add_argument("--model", choices=("lstm", "vae", "both"), default="both")
    parser.add_argument("--size", choices=tuple(SIZES), default="small")
    parser.add_argument("--minutes", type=float, default=20.0, help="training time for all models together")
    parser.add_argument("--max-updates", type=int, default=None)
    parser.add_argument("--window", type=int, default=256, help="LSTM training window in 16th steps")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-samples", type=int, default=200)
    parser.add_argument("--name-prefix", default="", help="prefix of the checkpoint folder names")
    parser.add_argument("--no-resume", dest="resume", action="store_false")
    return parser


def _generate(argv: list[str]) -> int:
    from artdesk.core.midi_io import write_midi
    from artdesk.ml.music.generate import generate_melodies
    from artdesk.ml.music.requests import GenerateRequest

    parser = argparse.ArgumentParser(prog="artdesk generate music", description="Generate melodies as .mid files.")
    parser.add_argument("--model", default=LSTM_NAME)
    parser.add_argument("--style", default="folk")
    parser.add_argument("--key", default="C")
    parser.add_argument("--mode", default="major", choices=("major", "minor"))
    parser.add_argument("--no-key-lock", dest="key_lock", action="store_false")
    parser.add_argument("--tempo", type=float, default=120.0)
    parser.add_argument("--metre", default="4/4", choices=("4/4", "3/4", "6/8"))
    parser.add_argument("--bars", type=int, default=8)
    parser.add_argument("--temperature", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--out", default=".")
    args = parser.parse_args(argv)
    numerator, denominator = (int(x) for x in args.metre.split("/"))
    request = GenerateRequest(find_model(args.model, "music").path, args.style, args.key, args.mode, args.key_lock, args.tempo,
                              (numerator, denominator), args.bars, args.temperature, args.seed, args.count)
    ctx = ConsoleContext()
    melodies = generate_melodies(request, ctx)
    ctx.flush()  # the last (throttled) progress line, ending the line
    for index, melody in enumerate(melodies):
        path = write_midi(melody, Path(args.out) / f"{args.style}-{args.key}{args.mode}-seed{args.seed}-{index + 1}.mid")
        print(path)
    return 0


def _finetune(argv: list[str]) -> int:
    from artdesk.ml.music.requests import FinetuneRequest
    from artdesk.ml.music.train import finetune

    parser = argparse.ArgumentParser(prog="artdesk finetune music", description="Fine-tune a melody model on your MIDI files.")
    parser.add_argument("midi_folder")
    parser.add_argument("--base", default=LSTM_NAME)
    parser.add_argument("--name", required=True, help="name of the new model")
    parser.add_argument("--style", default="mine", help="name of the style it learns")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--no-resume", dest="resume", action="store_false")
    args = parser.parse_args(argv)
    request = FinetuneRequest(find_model(args.base, "music").path, Path(args.midi_folder), args.name, args.minutes, args.resume, args.style)
    ctx = ConsoleContext()
    dest = finetune(request, ctx)
    ctx.flush()
    print(dest)
    return 0


def _eval(argv: list[str]) -> int:
    import torch

    from artdesk.ml.checkpoint import load_checkpoint
    from artdesk.ml.device import pick_device
    from artdesk.ml.music.data import DATASET_FILE, MelodyDataset
    from artdesk.ml.music.eval import evaluate_lstm_model, evaluate_vae_model

    parser = argparse.ArgumentParser(prog="artdesk eval music", description="Held-out metrics of a melody model.")
    parser.add_argument("model")
    parser.add_argument("--data", help="prepared data folder (default: the data cache)")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    checkpoint = load_checkpoint(find_model(args.model, "music").path, device=device)
    dataset = MelodyDataset.load(Path(args.data or _default_data_dir()) / DATASET_FILE)
    train, held_out = dataset.subset(dataset.split == 0), dataset.subset(dataset.split == 1)
    ctx = ConsoleContext()
    if checkpoint.card.model_type == "melody-lstm":
        metrics = evaluate_lstm_model(checkpoint.model, train, held_out, device, ctx, samples=args.samples)
    else:
        metrics = evaluate_vae_model(checkpoint.model, held_out, device, ctx)
    print(json.dumps(metrics, indent=1))
    card_metrics = checkpoint.card.metrics
    if card_metrics:
        print("card says:", json.dumps(card_metrics))
    return 0


def _train(argv: list[str]) -> int:
    args = _train_parser("train").parse_args(argv)
    args.argv = argv
    return prepare_command(args) if args.prepare else train_command(args)


def main(verb: str, argv: list[str]) -> int:
    """Entry for ``artdesk VERB music ARGS``."""
    return run_verb("music", {"generate": _generate, "train": _train, "finetune": _finetune, "eval": _eval}, verb, argv)


def _bundled(paths, name: str) -> Path:
    return Path(paths.bundled_models) / "music" / name


def demo(out_dir: Path, ctx) -> list[Path]:
    """Sample melodies from the bundled models as .mid files (generate, continue, interpolate, vary)."""
    from artdesk.core.midi_io import write_midi
    from artdesk.core.paths import app_paths
    from artdesk.ml.music.generate import continue_melody, generate_melodies, interpolate_melodies, vary_melody
    from artdesk.ml.music.requests import ContinueRequest, GenerateRequest, InterpolateRequest, VariationRequest

    paths = app_paths()
    lstm, vae = _bundled(paths, LSTM_NAME), _bundled(paths, VAE_NAME)
    out_dir = Path(out_dir)
    written: list[Path] = []
    made = {}
    for style, key, mode, metre in (("celtic", "D", "major", (6, 8)), ("folk", "G", "major", (3, 4)),
                                    ("classical", "A", "minor", (4, 4))):
        melodies = generate_melodies(GenerateRequest(lstm, style, key, mode, True, 110.0, metre, 8, 0.9, 7, 2), ctx)
        made[style] = melodies
        for index, melody in enumerate(melodies):
            written.append(write_midi(melody, out_dir / f"generate-{style}-{key}{mode}-{index + 1}.mid"))
    primer = made["classical"][0]
    first_bars = type(primer)(tuple(n for n in primer.notes if n.start < 32), primer.tempo_bpm, primer.time_signature,
                              dict(primer.metadata))
    for index, melody in enumerate(continue_melody(ContinueRequest(lstm, first_bars, 6, 0.9, 3, 2, "classical"), ctx)):
        written.append(write_midi(melody, out_dir / f"continue-{index + 1}.mid"))
    a, b = made["classical"][0], made["classical"][1]
    for index, melody in enumerate(interpolate_melodies(InterpolateRequest(vae, a, b, 4, 0), ctx)):
        written.append(write_midi(melody, out_dir / f"interpolate-{index + 1}.mid"))
    for index, melody in enumerate(vary_melody(VariationRequest(vae, a, 3, 0.6, 1), ctx)):
        written.append(write_midi(melody, out_dir / f"variation-{index + 1}.mid"))
    return written


def _self_test_music(request, ctx):
    """Generates with the bundled LSTM, then interpolates with the bundled VAE; checks both give notes."""
    from artdesk.ml.music.generate import generate_melodies, interpolate_melodies
    from artdesk.ml.music.requests import GenerateRequest, InterpolateRequest

    lstm, vae = request
    melodies = generate_melodies(GenerateRequest(lstm, "folk", "D", "major", True, 120.0, (4, 4), 4, 1.0, 1, 2), ctx)
    if not all(m.notes for m in melodies):
        raise ArtdeskError("The bundled melody LSTM generated an empty melody.")
    between = interpolate_melodies(InterpolateRequest(vae, melodies[0], melodies[1], 3, 0), ctx)
    if not all(m.notes for m in between):
        raise ArtdeskError("The bundled melody VAE decoded an empty melody.")
    return f"{len(melodies)} melodies ({sum(len(m.notes) for m in melodies)} notes), {len(between)} interpolations"


def self_test_jobs(paths) -> list[tuple[str, object, object]]:
    """One job for the Music panel: generate and interpolate with the bundled models."""
    return [("music: generate and interpolate", _self_test_music, (_bundled(paths, LSTM_NAME), _bundled(paths, VAE_NAME)))]


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: python -m artdesk.ml.music.commands VERB [ARGS]", file=sys.stderr)
        raise SystemExit(2)
    try:
        raise SystemExit(main(sys.argv[1], sys.argv[2:]))
    except ArtdeskError as error:
        print(f"artdesk: {error}", file=sys.stderr)
        raise SystemExit(2)
