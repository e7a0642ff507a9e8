"""What every scoring step reads: the store, its index of names and the article texts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from graph.evaluate.normalise import norm_name
from graph.rdf._terms import iri
from graph.rdf.base import GraphStore

CG = "https://w3id.org/claimgraph/ontology#"


@dataclass(frozen=True)
class Context:
    """The scored graph.

    Attributes:
        store: The graph.
        names: Entity IRI -> its normalised labels and alternative labels (read only).
        text_dir: The folder of the annotated article texts.
    """

    store: GraphStore
    names: Mapping[str, set[str]]
    text_dir: Path

    def select(self, sparql: str, **bind: str) -> list[dict]:
        """The rows of a SELECT query, each keyword binding a variable to an IRI."""
        return self.store.select(sparql, **{k: iri(v) for k, v in bind.items()})

    def names_of(self, entity: str | None) -> set[str]:
        """The normalised names of an entity (none for an unknown one)."""
        return self.names.get(entity, set())


def context(store: GraphStore, text_dir: Path) -> Context:
    """The context for scoring ``store``, with its names index read once."""
    names: dict[str, set[str]] = {}
    for r in store.select("SELECT ?e ?n WHERE { { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } }"):
        names.setdefault(r["e"], set()).add(norm_name(r["n"]))
    return Context(store=store, names=MappingProxyType(names), text_dir=Path(text_dir))


def article_iri(ctx: Context, fname: str) -> str | None:
    """The article read from the file ``fname`` (its exact ``cg:sourceFile``, or a path ending so)."""
    rows = ctx.store.select("SELECT ?a WHERE { ?a cg:sourceFile ?f }", f=fname)
    if not rows:
        rows = [r for r in ctx.select("SELECT ?a ?f WHERE { ?a cg:sourceFile ?f }")
                if str(r["f"]).endswith("/" + fname)]
    return rows[0]["a"] if rows else None
