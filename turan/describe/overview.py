"""The overview's headline figures in words."""

from __future__ import annotations

from turan.describe.words import sentences


def since(items, selection: str, empty: str) -> str:
    """The developments since the paper (overview.since_paper), one sentence each, oldest first."""
    if not items:
        return sentences(f"Developments since the paper, {selection}: none shown", empty)
    return sentences(f"Developments since the paper, {selection}",
                     *[f"{d.date}: {d.title}. {d.why}" for d in items])


def headlines(cards, selection: str) -> str:
    """The landing page's headline figures (overview.headlines) as one sentence each."""
    if not cards:
        return sentences(f"Headline figures, {selection}: none")
    parts = [f"{card.label}: {card.value}, {card.detail}" for card in cards]
    return sentences(f"Headline figures, {selection}", *parts)
