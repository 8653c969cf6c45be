"""The overview's slide: the headline figures as a table."""

from __future__ import annotations

from turan.deck import kit


def draw_headlines(slide, box, spec) -> None:
    """One row per headline card: figure, value, what it counts, its sources in short."""
    rows = [[card.label, card.value, card.detail, cited] for card, cited in zip(spec.frames["cards"],
                                                                              spec.frames["cited"])]
    kit.add_table(slide, box, ["Figure", "Value", "What it counts", "Source"], rows, widths=(2.3, 1.3, 3.9, 4.8),
                  font=12, bold_column=1)  # the sources get the room: a card may cite four of them


def draw_since(slide, box, spec) -> None:
    """One row per development since the paper: when, what, why it matters, its source in short."""
    rows = [[d.date, d.title, d.why, cited] for d, cited in zip(spec.frames["items"], spec.frames["cited"])]
    kit.add_table(slide, box, ["When", "Development", "Why it matters", "Source"], rows, widths=(1.6, 3.3, 5.0, 2.4),
                  font=11)


DRAWERS = {"headlines": draw_headlines, "since": draw_since}
