"""Port nsfwjs's MobileNetV2 trunk to torch, once (data preparation; needs npm and node).

``python -m artdesk.ml.features.port_nsfwjs --out models/features/mobilenet-v2 --reference DIR --pictures ...``
fetches ``nsfwjs@4.4.0`` with ``npm pack`` into the data cache, checks the tarball's sha256,
evaluates its bundled TF.js model files with node (they are JavaScript modules holding the
model JSON and base64 weights), dequantizes the weights as TF.js does (``q * scale + min`` in
float32), maps the Keras layers onto ``MobileNetV2`` (the classifier head is left out) and saves
a checkpoint. ``--reference`` is a folder where ``@tensorflow/tfjs`` and ``nsfwjs`` are installed
with npm; ``check_nsfwjs`` runs the original there and the card records the agreement. Weights
are saved as float16 when that agrees with the original as closely as float32 does (see ``TOLERANCE``).
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import tarfile
from pathlib import Path

import numpy as np
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import default_cache
from artdesk.ml.features.mobilenet import MobileNetV2, MobileNetV2Config

PACKAGE = "nsfwjs@4.4.0"
TARBALL = "nsfwjs-4.4.0.tgz"
TARBALL_SHA256 = "585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382"
MODEL_DIR = "package/dist/models/mobilenet_v2"
MODEL_TYPE = "features-mobilenet-v2"
HEAD_LAYERS = ("dense_1", "dense_2", "dense_3")  # nsfwjs's own classifier, not ported
TOLERANCE = 0.01  # largest |port - original| / max|original| per tap for float16 weights to be chosen
DTYPES = {"uint8": np.uint8, "uint16": np.uint16, "float32": np.float32, "float16": np.float16, "int32": np.int32}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fetch(cache: Path, log=print) -> Path:
    """The unpacked package folder of ``PACKAGE`` under ``cache`` (``npm pack`` on first use)."""
    tarball = cache / TARBALL
    if not tarball.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        log(f"downloading {PACKAGE} with npm pack…")
        result = subprocess.run(["npm", "pack", PACKAGE], cwd=cache, capture_output=True, text=True)
        if result.returncode or not tarball.is_file():
            raise ArtdeskError(f"Could not download {PACKAGE} with npm: {result.stderr.strip()[-400:]}")
    if sha256_of(tarball) != TARBALL_SHA256:
        raise ArtdeskError(f"{tarball} is not the {PACKAGE} this port was written for (sha256 differs); delete it.")
    unpacked = cache / "unpacked"
    if not (unpacked / MODEL_DIR).is_dir():
        with tarfile.open(tarball) as archive:
            archive.extractall(unpacked, filter="data")
    return unpacked


def _node_export(script: Path):
    """The value a bundled TF.js model file exports, evaluated by node and returned through JSON."""
    code = "process.stdout.write(JSON.stringify(require(process.argv[1])))"
    result = subprocess.run(["node", "-e", code, str(script.resolve())], capture_output=True, text=True)
    if result.returncode:
        raise ArtdeskError(f"node could not read {script.name}: {result.stderr.strip()[-400:]}")
    return json.loads(result.stdout)


def read_model(unpacked: Path) -> tuple[dict, bytes]:
    """The TF.js model JSON and its concatenated weight bytes (shards in manifest order)."""
    folder = unpacked / MODEL_DIR
    model_json = _node_export(folder / "model.min.js")
    data = b"".join(
        base64.b64decode(_node_export(folder / f"{path}.min.js"))
        for group in model_json["weightsManifest"]
        for path in group["paths"]
    )
    return model_json, data


def decode_weights(model_json: dict, data: bytes) -> dict[str, np.ndarray]:
    """Every weight as float32, dequantized as TF.js's ``decodeWeights`` does (``q * scale + min``)."""
    weights: dict[str, np.ndarray] = {}
    offset = 0
    for spec in (w for group in model_json["weightsManifest"] for w in group["weights"]):
        quantization = spec.get("quantization")
        stored = DTYPES[quantization["dtype"] if quantization else spec["dtype"]]
        count = int(np.prod(spec["shape"], dtype=np.int64))
        raw = np.frombuffer(data, dtype=stored, count=count, offset=offset)
        offset += count * np.dtype(stored).itemsize
        if quantization and quantization["dtype"] in ("uint8", "uint16"):
            values = (raw.astype(np.float64) * quantization["scale"] + quantization["min"]).astype(np.float32)
        else:
            values = raw.astype(np.float32)
        weights[spec["name"]] = values.reshape(spec["shape"])
    if offset != len(data):
        raise ArtdeskError(f"The weight data holds {len(data)} bytes but the manifest describes {offset}.")
    return weights


def _keras_prefix(block: int) -> str:
    return "expanded_conv_" if block == 0 else f"block_{block}_"


