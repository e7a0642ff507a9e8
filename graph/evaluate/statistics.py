"""Statistics: is each gold figure in the graph, with its value, near its text?"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.evaluate.context import Context
from graph.evaluate.gold import Gold, gold_span
from graph.evaluate.normalise import norm_text
from graph.evaluate.result import Result
from graph.lexicon import lexicon

_STATISTICS = """SELECT ?x ?v ?u ?t ?b ?e WHERE { ?x a cg:Statistic ; prov:wasDerivedFrom ?art ; schema:value ?v .
    OPTIONAL { ?x schema:unitText ?u } OPTIONAL { ?x schema:text ?t }
    OPTIONAL { ?x nif:beginIndex ?b ; nif:endIndex ?e } }"""


@dataclass(frozen=True)
class SystemStatistic:
    """A statistic of the graph, as scored: its value, unit (lowercase), text and span."""

    value: float
    unit: str
    text: str | None
    span: tuple[int, int] | None


def system_statistics(ctx: Context, art: str) -> list[SystemStatistic]:
    """The statistics of the article ``art`` whose value is a number."""
    stats = []
    for r in ctx.select(_STATISTICS, art=art):
        try:
            value = float(r["v"])
        except (TypeError, ValueError):
            continue
        stats.append(SystemStatistic(value=value, unit=str(r["u"] or "").lower(), text=r["t"],
                                     span=(int(r["b"]), int(r["e"])) if r["b"] is not None else None))
    return stats


def score_statistics(ctx: Context, gold: Gold, art: str, raw: str) -> Result:
    """Score the gold statistics of one article: each must have a system statistic of the
    same value (mass units converted, as the shared scorer does) near its text."""
    res, stats, units = Result(), system_statistics(ctx, art), lexicon().scoring.mass_units
    for item in gold.get("statistic", []):
        if item.get("optional"):
            continue
        hit = any(same_value(s, float(item["value"]), item.get("unit", ""), units) and _near(raw, item, s)
                  for s in stats)
        res.add("statistic_recall", hit)
        if not hit:
            res.errors.append(f"{gold['article']['file']}: missed statistic '{item['text']}'")
    return res


def same_value(s: SystemStatistic, value: float, unit: str, units: Mapping[str, tuple[str, float]]) -> bool:
    """Whether ``s`` has ``value``, directly or once both units are in one base unit.

    >>> tonnes = SystemStatistic(2.0, "tonnes", None, None)
    >>> same_value(tonnes, 2000.0, "kilogram", {"tonnes": ("kilogram", 1000.0), "kilogram": ("kilogram", 1.0)})
    True
    """
    if abs(s.value - value) < 1e-6:
        return True
    ours, theirs = units.get(s.unit), units.get(unit)
    return bool(ours and theirs and ours[0] == theirs[0] and abs(s.value * ours[1] - value * theirs[1]) < 1e-6)


def _near(raw: str, item: Gold, s: SystemStatistic) -> bool:
    """Whether ``s`` is the gold item's figure: no text or span, overlapping texts, or spans."""
    if not (s.text or s.span):
        return True
    if s.text and (norm_text(s.text) in norm_text(item["text"]) or norm_text(item["text"]) in norm_text(s.text)):
        return True
    gs = gold_span(raw, item["text"])
    return bool(gs and s.span and min(gs[1], s.span[1]) > max(gs[0], s.span[0]))
