"""The scenario page's view: the coalition summary, the matrix, the member cards and the download, for candidates,
a year and "what if" departures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from turan import filters, scenario
from turan.charts import scenario as charts
from turan.export import LazyCsv
from turan.figures import scenario as figures
from turan.filters import Filters
from turan.load import Bundle
from turan.views import Drawn


@dataclass(frozen=True)
class ScenarioView:
    view: str
    summary_markdown: str
    chart: Drawn
    cards: tuple[tuple[str, str, str, str], ...]  # (name, status, obstacles markdown, enablers markdown)
    csv: LazyCsv | None  # the download, made on click


@dataclass(frozen=True)
class ScenarioChoices:
    choices: dict[str, str]  # the "what if" departures on offer: key -> words
    recorded: ScenarioView | None  # the page with no departure (None without candidates)


def choices(data: Bundle, f: Filters, candidates: tuple[str, ...], year: int, today: date) -> ScenarioChoices:
    """The "what if" departures on offer for the candidates in the year (from the recorded memberships), and the
    page as recorded: both come from the one factor table, so the page's first view computes it once."""
    record = filters.recorded(data, f)
    recorded = scenario.factors(record, list(candidates), year, today=today)
    offered = scenario.leave_options(record, list(candidates), year, today=today, table=recorded)
    options = charts.Options(candidates, year)
    page_view = _view(charts.prepare(data, f, options, today, table=recorded)) if candidates else None
    return ScenarioChoices(offered, page_view)


def page(data: Bundle, f: Filters, options: charts.Options, today: date) -> ScenarioView:
    """The coalition test for the page's candidates, year and departures."""
    return _view(charts.prepare(data, f, options, today))


def _view(p: charts.Prepared) -> ScenarioView:
    spec = charts.matrix(p)
    cards, bullets = [], scenario.every_card_line(p.table)
    for iso3 in scenario.members(list(p.candidates)):
        lines = [bullets.get((iso3, effect), []) for effect in (scenario.OBSTACLE, scenario.ENABLER)]
        cards.append((p.names[iso3], scenario.status_words(p.summary, iso3),
                      *("\n".join(found) if found else "- None in the data." for found in lines)))
    return ScenarioView(p.view, "\n".join(scenario.summary_lines(p.summary, p.names)),
                        Drawn.of(spec, figures.matrix_figure), tuple(cards), spec.csv)


def assessment(data: Bundle, parts: tuple[str, ...]) -> list[tuple[str, str]]:
    """The paper's own assessment, heading and bullets, for the given parts (independent of the filters)."""
    return list(scenario.assessment_markdown(data.assessment, data.sources, parts))
