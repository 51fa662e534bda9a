import dataclasses

from artdesk.ml.registry import all_specs, resolve


def test_every_registered_model_type_resolves():
    for model_type, spec in all_specs().items():
        config_class = resolve(spec.config)
        assert dataclasses.is_dataclass(config_class), model_type
        assert callable(resolve(spec.model)), model_type
