"""Compare the two style methods (Gram in a deep random net vs mean/std in a random filter bank).

Both repaint the same content pictures toward the same preset styles by direct optimisation
with the same steps and size. For each result: the style distance before/after in the method's
own features, the same in the independent ``judge`` features (which neither method optimises),
SSIM and edge agreement with the content. ``python -m artdesk.ml.style.compare`` prints the table.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from artdesk.ml.style import features as feat
from artdesk.ml.style.imaging import edge_agreement, resize, ssim, to_array, to_tensor
from artdesk.ml.style.optimize import optimize_steps
from artdesk.ml.style.requests import OptimizeRequest
from artdesk.ml.style.train import style_targets


TIE = 0.05  # judge ratios within 5% count as a tie


def compare(contents: list[tuple[str, np.ndarray]], styles: list[tuple[str, np.ndarray]], size: int, steps: int, log=None) -> dict:
    """Per-method means of the metrics, plus every row; ``log`` receives a line per pair."""
    judge = feat.FeatureNet("judge")
    rows = []
    for method in feat.METHODS:
        net = feat.FeatureNet(method)
        for style_name, style in styles:
            targets = style_targets(net, [style])
            judge_targets = style_targets(judge, [style])
            for content_name, picture in contents:
                work = resize(picture, size / max(picture.shape[:2]))
                content = to_tensor(work)
                request = OptimizeRequest(work, (style,), steps=steps, size=size, method=method, style_name=style_name)
                start = time.monotonic()
                image = content
                for _, image, _ in optimize_steps(content, targets, net, request):
                    pass
                seconds = time.monotonic() - start
                with torch.no_grad():
                    row = {"method": method, "style": style_name, "content": content_name,
                           "own_before": float(feat.style_distance(net, content, targets)),
                           "own_after": float(feat.style_distance(net, image, targets)),
                           "judge_before": float(feat.style_distance(judge, content, judge_targets)),
                           "judge_after": float(feat.style_distance(judge, image, judge_targets)),
                           "ssim": ssim(work, to_array(image)), "edges": edge_agreement(work, to_array(image)),
                           "s_per_step": seconds / steps}
                rows.append(row)
                if log:
                    log(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}))
    summary, best = pick_best(rows)
    return {"size": size, "steps": steps, "summary": summary, "best": best, "rows": rows}


def pick_best(rows: list[dict]) -> tuple[dict, str]:
    """Per-method means and the method to ship: lowest judge ratio; a tie (within TIE) goes to a
    method at least 2x faster per step."""
    summary = {}
    for method in feat.METHODS:
        mine = [r for r in rows if r["method"] == method]
        summary[method] = {
            "own_ratio": float(np.mean([r["own_after"] / r["own_before"] for r in mine])),
            "judge_ratio": float(np.mean([r["judge_after"] / r["judge_before"] for r in mine])),
            "ssim": float(np.mean([r["ssim"] for r in mine])),
            "edges": float(np.mean([r["edges"] for r in mine])),
            "s_per_step": float(np.mean([r["s_per_step"] for r in mine])),
        }
    best = min(feat.METHODS, key=lambda m: summary[m]["judge_ratio"])
    for other in feat.METHODS:
        if (other != best and summary[other]["judge_ratio"] <= summary[best]["judge_ratio"] * (1 + TIE)
                and summary[other]["s_per_step"] * 2 <= summary[best]["s_per_step"]):
            best = other
    return summary, best


def format_table(result: dict) -> str:
    lines = [f"Method comparison: direct optimisation, {result['steps']} steps at {result['size']} px, "
             f"{len(result['rows']) // len(feat.METHODS)} content x style pairs per method (ratios: after / before; lower = closer to the style)",
             "",
             "| method | own-feature style ratio | judge-feature style ratio | SSIM to content | edge agreement | s/step |",
             "|---|---|---|---|---|---|"]
    for method, s in result["summary"].items():
        lines.append(f"| {method} | {s['own_ratio']:.3f} | {s['judge_ratio']:.3f} | {s['ssim']:.3f} | {s['edges']:.3f} | {s['s_per_step']:.3f} |")
    lines.append("")
    lines.append(f"Shipped: {result['best']} (rule: lowest style ratio in the independent judge features; "
                 f"ratios within {TIE:.0%} are a tie, which goes to a method at least 2x faster per step).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from artdesk.ml.style.data import default_cache, load_content
    from artdesk.ml.style.presets import PRESET_LABELS, preset_picture

    parser = argparse.ArgumentParser(prog="artdesk eval style --compare")
    parser.add_argument("--content", type=Path, default=None)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--presets", default=",".join(PRESET_LABELS))
    parser.add_argument("--pictures", type=int, default=4, help="how many held-out content pictures")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    content = load_content(args.content or default_cache() / "content")
    contents = list(zip(content.held_out_names, content.held_out))[: args.pictures]
    styles = [(name, preset_picture(name)) for name in args.presets.split(",")]
    result = compare(contents, styles, args.size, args.steps, log=lambda line: print(line, file=sys.stderr, flush=True))
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    torch.set_num_threads(1)
    sys.exit(main())
