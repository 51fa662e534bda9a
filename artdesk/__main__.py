"""Entry point for ``python -m artdesk`` and the frozen app."""
import multiprocessing
import os
import sys


def _fix_windowed_streams() -> None:
    """A windowed (no console) build has ``sys.stdout``/``stderr`` set to None; give them a sink."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def run() -> None:
    multiprocessing.freeze_support()
    _fix_windowed_streams()
    from artdesk.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
