"""Training of the canvas GAN, VAE and upscaler: time-budgeted, resumable, ending in a checkpoint with a card.

Each trainer is a job body ``fn(request, ctx)``: it reports progress every step, checks cancel every
step, saves resumable state (``<out>/.state/<name>.pt``) every ``save_every_s`` seconds and when
cancelled, and stops itself when its ``minutes`` are spent; then it measures held-out metrics and
writes ``<out>/<name>/`` (card.json + float16 model.safetensors).

This module imports only torch, numpy, safetensors, pillow and artdesk.core/ml (it runs on a bare
GPU machine). ``python -m artdesk.ml.canvas.train all --data D --out O --minutes M`` trains all
three at once (one process each) and is what the GPU run uses.
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import save as safetensors_bytes

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import ConsoleContext, JobContext
from artdesk.ml.canvas import eval as metrics
from artdesk.ml.canvas.data import LICENCES, CanvasData, load_data
from artdesk.ml.canvas.finetune.plan import DISCRIMINATOR_FILE
from artdesk.ml.canvas.coverage import Encoder, redraw_loss
from artdesk.ml.canvas.losses import mode_seeking_loss
from artdesk.ml.canvas.model import (
    Discriminator,
    DiscriminatorConfig,
    GanConfig,
    Generator,
    Upscaler,
    UpscalerConfig,
    Vae,
    VaeConfig,
)
from artdesk.ml.canvas.requests import STYLES
from artdesk.ml.checkpoint import save_checkpoint, save_training_state
from artdesk.ml.loop import TrainLoop


@dataclass(frozen=True)
class TrainRequest:
    """What to train: ``kind`` in gan/vae/upscaler, from prepared ``data`` into ``out/<name>``."""

    kind: str
    data: str
    out: str
    name: str = ""
    minutes: float = 10.0
    device: str = "auto"
    batch: int = 64
    width: int = 32
    lr: float = 2e-4
    mode_seeking: float = 1.0  # weight of the GAN's mode-seeking term (0: off)
    image_size: int = 64  # the GAN's training size: 64, or 32 (four times cheaper a step)
    d_lr: float = 0.0  # the GAN discriminator's learning rate (0: the same as lr)
    snapshot_every: int = 0  # keep the GAN's EMA generator every this many steps (.state/<name>-snapshots)
    init_from: str | None = None  # continue a finished GAN checkpoint (same settings) when there is no state
    minibatch_std: bool = False  # the GAN discriminator sees the batch's spread (against one-picture collapse)
    redraw: float = 0.0  # weight of the GAN's redraw term (coverage.py: an encoder, so no picture is dropped; 0: off)
    redraw_kl: float = 5e-4  # weight of the redraw codes' KL divergence to the prior
    seed: int = 0
    resume: bool = True
    eval_count: int = 2000
    eval_train_max: int = 0  # 0: measure against every training picture; else a fixed-seed subset
    save_every_s: float = 120.0
    command: str = ""
    threads: int = 0


# ----- DiffAugment (Zhao et al. 2020): the same random transform for reals and fakes -------------
def diff_augment(x: torch.Tensor) -> torch.Tensor:
    """Colour (brightness, saturation, contrast), translation (1/8) and cutout (1/2), differentiable."""
    n = x.shape[0]
    dev = x.device
    x = x + (torch.rand(n, 1, 1, 1, device=dev) - 0.5)
    mean = x.mean(dim=1, keepdim=True)
    x = (x - mean) * (torch.rand(n, 1, 1, 1, device=dev) * 2) + mean
    mean = x.mean(dim=[1, 2, 3], keepdim=True)
    x = (x - mean) * (torch.rand(n, 1, 1, 1, device=dev) + 0.5) + mean
    h, w = x.shape[2], x.shape[3]
    shift = int(h * 0.125 + 0.5)
    tx = torch.randint(-shift, shift + 1, (n, 1, 1), device=dev)
    ty = torch.randint(-shift, shift + 1, (n, 1, 1), device=dev)
    gb, gy, gx = torch.meshgrid(torch.arange(n, device=dev), torch.arange(h, device=dev), torch.arange(w, device=dev), indexing="ij")
    gy = torch.clamp(gy + ty + 1, 0, h + 1)
    gx = torch.clamp(gx + tx + 1, 0, w + 1)
    padded = F.pad(x, [1, 1, 1, 1, 0, 0, 0, 0])
    x = padded.permute(0, 2, 3, 1).contiguous()[gb, gy, gx].permute(0, 3, 1, 2)
    ch, cw = h // 2, w // 2
    oy = torch.randint(0, h + (1 - h % 2), (n, 1, 1), device=dev)
    ox = torch.randint(0, w + (1 - w % 2), (n, 1, 1), device=dev)
    gb, gy, gx = torch.meshgrid(torch.arange(n, device=dev), torch.arange(ch, device=dev), torch.arange(cw, device=dev), indexing="ij")
    gy = torch.clamp(gy + oy - ch // 2, 0, h - 1)
    gx = torch.clamp(gx + ox - cw // 2, 0, w - 1)
    mask = torch.ones(n, h, w, dtype=x.dtype, device=dev)
    mask[gb, gy, gx] = 0
    return x * mask.unsqueeze(1)


# ----- shared pieces -----------------------------------------------------------------------------
class Batches:
    """Random training batches drawn with every style equally likely, kept on the device as uint8."""

    def __init__(self, data: CanvasData, device: torch.device, seed: int, exclude: tuple[str, ...] = ()) -> None:
        images, styles = data.split(heldout=False)
        self.images = torch.from_numpy(images).to(device)
        self.styles = torch.from_numpy(styles.astype(np.int64)).to(device)
        classes = data.classes
        counts = torch.bincount(self.styles, minlength=len(classes)).float()
        per_style = 1.0 / counts.clamp_min(1)
        for style in exclude:
            per_style[classes.index(style)] = 0.0
        self.weights = per_style[self.styles].cpu()
        self.generator = torch.Generator(device="cpu").manual_seed(seed)
        self.device = device

    def __call__(self, size: int) -> tuple[torch.Tensor, torch.Tensor]:
        index = torch.multinomial(self.weights, size, replacement=True, generator=self.generator).to(self.device)
        x = self.images[index].permute(0, 3, 1, 2).float() / 127.5 - 1
        flip = (torch.rand(size, generator=self.generator) < 0.5).to(self.device)
        x = torch.where(flip[:, None, None, None], x.flip(3), x)
        return x, self.styles[index]


def _device(name: str) -> torch.device:
    from artdesk.ml.device import pick_device

    device = pick_device(name)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    return device


def _card_data(data: CanvasData) -> dict:
    manifest = data.manifest
    if "set" in manifest:  # a coherent picture set (picture_sets.py) names its own source and licence
        source = {"set": manifest["set"], "classes": manifest["classes"], "source": manifest["source"],
                  "licence": manifest["licence"]}
    else:
        source = {
            "source": "Debian packages openclipart-png (without shapes/stars), fonts-noto-color-emoji, crawl-tiles-data",
            "licence": "public domain + Apache-2.0 (Noto Color Emoji, Google) + mostly CC0, otherwise GPL-2+ (Dungeon Crawl Stone Soup tiles)",
            "licences": LICENCES,
        }
    return {
        **source,
        "counts": manifest.get("counts", {}),
        "exported": manifest.get("exported"),
        "train": int((~data.heldout).sum()),
        "heldout": int(data.heldout.sum()),
        "split": manifest.get("split", {}),
        "filters": manifest.get("filters", ""),
        "sources_sha256": manifest.get("sources_sha256", ""),
        "size": 64,
        "background": "white",
    }


POST_PROCESSING_FIELDS = ("ink",)  # change what synthesize shows, not the weights


def same_architecture(saved: dict | None, config) -> bool:
    """Whether saved training state fits ``config`` (post-processing fields aside, so older state resumes)."""
    if saved is None:
        return False
    defaults = dataclasses.asdict(type(config)())  # a field the state predates had its default
    return all(saved.get(k, defaults[k]) == v for k, v in dataclasses.asdict(config).items()
               if k not in POST_PROCESSING_FIELDS)


def init_from_checkpoint(folder: Path, config: GanConfig, generator, ema, discriminator) -> tuple[int, float]:
    """Load a finished GAN checkpoint (and its shipped discriminator) to continue training it; the optimizers
    start fresh. Returns the steps and seconds on its card, so the new card counts on from them."""
    from safetensors.torch import load_file

    from artdesk.ml.checkpoint import load_checkpoint

    parent = load_checkpoint(folder)
    if not same_architecture(dataclasses.asdict(parent.config), config):
        raise ArtdeskError(f"{folder} was trained with other settings ({dataclasses.asdict(parent.config)}); "
                           "train with the same --width, --image-size and data to continue it.")
    weights = {k: v.float() for k, v in parent.model.state_dict().items()}
    generator.load_state_dict(weights)
    ema.load_state_dict(weights)
    if (folder / DISCRIMINATOR_FILE).is_file():
        discriminator.load_state_dict({k: v.float() for k, v in load_file(str(folder / DISCRIMINATOR_FILE)).items()})
    training = parent.card.raw.get("training", {})
    return int(training.get("steps", 0)), float(training.get("seconds", 0.0))


def _loop(request: TrainRequest, name: str, ctx: JobContext) -> TrainLoop:
    """The training loop of ``name``: ``minutes`` of this session, state in ``<out>/.state/<name>.pt``."""
    return TrainLoop(ctx, seconds=request.minutes * 60, state_path=Path(request.out) / ".state" / f"{name}.pt",
                     resume=request.resume, save_every_s=request.save_every_s)


def _to_cpu(state: dict) -> dict:
    return {k: v.detach().cpu() if torch.is_tensor(v) else v for k, v in state.items()}


def _optimizer_state(opt: torch.optim.Optimizer) -> dict:
    state = opt.state_dict()
    return {"state": {k: _to_cpu(v) for k, v in state["state"].items()}, "param_groups": state["param_groups"]}


def _state(loop: TrainLoop, config, **parts) -> dict:
    """Resume state: the config, the loop's counts and each model's or optimiser's state on the CPU."""
    return {"config": dataclasses.asdict(config), "step": loop.step, "seconds": loop.clock.total,
            "cpu_seconds": loop.clock.cpu_total,
            **{key: _optimizer_state(part) if isinstance(part, torch.optim.Optimizer) else _to_cpu(part.state_dict())
               for key, part in parts.items()}}


