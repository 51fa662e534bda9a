"""The fine-tune job: ``run_finetune(request, ctx) -> model folder``, resumable after a cancel, crash or kill.

A run keeps its state in ``<user models>/canvas/.finetune/<name>/``: ``request.json``, ``pictures.npz``
(the prepared pixels), ``state.pt`` (models, optimisers, random state; written atomically every
``checkpoint_every_s`` and on cancel) and ``snapshots/``. Running the same request again resumes it.
The finished model goes to ``<user models>/canvas/<name>/`` with a card naming its parent, the data
manifest, the training and the metrics; the state and the pixels are then removed, the snapshots kept.
"""
from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import numpy as np
import torch

from artdesk.core.atomic import atomic_write_bytes, atomic_write_text
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.canvas import eval as metrics
from artdesk.ml.canvas.finetune import measures, snapshots
from artdesk.ml.canvas.finetune.ddp import World
from artdesk.ml.canvas.finetune.pictures import PictureSet, check_present, prepare_pictures
from artdesk.ml.canvas.finetune.plan import (
    TOO_CLOSE_LIMIT,
    FinetuneRequest,
    check_request,
    resolved_settings,
    settings_from,
)
from artdesk.ml.canvas.finetune.measures import Judge
from artdesk.ml.canvas.finetune.results import Snapshot, UnfinishedRun
from artdesk.ml.canvas.finetune.trainer import Trainer, load_base, start_from_style
from artdesk.ml.loop import TrainLoop

STRIP = 8  # pictures in a sample strip
STRIP_SEED = 20261130
SNAPSHOT_SAMPLES = 64  # generated pictures measured at each snapshot
FINAL_SAMPLES = 128  # generated pictures measured for the card, for the base and the fine-tuned model alike
MIN_CALIBRATION = 20  # pictures needed for an originality index of the user's set (core.originality's rule)
PATIENCE = 2  # snapshots in a row without a better score before training stops early
RESUME_FIELDS_IGNORED = ("device", "checkpoint_every_s", "command")  # may change between a pause and a resume


def runs_root(user_models: Path) -> Path:
    return Path(user_models) / "canvas" / snapshots.RUNS


def request_to_json(request: FinetuneRequest) -> str:
    return json.dumps(dataclasses.asdict(request), indent=1)


def request_from_json(text: str) -> FinetuneRequest:
    raw = json.loads(text)
    raw["files"] = tuple(raw["files"])
    raw["crops"] = tuple(tuple(pair) for pair in raw.get("crops", ()))
    return FinetuneRequest(**raw)


def unfinished_runs(user_models_root: Path) -> list[UnfinishedRun]:
    """Runs with saved state and no finished model yet, newest first, so the app can offer to resume."""
    out = []
    root = runs_root(user_models_root)
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        state, saved = folder / "state.pt", folder / "request.json"
        if not (state.is_file() and saved.is_file()):
            continue
        try:
            request = request_from_json(saved.read_text(encoding="utf-8"))
            step = _saved_step(folder)
        except (OSError, ValueError, KeyError, TypeError, ArtdeskError):
            continue
        out.append(UnfinishedRun(folder.name, request, step, state.stat().st_mtime, state))
    return sorted(out, key=lambda run: -run.saved_at)


def _saved_step(folder: Path) -> int:
    """The step of a run's saved state: from progress.json, or from the state itself if a kill came in between."""
    try:
        return int(json.loads((folder / "progress.json").read_text())["step"])
    except (OSError, ValueError, KeyError, TypeError):
        from artdesk.ml.checkpoint import load_training_state

        return int(load_training_state(folder / "state.pt")["trainer"]["step"])


def discard_run(user_models_root: Path, name: str) -> None:
    """Forget an unfinished run (its state, pixels and snapshots)."""
    import shutil

    shutil.rmtree(runs_root(user_models_root) / name, ignore_errors=True)


def _same_run(a: FinetuneRequest, b: FinetuneRequest) -> bool:
    strip = lambda r: {k: v for k, v in dataclasses.asdict(r).items() if k not in RESUME_FIELDS_IGNORED}  # noqa: E731
    return strip(a) == strip(b)


