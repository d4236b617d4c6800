"""Ingest stage against a real DuckDB: unchanged, changed, deleted, rejected, restored files."""

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from orchestration.stages.ingest import run_ingest

T0 = dt.datetime(2024, 7, 28, 12, 0)
T1 = dt.datetime(2024, 7, 29, 12, 0)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("Alpha document.\n")
    (src / "sub" / "b.md").write_text("---\ntitle: Beta\ndate: '2024-07-29'\n---\nBeta body.\n")
    return src


@pytest.fixture()
def con():
    with duckdb.connect() as connection:
        yield connection


def current(con) -> dict[str, tuple[int, str]]:
    rows = con.execute("select file_name, version, status from staging.raw_documents").fetchall()
    return {name: (version, status) for name, version, status in rows}


def test_first_run_ingests_every_file_recursively(folder, con):
    summary = run_ingest(con, folder, 10_000, T0)
    assert (summary.new, summary.unchanged, summary.rejected) == (2, 0, 0)
    assert current(con) == {"a.txt": (1, "current"), "sub/b.md": (1, "current")}
    meta = con.execute("select metadata->>'title' from staging.raw_documents where file_name = 'sub/b.md'").fetchone()
    assert meta == ("Beta",)


def test_unchanged_files_are_skipped_without_a_new_version(folder, con):
    run_ingest(con, folder, 10_000, T0)
    summary = run_ingest(con, folder, 10_000, T1)
    assert (summary.new, summary.changed, summary.unchanged) == (0, 0, 2)
    assert con.execute("select count(*) from staging.document_versions").fetchone() == (2,)
    assert con.execute("select max(ingested_at) from staging.raw_documents").fetchone() == (T0,)


def test_changed_file_becomes_a_new_version_with_the_same_id(folder, con):
    run_ingest(con, folder, 10_000, T0)
    before = con.execute("select document_id from staging.raw_documents where file_name = 'a.txt'").fetchone()
    (folder / "a.txt").write_text("Alpha, revised.\n")
    summary = run_ingest(con, folder, 10_000, T1)
    assert summary.changed == 1
    row = con.execute("select document_id, version, text from staging.raw_documents where file_name='a.txt'").fetchone()
    assert row == (before[0], 2, "Alpha, revised.\n")
    versions = con.execute(
        "select version from staging.document_versions where file_name='a.txt' order by 1"
    ).fetchall()
    assert versions == [(1,), (2,)]


def test_sidecar_change_alone_counts_as_a_change(folder, con):
    run_ingest(con, folder, 10_000, T0)
    (folder / "a.txt.meta.yml").write_text("publisher: Ministry\n")
    summary = run_ingest(con, folder, 10_000, T1)
    assert summary.changed == 1
    assert con.execute(
        "select metadata->>'publisher' from staging.raw_documents where file_name='a.txt'"
    ).fetchone() == ("Ministry",)


def test_deleted_file_is_marked_not_kept_current(folder, con):
    run_ingest(con, folder, 10_000, T0)
    (folder / "a.txt").unlink()
    summary = run_ingest(con, folder, 10_000, T1)
    assert summary.deleted == 1
    assert current(con)["a.txt"] == (1, "deleted")
    # and coming back makes it current again as a new version
    (folder / "a.txt").write_text("Alpha is back.\n")
    run_ingest(con, folder, 10_000, T1)
    assert current(con)["a.txt"] == (2, "current")


def test_each_bad_file_is_rejected_with_a_reason_and_the_run_continues(folder, con):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "big.txt").write_bytes(b"x" * 20_000)
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02PK")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    summary = run_ingest(con, folder, 10_000, T0)
    assert summary.new == 2
    reasons = dict(con.execute("select file_name, reason from staging.rejected_files").fetchall())
    assert reasons == {
        "empty.txt": "empty",
        "big.txt": "too_large",
        "bin.txt": "binary",
        "slides.pptx": "unsupported_format",
        ".DS_Store": "hidden_file",
    }
    assert summary.scanned == 7


def test_a_document_that_turns_bad_leaves_current_and_is_rejected(folder, con):
    run_ingest(con, folder, 10_000, T0)
    (folder / "a.txt").write_bytes(b"")
    run_ingest(con, folder, 10_000, T1)
    assert current(con)["a.txt"][1] == "rejected"
    assert con.execute("select reason from staging.rejected_files where file_name='a.txt'").fetchone() == ("empty",)
    (folder / "a.txt").write_text("Fixed.\n")
    run_ingest(con, folder, 10_000, T1)
    assert current(con)["a.txt"][1] == "current"
    assert con.execute("select count(*) from staging.rejected_files").fetchone() == (0,)


def test_rejection_time_is_kept_while_the_file_stays_the_same(folder, con):
    (folder / "empty.txt").write_bytes(b"")
    run_ingest(con, folder, 10_000, T0)
    run_ingest(con, folder, 10_000, T1)
    assert con.execute("select rejected_at from staging.rejected_files").fetchone() == (T0,)


def test_missing_source_folder_is_a_clear_error(tmp_path, con):
    with pytest.raises(FileNotFoundError, match="READOUT_SOURCE_DIR"):
        run_ingest(con, tmp_path / "nope", 10_000, T0)


def test_a_file_that_cannot_be_opened_is_rejected_as_unreadable(folder, con):
    (folder / "gone.txt").symlink_to(folder / "does-not-exist.txt")
    summary = run_ingest(con, folder, 10_000, T0)
    assert summary.new == 2
    row = con.execute("select reason, detail from staging.rejected_files where file_name = 'gone.txt'").fetchone()
    assert row[0] == "unreadable"
    assert "FileNotFoundError" in row[1]


def test_a_pool_of_workers_gives_the_same_result_as_one_process(folder, con, tmp_path):
    for i in range(600):  # enough files for several worker chunks
        (folder / f"n{i:03d}.txt").write_text(f"Note {i}.\n")
    (folder / "empty.txt").write_bytes(b"")
    pooled = run_ingest(con, folder, 10_000, T0, workers=2)
    with duckdb.connect() as single_con:
        single = run_ingest(single_con, folder, 10_000, T0, workers=1)
        rows = single_con.execute("select file_name, sha256, text from staging.raw_documents order by 1").fetchall()
    assert pooled == single
    assert con.execute("select file_name, sha256, text from staging.raw_documents order by 1").fetchall() == rows