def _resume(loop: TrainLoop, config, **parts) -> dict | None:
    """Restore ``parts`` and the loop's counts from the saved state when it fits ``config``; returns that state."""
    saved = loop.saved()
    if saved is None or not same_architecture(saved.get("config"), config):
        return None
    for key, part in parts.items():
        part.load_state_dict(saved[key])
    loop.resume(saved["step"], saved["seconds"], saved.get("cpu_seconds", 0.0))
    return saved


def _smoothed(smooth: float, value: torch.Tensor, step: int) -> float:
    """An exponential average of a loss, read every 10 steps (reading a loss waits for the GPU)."""
    return 0.8 * smooth + 0.2 * float(value.detach()) if step > 10 else float(value.detach())


class _LossReport:
    """The loop's ``after`` for a one-loss trainer: every 10 steps, reports the smoothed ``loss`` of the last step."""

    def __init__(self, ctx: JobContext, message: str) -> None:
        self.ctx, self.message = ctx, message  # message: a format with {step} and {loss}
        self.loss: torch.Tensor | None = None
        self.smooth = 0.0

    def __call__(self, loop: TrainLoop) -> None:
        if loop.step % 10 == 0:
            self.smooth = _smoothed(self.smooth, self.loss, loop.step)
            self.ctx.report(loop.fraction(), self.message.format(step=loop.step, loss=self.smooth))


