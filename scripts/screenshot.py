"""Make the README picture of the seed view, and time how fast the view settles offline.

Builds seeds/ into a scratch store (or reads --store), writes its view with
:func:`graph.view.write_view`, opens it in the same headless Chromium as the browser tests
(Debian's /usr/bin/chromium, every network request blocked) and saves a PNG. It also
reports, over a few page loads, the time from navigation to the first drawing of the graph
and checks that the layout is then stable (positions come from Python and physics is off,
so nothing moves after the first drawing)::

    .venv/bin/python scripts/screenshot.py                   # writes docs/seed-view.png
    .venv/bin/python scripts/screenshot.py --store ./graph-store -o docs/view.png --runs 10
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.pipeline import build  # noqa: E402
from graph.rdf.store import Store  # noqa: E402
from graph.view import write_view  # noqa: E402
from tests.helpers import chromium, open_page  # noqa: E402

#: Milliseconds to wait before checking that no node has moved.
STABLE_CHECK_MS = 1000


def seed_view(folder: Path, store: Path | None) -> Path:
    """The view of ``store``, or of seeds/ built into a scratch store in ``folder``."""
    if store is None:
        store = folder / "store"
        with Store.open(store) as st:
            report = build([ROOT / "seeds"], st, workers=1)
        if not report.ok:
            raise click.ClickException(f"building seeds/ failed: {report.errors}")
    with Store.open(store, read_only=True) as st:
        return write_view(st, folder / "seed-view.html").path


def load_times(html: Path, runs: int, png: Path, width: int, height: int) -> list[dict[str, float | bool]]:
    """Open the page ``runs`` times; screenshot the last. Per run: ms from navigation to the
    first drawing (in the page's clock), wall-clock ms until then, and whether it stayed still."""
    times = []
    with chromium() as browser:
        for _ in range(runs):
            start = time.perf_counter()
            page, log = open_page(browser, html, width, height)
            wall = (time.perf_counter() - start) * 1000
            before = page.evaluate("network.getPositions()")
            page.wait_for_timeout(STABLE_CHECK_MS)
            still = page.evaluate("network.getPositions()") == before
            if log["errors"] or log["blocked"]:
                raise click.ClickException(f"the page logged errors or fetched something: {log}")
            times.append({"drawn_ms": page.evaluate("window.cgDrawnAt"), "wall_ms": wall, "stable": still})
            page.screenshot(path=str(png))
            page.close()
    return times


@click.command()
@click.option("--store", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Store to draw (default: build seeds/ into a scratch store).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=ROOT / "docs" / "seed-view.png", show_default=True)
@click.option("--runs", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--width", type=int, default=1280, show_default=True)
@click.option("--height", type=int, default=800, show_default=True)
def main(store: Path | None, output: Path, runs: int, width: int, height: int) -> None:
    """Write the screenshot and print the load times."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html = seed_view(Path(tmp), store)
        times = load_times(html, runs, output, width, height)
    drawn = [t["drawn_ms"] for t in times]
    wall = [t["wall_ms"] for t in times]
    click.echo(f"wrote {output}")
    click.echo(f"stable layout after {statistics.median(drawn):.0f} ms from navigation (median of {runs}; "
               f"min {min(drawn):.0f}, max {max(drawn):.0f}); wall clock {statistics.median(wall):.0f} ms; "
               f"still after {STABLE_CHECK_MS} ms: {all(t['stable'] for t in times)}")


if __name__ == "__main__":
    main()
