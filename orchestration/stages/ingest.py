"""Ingest: scan the source folder, detect new/changed/deleted files, decode, record rejections.

Change detection compares a fingerprint (raw bytes' sha256 plus any sidecar metadata),
so an unchanged file costs one hash and no decoding, and a file whose sidecar changed
is re-read. Every file in the folder ends up either as a current raw document or as a
row in ``staging.rejected_files``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import duckdb

from orchestration import warehouse
from orchestration.extract import readers
from orchestration.extract.readers import RawFile, Rejection


class RawDocument(NamedTuple):
    """``staging.raw_documents``: the latest version of each file, decoded but not cleaned."""

    document_id: str
    file_name: str
    path: str
    sha256: str
    fingerprint: str  # sha256 of the bytes plus sidecar metadata: what change detection compares
    size_bytes: int
    format: str
    encoding: str
    metadata: dict
    text: str
    version: int
    status: str  # current | deleted | rejected
    ingested_at: dt.datetime
    status_changed_at: dt.datetime


class DocumentVersion(NamedTuple):
    """``staging.document_versions``: every version ever seen, so history is never lost."""

    document_id: str
    file_name: str
    version: int
    sha256: str
    size_bytes: int
    status: str
    seen_at: dt.datetime


class RejectedFile(NamedTuple):
    """``staging.rejected_files``: one row per file in the folder that could not be ingested."""

    file_name: str
    path: str
    sha256: str | None
    size_bytes: int
    reason: str
    detail: str
    rejected_at: dt.datetime


class IngestSummary(NamedTuple):
    scanned: int
    new: int
    changed: int
    unchanged: int
    deleted: int
    rejected: int

    def as_metadata(self) -> dict[str, int]:
        return self._asdict()


INGEST_TABLES: dict[str, type[NamedTuple]] = {
    "staging.raw_documents": RawDocument,
    "staging.document_versions": DocumentVersion,
    "staging.rejected_files": RejectedFile,
}


def ensure_ingest_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists staging")
    for table, record in INGEST_TABLES.items():
        schema, name = table.split(".")
        con.execute(warehouse.create_table_sql(schema, name, record))


def iter_source_files(root: Path) -> Iterator[Path]:
    """Every regular file below ``root``, in a stable order (sorted walk)."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            yield Path(folder) / name


def relative_name(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def fingerprint(sha256: str, extra_metadata: dict) -> str:
    """Bytes plus sidecar metadata: editing only a sidecar still counts as a change."""
    if not extra_metadata:
        return sha256
    blob = json.dumps(extra_metadata, sort_keys=True, default=str)
    return hashlib.sha256(f"{sha256}\n{blob}".encode()).hexdigest()


def read_file_bytes(path: Path, max_bytes: int) -> tuple[bytes | None, str, int] | Rejection:
    """Bytes (None when too large to load), sha256 and size; unreadable files are a rejection."""
    try:
        size = path.stat().st_size
        digest = hashlib.sha256()
        if size > max_bytes:
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            return None, digest.hexdigest(), size
        data = path.read_bytes()
    except OSError as exc:
        return Rejection("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
    return data, readers.sha256_bytes(data), size


def _known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int, str]]:
    rows = con.execute("select file_name, fingerprint, version, status from staging.raw_documents").fetchall()
    return {name: (fp, version, status) for name, fp, version, status in rows}


def _previous_rejections(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str | None], dt.datetime]:
    rows = con.execute("select file_name, sha256, rejected_at from staging.rejected_files").fetchall()
    return {(name, sha): at for name, sha, at in rows}