def _update(optimizer: torch.optim.Optimizer, loss: torch.Tensor) -> None:
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()


# ----- GAN ---------------------------------------------------------------------------------------
def train_gan(request: TrainRequest, ctx: JobContext) -> Path:
    """FastGAN-style training with hinge loss, L1 self-supervised reconstruction in D, DiffAugment, EMA of G,
    and a mode-seeking term (``mode_seeking`` > 0) against within-style collapse.

    Reports every 10 steps; checks cancel every step (saving state first); saves state every
    ``save_every_s``; stops when ``minutes`` are spent, evaluates the EMA generator, writes the checkpoint.
    """
    name = request.name or "gan"
    torch.manual_seed(request.seed)
    device = _device(request.device)
    data = load_data(Path(request.data))
    batches = Batches(data, device, request.seed)
    g_config = GanConfig(width=request.width, styles=len(data.classes), image_size=request.image_size,
                         ink=bool(data.manifest.get("ink", False)), minibatch_std=request.minibatch_std)
    d_config = DiscriminatorConfig(width=request.width, styles=len(data.classes), image_size=request.image_size,
                                   minibatch_std=request.minibatch_std)
    generator, discriminator = Generator(g_config).to(device), Discriminator(d_config).to(device)
    ema = copy.deepcopy(generator).eval().requires_grad_(False)
    opt_g = torch.optim.Adam(generator.parameters(), lr=request.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=request.d_lr or request.lr, betas=(0.5, 0.999))
    encoder = Encoder(g_config.latent_dim, request.width, request.image_size).to(device) if request.redraw else None
    opt_e = torch.optim.Adam(encoder.parameters(), lr=request.lr, betas=(0.5, 0.999)) if encoder else None
    parts = {"generator": generator, "discriminator": discriminator, "ema": ema, "opt_g": opt_g, "opt_d": opt_d}
    loop = _loop(request, name, ctx)
    saved = _resume(loop, g_config, **parts)
    if encoder is not None:
        if saved is not None and "encoder" in saved:  # state saved before the redraw term has none
            encoder.load_state_dict(saved["encoder"])
            opt_e.load_state_dict(saved["opt_e"])
        parts.update(encoder=encoder, opt_e=opt_e)
    if saved is not None:
        ctx.report(0.0, f"resuming the GAN at step {loop.step}")
    elif request.init_from:
        loop.resume(*init_from_checkpoint(Path(request.init_from), g_config, generator, ema, discriminator))
        ctx.report(0.0, f"continuing {Path(request.init_from).name} from step {loop.step}")
    snapshots = Path(request.out) / ".state" / f"{name}-snapshots"
    losses = {"d": 0.0, "g": 0.0, "rec": 0.0, "z": 0.0, "redraw": 0.0, "kl": 0.0}
    last: dict[str, torch.Tensor] = {}
    no_redraw = torch.zeros(())
    half = request.batch // 2

    def step(loop: TrainLoop) -> None:
        real, style = batches(request.batch)
        if request.image_size != real.shape[-1]:
            real = F.interpolate(real, size=request.image_size, mode="area")
        fake_style = torch.cat([style[:half], style[:request.batch - half]])
        z = torch.randn(request.batch, g_config.latent_dim, device=device)
        fake = generator(z, fake_style)
        # discriminator
        real_aug = diff_augment(real)
        logits_real, rec_whole, rec_part, quadrant = discriminator(real_aug, style, reconstruct=True)
        row, col = divmod(quadrant, 2)
        side = request.image_size // 2  # a quadrant's side (not ``half``: that is the batch's half)
        target_whole = F.interpolate(real_aug, size=32, mode="area")
        target_part = real_aug[:, :, row * side:(row + 1) * side, col * side:(col + 1) * side]
        if side != 32:
            target_part = F.interpolate(target_part, size=32, mode="bilinear", align_corners=False)
        rec_loss = F.l1_loss(rec_whole, target_whole) + F.l1_loss(rec_part, target_part)
        logits_fake = discriminator(diff_augment(fake.detach()), fake_style)
        d_loss = F.relu(1 - logits_real).mean() + F.relu(1 + logits_fake).mean() + rec_loss
        _update(opt_d, d_loss)
        # generator
        g_loss = -discriminator(diff_augment(fake), fake_style).mean()
        seeking, z_ratio = mode_seeking_loss(z, fake)
        redraw, redraw_l1, kl = (redraw_loss(encoder, generator, real, style, request.redraw_kl) if encoder
                                 else (no_redraw, no_redraw, no_redraw))
        opt_g.zero_grad(set_to_none=True)
        if encoder:
            opt_e.zero_grad(set_to_none=True)
        (g_loss + request.mode_seeking * seeking + request.redraw * redraw).backward()
        opt_g.step()
        if encoder:
            opt_e.step()
        with torch.no_grad():
            for p_ema, p in zip(ema.parameters(), generator.parameters()):
                p_ema.lerp_(p, 0.001 if loop.step > 1000 else 0.01)
            for b_ema, b in zip(ema.buffers(), generator.buffers()):
                b_ema.copy_(b)
        last.update(d=d_loss, g=g_loss, rec=rec_loss, z=z_ratio, redraw=redraw_l1, kl=kl)

    def after(loop: TrainLoop) -> None:
        if loop.step % 10 == 0:
            for key, value in last.items():
                losses[key] = _smoothed(losses[key], value, loop.step)
            ctx.report(loop.fraction(), f"GAN step {loop.step}: D {losses['d']:.3f} G {losses['g']:.3f} "
                                        f"rec {losses['rec']:.3f} picture/latent distance {losses['z']:.3f}"
                                        + (f" redraw {losses['redraw']:.3f} KL {losses['kl']:.1f}" if encoder else ""))
        if request.snapshot_every and loop.step % request.snapshot_every == 0:
            save_training_state(snapshots / f"step{loop.step:06d}.pt",
                                {"config": dataclasses.asdict(g_config), "step": loop.step, "seconds": loop.clock.total,
                                 "cpu_seconds": loop.clock.cpu_total, "ema": _to_cpu(ema.state_dict()),
                                 "generator": _to_cpu(generator.state_dict())})

    loop.run(step, lambda: _state(loop, g_config, **parts), after=after)
    # the discriminator ships beside the generator: fine-tuning freezes its early blocks (FreezeD)
    d_state = {k: v.contiguous() for k, v in _to_cpu(discriminator.state_dict()).items()}
    return _finish(request, name, "canvas-gan", ema, g_config, data, device, loop.step, loop.clock, ctx,
                   extra={"final_losses": {k: round(v, 4) for k, v in losses.items()}},
                   assets={DISCRIMINATOR_FILE: safetensors_bytes(d_state)})


