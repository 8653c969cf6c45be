"""The arms-transfers page's view: the two charts, the main-supplier table and the deal list with its CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import arms
from turan.charts import ChartSpec
from turan.charts import arms as charts
from turan.export import LazyCsv
from turan.figures import arms as figures
from turan.filters import Filters
from turan.load import Bundle
from turan.views import Drawn


@dataclass(frozen=True)
class ArmsView:
    over_time: Drawn
    shares: Drawn
    main: ChartSpec
    main_table: pd.DataFrame
    deals: pd.DataFrame
    deals_csv: LazyCsv  # the download, made on click


def page(data: Bundle, f: Filters, today: date) -> ArmsView:
    """Every chart of the page, the main-supplier table in words and the deals of the selection."""
    p = charts.prepare(data, f, None, today)
    main = charts.arms_main(p)
    table = pd.DataFrame(arms.main_rows(p.main, p.names), columns=list(arms.MAIN_COLUMNS))
    deals = arms.deals_shown(data.arms_transfers, arms.deals(data.arms_transfers, f), p.names)
    return ArmsView(Drawn.of(charts.arms_time(p), figures.time_chart), Drawn.of(charts.arms_shares(p),
                                                                                figures.shares_chart),
                    main, table, deals, LazyCsv(deals))
