"""Numbers in words as every chart, caption and slide shows them."""

from __future__ import annotations

import math


def format_usd(amount: float | None) -> str:
    """$1.2M style money: never 1200000, never 'nan'."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return "no data"
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(amount) >= size:
            text = f"{amount / size:.2f}".rstrip("0").rstrip(".")
            return f"${text}{suffix}"
    return f"${amount:,.0f}"