# ----- VAE ---------------------------------------------------------------------------------------
def train_vae(request: TrainRequest, ctx: JobContext) -> Path:
    """Conditional VAE with a per-pixel Gaussian likelihood (sum of squared errors) and a KL term.

    Reports every 10 steps; checks cancel every step (saving state first); saves state every
    ``save_every_s``; stops when ``minutes`` are spent, evaluates, writes the checkpoint.
    """
    name = request.name or "vae"
    torch.manual_seed(request.seed)
    device = _device(request.device)
    data = load_data(Path(request.data))
    batches = Batches(data, device, request.seed)
    config = VaeConfig(width=request.width)
    vae = Vae(config).to(device)
    opt = torch.optim.Adam(vae.parameters(), lr=request.lr * 5, betas=(0.9, 0.999))
    loop = _loop(request, name, ctx)
    _resume(loop, config, vae=vae, opt=opt)
    report = _LossReport(ctx, "VAE step {step}: loss {loss:.4f}")

    def step(loop: TrainLoop) -> None:
        real, style = batches(request.batch)
        recon, mu, logvar = vae(real, style)
        rec = ((recon - real) ** 2).sum(dim=(1, 2, 3)).mean() / (2 * 0.1 ** 2) / (64 * 64 * 3)
        kl = (-0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum(dim=1)).mean() / (64 * 64 * 3)
        report.loss = rec + min(1.0, loop.step / 2000) * kl
        _update(opt, report.loss)

    loop.run(step, lambda: _state(loop, config, vae=vae, opt=opt), after=report)
    vae.eval()
    heldout, heldout_styles = data.split(heldout=True)
    with torch.no_grad():
        errors = []
        for start in range(0, len(heldout), 256):
            x = metrics.to_tensor(heldout[start:start + 256], device)
            mu, _ = vae.encode(x)
            s = torch.from_numpy(heldout_styles[start:start + 256].astype(np.int64)).to(device)
            errors.append((vae.decode(mu, s) - x).abs().mean(dim=(1, 2, 3)).cpu())
        l1 = float(torch.cat(errors).mean()) / 2 * 255
    return _finish(request, name, "canvas-vae", vae, config, data, device, loop.step, loop.clock, ctx,
                   extra={"heldout_reconstruction_l1_per_pixel_0_255": round(l1, 2)})


