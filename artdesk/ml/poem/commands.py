"""``artdesk generate|train|finetune|eval poem``, ``demo`` and ``self_test_jobs`` for the poem domain."""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from artdesk.core.errors import ArtdeskError
from artdesk.ml.commands import run_verb
from artdesk.ml.poem.session import poem_record

DEFAULT_MODELS = {"zh": "poem-zh-lstm", "en": "poem-en-words"}


def _model(name_or_path: str, paths=None) -> tuple[Path, str]:
    """(folder, source) of a poem model by path, folder name or card name (bundled first, then the user's)."""
    from artdesk.core.cards import find_model

    card = find_model(name_or_path, "poem", paths=paths)
    return card.path, card.source


def _card(folder: Path, source: str):
    from artdesk.core.cards import read_card

    return read_card(folder, source)


def _generate(argv: list[str]) -> int:
    from artdesk.core.jobs import ConsoleContext
    from artdesk.ml.poem.export import export_poem, poem_file_text
    from artdesk.ml.poem.forms import get_form
    from artdesk.ml.poem.generate import PoemRequest, generate
    from artdesk.ml.poem.loader import get_poem_model

    parser = argparse.ArgumentParser(prog="artdesk generate poem")
    parser.add_argument("--form", default="qijue", help="wujue qijue wulv qilv cangtou5 cangtou7 zh-free en-free aabb abab couplets haiku en-acrostic")
    parser.add_argument("--model", default=None)
    parser.add_argument("--theme", default="")
    parser.add_argument("--heads", default="", help="acrostic characters or word")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--temperature", type=float, default=0.8)
    parser.add_argument("--top-k", type=int, default=0)
    parser.add_argument("--top-p", type=float, default=0.9)
    parser.add_argument("--candidates", type=int, default=3, help="candidates shown, best first")
    parser.add_argument("--drafts", type=int, default=0, help="drafts written and ranked (default: 2 per candidate)")
    parser.add_argument("--lines", type=int, default=0)
    parser.add_argument("--tones", action="store_true", help="enforce the level/oblique pattern (regulated Chinese forms)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        form = get_form(args.form)
    except KeyError as error:
        raise ArtdeskError(str(error.args[0])) from error
    folder, source = _model(args.model or DEFAULT_MODELS[form.language])
    poem = get_poem_model(folder, source)
    request = PoemRequest(form=args.form, keywords=args.theme, heads=args.heads, seed=args.seed, temperature=args.temperature,
                          top_k=args.top_k, top_p=args.top_p, candidates=args.candidates, drafts=args.drafts, lines=args.lines,
                          tones=args.tones)
    result = generate(poem, request, ConsoleContext())
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for number, candidate in enumerate(result.candidates):
        print(f"--- candidate {number + 1} ({candidate.violations} violation(s), {-candidate.mean_logprob / math.log(2):.2f} bits/char, "
              f"plan: {' / '.join(k or '-' for k in candidate.plan)})")
        print(candidate.text)
        print(f"    {candidate.reason}")
    if args.out:
        export_poem(args.out, result.best.text, poem_record(result, _card(folder, source)))
        print(f"wrote {args.out}")
    else:
        print(poem_file_text(result.best.text, poem_record(result, _card(folder, source))).splitlines()[0], file=sys.stderr)
    return 0


def _train(argv: list[str]) -> int:
    if "--prepare" in argv:
        from artdesk.core.paths import default_cache
        from artdesk.ml.poem.data import prepare

        parser = argparse.ArgumentParser(prog="artdesk train poem --prepare")
        parser.add_argument("--prepare", action="store_true")
        parser.add_argument("--cache", type=Path, default=None)
        parser.add_argument("--out", type=Path, default=None, help="token folder (default: CACHE/poem/tokens)")
        args = parser.parse_args(argv)
        manifest = prepare(args.cache or default_cache(), args.out)
        print(json.dumps({k: v for k, v in manifest.items() if k != "sources"}, indent=1, ensure_ascii=False)[:3000])
        return 0
    from artdesk.core.paths import default_cache
    from artdesk.ml.poem.train import main as train_main

    if "--data" not in argv:
        argv = [*argv, "--data", str(default_cache() / "poem" / "tokens")]
    return train_main(argv)


def _finetune(argv: list[str]) -> int:
    from artdesk.core.jobs import ConsoleContext
    from artdesk.core.paths import app_paths
    from artdesk.ml.poem.finetune import FinetuneRequest, finetune_job

    parser = argparse.ArgumentParser(prog="artdesk finetune poem")
    parser.add_argument("--base", required=True, help="model to start from (name or folder)")
    parser.add_argument("--text", type=Path, required=True, help="a .txt of your poems, separated by blank lines")
    parser.add_argument("--name", required=True, help="name of the new model")
    parser.add_argument("--minutes", type=float, default=5.0)
    args = parser.parse_args(argv)
    folder, source = _model(args.base)
    out = app_paths().user_models / "poem" / args.name
    path = finetune_job(FinetuneRequest(str(folder), source, str(args.text), str(out), args.minutes), ConsoleContext())
    print(f"saved {path}")
    return 0


def _eval(argv: list[str]) -> int:
    from artdesk.core.cards import write_card_metrics
    from artdesk.core.jobs import ConsoleContext
    from artdesk.ml.device import configure_threads
    from artdesk.core.paths import default_cache
    from artdesk.ml.poem.eval import evaluate, report_lines, write_copy_index
    from artdesk.ml.poem.loader import get_poem_model

    parser = argparse.ArgumentParser(prog="artdesk eval poem")
    parser.add_argument("model")
    parser.add_argument("--poems", type=int, default=500, help="generated poems per form")
    parser.add_argument("--forms", default=None, help="comma-separated form keys (default: all of the language)")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=None, help="token folder (default: CACHE/poem/tokens)")
    parser.add_argument("--write-card", action="store_true", help="store the metrics in the model card")
    parser.add_argument("--copy-index", action="store_true", help="rebuild the copy index from the full training data")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)
    configure_threads(args.threads or None)
    cache = args.cache or default_cache()
    data = args.data or cache / "poem" / "tokens"
    if not (data / "manifest.json").exists():
        raise ArtdeskError(f"No prepared poem data in {data}. Run: artdesk train poem --prepare")
    folder, source = _model(args.model)
    poem = get_poem_model(folder, source)
    if args.copy_index:
        print(f"copy index: {write_copy_index(poem, data)} bytes")
    metrics = evaluate(poem, data, cache, args.poems, ConsoleContext(),
                       forms=args.forms.split(",") if args.forms else None)
    if args.write_card:
        write_card_metrics(folder, metrics)
        print(f"metrics written to {folder / 'card.json'}")
    print("\n".join(report_lines(metrics, poem.config.language)))
    return 0


