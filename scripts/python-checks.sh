#!/usr/bin/env bash
# Python side of `npm test`: black --check and flake8 over training/ (settings in training/pyproject.toml
# and training/.flake8), then the unit tests in training/tests/. Tools that are absent are skipped with
# a message (black, flake8: `apt-get install black flake8`); tests that need numpy/onnx/torch skip
# themselves where the interpreter lacks them (python3-torch is big: CI may not have it).
set -euo pipefail
cd "$(dirname "$0")/../training"

# the pipeline's interpreter (Debian's, with python3-torch/onnx where installed), else any python3
PY=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" > /dev/null 2>&1; then PY=$(command -v "$p"); break; fi
done
if [ -z "$PY" ]; then
  echo "python checks skipped: no python3 with torch/onnx (no python3 at all)"
  exit 0
fi

if command -v black > /dev/null 2>&1; then
  black --check --quiet . && echo "black: training/ formatted"
else
  echo "black skipped: not installed (apt-get install black)"
fi
if command -v flake8 > /dev/null 2>&1; then
  flake8 . && echo "flake8: training/ clean"
else
  echo "flake8 skipped: not installed (apt-get install flake8)"
fi

if ! "$PY" -c "import numpy, onnx, torch" > /dev/null 2>&1; then
  echo "skipped: no python3 with torch/onnx ($PY): the quantizer and exporter tests skip, the pure ones run"
fi
"$PY" -m unittest discover -s tests -t .