# ----- upscaler ----------------------------------------------------------------------------------
def _psnr(a: torch.Tensor, b: torch.Tensor) -> float:
    mse = ((a - b) / 2).pow(2).mean(dim=(1, 2, 3)).clamp_min(1e-10)
    return float((10 * torch.log10(1 / mse)).mean())


def train_upscaler(request: TrainRequest, ctx: JobContext) -> Path:
    """x2 upscaler trained on (area-downscaled 32 px -> 64 px) pairs of the painted styles (not the
    sprites, whose pixel art nearest neighbour reproduces exactly) with an L1 loss.

    Reports every 10 steps; checks cancel every step (saving state first); stops when ``minutes`` are
    spent; measures held-out PSNR against bicubic and nearest neighbour; writes the checkpoint.
    """
    name = request.name or "upscaler"
    torch.manual_seed(request.seed)
    device = _device(request.device)
    data = load_data(Path(request.data))
    batches = Batches(data, device, request.seed, exclude=("sprite",))  # pixel art: nearest neighbour is exact
    config = UpscalerConfig(width=request.width)
    model = Upscaler(config).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=request.lr * 5)
    loop = _loop(request, name, ctx)
    _resume(loop, config, model=model, opt=opt)
    report = _LossReport(ctx, "upscaler step {step}: L1 {loss:.4f}")

    def step(loop: TrainLoop) -> None:
        real, _ = batches(request.batch)
        report.loss = F.l1_loss(model(F.interpolate(real, size=32, mode="area")), real)
        _update(opt, report.loss)

    loop.run(step, lambda: _state(loop, config, model=model, opt=opt), after=report)
    model.eval()
    heldout, heldout_styles = data.split(heldout=True)
    scores: dict = {"note": "PSNR in dB of 32 px (area-downscaled) -> 64 px against the held-out original"}
    with torch.no_grad():
        for k, style in enumerate(STYLES):
            mask = heldout_styles == k
            if not mask.any():
                continue
            x = metrics.to_tensor(heldout[mask], device)
            small = F.interpolate(x, size=32, mode="area")
            scores[style] = {
                "learned": round(_psnr(model(small), x), 3),
                "bicubic": round(_psnr(F.interpolate(small, scale_factor=2, mode="bicubic").clamp(-1, 1), x), 3),
                "nearest": round(_psnr(F.interpolate(small, scale_factor=2, mode="nearest"), x), 3),
            }
    return _save(request, name, "canvas-upscaler", model, config, data, device, loop.step, loop.clock, scores,
                 "x2 learned upscaler for pictures (applied twice for x4); use nearest neighbour for pixel art")