class _Run:
    """One run's bookkeeping around the Trainer: state, snapshots, metrics, the finished model."""

    def __init__(self, request: FinetuneRequest, ctx: JobContext, world: World, folder: Path, dest: Path) -> None:
        self.request, self.ctx, self.world, self.folder, self.dest = request, ctx, world, folder, dest
        self.history: list[tuple[int, float, float]] = []
        self.copying: list[int] = []  # steps whose snapshot counted as copying
        self.base: measures.Measure | None = None  # the base model's snapshot measure (pairs dropped)
        self.best: tuple[int, float] | None = None  # (step, score) of the best snapshot so far
        self.since_best = 0  # scored snapshots since the best one
        self.seconds_before = 0.0
        self.started = time.monotonic()
        self.save_problem = ""

    @property
    def seconds(self) -> float:
        return self.seconds_before + time.monotonic() - self.started

    def save_state(self, trainer: Trainer, style: int) -> bool:
        """Write the state atomically; on failure (full disk) keep the last good one and say so."""
        if not self.world.main:
            return True
        from artdesk.ml.checkpoint import save_training_state

        try:
            save_training_state(self.folder / "state.pt", {
                "trainer": trainer.state(), "seconds": self.seconds, "history": self.history,
                "copying": self.copying, "style": style, "best": self.best,
                "base": dataclasses.asdict(self.base) if self.base else None,
                "since_best": self.since_best})
            atomic_write_text(self.folder / "progress.json", json.dumps({"step": trainer.step_count}))
        except ArtdeskError as error:
            self.save_problem = (f"{error} Training goes on; the last good checkpoint is kept, "
                                 f"and saving is tried again in {self.request.checkpoint_every_s:.0f} s.")
            self.ctx.report(None, self.save_problem)
            return False
        self.save_problem = ""
        return True


def _strip(generator, style: int, latent_dim: int, device) -> np.ndarray:
    z = torch.randn(STRIP, latent_dim, generator=torch.Generator().manual_seed(STRIP_SEED)).to(device)
    with torch.no_grad():
        return metrics.to_uint8(generator.synthesize(z, torch.full((STRIP,), style, dtype=torch.long, device=device)))


def _warning(too_close: float, step: int) -> str:
    if too_close < TOO_CLOSE_LIMIT:
        return ""
    return (f"At step {step}, {too_close:.0%} of the samples are closer to one of your pictures than your own "
            "held-out pictures are: the model is starting to copy. Compare the closest pairs; an earlier snapshot "
            "may be better.")


def _collapse_warning(diversity: float, user_diversity: float, step: int) -> str:
    if not measures.collapsed(diversity, user_diversity):
        return ""
    share = measures.variety_share(diversity, user_diversity)
    return (f"At step {step} the pictures are becoming all alike: they vary {share:.0%} as much as your own "
            "pictures do. Try more of \"Keep the variety of the original model\", a shorter training, or more "
            "pictures; the best earlier snapshot is kept.")


