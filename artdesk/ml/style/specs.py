"""Style model types known to the registry (no torch import here)."""
from artdesk.ml.registry import ModelSpec

SPECS: dict[str, ModelSpec] = {}