# ----- finishing ---------------------------------------------------------------------------------
def _finish(request, name, model_type, model, config, data, device, step, clock, ctx, extra=None,
            assets: dict[str, bytes] | None = None) -> Path:
    descriptions = {
        "canvas-gan": (data.manifest["description"] + "; FastGAN-style conditional GAN, 64 px"
                       if "description" in data.manifest else "FastGAN-style conditional GAN, 64 px, styles: "
                       + ", ".join(data.classes)),
        "canvas-vae": "conditional convolutional VAE, 64 px (encode, reconstruct, vary, interpolate)",
    }
    model.eval()
    # the trained weights are saved first: a run cut short during evaluation still leaves a usable model
    _save(request, name, model_type, model, config, data, device, step, clock,
          {"pending": "held-out metrics not measured yet", **(extra or {})}, descriptions[model_type], assets)
    ctx.report(1.0, f"measuring held-out metrics of {name}…")
    nets = metrics.load_feature_nets(device)
    train_images, _ = data.split(heldout=False)
    if request.eval_train_max and len(train_images) > request.eval_train_max:
        subset = np.random.default_rng(0).choice(len(train_images), request.eval_train_max, replace=False)
        train_images = train_images[np.sort(subset)]
    heldout_images, heldout_styles = data.split(heldout=True)
    fake = metrics.sample_model(model, request.eval_count, heldout_styles, seed=12345)
    cache: dict = {}
    scores = metrics.evaluate_pictures(fake, train_images, heldout_images, nets, cache=cache)
    scores["kid_vs_heldout_per_style"] = metrics.kid_per_style(model, nets, cache["heldout"], heldout_styles, data.classes,
                                                               request.eval_count)
    scores["train_pictures_compared"] = len(train_images)
    scores.update(extra or {})
    return _save(request, name, model_type, model, config, data, device, step, clock, scores, descriptions[model_type],
                 assets)