def run_finetune(request: FinetuneRequest, ctx: JobContext, world: World = World()) -> Path:
    """Fine-tune the base canvas GAN on the user's pictures; returns the finished model's folder.

    Reports progress (step, losses, ETA) every 10 steps and while preparing; publishes a ``Snapshot`` of
    the base model first, then every ``snapshot_every`` steps and at the end; checks for cancel at every
    step (saving the state first, then raising Cancelled: run again to resume). Checkpoints every
    ``checkpoint_every_s``. Scores every snapshot (``measures.snapshot_score``: likeness gained over the
    base model, refused when the samples collapse or copy), stops early when ``PATIENCE`` snapshots in a row
    do not beat the best, or when two in a row copy; the finished model uses the best snapshot.
    """
    from artdesk.core.paths import app_paths
    from artdesk.ml.checkpoint import load_training_state
    from artdesk.ml.device import pick_device

    check_request(request)
    user_models = app_paths().user_models
    folder, dest = runs_root(user_models) / request.name, user_models / "canvas" / request.name
    saved_request = folder / "request.json"
    resuming = (folder / "state.pt").is_file()
    if resuming and saved_request.is_file():
        if not _same_run(request_from_json(saved_request.read_text(encoding="utf-8")), request):
            raise ArtdeskError(f"An unfinished fine-tune named {request.name} used other pictures or settings. "
                               "Resume it as it was, discard it, or choose another name.")
    elif dest.exists():
        raise ArtdeskError(f"You already have a canvas model named {request.name}. Choose another name.")
    run = _Run(request, ctx, world, folder, dest)
    if world.main and not resuming:  # an attempt killed before its first checkpoint left nothing worth keeping
        discard_run(user_models, request.name)
    elif world.main:
        for leftover in folder.glob(".*.tmp"):  # a kill during an atomic write leaves its temporary file
            leftover.unlink(missing_ok=True)
    pictures = _pictures(request, ctx, folder, world, resuming)
    ctx.report(0.02, "Loading the base model…")
    base, generator, discriminator, has_d = load_base(request)
    resolved = resolved_settings(request, len(pictures.files), has_d)
    settings = settings_from(resolved)
    judge = Judge(pictures.train_images, pictures.heldout_images)
    state = load_training_state(folder / "state.pt") if resuming else None
    style = int(state["style"]) if state else judge.nearest_style(generator, generator.config.styles)
    start_from_style(generator, discriminator, style)
    if world.main and not state:  # the base model's strip at once; its measured snapshot replaces it
        ctx.publish(Snapshot(0, run.seconds, _strip(generator, style, generator.config.latent_dim, "cpu"), {}, [],
                             None, None))
    device = world.device(pick_device(request.device))
    trainer = Trainer(generator, discriminator, settings, pictures.train_images, request.seed, device, world)
    if state:
        trainer.load(state["trainer"])
        run.seconds_before, run.history = float(state["seconds"]), [tuple(h) for h in state["history"]]
        run.copying = list(state["copying"])
        run.base = measures.Measure(**state["base"]) if state.get("base") else None
        run.since_best = int(state.get("since_best", 0))
        run.best = tuple(state["best"]) if state.get("best") else None
        ctx.report(trainer.step_count / settings.steps, f"Resuming at step {trainer.step_count} of {settings.steps}")
        _republish(folder, ctx, run.history, run.base.kid if run.base else None)
    elif world.main:
        atomic_write_text(saved_request, request_to_json(request))
        _snapshot(run, trainer, judge, style, base_model=True)
    stopped_for_copying = _train(run, trainer, judge, style, settings)
    return _finish(run, trainer, judge, style, pictures, base.card, resolved, stopped_for_copying)


def _pictures(request: FinetuneRequest, ctx: JobContext, folder: Path, world: World, resuming: bool) -> PictureSet:
    """The prepared pictures: from the run's copy when resuming (after checking the files are still there)."""
    cached = folder / "pictures.npz"
    check_present(request.files)
    if resuming and cached.is_file():
        try:
            return PictureSet.from_file(cached)
        except (OSError, ValueError, KeyError):
            pass  # damaged copy: prepare again
    pictures = prepare_pictures(request, ctx)
    if world.main:
        atomic_write_bytes(cached, pictures.to_bytes())
    return pictures


def _republish(folder: Path, ctx: JobContext, history: list, base_kid: float | None) -> None:
    """Publish the snapshots saved before a resume, so the strip can be scrubbed back through them."""
    for snap_dir in snapshots._folders(folder):
        info, samples, pairs = snapshots.read_snapshot(snap_dir)
        ctx.publish(Snapshot(info["step"], info["seconds"], samples, info["losses"],
                             [h for h in history if h[0] <= info["step"]], info.get("kid"), info.get("too_close"),
                             [(p[0], p[1], d) for p, d in zip(pairs, info.get("pair_distances", []))],
                             info.get("copying_warning", ""), info.get("diversity"), info.get("user_diversity"),
                             info.get("collapse_warning", ""), None if info.get("base_model") else base_kid))


