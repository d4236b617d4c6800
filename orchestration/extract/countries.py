"""Every country, its names and its demonym: ``ref_countries.csv`` first, then ISO 3166 (pycountry) and
countryinfo for the countries and names the hand table lacks.

Why two sources: the hand table (a dbt seed the analyst edits) says what no library knows — how a
country's names are printed in diplomatic prose ('ROK', 'Republic of Korea (ROK)'), whether its people
are named family name first. The libraries know every country: pycountry the ISO names ('Republic of
India', 'Federative Republic of Brazil'), countryinfo the demonym ('Zambian') and English official forms.
A name the libraries give two countries ('Congolese') is left out rather than guessed; a name that is
also a common English word or a U.S. state ('Georgia', 'Jersey', 'Chad') is listed in
``ref_country_aliases_ignored.csv`` and never taken from the libraries. A dependent territory's names
('Guam', 'Bermudian') name its sovereign (``ref_territories.csv``): Guam is no party to a commitment,
the United States is.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import countryinfo
import pycountry

from .reference import load_reference, reference_dir


class CountryRow(NamedTuple):
    country_code: str  # ISO 3166-1 alpha-2
    name: str
    aliases: tuple[str, ...]  # every printed form, the name included
    family_name_first: bool  # people are named family name first in speech ('Kishida Fumio')
    printed_family_first: bool  # and printed that way in English ('Yoon Suk Yeol')


# A printed country name: letters (accents too), spaces, apostrophes, full stops and hyphens; no codes.
_PRINTABLE = re.compile(r"[^\W\d_][\w’'.\- ]*[^\W\d_]\.?")
# English official forms among countryinfo's spellings; the others are native ('República Portuguesa').
_ENGLISH_STATE_WORDS = re.compile(
    r"\b(?:Republic|Kingdom|Federation|State|States|Commonwealth|Union|Principality|Sultanate|Emirates?|"
    r"Confederation|Duchy|Islands)\b"
)
_MIN_ALIAS_CHARS = 4  # 'UK', 'PRC' and other codes come from the hand table only


def _is_printable(alias: str) -> bool:
    """'Republic of India', 'Zambian'; not 'IND', 'Korea, Republic of' or 'the State of Palestine'."""
    return (
        len(alias) >= _MIN_ALIAS_CHARS and alias[0].isupper() and bool(_PRINTABLE.fullmatch(alias)) and "," not in alias
    )


def _library_aliases() -> dict[str, set[str]]:
    """ISO alpha-2 -> the names and demonyms pycountry and countryinfo print for it."""
    info_by_code: dict[str, dict] = {}
    for entry in countryinfo.all_countries():
        info = entry.info()
        iso = info.get("ISO") or {}
        code = iso.get("alpha2") if isinstance(iso, dict) else None
        if code:
            info_by_code[code.upper()] = info
    out: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = {getattr(country, field, "") for field in ("name", "official_name", "common_name")}
        info = info_by_code.get(country.alpha_2, {})
        names.add(info.get("name") or "")
        names.update(demonym.strip() for demonym in (info.get("demonym") or "").split("/"))
        names.update(s for s in info.get("altSpellings") or () if _ENGLISH_STATE_WORDS.search(s))
        out[country.alpha_2] = {name.strip() for name in names if name and _is_printable(name.strip())}
    return out


def _ignored_aliases() -> frozenset[str]:
    return frozenset(row["alias"].strip() for row in load_reference("ref_country_aliases_ignored"))


@functools.lru_cache(maxsize=4)
def _country_rows(_folder: str) -> tuple[CountryRow, ...]:
    rows: list[CountryRow] = []
    claimed: dict[str, str] = {}  # alias -> code
    for row in load_reference("ref_countries"):
        code = row["country_code"].strip()
        aliases = tuple(dict.fromkeys(a.strip() for a in [row["name"], *row["aliases"].split("|")] if a.strip()))
        for alias in aliases:
            claimed.setdefault(alias, code)
        rows.append(
            CountryRow(
                country_code=code,
                name=row["name"].strip(),
                aliases=aliases,
                family_name_first=(row.get("family_name_first") or "").strip().lower() == "true",
                printed_family_first=(row.get("printed_family_first") or "").strip().lower() == "true",
            )
        )
    library = _library_aliases()
    owners: dict[str, set[str]] = {}
    for code, aliases in library.items():
        for alias in aliases:
            owners.setdefault(alias, set()).add(code)
    ignored = _ignored_aliases()

    def takes(alias: str, code: str) -> bool:
        return alias not in claimed and alias not in ignored and owners[alias] == {code}

    sovereign = {
        row["territory_code"].strip(): row["sovereign_code"].strip() for row in load_reference("ref_territories")
    }
    by_code = {row.country_code: i for i, row in enumerate(rows)}
    for territory, code in sorted(sovereign.items()):  # 'Guam' and 'Guamanian' name the United States
        if code in by_code and territory in library:
            extra = tuple(
                sorted(alias for alias in library.pop(territory) if alias not in claimed and alias not in ignored)
            )
            row = rows[by_code[code]]
            rows[by_code[code]] = row._replace(aliases=row.aliases + extra)
            claimed.update(dict.fromkeys(extra, code))
    for code in sorted(library):
        extra = tuple(sorted(alias for alias in library[code] if takes(alias, code)))
        if code in by_code:
            row = rows[by_code[code]]
            rows[by_code[code]] = row._replace(aliases=row.aliases + extra)
        elif extra:
            country = pycountry.countries.get(alpha_2=code)
            name = getattr(country, "common_name", None) or country.name
            name = name if _is_printable(name) and name in extra else extra[0]
            rows.append(CountryRow(code, name, (name, *(a for a in extra if a != name)), False, False))
    return tuple(rows)


def country_rows() -> tuple[CountryRow, ...]:
    """Every country with every printed name: the hand table's rows first (its names win), then the
    libraries' countries. Cached per reference folder, so tests may point ``READOUT_REFERENCE_DIR`` elsewhere."""
    return _country_rows(str(reference_dir()))
