"""Facts carry over from the paper, sentences do not: no text we wrote shares an 8-word run with the paper."""

import re

import pytest
from datahelp import DATA, ROOT

from turan.load import load

PAPER = ROOT.parent / "shared" / "seed" / "000_9d40a8f6e729a4c1.txt"
OUR_TEXT = {  # table -> columns written in our own words
    "rivalry": ("claim",), "assessment": ("point",), "obligations": ("summary",),
    "events": ("title", "description"), "aid": ("description",), "organisations": ("description",),
    "claims": ("claim", "evidence", "note"),
}


# A title quoted by a footnote's check ('Turkey: Setting Sail to the 21st Century') is a name, not our sentence.
QUOTED = re.compile("'[^']{3,}'|\"[^\"]{3,}\"|\u2018[^\u2019]+\u2019|\u201c[^\u201d]+\u201d")


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    """Every run of n consecutive words, lower-cased."""
    words = re.findall(r"[a-z]+", str(text).lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_shingles():
    assert shingles("One two three four five six seven eight nine") == {
        ("one", "two", "three", "four", "five", "six", "seven", "eight"),
        ("two", "three", "four", "five", "six", "seven", "eight", "nine")}


@pytest.mark.parametrize(("table", "columns"), sorted(OUR_TEXT.items()))
def test_no_sentence_is_copied_from_the_paper(table, columns):
    if not PAPER.exists():
        pytest.skip(f"the paper's text is not at {PAPER}")
    paper = shingles(PAPER.read_text(encoding="utf-8"))
    frame = getattr(load(DATA), table)
    texts = [QUOTED.sub(" ", t) for column in columns for t in frame[column].dropna()]
    assert {t: sorted(shingles(t) & paper) for t in texts if shingles(t) & paper} == {}
