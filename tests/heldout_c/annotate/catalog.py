"""The earlier held-out sets' catalogues, plus the indicators new in this set.

Each writer keeps its new names in its own file (catalog_a.py, catalog_b.py); a name already in
an earlier set is reused, never redefined.
"""
import importlib.util
from pathlib import Path

from build import cat  # noqa: F401

_EARLIER = Path(__file__).resolve().parents[2] / "heldout_b" / "annotate" / "catalog.py"
_spec = importlib.util.spec_from_file_location("heldout_b_catalog", _EARLIER)
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))   # its rows go through build.cat

import catalog_a  # noqa: E402,F401
import catalog_b  # noqa: E402,F401