def _save(request, name, model_type, model, config, data, device, step, clock, scores, description,
          assets: dict[str, bytes] | None = None) -> Path:
    dest = Path(request.out) / name
    training = {
        "command": request.command or " ".join([os.path.basename(sys.executable), *sys.argv]),
        "steps": step,
        "seconds": round(clock.total, 1),
        **({"cpu_seconds": round(clock.cpu_total, 1)} if clock.cpu_total else {}),
        "device": str(device) + (f" ({torch.cuda.get_device_name(device)})" if device.type == "cuda" else ""),
        "batch": request.batch,
        "lr": request.lr,
        **({"d_lr": request.d_lr} if request.d_lr else {}),
        **({"redraw": request.redraw, "redraw_kl": request.redraw_kl} if request.redraw else {}),
        "seed": request.seed,
        "torch": torch.__version__,
    }
    labels = ["styles:" + ",".join(data.classes)]
    save_checkpoint(model, dest, model_type=model_type, config=config, name=name, description=description,
                    data=_card_data(data), training=training, metrics=scores, labels=labels, assets=assets)
    return dest


TRAINERS = {"gan": train_gan, "vae": train_vae, "upscaler": train_upscaler}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.canvas.train")
    parser.add_argument("kind", choices=[*TRAINERS, "all"])
    parser.add_argument("--data", required=True, help="folder with canvas64.npz (from --prepare)")
    parser.add_argument("--out", required=True, help="folder that receives the checkpoint folders")
    parser.add_argument("--minutes", type=float, default=10.0, help="training time per model (evaluation comes after)")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--mode-seeking", type=float, default=1.0, help="weight of the GAN's mode-seeking term (0: off)")
    parser.add_argument("--image-size", type=int, choices=(32, 64), default=64, help="the GAN's training size")
    parser.add_argument("--d-lr", type=float, default=0.0, help="the GAN discriminator's learning rate (0: as the generator's)")
    parser.add_argument("--snapshot-every", type=int, default=0, help="keep the EMA generator every N steps (0: never)")
    parser.add_argument("--init-from", default=None, help="continue this finished GAN checkpoint (no optimizer state)")
    parser.add_argument("--minibatch-std", action="store_true", help="the GAN discriminator sees the batch's spread")
    parser.add_argument("--redraw", type=float, default=0.0,
                        help="weight of the GAN's redraw term: an encoder makes it redraw real pictures (0: off)")
    parser.add_argument("--redraw-kl", type=float, default=5e-4, help="weight of the redraw codes' KL to the prior")
    parser.add_argument("--eval-count", type=int, default=2000)
    parser.add_argument("--eval-train-max", type=int, default=0, help="compare with at most this many training pictures")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: leave the default)")
    parser.add_argument("--no-resume", action="store_true")
    parser.add_argument("--name-prefix", default="")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    command = "python -m artdesk.ml.canvas.train " + " ".join(argv if argv is not None else sys.argv[1:])
    if args.kind == "all":
        return _run_all(args, argv if argv is not None else sys.argv[1:])
    minutes = args.minutes if args.kind != "upscaler" else args.minutes * 0.6
    request = TrainRequest(args.kind, args.data, args.out, args.name_prefix + args.kind, minutes, args.device,
                           args.batch, args.width, mode_seeking=args.mode_seeking, image_size=args.image_size, d_lr=args.d_lr,
                           snapshot_every=args.snapshot_every, init_from=args.init_from,
                           minibatch_std=args.minibatch_std, redraw=args.redraw, redraw_kl=args.redraw_kl,
                           resume=not args.no_resume,
                           eval_count=args.eval_count,
                           eval_train_max=args.eval_train_max,
                           command=command)
    try:
        dest = TRAINERS[args.kind](request, ConsoleContext())
    except ArtdeskError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    card = json.loads((dest / "card.json").read_text())
    print(f"\nwrote {dest}: {card['training']['steps']} steps, metrics {json.dumps(card['metrics'])}")
    return 0


def _run_all(args, argv: list[str]) -> int:
    """Train the three models at once, one process each (they share the one GPU)."""
    rest = [a for a in argv if a != "all"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    procs = []
    for kind in TRAINERS:
        log = open(out / f"{kind}.log", "w")
        procs.append((kind, subprocess.Popen([sys.executable, "-m", "artdesk.ml.canvas.train", kind, *rest],
                                             stdout=log, stderr=subprocess.STDOUT), log))
    code = 0
    for kind, proc, log in procs:
        code |= proc.wait()
        log.close()
        print(f"{kind}: exit {proc.returncode}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
