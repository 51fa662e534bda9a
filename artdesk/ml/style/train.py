"""Training a feed-forward stylizer for one style: the job function and its pieces.

The loss is the chosen method's relative style distance to the style pictures' statistics, plus
a content term (relative feature difference at one layer) and a small total-variation term, all
in the frozen random feature nets of ``features.py``. Training stops after ``steps`` or
``minutes``, whichever comes first, keeps resumable state beside the output, and writes a
checkpoint folder with a card that holds held-out metrics (see ``evaluate_stylizer``).
Imports only torch/numpy/safetensors/pillow/stdlib and artdesk.core/artdesk.ml (GPU-safe).
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.loop import TrainLoop
from artdesk.ml.style import features as feat
from artdesk.ml.style.imaging import edge_agreement, ssim, to_array, to_tensor
from artdesk.ml.style.model import Stylizer, StylizerConfig

MODEL_TYPE = "style-stylizer"
# per-preset loss weights: monochrome media need a stronger style pull to drop the content's colours
PRESET_WEIGHTS: dict[str, float] = {"pencil": 3.0, "ink": 3.0, "mosaic": 2.0}


@dataclass(frozen=True)
class TrainRequest:
    """Train a stylizer for ``name`` from ``style_pictures`` (uint8 HxWx3 arrays) on ``content`` pictures."""

    name: str
    out_dir: str
    style_pictures: tuple = field(repr=False)
    content: tuple = field(repr=False)  # training content pictures (uint8 HxWx3)
    held_out: tuple = field(default=(), repr=False)  # evaluation pictures
    steps: int = 2000
    minutes: float | None = None
    crop: int = 256
    batch: int = 4
    lr: float = 2e-3
    method: str = feat.SHIPPED_METHOD
    style_weight: float = 1.0
    content_weight: float = 0.5
    tv_weight: float = 0.02
    range_weight: float = 10.0  # pulls the unclamped output back into [0, 1] (see ``bounded_output``)
    warmup_steps: int = 200  # the learning rate rises linearly over these steps (see ``_schedule``)
    lr_decay: bool = True  # cosine decay to lr / 10 over the run (see ``_schedule``)
    texture_scale: float = 1.0  # style pictures are resized by this factor before taking statistics
    width: int = 12
    residual_blocks: int = 3
    upsample: str = "nearest"  # see StylizerConfig; "transpose" only to continue the first presets
    device: str = "auto"
    seed: int = 0
    data: dict = field(default_factory=dict, compare=False)  # card "data" section
    command: str = ""
    labels: tuple = ()
    resume: bool = True
    init_from: str | None = None  # continue from this finished checkpoint (same config); its steps count on


def _crop_batch(pictures: list[np.ndarray], rng: np.random.Generator, crop: int, batch: int) -> torch.Tensor:
    from PIL import Image

    tiles = []
    for _ in range(batch):
        picture = pictures[int(rng.integers(len(pictures)))]
        height, width = picture.shape[:2]
        # pictures keep 50-100% of their size (small crops are patches, not thumbnails, so brush marks
        # are learned at the scale they are applied at); pictures smaller than the crop are enlarged
        smallest = crop / min(height, width)
        scale = rng.uniform(max(smallest, 0.5), 1.0) if smallest <= 1.0 else smallest * rng.uniform(1.0, 1.2)
        if abs(scale - 1.0) > 1e-3:
            size = (max(crop, round(width * scale)), max(crop, round(height * scale)))
            picture = np.asarray(Image.fromarray(picture).resize(size, Image.BILINEAR))
            height, width = picture.shape[:2]
        top, left = int(rng.integers(height - crop + 1)), int(rng.integers(width - crop + 1))
        tile = picture[top : top + crop, left : left + crop]
        if rng.random() < 0.5:
            tile = tile[:, ::-1]
        tiles.append(np.ascontiguousarray(tile))
    return torch.from_numpy(np.stack(tiles)).permute(0, 3, 1, 2).float() / 255.0


def style_targets(net: feat.FeatureNet, pictures: list[np.ndarray], texture_scale: float = 1.0) -> feat.StyleStats:
    from artdesk.ml.style.imaging import resize

    device = next(iter(net.buffers())).device
    tensors = [to_tensor(resize(p, texture_scale) if abs(texture_scale - 1) > 1e-3 else p).to(device) for p in pictures]
    return feat.style_stats(net, tensors)


def bounded_output(model: Stylizer, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The stylizer's clamped output with a straight-through gradient, and how far (mean, per image) it overshot [0, 1].

    A plain clamp passes no gradient to pixels outside [0, 1]: once a region overshot, no loss
    could bring it back, and it grew into saturated blobs (the first oil, watercolour and pencil
    stylizers). Here every pixel gets the loss's gradient, and the overshoot is penalised.
    """
    raw = model.unbounded(batch)
    clamped = raw.clamp(0, 1)
    return raw + (clamped - raw).detach(), (raw - clamped).abs().mean((1, 2, 3))


