"""Canvas generation jobs: grid, variations, interpolation walks (GIF), breeding, projection, upscaling.

Each job is ``fn(request, ctx) -> Pictures`` (see ``requests``). Models are loaded once per path and
kept (the model worker owns them). Every job checks cancel between batches, frames or steps.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.provenance import provenance_record
from artdesk.ml.canvas.eval import to_tensor, to_uint8
from artdesk.ml.canvas.requests import (
    MAX_PICTURES,
    BreedRequest,
    ExploreRequest,
    GenerateRequest,
    InterpolateRequest,
    Pictures,
    ProjectRequest,
    UpscaleRequest,
    VaryRequest,
    model_styles,
    style_index,
)
from artdesk.ml.canvas.replay import drawing_png, request_settings
from artdesk.ml.checkpoint import Checkpoint
from artdesk.ml.model_cache import load_cached

BATCH = 16
MAX_UPSCALE_SIDE = 4096


def _frozen(checkpoint: Checkpoint) -> Checkpoint:
    checkpoint.model.requires_grad_(False)  # projection optimises latents only
    return checkpoint


def get_model(path: str) -> Checkpoint:
    """The checkpoint at ``path`` from the model cache (on CPU, eval mode, weights frozen)."""
    return load_cached(path, prepare=_frozen)


def _generative(path: str) -> Checkpoint:
    checkpoint = get_model(path)
    if not hasattr(checkpoint.model, "synthesize"):
        raise ArtdeskError(f"{checkpoint.card.name} is not a picture generator (it is a {checkpoint.card.model_type}).")
    return checkpoint


def styles_of(checkpoint: Checkpoint) -> tuple[str, ...]:
    """The styles (classes) this checkpoint draws, in the order of its style ids."""
    return model_styles(checkpoint.card.labels)


def _latent(values, dim: int) -> torch.Tensor:
    z = torch.tensor(values, dtype=torch.float32)
    if z.shape != (dim,) or not torch.isfinite(z).all():
        raise ArtdeskError(f"A picked latent has {z.numel()} numbers; this model needs {dim}. Generate new pictures first.")
    return z


def _count(count: int) -> int:
    if not 1 <= count <= MAX_PICTURES:
        raise ArtdeskError(f"Ask for between 1 and {MAX_PICTURES} pictures (not {count}).")
    return count


@torch.no_grad()
def _render(checkpoint: Checkpoint, z: torch.Tensor, styles: torch.Tensor, ctx: JobContext, what: str,
            start: float = 0.0, span: float = 1.0) -> list[np.ndarray]:
    """Decode latents in batches, reporting and checking cancel between batches."""
    images: list[np.ndarray] = []
    for begin in range(0, len(z), BATCH):
        ctx.raise_if_cancelled()
        ctx.report(start + span * begin / len(z), f"{what} {begin + 1}-{min(len(z), begin + BATCH)} of {len(z)}")
        images += list(to_uint8(checkpoint.model.synthesize(z[begin:begin + BATCH], styles[begin:begin + BATCH])))
    ctx.report(start + span, f"{what}: done")
    return images


def _pictures(checkpoint: Checkpoint, images, z: torch.Tensor, styles, request, job: str, **extra) -> Pictures:
    """The result, each picture with a full provenance record (``index`` is its place in the result)."""
    latents = [tuple(round(float(v), 5) for v in row) for row in z]
    settings = request_settings(request)
    seed = getattr(request, "seed", None)
    provenance = [
        provenance_record(checkpoint.card, seed, settings, job=job, style=styles_of(checkpoint)[int(s)], index=i,
                          **extra)
        for i, s in enumerate(styles)
    ]
    return Pictures(images, latents, provenance)


def generate_grid(request: GenerateRequest, ctx: JobContext) -> Pictures:
    """``count`` pictures from ``seed``: reports per batch of 16, checks cancel between batches."""
    checkpoint = _generative(request.model_path)
    count = _count(request.count)
    if not 0.0 < request.truncation <= 2.0:
        raise ArtdeskError("Truncation must be between 0 and 2.")
    generator = torch.Generator().manual_seed(int(request.seed))
    z = torch.randn(count, checkpoint.model.latent_dim, generator=generator) * request.truncation
    styles = torch.full((count,), style_index(request.style, styles_of(checkpoint)), dtype=torch.long)
    images = _render(checkpoint, z, styles, ctx, "Generating")
    return _pictures(checkpoint, images, z, styles, request, "generate", truncation=request.truncation)


def vary(request: VaryRequest, ctx: JobContext) -> Pictures:
    """Variations: the picked latent plus seeded noise of ``strength``; the first is the original.

    Reports per batch, checks cancel between batches.
    """
    checkpoint = _generative(request.model_path)
    count = _count(request.count)
    base = _latent(request.latent, checkpoint.model.latent_dim)
    generator = torch.Generator().manual_seed(int(request.seed))
    noise = torch.randn(count, base.numel(), generator=generator) * request.strength
    noise[0] = 0
    z = base[None] + noise
    styles = torch.full((count,), style_index(request.style, styles_of(checkpoint)), dtype=torch.long)
    images = _render(checkpoint, z, styles, ctx, "Varying")
    return _pictures(checkpoint, images, z, styles, request, "vary", strength=request.strength)


def slerp(a: torch.Tensor, b: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Spherical interpolation between latents (linear when they are nearly parallel)."""
    na, nb = a.norm(), b.norm()
    cos = torch.dot(a / na.clamp_min(1e-8), b / nb.clamp_min(1e-8)).clamp(-1, 1)
    omega = torch.arccos(cos)
    t = t[:, None]
    if omega.abs() < 1e-4:
        return (1 - t) * a + t * b
    return (torch.sin((1 - t) * omega) * a + torch.sin(t * omega) * b) / torch.sin(omega)


