"""The overview's slide: the headline figures as a table."""

from __future__ import annotations

from turan.deck import kit


def draw_headlines(slide, box, spec) -> None:
    """One row per headline card: figure, value, what it counts, its sources in short."""
    rows = [[card.label, card.value, card.detail, cited] for card, cited in zip(spec.frames["cards"],
                                                                              spec.frames["cited"])]
    kit.add_table(slide, box, ["Figure", "Value", "What it counts", "Source"], rows, widths=(2.6, 1.4, 5.2, 3.1),
                  font=13, bold_column=1)


DRAWERS = {"headlines": draw_headlines}
