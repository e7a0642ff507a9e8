"""What the browsing app's pages read from the store: plain rows, each query bounded.

Every function takes a :class:`~graph.rdf.base.GraphStore` (opened read-only by
:func:`graph.web.init_app`) and returns plain dicts; the named queries are
``graph/queries/web_*.rq`` and the ones :mod:`graph.entity` uses. Values the user gives
(names, filters) reach the store as bound values, never as query text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import urlsplit

from graph.entity import SECTIONS
from graph.query import load_query
from graph.rdf._terms import (A, ALT_LABEL, BEGIN, DATE_PUBLISHED, DEFAULT_GRAPH, DERIVED_FROM, END, HEADLINE,
                              INDEX_GRAPH_PREFIX, IS_STRING, JOB_TITLE, KIND_CLASSES, LABEL, MEMBER, MEMBER_OF,
                              MENTIONS, ORGANIZATION, SOURCE_FILE, SPEECH_ACT, TITLE, VALID_AT, Literal, Value, iri,
                              term, text_graph, to_python)
from graph.rdf.base import GraphStore
from graph.rdf.statement_keys import FACETS, KEY_PREFIX, has_facets, has_keys, has_links, key_node, keyed_statements

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
PUBLISHER, URL, DATE_INFERRED = term("schema:publisher"), term("schema:url"), term("cg:dateInferred")


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
            ``names`` (each with how many articles give it and the file of one, not every
            file: :func:`_names`), ``roles`` (titles over time, oldest first, each title,
            organisation and date once: :func:`_roles`), ``evidence``.
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


#: The counts of ``stats.rq`` (name -> the class it counts), each counted in a query of its own.
_COUNTED = {"articles": "schema:NewsArticle", "people": "schema:Person", "organizations": "schema:Organization",
            "places": "schema:Place", "unnamed_sources": "cg:UnnamedSource", "statements": "cg:Statement",
            "statistics": "cg:Statistic"}
#: Classes whose nodes are typed once, in their article's graph (their IRIs are minted under
#: it): counted without ``DISTINCT``, which cost the 170,000 statements of a 10,000-article
#: store 0.25 s more.
_TYPED_ONCE = ("articles", "statements", "statistics")


def counts(store: GraphStore) -> dict[str, int]:
    """The counts of ``stats.rq`` (articles, people... statistics), one query per class: the
    union of the seven patterns in one query took 0.7 to 0.9 s on a 10,000-article store,
    the seven alone 0.4 s."""
    def count(name: str, cls: str) -> int:
        what = "*" if name in _TYPED_ONCE else "DISTINCT ?x"
        return int(store.select(f"SELECT (COUNT({what}) AS ?n) WHERE {{ ?x a {cls} }}")[0]["n"] or 0)
    return {name: count(name, cls) for name, cls in _COUNTED.items()}


#: The classes of the actors the home page lists as most quoted.
_SPEAKER_KINDS = {term("schema:Person").value, term("schema:Organization").value}
#: The most quoted actors the home page lists.
TOP_SPEAKERS = 12


def top_speakers(store: GraphStore, top: int = TOP_SPEAKERS) -> list[Row]:
    """The most quoted named people and organisations (``actor``, ``label``, ``kind``,
    ``statements``), most statements first, then by label: one row per label and class.

    The statements are counted by actor alone (``web_speaker_counts.rq``), then the classes and labels
    of the most quoted are read one actor at a time (two index lookups each) until ``top`` rows are found and the next
    actor has fewer statements than the last row (asking for label and class in the same
    grouped query took 33 s on a 10,000-article store)."""
    rows: list[Row] = []
    for n, actor in _speaker_counts(store):
        if len(rows) >= top and n < rows[top - 1]["statements"]:
            break
        node = iri(actor)
        kinds = sorted({q.object.value for q in store.quads(node, A, None, None)} & _SPEAKER_KINDS)
        labels = sorted({q.object.value for q in store.quads(node, LABEL, None, None)}) if kinds else []
        rows += [{"actor": actor, "label": label, "kindIri": k, "statements": n, "kind": KINDS.get(k, "")}
                 for k in kinds for label in labels]
        rows.sort(key=lambda r: (-r["statements"], str(r["label"])))
    return rows[:top]


#: Statements by each actor from the statement keys: one scan of the keys, no join.
_KEYED_SPEAKER_COUNTS = ("SELECT ?key (COUNT(?k) AS ?statements) WHERE { GRAPH ?g { ?key cg:statementBy ?k } } "
                         "GROUP BY ?key")


def _speaker_counts(store: GraphStore) -> Iterable[tuple[int, str]]:
    """(statements, actor IRI) of every actor credited with a statement, most statements
    first: counted on the statement keys when the store has them (a statement is a key of
    its speaker's), else on the public graph (``web_speaker_counts.rq``, joining every
    statement to its class). The keys are counted and sorted in the store, and the
    :data:`_FIRST_COUNTS` most quoted read first (reading every actor's count took 1.7 s on a
    10,000-article store); the others only if the caller asks for more."""
    if not has_keys(store):
        rows = [(int(r["statements"]), r["actor"]) for r in store.select(load_query("web_speaker_counts"))
                if r["actor"]]
        yield from sorted(rows, key=lambda c: (-c[0], c[1]))
        return
    rows = store.select(f"{_KEYED_SPEAKER_COUNTS} ORDER BY DESC(?statements) LIMIT {_FIRST_COUNTS}")
    counts = sorted(((int(r["statements"]), str(r["key"])[len(KEY_PREFIX):]) for r in rows),
                    key=lambda c: (-c[0], c[1]))
    if len(counts) < _FIRST_COUNTS:
        yield from counts
        return
    least = counts[-1][0]  # actors with this many may have been left out: those with more were not
    yield from (c for c in counts if c[0] > least)
    rows = store.select(_KEYED_SPEAKER_COUNTS)
    yield from sorted(((n, a) for n, a in ((int(r["statements"]), str(r["key"])[len(KEY_PREFIX):]) for r in rows)
                       if n <= least), key=lambda c: (-c[0], c[1]))


#: The most quoted actors read first (all of them only when these run out).
_FIRST_COUNTS = 500


def recent_articles(store: GraphStore, top: int) -> list[Row]:
    """The ``top`` newest articles, as :func:`articles` lists them (the same rows, in the same
    order), without reading every article's row: the ``top`` latest dates found in the store
    (one sort of the dates, no join), the articles of those dates ordered by date and file,
    then each one's row read by index lookups (the dates and files of every article sorted
    in one query took 3.6 s on a 10,000-article store)."""
    latest = store.select(_LATEST.replace("TOP", str(int(top))))
    if len(latest) < top:  # fewer dated articles than asked: the undated come last, by file
        return [article_row(store, str(r["article"])) for r in store.select(_RECENT.replace("TOP", str(int(top))))]
    since = min(str(r["date"]) for r in latest)
    dated = {str(r["article"]) for r in store.select(_SINCE, since=since)}
    newest = sorted(dated, key=lambda a: article_order(store, a), reverse=True)[:top]
    return [article_row(store, a) for a in newest]


_LATEST = """SELECT ?date WHERE { ?article schema:datePublished ?published BIND(STR(?published) AS ?date) }
ORDER BY DESC(?date) LIMIT TOP"""
_SINCE = """SELECT ?article WHERE { ?article schema:datePublished ?published FILTER(STR(?published) >= ?since) }"""
_RECENT = """SELECT ?article WHERE { GRAPH ?article { ?article a schema:NewsArticle ; cg:sourceFile ?file .
  OPTIONAL { ?article schema:datePublished ?published } } BIND(STR(?published) AS ?date) }
