"""Measure which roles a publisher's own documents leave bare for its own office-holders.

For every role, among people whose document prints no country for them, the share whose person (resolved
across the whole warehouse, so from other documents that do print it) is of the publisher's country.
``ref_own_offices.csv`` keeps the roles at or above the threshold; rerun this after the corpus or the
rules change and edit the seed by hand:

    python -m evaluation.own_offices --warehouse PATH/warehouse.duckdb [--country US] [--min-share 0.96]

The warehouse should be a whole-corpus build (``make eval`` keeps one with ``--keep``).
"""

from __future__ import annotations

import argparse

import duckdb

QUERY = """
with bare as (
    select local.role, resolved.country as resolved_country
    from staging.local_people as local
    inner join staging.person_links as link using (document_id, local_person_key)
    inner join staging.people as resolved using (person_id)
    where local.country is null and local.role is not null
)
select
    role,
    count(resolved_country) as known,
    count(*) filter (where resolved_country = $country) as own
from bare
group by role
having count(resolved_country) >= $min_known
order by known desc
"""


def measure(warehouse: str, country: str, min_known: int) -> list[tuple[str, int, int]]:
    """(role, people of known country, of whom the publisher's) for every role with enough evidence."""
    with duckdb.connect(warehouse, read_only=True) as con:
        return con.execute(QUERY, {"country": country, "min_known": min_known}).fetchall()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--country", default="US")
    parser.add_argument("--min-share", type=float, default=0.96)
    parser.add_argument("--min-known", type=int, default=20)
    args = parser.parse_args(argv)
    print("country_code,role,measured_share,measured_people,kept")
    for role, known, own in measure(args.warehouse, args.country, args.min_known):
        share = own / known
        print(f"{args.country},{role},{share:.3f},{known},{share >= args.min_share}")


if __name__ == "__main__":
    main()
