"""Metamorphic checks: what must not change when the input folder changes in ways that do not concern it.

They need no labels, so they cannot be tuned to. Two views of a warehouse:
- ``mart_rows``: every mart row without its identifiers (ids derive from file names);
- ``document_answers``: the answers that concern some documents (their events with dates,
  places and participants, their people, commitments, facts and quotes), so a folder with
  more documents can be checked for changes to answers about the old ones.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb

# Identifiers and what is derived from file names or ids: the rest of a row must not move.
_ID_SUFFIXES = ("_id", "_ids", "_key")
_ID_COLUMNS = {"file_name", "url"}


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


def mart_rows(path: Path) -> dict[str, Counter]:
    """Every mart's rows as a multiset of their non-identifier values (as text)."""
    with _connect(path) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        out: dict[str, Counter] = {}
        for table in tables:
            columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns"
                    " where table_schema = 'marts' and table_name = ? order by ordinal_position",
                    (table,),
                ).fetchall()
                if not r[0].endswith(_ID_SUFFIXES) and r[0] not in _ID_COLUMNS
            ]
            # a table of ids only (a bridge) is compared by its row count
            select = ", ".join(f'cast("{c}" as varchar)' for c in columns) or "'row'"
            out[table] = Counter(con.execute(f"select {select} from marts.{table}").fetchall())
        return out


def diff_rows(before: dict[str, Counter], after: dict[str, Counter]) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ: (rows only before, rows only after)."""
    out = {}
    for table in sorted(set(before) | set(after)):
        a, b = before.get(table, Counter()), after.get(table, Counter())
        gone, new = sum((a - b).values()), sum((b - a).values())
        if gone or new:
            out[table] = (gone, new)
    return out


_ANSWERS = {
    "events": """
        select distinct e.name, e.kind, cast(e.start_date as varchar), cast(e.start_time as varchar), e.place
        from marts.fct_event_mention m join marts.dim_event e using (event_id) join _docs using (document_id)""",
    "participants": """
        select distinct e.name, cast(e.start_date as varchar), p.display_name
        from marts.fct_event_mention m join marts.dim_event e using (event_id) join _docs using (document_id)
        join marts.bridge_event_participant b on b.event_id = e.event_id
        join marts.dim_person p on p.person_id = b.person_id""",
    "people": """
        select distinct p.display_name, p.family_name, p.given_name, p.country
        from marts.fct_person_mention m join marts.dim_person p using (person_id) join _docs using (document_id)""",
    "commitments": """
        select c.text, c.modality, c.actor, cast(c.due_date as varchar)
        from marts.fct_commitment c join _docs using (document_id)""",
    "facts": """
        select distinct r.subject, r.attribute, r.value, r.status, r.independent_source_count
        from marts.fct_fact_claim c join _docs using (document_id)
        join marts.fct_fact_reconciliation r using (fact_key)""",
    "quotes": """
        select q.text, q.independent_origins from marts.fct_quote_match q join _docs using (document_id)""",
}


def document_answers(path: Path, base_names: set[str]) -> dict[str, Counter]:
    """The answers a warehouse gives about the documents with these file base names."""
    with _connect(path) as con:
        ids = [
            doc_id
            for doc_id, file_name in con.execute("select document_id, file_name from marts.dim_document").fetchall()
            if Path(file_name).name in base_names
        ]
        docs = "with _docs as (select unnest(?::varchar[]) as document_id)"
        return {kind: Counter(con.execute(f"{docs} {sql}", (ids,)).fetchall()) for kind, sql in _ANSWERS.items()}


def changed_answers(before: dict[str, Counter], after: dict[str, Counter]) -> dict[str, list[tuple]]:
    """Answers present before and missing after (changed or lost), by kind; empty when invariant."""
    out = {}
    for kind, rows in before.items():
        lost = sorted((rows - after.get(kind, Counter())).elements(), key=str)
        if lost:
            out[kind] = lost
    return out
