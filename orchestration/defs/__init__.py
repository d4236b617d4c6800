"""Dagster definitions, one module per stage: ingest, extract, dbt, publish, automation."""
