"""Make the README pictures: the graph views and the pages of the browsing app, offline.

Every picture is taken by the same headless Chromium as the browser tests (Debian's
/usr/bin/chromium driven by Playwright) with every request to another machine blocked.

- With no option: builds seeds/ into a scratch store and shoots its view
  (``docs/seed-view.png``).
- ``--store DIR --name NAME``: shoots the view of the whole store (``NAME-view.png``) and the
  view around its busiest person, the one with the most statements by and about them
  (``NAME-busiest.png``).
- ``--url http://127.0.0.1:PORT --path / --path /id/...``: shoots each page of a running
  ``claimgraph serve`` (``app-<path>.png``); only requests to 127.0.0.1 or localhost go out.

For the views it also prints the time to write the HTML file and, over ``--runs`` page
loads, the time from navigation to the first drawing with labels, and checks that nothing
moves afterwards (positions come from Python and physics is off)::

    .venv/bin/python scripts/screenshot.py                            # docs/seed-view.png
    .venv/bin/python scripts/screenshot.py --store wn-store --name wikinews
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:8000 --path / --path /id/person/jane-roe
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import click
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.network import actor_graph  # noqa: E402
from graph.pipeline import build  # noqa: E402
from graph.rdf.store import Store  # noqa: E402
from graph.view import write_view  # noqa: E402
from tests.helpers import chromium, open_page  # noqa: E402

#: Milliseconds to wait before checking that no node has moved.
STABLE_CHECK_MS = 1000
#: Hosts the app pages may load from.
LOOPBACK = ("127.0.0.1", "localhost")


def build_seeds(folder: Path) -> Path:
    """seeds/ built into a scratch store in ``folder``."""
    store = folder / "store"
    with Store.open(store, create=True) as st:
        report = build([ROOT / "seeds"], st, workers=1)
    if not report.ok:
        raise click.ClickException(f"building seeds/ failed: {report.errors}")
    return store


def busiest_person(store: Store) -> str:
    """The label of the person with the most statements by and about them."""
    G = actor_graph(store)
    people = [n for n in G if G.nodes[n].get("kind") == "Person"]
    if not people:
        raise click.ClickException("the store has no person to focus on")
    return str(G.nodes[max(people, key=lambda n: (G.nodes[n]["n_said"] + G.nodes[n]["n_about"], n))]["label"])


def write_views(store_path: Path, folder: Path, views: dict[str, dict]) -> dict[str, tuple[Path, float]]:
    """Each view (name -> :func:`write_view` options) written in ``folder``, with the seconds it took."""
    out = {}
    with Store.open(store_path, read_only=True) as store:
        for name, options in views.items():
            start = time.perf_counter()
            summary = write_view(store, folder / f"{name}.html", **options)
            out[name] = (summary.path, time.perf_counter() - start)
            click.echo(f"{name}: {summary.nodes} actors, {summary.edges} links, written in {out[name][1]:.2f} s")
    return out


def load_times(browser, html: Path, runs: int, png: Path, width: int, height: int) -> list[dict[str, float | bool]]:
    """Open the page ``runs`` times; screenshot the last. Per run: ms from navigation to the
    first drawing (in the page's clock), wall-clock ms until then, and whether it stayed still."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        page, log = open_page(browser, html, width, height)
        wall = (time.perf_counter() - start) * 1000
        before = page.evaluate("network.getPositions()")
        page.wait_for_timeout(STABLE_CHECK_MS)
        still = page.evaluate("network.getPositions()") == before
        if log["errors"] or log["blocked"]:
            raise click.ClickException(f"the page logged errors or fetched something: {log}")
        times.append({"drawn_ms": page.evaluate("window.cgDrawnAt"), "wall_ms": wall, "stable": still,
                      "labels": page.evaluate("window.cgLabels.length")})
        page.screenshot(path=str(png), full_page=True)
        page.close()
    return times


def shoot_views(views: dict[str, tuple[Path, float]], out_dir: Path, runs: int, width: int, height: int) -> None:
    """Screenshot each view as ``out_dir/<name>.png`` and print its load times."""
    with chromium() as browser:
        for name, (html, _) in views.items():
            png = out_dir / f"{name}.png"
            times = load_times(browser, html, runs, png, width, height)
            shrink(png)
            drawn = [t["drawn_ms"] for t in times]
            click.echo(f"wrote {png}: drawn with {times[-1]['labels']} label lines "
                       f"{statistics.median(drawn):.0f} ms from navigation (median of {runs}; min {min(drawn):.0f}, "
                       f"max {max(drawn):.0f}); wall clock {statistics.median(t['wall_ms'] for t in times):.0f} ms; "
                       f"still after {STABLE_CHECK_MS} ms: {all(t['stable'] for t in times)}")


def shoot_pages(url: str, paths: tuple[str, ...], out_dir: Path, width: int, height: int) -> None:
    """Screenshot each app page as ``out_dir/app-<path>.png``; refuse any request off the machine."""
    if urlsplit(url).hostname not in LOOPBACK:
        raise click.ClickException(f"--url {url}: give the address of a local server, http://127.0.0.1:PORT")
    with chromium() as browser:
        for path in paths:
            page = browser.new_page(viewport={"width": width, "height": height})
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.route("**/*", lambda route: _local_only(route, problems))
            page.goto(url.rstrip("/") + path, wait_until="networkidle")
            if problems:
                raise click.ClickException(f"{path}: the page logged errors or fetched from elsewhere: {problems}")
            png = out_dir / f"app-{re.sub(r'[^a-z0-9]+', '-', path.lower()).strip('-') or 'home'}.png"
            page.screenshot(path=str(png), full_page=True)
            page.close()
            click.echo(f"wrote {shrink(png)}")


def shrink(png: Path) -> Path:
    """Rewrite ``png`` with a palette of 256 colours (octree, no dithering): a quarter of the size,
    the legend's colours kept."""
    with Image.open(png) as picture:
        small = picture.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                                                dither=Image.Dither.NONE)
    small.save(png, optimize=True)
    return png


def _local_only(route, problems: list[str]) -> None:
    url = route.request.url
    if url.startswith(("http:", "https:")) and urlsplit(url).hostname not in LOOPBACK:
        problems.append(f"blocked {url}")
        route.abort()
    else:
        route.continue_()


@click.command()
@click.option("--store", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Store to draw, whole and around its busiest person (default: seeds/ in a scratch store).")
@click.option("--name", default="store", show_default=True, help="Prefix of the pictures of --store.")
@click.option("--url", default=None, help="A running claimgraph serve, http://127.0.0.1:PORT: shoot its --path pages.")
@click.option("--path", "paths", multiple=True, help="A page of --url to shoot (repeat).")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=ROOT / "docs", show_default=True)
@click.option("--runs", type=click.IntRange(min=1), default=3, show_default=True, help="Page loads timed per view.")
@click.option("--width", type=int, default=1280, show_default=True)
@click.option("--height", type=int, default=800, show_default=True)
def main(store: Path | None, name: str, url: str | None, paths: tuple[str, ...], out_dir: Path, runs: int,
         width: int, height: int) -> None:
    """Write the screenshots and print the write and load times of the views."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if url:
        shoot_pages(url, paths or ("/",), out_dir, width, height)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if store is None:
            views = write_views(build_seeds(folder), folder, {"seed-view": {}})
        else:
            with Store.open(store, read_only=True) as st:
                focus = busiest_person(st)
            views = write_views(store, folder, {f"{name}-view": {}, f"{name}-busiest": {"focus": focus}})
        shoot_views(views, out_dir, runs, width, height)


if __name__ == "__main__":
    main()
