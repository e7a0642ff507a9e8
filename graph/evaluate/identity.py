"""Identity across articles: gold people split over several nodes, or merged into one."""

from __future__ import annotations

from graph.evaluate.context import Context
from graph.evaluate.gold import Gold
from graph.evaluate.normalise import norm_name
from graph.evaluate.result import Result


def score_identity(ctx: Context, golds: list[Gold]) -> Result:
    """Count the gold people (by full name, over every article) carried by more than one
    person node (``person_duplicates``), and the person nodes carrying the full names of
    more than one gold person (``person_wrong_merges``)."""
    people = dict.fromkeys(item["name"] for gold in golds for item in gold.get("person", []))
    nodes = [r["e"] for r in ctx.select("SELECT DISTINCT ?e WHERE { ?e a schema:Person }")]
    res, dup, wrong = Result(), 0, 0
    for name in people:
        carriers = [e for e in nodes if norm_name(name) in ctx.names_of(e)]
        if len(carriers) > 1:
            dup += 1
            res.errors.append(f"duplicate person nodes for {name}: {len(carriers)}")
    full = {norm_name(n): n for n in people}
    for e in nodes:
        carried = {full[x] for x in ctx.names_of(e) if x in full}
        if len(carried) > 1:
            wrong += 1
            res.errors.append(f"one node merges {sorted(carried)}")
    res.counts["person_duplicates"] = (dup, 0)
    res.counts["person_wrong_merges"] = (wrong, 0)
    return res
