"""Music records name their job and input melodies; the request is rebuilt from them, or refused when forged."""
import json
from pathlib import Path

import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody, Note
from artdesk.ml.music.requests import ContinueRequest, InterpolateRequest, request_settings
from artdesk.ml.music.replay import record_extra, request_from_record

A = Melody((Note(60, 0, 2, 80), Note(67, 2, 6, 100)), 96.0, (3, 4))
B = Melody((Note(72, 0, 4),), 120.0, (4, 4))


def _record(request):
    return json.loads(json.dumps({"settings": request_settings(request), **record_extra(request)}))  # as in a file


@pytest.mark.parametrize("request_", [
    ContinueRequest(Path("/m/lstm"), A, bars=3, temperature=0.7, seed=5, count=2, style="celtic", key="D",
                    mode="minor", key_lock=True),
    ContinueRequest(Path("/m/lstm"), A),
    InterpolateRequest(Path("/m/vae"), A, B, steps=3, seed=2, temperature=0.5, segments=1),
])
def test_the_request_comes_back_from_its_record(request_):
    again = request_from_record(_record(request_), Path("/elsewhere/model"))
    assert again == type(request_)(**{**request_.__dict__, "model_path": Path("/elsewhere/model")})
    assert [n for m in (getattr(again, "primer", None), getattr(again, "b", None)) if m for n in m.notes]


@pytest.mark.parametrize("change", [
    {"job": "compose"},
    {"settings": "bars=4"},
    {"settings": {"bars": True}},
    {"settings": {"temperature": float("inf")}},
    {"settings": {"seed": "5"}},
    {"inputs": {}},
    {"inputs": {"primer": {"notes": [[60, 0, 0, 90]], "tempo_bpm": 120, "time_signature": [4, 4]}}},
    {"inputs": {"primer": {"notes": [[60, 0, 1, 90]], "tempo_bpm": -1, "time_signature": [4, 4]}}},
])
def test_forged_records_are_refused_with_a_message(change):
    record = _record(ContinueRequest(Path("/m/lstm"), A))
    if isinstance(change.get("settings"), dict):
        change = {"settings": {**record["settings"], **change["settings"]}}
    with pytest.raises(ArtdeskError, match="cannot be generated again"):
        request_from_record({**record, **change}, Path("/m/lstm"))
