"""Score a graph against gold annotations (TOML, format in ``tests/gold/README.md``).

The metrics and their definitions are those of the project's shared scorer
(``shared/eval/score_gold.py``), so that ``claimgraph evaluate`` and the scorer agree on
the same store; ``tests/evaluate/test_evaluate.py`` checks that they do. One module per
kind of metric, each a function of the :class:`~graph.evaluate.context.Context` and the
gold returning its own :class:`Result`:

- :mod:`~graph.evaluate.statements`: quotes and statements, their speakers, what they are about;
- :mod:`~graph.evaluate.entities`: people, organisations, titles;
- :mod:`~graph.evaluate.statistics`: figures;
- :mod:`~graph.evaluate.identity`: duplicate and wrongly merged people, over all articles.

Names and texts are compared as :mod:`~graph.evaluate.normalise` makes them, with the
scorer's own words (:mod:`graph.lexicon.scoring`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from graph.evaluate.context import Context, article_iri, context
from graph.evaluate.entities import score_entities
from graph.evaluate.gold import Gold
from graph.evaluate.identity import score_identity
from graph.evaluate.result import Result
from graph.evaluate.statements import score_statements, system_statements
from graph.evaluate.statistics import score_statistics
from graph.rdf.base import GraphStore

__all__ = ["Result", "score"]

_SCORED = ("quote", "statement", "statistic", "person", "organization")


def score(store: GraphStore, gold_dir: Path, text_dir: Path) -> Result:
    """Score the store against every ``*.toml`` gold file in ``gold_dir``.

    Args:
        store: The graph.
        gold_dir: Gold annotations.
        text_dir: The annotated article texts.
    """
    golds = [tomllib.loads(f.read_text("utf-8")) for f in sorted(Path(gold_dir).glob("*.toml"))]
    ctx = context(store, Path(text_dir))
    return Result.merged([*(score_article(ctx, gold) for gold in golds), score_identity(ctx, golds)])


def score_article(ctx: Context, gold: Gold) -> Result:
    """Score one article; an article missing from the graph misses every gold item."""
    fname = gold["article"]["file"]
    raw = (ctx.text_dir / fname).read_text(encoding="utf-8")
    art = article_iri(ctx, fname)
    if art is None:
        res = Result(errors=[f"{fname}: no article with cg:sourceFile"])
        for kind in _SCORED:
            for item in gold.get(kind, []):
                if not item.get("optional"):
                    res.add(f"{kind}_recall", 0)
        return res
    return Result.merged([score_statements(ctx, gold, raw, system_statements(ctx, art)),
                          score_entities(ctx, gold, art), score_statistics(ctx, gold, art, raw)])