ORDER BY DESC(?date) DESC(STR(?file)) LIMIT TOP"""


_HEADLINES = """SELECT ?article WHERE { GRAPH ?article { ?article schema:headline ?headline }
  FILTER(CONTAINS(LCASE(STR(?headline)), ?words)) }"""


def headlines_with(store: GraphStore, words: str) -> list[str]:
    """The IRIs of the articles whose headline contains ``words`` (any case): matched in the
    store, so that a search does not wait for every article's row to be read."""
    return sorted({str(r["article"]) for r in store.select(_HEADLINES, words=words.lower())})


_NAMES_WITH = """SELECT DISTINCT ?actor ?name WHERE { { ?actor rdfs:label ?name } UNION { ?actor skos:altLabel ?name }
  FILTER(CONTAINS(LCASE(STR(?name)), ?words)) }"""
#: The classes whose actors the search finds by name.
_NAMED_KINDS = {term(f"schema:{k}").value: k for k in ("Person", "Organization", "Place")}


def names_with(store: GraphStore, words: str) -> list[Row]:
    """The labels and aliases of people, organisations and places that contain ``words``
    (any case), as :attr:`graph.web.site.Site.names` lists them (``name``, ``actor``,
    ``label``, ``kind``): matched in the store (a scan of the names' strings there), then the
    matching actors' classes and labels read by index lookups, so that a search reads the
    names it shows, not every name with its actor's class and label (``web_names.rq``: 3.7 s
    on a 10,000-article store)."""
    rows = store.select(_NAMES_WITH, words=words.lower())
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)  # actor -> its (label, kind)s
    for actor in sorted({str(r["actor"]) for r in rows}):
        node = iri(actor)
        kinds = sorted(_NAMED_KINDS[q.object.value] for q in store.quads(node, A, None, DEFAULT_GRAPH)
                       if q.object.value in _NAMED_KINDS)
        labels = sorted(q.object.value for q in store.quads(node, LABEL, None, DEFAULT_GRAPH)) if kinds else []
        found[actor] = [(label, kind) for kind in kinds for label in labels]
    return [{"name": r["name"], "actor": str(r["actor"]), "label": label, "kind": kind}
            for r in rows for label, kind in found[str(r["actor"])]]


