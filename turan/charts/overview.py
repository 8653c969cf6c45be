"""The overview's headline figures as a chart spec (cards on the page, a table on the slide)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from turan import filters, overview
from turan.charts import ChartSpec
from turan.describe import overview as words
from turan.filters import Filters
from turan.load import Bundle
from turan.sources import cite_short

TITLES = {"headlines": "Headline figures"}


@dataclass(frozen=True)
class Prepared:
    data: Bundle
    f: Filters
    day: pd.Timestamp
    selection: str


def prepare(data: Bundle, f: Filters, options: None, today: date) -> Prepared:
    """The cards stand as of the end of the selected period, or today if that is earlier."""
    day = min(pd.Timestamp(today), pd.Timestamp(f.years[1], 12, 31))
    return Prepared(data, f, day, filters.in_words(f, data.country_names()))


def headlines(p: Prepared) -> ChartSpec:
    """A few counts for the selection, each with its sources in short ('no source' for none)."""
    cards = overview.headlines(p.data, p.f, p.day)
    ids = tuple(sorted({s for card in cards for s in card.source_ids}))
    cited = tuple(cite_short(p.data.sources, card.source_ids) for card in cards)  # 'no source' for none
    return ChartSpec("headlines", TITLES["headlines"], p.selection, cite_short(p.data.sources, ids), ids,
                     words.headlines(cards, p.selection), {"cards": tuple(cards), "cited": cited},
                     export_name="headlines", words=p.selection)


CHARTS = {"headlines": headlines}