def _snapshot(run: _Run, trainer: Trainer, judge: Judge, style: int, base_model: bool = False) -> Snapshot:
    """Measure the EMA generator, publish a Snapshot and save it beside the state (rank 0 only)."""
    ema, step = trainer.ema, trainer.step_count
    config = ema.config
    device = next(ema.parameters()).device
    samples = _strip(ema, style, config.latent_dim, device)
    fake = metrics.sample_model(ema, SNAPSHOT_SAMPLES, np.array([style]), seed=STRIP_SEED + 1)
    measure = judge.measure(fake)
    warning = _warning(measure.too_close, step)
    collapse = "" if base_model else _collapse_warning(measure.diversity, judge.user_diversity, step)
    losses = {"d": run.history[-1][1], "g": run.history[-1][2]} if run.history else {}
    snap = Snapshot(step, run.seconds, samples, losses, list(run.history), measure.kid, measure.too_close,
                    measure.closest_pairs, warning, measure.diversity, judge.user_diversity, collapse,
                    None if base_model else run.base.kid)
    run.ctx.publish(snap)
    pairs = np.stack([np.stack([a, b]) for a, b, _ in measure.closest_pairs])
    if base_model:
        run.base = dataclasses.replace(measure, closest_pairs=[])
    score = None if base_model else measures.snapshot_score(measure, run.base, judge.user_diversity)
    info = {"seconds": round(snap.seconds, 1), "kid": measure.kid, "too_close": measure.too_close, "losses": losses,
            "pair_distances": [d for _, _, d in measure.closest_pairs], "copying_warning": warning,
            "base_model": base_model, "diversity": measure.diversity, "user_diversity": judge.user_diversity,
            "collapse_warning": collapse, "score": score}
    try:
        snapshots.write_snapshot(run.folder, step, ema, samples, pairs, info)
    except ArtdeskError as error:
        run.ctx.report(None, f"{error} (the snapshot at step {step} was not saved; training goes on)")
    if score is not None and (run.best is None or score > run.best[1]):
        run.best, run.since_best = (step, score), 0
    elif not base_model:
        run.since_best += 1
    return snap


def _train(run: _Run, trainer: Trainer, judge: Judge, style: int, settings) -> bool:
    """The loop; returns True when it stopped early (copying, or no better snapshot for a while)."""
    request, ctx, world = run.request, run.ctx, run.world
    loop = TrainLoop(ctx, steps=settings.steps, save_every_s=request.checkpoint_every_s, save_at_end=False,
                     agree=world.agree,
                     cancel_message=lambda loop: f"Paused at step {loop.step} of {settings.steps}; run it again to resume.")
    loop.resume(trainer.step_count, run.seconds_before)
    smooth: list[float] = []
    losses: list[torch.Tensor] = []

    def step(loop: TrainLoop) -> None:
        losses[:] = trainer.step()

    def after(loop: TrainLoop) -> bool:
        nonlocal smooth
        step = loop.step
        if step % 10 == 0 or step == settings.steps:
            d, g = (float(loss) for loss in losses)
            smooth = [0.8 * smooth[0] + 0.2 * d, 0.8 * smooth[1] + 0.2 * g] if smooth else [d, g]
            run.history.append((step, round(smooth[0], 4), round(smooth[1], 4)))
            eta = loop.clock.session / loop.session_steps * (settings.steps - step)
            problem = f" · {run.save_problem}" if run.save_problem else ""
            ctx.report(step / settings.steps, f"Step {step} of {settings.steps} · D {smooth[0]:.3f} G {smooth[1]:.3f}"
                                              f" · {_duration(eta)} left{problem}")
        if step % settings.snapshot_every == 0 or step == settings.steps:
            return world.agree(_snapshot_and_check(run, trainer, judge, style) if world.main else False)
        return False

    return loop.run(step, save=lambda: run.save_state(trainer, style), after=after)


