"""Features from a pretrained MobileNetV2 trunk (ported from nsfwjs): ``trunk.load_trunk``, ``trunk.trunk_features``."""
