"""Time to build pathological articles at 1x, 2x and 4x their size: linear time shows a ratio near 2.

Each case is an invented text made by repeating one unit (quotation marks, the words of one
endless sentence, ...). Every size is parsed and extracted in this process, as a one-worker
build does, and the time per size and the ratio of each size's time to the one before are
printed. A ratio near 2 is linear; near 4 is quadratic.

Run: ``.venv/bin/python benchmarks/pathological.py [--base N] [--case NAME ...]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from graph.extract import extract, parse
from graph.nlp import load_nlp
from graph.records import Article

#: Case name -> the text of a given size (in units).
CASES: dict[str, Callable[[int], str]] = {
    "quotes": lambda n: "Headline\n\n" + '"' * n + "\n",
    "one-sentence": lambda n: "Headline\n\nThe officer said " + " ".join(
        ("harbour", "wall", "and", "Mira", "Tal", "said", "that") * (n // 7)) + ".\n",
    "quoted-sentence": lambda n: 'Headline\n\nThe officer said "' + " ".join(
        ("the", "wall", "is", "high", "and") * (n // 5)) + '" on Monday.\n',
    "dots": lambda n: "Headline\n\n" + "." * n + "\n",
    "dashes": lambda n: "Headline\n\n" + "-" * n + "\n",
}


def seconds(nlp, text: str) -> float:
    """Wall time to parse and extract one article holding ``text``."""
    article = Article(id="bench", source_file="bench.txt", text=text)
    started = time.perf_counter()
    for art, doc in parse([article], nlp):
        extract(art, doc)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=50_000, help="units at 1x (default 50,000)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="cases to run (default all)")
    args = parser.parse_args()
    nlp = load_nlp()
    seconds(nlp, "Warm up.\n\nThe mayor said the bridge opened.\n")
    print(f"{'case':16s} {'size':>9s} {'chars':>10s} {'seconds':>9s} {'ratio':>6s}")
    for name in args.case or CASES:
        previous = None
        for factor in (1, 2, 4):
            text = CASES[name](args.base * factor)
            took = seconds(nlp, text)
            ratio = f"{took / previous:6.2f}" if previous else "     -"
            print(f"{name:16s} {factor:>8d}x {len(text):>10,d} {took:9.2f} {ratio}", flush=True)
            previous = took


if __name__ == "__main__":
    main()
