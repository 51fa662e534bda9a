"""The fine-tuning step: the base GAN's generator and discriminator, FreezeD, norm-only training, DiffAugment, EMA,
frozen early generator blocks, and cross-domain correspondence (Ojha et al. 2021): the generator keeps, layer by
layer, how similar each sample of a batch is to the others under the frozen base generator, so its variety
survives a few dozen pictures. The resemble term (``feature_mmd``) pulls each batch of samples toward the
training pictures in the shipped ImageNet trunk's features (the measures' space) and pushes the samples apart
(moment matching with a fixed, pretrained feature map: Li et al. 2015's MMD networks, in KID's kernel).

Every batch-norm layer uses the base model's running statistics (eval mode) while the rest trains: with
eight pictures a step, batch statistics are noise, and per-picture independence makes the gradient of a
global batch the same whether one process computes it or DDP averages it over several.
"""
from __future__ import annotations

import copy
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.canvas.finetune import augment
from artdesk.ml.canvas.finetune.ddp import World
from artdesk.ml.canvas.finetune.results import Estimate
from artdesk.ml.canvas.finetune.plan import (
    D_BLOCKS,
    G_BLOCKS,
    DISCRIMINATOR_FILE,
    FinetuneRequest,
    Settings,
    check_request,
    resolved_settings,
    settings_from,
)
from artdesk.ml.canvas.model import Discriminator, DiscriminatorConfig, Generator

MATCH_EVERY = 50  # steps between matching each of the user's pictures to its nearest sample (IMLE)
MATCH_POOL = 8  # candidate latents drawn per picture at each matching
MATCH_SIZE = 16  # pictures and samples are compared at this size (overall shape and colour, not texture)
D_LR_RATIO = 2.0  # the critic learns at twice the generator's rate (2e-4 at the old default 1e-4)
CDC_LAYERS = ("up8", "up16", "se32", "se64")  # generator outputs whose batch similarities are kept
RESEMBLE_SIZE = 128  # pictures enter the trunk at this size for the likeness term (224, as measured, costs 4.6x)
RESEMBLE_LAYER = "mid"  # the trunk layer the measures use (measures.FEATURE_LAYER)


def _use_running_stats(module: nn.Module) -> None:
    for layer in module.modules():
        if isinstance(layer, nn.modules.batchnorm._BatchNorm):
            layer.eval()


def modulation_parameters(generator: Generator) -> list[nn.Parameter]:
    """Normalisation (batch-norm scale and shift), style embedding and skip-excitation gates."""
    chosen = []
    for name, module in generator.named_modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm) or name in ("style_embedding", "se32", "se64"):
            chosen += list(module.parameters())
    return list({id(p): p for p in chosen}.values())


def discriminator_config(generator: Generator) -> DiscriminatorConfig:
    c = generator.config
    return DiscriminatorConfig(styles=c.styles, width=c.width, image_size=c.image_size, minibatch_std=c.minibatch_std)


def load_discriminator(base_dir: Path, generator: Generator, seed: int = 0) -> tuple[Discriminator, bool]:
    """The base model's discriminator if it ships one (``discriminator.safetensors``), else a new one from ``seed``."""
    from safetensors.torch import load_file

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        discriminator = Discriminator(discriminator_config(generator))
    path = Path(base_dir) / DISCRIMINATOR_FILE
    if not path.is_file():
        return discriminator, False
    try:
        discriminator.load_state_dict(load_file(str(path)), strict=True)
    except (RuntimeError, OSError, ValueError) as error:
        raise ArtdeskError(f"The discriminator shipped with {Path(base_dir).name} does not fit its generator "
                           f"({str(error).splitlines()[0]}). Re-import the base model.") from error
    return discriminator, True


def start_from_style(generator: Generator, discriminator: Discriminator, style: int) -> None:
    """Every style slot starts as ``style``, so whichever style the Canvas asks for makes the user's pictures."""
    with torch.no_grad():
        table = generator.style_embedding.weight
        table.copy_(table[style].expand_as(table).clone())
        embedding = discriminator.style_embedding
        weight = embedding.weight_orig if hasattr(embedding, "weight_orig") else embedding.weight
        weight.copy_(weight[style].expand_as(weight).clone())


