from artdesk.ml.style import compare


def test_compare_runs_both_methods_and_names_the_shipped_one(picture, style_picture):
    result = compare.compare([("grad", picture)], [("stripes", style_picture)], size=32, steps=3)
    assert set(result["summary"]) == {"gram", "meanstd"} and len(result["rows"]) == 2
    for row in result["rows"]:
        assert row["own_after"] < row["own_before"]
    table = compare.format_table(result)
    assert f"Shipped: {result['best']}" in table and "| gram |" in table and "| meanstd |" in table


def test_tie_goes_to_the_much_faster_method():
    rows = []
    for method, judge, seconds in (("gram", 0.40, 0.2), ("meanstd", 0.39, 1.5)):
        rows.append({"method": method, "own_before": 1.0, "own_after": 0.5, "judge_before": 1.0, "judge_after": judge,
                     "ssim": 0.5, "edges": 0.9, "s_per_step": seconds})
    assert compare.pick_best(rows)[1] == "gram"
    rows[1]["judge_after"] = 0.30  # a clear win is kept even if slower
    assert compare.pick_best(rows)[1] == "meanstd"
