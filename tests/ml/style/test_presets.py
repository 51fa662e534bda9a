import json

import numpy as np

from artdesk.ml.style import presets


def test_every_preset_renders_deterministically_and_differs(tmp_path):
    pictures = {}
    for name in presets.RENDERERS:
        first = presets.render_preset(name, size=64)
        assert first.shape == (64, 64, 3) and first.dtype == np.uint8
        assert np.array_equal(first, presets.render_preset(name, size=64))
        assert first.std() > 5  # not a flat picture
        pictures[name] = first
    names = list(pictures)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert np.abs(pictures[a].astype(int) - pictures[b].astype(int)).mean() > 10
    assert set(presets.PRESET_LABELS) == set(presets.RENDERERS) and len(presets.RENDERERS) >= 6


def test_committed_pictures_record_their_source():
    from artdesk.core.paths import bundle_root

    folder = bundle_root() / "resources" / "styles"
    record = json.loads((folder / "sources.json").read_text())
    assert "procedural" in record["generator"]
    for name in presets.RENDERERS:
        assert record["pictures"][name]["file"] == f"{name}.png"
    for name in ("ink", "crayon"):  # two re-rendered in full: the files are what the code makes
        assert np.array_equal(presets.preset_picture(name), presets.render_preset(name))
