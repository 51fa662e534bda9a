"""Fine-tune plan: automatic settings follow the folder's size, overrides win, bad requests are refused in words."""
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.ml.canvas.finetune.pictures import split
from artdesk.ml.canvas.finetune.plan import FinetuneRequest, check_request, heldout_count, resolved_settings, settings_from


def _request(count=30, **kw):
    values = dict(files=tuple(f"/p/{i}.png" for i in range(count)), base_dir="/base", name="mine")
    return FinetuneRequest(**{**values, **kw})


def test_few_pictures_train_only_modulation_and_freeze_more_of_the_discriminator():
    few = resolved_settings(_request(10), 10)
    many = resolved_settings(_request(800), 800)
    assert few["norm_only"][0] is True and many["norm_only"][0] is False
    assert few["freeze_d_blocks"][0] > many["freeze_d_blocks"][0] >= 1
    assert "FreezeD" in few["freeze_d_blocks"][1]
    assert few["heldout"][0] == 2 and many["heldout"][0] == 160  # at least 2, at least 20%
    assert few["train"][0] == 8


def test_overrides_win_and_say_so():
    settings = resolved_settings(_request(10, norm_only=False, freeze_d_blocks=0, steps=50, lr=1e-3), 10)
    assert settings["norm_only"] == (False, "set by you")
    assert settings["freeze_d_blocks"] == (0, "set by you")
    assert settings["steps"] == (50, "set by you") and settings["lr"][0] == 1e-3


def test_no_base_discriminator_means_nothing_to_freeze():
    value, reason = resolved_settings(_request(30), 30, base_has_discriminator=False)["freeze_d_blocks"]
    assert value == 0 and "no discriminator" in reason


def test_presets_set_the_steps():
    assert (resolved_settings(_request(30, preset="quick"), 30)["steps"][0]
            < resolved_settings(_request(30, preset="standard"), 30)["steps"][0]
            < resolved_settings(_request(30, preset="long"), 30)["steps"][0])


@pytest.mark.parametrize("count, kw, words", [
    (0, {}, "no pictures"),
    (1, {}, "at least 3"),
    (30, {"name": "../evil"}, "Name the new model"),
    (30, {"preset": "forever"}, "Unknown quality preset"),
    (30, {"default_crop": "stretch"}, "Unknown crop mode"),
    (30, {"heldout_fraction": 0.05}, "20%"),
])
def test_bad_requests_are_refused_with_a_message(count, kw, words):
    with pytest.raises(ArtdeskError, match=words):
        check_request(_request(count, **kw))


def test_split_depends_on_contents_not_order():
    hashes = [f"{i:064x}" for i in range(17)]
    mask = split(hashes, 0.2, seed=3)
    shuffled = list(reversed(hashes))
    mask_shuffled = split(shuffled, 0.2, seed=3)
    assert mask.sum() == heldout_count(17, 0.2) == 4
    assert {h for h, m in zip(hashes, mask) if m} == {h for h, m in zip(shuffled, mask_shuffled) if m}


def test_the_artists_choices_set_the_method_and_advanced_knobs_override_them():
    from artdesk.ml.canvas.finetune.plan import FOLLOW, VARIETY

    plain = settings_from(resolved_settings(FinetuneRequest(files=(), base_dir="", name="x"), 30))
    assert (plain.freeze_g_blocks, plain.variety) == VARIETY["some"] and plain.lr == pytest.approx(5e-4)
    strong = settings_from(resolved_settings(FinetuneRequest(files=(), base_dir="", name="x", keep_variety="strongly",
                                                             follow="closely"), 30))
    assert strong.variety > 0 and strong.lr == pytest.approx(5e-4 * FOLLOW["closely"])
    mine = settings_from(resolved_settings(FinetuneRequest(files=(), base_dir="", name="x", keep_variety="strongly",
                                                           variety=5.0, freeze_g_blocks=0), 30))
    assert (mine.freeze_g_blocks, mine.variety) == (0, 5.0)
