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

from graph.rdf._terms import DEFAULT_GRAPH, INDEX_GRAPH_PREFIX, TEXT_GRAPH_PREFIX, own_graphs  # noqa: E402
from graph.rdf.statement_keys import KEY_PREFIX  # noqa: E402
from graph.rdf.store import Store  # noqa: E402

#: What may stand before an article IRI in a term renamed with it: nothing, or a private prefix.
_HEADS = ("", INDEX_GRAPH_PREFIX, TEXT_GRAPH_PREFIX, KEY_PREFIX)


def renamer(article: str, new: str):
    """A function renaming the terms of ``article``'s graphs for its copy ``new``: the article
    IRI and every IRI under it (``/`` or ``#`` after it), also behind a private prefix
    (its private graphs' names, its name index entries, and the statement keys of the actors
    minted under it, such as its unnamed sources: keys left under the original's actors made
    those actors' statements in the copies unkeyed), and blank nodes.

    >>> rename = renamer("https://e/a", "https://e/a-copy1")
    >>> [rename(ox.NamedNode(v)).value for v in ("https://e/a/source/1-2", "urn:claimgraph:key:https://e/a/source/1-2",
    ...                                          "urn:claimgraph:index:https://e/a#k", "https://e/ab", "https://e/p")]
    ['https://e/a-copy1/source/1-2', 'urn:claimgraph:key:https://e/a-copy1/source/1-2', \
'urn:claimgraph:index:https://e/a-copy1#k', 'https://e/ab', 'https://e/p']
    """
    suffix = new[len(article):]

    def term(t):
        if isinstance(t, ox.NamedNode):
            head, found, rest = t.value.partition(article)
            if found and head in _HEADS and rest[:1] in ("", "/", "#"):
                return ox.NamedNode(head + new + rest)
            return t
        if isinstance(t, ox.BlankNode):
            return ox.BlankNode(t.value + suffix.replace("-", "_"))
        return t

    return term


def _owner(node: str, articles: dict) -> str | None:
    """The article of ``articles`` that ``node`` is minted under (its IRI + ``/`` or ``#``...), or None.

    >>> _owner("https://e/a/source/1-2", {"https://e/a": []}), _owner("https://e/person/x", {"https://e/a": []})
    ('https://e/a', None)
    """
    cuts = (i for i, c in enumerate(node) if c in "/#")
    return next((node[:i] for i in cuts if node[:i] in articles), None)


def copy_articles(store: Store, copies: int) -> int:
    """Add ``copies - 1`` copies of every article of ``store`` with pyoxigraph's bulk loader
    (fast, not one transaction: a benchmark store, made again if interrupted), with the
    default graph's quads about the actors minted under each article (its unnamed sources),
    which the copies need described as the original's are; returns how many articles the
    store then holds."""
    originals = {article: [q for g in own_graphs(article) for q in store.quads(None, None, None, g)]
                 for article in store.articles()}
    for q in store.quads(None, None, None, DEFAULT_GRAPH):  # the actors minted under an article (unnamed sources)
        owner = _owner(q.subject.value, originals)
        if owner:
            originals[owner].append(q)

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
