"""Picture metrics in frozen random-network features: KID, density/coverage, too-close rate, baselines.

Features: three small conv networks with random weights (seeds 0, 1, 2), generated once by
``make_feature_weights`` and committed in ``resources/metrics/canvas_random_features.safetensors``
with their sha256 beside them; loading refuses weights whose hash differs. Each picture's
feature is the spatial mean of every layer's ReLU output, L2-normalised (Naeem et al. 2020;
Lee et al. 2023 show random-network features rank generative models well).

- KID: unbiased MMD^2 with the cubic polynomial kernel, mean over random subsets, averaged over the
  three networks (lower is better; held-out vs train is the floor).
- density and coverage (Naeem et al. 2020, k=5) against the training pictures.
- too-close rate: share of generated pictures nearer to their nearest training picture than the 5th
  percentile of held-out-to-train nearest distances (memorisation check; want under 1%).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from artdesk.core.errors import ArtdeskError

FEATURE_FILE = "canvas_random_features.safetensors"
FEATURE_SEEDS = (0, 1, 2)
FEATURE_WIDTHS = (16, 32, 64, 128)
KID_SUBSETS = 20
KID_SUBSET_SIZE = 1000


class RandomFeatures(nn.Module):
    """A frozen random conv net: 64x64 picture -> concatenated, L2-normalised mean activations."""

    def __init__(self) -> None:
        super().__init__()
        layers = []
        cin = 3
        for index, cout in enumerate(FEATURE_WIDTHS):
            layers.append(nn.Conv2d(cin, cout, 3 if index == 0 else 4, 1 if index == 0 else 2, 1))
            cin = cout
        self.layers = nn.ModuleList(layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pooled = []
        for layer in self.layers:
            x = F.relu(layer(x))
            pooled.append(x.mean(dim=(2, 3)))
        features = torch.cat(pooled, dim=1)
        return F.normalize(features, dim=1) * features.shape[1] ** 0.5


def make_feature_weights(path: Path) -> str:
    """Generate the three random networks (He-normal, zero bias) and save them; returns the sha256."""
    from safetensors.torch import save_file

    state = {}
    for seed in FEATURE_SEEDS:
        generator = torch.Generator().manual_seed(seed)
        net = RandomFeatures()
        for name, param in net.named_parameters():
            if name.endswith("weight"):
                fan_in = param[0].numel()
                value = torch.randn(param.shape, generator=generator) * (2.0 / fan_in) ** 0.5
            else:
                value = torch.zeros(param.shape)
            state[f"net{seed}.{name}"] = value.contiguous()
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(state, str(path))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_suffix(".sha256").write_text(f"{digest}  {path.name}\n")
    return digest


def feature_weights_path() -> Path:
    from artdesk.core.paths import bundle_root

    return bundle_root() / "resources" / "metrics" / FEATURE_FILE


def load_feature_nets(device: str | torch.device = "cpu", path: Path | None = None) -> list[RandomFeatures]:
    """The three frozen networks, after checking the committed sha256."""
    from safetensors.torch import load_file

    path = Path(path or feature_weights_path())
    sha_path = path.with_suffix(".sha256")
    if not path.is_file() or not sha_path.is_file():
        raise ArtdeskError(f"The metric weights {path} are missing; reinstall artdesk.")
    expected = sha_path.read_text().split()[0]
    if hashlib.sha256(path.read_bytes()).hexdigest() != expected:
        raise ArtdeskError(f"The metric weights {path} do not match their sha256; the numbers would not be comparable.")
    state = load_file(str(path))
    nets = []
    for seed in FEATURE_SEEDS:
        net = RandomFeatures()
        prefix = f"net{seed}."
        net.load_state_dict({k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}, strict=True)
        nets.append(net.to(device).eval().requires_grad_(False))
    return nets


def to_tensor(images: np.ndarray, device: str | torch.device = "cpu") -> torch.Tensor:
    """uint8 N x H x W x 3 -> float N x 3 x H x W in [-1, 1]."""
    array = np.ascontiguousarray(images)
    if not array.flags.writeable:
        array = array.copy()
    return torch.from_numpy(array).to(device).permute(0, 3, 1, 2).float() / 127.5 - 1


def to_uint8(pictures: torch.Tensor) -> np.ndarray:
    """float N x 3 x H x W in [-1, 1] -> uint8 N x H x W x 3."""
    array = ((pictures.detach().float().clamp(-1, 1) + 1) * 127.5).round().byte()
    return array.permute(0, 2, 3, 1).cpu().numpy()


@torch.no_grad()
def features(nets: list[RandomFeatures], images: np.ndarray, batch: int = 256,
             check: Callable[[], None] | None = None) -> list[np.ndarray]:
    """Per network, the N x D float64 features of uint8 pictures (independent of order)."""
    device = next(nets[0].parameters()).device
    out: list[list[np.ndarray]] = [[] for _ in nets]
    for start in range(0, len(images), batch):
        if check is not None:
            check()
        x = to_tensor(images[start:start + batch], device)
        for k, net in enumerate(nets):
            out[k].append(net(x).double().cpu().numpy())
    return [np.concatenate(parts) if parts else np.zeros((0, 1)) for parts in out]


def kid(a: np.ndarray, b: np.ndarray, subsets: int = KID_SUBSETS, subset_size: int = KID_SUBSET_SIZE,
        seed: int = 0) -> float:
    """Kernel inception distance (unbiased MMD^2, kernel (x.y/d + 1)^3), mean over random subsets."""
    n = min(len(a), len(b), subset_size)
    if n < 2:
        raise ArtdeskError("KID needs at least two pictures on each side.")
    d = a.shape[1]
    rng = np.random.default_rng(seed)
    total = 0.0
    for _ in range(subsets):
        x = a[rng.choice(len(a), n, replace=False)]
        y = b[rng.choice(len(b), n, replace=False)]
        kxx = (x @ x.T / d + 1) ** 3
        kyy = (y @ y.T / d + 1) ** 3
        kxy = (x @ y.T / d + 1) ** 3
        total += ((kxx.sum() - np.trace(kxx)) + (kyy.sum() - np.trace(kyy))) / (n * (n - 1)) - 2 * kxy.mean()
    return float(total / subsets)


def _pairwise(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    sq = (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - 2 * x @ y.T
    return np.sqrt(np.maximum(sq, 0))


def nearest_distances(x: np.ndarray, y: np.ndarray, k: int = 1, exclude_self: bool = False) -> np.ndarray:
    """Distance from each row of x to its k-th nearest row of y (chunked)."""
    out = np.empty(len(x))
    for start in range(0, len(x), 512):
        dist = _pairwise(x[start:start + 512], y)
        if exclude_self:
            dist[np.arange(len(dist)), np.arange(start, start + len(dist))] = np.inf
        out[start:start + 512] = np.partition(dist, k - 1, axis=1)[:, k - 1]
    return out


def density_coverage(real: np.ndarray, fake: np.ndarray, k: int = 5) -> tuple[float, float]:
    """Naeem et al. 2020: density (can exceed 1) and coverage (0..1) of ``fake`` around ``real``."""
    radii = nearest_distances(real, real, k, exclude_self=True)
    inside_count = np.zeros(len(fake))
    covered = np.zeros(len(real), dtype=bool)
    for start in range(0, len(fake), 512):
        inside = _pairwise(fake[start:start + 512], real) < radii[None, :]
        inside_count[start:start + 512] = inside.sum(1)
        covered |= inside.any(0)
    return float(inside_count.sum() / (k * len(fake))), float(covered.mean())


def too_close_rate(train: np.ndarray, heldout: np.ndarray, fake: np.ndarray, percentile: float = 5.0) -> float:
    """Share of ``fake`` nearer to the training set than the ``percentile`` of held-out-to-train distances."""
    threshold = np.percentile(nearest_distances(heldout, train), percentile)
    return float((nearest_distances(fake, train) < threshold).mean())


def pca_gaussian_samples(train_images: np.ndarray, count: int, components: int = 64, seed: int = 0) -> np.ndarray:
    """Baseline: pictures sampled from a Gaussian fitted on the top principal components of the pixels."""
    rng = np.random.default_rng(seed)
    sample = train_images[rng.choice(len(train_images), min(len(train_images), 3000), replace=False)]
    x = torch.from_numpy(sample.reshape(len(sample), -1).astype(np.float32) / 255.0)
    mean = x.mean(0)
    torch.manual_seed(seed)
    _, s, v = torch.svd_lowrank(x - mean, q=min(components + 16, min(x.shape)), niter=4)
    components = min(components, len(s))
    std = (s[:components] / (len(x) - 1) ** 0.5).double().numpy()
    codes = rng.standard_normal((count, components)) * std
    out = mean.double().numpy() + codes @ v[:, :components].T.double().numpy()
    return (np.clip(out, 0, 1) * 255).round().astype(np.uint8).reshape(count, *train_images.shape[1:])


class FeatureSet:
    """Features of one picture set in all three networks."""

    def __init__(self, nets: list[RandomFeatures] | None, images: np.ndarray | None, check=None,
                 per_net: list[np.ndarray] | None = None) -> None:
        self.per_net = per_net if per_net is not None else features(nets, images, check=check)

    def subset(self, mask: np.ndarray) -> "FeatureSet":
        return FeatureSet(None, None, per_net=[f[mask] for f in self.per_net])

    @property
    def joined(self) -> np.ndarray:
        return np.concatenate(self.per_net, axis=1)


def compare(fake: FeatureSet, real: FeatureSet) -> float:
    """KID averaged over the three networks."""
    return float(np.mean([kid(f, r, seed=k) for k, (f, r) in enumerate(zip(fake.per_net, real.per_net))]))


@torch.no_grad()
def sample_model(model, count: int, styles: np.ndarray, seed: int = 0, batch: int = 250,
                 check=None) -> np.ndarray:
    """``count`` uint8 pictures from a model with ``synthesize(z, style)``, styles drawn from ``styles``."""
    device = next(model.parameters()).device
    generator = torch.Generator().manual_seed(seed)
    rng = np.random.default_rng(seed)
    chosen = rng.choice(styles, count, replace=True)
    out = []
    for start in range(0, count, batch):
        if check is not None:
            check()
        n = min(batch, count - start)
        z = torch.randn(n, model.latent_dim, generator=generator).to(device)
        style = torch.from_numpy(chosen[start:start + n].astype(np.int64)).to(device)
        out.append(to_uint8(model.synthesize(z, style)))
    return np.concatenate(out)


def kid_per_style(model, nets: list[RandomFeatures], heldout: FeatureSet, heldout_styles: np.ndarray,
                  names: tuple[str, ...], count: int, check=None) -> dict[str, float]:
    """KID of up to ``count`` pictures of each style against that style's held-out pictures (20 at least)."""
    out = {}
    for k, name in enumerate(names):
        mask = heldout_styles == k
        if mask.sum() < 20:
            continue
        fake = FeatureSet(nets, sample_model(model, min(500, count), np.array([k]), seed=777, check=check), check)
        out[name] = round(compare(fake, heldout.subset(mask)), 5)
    return out