def _snapshot_and_check(run: _Run, trainer: Trainer, judge: Judge, style: int) -> bool:
    """Snapshot; stop (True) when two in a row copy or PATIENCE in a row beat no best one. A vanished folder
    saves the state and stops."""
    try:
        check_present(run.request.files)
    except ArtdeskError:
        run.save_state(trainer, style)
        raise
    snap = _snapshot(run, trainer, judge, style)
    for warning in (snap.copying_warning, snap.collapse_warning):
        if warning:
            run.ctx.report(None, warning)
    if snap.copying_warning:
        run.copying.append(snap.step)
    twice = run.copying[-2:] == [snap.step - trainer.settings.snapshot_every, snap.step]
    stale = run.best is not None and run.since_best >= PATIENCE
    return (run.request.stop_when_copying and twice) or (run.request.stop_early and stale)


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _finish(run: _Run, trainer: Trainer, judge: Judge, style: int, pictures: PictureSet, base_card, resolved: dict,
            stopped_early: bool) -> Path:
    """Write the finished model from the best snapshot (rank 0), measure it beside the base, remove the state."""
    from safetensors.torch import save as safetensors_bytes

    from artdesk.ml.checkpoint import save_checkpoint

    request, ctx = run.request, run.ctx
    if not run.world.main:
        return run.dest
    run.save_state(trainer, style)
    generator, step = trainer.ema, trainer.step_count
    best = snapshots.snapshot_folder(run.folder, run.best[0]) / snapshots.WEIGHTS if run.best else None
    if best is not None and best.is_file() and run.best[0] != step:
        from safetensors.torch import load_file

        step = run.best[0]
        generator.load_state_dict({k: v.float() if v.is_floating_point() else v
                                   for k, v in load_file(str(best)).items()})
    ctx.report(1.0, "Measuring the fine-tuned model beside the base model…")
    final, before = _final_measures(request, generator, judge, style)
    scores = {
        "kid_vs_heldout": round(final.kid, 6), "too_close_rate": round(final.too_close, 4),
        "diversity": round(final.diversity, 4), "user_diversity": round(judge.user_diversity, 4),
        "base_kid_vs_heldout": round(before.kid, 6), "base_too_close_rate": round(before.too_close, 4),
        "base_diversity": round(before.diversity, 4),
        "collapsed": measures.collapsed(final.diversity, judge.user_diversity),
        "generated": FINAL_SAMPLES, "heldout": int(pictures.heldout.sum()),
        "note": "KID (lower: closer; its unbiased estimate can dip below zero) against your held-out pictures and "
                "diversity (mean pairwise distance) in measures.picture_features; too-close: share of samples "
                "nearer to a training picture than the 5th percentile of held-out-to-training distances",
    }
    training = {
        "command": request.command or "Canvas: fine-tune",
        "steps": trainer.step_count, "model_step": step, "seconds": round(run.seconds, 1),
        "device": str(trainer.device) + run.world.describe(), "world_size": run.world.size,
        "preset": request.preset, "seed": request.seed, "torch": torch.__version__, "start_style": style,
        "stopped_early": stopped_early,
        "settings": {k: {"value": v, "why": why} for k, (v, why) in resolved.items()},
    }
    d_state = {k: v.detach().cpu().contiguous() for k, v in trainer.d.state_dict().items()}
    ctx.report(1.0, "Indexing your pictures for Check originality…")
    assets = {"discriminator.safetensors": safetensors_bytes(d_state), **_user_index(pictures)}
    try:
        save_checkpoint(generator, run.dest, model_type="canvas-gan", config=generator.config, name=request.name,
                        description=f"{base_card.name} fine-tuned on {len(pictures.files)} of your pictures",
                        data=pictures.manifest(request), training=training, metrics=scores, parent=base_card.name,
                        labels=["fine-tuned"], assets=assets)
        if (snapshots.snapshot_folder(run.folder, step) / snapshots.WEIGHTS).is_file():
            snapshots.remember_best(run.folder, step)
    except ArtdeskError as error:
        raise ArtdeskError(f"{error} The training is saved: run the fine-tune again to write the model.") from error
    for name in ("state.pt", "pictures.npz", "progress.json"):
        (run.folder / name).unlink(missing_ok=True)
    ctx.report(1.0, f"Saved {request.name} (step {step}): too close {final.too_close:.0%}")
    return run.dest


def _final_measures(request: FinetuneRequest, generator, judge: Judge, style: int):
    """The three measures of the fine-tuned and of the base model, on the same number of samples and seeds."""
    _base, base_generator, _d, _has_d = load_base(request)
    start_from_style(base_generator, _d, style)
    out = []
    for model in (generator, base_generator.to(next(generator.parameters()).device)):
        fake = metrics.sample_model(model, FINAL_SAMPLES, np.array([style]), seed=STRIP_SEED + 2)
        out.append(judge.measure(fake))
    return out[0], out[1]


def _user_index(pictures: PictureSet) -> dict[str, bytes]:
    """The originality index of the user's pictures at 64 px, as Check originality reads a picture (none under
    MIN_CALIBRATION pictures: too few to tell near copies from neighbours; the base model's index still judges)."""
    from artdesk.ml.canvas.originality import INDEX_FILE, build_set_index

    if len(pictures.images) < MIN_CALIBRATION:
        return {}
    images = pictures.images
    factor = 64 // images.shape[1]
    images = images.repeat(factor, axis=1).repeat(factor, axis=2) if factor > 1 else images
    return {INDEX_FILE: build_set_index(images, "your pictures").to_bytes()}
