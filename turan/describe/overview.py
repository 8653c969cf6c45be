"""The overview's headline figures in words."""

from __future__ import annotations

from turan.describe.words import sentences


def headlines(cards, selection: str) -> str:
    """The landing page's headline figures (overview.headlines) as one sentence each."""
    if not cards:
        return sentences(f"Headline figures, {selection}: none")
    parts = [f"{card.label}: {card.value}, {card.detail}" for card in cards]
    return sentences(f"Headline figures, {selection}", *parts)
