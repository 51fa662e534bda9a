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
    print("self-test passed" if not failures else f"self-test failed: {', '.join(failures)}")
    return 0 if not failures else 1
