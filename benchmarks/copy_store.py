"""Make a large store for the page and query benchmarks by copying a built one's articles.

Building 10,000 articles takes hours of parsing; the benchmarks of the read side (``web.py``,
``said.py``, ``run.py``) only need a store of that size whose frequent actors grow with it.
This copies every article of a built store ``--copies - 1`` times under new article IRIs
(``ARTICLE-copyK``): its public graph, its index graph (name index entries and statement
keys) and its text graph, every IRI under the article renamed, the actors (and the default
graph) shared. The store's marks (layout, statement keys) come with the copied folder.

    .venv/bin/claimgraph build ../shared/corpora/wikinews --metadata ../shared/corpora/wikinews/manifest.tsv --store /tmp/wn
    .venv/bin/python benchmarks/copy_store.py /tmp/wn /tmp/10k --copies 34   # 296 x 34 = 10,064 articles
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

import pyoxigraph as ox  # noqa: E402

from graph.rdf._terms import own_graphs  # noqa: E402
from graph.rdf.store import Store  # noqa: E402


def renamer(article: str, new: str):
    """A function renaming the terms of ``article``'s graphs for its copy ``new``: the article
    IRI, every IRI under it (``/`` or ``#`` after it), its private graphs' names, and blank nodes."""
    olds = {g.value: n.value for g, n in zip(own_graphs(article), own_graphs(new), strict=True)}
    suffix = new[len(article):]

    def term(t):
        if isinstance(t, ox.NamedNode):
            v = t.value
            if v in olds:
                return ox.NamedNode(olds[v])
            if v.startswith(article) and v[len(article):len(article) + 1] in ("/", "#"):
                return ox.NamedNode(new + v[len(article):])
            return t
        if isinstance(t, ox.BlankNode):
            return ox.BlankNode(t.value + suffix.replace("-", "_"))
        return t

    return term


def copy_articles(store: Store, copies: int) -> int:
    """Add ``copies - 1`` copies of every article of ``store`` with pyoxigraph's bulk loader
    (fast, not one transaction: a benchmark store, made again if interrupted); returns how
    many articles the store then holds."""
    originals = {article: [q for g in own_graphs(article) for q in store.quads(None, None, None, g)]
                 for article in store.articles()}

    def copied():
        for k in range(1, copies):
            for article, quads in originals.items():
                rename = renamer(article, f"{article}-copy{k}")
                yield from (ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name))
                            for q in quads)
            print(f"copy {k} of {copies - 1} made", file=sys.stderr, flush=True)

    store._store.bulk_extend(copied())
    return len(store.articles())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a built store (left as it is)")
    parser.add_argument("dest", type=Path, help="the new store's folder (must not exist)")
    parser.add_argument("--copies", type=int, default=34, help="instances of each article, the original included")
    args = parser.parse_args()
    start = time.perf_counter()
    shutil.copytree(args.source, args.dest)
    with Store.open(args.dest) as store:
        total = copy_articles(store, args.copies)
        store.optimize()
    print(f"{total:,} articles in {args.dest} ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
