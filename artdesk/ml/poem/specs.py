"""Poem model types known to the registry (no torch import here)."""
from artdesk.ml.registry import ModelSpec

SPECS: dict[str, ModelSpec] = {
    "poem-rnn": ModelSpec(
        "poem",
        "artdesk.ml.poem.model:PoemRNN",
        "artdesk.ml.poem.model:PoemConfig",
        "Character-level GRU/LSTM poem model conditioned on a form tag and theme keywords",
    ),
    "poem-words": ModelSpec(
        "poem",
        "artdesk.ml.poem.words.model:WordPoemLSTM",
        "artdesk.ml.poem.words.model:WordPoemConfig",
        "Word-level LSTM English poem model conditioned on a form tag and theme keywords",
    ),
}