def stylizer_loss(nets: dict, out: torch.Tensor, content: torch.Tensor, targets: feat.StyleStats, request: TrainRequest, weight: float,
                  overshoot: torch.Tensor | None = None) -> tuple[torch.Tensor, dict]:
    net = nets[request.method]
    with torch.no_grad():
        content_feats = net(content)
    feats = net(out)
    style = feat.style_distance(net, out, targets, feats).mean()
    content_term = feat.content_distance(net, out, content_feats, feats).mean()
    tv = feat.total_variation(out).mean()
    total = request.style_weight * weight * style + request.content_weight * content_term + request.tv_weight * tv
    over = overshoot.mean() if overshoot is not None else torch.zeros(())
    total = total + request.range_weight * over
    return total, {"style": float(style.detach()), "content": float(content_term.detach()), "tv": float(tv.detach()),
                   "overshoot": float(over.detach())}


@torch.no_grad()
def evaluate_stylizer(model: torch.nn.Module, pictures: list[np.ndarray], style_pictures: list[np.ndarray], method: str,
                      device: torch.device, texture_scale: float = 1.0) -> dict[str, float]:
    """Held-out metrics: style distance before/after in the method's and the judge's features, SSIM, edges."""
    model.eval()
    nets = {kind: feat.FeatureNet(kind).to(device) for kind in (method, "judge")}
    targets = {kind: style_targets(net, style_pictures, texture_scale).to(device) for kind, net in nets.items()}
    sums: dict[str, float] = {}
    for picture in pictures:
        content = to_tensor(picture).to(device)
        out = model(content).clamp(0, 1)
        values = {
            "style_before": float(feat.style_distance(nets[method], content, targets[method])),
            "style_after": float(feat.style_distance(nets[method], out, targets[method])),
            "judge_before": float(feat.style_distance(nets["judge"], content, targets["judge"])),
            "judge_after": float(feat.style_distance(nets["judge"], out, targets["judge"])),
        }
        result = to_array(out.cpu())
        values["ssim"] = ssim(picture, result)
        values["edges"] = edge_agreement(picture, result)
        for key, value in values.items():
            sums[key] = sums.get(key, 0.0) + value
    return {key: round(value / max(1, len(pictures)), 5) for key, value in sums.items()}


