"""What the browsing app's pages read from the store: plain rows, each query bounded.

Every function takes a :class:`~graph.rdf.base.GraphStore` (opened read-only by
:func:`graph.web.init_app`) and returns plain dicts; the named queries are
``graph/queries/web_*.rq`` and the ones :mod:`graph.entity` uses. Values the user gives
(names, filters) reach the store as bound values, never as query text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from graph.entity import SECTIONS
from graph.query import load_query
from graph.rdf._terms import (A, ALT_LABEL, BEGIN, DEFAULT_GRAPH, END, IS_STRING, JOB_TITLE, KIND_CLASSES, LABEL,
                              MEMBER_OF, MENTIONS, REFERS_TO, Value, iri, text_graph, to_python)
from graph.rdf.base import GraphStore

Row = dict[str, Value]
#: RDF class IRI -> entity kind ("Person", "Organization", "Place", "UnnamedSource").
KINDS: dict[str, str] = {cls.value: kind for kind, cls in KIND_CLASSES.items()}
#: Statements shown on one page of an actor's statements.
PAGE_SIZE = 25
#: The sections of :data:`graph.entity.SECTIONS` an actor page reads with their named query
#: (its statements a page at a time, :func:`actor_statements`; its articles from the indexes, :func:`mentioned_in`).
ACTOR_SECTIONS = ("names", "roles", "evidence")
#: How a statement relates to an actor: said by it, or about it.
RELATIONS = ("by", "about")
#: Statements a CSV or JSON download holds at most.
DOWNLOAD_LIMIT = 10_000


@dataclass(frozen=True)
class StatementFilter:
    """Which of an actor's statements to show.

    Attributes:
        relation: "by", "about" or "" (both).
        act: A speech act ("criticise") or "" (any).
        since: Earliest article date, as a prefix of an ISO date ("2019", "2019-03"), or "".
        until: Latest article date, likewise, or "".
        outlet: The article's outlet (:func:`outlet`) or "" (any).
    """

    relation: str = ""
    act: str = ""
    since: str = ""
    until: str = ""
    outlet: str = ""

    def keeps(self, row: Row) -> bool:
        """True when ``row`` (a statement of :func:`actor_statements`, or a count of
        :func:`actor_facets`) passes every filter, as ``web_actor_statements.rq`` filters."""
        date = str(row.get("date") or "")
        return ((not self.relation or row["relation"] == self.relation)
                and (not self.act or row.get("act") == self.act)
                and (not self.since or (bool(date) and date >= self.since))
                and (not self.until or (bool(date) and date[:len(self.until)] <= self.until))
                and (not self.outlet or row.get("outlet") == self.outlet))


@dataclass
class Actor:
    """One actor's description, from the default graph.

    Attributes:
        iri: Its IRI.
        label: Its canonical name.
        kind: Person, Organization, Place or UnnamedSource.
        aliases: Every other name (``skos:altLabel``).
        titles: Its job titles.
        organizations: (IRI, label) of the organisations it is a member of.
        sections: The :data:`graph.entity.SECTIONS` rows of :data:`ACTOR_SECTIONS`:
            ``names``, ``roles`` (titles over time, oldest first), ``evidence``.
    """

    iri: str
    label: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    organizations: list[tuple[str, str]] = field(default_factory=list)
    sections: dict[str, list[Row]] = field(default_factory=dict)


def outlet(row: Row) -> str:
    """An article's outlet: its ``schema:publisher``, else the host of its address, else "".

    >>> outlet({"publisher": None, "url": "https://news.example.org/a/b"})
    'news.example.org'
    """
    if row.get("publisher"):
        return str(row["publisher"])
    return urlsplit(str(row.get("url") or "")).hostname or ""


def articles(store: GraphStore) -> list[Row]:
    """Every article (``article``, ``file``, ``headline``, ``date``, ``inferred``, ``outlet``,
    ``url``), newest first."""
    rows = [{**r, "outlet": outlet(r)} for r in store.select(load_query("web_articles"))]
    return sorted(rows, key=lambda r: (str(r.get("date") or ""), str(r["file"])), reverse=True)


def top_speakers(store: GraphStore) -> list[Row]:
    """The most quoted named people and organisations (``actor``, ``label``, ``kind``, ``statements``)."""
    return [{**r, "kind": KINDS.get(str(r["kindIri"]), "")} for r in store.select(load_query("web_top_speakers"))]


def actors(store: GraphStore, iris: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Actor IRI -> (label, kind) for each of ``iris`` that has a label in the default graph.

    Read with two index lookups per actor: a query binding every actor of a long article
    to ``VALUES`` cost more than the rest of its page.
    """
    out: dict[str, tuple[str, str]] = {}
    for node in sorted(set(iris)):
        labels = sorted(q.object.value for q in store.quads(iri(node), LABEL, None, DEFAULT_GRAPH))
        if labels:
            kinds = sorted(KINDS[q.object.value] for q in store.quads(iri(node), A, None, DEFAULT_GRAPH)
                           if q.object.value in KINDS)
            out[node] = (labels[0], kinds[0] if kinds else "")
    return out


