"""One typed settings object with documented defaults; command-line flags override it."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    #: Folder (or files) read by ``python -m etl run`` when no path is given.
    articles_dir: Path = REPO_ROOT / "data" / "articles"
    #: The warehouse the ETL publishes and the dashboard reads.
    db_path: Path = REPO_ROOT / "data" / "indicators.duckdb"
    #: Analyst corrections, written by the dashboard, applied by the ETL and the dashboard.
    corrections_path: Path = REPO_ROOT / "data" / "corrections.jsonl"
    #: Subject of district-wide figures when an article names no other subject.
    default_region: str = "钱塘区"
    #: Files larger than this many MB are refused (a larger file is read in pieces, so any
    #: size below the limit works; the limit guards against loading a disk image by mistake).
    max_file_mb: float = 1024

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)

    @classmethod
    def from_env(cls) -> "Settings":
        """Defaults, overridden by ``POLICY_DB``, ``POLICY_CORRECTIONS``, ``POLICY_REGION`` and
        ``POLICY_MAX_FILE_MB``."""
        base = cls()
        return cls(
            articles_dir=base.articles_dir,
            db_path=Path(os.environ.get("POLICY_DB", base.db_path)),
            corrections_path=Path(os.environ.get("POLICY_CORRECTIONS", base.corrections_path)),
            default_region=os.environ.get("POLICY_REGION", base.default_region),
            max_file_mb=float(os.environ.get("POLICY_MAX_FILE_MB") or base.max_file_mb),
        )
