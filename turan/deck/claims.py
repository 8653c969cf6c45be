"""The paper-checked slides: verdicts per section, and the forecasts and judgements against what happened since."""

from __future__ import annotations

import textwrap

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from turan import claims, schema, theme
from turan.deck import kit

OUTLOOK_ROWS = 6  # forecasts and judgements on the slide (the rest: the notes and the page)


def draw_verdicts(slide, box, spec) -> None:
    """Stacked bars: claims per section of the paper (first section on top), by verdict."""
    counts = spec.frames["counts"]
    sections = [s for s in schema.CLAIM_SECTIONS if (counts["section"] == s).any()]
    data = CategoryChartData(number_format="0")
    data.categories = [claims.SECTION_LABELS[s] for s in sections[::-1]]  # PowerPoint draws the first at the bottom
    present = [v for v in schema.VERDICTS if (counts["verdict"] == v).any()]
    for verdict in present:
        rows = counts[counts["verdict"] == verdict].set_index("section")["claims"]
        data.add_series(claims.VERDICT_LABELS[verdict],
                        [int(rows[s]) if s in rows.index else None for s in sections[::-1]])
    chart = kit.add_chart(slide, XL_CHART_TYPE.BAR_STACKED, data, box, "Chart: verdicts per section")
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 100
    for series, verdict in zip(plot.series, present):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = kit.rgb(theme.verdict_colour(verdict))
        series.format.line.color.rgb = kit.rgb(theme.INK)
        series.format.line.width = Pt(0.5)
    kit.number_format(chart.value_axis, "0")
    kit.axis_style(chart.value_axis, gridlines=True)
    kit.axis_title(chart.value_axis, "Claims checked")
    kit.axis_style(chart.category_axis)
    kit.set_legend(chart, XL_LEGEND_POSITION.RIGHT)


def outlook_rows(rows, most: int = OUTLOOK_ROWS) -> list[list[str]]:
    """The table's rows: the claim, its verdict, the evidence since 2021 (shortened to fit a slide)."""
    return [[textwrap.shorten(str(r["claim"]), 150, placeholder="…"), claims.VERDICT_LABELS[r["verdict"]],
             textwrap.shorten(str(r["evidence"] or ""), 210, placeholder="…")]
            for _, r in rows.head(most).iterrows()]


def draw_outlook(slide, box, spec) -> None:
    """A native table: the paper's forecasts and judgements (the first few), verdicts and what happened since."""
    rows = spec.frames["rows"]
    left, top, width, height = box
    kit.add_table(slide, (left, top, width, height - Inches(0.4)), ["The paper (2021)", "Verdict", "Since 2021"],
                  outlook_rows(rows), widths=(4.2, 1.6, 5.6), font=11)
    if len(rows) > OUTLOOK_ROWS:
        kit.caption(slide, left, top + height - Inches(0.35), width, Inches(0.35),
                    f"The first {OUTLOOK_ROWS} of {len(rows)} forecasts and judgements; all of them are in the "
                    "speaker notes and on the page \u201cThe paper checked\u201d.")


DRAWERS = {"verdicts": draw_verdicts, "outlook": draw_outlook}
