"""The import contracts of pyproject.toml (import-linter): core imports neither torch nor Qt, ml no Qt, ui sits on
top of ml and core, and no package's modules or subpackages import each other in a circle.

tests/test_layering.py checks what a fresh process really loads; this checks every import statement, those
inside functions too, so a lazy import cannot hide a dependency that points the wrong way. It runs in a child
process: import-linter configures logging, which disabled the app's loggers for the tests after it."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = ("from importlinter.cli import lint_imports; import sys; "
        "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))")


def test_the_import_contracts_are_kept():
    result = subprocess.run([sys.executable, "-c", LINT, str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "4 kept, 0 broken" in report