def keras_names(model: MobileNetV2) -> dict[str, str]:
    """torch state-dict key -> Keras weight name, for every parameter and batch-norm statistic."""
    pairs = {"stem": ("Conv1", "bn_Conv1"), "head": ("Conv_1", "Conv_1_bn")}
    for index, block in enumerate(model.blocks):
        prefix = _keras_prefix(index)
        parts = ("expand", "depthwise", "project") if block.expand is not None else ("depthwise", "project")
        for part in parts:
            pairs[f"blocks.{index}.{part}"] = (f"{prefix}{part}", f"{prefix}{part}_BN")
    names = {}
    for module, (conv, bn) in pairs.items():
        kernel = "depthwise_kernel" if conv.endswith("depthwise") else "kernel"
        names[f"{module}.0.weight"] = f"{conv}/{kernel}"
        for ours, theirs in (("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"), ("running_var", "moving_variance")):
            names[f"{module}.1.{ours}"] = f"{bn}/{theirs}"
    return names


def to_torch_layout(name: str, value: np.ndarray) -> torch.Tensor:
    """Keras HWIO kernels (HWC1 depthwise) to torch OIHW; vectors unchanged."""
    if value.ndim != 4:
        return torch.from_numpy(value.copy())
    if name.endswith("depthwise_kernel"):
        return torch.from_numpy(np.ascontiguousarray(value.transpose(2, 3, 0, 1)))
    return torch.from_numpy(np.ascontiguousarray(value.transpose(3, 2, 0, 1)))


def build_trunk(weights: dict[str, np.ndarray]) -> MobileNetV2:
    """A MobileNetV2 holding the decoded Keras weights; every trunk weight is used, the head is skipped."""
    model = MobileNetV2(MobileNetV2Config())
    names = keras_names(model)
    state = model.state_dict()
    for key, keras_name in names.items():
        tensor = to_torch_layout(keras_name, weights[keras_name])
        if tensor.shape != state[key].shape:
            raise ArtdeskError(f"{keras_name} has shape {tuple(tensor.shape)}, {key} needs {tuple(state[key].shape)}.")
        state[key] = tensor
    unused = set(weights) - set(names.values()) - {n for n in weights if n.split("/")[0] in HEAD_LAYERS}
    if unused:
        raise ArtdeskError(f"Weights left unmapped: {sorted(unused)}")
    model.load_state_dict(state, strict=True)
    return model.eval()


def half_rounded(model: MobileNetV2) -> MobileNetV2:
    """A copy whose floating weights went through float16, as a float16 checkpoint loads them."""
    copy = MobileNetV2(model.config)
    copy.load_state_dict({k: v.half().float() if v.is_floating_point() else v for k, v in model.state_dict().items()})
    return copy.eval()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.features.port_nsfwjs", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="checkpoint folder to write")
    parser.add_argument("--reference", type=Path, required=True, help="folder with @tensorflow/tfjs and nsfwjs installed by npm")
    parser.add_argument("--pictures", type=Path, nargs="*", default=[], help="photos to compare on (besides two synthetic pictures)")
    parser.add_argument("--cache", type=Path, default=None, help="download cache (default: the artdesk data cache)")
    return parser


def main(argv: list[str] | None = None) -> int:
    import sys

    from artdesk.ml.checkpoint import save_checkpoint
    from artdesk.ml.features.check_nsfwjs import agreement, comparison_pictures, reference_taps

    args = build_parser().parse_args(argv)
    cache = args.cache or default_cache("nsfwjs")
    model_json, data = read_model(fetch(cache))
    model = build_trunk(decode_weights(model_json, data))
    pictures, picture_names = comparison_pictures(args.pictures)
    reference = reference_taps(pictures, args.reference)
    measured32 = agreement(model, pictures, reference)
    measured16 = agreement(half_rounded(model), pictures, reference)
    half = all(m["relative"] <= TOLERANCE for m in measured16.values())
    measured = measured16 if half else measured32
    print(json.dumps({"float32": measured32, "float16": measured16}, indent=1))
    command = "python -m artdesk.ml.features.port_nsfwjs " + " ".join(sys.argv[1:] if argv is None else argv)
    save_checkpoint(
        model,
        args.out,
        model_type=MODEL_TYPE,
        config=model.config,
        description=(
            "MobileNetV2 feature trunk from nsfwjs 4.4.0: ImageNet-trained convolutional layers "
            "(blocks 11-16 and the last 1x1 convolution fine-tuned by nsfwjs), classifier removed"
        ),
        data={
            "source": f"npm {PACKAGE} (dist/models/mobilenet_v2, TF.js layers model, uint8-quantized weights)",
            "licence": "MIT (nsfwjs, Copyright (c) 2019 Infinite Red, Inc.)",
            "attribution": "Infinite Red nsfwjs (github.com/infinitered/nsfwjs), from GantMan's nsfw_model; "
            "trunk initialised from Keras' ImageNet MobileNetV2, the top retrained for nsfwjs's five classes",
            "tarball_sha256": TARBALL_SHA256,
        },
        training={
            "command": command,
            "note": "ported, not trained: weights dequantized as TF.js does (q * scale + min), Keras layout to torch",
            "input": "RGB / 255 in [0, 1], 224 x 224 (what nsfwjs feeds the model)",
            "comparison_pictures": picture_names,
            "agreement_float32_weights": measured32,
            "agreement_float16_weights": measured16,
            "weights_dtype_rule": f"float16 only if every tap's relative difference is <= {TOLERANCE}",
        },
        metrics={f"agreement_{tap}_{key}": value for tap, numbers in measured.items() for key, value in numbers.items()},
        half=half,
    )
    print(f"wrote {args.out} ({'float16' if half else 'float32'} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
