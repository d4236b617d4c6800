"""Readout: diplomatic documents to a DuckDB warehouse (Dagster code location)."""
