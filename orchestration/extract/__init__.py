"""Pure text-processing library: raw documents to staging rows.

Nothing in this package imports Dagster or DuckDB, so every rule can be unit-tested
on plain strings and the whole package runs inside worker processes.
"""
