"""python -m turan.deck --out FILE [--countries ISO3 ...] [--years FROM TO] [--pages PAGE ...]: the briefing deck
without a browser, as the download button builds it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from turan import filters, load, pages
from turan.deck import DEFAULT_URL, build, view_url
from turan.filters import Filters


def main(argv: Sequence[str] | None = None) -> int:
    """python -m turan.deck --out FILE [--countries ISO3 ...] [--years FROM TO] [--pages PAGE ...]"""
    parser = argparse.ArgumentParser(prog="python -m turan.deck", description=(
        "Build the Turan Dashboard briefing deck (.pptx) for a selection, as the download button does."))
    parser.add_argument("--out", required=True, type=Path, help="where to write the .pptx")
    parser.add_argument("--countries", nargs="*", metavar="ISO3", help="partner countries (default: the Turkic states)")
    parser.add_argument("--years", nargs=2, type=int, metavar=("FROM", "TO"), help="inclusive year range")
    parser.add_argument("--pages", nargs="*", choices=list(pages.IDS), help="pages to include (default: all)")
    parser.add_argument("--url", default=DEFAULT_URL,
                        help=f"the dashboard's address for the link (default {DEFAULT_URL})")
    parser.add_argument("--today", type=date.fromisoformat, help="the day the view stands for (default: today)")
    args = parser.parse_args(argv)
    bundle = load.load(load.data_dir())
    f, chosen = cli_view(bundle, args.countries, args.years, args.pages, args.today, parser.error)
    deck = build(bundle, f, chosen, None,
                 view_url(args.url, chosen[0] if len(chosen) == 1 else pages.HOME.id, f, bundle.country_names()),
                 args.today)
    args.out.write_bytes(deck.data)
    print(f"Wrote {args.out}: {len(deck.titles)} slides for {filters.in_words(f, bundle.country_names())}.")
    for problem in deck.problems:
        print(f"Slide not made: {problem.chart}: {problem.reason}", file=sys.stderr)
    return 1 if deck.problems else 0


def cli_view(bundle, countries, years, page_ids, today, error) -> tuple[Filters, list[str]]:
    """The command line's arguments as the sidebar would hold them."""
    offered, default = filters.partners(bundle.countries)
    chosen = [x.upper() for x in countries] if countries is not None else default
    unknown = [x for x in chosen if x not in offered]
    if unknown:
        error(f"unknown country code(s) {', '.join(unknown)}; choose from {' '.join(offered)}")
    bounds = (filters.FIRST_YEAR, (today or date.today()).year)
    return Filters.make(chosen, years or bounds, bounds), [p for p in pages.IDS if not page_ids or p in page_ids]


if __name__ == "__main__":
    sys.exit(main())
