"""Cleaning shortcuts against the plain regex passes they replace, on random text."""

import random

from orchestration.extract import cleaning


def _random_text(rng: random.Random, pieces: list[str]) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))


def test_soft_breaks_join_like_the_regex():
    pieces = ["\n", "\n\n", "\x00", "\x01", "- ", "* ", "+ ", "#", "12. ", "3) ", ">", "|", "a", " ", "word", "-"]
    rng = random.Random(5)
    for _ in range(5000):
        text = _random_text(rng, pieces)
        assert cleaning._join_soft_breaks(text) == cleaning._SOFT_BREAK.sub(" ", text), repr(text)


def test_emphasis_drops_like_the_regex():
    pieces = ["*", "_", "**", "__", "a", " "]
    rng = random.Random(6)
    for _ in range(5000):
        text = _random_text(rng, pieces)
        assert cleaning._drop_emphasis(text) == cleaning._MD_EMPHASIS.sub("", text), repr(text)