def interpolate(request: InterpolateRequest, ctx: JobContext) -> Pictures:
    """A walk of ``frames`` pictures from start to end, optionally written as an animated GIF/WebP.

    Reports per batch of frames, checks cancel between batches and before writing the file.
    """
    checkpoint = _generative(request.model_path)
    frames = _count(request.frames)
    if frames < 2:
        raise ArtdeskError("A walk needs at least two frames.")
    dim = checkpoint.model.latent_dim
    a, b = _latent(request.start, dim), _latent(request.end, dim)
    t = torch.linspace(0, 1, frames)
    z = slerp(a, b, t)
    first = style_index(request.style, styles_of(checkpoint))
    last = style_index(request.end_style or request.style, styles_of(checkpoint))
    styles = torch.full((frames,), first, dtype=torch.long)
    if last != first:  # cross-style walk: blend the style embeddings along the way
        images = _render_style_blend(checkpoint, z, first, last, t, ctx)
    else:
        images = _render(checkpoint, z, styles, ctx, "Walking", 0.0, 0.9)
    files = []
    if request.gif_path:
        ctx.raise_if_cancelled()
        files.append(str(write_animation(images, Path(request.gif_path), request.frame_ms, request.upscale)))
    result = _pictures(checkpoint, images, z, styles, request, "interpolate", frames=frames)
    return Pictures(result.images, result.latents, result.provenance, files)


@torch.no_grad()
def _render_style_blend(checkpoint, z, first, last, t, ctx) -> list[np.ndarray]:
    model = checkpoint.model
    embedding = model.style_embedding.weight
    blended = (1 - t[:, None]) * embedding[first] + t[:, None] * embedding[last]
    images = []
    original = model.style_embedding
    try:
        for begin in range(0, len(z), BATCH):
            ctx.raise_if_cancelled()
            ctx.report(0.9 * begin / len(z), f"Walking {begin + 1} of {len(z)}")
            chunk = blended[begin:begin + BATCH]
            model.style_embedding = _FixedEmbedding(chunk)
            images += list(to_uint8(model.synthesize(z[begin:begin + BATCH], torch.zeros(len(chunk), dtype=torch.long))))
    finally:
        model.style_embedding = original
    return images


class _FixedEmbedding(torch.nn.Module):
    """Stands in for a style embedding: returns given rows (for blended styles)."""

    def __init__(self, rows: torch.Tensor) -> None:
        super().__init__()
        self.rows = rows

    def forward(self, _index: torch.Tensor) -> torch.Tensor:
        return self.rows


def write_animation(images: list[np.ndarray], path: Path, frame_ms: int = 80, upscale: int = 2) -> Path:
    """Write frames as an animated GIF (or WebP by suffix), looping, ping-pong; atomic."""
    import io

    from PIL import Image

    from artdesk.core.atomic import atomic_write_bytes

    upscale = max(1, min(8, int(upscale)))
    frames = [Image.fromarray(np.asarray(im).repeat(upscale, 0).repeat(upscale, 1)) for im in images]
    frames = frames + frames[-2:0:-1]  # walk back, so the loop is smooth
    fmt = "WEBP" if path.suffix.lower() == ".webp" else "GIF"
    buffer = io.BytesIO()
    frames[0].save(buffer, format=fmt, save_all=True, append_images=frames[1:], duration=max(20, frame_ms), loop=0)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def breed(request: BreedRequest, ctx: JobContext) -> Pictures:
    """Children: random convex mixes of the parents' latents (Dirichlet weights) plus ``mutation`` noise.

    Reports per batch, checks cancel between batches.
    """
    checkpoint = _generative(request.model_path)
    count = _count(request.count)
    if len(request.parents) < 2:
        raise ArtdeskError("Pick at least two parents to breed.")
    dim = checkpoint.model.latent_dim
    parents = torch.stack([_latent(p, dim) for p in request.parents])
    rng = np.random.default_rng(request.seed)
    weights = torch.from_numpy(rng.dirichlet(np.ones(len(parents)), size=count)).float()
    generator = torch.Generator().manual_seed(int(request.seed))
    children = weights @ parents
    # a mix of k independent Gaussians shrinks their norm; rescale to the parents' mean norm
    children = children / children.norm(dim=1, keepdim=True).clamp_min(1e-6) * parents.norm(dim=1).mean()
    z = children + request.mutation * torch.randn(count, dim, generator=generator)
    styles = torch.full((count,), style_index(request.style, styles_of(checkpoint)), dtype=torch.long)
    images = _render(checkpoint, z, styles, ctx, "Breeding")
    result = _pictures(checkpoint, images, z, styles, request, "breed", mutation=request.mutation,
                       parents=len(parents))
    for prov, w in zip(result.provenance, weights):
        prov["parent_weights"] = [round(float(v), 3) for v in w]
    return result


