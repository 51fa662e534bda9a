"""The Poem panel's state without Qt or torch: its settings, validation, replay and provenance.

The panel binds each control to a field of ``settings`` (an evented PoemRequest) and asks the session for
requests; the worker returns candidates that carry their check, copy check and record, so nothing here
(or in the panel) rebuilds them. Problems come back as codes the panel words in the user's language.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from artdesk.core.cards import ModelCard
from artdesk.core.errors import ArtdeskError, SessionProblem
from artdesk.core.observable import Settings
from artdesk.core.provenance import describe_missing, find_card, provenance_record
from artdesk.core.originality import index_cards
from artdesk.ml.poem.forms import Form, forms_for, get_form
from artdesk.ml.poem.replay import request_from_record, request_settings
from artdesk.ml.poem.requests import CheckJob, FinetuneRequest, GenerateJob, PoemRequest

MODEL_TYPES = ("poem-rnn", "poem-words")  # character models, the word-level English model
BAD_NAME_CHARACTERS = '/\\:*?"<>|'

# The settings the panel shows (the rest of a PoemRequest keeps its defaults there)
PANEL_FIELDS = ("form", "keywords", "heads", "theme_bias", "lines", "temperature", "top_k", "top_p", "seed",
                "candidates", "rhyme", "tones")
# Why a request cannot start (the panel says each in words)
NO_MODEL, NO_FORM, NO_HEADS, NO_TEXT, BAD_NAME = "no model", "no form", "no heads", "no text", "bad name"


def poem_record(result: Any, card: ModelCard, candidate: int = 0) -> dict:
    """The provenance of candidate ``candidate`` of a PoemResult made with the model of ``card``."""
    request = result.request
    record = provenance_record(card, request.seed, request_settings(request), candidate=candidate,
                               form=request.form, theme=request.keywords)
    record["weights_sha256"] = result.weights_sha256 or record["weights_sha256"]  # what was loaded decides
    return record


@dataclass(frozen=True)
class Restored:
    """What opening a poem's record did: notes for the user, and whether "Generate again" can remake it."""

    notes: list[str]
    card: ModelCard | None = None
    again: bool = False


