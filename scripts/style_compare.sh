#!/usr/bin/env bash
# Development tool: render the painting media beside G'MIC's nearest filters into docs/style/.
# Installs G'MIC from Debian (CeCILL; never bundled) and takes its test pictures from packages:
# scikit-image's sample photos (BSD), Noto Color Emoji drawings (Apache-2.0), a sample of our GAN.
# None of these pictures was used to build or tune the media. Usage: scripts/style_compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
WORK="${STYLE_COMPARE_CACHE:-$HOME/.cache/artdesk-data/style-compare}"
mkdir -p "$WORK"
command -v gmic >/dev/null || { apt-get install -y gmic || sudo apt-get install -y gmic; }
if [ ! -d "$WORK/skimage/data" ]; then
  "$PY" -m pip download --no-deps --only-binary=:all: -d "$WORK" scikit-image==0.26.0
  (cd "$WORK" && "$PY" -m zipfile -e scikit_image-*.whl wheel && mv wheel/skimage . && rm -rf wheel)
fi
if [ ! -f "$WORK/NotoColorEmoji.ttf" ]; then
  (cd "$WORK" && apt-get download fonts-noto-color-emoji && dpkg -x fonts-noto-color-emoji_*.deb emoji \
     && cp emoji/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf . && rm -rf emoji fonts-noto-color-emoji_*.deb)
fi
[ -f "$WORK/gan.png" ] || "$PY" -m artdesk generate canvas --model canvas-gan --style clipart --seed 11 --count 1 --out "$WORK/gan.png"
PYTHONPATH=. "$PY" scripts/style_compare.py "$WORK" docs/style