def actor(store: GraphStore, node: str) -> Actor | None:
    """The actor with IRI ``node`` and every section of its page but its statements, or
    None when the default graph does not describe it."""
    props: dict[str, list] = defaultdict(list)
    for q in store.quads(iri(node), None, None, DEFAULT_GRAPH):
        props[q.predicate.value].append(q.object.value)
    kind = next((KINDS[t] for t in sorted(props[A.value]) if t in KINDS), None)
    if kind is None or not props[LABEL.value]:
        return None
    members = sorted(set(props[MEMBER_OF.value]))
    names = actors(store, members)
    sections = {key: store.select(load_query(q), actor=iri(node)) for key, q in SECTIONS.items()
                if key in ACTOR_SECTIONS}
    return Actor(node, min(props[LABEL.value]), kind, sorted(set(props[ALT_LABEL.value])),
                 sorted(set(props[JOB_TITLE.value])), [(m, names.get(m, (m, ""))[0]) for m in members], sections)


def mentioned_in(store: GraphStore, node: str) -> dict[str, int]:
    """Article IRI -> how many times it mentions the actor ``node`` (from the indexes, not a
    grouped query, whose cost grows with the articles)."""
    counts: dict[str, int] = dict.fromkeys((q.subject.value for q in store.quads(None, MENTIONS, iri(node), None)), 0)
    for q in store.quads(None, REFERS_TO, iri(node), None):
        if q.graph_name.value in counts:
            counts[q.graph_name.value] += 1
    return counts


def actor_statements(store: GraphStore, node: str, chosen: StatementFilter, limit: int, offset: int = 0) -> list[Row]:
    """A page of the statements by or about the actor ``node`` that ``chosen`` keeps, one row
    per statement and relation, newest first: filtered, sorted and cut in SPARQL on the rows'
    keys alone (``web_actor_statements.rq``, with only the filters asked for), then the page's
    other columns read for its statements (``web_actor_details.rq``), so that a page costs
    little more than sorting the actor's keys."""
    asked = {"act": chosen.act, "since": chosen.since, "until": chosen.until, "outlet": chosen.outlet}
    lines = load_query("web_actor_statements").splitlines(keepends=True)
    bindings = {f"want{k.capitalize()}" if k in ("act", "outlet") else k: v for k, v in asked.items() if v}
    keys: list[Row] = []
    for relation in RELATIONS:
        if chosen.relation in ("", relation):
            kept = [line for line in lines if _keeps(line.rstrip().rpartition("  # ")[2], relation, asked)]
            sparql = f"{''.join(kept)}LIMIT {int(offset) + int(limit)}"
            keys += [{**k, "relation": relation} for k in store.select(sparql, actor=iri(node), **bindings)]
    keys.sort(key=lambda k: (str(k["article"]), k["begin"], k["relation"], str(k["statement"])))
    keys.sort(key=lambda k: str(k.get("date") or ""), reverse=True)
    keys = keys[int(offset):int(offset) + int(limit)]
    details: dict[str, list[Row]] = defaultdict(list)
    if keys:
        for row in store.select(load_query("web_actor_details"), statement=sorted({iri(k["statement"]) for k in keys})):
            details[str(row["statement"])].append(row)
    return [{**d, **k} for k in keys for d in details[str(k["statement"])]]


def _keeps(marker: str, relation: str, asked: dict[str, str]) -> bool:
    """Whether a line of ``web_actor_statements.rq`` ending ``# marker`` belongs in the query
    for ``relation`` with the filters ``asked`` (a line without a marker always does)."""
    if marker in RELATIONS:
        return marker == relation
    return marker not in asked or bool(asked[marker])


def actor_facets(store: GraphStore, node: str) -> list[Row]:
    """The statements by and about the actor ``node`` counted by ``relation``, ``act``,
    ``date`` and ``outlet`` (``statements``): what its page offers to filter by, and how
    many statements a filter keeps (:meth:`StatementFilter.keeps` on each row)."""
    return store.select(load_query("web_actor_facets"), actor=iri(node))


def targets(store: GraphStore, statements: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Statement IRI -> (IRI, label) of whom it is about, sorted by label."""
    wanted = sorted(set(statements))
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if wanted:
        for row in store.select(load_query("web_targets"), statement=[iri(s) for s in wanted]):
            out[str(row["statement"])].append((str(row["target"]), str(row.get("label") or row["target"])))
    return {s: sorted(set(t), key=lambda p: p[1].casefold()) for s, t in out.items()}


def article_text(store: GraphStore, article: str) -> tuple[str | None, list[tuple[int, int]]]:
    """The text an article's offsets index, and its boilerplate spans (from its private text
    graph, :func:`graph.rdf._terms.text_graph`); None when the store holds no text for it
    (built before texts were stored: rebuild to see it)."""
    graph = text_graph(article)
    text = next((q.object.value for q in store.quads(None, IS_STRING, None, graph)), None)
    spans = defaultdict(dict)
    for predicate in (BEGIN, END):
        for q in store.quads(None, predicate, None, graph):
            spans[q.subject.value][predicate.value] = to_python(q.object)
    return text, sorted((s[BEGIN.value], s[END.value]) for s in spans.values() if len(s) == 2)


def describe(store: GraphStore, graph: str) -> dict[str, dict[str, list]]:
    """Every node of one article's graph: subject IRI -> predicate IRI -> its objects (terms)."""
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in store.quads(None, None, None, iri(graph)):
        nodes[q.subject.value][q.predicate.value].append(q.object)
    return nodes