def run_ingest(con: duckdb.DuckDBPyConnection, root: Path, max_bytes: int, now: dt.datetime | None = None) -> IngestSummary:
    """Bring ``staging.raw_documents`` and ``staging.rejected_files`` in line with the folder."""
    if not root.is_dir():
        raise FileNotFoundError(f"source folder {root} does not exist (set READOUT_SOURCE_DIR)")
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ensure_ingest_tables(con)
    known = _known_documents(con)
    previous_rejections = _previous_rejections(con)
    upserts: list[RawDocument] = []
    versions: list[DocumentVersion] = []
    rejections: list[RejectedFile] = []
    seen: set[str] = set()
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    sources_by_folder: dict[Path, dict[str, dict]] = {}
    scanned = 0

    def reject(name: str, path: Path, sha: str | None, size: int, why: Rejection) -> None:
        at = previous_rejections.get((name, sha), now)
        rejections.append(RejectedFile(name, str(path), sha, size, why.reason, why.detail, at))

    for path in iter_source_files(root):
        name = relative_name(root, path)
        if readers.is_metadata_file(path.name):
            continue
        scanned += 1
        if any(part.startswith(".") for part in Path(name).parts):
            reject(name, path, None, path.stat().st_size, Rejection("hidden_file", "hidden files and folders are not ingested"))
            continue
        loaded = read_file_bytes(path, max_bytes)
        if isinstance(loaded, Rejection):
            reject(name, path, None, 0, loaded)
            continue
        data, sha, size = loaded
        if path.parent not in sources_by_folder:
            sources_by_folder[path.parent] = readers.load_sources_file(path.parent)
        extra = {**sources_by_folder[path.parent].get(path.name, {}), **readers.load_sidecar(path)}
        fp = fingerprint(sha, extra)
        seen.add(name)
        previous = known.get(name)
        if previous and previous[0] == fp and previous[2] == "current":
            counts["unchanged"] += 1
            continue
        raw = RawFile(name, str(path), size, sha)
        result = readers.read_document(raw, data or b"", extra, max_bytes) if data is not None else Rejection(
            "too_large", f"{size} bytes is over the {max_bytes}-byte limit"
        )
        version = (previous[1] + 1) if previous else 1
        if isinstance(result, Rejection):
            reject(name, path, sha, size, result)
            if previous and previous[2] == "current":
                upserts.append(_status_row(con, name, "rejected", now))
                versions.append(DocumentVersion(readers.document_id_for(name), name, version, sha, size, "rejected", now))
            continue
        counts["changed" if previous else "new"] += 1
        metadata = {k: v for k, v in result.metadata.items() if k != "encoding"}
        upserts.append(
            RawDocument(result.document_id, name, str(path), sha, fp, size, result.format,
                        result.metadata.get("encoding", "utf-8"), metadata, result.text, version, "current", now, now)
        )
        versions.append(DocumentVersion(result.document_id, name, version, sha, size, "current", now))

    deleted = [n for n, (_, _, status) in known.items() if status == "current" and n not in seen]
    for name in deleted:
        gone = _status_row(con, name, "deleted", now)
        upserts.append(gone)
        versions.append(DocumentVersion(gone.document_id, name, gone.version, gone.sha256, gone.size_bytes, "deleted", now))

    _write(con, upserts, versions, rejections)
    return IngestSummary(scanned, counts["new"], counts["changed"], counts["unchanged"],
                         len(deleted), len(rejections))


def _status_row(con: duckdb.DuckDBPyConnection, file_name: str, status: str, now: dt.datetime) -> RawDocument:
    """The stored row of a document with only its status changed (deleted, rejected)."""
    row = con.execute(
        f"select {', '.join(RawDocument._fields)} from staging.raw_documents where file_name = ?", [file_name]
    ).fetchone()
    current = RawDocument(*row)
    return current._replace(metadata=json.loads(current.metadata) if current.metadata else {}, status=status,
                            status_changed_at=now)


def _write(con: duckdb.DuckDBPyConnection, upserts: list[RawDocument], versions: list[DocumentVersion],
           rejections: list[RejectedFile]) -> None:
    con.execute("begin transaction")
    try:
        warehouse.delete_for_documents(con, ["staging.raw_documents"], [r.document_id for r in upserts])
        warehouse.insert_rows(con, "staging.raw_documents", RawDocument, upserts)
        warehouse.insert_rows(con, "staging.document_versions", DocumentVersion, versions)
        warehouse.replace_rows(con, "staging.rejected_files", RejectedFile, rejections)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
