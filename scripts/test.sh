#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q "$@"
