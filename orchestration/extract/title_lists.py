"""People named in a list after a plural title: 'Presidents Eisenhower, Kennedy, and Reagan',
'Ambassadors Garcetti and Sandhu', 'Senators Jane Doe and John Roe'.

Each name of the list holds the singular title ('President', 'Ambassador'), as if it had been printed
before it. The list runs while names are joined by a comma, 'and' or both; it stops at the first item
that is not a name (a lower-case word, a non-name word such as 'Act', a second title).
"""

from __future__ import annotations

import functools
import re

from .names import NAME_RE, NameMention, lexicon, parse_name, trie_regex
from .turns import TitleInfo

_JOINER = re.compile(r",? and |, ")


@functools.lru_cache(maxsize=1)
def _plural_titles() -> tuple[re.Pattern[str], dict[str, TitleInfo]]:
    """'Presidents' -> President, 'Secretaries' -> Secretary: the plural of every titled role."""
    plural: dict[str, TitleInfo] = {}
    for title, info in lexicon().titles_by_prose.items():
        if info.role is None or not title[:1].isupper():
            continue
        last = title.rsplit(" ", 1)[-1]
        if " of " in title or title.endswith(".") or last.endswith(("s", "x", "ch", "sh")):
            continue  # 'Secretaries of State' and 'Adm.' are not printed as lists
        if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
            form = title[:-1] + "ies"  # 'Secretaries'
        elif last.endswith("man"):
            form = title[:-3] + "men"  # 'Congressmen'
        else:
            form = title + "s"
        plural.setdefault(form, info)
    pattern = re.compile(rf"(?<![\w’'.-])(?P<title>{trie_regex(sorted(plural, key=len, reverse=True))}) (?=[A-Z])")
    return pattern, plural


def plural_title_mentions(text: str) -> list[NameMention]:
    """Every name of every list after a plural title, each with the title's role."""
    pattern, plural = _plural_titles()
    non_name = lexicon().non_name
    out: list[NameMention] = []
    for m in pattern.finditer(text):
        role = plural[m["title"]]
        position = m.end()
        items: list[NameMention] = []
        while (found := NAME_RE.match(text, position)) is not None:
            printed = found.group()
            name = parse_name(printed)
            if name is None or printed.split()[0] in non_name:
                break
            end = found.start() + len(" ".join(printed.split()[: name.tokens]))
            items.append(
                NameMention(found.start(), end, "prose", name, role, None, None, None, text[found.start() : end])
            )
            joiner = _JOINER.match(text, end)
            if joiner is None:
                break
            position = joiner.end()
        if len(items) >= 2:  # a list: 'Presidents Doe' alone is a plural noun phrase ('Presidents Day')
            out.extend(items)
    return out
