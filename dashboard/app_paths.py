"""Where the dashboard keeps what users add: uploads beside the database they feed."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def uploads_dir(db_path: Path) -> Path:
    """data/uploads/ for the default data/indicators.duckdb; beside any other database."""
    return Path(db_path).resolve().parent / "uploads"
