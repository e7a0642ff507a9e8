"""People and organisations mentioned by an article: recall, precision and titles."""

from __future__ import annotations

from graph.evaluate.context import Context
from graph.evaluate.gold import Gold, all_names, item_names
from graph.evaluate.normalise import norm_text
from graph.evaluate.result import Result

_CLASSES = (("person", "https://schema.org/Person"), ("organization", "https://schema.org/Organization"))
_ROLE_TITLES = ("SELECT DISTINCT ?t WHERE { ?r a cg:Role ; org:member ?e ; cg:title ?t ; "
                "prov:wasDerivedFrom ?art }")


def score_entities(ctx: Context, gold: Gold, art: str) -> Result:
    """Score the gold people and organisations of one article against those it mentions.

    A gold entity is found by the mentioned entities that share one of its names; a
    mentioned entity is right if it was found or carries the name of any gold entity of
    the article (person, organisation or place).
    """
    mentioned: dict[str, set[str]] = {}
    for r in ctx.select("SELECT ?e ?t WHERE { ?art schema:mentions ?e . ?e a ?t }", art=art):
        mentioned.setdefault(r["e"], set()).add(r["t"])
    names = all_names(gold)
    return Result.merged(_score_kind(ctx, gold, art, kind, [e for e, ts in mentioned.items() if cls in ts], names)
                         for kind, cls in _CLASSES)


def _score_kind(ctx: Context, gold: Gold, art: str, kind: str, system: list[str], names: set[str]) -> Result:
    fname, parts, matched = gold["article"]["file"], [], set()
    for item in gold.get(kind, []):
        hits = [e for e in system if ctx.names_of(e) & item_names(item)]
        matched.update(hits)
        if item.get("optional"):
            continue
        recall = Result()
        recall.add(f"{kind}_recall", bool(hits))
        if not hits:
            recall.errors.append(f"{fname}: missed {kind} {item['name']}")
        parts.append(recall)
        if kind == "person" and hits:
            parts.append(_title_precision(ctx, fname, art, item, hits))
            if item.get("titles"):
                parts.append(_title_recall(ctx, fname, item, hits))
    precision = Result()
    for e in system:
        ok = e in matched or bool(ctx.names_of(e) & names)
        precision.add(f"{kind}_precision", ok)
        if not ok:
            precision.errors.append(f"{fname}: spurious {kind} {sorted(ctx.names.get(e, {e}))}")
    return Result.merged([*parts, precision])


def _title_recall(ctx: Context, fname: str, item: Gold, hits: list[str]) -> Result:
    """Each gold title of a person must be among (contain or be contained in) the job titles
    of the entities found for it."""
    res = Result()
    titles = {norm_text(r["t"]) for e in hits for r in ctx.select("SELECT ?t WHERE { ?e schema:jobTitle ?t }", e=e)}
    for t in item["titles"]:
        ok = any(norm_text(t) in x or x in norm_text(t) for x in titles if x)
        res.add("title_recall", ok)
        if not ok:
            res.errors.append(f"{fname}: missed title '{t}' of {item['name']} (has {sorted(titles)})")
    return res


def _title_precision(ctx: Context, fname: str, art: str, item: Gold, hits: list[str]) -> Result:
    """Each title that this article's role nodes give a gold person must be one of its
    gold titles (either contains the other), so a title taken from the wrong person counts."""
    res, gold_titles = Result(), [norm_text(t) for t in item.get("titles", [])]
    for e in hits:
        for r in ctx.select(_ROLE_TITLES, e=e, art=art):
            title = norm_text(r["t"])
            ok = any(g in title or title in g for g in gold_titles if g)
            res.add("title_precision", ok)
            if not ok:
                res.errors.append(f"{fname}: spurious title '{r['t']}' of {item['name']} "
                                  f"(gold {item.get('titles', [])})")
    return res
