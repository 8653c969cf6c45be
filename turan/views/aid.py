"""The aid page's view: the two charts, the caveats, the ledger and its CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import aid, memo
from turan.charts import aid as charts
from turan.export import LazyCsv
from turan.figures import aid as figures
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import source_label
from turan.views import Drawn


@dataclass(frozen=True)
class AidView:
    empty: str  # said instead of the charts and the ledger ("" when there is aid to show)
    totals: Drawn | None = None
    over_time: Drawn | None = None
    caveats: tuple[tuple[str, str], ...] = ()
    ledger: pd.DataFrame | None = None
    ledger_csv: LazyCsv | None = None
    context_source: str = ""


def page(data: Bundle, f: Filters, options: charts.Options, today: date) -> AidView:
    """The aid page: totals by commitment, the aid timeline, the caveats and the ledger."""
    context_source = source_label(data.sources, aid.DEVELOPMENT_AID.source_id)
    p = charts.prepare(data, f, options, today)
    if p.rows.empty:
        return AidView(charts.EMPTY, context_source=context_source)
    # The ledger and caveats depend on the figures alone (p.rows is shared by the views of the same figures).
    ledger, caveats = memo.derived(p.rows, "views.aid.ledger", (f.countries,), lambda: (
        aid.ledger(p.rows, data.sources, p.names, f.countries, data.aid),
        tuple(aid.caveats(p.rows, p.names, f.countries))))
    return AidView("", Drawn.of(charts.totals(p), figures.totals_chart),
                   Drawn.of(charts.over_time(p), figures.timeline_chart), caveats, ledger, LazyCsv(ledger),
                   context_source)
