"""The statement keys: an actor's statements, by it and about it, in the order pages list them.

``claimgraph said`` and the browsing app's actor pages list an actor's statements newest
first. Read from the public graph alone, that order needs every statement of the actor
joined to its article's date before the first row is known, which grows with the actor's
statements. The keys turn it into a sort of plain integers, which any SPARQL store does
without reading a string: for each statement an article attributes to an actor
(``prov:wasAttributedTo``) or says is about it (``schema:about``), the article's private
index graph (:func:`graph.rdf._terms.index_graph`) holds::

    <urn:claimgraph:key:ACTOR> cg:statementBy (or cg:statementAbout) KEY

KEY (:func:`sort_key`) is 99999999 minus the article's date as YYYYMMDD, then the
statement's start offset on ten digits: ascending keys are newest first, then by position;
the page order (date, newest first, then article IRI, start offset, relation, statement IRI)
is finished within each date (:func:`keyed_statements`).

The keys follow from the article's own quads (:func:`key_quads`) and are set-valued, so
they live and die with the article's index graph: replaced and dropped with it, renamed with
its actors (:func:`key_node` moves with the actor, :func:`graph.rdf.name_index.index_moves`),
the same whatever the order of writing, never in an export unless the index is asked for.
A store marks that every article has them (:func:`has_keys`); one built before them is read
without them (its readers fall back to SPARQL over the public graph) until :func:`add_keys`
writes them (``claimgraph keys``).

Since version 2 of the keys, the index graph also holds each such statement's **facets**
(:func:`key_quads`): what an actor page offers to filter its statements by, the speech
act, the article's date and outlet, so that the page counts them from one scan of its
actor's facets instead of joining every statement to its act and its article
(:func:`graph.web.reads.actor_facets`; :func:`has_facets` says whether a store has them)::

    <urn:claimgraph:key:ACTOR> cg:facetBy (or cg:facetAbout) "ACT\\tDATE\\tSTATEMENT\\tOUTLET"

one literal per statement and speech act (ACT the act's name in lowercase, or "" for none;
DATE as written or ""; STATEMENT the statement IRI after its article's IRI, which keeps the
literals of two statements apart; OUTLET, last as it may hold any character, the
``schema:publisher``, else the host of ``schema:url``, else ""). Likewise, for the conflicts
between figures (:func:`graph.conflicts.conflicts`), the actors mentioned near each
statistic with a period (also :func:`key_quads`), which the conflicts read by one lookup a
figure instead of a query over its article's mentions::

    <urn:claimgraph:key:STATISTIC> cg:mentionedNear ACTOR

They are made, renamed (the actors are IRIs, renamed with the index), replaced and dropped
with the keys.

Since version 3, the index graph also holds each such statement's **counterparts** (the
actors the statement by the actor is about, and the speakers of a statement about the
actor), which an actor's neighbourhood view counts (:func:`graph.web.neighbours.neighbourhood`;
:func:`has_links` says whether a store has them)::

    <urn:claimgraph:key:ACTOR> <urn:claimgraph:link:RELATION/ACT/STATEMENT> COUNTERPART

one quad per statement, counterpart and speech act (RELATION "by" or "about", ACT as in the
facets, STATEMENT the statement IRI after its article's IRI). The counterpart is the object,
an IRI, so that renaming an actor renames it as it renames the keys; the statement and act,
which a rename leaves alone, are in the predicate, which keeps one quad per statement (an
index graph is a set). All the quads of an actor's key node lie together in the store's
subject-first index, so that a view reads them as one range instead of looking up each
statement in its article's graph (a random read each, from a cold cache: 1.6 to 1.8 s for
the busiest actor of a 10,000-article store). Likewise the **roles** naming the actor as a
member or as the organisation, which its page lists by title and its view links::

    <urn:claimgraph:key:ACTOR> <urn:claimgraph:role:member/ROLE> MEMBER
    <urn:claimgraph:key:ACTOR> <urn:claimgraph:role:organization/ROLE> ORGANIZATION
    <urn:claimgraph:key:ACTOR> <urn:claimgraph:role:facts/ROLE> "JSON"

for every member and organisation of the role node ROLE (its IRI after its article's IRI),
and the facts a rename leaves alone, as a JSON object: whether it is a ``cg:Role``, its
titles, its dates (``cg:validAt``, as written) and start offsets, each sorted
(:func:`key_roles` reads them back). And what else an actor page lists, each name the
article's name index gives the actor, and the article's date and source file when its graph
says it mentions the actor (what orders the articles that mention it)::

    <urn:claimgraph:key:ACTOR> cg:knownAs "NAME"
    <urn:claimgraph:key:ACTOR> cg:mentionOrder "DATE\tFILE"
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

from graph.rdf._terms import (A, ABOUT, ATTRIBUTED_TO, BEGIN, DATE_PUBLISHED, END, INDEX_GRAPH_PREFIX, INDEX_OF,
                              LOCAL_NAME, MEMBER, MENTIONS, ORGANIZATION, PERIOD, REFERS_TO, ROLE, SOURCE_FILE,
                              SPEECH_ACT, STATEMENT, STATEMENT_ABOUT, STATEMENT_BY, STATEMENT_KEYS, STORE_GRAPH, TITLE,
                              VALID_AT, Literal, NamedNode, Quad, index_graph, iri, term)
from graph.rdf.base import GraphStore
from graph.rdf.nquads import integer, line, lines, literal, parse, split, value

#: The private node standing for an actor in the keys is this prefix + the actor IRI.
KEY_PREFIX = "urn:claimgraph:key:"
#: The version of the keys a store marks itself with (``cg:statementKeys``): 2 since the
#: keys come with their facets (:func:`key_quads`).
KEYS_VERSION = 3
#: The first version of the keys with facets.
FACETS_VERSION = 2
#: The first version of the keys with the statements' counterparts (:data:`LINK_PREFIX`).
LINKS_VERSION = 3
#: The predicates of the counterparts' quads are this prefix + "RELATION/ACT/STATEMENT" (:func:`link_predicate`).
LINK_PREFIX = "urn:claimgraph:link:"
#: The predicates of the roles' quads are this prefix + "PART/ROLE" (:func:`key_roles`).
ROLE_PREFIX = "urn:claimgraph:role:"
#: A name the article's name index gives the actor (:func:`key_quads`).
KNOWN_AS = term("cg:knownAs")
#: "DATE\tFILE" of an article mentioning the actor (:func:`key_quads`).
MENTION_ORDER = term("cg:mentionOrder")
#: The predicates (their text) :func:`key_lines` reads a role node's facts from (its members and organisations apart).
_ROLE_FACTS = {str(TITLE): "titles", str(VALID_AT): "valid", str(BEGIN): "begins"}
#: Relation ("by", "about") -> the predicate of the facets of the actor's statements.
FACETS: dict[str, NamedNode] = {"by": term("cg:facetBy"), "about": term("cg:facetAbout")}
_PUBLISHER, _URL = str(term("schema:publisher")), str(term("schema:url"))
#: An actor mentioned near a statistic (:func:`key_quads`).
MENTIONED_NEAR = term("cg:mentionedNear")
#: Characters either side of a statistic in which the actors mentioned are near it
#: (:data:`graph.conflicts.WINDOW`, its subjects).
NEAR_WINDOW = 120
#: Relation ("by", "about") -> the public predicate linking a statement to the actor, and the key predicate.
RELATIONS: dict[str, tuple[NamedNode, NamedNode]] = {"by": (ATTRIBUTED_TO, STATEMENT_BY),
                                                      "about": (ABOUT, STATEMENT_ABOUT)}
#: The public predicate -> the key predicates it gives (their text, as :func:`key_lines` reads and writes them).
_KEY_OF: dict[str, list[str]] = {}
for _link, _key in RELATIONS.values():
    _KEY_OF.setdefault(str(_link), []).append(str(_key))
#: The public predicate (its text) -> its relation ("by", "about").
_RELATION_OF = {str(link): relation for relation, (link, _) in RELATIONS.items()}
_OFFSET = 10 ** 10
#: Keys whose statements :func:`keyed_statements` reads together.
STATEMENTS_CHUNK = 64
_NO_DATE = 99999999


@dataclass(frozen=True)
class Keyed:
    """One statement by or about an actor, as the keys list it.

    Attributes:
        article: The article IRI.
        begin: The statement's start offset.
        relation: "by" or "about".
        statement: The statement IRI.
        date: The article's date as written ("2019", "2019-03", "2019-03-05"), or "".
    """

    article: str
    begin: int
    relation: str
    statement: str
    date: str


_KEY_PREDICATES = frozenset((STATEMENT_BY, STATEMENT_ABOUT, MENTIONED_NEAR, KNOWN_AS, MENTION_ORDER, *FACETS.values()))
#: The text of the terms :func:`key_lines` reads and writes (it compares lines' terms as text).
(_A, _BEGIN, _END, _DATE_PUBLISHED, _INDEX_OF, _LOCAL_NAME, _MEMBER, _MENTIONS, _ORGANIZATION, _PERIOD, _REFERS_TO, _ROLE,
 _SOURCE_FILE, _SPEECH_ACT, _STATEMENT, _KNOWN_AS, _MENTION_ORDER, _MENTIONED_NEAR) = (
    str(t) for t in (A, BEGIN, END, DATE_PUBLISHED, INDEX_OF, LOCAL_NAME, MEMBER, MENTIONS, ORGANIZATION, PERIOD, REFERS_TO,
                     ROLE, SOURCE_FILE, SPEECH_ACT, STATEMENT, KNOWN_AS, MENTION_ORDER, MENTIONED_NEAR))
_FACETS = {relation: str(p) for relation, p in FACETS.items()}


def key_node(actor: str) -> NamedNode:
    """The private node that stands for ``actor`` in the keys.

    >>> key_node("https://example.org/person/x").value
    'urn:claimgraph:key:https://example.org/person/x'
    """
    return NamedNode(KEY_PREFIX + actor)


def link_predicate(relation: str, act: str, statement: str) -> NamedNode:
    """The predicate of a counterpart's quad (see the module's docstring).

    >>> link_predicate("by", "warn", "/statement/3-9").value
    'urn:claimgraph:link:by/warn//statement/3-9'
    """
    return NamedNode(f"{LINK_PREFIX}{relation}/{act}/{statement}")


def parse_link(predicate: str) -> tuple[str, str, str] | None:
    """(relation, act, statement after its article's IRI) of a counterpart's predicate, or
    None for another predicate.

    >>> parse_link("urn:claimgraph:link:about///statement/3-9"), parse_link("urn:x")
    (('about', '', '/statement/3-9'), None)
    """
    if not predicate.startswith(LINK_PREFIX):
        return None
    relation, act, statement = predicate[len(LINK_PREFIX):].split("/", 2)
    return relation, act, statement


def sort_key(date: str | None, begin: int) -> int:
    """The key of a statement starting at ``begin`` in an article of ``date`` (ISO, or None).

    >>> sort_key("2019-03-05", 120), sort_key("2019", 7), sort_key(None, 0)
    (798096940000000120, 798099990000000007, 999999990000000000)
    """
    digits = int((date or "").replace("-", "").ljust(8, "0")) if date else 0
    return (_NO_DATE - digits) * _OFFSET + begin


def date_of(key: int) -> str:
    """The date (as written) that :func:`sort_key` put in ``key``.

    >>> date_of(798096940000000120), date_of(798099990000000007), date_of(999999990000000000)
    ('2019-03-05', '2019', '')
    """
    digits = f"{_NO_DATE - key // _OFFSET:08d}"
    if digits == "00000000":
        return ""
    parts = [digits[:4], digits[4:6], digits[6:]]
    return "-".join(p for i, p in enumerate(parts) if i == 0 or p != "00")


def key_quads(quads: Iterable[Quad], article: str) -> list[Quad]:
    """The quads of :func:`key_lines`, from quads (it reads those of the article's graph and
    its index graph: the others, of the default graph among them, are left out)."""
    return parse(key_lines(lines(q for q in quads if isinstance(q.graph_name, NamedNode)), article))


def key_lines(quads: Iterable[str], article: str) -> list[str]:
    """The keys of an article's statements, their facets and the actors near its statistics
    (see the module's docstring), from the N-Quads lines of its graph (and of its index
    graph, for the names; :mod:`graph.rdf.nquads`: read as text, not as pyoxigraph terms,
    each of which costs a new object), for its index graph, as N-Quads lines; sorted,
    without duplicates. One pass over the lines: an article has hundreds.

    Keys: for each statement (``cg:Statement``) and each actor it is attributed to or about,
    its sort key (:func:`sort_key` of the article's date and the statement's start). Facets:
    the same pairs, one per speech act the statement has (one with "" when it has none), as
    ``web_actor_facets.rq`` counts them. Counterparts: for the same pairs and acts, each actor
    on the other side of the statement (whom a statement by the actor is about, who made a
    statement about it), as the neighbourhood view links them. Near: for each node with a period (``cg:period``, a
    statistic's) and offsets, the actors (``cg:refersTo``) of the mentions that start within
    :data:`NEAR_WINDOW` characters of it, as ``conflicts_mentions.rq`` finds them.
    """
    graph = f"<{article}>"
    index = f"<{INDEX_GRAPH_PREFIX}{article}>"
    date: str | None = None
    statements, figures, links, referring = set(), set(), [], []
    acts: dict[str, list[str]] = {}
    offsets: dict[str, dict[str, int]] = {}
    facts: dict[str, str] = {}  # publisher and address of the article, the first of each
    entries: dict[str, list] = {}  # the name index's entry -> its actors, then its names
    mentioned, files, dates = [], [], []
    parties: dict[str, dict[str, set[str]]] = {}  # role node -> its members and organisations
    role_facts: dict[str, dict[str, set]] = {}  # any node -> is it a role, its titles, dates and starts
    for text in quads:
        s, p, o, g = split(text)
        if g != graph:
            if g == index and (p == _INDEX_OF or p == _LOCAL_NAME):
                entries.setdefault(s, [[], []])[p == _LOCAL_NAME].append(o)
            continue
        if s == graph:
            if p == _MENTIONS and o[0] == "<":
                mentioned.append(o)
            elif p == _SOURCE_FILE:
                files.append(value(o))
            elif p == _DATE_PUBLISHED:
                dates.append(value(o))
        if p in _ROLE_FACTS:
            role_facts.setdefault(s, {}).setdefault(_ROLE_FACTS[p], set()).add(int(value(o)) if p == _BEGIN else value(o))
        if p == _A:
            if o == _STATEMENT:
                statements.add(s)
            elif o == _ROLE:
                role_facts.setdefault(s, {})["role"] = {True}
        elif p == _MEMBER or p == _ORGANIZATION:
            if o[0] == "<":
                parties.setdefault(s, {"member": set(), "organization": set()})[
                    "member" if p == _MEMBER else "organization"].add(o)
        elif p == _BEGIN or p == _END:
            offsets.setdefault(s, {})[p] = int(value(o))
        elif p in _KEY_OF:
            links.append((s, p, o))
        elif p == _REFERS_TO:
            referring.append((s, o))
        elif p == _SPEECH_ACT:
            acts.setdefault(s, []).append(o[1:-1].rpartition("#")[2].lower())
        elif p == _PERIOD:
            figures.add(s)
        elif p == _DATE_PUBLISHED and date is None and s == graph:
            date = value(o)
        elif (p == _PUBLISHER or p == _URL) and p not in facts and s == graph:
            facts[p] = o[1:-1] if o[0] == "<" else value(o)
    outlet = facts.get(_PUBLISHER) or urlsplit(facts.get(_URL) or "").hostname or ""
    links = [(s, p, o) for s, p, o in links if s in statements and o[0] == "<"]
    key = f"<{KEY_PREFIX}"  # + an actor's IRI without its "<": its key node (key_node)
    cut = len(graph) - 1  # a node's IRI after its article's: node[cut:-1]
    found = {line(key + o[1:], k, integer(sort_key(date, offsets[s][_BEGIN])), index)
             for s, p, o in links if _BEGIN in offsets.get(s, {}) for k in _KEY_OF[p]}
    found.update(line(key + o[1:], _FACETS[_RELATION_OF[p]], literal(f"{act}\t{date or ''}\t{s[cut:-1]}\t{outlet}"), index)
                 for s, p, o in links for act in acts.get(s, [""]))
    sides: dict[str, dict[str, list[str]]] = {}
    for s, p, o in links:
        sides.setdefault(s, {"by": [], "about": []})[_RELATION_OF[p]].append(o)
    found.update(line(key + actor[1:], f"<{LINK_PREFIX}{relation}/{act}/{statement[cut:-1]}>", other, index)
                 for statement, side in sides.items() for relation, other_side in (("by", "about"), ("about", "by"))
                 for actor in side[relation] for other in side[other_side]
                 for act in acts.get(statement, [""]))
    found.update(line(key + actor[1:], _KNOWN_AS, name, index) for actors, names in entries.values()
                 for actor in actors if actor[0] == "<" for name in names)
    found.update(line(key + actor[1:], _MENTION_ORDER, literal(f"{date}\t{file}"), index)
                 for actor in mentioned for file in files for date in dates or [""])
    for node, sides_ in parties.items():
        suffix = node[cut:-1]
        told = role_facts.get(node, {})
        facts_ = literal(json.dumps({"role": bool(told.get("role")), **{k: sorted(told.get(k, ()))
                                                                        for k in ("titles", "valid", "begins")}},
                                    sort_keys=True))
        for actor in sides_["member"] | sides_["organization"]:
            found.add(line(key + actor[1:], f"<{ROLE_PREFIX}facts/{suffix}>", facts_, index))
            found.update(line(key + actor[1:], f"<{ROLE_PREFIX}{part}/{suffix}>", other, index)
                         for part, others in sides_.items() for other in others)
    mentions = [(offsets[s][_BEGIN], o) for s, o in referring if _BEGIN in offsets.get(s, {}) and o[0] == "<"]
    for f in figures:
        span = offsets.get(f, {})
        if _BEGIN in span and _END in span:
            found.update(line(key + f[1:], _MENTIONED_NEAR, actor, index) for begin, actor in mentions
                         if span[_BEGIN] - NEAR_WINDOW <= begin <= span[_END] + NEAR_WINDOW)
    return sorted(found)


def is_key_quad(quad: Quad) -> bool:
    """True when ``quad`` of an index graph is one of the keys :func:`key_quads` makes (not
    the name index's)."""
    p = quad.predicate
    return p in _KEY_PREDICATES or p.value.startswith((LINK_PREFIX, ROLE_PREFIX))


def has_keys(store: GraphStore) -> bool:
    """True when every article of ``store`` has its keys (the store is marked so)."""
    return bool(store.quads(STORE_GRAPH, STATEMENT_KEYS, None, STORE_GRAPH))


def has_facets(store: GraphStore) -> bool:
    """True when every article of ``store`` has its keys with their facets and the actors
    near its statistics (the store is marked with keys of version :data:`FACETS_VERSION` or
    later)."""
    return any(q.object.value.isdigit() and int(q.object.value) >= FACETS_VERSION
               for q in store.quads(STORE_GRAPH, STATEMENT_KEYS, None, STORE_GRAPH))


def has_links(store: GraphStore) -> bool:
    """True when every article of ``store`` has its keys with the statements' counterparts
    (the store is marked with keys of version :data:`LINKS_VERSION` or later)."""
    return any(q.object.value.isdigit() and int(q.object.value) >= LINKS_VERSION
               for q in store.quads(STORE_GRAPH, STATEMENT_KEYS, None, STORE_GRAPH))


@dataclass
class KeyedRole:
    """A role node naming an actor as a member or as the organisation, as the keys hold it.

    Attributes:
        role: Its IRI.
        article: Its article's IRI.
        members: Its members' IRIs (``org:member``), sorted.
        organizations: Its organisations' IRIs (``org:organization``), sorted.
        is_role: Whether it is a ``cg:Role``.
        titles: Its titles (``cg:title``), sorted.
        valid: Its dates as written (``cg:validAt``), sorted.
        begins: Its start offsets, sorted.
    """

    role: str
    article: str
    members: list[str]
    organizations: list[str]
    is_role: bool
    titles: list[str]
    valid: list[str]
    begins: list[int]


def key_range(store: GraphStore, actor: str) -> list[tuple[str, str, str]]:
    """(article IRI, predicate, object's value) of the counterparts' and roles' quads of
    ``actor``'s key node: one scan of its range of the store's subject-first index (a
    neighbourhood view reads both from it). Only for a store that :func:`has_links`."""
    rows = store.query(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {key_node(actor)} ?p ?o }} "
                       f'FILTER(STRSTARTS(STR(?p), "urn:claimgraph:")) }}')
    return [(row["g"].value[len(INDEX_GRAPH_PREFIX):], row["p"].value, row["o"].value) for row in rows]


def key_roles(rows: Iterable[tuple[str, str, str]]) -> list[KeyedRole]:
    """The role nodes naming an actor as a member or organisation, from the rows of its
    :func:`key_range`, sorted by IRI."""
    parts: dict[tuple[str, str], dict] = {}
    for article, predicate, value in rows:
        if not predicate.startswith(ROLE_PREFIX):
            continue
        part, _, suffix = predicate[len(ROLE_PREFIX):].partition("/")
        found = parts.setdefault((article, suffix), {"member": [], "organization": [], "facts": {}})
        if part == "facts":
            found["facts"] = json.loads(value)
        else:
            found[part].append(value)
    return sorted((KeyedRole(article + suffix, article, sorted(p["member"]), sorted(p["organization"]),
                             bool(p["facts"].get("role")), p["facts"].get("titles", []), p["facts"].get("valid", []),
                             p["facts"].get("begins", []))
                   for (article, suffix), p in parts.items()), key=lambda r: r.role)


def mark_quad() -> Quad:
    """The quad by which a store says every article has its keys."""
    return Quad(STORE_GRAPH, STATEMENT_KEYS, Literal(KEYS_VERSION), STORE_GRAPH)


def add_keys(store: GraphStore) -> int:
    """Write the keys (and their facets) of every article of ``store`` (built before them, or
    before their facets), then mark it.

    One transaction per article, each making its keys what :func:`key_quads` gives, so that
    an interrupted run is finished by running it again; the mark (of this version, replacing
    an older one) comes last.

    Returns:
        How many articles had keys added or changed.
    """
    changed = 0
    for article in store.articles():
        indexed = store.quads(None, None, None, index_graph(article))
        stored = {q for q in indexed if is_key_quad(q)}
        new = set(key_quads(store.quads(None, None, None, iri(article)) + [q for q in indexed if not is_key_quad(q)],
                            article))
        if stored != new:
            store.change(sorted(stored - new, key=str), sorted(new - stored, key=str))
            changed += 1
    marks = store.quads(STORE_GRAPH, STATEMENT_KEYS, None, STORE_GRAPH)
    if marks != [mark_quad()]:
        store.change([m for m in marks if m != mark_quad()], [mark_quad()])
    return changed


def keyed_statements(store: GraphStore, actors: Sequence[str], relations: Sequence[str],
                     keep: Callable[[str, str], bool] | None = None) -> Iterator[Keyed]:
    """The statements by or about (``relations``) any of ``actors``, in page order: the
    article's date, newest first (none last), then article IRI, start offset, relation and
    statement IRI; each statement once per relation. Lazy: a page reads its keys, the rest
    of its last date's keys, and the statements of its keys, :data:`STATEMENTS_CHUNK` keys
    at a time (a server: two requests a chunk); the keys come in order from
    :meth:`~graph.rdf.base.GraphStore.ordered_quads` (in an embedded store, lazily from its
    index).

    Only for a store that :func:`has_keys`.

    Args:
        store: The store.
        actors: Actor IRIs.
        relations: "by", "about" or both.
        keep: Called with the date ("" when none) and article IRI of each key: those it
            refuses are skipped before their statements are read.
    """
    if not actors or not relations:
        return
    relation_of = {RELATIONS[r][1].value: r for r in relations}
    quads = store.ordered_quads([key_node(a) for a in sorted(set(actors))], [RELATIONS[r][1] for r in relations])
    entries = ((int(q.object.value), q.graph_name.value[len(INDEX_GRAPH_PREFIX):], relation_of[q.predicate.value],
                q.subject.value[len(KEY_PREFIX):]) for q in quads)
    chunk: list[tuple[str, int, str, set[str], str]] = []
    for key_date, group in groupby(entries, key=lambda e: e[0] // _OFFSET):
        date = date_of(key_date * _OFFSET)
        found: dict[tuple[str, int, str], set[str]] = {}
        for key, article, relation, actor in group:
            found.setdefault((article, key % _OFFSET, relation), set()).add(actor)
        for (article, begin, relation), of in sorted(found.items()):
            if keep is None or keep(date, article):
                chunk.append((article, begin, relation, of, date))
            if len(chunk) == STATEMENTS_CHUNK:
                yield from _statements(store, chunk)
                chunk = []
    yield from _statements(store, chunk)


def _statements(store: GraphStore, keys: list[tuple[str, int, str, set[str], str]]) -> Iterator[Keyed]:
    """The statements of ``keys`` (article, start offset, relation, actors, date), in their
    order: for each, those of the article starting at the offset that the relation ties to
    one of the actors, sorted. The nodes at each offset, then whether each is a statement
    and what it is tied to, are read for the whole chunk at once
    (:meth:`~graph.rdf.base.GraphStore.quads_each`: index lookups in the embedded store, one
    request each for a server, not a few per key)."""
    pairs = list(dict.fromkeys((k[0], k[1]) for k in keys))
    at = dict(zip(pairs, store.quads_each([(None, BEGIN, Literal(begin), iri(article)) for article, begin in pairs])))
    asked = list(dict.fromkeys(pattern for article, begin, relation, _, _ in keys for q in at[(article, begin)]
                               for pattern in ((q.subject, A, STATEMENT, q.graph_name),
                                               (q.subject, RELATIONS[relation][0], None, q.graph_name))))
    answers = dict(zip(asked, store.quads_each(asked)))
    for article, begin, relation, actors, date in keys:
        link, of = RELATIONS[relation][0], {iri(a) for a in actors}
        found = {q.subject.value for q in at[(article, begin)] if answers[(q.subject, A, STATEMENT, q.graph_name)]
                 and any(t.object in of for t in answers[(q.subject, link, None, q.graph_name)])}
        for statement in sorted(found):
            yield Keyed(article, begin, relation, statement, date)
