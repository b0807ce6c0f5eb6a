"""Where the installed package keeps gpaikit's data files (the crawler registry)."""

from __future__ import annotations

import os

_HERE = os.path.dirname(os.path.abspath(__file__))


def crawlers_file() -> str:
    """data/crawlers.yaml shipped in the installed package, or '' (the engine's default path)."""
    path = os.path.join(_HERE, "data", "crawlers.yaml")
    return path if os.path.isfile(path) else ""
