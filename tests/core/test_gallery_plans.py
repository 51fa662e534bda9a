"""The gallery's list and count queries walk indexes: no sort of every row, no row read to count (speed at 10,000)."""
from artdesk.core.gallery import Gallery


def plans(gallery, call):
    statements = []
    gallery.db.set_trace_callback(statements.append)
    call()
    gallery.db.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    return [" / ".join(row[3] for row in gallery.db.execute(f"EXPLAIN QUERY PLAN {s}")) for s in selects]


def test_queries_use_the_sort_index_and_counts_a_covering_index(tmp_path):
    gallery = Gallery.open(tmp_path, 1 << 30)
    for i in range(30):
        gallery.keep(("canvas", "music", "poem")[i % 3], b"x", "bin", {"model": "m", "seed": i}, title=f"w{i}")
    for call in (lambda: gallery.query(), lambda: gallery.query(panel="music")):
        (plan,) = plans(gallery, call)
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan  # only ties on id are sorted ("RIGHT PART")
    for call in (lambda: gallery.count(), lambda: gallery.count(panel="music")):
        (plan,) = plans(gallery, call)
        assert "COVERING INDEX" in plan, plan
    assert [i.seed for i in gallery.query(panel="music", limit=3)] == [28, 25, 22]
    assert gallery.count(panel="music") == 10
    gallery.close()
