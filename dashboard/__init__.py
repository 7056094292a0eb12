"""Streamlit dashboard over the indicator warehouse (read-only)."""
