"""Style model types known to the registry (no torch import here)."""
from artdesk.ml.registry import ModelSpec

SPECS: dict[str, ModelSpec] = {
    "style-stylizer": ModelSpec(
        "style",
        "artdesk.ml.style.model:Stylizer",
        "artdesk.ml.style.model:StylizerConfig",
        "Feed-forward stylizer: repaints a picture in one style in a single pass",
    ),
}
