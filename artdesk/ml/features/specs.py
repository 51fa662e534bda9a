"""Feature-trunk model types known to the registry (no torch import here)."""
from artdesk.ml.registry import ModelSpec

SPECS: dict[str, ModelSpec] = {
    "features-mobilenet-v2": ModelSpec(
        "features",
        "artdesk.ml.features.mobilenet:MobileNetV2",
        "artdesk.ml.features.mobilenet:MobileNetV2Config",
        "ImageNet-derived MobileNetV2 feature trunk for judging, diversity and perceptual losses (no generator)",
    ),
}
