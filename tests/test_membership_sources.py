"""Derived figures and text helpers."""

import pandas as pd
import pytest
from datahelp import DATA

from turan import membership, overview, sources
from turan.filters import Filters
from turan.formatting import format_usd
from turan.load import load
from turan.text import md_escape, md_link


@pytest.fixture(scope="module")
def bundle():
    return load(DATA)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1_200_000, "$1.2M"), (10_000_000, "$10M"), (650_000, "$650k"), (610_000, "$610k"), (3_400_000_000, "$3.4bn"),
     (999, "$999"), (None, "no data"), (float("nan"), "no data"), (1_500_000, "$1.5M"), (1_250_000, "$1.25M")],
)
def test_format_usd(amount, text):
    assert format_usd(amount) == text


def test_source_label_and_cite_short(bundle):
    assert sources.source_label(bundle.sources, "biro2021_fn58").startswith("Biró 2021, footnote 58: Levon Hovsepyan")
    assert sources.cite_short(bundle.sources, ["biro2021_fn60", "biro2021_fn58", "biro2021"]) == \
        "Biró 2021, footnotes 58, 60 and main text"
    assert sources.cite_short(bundle.sources, []) == "no source"
    public = bundle.sources.loc[bundle.sources["kind"] == "official", "source_id"].head(6).tolist()
    few, many = public[:sources.CITED_AT_MOST], public[:sources.CITED_AT_MOST + 1]
    assert sources.cite_short(bundle.sources, few).count("; ") == len(few) - 1  # each named
    assert sources.cite_short(bundle.sources, ["biro2021_fn58", *many]) == \
        f"Biró 2021, footnote 58; {len(many)} public sources, listed on the Sources page"
    assert sources.cite_short(bundle.sources, many, most=None).count("; ") == len(many) - 1  # the full list


def test_members_as_of(bundle):
    day = pd.Timestamp("2008-06-30")
    assert membership.members_as_of(bundle.memberships, "CSTO", day) == ["ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert "UZB" not in membership.members_as_of(bundle.memberships, "CSTO", pd.Timestamp("2013-01-01"))
    assert membership.members_as_of(bundle.memberships, "OTS", pd.Timestamp("2009-10-03")) == ["AZE", "KAZ", "KGZ", "TUR"]


def test_headlines(bundle):
    f = Filters.make(["KGZ", "UZB"], (2002, 2004), (1991, 2026))
    cards = {c.label: c for c in overview.headlines(bundle, f, pd.Timestamp("2004-12-31"))}
    assert cards["Largest military aid figure"].value == "$3.3M"
    assert cards["Largest military aid figure"].detail.startswith("from Turkey to Uzbekistan, 2002 to 2004")
    assert cards["In the CSTO (Russia-led)"].value == "1"  # Kyrgyzstan; Uzbekistan was out 1999-2006
    assert cards["Agreements and protocols"].value == "1"  # March 2002 Kyrgyz agreement


def test_sources_in_view_shrinks_with_filters(bundle):
    everything = sources.sources_in_view(bundle, Filters.make(["AZE", "KAZ", "KGZ", "TKM", "UZB"], (1991, 2026), (1991, 2026)))
    kazakhstan = sources.sources_in_view(bundle, Filters.make(["KAZ"], (2003, 2003), (1991, 2026)))
    assert "biro2021_fn58" in set(kazakhstan["source_id"])
    assert len(kazakhstan) < len(everything)


def test_markdown_is_escaped():
    assert md_escape("$3.5 billion [x](javascript:1) <b>") == r"\$3\.5 billion \[x\]\(javascript\:1\) \<b\>"
    assert md_link("link", "javascript:alert(1)") == "link"
    assert md_link("a_b", "https://x.org/a") == r"[a\_b](https://x.org/a)"
    items = sources.bibliography(pd.DataFrame([{
        "source_id": "s", "citation": "Name *bold* $5", "url": None, "accessed": None, "kind": "official",
        "paper_footnote": pd.NA, "note": "n"}]))
    assert items == {"Official pages, treaties, datasets and references": [r"Name \*bold\* \$5  " + "\n  *n*"]}
