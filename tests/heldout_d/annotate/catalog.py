"""The earlier held-out sets' catalogues (heldout, heldout_b, heldout_c), plus the indicators new
in this set (catalog_d.py). A name already in an earlier set is reused, never redefined.
"""
import importlib.util
import sys
from pathlib import Path

from build import cat  # noqa: F401

_C = Path(__file__).resolve().parents[2] / "heldout_c" / "annotate"
sys.path.append(str(_C))          # heldout_c's catalog imports its catalog_a / catalog_b
_spec = importlib.util.spec_from_file_location("heldout_c_catalog", _C / "catalog.py")
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))   # its rows go through build.cat

import catalog_d  # noqa: E402,F401