def every_name(store: GraphStore) -> list[Row]:
    """Every label and alias of a person, organisation or place (``name``, ``actor``,
    ``label``, ``kind``), as ``web_names.rq`` lists them: read from the default graph, which
    alone describes actors, by index lookups from each class's actors (the query took 3.7 to
    4.9 s on a 10,000-article store, these lookups 1.8 s)."""
    rows: list[Row] = []
    for cls, kind in _NAMED_KINDS.items():
        for q in store.quads(None, A, iri(cls), DEFAULT_GRAPH):
            actor = q.subject
            labels = [x.object.value for x in store.quads(actor, LABEL, None, DEFAULT_GRAPH)]
            names = labels + [x.object.value for x in store.quads(actor, ALT_LABEL, None, DEFAULT_GRAPH)]
            rows += [{"name": name, "actor": actor.value, "label": label, "kind": kind}
                     for label in labels for name in dict.fromkeys(names)]
    return rows


def article_order(store: GraphStore, article: str) -> tuple[str, str]:
    """(date, source file) of an article, "" for either it lacks: what :func:`articles` sorts by."""
    node = iri(article)
    return tuple(next((q.object.value for q in store.quads(node, p, None, node)), "")
                 for p in (DATE_PUBLISHED, SOURCE_FILE))


def article_row(store: GraphStore, article: str) -> Row:
    """The row of :func:`articles` of one article, by index lookups in its graph."""
    node = iri(article)
    # a lookup a fact: one scan of the article's facts would read its schema:mentions too (dozens)
    found = {p: next((q.object for q in store.quads(node, p, None, node)), None)
             for p in (SOURCE_FILE, HEADLINE, DATE_PUBLISHED, DATE_INFERRED, PUBLISHER, URL)}
    row = {"article": article, "file": to_python(found[SOURCE_FILE]) if found[SOURCE_FILE] else None,
           "headline": to_python(found[HEADLINE]) if found[HEADLINE] else None,
           "date": found[DATE_PUBLISHED].value if found[DATE_PUBLISHED] else None,
           "inferred": to_python(found[DATE_INFERRED]) if found[DATE_INFERRED] else None,
           "publisher": to_python(found[PUBLISHER]) if found[PUBLISHER] else None,
           "url": to_python(found[URL]) if found[URL] else None}
    return {**row, "outlet": outlet(row)}


