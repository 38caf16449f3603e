"""What the tests share: paths of the repository and a skip for tests that need the training libraries."""

import importlib.util
import os
import unittest

TRAINING = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(TRAINING)
MODELS = os.path.join(REPO, "models")
SHIPPED = ["entities", "ade", "note-specialty", "deid", "embeddings"]


def needs(*modules):
    """Skip unless every module can be imported (python3-torch is big: CI may run without it)."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    return unittest.skipIf(missing, f"skipped: no python3 with {'/'.join(missing)}")
