"""Originality labels from held-out calibration (no torch)."""
import numpy as np
import pytest

from artdesk.core.originality import Calibration, OriginalityError, judge, longest_run


def distance_calibration():
    return Calibration.from_heldout("feature distance", np.linspace(1.0, 2.0, 101), higher_is_closer=False)


def test_distance_labels_follow_heldout_percentiles():
    cal = distance_calibration()
    assert cal.label(0.0) == "close copy"  # closer than every held-out work
    assert cal.label(1.02) == "close"  # 3% of held-out are this close
    assert cal.label(1.1) == "familiar"  # 11%
    assert cal.label(1.5) == "original"
    assert cal.closeness(0.0) == 0.0 and cal.closeness(3.0) == 1.0
    edges = cal.thresholds()
    assert edges["close copy"] < edges["close"] < edges["familiar"]


def test_shared_passage_labels_grow_with_length():
    cal = Calibration.from_heldout("longest shared passage (notes)", list(range(100)), higher_is_closer=True)
    assert cal.label(0) == "original"
    assert cal.label(80) == "familiar"
    assert cal.label(97) == "close"
    assert cal.label(500) == "close copy"
    assert cal.thresholds()["close copy"] > cal.thresholds()["familiar"]


def test_coverage_makes_a_mostly_copied_work_a_close_copy():
    cal = Calibration.from_heldout("longest shared passage (notes)", [40] * 30, higher_is_closer=True)
    assert judge(cal, 30, coverage=0.5).label == "original"
    assert judge(cal, 30, coverage=1.0).label == "close copy"
    assert judge(cal, 0, coverage=1.0).label == "original"  # nothing shared: never a copy


def test_round_trip_and_damage():
    cal = distance_calibration()
    again = Calibration.from_dict(cal.to_dict())
    assert again.label(1.02) == cal.label(1.02) and again.measure == cal.measure
    with pytest.raises(OriginalityError, match="damaged"):
        Calibration.from_dict({"measure": "x"})
    with pytest.raises(OriginalityError, match="at least 20"):
        Calibration.from_heldout("x", [1, 2, 3], higher_is_closer=False)


def test_longest_run_joins_overlapping_windows():
    found = np.array([0, 1, 1, 0, 0, 0, 0, 1, 0], dtype=bool)
    assert longest_run(found, 3) == (1, 5)
    assert longest_run(np.zeros(4, dtype=bool), 3) == (0, 0)
