"""'Cite this view': the link rebuilt from the normalised filters (never echoing what was typed into the URL),
the plain citation and the BibTeX entry."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from turan import DATA_VERSION, cite
from turan.filters import Filters

NAMES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "USA": "United States", "TUR": "Turkey"}
BOUNDS = (1991, 2026)
DAY = date(2026, 11, 25)


@pytest.mark.parametrize(("url", "page", "root"), [
    ("http://localhost:8501/aid", "aid", "http://localhost:8501/"),
    ("https://example.org/turan/aid/", "aid", "https://example.org/turan/"),
    ("http://127.0.0.1:8616", "", "http://127.0.0.1:8616/"),
    ("http://[::1]:8501/timeline", "timeline", "http://[::1]:8501/"),
    ("https://example.org/turan/aid?countries=X#frag", "aid", "https://example.org/turan/"),
    (None, "aid", cite.FALLBACK_BASE),
    ("javascript:alert(1)//", "", cite.FALLBACK_BASE),
    ("http://evil.example/<script>/aid", "aid", cite.FALLBACK_BASE),
    ("http://user:pw@host/aid", "aid", cite.FALLBACK_BASE),
    ("http://host/a b", "", cite.FALLBACK_BASE),
])
def test_app_root_trusts_only_plain_http_urls(url, page, root):
    assert cite.app_root(url, page) == root


def test_view_url_from_filters():
    f = Filters.make(["KAZ", "USA"], (2010, 1992), BOUNDS)
    url = cite.view_url("http://localhost:8501/", "aid", f, NAMES)
    assert url == "http://localhost:8501/aid?countries=Kazakhstan&countries=United%20States&years=1992&years=2010"
    assert parse_qs(urlsplit(url).query) == {"countries": ["Kazakhstan", "United States"], "years": ["1992", "2010"]}
    home = cite.view_url("http://localhost:8501/", "", Filters.make(["KGZ"], (2007, 2007), BOUNDS), NAMES)
    assert home == "http://localhost:8501/?countries=Kyrgyzstan&years=2007&years=2007"


def test_no_country_is_kept_as_an_empty_choice_not_the_default():
    url = cite.view_url("http://h/", "aid", Filters.make([], BOUNDS, BOUNDS), NAMES)
    assert url == "http://h/aid?countries=&years=1991&years=2026"


def test_hostile_values_are_never_echoed():
    f = Filters.make(["KAZ", "<script>alert(1)</script>", "XXX\"'&"], (1800, 3000), BOUNDS)
    c = cite.cite("http://localhost:8501/", "aid", "Aid by country", f, NAMES, accessed=DAY)
    for text in (c.url, c.text, c.bibtex):
        assert "script" not in text and "XXX" not in text and "1800" not in text and "3000" not in text
    assert c.url == "http://localhost:8501/aid?countries=Kazakhstan&years=1991&years=2026"
    assert "(Kazakhstan; 1991 to 2026)" in c.text
    evil = cite.cite(cite.app_root("http://x/\"><img src=x>", "aid"), "aid", "Aid", f, NAMES, accessed=DAY)
    assert evil.url.startswith(cite.FALLBACK_BASE) and "img" not in evil.text


def test_plain_citation():
    f = Filters.make(["KAZ", "KGZ"], (1992, 2010), BOUNDS)
    c = cite.cite("https://turan.example/", "aid", "Aid by country", f, NAMES, accessed=DAY)
    assert c.text == (
        f"Turan Dashboard, \"Aid by country\" (Kazakhstan, Kyrgyzstan; 1992 to 2010), data version {DATA_VERSION}. "
        "https://turan.example/aid?countries=Kazakhstan&countries=Kyrgyzstan&years=1992&years=2010 "
        f"(accessed 25 November 2026). Main source: {cite.MAIN_SOURCE}.")


def test_bibtex_entry():
    f = Filters.make(["KAZ"], (1992, 2010), BOUNDS)
    c = cite.cite("https://turan.example/", "alliances", "Alliance map & 100% {odd}", f, NAMES, accessed=DAY)
    lines = c.bibtex.splitlines()
    assert lines[0] == "@misc{turan_dashboard_alliance_map_100_odd_2026,"
    assert lines[-1] == "}"
    fields = dict(line.strip().rstrip(",").split(" = ", 1) for line in lines[1:-1])
    fields = {key.strip(): value for key, value in fields.items()}
    assert fields["title"] == r"{{Turan Dashboard}: Alliance map \& 100\% \{odd\} (Kazakhstan; 1992 to 2010)}"
    assert fields["url"] == "{https://turan.example/alliances?countries=Kazakhstan&years=1992&years=2010}"
    assert fields["urldate"] == "{2026-11-25}" and fields["year"] == "{2026}"
    assert fields["version"] == f"{{{DATA_VERSION}}}"
    assert fields["author"] == "{{Turan Dashboard contributors}}"
    unescaped = c.bibtex.replace(r"\{", "").replace(r"\}", "")
    assert unescaped.count("{") == unescaped.count("}")  # braces balance once the escaped ones are set aside


def test_the_link_keeps_the_paper_only_record():
    f = Filters.make(["KAZ"], (1992, 2010), (1991, 2026), "paper")
    assert cite.view_url("http://localhost:8501/", "timeline", f, NAMES).endswith(
        "timeline?countries=Kazakhstan&years=1992&years=2010&paper=true")
    assert "paper" not in cite.view_url("http://localhost:8501/", "timeline", Filters.make(["KAZ"], (1992, 2010),
                                                                                           (1991, 2026)), NAMES)