MAX_COMPONENTS = 16
_directions: dict[tuple, tuple[torch.Tensor, torch.Tensor]] = {}


@torch.no_grad()
def _first_features(model, z: torch.Tensor, style: torch.Tensor) -> torch.Tensor:
    """The first layer's output (what GANSpace takes principal components of), flattened."""
    h = torch.cat([z, model.style_embedding(style)], dim=1)
    if hasattr(model, "initial"):
        return model.initial(h[:, :, None, None]).flatten(1)
    return model.from_latent(h)


@torch.no_grad()
def principal_directions(checkpoint: Checkpoint, style: int, samples: int = 2000, seed: int = 0,
                         components: int = MAX_COMPONENTS) -> tuple[torch.Tensor, torch.Tensor]:
    """Latent directions of the feature space's principal components (GANSpace), and each one's std.

    Returns (components x latent_dim directions, one std per component); cached per model and style.
    """
    key = (str(checkpoint.path), checkpoint.card.raw.get("weights_sha256"), style, samples, seed)
    if key not in _directions:
        generator = torch.Generator().manual_seed(seed)
        z = torch.randn(samples, checkpoint.model.latent_dim, generator=generator)
        feats = _first_features(checkpoint.model, z, torch.full((samples,), style, dtype=torch.long))
        feats = feats - feats.mean(0)
        _, _, vt = torch.linalg.svd(feats, full_matrices=False)
        coords = feats @ vt[:components].T  # samples x components
        std = coords.std(0)
        # least squares: coords / std ~ (z - mean) @ pinv -> directions in z for one std of each component
        directions = torch.linalg.lstsq(coords / std, z - z.mean(0)).solution  # components x latent_dim
        _directions[key] = (directions, std)
    return _directions[key]


def explore(request: ExploreRequest, ctx: JobContext) -> Pictures:
    """Pictures along one principal direction through the picked latent (a semantic slider).

    Reports once directions are found and per batch; checks cancel between batches.
    """
    checkpoint = _generative(request.model_path)
    count = _count(request.count)
    if not 0 <= request.component < MAX_COMPONENTS:
        raise ArtdeskError(f"Choose a direction between 1 and {MAX_COMPONENTS}.")
    base = _latent(request.latent, checkpoint.model.latent_dim)
    style = style_index(request.style, styles_of(checkpoint))
    ctx.report(0.0, "Finding the main directions…")
    directions, _std = principal_directions(checkpoint, style, max(64, request.samples), request.seed)
    ctx.raise_if_cancelled()
    amounts = torch.linspace(-request.spread, request.spread, count) if count > 1 else torch.zeros(1)
    z = base[None] + amounts[:, None] * directions[request.component][None]
    styles = torch.full((count,), style, dtype=torch.long)
    images = _render(checkpoint, z, styles, ctx, "Exploring", 0.1, 0.9)
    result = _pictures(checkpoint, images, z, styles, request, "explore", component=request.component + 1)
    for prov, amount in zip(result.provenance, amounts):
        prov["amount"] = round(float(amount), 3)
    return result


def prepare_drawing(image) -> torch.Tensor:
    """uint8 HxWx3/4 (any size) -> 1x3x64x64 in [-1, 1]: transparency on white, fitted and centred."""
    from PIL import Image

    from artdesk.ml.canvas.data import fit_square, on_white

    array = np.asarray(image)
    if array.ndim != 3 or array.shape[2] not in (3, 4) or array.dtype != np.uint8:
        raise ArtdeskError("The drawing must be an RGB or RGBA picture.")
    if array.shape[0] < 2 or array.shape[1] < 2:
        raise ArtdeskError("The drawing is too small to project (at least 2x2 pixels).")
    picture = Image.fromarray(array, "RGBA" if array.shape[2] == 4 else "RGB")
    return to_tensor(fit_square(on_white(picture))[None])