def with_actor(sparql: str, node: str) -> str:
    """``sparql`` with the actor IRI ``node`` written in place of ``?actor`` (checked and
    escaped as an IRI by pyoxigraph, so it cannot change the query's structure).

    Bound in a ``VALUES`` block instead, Oxigraph matched the pattern for every actor before
    joining it to the bound one: an actor page's filter counts took 8 s for the busiest actor
    of 10,000 articles (its neighbourhood's statements 22 s, against 0.6 s written in).

    >>> with_actor("SELECT ?n WHERE { ?x cg:indexOf ?actor ; cg:n ?n }", "https://e/p")
    'SELECT ?n WHERE { ?x cg:indexOf <https://e/p> ; cg:n ?n }'
    """
    return _ACTOR.sub(lambda _: str(iri(node)), sparql)


_ACTOR = re.compile(r"\?actor\b")


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
    sections = {key: store.select(with_actor(load_query(q), node)) for key, q in SECTIONS.items()
                if key in ACTOR_SECTIONS and key not in ("names", "roles")}
    sections["names"], sections["roles"] = _names(store, node), _roles(store, node)
    return Actor(node, min(props[LABEL.value]), kind, sorted(set(props[ALT_LABEL.value])),
                 sorted(set(props[JOB_TITLE.value])), [(m, names.get(m, (m, ""))[0]) for m in members], sections)


#: ``web_actor_names.rq`` from the names in an actor's statement keys (one range of the
#: store's subject-first index, not a lookup of each of its index entries: 0.5 s for the
#: busiest actor of a 10,000-article store from a cold cache).
_KEY_NAMES = """SELECT ?name (COUNT(*) AS ?articles) (MIN(?index) AS ?one)
WHERE { GRAPH ?index { KEY cg:knownAs ?name } } GROUP BY ?name ORDER BY ?name"""


def _names(store: GraphStore, node: str) -> list[Row]:
    """Every name of the actor ``node`` (``name``), how many articles give it (``articles``)
    and the source file of one of them (``file``), by ``web_actor_names.rq``, or from the
    names in its statement keys when the store has them (:data:`_KEY_NAMES`)."""
    sparql = _KEY_NAMES.replace("KEY", str(key_node(node))) if has_links(store) else \
        with_actor(load_query("web_actor_names"), node)
    rows = store.select(sparql)
    for row in rows:
        article = iri(str(row.pop("one")).removeprefix(INDEX_GRAPH_PREFIX))
        row["file"] = next((q.object.value for q in store.quads(article, SOURCE_FILE, None, article)), None)
    return rows


def _roles(store: GraphStore, node: str) -> list[Row]:
    """The titles of the actor ``node`` over time, oldest first: ``title``, ``organization``,
    ``date``, how many role nodes state it (``roles``), the first (``role``) and its
    article's source file (``file``), by ``web_actor_roles.rq``. (Read from the roles in the
    statement keys instead, every page of the busiest actor of a 10,000-article store scanned
    its whole key range, p95 573 -> 1,296 ms: the query reads the actor's role nodes only.)"""
    rows = store.select(with_actor(load_query("web_actor_roles"), node))
    for row in rows:
        article = next((q.object for q in store.quads(iri(str(row["role"])), DERIVED_FROM, None, None)), None)
        row["file"] = next((q.object.value for q in store.quads(article, SOURCE_FILE, None, article)), None) \
            if article is not None else None
    return rows


def mentioned_in(store: GraphStore, node: str) -> dict[str, int]:
    """Article IRI -> how many times it mentions the actor ``node``: the articles from the
    indexes, their mentions counted per article graph in SPARQL (``web_mentions.rq``)."""
    counts: dict[str, int] = dict.fromkeys((q.subject.value for q in store.quads(None, MENTIONS, iri(node), None)), 0)
    for row in store.select(with_actor(load_query("web_mentions"), node)):
        if str(row["article"]) in counts:
            counts[str(row["article"])] = int(row["mentions"])
    return counts


_MENTIONED_ORDERS = """SELECT ?article ?date ?file WHERE { GRAPH ?article {
  ?article schema:mentions ?actor ; cg:sourceFile ?file . OPTIONAL { ?article schema:datePublished ?published } }
  BIND(STR(?published) AS ?date) }"""


