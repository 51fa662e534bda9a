"""``artdesk self-test``: load every bundled model and run one job per panel through the real runner, offscreen."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

def load_bundled_models(request: Any, ctx) -> list[str]:
    """Loads each bundled checkpoint strictly; reports per model; checks cancel between models."""
    from artdesk.core.cards import discover_models
    from artdesk.core.errors import ArtdeskError
    from artdesk.ml.checkpoint import load_checkpoint

    from artdesk.core.cards import bundled_model_problems

    problems = bundled_model_problems(Path(request))
    if problems:
        raise ArtdeskError("; ".join(problems))
    discovery = discover_models([("bundled", Path(request))])
    loaded, failures = [], []
    for index, card in enumerate(discovery.cards):
        ctx.raise_if_cancelled()
        ctx.report(index / max(1, len(discovery.cards)), f"loading {card.id}")
        try:
            load_checkpoint(card.path, "bundled")
        except Exception as error:  # name every model that fails, not just the first
            failures.append(f"{card.id}: {error}")
        else:
            loaded.append(card.id)
    if failures:
        raise ArtdeskError("Bundled models that could not be loaded: " + "; ".join(failures))
    return loaded


def sign_and_read_back(_request: Any, ctx) -> str:
    """Signs a small generated picture with Content Credentials (making a throwaway signing identity) and reads
    it back as valid: the c2pa native library and cryptography both load."""
    import tempfile

    import numpy as np

    from artdesk.core.credentials import manifest
    from artdesk.core.credentials.jobs import ReadRequest, SignItem, SignRequest, read_job, sign_job
    from artdesk.core.errors import ArtdeskError
    from artdesk.core.image_io import save_png

    record = {"app": "artdesk", "panel": "canvas", "job": "self-test", "digital_source_type": manifest.TRAINED}
    with tempfile.TemporaryDirectory(prefix="artdesk-self-test-") as folder:
        picture = save_png(Path(folder) / "picture.png", np.full((24, 32, 4), 200, np.uint8), record)
        signed = sign_job(SignRequest(Path(folder) / "data", (SignItem(picture, record),)), ctx)
        if not signed.signed:
            raise ArtdeskError("A picture could not be signed: " + " ".join(signed.notes))
        (found,) = read_job(ReadRequest((picture,)), ctx)
    if found.state != "valid":
        raise ArtdeskError(f"A freshly signed picture reads as {found.state}: {'; '.join(found.problems)}")
    return f"signed and read back valid (signer {found.signer})"


def check_audio_output() -> tuple[bool, str]:
    """(passed, what happened): Qt Multimedia loads, and where a sound server answers a short tone is written
    to it. No output device passes unless ARTDESK_REQUIRE_AUDIO=1 (CI starts a sound server)."""
    import numpy as np

    from artdesk.core.synth import SAMPLE_RATE
    from artdesk.ui.music.playback import NO_AUDIO_MESSAGE, open_system_audio

    sink, why = open_system_audio(SAMPLE_RATE)
    if sink is None:
        return why == NO_AUDIO_MESSAGE and os.environ.get("ARTDESK_REQUIRE_AUDIO") != "1", why
    seconds = np.arange(int(sink.artdesk_rate * 0.05)) / sink.artdesk_rate
    tone = (np.sin(2 * np.pi * 440 * seconds) * 3000).astype(np.int16).repeat(sink.artdesk_channels)
    written = sink.start().write(tone.tobytes())
    sink.stop()
    return written > 0, f"wrote {written} bytes to the audio output at {sink.artdesk_rate} Hz"


def check_panels(app) -> tuple[bool, str]:
    """(passed, what happened): the main window builds and every panel in it opens (its imports, icons, plugins)."""
    from PySide6.QtWidgets import QLabel

    from artdesk.ui.app import build_window

    window = build_window(app)
    try:
        broken = []
        for name, page in window.panels.items():
            if isinstance(page.ensure_built(), QLabel):  # LazyPanel shows a label when a panel cannot be built
                broken.append(name)
        app.processEvents()
    finally:
        window.context.runner.shutdown()
        window.deleteLater()
    if broken:
        return False, f"these panels could not be opened (see the log): {', '.join(broken)}"
    return True, f"{len(window.panels)} panels: {', '.join(window.panels)}"


def run_self_test(domain_modules: list) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from artdesk.core.paths import app_paths
    from artdesk.ml.warmup import warm_up
    from artdesk.ui.jobs import Runner

    app = QApplication.instance() or QApplication([sys.argv[0]])
    paths = app_paths()
    jobs = [("warm-up", warm_up, "auto"), ("load bundled models", load_bundled_models, str(paths.bundled_models))]
    for module in domain_modules:
        jobs += module.self_test_jobs(paths)
    jobs.append(("credentials: sign and read a picture", sign_and_read_back, None))
    runner = Runner()
    runner.use_model_process((warm_up, "auto"))  # as the app runs them: each job crosses into the model process
    failures: list[str] = []
    for title, fn, request in jobs:
        handle = runner.submit(fn, request, title)
        loop = QEventLoop()
        outcome: dict[str, Any] = {}
        handle.returned.connect(lambda result, o=outcome: o.setdefault("result", result))
        handle.errored.connect(lambda message, _tb, o=outcome: o.setdefault("error", message))
        handle.aborted.connect(lambda o=outcome: o.setdefault("error", "aborted"))
        handle.finished.connect(loop.quit)
        QTimer.singleShot(600_000, loop.quit)
        handle.start()
        loop.exec()
        if "result" in outcome:
            print(f"ok    {title}: {' '.join(str(outcome['result']).split())[:100]}")
        else:
            failures.append(title)
            print(f"FAIL  {title}: {outcome.get('error', 'timed out')}")
    clean = runner.shutdown()
    if not clean:
        failures.append("worker shutdown")
    for title, check in (("audio output", check_audio_output), ("open every panel", lambda: check_panels(app))):
        try:
            passed, detail = check()
        except Exception as error:  # report it as this check's failure, then run the others
            passed, detail = False, f"{type(error).__name__}: {error}"
        print(f"{'ok  ' if passed else 'FAIL'}  {title}: {detail}")
        if not passed:
            failures.append(title)
    print("self-test passed" if not failures else f"self-test failed: {', '.join(failures)}")
    return 0 if not failures else 1
