"""The page registry: every page of the dashboard once, in navigation order, with the charts it shows.

The entrypoint's navigation, the briefing deck (its --pages and its slides), the "Cite this view" links, the
benchmarks and the tests over every page read this list. No page title or URL path is written anywhere else:
adding a page means one entry here, one script in pages/, its domain module and its chart specs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """One page: its id (also its script's name in pages/), title, URL path, icon and charts, in order."""

    id: str
    title: str
    url_path: str  # "" for the home page
    icon: str
    charts: tuple[str, ...] = ()  # chart keys (turan.charts.CATALOGUE), in the order the page and the deck show them
    summary: str = ""  # what the page answers, in a line (the README's table)
    heading: str = ""  # the page's own heading, when it is not its title (the question it asks)

    @property
    def script(self) -> str:
        """The page's script, relative to the project's root."""
        return f"pages/{self.id}.py"

    @property
    def h1(self) -> str:
        """The heading at the top of the page: its own heading, else its title."""
        return self.heading or self.title

    @property
    def default(self) -> bool:
        """Whether this is the home page (opened at '/')."""
        return self.url_path == ""


QUESTION = "Could a \u201cTuran Army\u201d form?"  # the dashboard's question: the home page's heading, the deck's title
SUBQUESTION = "Turkey's defence ties with the Turkic states, and what stands in their way"

PAGES: tuple[Page, ...] = (
    Page("overview", "Overview", "", ":material/home:", ("headlines", "since"),
         "the question, the paper's argument in our words, headline figures for the selection and what changed "
         "since the paper", QUESTION),
    Page("aid", "Aid by country", "aid", ":material/payments:", ("aid_totals", "aid_time"),
         "how much military aid Turkey gave each Turkic state, when and on what basis, with nothing counted twice"),
    Page("timeline", "Agreement timeline", "timeline", ":material/timeline:", ("events", "per_year"),
         "thirty years of agreements, protocols, visits, exercises and industry deals, at the precision the "
         "source gives"),
    Page("rivalry", "Power rivalry", "rivalry", ":material/groups:",
         ("grid_interest", "grid_instrument", "grid_stance", "reach", "bases", "indicator", "suppliers"),
         "what the paper says about Russia, China, the USA and Iran; their institutional reach, bases and military "
         "spending"),
    Page("arms", "Arms transfers", "arms", ":material/rocket_launch:", ("arms_time", "arms_shares", "arms_main"),
         "who supplies the weapons: SIPRI's register of arms deliveries by supplier, year and weapon, and Turkey's "
         "place among each state's suppliers", "Who arms the Turkic states?"),
    Page("alliances", "Alliance map", "alliances", ":material/map:", ("map", "matrix", "sets"),
         "who belongs to which organisation in any year since 1991, and where memberships overlap"),
    Page("scenario", "Turan Army scenario", "scenario", ":material/flag:", ("scenario",),
         "for any coalition and year: the treaty obstacles, the ties that help, and who would have to leave what",
         "Could the Turan Army be formed?"),
    Page("claims", "The paper checked", "claims", ":material/fact_check:", ("verdicts", "outlook"),
         "every checkable claim of Biró's paper against public evidence, its footnotes checked, and its conclusions "
         "set against what happened since 2021", "Does the paper hold up?"),
    Page("sources", "Sources", "sources", ":material/menu_book:", (),
         "the bibliography: the paper's footnotes, official pages, treaties and datasets"),
)
BY_ID: dict[str, Page] = {p.id: p for p in PAGES}
HOME: Page = next(p for p in PAGES if p.default)
IDS: tuple[str, ...] = tuple(BY_ID)


def page(page_id: str) -> Page:
    """The page with this id (KeyError for an unknown one)."""
    return BY_ID[page_id]


def for_script(path: str) -> Page:
    """The page whose script this is (a page script passes its __file__)."""
    return BY_ID[Path(path).stem]


def with_charts() -> tuple[Page, ...]:
    """The pages that show charts (and so have slides), in navigation order."""
    return tuple(p for p in PAGES if p.charts)


def readme_table() -> str:
    """The README's table of pages (tests/test_registry.py checks the README holds exactly this)."""
    rows = [f"| {p.title} | {p.summary} |" for p in PAGES]
    return "\n".join(["| page | what it answers |", "|---|---|", *rows])
