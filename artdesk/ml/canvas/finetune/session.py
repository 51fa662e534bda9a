"""The fine-tune wizard's state without Qt or torch: the pictures and their crops, the options, the checks
before training, the request, and where a run stands.

The wizard's pages bind their controls to ``settings`` and read the rest from the session; a refusal comes
back as a code the page words in the user's language. The request is ``plan.FinetuneRequest``; the pictures'
audit (``audit.FolderAudit``) arrives from its job and is kept here as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, make_dataclass
from pathlib import Path
from typing import Any

from artdesk.core.cards import ModelCard
from artdesk.core.errors import ArtdeskError
from artdesk.core.observable import Settings
from artdesk.ml.canvas.finetune import plan

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")
CONSENT = "The person training confirmed they made these pictures or have permission to train on them."
UNKNOWN_LICENCE = "Licence unknown: the person training did not know the pictures' licence."
BASE_TYPE = "canvas-gan"
DEFAULT_SIZE = 64
CENTRE, FIT, EACH = "centre", "fit", "each"  # EACH: centre or fit, chosen per picture
# Why training cannot start yet (the page says each in words)
NO_BASE, BAD_NAME, NAME_TAKEN, NO_CONSENT = "no base", "bad name", "name taken", "no consent"
# Where a run stands
IDLE, RUNNING, PAUSING, PAUSED, STOPPING, STOPPED, DONE, FAILED = (
    "idle", "running", "pausing", "paused", "stopping", "stopped", "done", "failed")


def slug(text: str) -> str:
    """A model name from free text: letters, digits, - and _ only."""
    name = re.sub(r"[^A-Za-z0-9_\-]+", "-", text).strip("-_")[:48]
    return name or "my-pictures"


@dataclass(frozen=True)
class Base:
    """A canvas GAN a fine-tune can start from."""

    path: str
    source: str
    size: int
    name: str
    is_user: bool


# The request's own fields the options page shows; their defaults are the request's
REQUEST_CHOICES = ("preset", "follow", "keep_variety", "source_note", "seed", "steps", "batch", "lr", "freeze_d_blocks",
                   "freeze_g_blocks", "variety", "ewc", "base_mix", "reconstruct", "resemble", "norm_only", "ema_decay",
                   "snapshot_every", "checkpoint_every_s", "heldout_fraction", "device", "stop_early")


@dataclass(frozen=True)
class WizardChoices:
    """What the wizard asks beyond the request's fields: it turns them into ``base_dir``, ``name``, the crops and
    ``licence_note``."""

    base: str = ""  # the base model's folder
    name: str = ""
    crop: str = CENTRE
    licence: str = ""
    consent: bool = False  # "I made these pictures, or may train on them"
    unknown_licence: bool = False  # "I don't know the licence"


FinetuneSettings = make_dataclass(
    "FinetuneSettings", [(f.name, f.type, field(default=f.default)) for f in fields(plan.FinetuneRequest)
                         if f.name in REQUEST_CHOICES], bases=(WizardChoices,), frozen=True)
FinetuneSettings.__doc__ = """The options page's choices: ``WizardChoices`` and the request's ``REQUEST_CHOICES``
(None leaves an Advanced knob to the plan); ``stop_early`` also stops a run that starts copying."""


class TrainingRun:
    """Where a run stands; each method moves it on and says whether the running job must be cancelled."""

    def __init__(self) -> None:
        self.state = IDLE

    @property
    def active(self) -> bool:
        return self.state in (RUNNING, PAUSING, STOPPING)

    @property
    def can_pause(self) -> bool:  # or resume
        return self.state in (RUNNING, PAUSED, FAILED)

    @property
    def can_stop(self) -> bool:
        return self.state in (RUNNING, PAUSING, PAUSED)

    def start(self) -> None:
        self.state = RUNNING

    def pause(self) -> bool:
        """True when the job must be cancelled (it saves, then the run is paused)."""
        if self.state != RUNNING:
            return False
        self.state = PAUSING
        return True

    def stop(self) -> bool:
        """True when the job must be cancelled; a paused run stops at once."""
        if self.state in (RUNNING, PAUSING):
            self.state = STOPPING
            return True
        if self.state == PAUSED:
            self.state = STOPPED
        return False

    def aborted(self) -> None:
        """The job was cancelled: a pause lands as paused, anything else as stopped."""
        self.state = PAUSED if self.state == PAUSING else STOPPED

    def failed(self) -> None:
        self.state = FAILED

    def done(self) -> None:
        self.state = DONE


class FinetuneSession:
    """The wizard's pictures, options and run."""

    def __init__(self) -> None:
        self.settings: Settings = Settings(FinetuneSettings())
        self.settings.connect(self._one_licence_answer)
        self.bases: list[Base] = []
        self.taken: set[str] = set()  # the folder names of the user's models
        self.sources: list[Path] = []
        self.audit: Any = None  # audit.FolderAudit of the sources, once checked
        self.crops: dict[str, str] = {}  # per-picture choices (path -> CENTRE or FIT)
        self.run = TrainingRun()

    def _one_licence_answer(self, names: set[str]) -> None:
        s = self.settings.value
        if "consent" in names and s.consent and s.unknown_licence:
            self.settings.set(unknown_licence=False)
        elif "unknown_licence" in names and s.unknown_licence and s.consent:
            self.settings.set(consent=False)

    # ----- models -----------------------------------------------------------------------------------
    def set_cards(self, cards: list[ModelCard]) -> None:
        """The canvas models: the GANs to start from, and the names the user's models already take."""
        self.bases = [Base(str(c.path), c.source, int(c.raw.get("config", {}).get("image_size", DEFAULT_SIZE)), c.name,
                           c.is_user) for c in cards if c.model_type == BASE_TYPE]
        self.taken = {c.path.name for c in cards if c.is_user}

    def base(self) -> Base | None:
        return next((b for b in self.bases if b.path == self.settings.value.base), None)

    def training_size(self) -> int:
        base = self.base()
        return base.size if base else DEFAULT_SIZE

    def unused_name(self, name: str) -> str:
        candidate, number = name, 2
        while candidate in self.taken:
            candidate, number = f"{name}-{number}", number + 1
        return candidate

    def default_name(self) -> str:
        """A free name after the one folder chosen, else "my-pictures"."""
        return self.unused_name(slug(self.sources[0].stem if len(self.sources) == 1 else "my-pictures"))

    # ----- pictures ---------------------------------------------------------------------------------
    def set_sources(self, paths: list[Path]) -> None:
        """New folders or files: their audit is to come."""
        self.sources = [Path(p) for p in paths]
        self.audit = None

    def missing_sources(self) -> list[Path]:
        return [p for p in self.sources if not p.exists()]

    @property
    def pictures_ready(self) -> bool:
        return self.audit is not None and self.audit.can_train

    @property
    def default_crop(self) -> str:
        crop = self.settings.value.crop
        return CENTRE if crop == EACH else crop

    def crop_of(self, path: Path | str) -> str:
        if self.settings.value.crop != EACH:
            return self.default_crop
        return self.crops.get(str(path), self.default_crop)

    def toggle_crop(self, path: str) -> bool:
        """Switch one picture between centre crop and fit; False unless crops are chosen per picture."""
        if self.settings.value.crop != EACH:
            return False
        self.crops[path] = FIT if self.crop_of(path) == CENTRE else CENTRE
        return True

    def crop_overrides(self) -> tuple[tuple[str, str], ...]:
        """(path, mode) for pictures whose crop differs from the default (the request's ``crops``)."""
        if self.settings.value.crop != EACH or self.audit is None:
            return ()
        return tuple((str(i.path), self.crops[str(i.path)]) for i in self.audit.usable
                     if self.crops.get(str(i.path), self.default_crop) != self.default_crop)

    def files(self) -> tuple[str, ...]:
        return tuple(str(item.path) for item in self.audit.usable) if self.audit else ()

    # ----- checks and the request -------------------------------------------------------------------
    def problem(self) -> str:
        """"" when a run can start, else the code of what to fix."""
        if not self.bases:
            return NO_BASE
        name = self.settings.value.name.strip()
        if not NAME_PATTERN.match(name):
            return BAD_NAME
        if name in self.taken:
            return NAME_TAKEN
        return ""

    def consent_problem(self) -> str:
        """"" once the user said the pictures are theirs or that they don't know the licence."""
        s = self.settings.value
        return "" if s.consent or s.unknown_licence else NO_CONSENT

    def licence_note(self) -> str:
        s = self.settings.value
        consent = [CONSENT] if s.consent else [UNKNOWN_LICENCE] if s.unknown_licence else []
        return " ".join(p for p in [s.licence.strip()] + consent if p)

    def request_fields(self) -> dict[str, Any]:
        """The fields of ``plan.FinetuneRequest`` chosen so far."""
        s, base = self.settings.value, self.base()
        return dict({name: getattr(s, name) for name in REQUEST_CHOICES}, files=self.files(), crops=self.crop_overrides(), default_crop=self.default_crop,
                    base_dir=base.path if base else "", base_source=base.source if base else "bundled",
                    name=s.name.strip(), size=self.training_size(), licence_note=self.licence_note(),
                    source_note=s.source_note.strip(), checkpoint_every_s=float(s.checkpoint_every_s),
                    heldout_fraction=float(s.heldout_fraction), stop_when_copying=s.stop_early)

    def request(self) -> plan.FinetuneRequest:
        return plan.FinetuneRequest(**self.request_fields())

    def plan_problem(self) -> str:
        """"" if ``plan.check_request`` accepts the request, else its message."""
        try:
            plan.check_request(self.request())
        except ArtdeskError as error:
            return str(error)
        return ""
