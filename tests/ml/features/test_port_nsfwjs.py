"""The nsfwjs port's decoding and layer mapping, on synthetic manifests (no npm, no node)."""
import numpy as np
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.ml.features.mobilenet import MobileNetV2
from artdesk.ml.features.port_nsfwjs import build_trunk, decode_weights, keras_names


def manifest(*weights: dict) -> dict:
    return {"weightsManifest": [{"paths": ["group1-shard1of1"], "weights": list(weights)}]}


def test_quantized_weights_are_dequantized_as_tfjs_does_and_plain_ones_are_read_as_stored():
    q8 = np.array([0, 1, 128, 255], np.uint8)
    q16 = np.array([0, 40000], np.uint16)
    plain = np.array([[1.5, -2.25]], np.float32)
    spec8 = {"name": "a", "shape": [2, 2], "dtype": "float32", "quantization": {"min": -0.5, "scale": 0.01, "dtype": "uint8"}}
    spec16 = {"name": "b", "shape": [2], "dtype": "float32", "quantization": {"min": 1.0, "scale": 1e-4, "dtype": "uint16"}}
    spec32 = {"name": "c", "shape": [1, 2], "dtype": "float32"}
    data = q8.tobytes() + q16.astype("<u2").tobytes() + plain.astype("<f4").tobytes()
    weights = decode_weights(manifest(spec8, spec16, spec32), data)
    np.testing.assert_array_equal(weights["a"], np.float32([-0.5, -0.49, 0.78, 2.05]).reshape(2, 2))
    np.testing.assert_array_equal(weights["b"], np.float32([1.0, 5.0]))
    np.testing.assert_array_equal(weights["c"], plain)
    with pytest.raises(ArtdeskError):
        decode_weights(manifest(spec8), data)  # more bytes than the manifest describes


def keras_weights(model: MobileNetV2) -> dict[str, np.ndarray]:
    """Distinct random weights in Keras layouts for every trunk weight, plus a head layer to be skipped."""
    rng = np.random.default_rng(0)
    state = model.state_dict()
    weights = {}
    for key, name in keras_names(model).items():
        shape = tuple(state[key].shape)
        if name.endswith("depthwise_kernel"):
            shape = (shape[2], shape[3], shape[0], 1)
        elif len(shape) == 4:
            shape = (shape[2], shape[3], shape[1], shape[0])
        weights[name] = rng.random(shape, dtype=np.float32) + 0.5
    weights["dense_3/kernel"] = rng.random((128, 5), dtype=np.float32)
    return weights


def test_every_keras_weight_lands_in_its_torch_place():
    names = keras_names(MobileNetV2())
    state = MobileNetV2().state_dict()
    assert set(names) == {k for k in state if not k.endswith("num_batches_tracked")}
    assert len(set(names.values())) == len(names)
    weights = keras_weights(MobileNetV2())
    model = build_trunk(weights)
    state = model.state_dict()
    depthwise = weights["block_1_depthwise/depthwise_kernel"]  # H x W x C x 1
    np.testing.assert_array_equal(state["blocks.1.depthwise.0.weight"][7, 0].numpy(), depthwise[:, :, 7, 0])
    kernel = weights["Conv1/kernel"]  # H x W x in x out
    np.testing.assert_array_equal(state["stem.0.weight"][5, 2].numpy(), kernel[:, :, 2, 5])
    np.testing.assert_array_equal(state["head.1.running_var"].numpy(), weights["Conv_1_bn/moving_variance"])
    np.testing.assert_array_equal(state["blocks.0.project.1.bias"].numpy(), weights["expanded_conv_project_BN/beta"])


def test_a_weight_the_trunk_does_not_know_is_refused():
    weights = keras_weights(MobileNetV2())
    weights["block_17_expand/kernel"] = np.zeros((1, 1, 320, 1920), np.float32)
    with pytest.raises(ArtdeskError, match="block_17"):
        build_trunk(weights)
