"""The evaluation board's numbers: sharpness, diversity, filtering and sorting."""
import numpy as np

from artdesk.core.board import BoardRow, char_ngrams, filter_rows, set_diversity, sharpness, sort_rows, vector_diversity


def test_sharpness_is_higher_for_edges_than_for_blur():
    stripes = np.zeros((32, 32, 3), np.uint8)
    stripes[:, ::2] = 255
    flat = np.full((32, 32, 3), 128, np.uint8)
    ramp = np.repeat(np.linspace(0, 255, 32)[None, :, None], 32, 0).repeat(3, 2).astype(np.uint8)
    assert sharpness(stripes) > sharpness(ramp) > sharpness(flat) - 1e-9
    assert sharpness(flat) == 0.0


def test_diversity_of_duplicates_is_zero():
    vectors = np.array([[0.0, 0.0], [0.0, 0.0], [3.0, 4.0]])
    assert vector_diversity(vectors, scale=10.0) == [0.0, 0.0, 0.5]
    assert vector_diversity(vectors[:1], scale=1.0) == [1.0]
    a, b = char_ngrams("the quiet sea"), char_ngrams("a loud desert wind")
    assert set_diversity([a, set(a), b]) == [0.0, 0.0, 1.0 - max(len(a & b) / len(a | b), 0.0)]


def rows():
    return [BoardRow("a", "canvas", "A", 3, "original", novelty=0.9, diversity=0.5, technique=10.0),
            BoardRow("b", "canvas", "B", 1, "close copy", novelty=0.0, diversity=0.1, technique=50.0),
            BoardRow("c", "music", "C", 5, problem="no index")]


def test_filter_and_sort_by_any_metric():
    assert [r.item_id for r in sort_rows(rows(), "novelty")] == ["a", "b", "c"]
    assert [r.item_id for r in sort_rows(rows(), "novelty", descending=False)] == ["b", "a", "c"]
    assert [r.item_id for r in sort_rows(rows(), "rating")] == ["c", "a", "b"]
    assert [r.item_id for r in filter_rows(rows(), "technique", minimum=20)] == ["b"]
    assert [r.item_id for r in filter_rows(rows(), "diversity", maximum=0.2)] == ["b"]
    assert [r.item_id for r in filter_rows(rows(), label="original")] == ["a"]
    assert len(filter_rows(rows())) == 3