class PoemSession:
    """Settings, the chosen model, the last result and the opened poem's record."""

    def __init__(self) -> None:
        self.settings: Settings[PoemRequest] = Settings(PoemRequest())
        self.cards: list[ModelCard] = []
        self.card: ModelCard | None = None
        self.result = None  # the last PoemResult
        self.result_card: ModelCard | None = None  # the model that wrote it
        self.shown = 0  # the candidate shown
        self.result_text = ""  # the candidate's text as generated or opened (hand edits differ from it)
        self.saved_text = ""  # the text last exported
        self.opened_record: dict = {}  # the opened poem's provenance, whatever it holds (kept on export)
        self.record: dict | None = None  # the opened poem's record when its model is here ("Generate again")
        self._card_listeners: list[Callable[[ModelCard | None], None]] = []

    # ----- models and forms -------------------------------------------------------------------------
    def set_cards(self, cards: list[ModelCard]) -> None:
        """The installed poem models (``MODEL_TYPES``); the current choice stays when it is still there."""
        current = self.card.id if self.card else None
        self.cards = [c for c in cards if c.model_type in MODEL_TYPES]
        self.card = next((c for c in self.cards if c.id == current), self.cards[0] if self.cards else None)

    def choose(self, card: ModelCard | None) -> None:
        """Make ``card`` the model; listeners (the picker) hear of a change before any setting that depends on it."""
        if card is not self.card:
            self.card = card
            for listener in list(self._card_listeners):
                listener(card)

    def connect_card(self, listener: Callable[[ModelCard | None], None]) -> None:
        self._card_listeners.append(listener)

    def find(self, name: str) -> ModelCard:
        """The model named ``name`` (card name or folder name); ValueError if there is none."""
        for card in self.cards:
            if name in (card.name, card.path.name):
                return card
        raise ValueError(f"no poem model {name!r}")

    def language(self) -> str:
        return self.card.raw.get("config", {}).get("language", "zh") if self.card else "zh"

    def forms(self) -> list[Form]:
        return forms_for(self.language())

    def form(self) -> Form | None:
        key = self.settings.value.form
        return get_form(key) if key and any(f.key == key for f in self.forms()) else None

    # ----- requests ---------------------------------------------------------------------------------
    def acrostic_heads(self) -> str:
        """The Acrostic field's text when the form is an acrostic, else "" (the setting keeps it for later)."""
        form = self.form()
        return self.settings.value.heads if form is not None and form.acrostic else ""

    def poem_request(self, lines: list[str], locked: set[int] | None = None) -> PoemRequest:
        """The settings as a request; ``locked`` lines of ``lines`` are fed verbatim; the tone rule only where the
        form has one, the acrostic heads only for an acrostic form."""
        form = self.form()
        return replace(self.settings.value, locked=tuple((i, lines[i]) for i in sorted(locked or ()) if i < len(lines)),
                       tones=self.settings.value.tones and bool(form and form.tones), heads=self.acrostic_heads())

    def generate_request(self, lines: list[str], locked: set[int] | None = None, copy_dir: str | None = None) -> GenerateJob:
        """A generation of the settings; SessionProblem when there is no model, no form, or an acrostic without heads."""
        if self.card is None:
            raise SessionProblem(NO_MODEL)
        form = self.form()
        if form is None:
            raise SessionProblem(NO_FORM)
        if form.acrostic and not self.settings.value.heads.strip():
            raise SessionProblem(NO_HEADS)
        return GenerateJob(str(self.card.path), self.card.source, self.poem_request(lines, locked), copy_dir)

    def again_request(self, copy_dir: str | None = None) -> tuple[GenerateJob, int] | None:
        """The opened poem's recorded request and the candidate it names; None when it cannot be made again."""
        card, _note = find_card(self.record or {}, self.cards)
        if self.record is None or card is None:
            return None
        candidate = self.record.get("candidate", 0)
        request = GenerateJob(str(card.path), card.source, request_from_record(self.record), copy_dir)
        return request, candidate if isinstance(candidate, int) and not isinstance(candidate, bool) else 0

    def copy_judge(self, all_cards: list[ModelCard]) -> tuple[ModelCard | None, str]:
        """The model whose index copy-checks this model's poems (as in the Gallery), and a note on it."""
        if self.card is None:
            return None, ""
        judges, note = index_cards(self.card, all_cards)
        return judges[0], note  # poem fine-tunes index nothing of their own: the base model's index

    def check_request(self, text: str, judge: ModelCard | None) -> CheckJob:
        """A check of ``text`` (form and acrostic from the settings; copy check against ``judge``)."""
        if not text.strip():
            raise SessionProblem(NO_TEXT)
        form = self.form()
        return CheckJob(text, None, form.key if form else None, self.acrostic_heads(),
                        str(judge.path) if judge else None, judge.source if judge else "bundled")

    def finetune_request(self, text_path: Path, name: str, user_models: Path, minutes: float = 5.0) -> FinetuneRequest:
        """A fine-tune of the current model on ``text_path`` into the user model ``name``; SessionProblem for a bad name."""
        name = name.strip()
        if self.card is None or not name or any(ch in name for ch in BAD_NAME_CHARACTERS) or name.startswith("."):
            raise SessionProblem(BAD_NAME)
        return FinetuneRequest(str(self.card.path), self.card.source, str(text_path),
                               str(Path(user_models) / "poem" / name), minutes)

    # ----- results, provenance, replay --------------------------------------------------------------
    def take_result(self, result: Any, card: ModelCard | None, replay: int | None) -> int:
        """Keep a finished generation; returns the candidate to show (the one a replay names, else the best)."""
        self.result, self.result_card = result, card
        self.shown = replay if replay is not None and 0 <= replay < len(result.candidates) else 0
        self.result_text = result.candidates[self.shown].text
        if replay is None:
            self.record = None  # a new poem: "Generate again" no longer means the opened one
        return self.shown

    def show(self, candidate: int) -> str | None:
        """Show candidate ``candidate`` of the last result; its text (None if there is no such candidate)."""
        if self.result is None or not 0 <= candidate < len(self.result.candidates):
            return None
        self.shown = candidate
        self.result_text = self.result.candidates[candidate].text
        return self.result_text

    def provenance(self, text: str, candidate: int | None = None) -> dict:
        """The record of the shown candidate (or ``candidate``); a poem typed, opened and changed says it was edited."""
        if self.result is None or self.result_card is None:
            if self.opened_record:
                return dict(self.opened_record, edited=text != self.result_text)
            return {"app": "artdesk", "model": self.card.name if self.card else "", "edited": True}
        number = self.shown if candidate is None else candidate
        return dict(self.result.candidates[number].record, edited=candidate is None and text != self.result_text)

    def opened(self, text: str, record: dict) -> None:
        """A poem file was opened: it is the text to compare edits with; its record is kept."""
        self.result = self.result_card = None
        self.opened_record = record
        self.result_text = text

    def restore(self, record: dict, name: str) -> Restored:
        """Set the settings from a poem's provenance; notes on what is missing (nothing is raised)."""
        self.record = None
        missing = describe_missing(record, name)
        notes = [missing] if missing else []
        try:
            request = request_from_record(record)
        except ArtdeskError as error:
            return Restored(notes or [str(error)])
        if "settings" not in record:
            notes = []  # a file from before records held "settings": its flat fields are the whole request
        card, note = find_card(record, self.cards)
        notes += [note] if note else []
        if card is not None:
            self.choose(card)  # first: its language decides which forms there are
            self.record = record
        restored = {name: getattr(request, name) for name in PANEL_FIELDS}
        if request.form not in {f.key for f in self.forms()}:
            del restored["form"]  # a form this model does not write: the current one stays
        self.settings.set(**restored)
        return Restored(notes, card, self.record is not None)

    def unsaved(self, text: str) -> bool:
        """The editor holds typed text that was not generated, opened or exported."""
        return bool(text.strip()) and text not in (self.result_text, self.saved_text)
