"""The earlier held-out sets' catalogues (through tests/heldout_c), plus the indicators new in this set.

heldout_c's catalog.py loads heldout_b's (which loads heldout's) and imports its own catalog_a and
catalog_b by module name, so its folder is put on sys.path (at the end, so that build and catalog
still resolve here) before it is loaded. Only its catalogue files are read, never its corpus or
annotations. New names live in catalog_d.py; a name already defined is reused, never redefined.
"""
import importlib.util
import sys
from pathlib import Path

from build import cat  # noqa: F401

_C = Path(__file__).resolve().parents[2] / "heldout_c" / "annotate"
if str(_C) not in sys.path:
    sys.path.append(str(_C))
_spec = importlib.util.spec_from_file_location("heldout_c_catalog", _C / "catalog.py")
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))   # its rows go through build.cat

import catalog_d  # noqa: E402,F401
import catalog_e  # noqa: E402,F401
import catalog_f  # noqa: E402,F401
