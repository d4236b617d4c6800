"""Names listed after a plural title take the singular title (names are invented)."""

from orchestration.extract.people import analyse_speakers
from orchestration.extract.title_lists import plural_title_mentions


def _listed(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.printed, m.role.role if m.role else None, m.name.given) for m in plural_title_mentions(text)]


def test_every_name_of_a_list_after_a_plural_title_holds_the_title():
    text = "As Presidents Quillfeather, Ambervale, and Marchbank said. Senators Jo Doe and Ron Roe, and others."
    assert _listed(text) == [
        ("Quillfeather", "President", None),
        ("Ambervale", "President", None),
        ("Marchbank", "President", None),
        ("Jo Doe", "Senator", "Jo"),
        ("Ron Roe", "Senator", "Ron"),
    ]


def test_a_plural_title_without_a_list_is_a_noun_phrase():
    assert _listed("Presidents Day is here. The Ambassadors Quillfeather met. Secretaries Act of 1990.") == []


def test_listed_people_are_local_people_with_their_role():
    text = "I am joined by Ambassadors Quillfeather and Ambervale today."
    people = {p.family_name: p.role for p in analyse_speakers("d", text, "remarks", {}).local_people}
    assert people == {"Quillfeather": "Ambassador", "Ambervale": "Ambassador"}
