"""Loading poem checkpoints with their assets (vocabulary, copy index) through the model cache: a character
model (``poem-rnn``) as a ``PoemModel``, a word-level English model (``poem-words``) as a ``WordPoemModel``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch

from artdesk.core.errors import ArtdeskError
from artdesk.ml.model_cache import load_cached
from artdesk.ml.poem.copyindex import CopyIndex
from artdesk.ml.poem.model import PoemConfig, PoemRNN
from artdesk.ml.poem.stepper import NumpyLSTMStepper
from artdesk.ml.poem.vocab import Vocab
from artdesk.ml.poem.words.model import WordPoemConfig, WordPoemLSTM
from artdesk.ml.poem.words.sampler import WordPoet
from artdesk.ml.poem.words.tokenizer import WordVocab
from artdesk.ml.poem.words.train import VOCAB_FILE as WORD_VOCAB_FILE
from artdesk.ml.quantize import quantized_for_cpu


@dataclass
class PoemModel:
    model: PoemRNN
    config: PoemConfig
    vocab: Vocab
    path: Path
    name: str
    weights_sha256: str
    copy_index: CopyIndex | None
    card: dict
    masks: dict = field(default_factory=dict)  # constraint masks, built on first use
    _stepper: object | None = field(default=None, repr=False)

    @property
    def stepper(self):
        """What sampling steps, built on first use and called like the model: an LSTM with a full head steps
        in NumPy float32 (``stepper``; batches through the int8 copy), others on CPU through an int8 dynamically quantized copy
        (``ml.quantize``); ``model`` stays float32 torch for scoring held-out text and fine-tuning."""
        if self._stepper is None:
            on_cpu = all(p.device.type == "cpu" for p in self.model.parameters())
            quantized = quantized_for_cpu(self.model)
            self._stepper = NumpyLSTMStepper(self.model, quantized) if on_cpu and NumpyLSTMStepper.fits(self.model) \
                else quantized
        return self._stepper


@dataclass
class WordPoemModel:
    """A word-level English poem model with its word vocabulary; ``poet`` writes with it (built on first use).
    Its copy check uses the character index shipped beside it (``copy_index.npz``, ``vocab.json``)."""

    model: WordPoemLSTM
    config: WordPoemConfig
    vocab: WordVocab
    path: Path
    name: str
    weights_sha256: str
    card: dict
    _poet: WordPoet | None = field(default=None, repr=False)

    @property
    def poet(self) -> WordPoet:
        if self._poet is None:
            self._poet = WordPoet(self.model, self.vocab)
        return self._poet


def get_poem_model(folder: str | Path, source: str | None = None) -> PoemModel | WordPoemModel:
    """The loaded model in ``folder`` with its vocabulary and copy index, from the model cache; raises
    ArtdeskError with a user message."""
    return load_cached(folder, source=source, prepare=_with_assets)


def _with_assets(checkpoint) -> PoemModel | WordPoemModel:
    """The model cache's hook for poem checkpoints: the vocabulary (required) and the copy index (optional)."""
    folder = checkpoint.path
    if isinstance(checkpoint.model, WordPoemLSTM):
        return _word_model(checkpoint)
    if not isinstance(checkpoint.model, PoemRNN):
        raise ArtdeskError(f"{checkpoint.card.name} is not a poem model.")
    try:
        vocab = Vocab.from_json((folder / "vocab.json").read_bytes())
    except (OSError, ValueError, KeyError) as error:
        raise ArtdeskError(f"The poem model {checkpoint.card.name} has no readable vocabulary (vocab.json). Re-import it.") from error
    if len(vocab) != checkpoint.config.vocab_size:
        raise ArtdeskError(f"The vocabulary of {checkpoint.card.name} does not fit its weights. Re-import it.")
    index = None
    if (folder / "copy_index.npz").exists():
        try:
            index = CopyIndex.from_bytes((folder / "copy_index.npz").read_bytes())
        except (OSError, ValueError, KeyError):
            index = None
    checkpoint.model.float().eval()
    return PoemModel(checkpoint.model, checkpoint.config, vocab, folder, checkpoint.card.name,
                     str(checkpoint.card.raw.get("weights_sha256", "")), index, checkpoint.card.raw)


def _word_model(checkpoint) -> WordPoemModel:
    """A ``poem-words`` checkpoint with its word vocabulary (``words-vocab.json``, required)."""
    try:
        vocab = WordVocab.from_json((checkpoint.path / WORD_VOCAB_FILE).read_bytes())
    except (OSError, ValueError, KeyError) as error:
        raise ArtdeskError(f"The poem model {checkpoint.card.name} has no readable word vocabulary "
                           f"({WORD_VOCAB_FILE}). Re-import it.") from error
    if len(vocab) != checkpoint.config.vocab_size:
        raise ArtdeskError(f"The vocabulary of {checkpoint.card.name} does not fit its weights. Re-import it.")
    checkpoint.model.float().eval()
    return WordPoemModel(checkpoint.model, checkpoint.config, vocab, checkpoint.path, checkpoint.card.name,
                         str(checkpoint.card.raw.get("weights_sha256", "")), checkpoint.card.raw)


def model_from_parts(model: PoemRNN | WordPoemLSTM, vocab: Vocab | WordVocab,
                     name: str = "in-memory") -> PoemModel | WordPoemModel:
    """Wrap an in-memory model (tests, training) like a loaded one."""
    model.eval()
    if isinstance(model, WordPoemLSTM):
        return WordPoemModel(model, model.config, vocab, Path("."), name, "", {})
    return PoemModel(model, model.config, vocab, Path("."), name, "", None, {})


@torch.no_grad()
def warm(poem: PoemModel | WordPoemModel) -> None:
    poem.model(torch.zeros(1, 1, dtype=torch.long))
