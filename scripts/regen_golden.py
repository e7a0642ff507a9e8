"""Regenerate the golden graphs of ``tests/golden/`` after an intended change.

Each ``tests/golden/NAME.trig`` is the TriG export of ``seeds/NAME.txt`` built alone into a
scratch store. ``tests/test_golden.py`` compares fresh builds with these files and never
writes them: run this script only after reviewing the test's diff of missing and extra
triples, then commit the files with the change that explains them::

    .venv/bin/python scripts/regen_golden.py            # every golden file
    .venv/bin/python scripts/regen_golden.py 004_08ccd2bd32c245cb   # add or redo one
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "golden"
sys.path.insert(0, str(ROOT))

from graph.pipeline import build  # noqa: E402
from graph.rdf.store import Store  # noqa: E402


def golden_trig(article: Path) -> bytes:
    """The TriG export of ``article`` built alone into a scratch store."""
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "store", create=True) as store:
        report = build([article], store)
        if not report.ok:
            raise click.ClickException(f"{article.name}: {'; '.join(report.errors)}")
        out = io.BytesIO()
        store.export("trig", out)
        return out.getvalue()


@click.command()
@click.argument("names", nargs=-1)
def main(names: tuple[str, ...]) -> None:
    """Rewrite tests/golden/NAME.trig for each NAME (default: every existing golden file)."""
    for name in names or sorted(p.stem for p in GOLDEN.glob("*.trig")):
        article = SEEDS / f"{name}.txt"
        if not article.is_file():
            raise click.ClickException(f"no seed article {article}")
        target = GOLDEN / f"{name}.trig"
        data = golden_trig(article)
        changed = not target.exists() or target.read_bytes() != data
        target.write_bytes(data)
        click.echo(f"{target.relative_to(ROOT)}: {'rewritten' if changed else 'unchanged'}")


if __name__ == "__main__":
    main()