def evaluate_pictures(fake: np.ndarray, train_images: np.ndarray, heldout_images: np.ndarray,
                      nets: list[RandomFeatures], check=None, baselines: bool = True,
                      cache: dict | None = None) -> dict[str, float]:
    """All metrics of ``fake`` against held-out and train; ``baselines`` adds the floor and PCA numbers."""
    cache = cache if cache is not None else {}
    if "train" not in cache:
        cache["train"] = FeatureSet(nets, train_images, check)
        cache["heldout"] = FeatureSet(nets, heldout_images, check)
    train, heldout = cache["train"], cache["heldout"]
    generated = FeatureSet(nets, fake, check)
    density, coverage = density_coverage(train.joined, generated.joined)
    metrics = {
        "kid_vs_heldout": compare(generated, heldout),
        "density": density,
        "coverage": coverage,
        "too_close_rate": too_close_rate(train.joined, heldout.joined, generated.joined),
        "generated": len(fake),
        "heldout": len(heldout_images),
    }
    if baselines:
        rng = np.random.default_rng(1)
        floor_train = FeatureSet(nets, train_images[rng.choice(len(train_images), min(len(train_images), len(fake)), replace=False)], check)
        metrics["kid_floor_train_vs_heldout"] = compare(floor_train, heldout)
        pca = FeatureSet(nets, pca_gaussian_samples(train_images, len(fake)), check)
        metrics["kid_pca_gaussian_baseline"] = compare(pca, heldout)
    return {k: (round(v, 5) if isinstance(v, float) else v) for k, v in metrics.items()}