def _similarities(feature: torch.Tensor) -> torch.Tensor:
    """Each sample's cosine similarity to every other sample of the batch (N x N-1)."""
    flat = F.normalize(feature.flatten(1), dim=1)
    sim = flat @ flat.T
    n = len(sim)
    return sim[~torch.eye(n, dtype=torch.bool, device=sim.device)].view(n, n - 1)


def correspondence_loss(source: list[torch.Tensor], target: list[torch.Tensor]) -> torch.Tensor:
    """Cross-domain correspondence: KL(source || target) of the softmaxed batch similarities, summed over layers."""
    loss = target[0].new_zeros(())
    for s, t in zip(source, target):
        p = F.softmax(_similarities(s), dim=1)
        loss = loss + F.kl_div(F.log_softmax(_similarities(t), dim=1), p, reduction="batchmean")
    return loss


class _Taps:
    """Forward hooks that keep the outputs of ``CDC_LAYERS`` of one generator's last forward."""

    def __init__(self, generator: Generator) -> None:
        self.outputs: dict[str, torch.Tensor] = {}
        for name in CDC_LAYERS:
            if hasattr(generator, name):
                getattr(generator, name).register_forward_hook(self._keep(name))

    def _keep(self, name: str):
        def hook(_module, _inputs, output):
            self.outputs[name] = output
        return hook

    def take(self) -> list[torch.Tensor]:
        out = [self.outputs[name] for name in CDC_LAYERS if name in self.outputs]
        self.outputs = {}
        return out


def fisher_information(generator: Generator, discriminator: Discriminator, params: list[nn.Parameter], seed: int,
                       batches: int = 4, batch: int = 8) -> dict[int, torch.Tensor]:
    """EWC's importance of each trainable generator weight (Li et al. 2020): the mean squared gradient of the base
    critic's log-likelihood of the base generator's samples, scaled to a mean of 1 (so the weight reads alike for
    any model). Keyed by ``id(parameter)``."""
    gen = torch.Generator().manual_seed(seed + 1)
    device = next(generator.parameters()).device
    squares = {id(p): torch.zeros_like(p) for p in params}
    for _ in range(batches):
        z = torch.randn(batch, generator.config.latent_dim, generator=gen).to(device)
        style = torch.zeros(batch, dtype=torch.long, device=device)  # every slot holds the starting style
        log_likelihood = F.logsigmoid(discriminator(generator(z, style), style)).mean()
        grads = torch.autograd.grad(log_likelihood, params, allow_unused=True)
        for p, g in zip(params, grads):
            if g is not None:
                squares[id(p)] += g.detach() ** 2 / batches
    mean = torch.cat([s.flatten() for s in squares.values()]).mean().clamp_min(1e-20)
    return {key: value / mean for key, value in squares.items()}


def ewc_penalty(generator: Generator, source: Generator, fisher: dict[int, torch.Tensor]) -> torch.Tensor:
    """Sum over trainable weights of importance x squared distance from the base model's value."""
    total = None
    for p, anchor in zip(generator.parameters(), source.parameters()):
        weight = fisher.get(id(p))
        if weight is not None:
            term = (weight * (p - anchor) ** 2).sum()
            total = term if total is None else total + term
    return total if total is not None else next(generator.parameters()).new_zeros(())


def trunk_on(device: torch.device) -> nn.Module:
    """The shipped ImageNet trunk (frozen) on ``device``; the CPU one is shared with the measures."""
    from artdesk.ml.features.trunk import load_trunk

    trunk = load_trunk()
    return trunk if device.type == "cpu" else copy.deepcopy(trunk).to(device)


def trunk_vectors(trunk: nn.Module, pictures: torch.Tensor) -> torch.Tensor:
    """N x 384 spatial means of the trunk's mid map of N x 3 x H x W pictures in [-1, 1] (differentiable)."""
    from artdesk.ml.features.trunk import prepare

    maps = trunk.taps(prepare((pictures + 1) / 2, RESEMBLE_SIZE), (RESEMBLE_LAYER,))[RESEMBLE_LAYER]
    return maps.mean(dim=(2, 3))


