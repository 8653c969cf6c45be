"""How long the briefing deck takes to build (issue 11: the whole-dashboard deck in under 15 s on 2 cores).

    python benchmarks/deck.py [--runs 5]

Prints the data load once, then the median and slowest build of the whole-dashboard deck (default filters)
and of one page's deck, without writing files. The first build in a process also imports python-pptx's
templates and reads the map's shapes, so it is reported separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from turan import deck, filters, load  # noqa: E402

LIMIT_S = 15.0


def timed(make) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    make()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    bundle = load.load(load.data_dir())
    print(f"load and validate the data: {time.perf_counter() - start:.2f} s")
    f, pages = deck.cli_view(bundle, None, None, None, None, sys.exit)
    slowest = {}
    for label, chosen in (("whole dashboard", pages), ("one page (aid)", ["aid"])):
        first = timed(lambda chosen=chosen: deck.build(bundle, f, chosen))
        runs = [timed(lambda chosen=chosen: deck.build(bundle, f, chosen)) for _ in range(args.runs)]
        slowest[label] = max([first, *runs])
        print(f"{label}: first build {first:.2f} s; median {statistics.median(runs):.2f} s, "
              f"slowest {max(runs):.2f} s over {args.runs} runs ({filters.in_words(f, bundle.country_names())})")
    ok = slowest["whole dashboard"] < LIMIT_S
    print(f"whole dashboard under {LIMIT_S:.0f} s on every run: {'yes' if ok else 'NO'}")
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
