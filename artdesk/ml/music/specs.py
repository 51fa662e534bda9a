"""Music model types known to the registry (no torch import here)."""
from artdesk.ml.registry import ModelSpec

SPECS: dict[str, ModelSpec] = {
    "melody-lstm": ModelSpec(
        "music",
        "artdesk.ml.music.model:MelodyLSTM",
        "artdesk.ml.music.model:MelodyLSTMConfig",
        "Melody LSTM over 16th-note events with style, metre and key conditioning and lookback: generate and continue.",
    ),
    "melody-vae": ModelSpec(
        "music",
        "artdesk.ml.music.model:MelodyVAE",
        "artdesk.ml.music.model:MelodyVAEConfig",
        "Recurrent melody VAE over 2-bar segments: interpolate between melodies and make variations.",
    ),
}
