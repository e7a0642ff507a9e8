"""Fast loop for extraction work: parse a folder once, then rerun only the claimgraph stages.

A build spends nearly all its time in the spaCy model; work on the extractors changes only
the stages after it (:data:`graph.extract.components.STAGES`). This script parses the
articles of a folder once with the model ``claimgraph build`` loads (:func:`graph.nlp.load_nlp`,
its claimgraph components switched off), keeps the parsed Docs in a cache folder, and on
every run after that reads them back, runs the claimgraph stages on them, and writes the
records to a fresh store through the build's own writing half
(:func:`graph.pipeline.write_batches`), then exports N-Quads. The export is what
``claimgraph build FOLDER && claimgraph export`` gives for the same code, so the scorers
(``score_polnear.py``, ``score_gold.py``) take it as they are.

The cache is keyed by the model's name and version and by the hash of each article's text as
the model reads it (:meth:`Article.masked_text`): an article whose text, boilerplate or
reading changed is parsed again. Keep the cache outside the repository (it holds
corpus text).

Usage::

    .venv/bin/python scripts/fastloop.py /work/eval/polnear/train /tmp/pn/train.nq --cache /tmp/pn/cache
    .venv/bin/python /work/shared/eval/polnear/score_polnear.py /tmp/pn/train.nq /work/eval/polnear/train
    .venv/bin/python scripts/fastloop.py FOLDER OUT.nq --cache DIR --limit 40   # the first 40 articles

Run it from the worktree root (``PYTHONPATH=$PWD``), so the worktree's code is imported.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from spacy.tokens import Doc, DocBin

from graph.extract import batches, extract
from graph.extract.components import STAGES
from graph.extract.pieces import cuts, parse_in_pieces
from graph.ingest import Manifest, iter_articles
from graph.nlp import load_nlp, model_name
from graph.overrides import Overrides
from graph.parallel import Extracted
from graph.pipeline import BuildReport, write_batches
from graph.rdf.ids import Ids
from graph.rdf.store import Store
from graph.records import Article


def cache_file(cache: Path, nlp, articles: list[Article]) -> Path:
    """The cache file of a batch of articles: one DocBin per batch, named by the model, the
    components that run before the claimgraph stages (a new one, such as a sentence-start
    rule before the parser, changes every parse) and the articles' ids and the hashes of the
    texts the model reads (:meth:`Article.masked_text`: a change to it parses again)."""
    parse = [name for name in nlp.pipe_names if name not in STAGES]
    key = hashlib.sha1(f"{model_name()} {nlp.meta.get('version')} {parse}".encode())
    for article in articles:
        read = hashlib.sha256(article.masked_text().encode()).hexdigest()
        key.update(f"{article.id}\0{read}\0".encode())
    return cache / f"{key.hexdigest()[:20]}.spacy"


def parsed(articles: list[Article], nlp, cache: Path) -> list[Doc]:
    """The model's Docs of a batch of articles (no claimgraph stage run), from the cache
    when it has them, else parsed as :func:`graph.extract.parse` parses them and cached."""
    path = cache_file(cache, nlp, articles)
    if path.exists():
        return list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    texts = [article.masked_text() for article in articles]
    with nlp.select_pipes(disable=list(STAGES)):
        apart = {n: parse_in_pieces(nlp, text, at) for n, text in enumerate(texts)
                 if (at := cuts(text, nlp.max_length))}
        whole = [text for n, text in enumerate(texts) if n not in apart]
        piped = nlp.pipe(whole, batch_size=max(1, len(whole)))  # as the build parses them
        docs = [apart[n] if n in apart else next(piped) for n in range(len(texts))]
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def extracted(articles: list[Article], nlp, cache: Path) -> list[Extracted]:
    """Each article run through the claimgraph stages on its cached parse."""
    results = []
    for article, doc in zip(articles, parsed(articles, nlp, cache)):
        doc._.cg_article = article
        for name in STAGES:
            doc = nlp.get_pipe(name)(doc)
        try:
            results.append(Extracted(article, extract(article, doc), len(doc)))
        except Exception as exc:  # noqa: BLE001 - reported like a build reports it
            results.append(Extracted(article, None, len(doc), str(exc)))
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the fast loop; the exit code is 1 when an article failed."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="articles (a folder or a file)")
    ap.add_argument("output", type=Path, help="N-Quads file to write")
    ap.add_argument("--cache", type=Path, required=True, help="cache folder (outside the repo)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--store", type=Path, default=None,
                    help="store folder to build (default: a temporary one, removed after)")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    nlp = load_nlp()
    items = list(iter_articles([args.folder], Manifest()))
    errors = [str(i) for i in items if not isinstance(i, Article)]
    articles = [i for i in items if isinstance(i, Article)][:args.limit]
    workdir = Path(tempfile.mkdtemp(prefix="fastloop-"))
    store_path = args.store or workdir / "store"
    if store_path.exists():
        shutil.rmtree(store_path)
    report = BuildReport()
    try:
        with Store.open(store_path) as store:
            ids = Ids()
            write_batches((extracted(batch, nlp, args.cache) for batch in batches(articles)),
                          store, ids, Overrides(), report, errors.append)
            with args.output.open("wb") as out:
                store.export("nquads", out)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for line in errors:
        print(f"fastloop: error: {line}", file=sys.stderr)
    print(f"fastloop: {len(report.added)} articles, {report.statements} statements, "
          f"{len(errors)} errors in {time.perf_counter() - started:.0f} s -> {args.output}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