def mentioned_orders(store: GraphStore, node: str) -> dict[str, tuple[str, str]]:
    """Article IRI -> (date, source file), as :func:`article_order` gives them, of the
    articles whose graph says they mention the actor ``node``: one query (two lookups an
    article took 0.4 to 0.7 s for the 1,836 articles of the busiest actor of a
    10,000-article store). An article with several dates or files is left out (its order is
    for :func:`article_order` to read)."""
    found: dict[str, tuple[str, str]] = {}
    twice: set[str] = set()
    if has_links(store):  # from the statement keys: one range of the store's subject-first index
        rows = store.query(f"SELECT ?g ?order WHERE {{ GRAPH ?g {{ {key_node(node)} cg:mentionOrder ?order }} }}")
        orders = ((row["g"].value[len(INDEX_GRAPH_PREFIX):], row["order"].value.split("\t", 1)) for row in rows)
    else:
        orders = ((str(row["article"]), (str(row.get("date") or ""), str(row["file"])))
                  for row in store.select(with_actor(_MENTIONED_ORDERS, node)))
    for article, (date, file) in orders:
        if article in found:
            twice.add(article)
        found[article] = (date, file)
    return {a: order for a, order in found.items() if a not in twice}


def actor_statements(store: GraphStore, node: str, chosen: StatementFilter, limit: int, offset: int = 0,
                     articles: Mapping[str, Row] | None = None) -> list[Row]:
    """A page of the statements by or about the actor ``node`` that ``chosen`` keeps, one row
    per statement and relation, newest first: the page's keys (statement, article, date,
    position, relation) from the statement keys (:func:`_keyed_page`), or in SPARQL for a
    store without them (:func:`_sparql_page`), then the page's other columns read for its
    statements (``web_actor_details.rq``), so that a page costs little more than its keys.

    Args:
        store: The store.
        node: The actor IRI.
        chosen: The filters.
        limit: Rows at most.
        offset: Rows skipped first.
        articles: Article IRI -> its row of :func:`articles` (``date``, ``outlet``), when
            the caller holds them; read from the store otherwise.
    """
    if has_keys(store):
        keys = _keyed_page(store, node, chosen, limit, offset, _ArticleFacts(store, articles))
    else:
        keys = _sparql_page(store, node, chosen, limit, offset)
    details: dict[str, list[Row]] = defaultdict(list)
    if keys:
        for row in store.select(load_query("web_actor_details"), statement=sorted({iri(k["statement"]) for k in keys})):
            details[str(row["statement"])].append(row)
    return [{**d, **k} for k in keys for d in details[str(k["statement"])]]


def _keyed_page(store: GraphStore, node: str, chosen: StatementFilter, limit: int, offset: int,
                facts: _ArticleFacts) -> list[Row]:
    """The keys of a page of :func:`actor_statements` from the statement keys: dates and
    outlets filtered before a statement is read, speech acts on the statements read."""
    def keep(date: str, article: str) -> bool:
        outlet_ = facts.outlet(article) if chosen.outlet else ""
        return chosen.keeps({"relation": chosen.relation, "act": chosen.act, "date": date, "outlet": outlet_})

    relations = [r for r in RELATIONS if chosen.relation in ("", r)]
    keyed = (k for k in keyed_statements(store, [node], relations, keep)
             if not chosen.act or _act(store, k.statement, k.article) == chosen.act)
    return [{"statement": k.statement, "date": k.date or None, "article": k.article, "begin": k.begin,
             "relation": k.relation} for k in islice(keyed, int(offset), int(offset) + int(limit))]


def _act(store: GraphStore, statement: str, article: str) -> str:
    """A statement's speech act ("warn"), or "" when it has none."""
    acts = sorted(q.object.value for q in store.quads(iri(statement), SPEECH_ACT, None, iri(article)))
    return acts[0].rpartition("#")[2].lower() if acts else ""


def _sparql_page(store: GraphStore, node: str, chosen: StatementFilter, limit: int, offset: int) -> list[Row]:
    """The keys of a page of :func:`actor_statements` in SPARQL, filtered, sorted and cut on
    the rows' keys alone (``web_actor_statements.rq``, with only the filters asked for)."""
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
    return keys[int(offset):int(offset) + int(limit)]


