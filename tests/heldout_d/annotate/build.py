"""Build ../gold/*.jsonl from the compact annotations d01..d10 with the first held-out set's
builder (../../heldout/annotate/build.py: same checks, same output), pointed at this folder.

Usage (from this folder): python build.py d01 d02 ... d10
"""
import importlib
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "heldout_build", HERE.parents[1] / "heldout" / "annotate" / "build.py")
_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)
_shared.ROOT = HERE.parent
Doc, cat, CATALOG = _shared.Doc, _shared.cat, _shared.CATALOG

if __name__ == "__main__":
    import catalog  # noqa: F401
    for mod in sys.argv[1:]:
        importlib.import_module(mod)
