"""Canvas model types known to the registry (no torch import here)."""
from artdesk.ml.registry import ModelSpec

SPECS: dict[str, ModelSpec] = {
    "canvas-gan": ModelSpec("canvas", "artdesk.ml.canvas.model:Generator", "artdesk.ml.canvas.model:GanConfig",
                            "FastGAN-style conditional GAN generator, 64 px pictures in four styles"),
    "canvas-vae": ModelSpec("canvas", "artdesk.ml.canvas.model:Vae", "artdesk.ml.canvas.model:VaeConfig",
                            "conditional convolutional VAE, 64 px: encode, reconstruct, vary, interpolate"),
    "canvas-upscaler": ModelSpec("canvas", "artdesk.ml.canvas.model:Upscaler", "artdesk.ml.canvas.model:UpscalerConfig",
                                 "x2 learned upscaler for pictures (applied twice for x4)"),
    "canvas-judge": ModelSpec("canvas", "artdesk.ml.canvas.judge:Judge", "artdesk.ml.canvas.judge:JudgeConfig",
                              "classifier of one picture set's classes plus 'unrecognisable', for evaluation"),
}