def _keeps(marker: str, relation: str, asked: dict[str, str]) -> bool:
    """Whether a line of ``web_actor_statements.rq`` (or ``web_actor_facets.rq``) ending
    ``# marker`` belongs in the query for ``relation`` with the filters ``asked`` (a line
    without a marker always does)."""
    if marker in RELATIONS:
        return marker == relation
    return marker not in asked or bool(asked[marker])


#: An actor's facets (:func:`graph.rdf.statement_keys.key_quads`) counted in the store by
#: act, date and outlet (their statement cut out): a row per count (reading each facet took
#: 1.5 to 2 times as long for the busiest actor of a 10,000-article store).
_FACETS = r"""SELECT ?f (COUNT(*) AS ?n) WHERE { GRAPH ?g { KEY FACET ?facet }
  BIND(REPLACE(?facet, "^([^\t]*\t[^\t]*)\t[^\t]*", "$1") AS ?f) } GROUP BY ?f"""


def actor_facets(store: GraphStore, node: str, articles: Mapping[str, Row] | None = None) -> list[Row]:
    """The statements by and about the actor ``node`` counted by ``relation``, ``act``,
    ``date`` and ``outlet`` (``statements``): what its page offers to filter by, and how
    many statements a filter keeps (:meth:`StatementFilter.keeps` on each row).

    Counted from the actor's facets in the statement keys when the store has them
    (:func:`graph.rdf.statement_keys.key_quads`: one scan of the actor's key node, 0.6 s ->
    0.05 s for the busiest actor of a 10,000-article store); else per article and speech act
    in SPARQL (``web_actor_facets.rq``, once per relation), then by each article's date and
    outlet (``articles``, as for :func:`actor_statements`).
    """
    counts: Counter[tuple[str, str, str, str]] = Counter()
    if has_facets(store):
        for relation in RELATIONS:
            rows = store.query(_FACETS.replace("KEY", str(key_node(node))).replace("FACET", str(FACETS[relation])))
            for row in rows:
                act, date, outlet_ = row["f"].value.split("\t", 2)
                counts[relation, act, date, outlet_] += int(row["n"].value)
        return _facet_rows(counts)
    facts = _ArticleFacts(store, articles)
    lines = load_query("web_actor_facets").splitlines(keepends=True)
    for relation in RELATIONS:
        sparql = "".join(line for line in lines if _keeps(line.rstrip().rpartition("  # ")[2], relation, {}))
        for row in store.select(with_actor(sparql, node)):
            article = str(row["article"])
            act = str(row.get("actIri") or "").rpartition("#")[2].lower()
            counts[relation, act, facts.date(article), facts.outlet(article)] += int(row["statements"])
    return _facet_rows(counts)


def _facet_rows(counts: Counter[tuple[str, str, str, str]]) -> list[Row]:
    """The rows of :func:`actor_facets` from its counts by (relation, act, date, outlet)."""
    return [{"relation": relation, "act": act, "date": date or None, "outlet": outlet_, "statements": n}
            for (relation, act, date, outlet_), n in sorted(counts.items())]


class _ArticleFacts:
    """The date and outlet of articles, from rows the caller holds (:func:`articles`) or read
    from the store once each."""

    def __init__(self, store: GraphStore, rows: Mapping[str, Row] | None) -> None:
        self.store, self.rows, self.read = store, rows or {}, {}

    def _row(self, article: str) -> Row:
        if article in self.rows:
            return self.rows[article]
        if article not in self.read:
            node = iri(article)
            found = {p: next((q.object.value for q in self.store.quads(node, p, None, node)), None)
                     for p in (DATE_PUBLISHED, PUBLISHER, URL)}
            self.read[article] = {"date": found[DATE_PUBLISHED],
                                  "outlet": outlet({"publisher": found[PUBLISHER], "url": found[URL]})}
        return self.read[article]

    def date(self, article: str) -> str:
        """The article's date as written, or ""."""
        return str(self._row(article).get("date") or "")

    def outlet(self, article: str) -> str:
        """The article's outlet (:func:`outlet`), or ""."""
        return str(self._row(article).get("outlet") or "")


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


