"""Entry point for ``python -m artdesk`` and the frozen app."""
import multiprocessing
import os
import sys


def _fix_windowed_streams() -> None:
    """A windowed (no console) build has ``sys.stdout``/``stderr`` set to None; give them a sink."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


DOCUMENT_SUFFIXES = (".ora", ".png", ".jpg", ".jpeg", ".webp", ".mid", ".midi", ".txt")


def _opens_documents(argv: list[str]) -> bool:
    """``artdesk picture.ora`` (how the desktop's file association starts us): every argument is a document."""
    return bool(argv) and all(a.lower().endswith(DOCUMENT_SUFFIXES) and os.path.isfile(a) for a in argv)


def run() -> None:
    multiprocessing.freeze_support()
    _fix_windowed_streams()
    if _opens_documents(sys.argv[1:]):
        from artdesk.ui.app import run_gui

        sys.exit(run_gui(sys.argv[1:]))
    from artdesk.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