def main(verb: str, argv: list[str]) -> int:
    return run_verb("poem", {"generate": _generate, "train": _train, "finetune": _finetune, "eval": _eval}, verb, argv)


def demo(out_dir: Path, ctx) -> list[Path]:
    """A 七言绝句 and an English ABAB quatrain from the bundled models, with provenance headers."""
    from artdesk.core.paths import app_paths
    from artdesk.ml.poem.export import export_poem
    from artdesk.ml.poem.generate import PoemRequest, generate
    from artdesk.ml.poem.loader import get_poem_model

    out_dir = Path(out_dir)
    written = []
    for language, form, theme in (("zh", "qijue", "春山"), ("en", "abab", "sea night")):
        folder, source = _model(DEFAULT_MODELS[language], app_paths())
        result = generate(get_poem_model(folder, source), PoemRequest(form=form, keywords=theme, seed=1), ctx)
        written.append(export_poem(out_dir / f"poem-{form}.txt", result.best.text,
                                   poem_record(result, _card(folder, source))))
    return written


def self_test_jobs(paths) -> list[tuple]:
    """One generation per language through the real runner, with the bundled models."""
    from artdesk.ml.poem.generate import PoemRequest
    from artdesk.ml.poem.jobs import GenerateJob, generate_job

    jobs = []
    for language, form in (("zh", "qijue"), ("en", "abab")):
        folder = Path(paths.bundled_models) / "poem" / DEFAULT_MODELS[language]
        jobs.append((f"poem: {form}", generate_job, GenerateJob(str(folder), "bundled",
                                                                PoemRequest(form=form, keywords="月" if language == "zh" else "moon",
                                                                            candidates=1, seed=1))))
    return jobs
