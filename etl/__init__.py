"""Policy-indicator ETL: article files -> numeric indicators with provenance -> DuckDB."""

__version__ = "0.1.0"
