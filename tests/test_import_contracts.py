"""The import contracts of pyproject.toml (import-linter): core imports neither torch nor Qt, ml no Qt, ui sits on
top of ml and core, and no package's modules or subpackages import each other in a circle.

tests/test_layering.py checks what a fresh process really loads; this checks every import statement, those
inside functions too, so a lazy import cannot hide a dependency that points the wrong way."""
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # the artdesk being linted is this checkout's
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert status == 0, report
    assert "4 kept, 0 broken" in report