#: How many role nodes give each title (as written): one grouped scan of ``cg:title`` in the store.
_ROLE_TITLES = "SELECT ?title (COUNT(?role) AS ?roles) WHERE { ?role cg:title ?title } GROUP BY ?title"


def role_titles(store: GraphStore) -> list[tuple[str, list[str], int]]:
    """The titles of every role, one entry per title whatever its case: (the title folded,
    its spellings, how many role nodes give it), in the order of ``roles.rq`` (``LCASE``).

    Counted in the store (one grouped scan, a row per spelling): reading every role's row
    (:func:`graph.entity.roles`, 28,662 on a 10,000-article store) to show a page of 100
    took 32 s; a page reads its titles' roles only (:func:`roles_of`)."""
    groups: dict[str, tuple[list[str], list[int]]] = {}
    for row in store.select(_ROLE_TITLES):
        title = str(row["title"])
        spellings, count = groups.setdefault(title.lower(), ([], [0]))
        spellings.append(title)
        count[0] += int(row["roles"])
    return [(folded, sorted(spellings), count[0]) for folded, (spellings, count) in sorted(groups.items())]


def roles_of(store: GraphStore, spellings: Iterable[str], labels: dict[str, str | None],
             files: dict[str, str | None]) -> list[Row]:
    """The rows of :func:`graph.entity.roles` (``person``, ``title``, ``organization``,
    ``date``, ``file``, ``begin``, ``end``, ``personIri``, ``role``) of the roles with one of
    these titles, by date, person, file and start as ``roles.rq`` orders them: by index
    lookups from each role node (its graph is its article's), without the query's joins.

    Args:
        store: The store.
        spellings: Titles as written.
        labels: Actor IRI -> its label, kept between calls (filled here).
        files: Article IRI -> its source file, likewise.
    """
    def label(node: str | None) -> str | None:
        if node is None:
            return None
        if node not in labels:
            found = sorted(q.object.value for q in store.quads(iri(node), LABEL, None, DEFAULT_GRAPH))
            labels[node] = found[0] if found else None
        return labels[node]

    def one(subject: object, predicate: object, graph: object) -> object:
        return next((q.object for q in store.quads(subject, predicate, None, graph)), None)

    rows: list[Row] = []
    for spelling in sorted(set(spellings)):
        for q in store.quads(None, TITLE, Literal(spelling), None):
            role, graph = q.subject, q.graph_name
            article = graph.value
            if article not in files:
                found = one(graph, SOURCE_FILE, graph)
                files[article] = found.value if found is not None else None
            member, begin = one(role, MEMBER, graph), one(role, BEGIN, graph)
            person = label(member.value) if member is not None else None
            if person is None or files[article] is None or begin is None:
                continue  # as roles.rq, which needs a labelled member, a source file and offsets
            valid = one(role, VALID_AT, graph)
            rows.append({"person": person, "title": spelling, "date": valid.value if valid is not None else None,
                         "file": files[article], "begin": to_python(begin), "personIri": member.value,
                         "role": role.value, "_graph": graph})
    rows.sort(key=lambda r: (r["date"] is not None, r["date"] or "", r["person"], r["file"], r["begin"]))
    return rows


def role_details(store: GraphStore, rows: list[Row], labels: dict[str, str | None]) -> list[Row]:
    """``rows`` of :func:`roles_of` with their ``end`` and ``organization`` (its label) read."""
    out = []
    for row in rows:
        row = dict(row)
        graph, role = row.pop("_graph"), iri(row["role"])
        end = next((q.object for q in store.quads(role, END, None, graph)), None)
        org = next((q.object.value for q in store.quads(role, ORGANIZATION, None, graph)), None)
        if org is not None and org not in labels:
            found = sorted(q.object.value for q in store.quads(iri(org), LABEL, None, DEFAULT_GRAPH))
            labels[org] = found[0] if found else None
        out.append({**row, "end": to_python(end) if end is not None else None,
                    "organization": labels.get(org) if org is not None else None})
    return out