def _schedule(optimizer: torch.optim.Optimizer, request: TrainRequest, step: int, progress: float) -> None:
    """Learning rate: linear warm-up, then a cosine decay to a tenth of ``lr`` as ``progress`` (0..1, steps or
    time, whichever runs out first) reaches 1.

    Warm-up: Adam's first steps move every weight by about ``lr`` whatever its gradient; the residual head
    starts near zero, so one full step jumped the output far from the picture (content distance 0.01 -> 0.5
    in one step at lr 1e-3). Short runs warm up over a fifth of their steps.
    Decay: batches of two 64 px crops give a noisy loss; at a constant rate the last weights land wherever the
    last batches pushed them (20 more minutes of oil at lr 1e-3 moved its judge distance 0.396 -> 0.431).
    """
    span = min(request.warmup_steps, max(1, request.steps // 5))
    scale = min(1.0, (step + 1) / span) if span > 0 else 1.0
    if request.lr_decay:
        scale *= 0.1 + 0.45 * (1.0 + math.cos(math.pi * min(1.0, max(0.0, progress))))
    for group in optimizer.param_groups:
        group["lr"] = request.lr * scale


def _picture_digest(pictures: list[np.ndarray]) -> str:
    digest = hashlib.sha256()
    for picture in pictures:
        digest.update(np.ascontiguousarray(picture).tobytes())
    return digest.hexdigest()


def train_stylizer(request: TrainRequest, ctx: JobContext) -> str:
    """Trains and saves a stylizer; returns the checkpoint folder.

    Reports progress (fraction of steps or of the time budget) every step, publishes a preview
    (uint8 HxWx3 of the first held-out or training picture) every ~10% of the run, and checks
    cancel at every step; on cancel it keeps the resumable state and raises Cancelled.
    """
    from artdesk.ml.checkpoint import save_checkpoint
    from artdesk.ml.device import pick_device

    if request.method not in feat.METHODS:
        raise ArtdeskError(f"Unknown style method {request.method!r}; choose {', '.join(feat.METHODS)}.")
    if not request.style_pictures:
        raise ArtdeskError("Give at least one style picture.")
    if not request.content:
        raise ArtdeskError("There are no content pictures to train on.")
    device = pick_device(request.device)
    torch.manual_seed(request.seed)
    rng = np.random.default_rng(request.seed)
    config = StylizerConfig(width=request.width, residual_blocks=request.residual_blocks, method=request.method, style=request.name,
                            upsample=request.upsample)
    model = Stylizer(config).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=request.lr)
    nets = {request.method: feat.FeatureNet(request.method).to(device)}
    style_pictures = list(request.style_pictures)
    targets = style_targets(nets[request.method], style_pictures, request.texture_scale).to(device)
    weight = PRESET_WEIGHTS.get(request.name, 1.0)
    content = list(request.content)
    out_dir = Path(request.out_dir)
    loop = TrainLoop(ctx, seconds=request.minutes * 60.0 if request.minutes else math.inf, steps=request.steps,
                     state_path=out_dir.parent / f".{out_dir.name}.train-state.pt", resume=request.resume,
                     save_every_steps=500)
    state = loop.saved()
    if state is not None and state.get("config") == asdict(config) and state.get("style_sha") == _picture_digest(style_pictures):
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        loop.resume(state["step"], state["seconds"], state.get("cpu_seconds", 0.0))
        rng = np.random.default_rng([request.seed, loop.step])
    elif request.init_from:
        from artdesk.ml.checkpoint import load_checkpoint

        parent = load_checkpoint(Path(request.init_from))
        if asdict(parent.config) != asdict(config):
            raise ArtdeskError(f"{request.init_from} was trained with other settings ({asdict(parent.config)}); cannot continue it.")
        model.load_state_dict({k: v.float() for k, v in parent.model.state_dict().items()})
        training = parent.card.raw.get("training", {})
        loop.resume(int(training.get("steps", 0)), float(training.get("seconds", 0.0)))
        rng = np.random.default_rng([request.seed, loop.step])
    preview_source = to_tensor((list(request.held_out) or content)[0][:512, :512]).to(device)
    last_losses: dict[str, float] = {}
    preview_every = max(1, request.steps // 10)

    def saved_state() -> dict:
        return {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": loop.step,
                "seconds": loop.clock.total, "cpu_seconds": loop.clock.cpu_total, "config": asdict(config),
                "style_sha": _picture_digest(style_pictures)}

    def step(loop: TrainLoop) -> None:
        nonlocal last_losses
        batch = _crop_batch(content, rng, request.crop, request.batch).to(device)
        _schedule(optimizer, request, loop.step, loop.fraction())
        out, overshoot = bounded_output(model, batch)
        loss, last_losses = stylizer_loss(nets, out, batch, targets, request, weight, overshoot)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()

    def after(loop: TrainLoop) -> None:
        ctx.report(loop.fraction(), f"{request.name}: step {loop.step}/{request.steps}, style {last_losses['style']:.4f}, content {last_losses['content']:.3f}, overshoot {last_losses['overshoot']:.4f}")
        if loop.step % preview_every == 0:
            model.eval()
            with torch.no_grad():
                ctx.publish(to_array(model(preview_source).cpu()))
            model.train()

    model.train()
    loop.run(step, saved_state, after=after)
    step_count, seconds, state_path = loop.step, loop.clock.total, loop.state_path
    ctx.report(None, f"{request.name}: measuring held-out metrics…")
    metrics = evaluate_stylizer(model, list(request.held_out), style_pictures, request.method, device, request.texture_scale) if request.held_out else {}
    metrics["final_train_style_loss"] = round(last_losses.get("style", float("nan")), 5)
    data = dict(request.data)
    data.setdefault("style_pictures_sha256", _picture_digest(style_pictures))
    data.setdefault("style_pictures", len(style_pictures))
    if request.init_from:
        training_prefix = {"continued_from": str(request.init_from)}
    else:
        training_prefix = {}
    training = {**training_prefix, "command": request.command, "steps": step_count, "seconds": round(seconds, 1),
                "cpu_seconds": round(loop.clock.cpu_total, 1), "device": str(device),
                "crop": request.crop, "batch": request.batch, "lr": request.lr, "method": request.method,
                "style_weight": request.style_weight * weight, "content_weight": request.content_weight,
                "tv_weight": request.tv_weight, "range_weight": request.range_weight, "warmup_steps": request.warmup_steps, "lr_decay": request.lr_decay, "texture_scale": request.texture_scale, "seed": request.seed}
    thumb = _png_bytes(style_pictures[0])
    save_checkpoint(model.cpu(), out_dir, model_type=MODEL_TYPE, config=config, name=request.name,
                    description=f"Feed-forward stylizer for the style '{request.name}'", data=data, training=training,
                    metrics=metrics, labels=list(request.labels), assets={"style.png": thumb})
    state_path.unlink(missing_ok=True)
    ctx.report(1.0, f"{request.name}: saved")
    return str(out_dir)


def _png_bytes(picture: np.ndarray, side: int = 512) -> bytes:
    import io

    from PIL import Image

    image = Image.fromarray(picture)
    image.thumbnail((side, side))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