def project(request: ProjectRequest, ctx: JobContext) -> Pictures:
    """The model's nearest picture to a drawing.

    VAE: the encoder's mean is the start. GAN: the best of 64 seeded random latents is the start.
    Then ``steps`` Adam steps on the latent minimise L1 + a low-resolution L2 to the drawing plus a
    small prior term; a preview (Pictures with one image) is published every 5 steps. Reports and
    checks cancel at every step. The result holds the projected picture first, then the drawing as seen.
    """
    checkpoint = _generative(request.model_path)
    model = checkpoint.model
    target = prepare_drawing(request.image)
    style = torch.tensor([style_index(request.style, styles_of(checkpoint))])
    ctx.report(0.0, "Finding a start…")
    with torch.no_grad():
        if hasattr(model, "encode"):
            z0 = model.encode(target)[0]
        else:
            generator = torch.Generator().manual_seed(int(request.seed))
            candidates = torch.randn(64, model.latent_dim, generator=generator)
            errors = []
            for begin in range(0, 64, BATCH):
                ctx.raise_if_cancelled()
                out = model.synthesize(candidates[begin:begin + BATCH], style.expand(len(candidates[begin:begin + BATCH])))
                errors.append(_distance(out, target))
            z0 = candidates[torch.cat(errors).argmin()][None]
    z = z0.clone().requires_grad_(True)
    optimizer = torch.optim.Adam([z], lr=0.05)
    steps = max(0, int(request.steps))
    for step in range(steps):
        ctx.raise_if_cancelled()
        out = model.synthesize(z, style)
        loss = _distance(out, target).mean() + 1e-3 * (z ** 2).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        ctx.report((step + 1) / (steps + 1), f"Projecting: step {step + 1} of {steps}, distance {float(loss.detach()):.3f}")
        if step % 5 == 0:
            ctx.publish(Pictures([to_uint8(out.detach())[0]], [tuple(float(v) for v in z.detach()[0])],
                                 [{"job": "project", "step": step + 1, "preview": True}]))
    ctx.raise_if_cancelled()
    with torch.no_grad():
        final = model.synthesize(z.detach(), style)
        distance = float(_distance(final, target)[0])
    ctx.report(1.0, "Projected")
    images = [to_uint8(final)[0], to_uint8(target)[0]]
    latents = [tuple(round(float(v), 5) for v in z.detach()[0])] * 2
    settings = dict(request_settings(request), drawing_png=drawing_png(images[1]))
    base = provenance_record(checkpoint.card, request.seed, settings, style=request.style, steps=steps,
                             distance=round(distance, 4))
    provenance = [dict(base, job="project", index=0), dict(base, job="drawing as the model sees it", index=1)]
    return Pictures(images, latents, provenance)


def _distance(out: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Per picture: L1 plus L2 at 16 px (shape first, then detail)."""
    l1 = (out - target).abs().mean(dim=(1, 2, 3))
    low = (F.avg_pool2d(out, 4) - F.avg_pool2d(target, 4)).pow(2).mean(dim=(1, 2, 3))
    return l1 + low


def upscale(request: UpscaleRequest, ctx: JobContext):
    """A bigger picture (uint8): ``nearest`` repeats pixels (pixel art); ``learned`` applies the x2 model
    as often as needed (then nearest for a leftover odd factor). Reports and checks cancel per pass.
    """
    image = np.asarray(request.image)
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ArtdeskError("Only RGB pictures can be upscaled.")
    factor = int(request.factor)
    if factor < 1 or max(image.shape[:2]) * factor > MAX_UPSCALE_SIDE:
        raise ArtdeskError(f"Upscaling by {factor} would exceed {MAX_UPSCALE_SIDE} pixels a side.")
    rgb = image[..., :3]
    if request.method == "nearest":
        ctx.report(1.0, "Upscaled")
        return np.ascontiguousarray(rgb.repeat(factor, 0).repeat(factor, 1))
    if request.method != "learned" or not request.model_path:
        raise ArtdeskError("Choose nearest neighbour, or a learned upscaler model.")
    checkpoint = get_model(request.model_path)
    x = to_tensor(np.ascontiguousarray(rgb)[None])
    passes = 0
    while factor >= 2 and factor % 2 == 0:
        ctx.raise_if_cancelled()
        ctx.report(passes / 3, f"Upscaling, pass {passes + 1}")
        with torch.no_grad():
            x = checkpoint.model(x)
        factor //= 2
        passes += 1
    out = to_uint8(x)[0]
    if factor > 1:
        out = out.repeat(factor, 0).repeat(factor, 1)
    ctx.report(1.0, "Upscaled")
    return np.ascontiguousarray(out)
