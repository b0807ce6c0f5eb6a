"""Shared fixtures of the Python package's tests: the CLI binary, the example corpus."""

import glob
import os

import pytest

ROOT = os.environ.get("GPAIKIT_SOURCE_DIR",
                      os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def gpaikit_cli():
    path = os.environ.get("GPAIKIT", os.path.join(ROOT, "build", "src", "cli", "gpaikit"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path}: the gpaikit binary is not built (set GPAIKIT)")
    return path


@pytest.fixture
def example_warc():
    return glob.glob(os.path.join(ROOT, "examples", "open-7b-eu-sme", "corpus", "sample",
                                  "*.warc.gz"))[0]
