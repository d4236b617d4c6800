"""Analysts and BI tools: SQLAlchemy + duckdb-engine, read-only, NullPool, reflection of the marts."""

import pytest
from sqlalchemy import create_engine, inspect, pool, text

pytestmark = pytest.mark.e2e


def test_sqlalchemy_reads_marts_read_only(seed_warehouse):
    engine = create_engine(
        f"duckdb:///{seed_warehouse.path}", connect_args={"read_only": True}, poolclass=pool.NullPool
    )
    try:
        with engine.connect() as conn:
            count = conn.execute(text("select count(*) from marts.dim_document")).scalar_one()
        assert count == 5
        columns = {c["name"] for c in inspect(engine).get_columns("fct_utterance", schema="marts")}
        assert {
            "utterance_id",
            "document_id",
            "turn_index",
            "person_id",
            "speaker_label",
            "speaker_kind",
            "is_interpreted",
            "char_start",
            "char_end",
            "text",
        } <= columns
    finally:
        engine.dispose()
