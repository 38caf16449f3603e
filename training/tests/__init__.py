"""Unit tests of the pieces the browser depends on: `cd training && python3 -m unittest discover -s tests -t .`
(scripts/python-checks.sh). Tests that need numpy/onnx/torch skip, saying so, where they are absent."""
