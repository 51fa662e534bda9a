"""Command line: no arguments starts the GUI; subcommands work headless.

  artdesk demo OUT          write a sample of each panel's output to OUT
  artdesk models            list model cards (bundled and yours)
  artdesk self-test         load every bundled model and run one job per panel through the real runner
  artdesk VERB DOMAIN ...   VERB in generate/train/finetune/eval, DOMAIN in canvas/music/poem/style
                            ("image" is another name for canvas: artdesk eval image MODEL)
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from artdesk.core.errors import ArtdeskError

# Each domain's module provides: main(verb, argv) -> int; demo(out_dir, ctx) -> list[Path];
# self_test_jobs(paths) -> list[(title, fn, request)].
DOMAIN_COMMANDS: dict[str, str] = {}
DOMAIN_COMMANDS["music"] = "artdesk.ml.music.commands"
DOMAIN_COMMANDS["style"] = "artdesk.ml.style.commands"
DOMAIN_COMMANDS["canvas"] = "artdesk.ml.canvas.commands"
DOMAIN_COMMANDS["poem"] = "artdesk.ml.poem.commands"
DOMAIN_ALIASES = {"image": "canvas"}
VERBS = ("generate", "train", "finetune", "eval")


def _domain_module(domain: str):
    domain = DOMAIN_ALIASES.get(domain, domain)
    if domain not in DOMAIN_COMMANDS:
        known = ", ".join(sorted(DOMAIN_COMMANDS)) or "none yet"
        raise ArtdeskError(f"Unknown domain {domain!r}; choose one of: {known}.")
    return importlib.import_module(DOMAIN_COMMANDS[domain])


def cmd_models(_args) -> int:
    from artdesk.core.cards import discover_models
    from artdesk.core.paths import app_paths

    discovery = discover_models(app_paths().model_roots)
    for card in discovery.cards:
        metrics = ", ".join(f"{k}={v}" for k, v in card.metrics.items())
        print(f"{card.id:40s} {card.model_type:18s} {card.size_bytes / 1e6:6.1f} MB  licence={card.licence}  {metrics}")
    if not discovery.cards:
        print("No models found.")
    for problem in discovery.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def cmd_demo(args) -> int:
    from artdesk.core.jobs import ConsoleContext

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for domain in sorted(DOMAIN_COMMANDS):
        written += _domain_module(domain).demo(out / domain, ConsoleContext())
    for path in written:
        print(path)
    print(f"Wrote {len(written)} files to {out}")
    return 0


def cmd_self_test(_args) -> int:
    from artdesk.selftest import run_self_test

    return run_self_test([_domain_module(d) for d in sorted(DOMAIN_COMMANDS)])


def build_parser() -> argparse.ArgumentParser:
    import artdesk

    parser = argparse.ArgumentParser(prog="artdesk", description="Offline studio for pictures, melodies and poems.")
    parser.add_argument("--version", action="version", version=f"artdesk {artdesk.__version__}")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="write a sample of each panel's output to a folder")
    demo.add_argument("out", nargs="?", default="artdesk-demo")
    demo.set_defaults(func=cmd_demo)
    sub.add_parser("models", help="list model cards").set_defaults(func=cmd_models)
    sub.add_parser("self-test", help="load bundled models and run one job per panel").set_defaults(func=cmd_self_test)
    for verb in VERBS:
        verb_parser = sub.add_parser(verb, help=f"{verb} with a model (see: artdesk {verb} DOMAIN --help)", add_help=False)
        verb_parser.add_argument("domain")
        verb_parser.add_argument("rest", nargs=argparse.REMAINDER)
        verb_parser.set_defaults(func=lambda a, v=verb: _domain_module(a.domain).main(v, a.rest))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version", "--self-test"):
        from artdesk.ui.app import run_gui

        return run_gui(argv)
    if argv[0] == "--self-test":
        argv = ["self-test", *argv[1:]]
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ArtdeskError as error:
        print(f"artdesk: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("artdesk: interrupted", file=sys.stderr)
        return 130
