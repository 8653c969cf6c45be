"""'Cite this view': the link that reopens a page with its filters, and the citation built around it, as plain
text and as a BibTeX entry. Pure functions: the base URL, page and filters come in, text goes out.

The link is rebuilt from the normalised filters (known ISO3 codes, clamped years), never copied from the
address bar, so whatever a visitor typed into the URL is never echoed back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from turan import DATA_VERSION, filters
from turan.filters import Filters

APP = "Turan Dashboard"
AUTHOR = "Turan Dashboard contributors"
MAIN_SOURCE = ("Dávid Biró, \"The Turan Army: Opportunities for a new military cooperation led by Turkey\", "
               "Storia Militare Contemporanea, fasc. 2 / N.8 (2021)")
FALLBACK_BASE = "http://localhost:8501/"
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")
_PATH = re.compile(r"^[A-Za-z0-9._~/\-]*$")


@dataclass(frozen=True)
class Citation:
    """A view's link and its citation in two forms."""

    url: str
    text: str
    bibtex: str


def app_root(url: str | None, page_path: str = "", fallback: str = FALLBACK_BASE) -> str:
    """The app's root URL ('http://host:port/base/') from the page's URL as the browser reports it: only
    http(s) with a plain host and path is trusted, the page's own path is removed, query and fragment dropped."""
    try:
        parts = urlsplit(url or "")
        valid = parts.scheme in ("http", "https") and _HOST.match(parts.netloc or "") and _PATH.match(parts.path)
    except ValueError:
        valid = False
    if not valid:
        return fallback if fallback.endswith("/") else fallback + "/"
    path = parts.path.rstrip("/")
    if page_path and path.endswith("/" + page_path.strip("/")):
        path = path[: -len(page_path.strip("/")) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


def query(f: Filters, names: dict[str, str]) -> str:
    """The filters as the app's URL parameters: country names (as the sidebar's multiselect reads them), the two
    years, and the record when it is only the paper's; unknown codes are left out."""
    chosen = [names[c] for c in f.countries if c in names]
    pairs = [("countries", name) for name in chosen] or [("countries", "")]  # empty: no country, not the default
    pairs += [("years", str(int(y))) for y in f.years]
    if f.paper_only:
        pairs.append(("paper", "true"))  # the sidebar's "What the paper records" (turan.ui.keys.KEY_RECORD)
    return urlencode(pairs, quote_via=quote)


def view_url(root: str, page_path: str, f: Filters, names: dict[str, str]) -> str:
    """The link that reopens this page with these filters."""
    page = quote(page_path.strip("/"), safe="-_")
    return f"{root}{page}?{query(f, names)}"


def _bib(text: str) -> str:
    """Text safe inside a BibTeX field: braces, backslashes and TeX specials escaped."""
    out = str(text).replace("\\", r"\textbackslash{}")
    for char in "{}%&#_$":
        out = out.replace(char, "\\" + char)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _key(page_title: str, accessed: date) -> str:
    """A BibTeX key: 'turan_dashboard_aid_by_country_2026'."""
    return f"turan_dashboard_{re.sub(r'[^a-z0-9]+', '_', page_title.lower()).strip('_')}_{accessed.year}"


def cite(root: str, page_path: str, page_title: str, f: Filters, names: dict[str, str],
         accessed: date | None = None) -> Citation:
    """The citation of a view: page, filters in words, data version, link and access date."""
    accessed = accessed or date.today()
    url = view_url(root, page_path, f, names)
    words = filters.in_words(Filters.make([c for c in f.countries if c in names], f.years, f.bounds), names)
    day = f"{accessed.day} {accessed:%B %Y}"
    text = (f"{APP}, \"{page_title}\" ({words}), data version {DATA_VERSION}. {url} (accessed {day}). "
            f"Main source: {MAIN_SOURCE}.")
    bibtex = "\n".join([
        f"@misc{{{_key(page_title, accessed)},",
        f"  author       = {{{{{_bib(AUTHOR)}}}}},",
        f"  title        = {{{{{_bib(APP)}}}: {_bib(page_title)} ({_bib(words)})}},",
        f"  year         = {{{accessed.year}}},",
        f"  version      = {{{DATA_VERSION}}},",
        f"  url          = {{{url}}},",
        f"  urldate      = {{{accessed.isoformat()}}},",
        f"  note         = {{Data version {DATA_VERSION}. Main source: {_bib(MAIN_SOURCE)}}},",
        "}",
    ])
    return Citation(url, text, bibtex)