def _kernel(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return (a @ b.T / a.shape[1] + 1) ** 3  # KID's polynomial kernel


def feature_mmd(fake: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
    """Squared MMD (less its constant real-real term) between fake and real feature rows, KID's kernel: pulls the
    samples toward the pictures and, through the fake-fake term, apart from one another."""
    n = len(fake)
    within = _kernel(fake, fake)
    within = (within.sum() - within.diagonal().sum()) / max(1, n * (n - 1))
    return within - 2 * _kernel(fake, real).mean()


def shrink(pictures: torch.Tensor) -> torch.Tensor:
    return F.interpolate(pictures, size=MATCH_SIZE, mode="area")


def match_loss(samples: torch.Tensor, pictures: torch.Tensor) -> torch.Tensor:
    """L1 between matched samples and their pictures, at full size and at ``MATCH_SIZE`` px (shape and colour)."""
    return F.l1_loss(samples, pictures) + F.l1_loss(shrink(samples), shrink(pictures))


class Trainer:
    """Models, optimisers and one training step; all randomness comes from one seeded generator."""

    def __init__(self, generator: Generator, discriminator: Discriminator, settings: Settings, images: np.ndarray,
                 seed: int, device: torch.device, world: World = World()) -> None:
        if settings.batch % world.size:
            raise ArtdeskError(f"The batch ({settings.batch}) must divide evenly among {world.size} processes.")
        self.settings, self.device, self.world = settings, device, world
        self.g = generator.to(device).float()
        self.d = discriminator.to(device).float()
        self.ema = copy.deepcopy(self.g).eval().requires_grad_(False)
        needs_source = settings.variety > 0 or settings.base_mix > 0 or settings.ewc > 0
        self.source = copy.deepcopy(self.g).eval().requires_grad_(False) if needs_source else None
        self.taps = _Taps(self.g) if settings.variety > 0 else None
        self.source_taps = _Taps(self.source) if settings.variety > 0 else None
        trainable = modulation_parameters(self.g) if settings.norm_only else list(self.g.parameters())
        frozen_g = {id(p) for name in G_BLOCKS[:settings.freeze_g_blocks] if hasattr(self.g, name)
                    for p in getattr(self.g, name).parameters()}
        trainable = [p for p in trainable if id(p) not in frozen_g]
        keep = {id(p) for p in trainable}
        for p in self.g.parameters():
            p.requires_grad_(id(p) in keep)
        self.frozen = [getattr(self.d, name) for name in D_BLOCKS[:settings.freeze_d_blocks]]
        for block in self.frozen:
            block.requires_grad_(False)
        self.d_params = [p for p in self.d.parameters() if p.requires_grad]
        self.train_mode()
        self.g_train, self.d_train = world.wrap(self.g), world.wrap(self.d)
        self.opt_g = torch.optim.Adam(trainable, lr=settings.lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d_params, lr=settings.lr * D_LR_RATIO, betas=(0.5, 0.999))
        self.images = torch.from_numpy(np.ascontiguousarray(images)).to(device)
        self.rng = torch.Generator().manual_seed(seed)
        self.fisher = fisher_information(self.g, self.d, trainable, seed) if settings.ewc > 0 else None
        self.trunk = trunk_on(device) if settings.resemble > 0 else None
        self.targets = self._target_vectors() if settings.resemble > 0 else None
        self.codes: torch.Tensor | None = None  # each training picture's matched latent (IMLE), when reconstructing
        torch.manual_seed(seed)  # the discriminator's reconstruction quadrant: the same draw on every rank
        self.step_count = 0

    def train_mode(self) -> None:
        self.g.train()
        self.d.train()
        _use_running_stats(self.g)
        _use_running_stats(self.d)
        for block in self.frozen:
            block.eval()

    def step(self) -> tuple[torch.Tensor, torch.Tensor]:
        """One discriminator and one generator update on a global batch; returns the (detached) losses."""
        gen, size, batch = self.rng, self.g.config.image_size, self.settings.batch
        local = batch // self.world.size
        rows = slice(self.world.rank * local, (self.world.rank + 1) * local)
        index = torch.randint(0, len(self.images), (batch,), generator=gen)[rows]
        flip = (torch.rand(batch, generator=gen) < 0.5)[rows]
        z = torch.randn(batch, self.g.config.latent_dim, generator=gen)[rows].to(self.device)
        style = torch.randint(0, self.g.config.styles, (batch,), generator=gen)[rows].to(self.device)
        aug_real, aug_fake, aug_g = (augment.part(augment.draw(batch, size, gen), rows) for _ in range(3))
        picture = self.images[index.to(self.device)].permute(0, 3, 1, 2).float() / 127.5 - 1
        real = torch.where(flip.to(self.device)[:, None, None, None], picture.flip(3), picture)
        if self.settings.base_mix > 0:  # some "real" pictures are the base model's: the critic keeps them plausible
            mixed = (torch.rand(batch, generator=gen) < self.settings.base_mix)[rows].to(self.device)
            z_base = torch.randn(batch, self.g.config.latent_dim, generator=gen)[rows].to(self.device)
            with torch.no_grad():
                real = torch.where(mixed[:, None, None, None], self.source(z_base, style), real)

        if self.settings.reconstruct > 0:  # one forward for both (a distributed generator takes one per step)
            if self.codes is None or self.step_count % MATCH_EVERY == 0:
                self.codes = self._match_codes()
            both_z = torch.cat([z, self.codes[index].to(self.device)])
            fake, matched = self.g_train(both_z, torch.cat([style, style])).split(len(z))
        else:
            fake = self.g_train(z, style)
        real_aug = augment.apply(real, aug_real)
        both = torch.cat([real_aug, augment.apply(fake.detach(), aug_fake)])
        logits, rec_whole, rec_part, quadrant = self.d_train(both, torch.cat([style, style]), reconstruct=True)
        half = size // 2
        row, col = divmod(quadrant, 2)
        target_part = real_aug[:, :, row * half:(row + 1) * half, col * half:(col + 1) * half]
        rec = F.l1_loss(rec_whole[:local], F.interpolate(real_aug, size=half, mode="area")) \
            + F.l1_loss(rec_part[:local], target_part)
        d_loss = F.relu(1 - logits[:local]).mean() + F.relu(1 + logits[local:]).mean() + rec
        self.opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        self.opt_d.step()

        for p in self.d_params:
            p.requires_grad_(False)
        g_loss = -self.d(augment.apply(fake, aug_g), style).mean()
        if self.taps is not None:
            with torch.no_grad():
                self.source(z, style)
            tuned = [tap[:len(z)] for tap in self.taps.take()]  # the matched samples ride in the same forward
            g_loss = g_loss + self.settings.variety * correspondence_loss(self.source_taps.take(), tuned)
        if self.fisher is not None:
            g_loss = g_loss + self.settings.ewc * ewc_penalty(self.g, self.source, self.fisher)
        if self.settings.reconstruct > 0:
            g_loss = g_loss + self.settings.reconstruct * match_loss(matched, picture)
        if self.targets is not None:
            g_loss = g_loss + self.settings.resemble * feature_mmd(trunk_vectors(self.trunk, fake), self.targets)
        self.opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        self.opt_g.step()
        for p in self.d_params:
            p.requires_grad_(True)
        with torch.no_grad():
            rate = 1 - self.settings.ema_decay
            for p_ema, p in zip(self.ema.parameters(), self.g.parameters()):
                p_ema.lerp_(p, rate)
        self.step_count += 1
        return d_loss.detach(), g_loss.detach()

    def _target_vectors(self) -> torch.Tensor:
        """The training pictures' trunk vectors, each also mirrored (the batches flip them too)."""
        pictures = self.images.permute(0, 3, 1, 2).float() / 127.5 - 1
        with torch.no_grad():
            both = torch.cat([pictures, pictures.flip(3)])
            return torch.cat([trunk_vectors(self.trunk, chunk) for chunk in both.split(32)])

    def _match_codes(self) -> torch.Tensor:
        """IMLE (Li & Malik 2019; for few pictures, Aghabozorgi et al. 2023): for each training picture, the latent
        among ``MATCH_POOL`` fresh ones per picture whose sample is nearest to it at ``MATCH_SIZE`` px. Pulling
        those samples toward their pictures spreads the latent space over every picture, so none is dropped."""
        n, latent = len(self.images), self.g.config.latent_dim
        z = torch.randn(n * MATCH_POOL, latent, generator=self.rng)
        pictures = shrink(self.images.permute(0, 3, 1, 2).float() / 127.5 - 1)
        with torch.no_grad():
            samples = torch.cat([shrink(self.g(chunk.to(self.device), torch.zeros(len(chunk), dtype=torch.long,
                                                                                  device=self.device)))
                                 for chunk in z.split(64)])
        return z[torch.cdist(pictures.flatten(1), samples.flatten(1)).argmin(1).cpu()]

    def state(self) -> dict:
        def cpu(state: dict) -> dict:
            return {k: v.detach().cpu() if torch.is_tensor(v) else v for k, v in state.items()}

        def opt(o: torch.optim.Optimizer) -> dict:
            s = o.state_dict()
            return {"state": {k: cpu(v) for k, v in s["state"].items()}, "param_groups": s["param_groups"]}

        return {"step": self.step_count, "generator": cpu(self.g.state_dict()), "ema": cpu(self.ema.state_dict()),
                "discriminator": cpu(self.d.state_dict()), "opt_g": opt(self.opt_g), "opt_d": opt(self.opt_d),
                "rng": self.rng.get_state(), "torch_rng": torch.get_rng_state(), "codes": self.codes}

    def load(self, state: dict) -> None:
        self.g.load_state_dict(state["generator"])
        self.ema.load_state_dict(state["ema"])
        self.d.load_state_dict(state["discriminator"])
        self.opt_g.load_state_dict(state["opt_g"])
        self.opt_d.load_state_dict(state["opt_d"])
        self.rng.set_state(state["rng"])
        torch.set_rng_state(state["torch_rng"])
        self.step_count = int(state["step"])
        self.codes = state.get("codes")


def load_base(request: FinetuneRequest):
    """The base checkpoint (a canvas GAN at the requested size) and its discriminator."""
    from artdesk.ml.checkpoint import load_checkpoint

    base = load_checkpoint(Path(request.base_dir), request.base_source)
    if base.card.model_type != "canvas-gan":
        raise ArtdeskError(f"{base.card.name} is a {base.card.model_type}; fine-tuning starts from a canvas GAN.")
    if base.config.image_size != request.size:
        raise ArtdeskError(f"{base.card.name} makes {base.config.image_size} px pictures; choose that resolution.")
    generator = Generator(base.config)
    generator.load_state_dict(base.model.state_dict())
    generator.eval()
    discriminator, has_d = load_discriminator(Path(request.base_dir), generator, request.seed)
    return base, generator, discriminator, has_d


def build_trainer(request: FinetuneRequest, ctx: JobContext, images: np.ndarray | None, count: int | None = None,
                  world: World = World(), style: int | None = None) -> tuple[Trainer, Settings]:
    """A Trainer for ``request`` on ``images`` (None: noise pictures of the right size, for timing)."""
    from artdesk.ml.device import pick_device

    _base, generator, discriminator, has_d = load_base(request)
    count = count if count is not None else len(request.files)
    settings = settings_from(resolved_settings(request, count, has_d))
    if images is None:
        images = np.random.default_rng(0).integers(0, 256, (8, request.size, request.size, 3), dtype=np.uint8)
    if style is not None:
        start_from_style(generator, discriminator, style)
    device = world.device(pick_device(request.device))
    return Trainer(generator, discriminator, settings, images, request.seed, device, world), settings


def estimate(request: FinetuneRequest, ctx: JobContext) -> Estimate:
    """Time a few real training steps on this machine (background job; reports and checks cancel per step)."""
    check_request(request)
    ctx.report(0.0, "Preparing a measurement…")
    trainer, settings = build_trainer(request, ctx, images=None)
    warmup, measured = 2, 5
    for index in range(warmup + measured):
        ctx.raise_if_cancelled()
        if index == warmup:
            started = time.perf_counter()
        trainer.step()
        ctx.report((index + 1) / (warmup + measured), f"Measuring step {index + 1} of {warmup + measured}")
    per_step = (time.perf_counter() - started) / measured
    return Estimate(per_step, settings.steps, per_step * settings.steps)
