import json

import pytest
import torch
from torch import nn

from artdesk.ml.checkpoint import CheckpointError, load_checkpoint
from artdesk.ml.style.model import Stylizer, StylizerConfig

from .conftest import make_tiny_stylizer



@pytest.mark.parametrize("upsample", ["transpose", "nearest"])
def test_forward_is_the_clamped_unbounded_output(upsample):
    torch.manual_seed(0)
    model = Stylizer(StylizerConfig(width=4, residual_blocks=1, upsample=upsample)).eval()
    with torch.no_grad():
        model.up[-1][1].bias.fill_(0.5)  # push part of the output past 1
        image = torch.rand(1, 3, 21, 30)
        raw = model.unbounded(image)
        assert raw.shape == image.shape and float(raw.max()) > 1
        assert torch.equal(model(image), raw.clamp(0, 1))
    transposed = any(isinstance(m, nn.ConvTranspose2d) for m in model.modules())
    assert transposed == (upsample == "transpose")


def test_cards_without_upsample_keep_the_transposed_conv(tmp_path):
    folder = make_tiny_stylizer(tmp_path / "style" / "old")
    card_path = folder / "card.json"
    card = json.loads(card_path.read_text())
    del card["config"]["upsample"]  # as written before the field existed
    card_path.write_text(json.dumps(card))
    checkpoint = load_checkpoint(folder)
    assert checkpoint.config.upsample == "transpose"
    assert any(isinstance(m, nn.ConvTranspose2d) for m in checkpoint.model.modules())


def test_an_unknown_upsampling_is_refused_with_a_message(tmp_path):
    folder = make_tiny_stylizer(tmp_path / "style" / "odd")
    card_path = folder / "card.json"
    card = json.loads(card_path.read_text())
    card["config"]["upsample"] = "bicubic"
    card_path.write_text(json.dumps(card))
    with pytest.raises(CheckpointError, match="upsample"):
        load_checkpoint(folder)
