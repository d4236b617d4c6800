"""The DuckDB side of the pipeline: private build copies, staging tables, batch writes, publish.

Readers must never see a half-built warehouse and must never block a run. So every
run writes into its own copy under ``<warehouse dir>/.build/<run id>/`` and, once dbt
tests and blocking checks pass, that file is moved over the published one with
``os.replace`` (atomic on POSIX; a reader holding the old file keeps its old inode).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import duckdb
import pyarrow as pa

from orchestration import config

# Clients from DuckDB 1.4 on can open what we publish.
STORAGE_COMPATIBILITY = "v1.4.0"
# DuckDB's buffer pool defaults to 80% of RAM; the whole run must stay within 2 GB (measured on the corpus:
# 1 GB -> 2.04 GB peak for the process tree, 768 MB -> 1.92 GB, no slower).
MEMORY_LIMIT = "768MB"
STALE_BUILD_SECONDS = 6 * 3600

_ARROW_TYPES: dict[object, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    bool: pa.bool_(),
    float: pa.float64(),
    dt.date: pa.date32(),
    dt.datetime: pa.timestamp("us"),
    dict: pa.string(),  # JSON text
    tuple[str, ...]: pa.list_(pa.string()),
    tuple[int, ...]: pa.list_(pa.uint64()),  # 64-bit content hashes (quote shingles)
}
_SQL_TYPES: dict[object, str] = {
    str: "VARCHAR",
    int: "BIGINT",
    bool: "BOOLEAN",
    float: "DOUBLE",
    dt.date: "DATE",
    dt.datetime: "TIMESTAMP",
    dict: "JSON",
    tuple[str, ...]: "VARCHAR[]",
    tuple[int, ...]: "UBIGINT[]",
}


def _base_type(hint: object) -> object:
    """``str | None`` -> ``str``: staging columns are nullable; the type is what matters."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    if typing.get_origin(hint) is list:
        return tuple[str, ...]
    return hint


def columns_of(record_type: type[NamedTuple]) -> list[tuple[str, object]]:
    """(column, python type) pairs of a record type, in field order."""
    hints = typing.get_type_hints(record_type)
    return [(name, _base_type(hints[name])) for name in record_type._fields]


def create_table_sql(schema: str, table: str, record_type: type[NamedTuple]) -> str:
    cols = ", ".join(f'"{name}" {_SQL_TYPES[kind]}' for name, kind in columns_of(record_type))
    return f"create table if not exists {schema}.{table} ({cols})"


def table_matches(con: duckdb.DuckDBPyConnection, schema: str, table: str, record_type: type[NamedTuple]) -> bool:
    """Whether ``schema.table`` is absent or has exactly the record's columns, in order.

    A warehouse built by an older release can hold a staging table whose columns have
    since changed; callers rebuild such tables instead of failing on insert.
    """
    existing = [
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? order by column_index",
            [schema, table],
        ).fetchall()
    ]
    return not existing or existing == list(record_type._fields)


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchone()[0]
    )


def add_missing_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str, record_type: type[NamedTuple]) -> None:
    """Append columns a newer record has to an existing table (history tables keep their rows)."""
    existing = {
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()
    }
    for name, kind in columns_of(record_type):
        if existing and name not in existing:
            con.execute(f'alter table {schema}.{table} add column "{name}" {_SQL_TYPES[kind]}')


def _arrow_value(kind: object, value: object) -> object:
    if kind is dict and value is not None:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return value


def to_arrow(record_type: type[NamedTuple], rows: Sequence[tuple]) -> pa.Table:
    """Columns of NamedTuple rows as an Arrow table (one ``zip`` per batch, no per-row dicts)."""
    cols = columns_of(record_type)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(cols)
    arrays = []
    for (_name, kind), values in zip(cols, columns, strict=True):
        if kind is dict:
            values = [_arrow_value(kind, v) for v in values]
        # Tuple columns go in as they are: pyarrow reads a tuple as a list (copying each into a
        # list first took 3.5x as long, 0.3 ms a document for the quote shingles).
        arrays.append(pa.array(values, type=_ARROW_TYPES[kind]))
    return pa.Table.from_arrays(arrays, names=[name for name, _ in cols])


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, record_type: type[NamedTuple], rows: Sequence[tuple]
) -> int:
    """Append rows to ``table`` in one statement through Arrow; never row by row."""
    if not rows:
        return 0
    return insert_arrow(con, table, to_arrow(record_type, rows))


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> int:
    """Append an Arrow table (columns by name) to ``table``."""
    if arrow.num_rows == 0:
        return 0
    con.register("_readout_batch", arrow)
    try:
        names = ", ".join(f'"{n}"' for n in arrow.column_names)
        con.execute(f"insert into {table} ({names}) select {names} from _readout_batch")
    finally:
        con.unregister("_readout_batch")
    return arrow.num_rows


def delete_for_documents(con: duckdb.DuckDBPyConnection, tables: Iterable[str], document_ids: Sequence[str]) -> None:
    """Remove a set of documents' rows from per-document tables (before re-extracting them)."""
    if not document_ids:
        return
    ids = pa.table({"document_id": pa.array(list(document_ids), type=pa.string())})
    con.register("_readout_ids", ids)
    try:
        for table in tables:
            con.execute(f"delete from {table} where document_id in (select document_id from _readout_ids)")
    finally:
        con.unregister("_readout_ids")


def replace_rows(
    con: duckdb.DuckDBPyConnection, table: str, record_type: type[NamedTuple], rows: Sequence[tuple]
) -> int:
    """Corpus-level tables (people, events) are recomputed whole each run."""
    return replace_arrow(con, table, to_arrow(record_type, rows))


def replace_arrow(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> int:
    """Replace every row of ``table`` with an Arrow table's (columns by name)."""
    con.execute(f"delete from {table}")
    return insert_arrow(con, table, arrow)


def build_path(run_id: str) -> Path:
    """The private warehouse file of one run (same file name as the published one)."""
    return config.build_root() / run_id / config.published_warehouse().name


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a warehouse file; a new file is created in the 1.4-compatible storage format."""
    if read_only:
        return duckdb.connect(str(path), read_only=True, config={"memory_limit": MEMORY_LIMIT})
    return duckdb.connect(
        str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY, "memory_limit": MEMORY_LIMIT}
    )


def prepare_build(run_id: str) -> Path:
    """Make sure this run's private copy exists: a copy of the published file, or a new file.

    Copying (rather than writing in place) is what lets readers keep the published file
    open read-only while we write, and lets a failed run leave it untouched.
    """
    target = build_path(run_id)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(keep=run_id)
    published = config.published_warehouse()
    if published.exists():
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(published, partial)
        os.replace(partial, target)
    else:
        connect(target).close()
    return target


def remove_stale_builds(keep: str) -> None:
    """Drop build folders of old failed runs; recent ones stay for debugging."""
    root = config.build_root()
    if not root.is_dir():
        return
    now = time.time()
    for folder in root.iterdir():
        if folder.name != keep and folder.is_dir() and now - folder.stat().st_mtime > STALE_BUILD_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)


def publish(run_id: str) -> Path:
    """Move this run's checked build over the published warehouse, atomically."""
    source = build_path(run_id)
    with connect(source) as con:
        con.execute("checkpoint")
    published = config.published_warehouse()
    published.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, published)
    shutil.rmtree(source.parent, ignore_errors=True)
    return published
