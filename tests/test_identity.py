"""One graph across articles: the seeds in every build order give the same graph, and every
identity rule gives the same store whether articles are written, or removed, one at a time."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.identity import remove_article, write_article
from graph.pipeline import build
from graph.rdf.ids import Ids
from graph.rdf.name_index import index_graph
from graph.rdf.namespace import CG, RDF, RDFS, SKOS
from graph.rdf.store import Store
from graph.rdf.validate import validate
from graph.records import Article, ArticleRecord, Entity, Mention, Role, Span, Statement
from graph.resolve.descriptors import Descriptor

from .conftest import SEEDS
from .resolve.test_cluster import CASES, IDS, groups

FILES = sorted(SEEDS.glob("*.txt"))
ORDERS = {
    "forward": [FILES],
    "reverse": [FILES[::-1]],
    "one at a time": [[f] for f in FILES[::-1]],
    "two batches": [FILES[2:], FILES[:2]],
}


def _build(tmp_path: Path, groups, nlp) -> bytes:
    with Store.open(tmp_path / "store") as store:
        for group in groups:
            assert build(group, store, nlp=nlp).ok
        buf = io.BytesIO()
        store.export("nquads", buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def forward(tmp_path_factory, nlp) -> bytes:
    return _build(tmp_path_factory.mktemp("fw"), ORDERS["forward"], nlp)


@pytest.mark.slow
@pytest.mark.parametrize("order", ["reverse", "one at a time", "two batches"])
def test_build_order_does_not_change_the_graph(order, forward, tmp_path, nlp):
    assert _build(tmp_path, ORDERS[order], nlp) == forward


@pytest.mark.slow
@pytest.mark.parametrize(("cls", "count"), [("Person", 23), ("Organization", 23), ("Place", 13)])
def test_node_counts(forward, cls, count):
    store = ox.Store()
    store.load(forward, format=ox.RdfFormat.N_QUADS)
    rows = store.query(f"SELECT ?x WHERE {{ ?x a <https://schema.org/{cls}> }}")  # the default graph only
    assert len(list(rows)) == count


@pytest.mark.slow
@pytest.mark.parametrize(("actor", "articles"), [
    ("person/sar-kheng", 3), ("person/meas-vyrith", 2), ("organization/national-police", 3),
    ("organization/national-authority-for-combating-drugs", 2), ("organization/ministry-of-interior", 4),
])
def test_actors_span_articles(forward, actor, articles):
    store = ox.Store()
    store.load(forward, format=ox.RdfFormat.N_QUADS)
    iri = f"<https://w3id.org/claimgraph/id/{actor}>"
    rows = list(store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <https://schema.org/mentions> {iri} }} }}"))
    assert len(rows) == articles


@pytest.mark.slow
def test_actors_known_by_a_common_noun_stay_in_their_article(tmp_path, nlp):
    """"the fire service" of one article is never resolved into another's, in any order."""
    texts = {
        "a.txt": "Blaze in Varnholt\n\nThree houses burned on Monday, the fire service said.\n",
        "b.txt": "Flood in Ostreva\n\nThe fire service said the river rose two metres overnight.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    rows = []
    for order in (["a.txt", "b.txt"], ["b.txt", "a.txt"]):
        with Store.open(tmp_path / f"store-{order[0]}") as store:
            for name in order:
                assert build([tmp_path / name], store, nlp=nlp).ok
            rows.append(sorted((r["g"], r["actor"]) for r in store.select(
                "SELECT DISTINCT ?g ?actor WHERE { ?actor rdfs:label ?l FILTER(CONTAINS(LCASE(?l), 'fire service')) "
                "GRAPH ?g { ?mention cg:refersTo ?actor } }")))
    assert rows[0] == rows[1]
    assert len(rows[0]) == 2 and rows[0][0][1] != rows[0][1][1], rows[0]
    assert all(actor.startswith(graph) for graph, actor in rows[0])


def _record(desc: Descriptor) -> ArticleRecord:
    """An article naming one actor with the descriptor's names, titles and merge reasons."""
    words = [*sorted(desc.titles), *sorted(desc.names)]
    text = ", ".join(words) + "."
    spans = {w: Span(text.index(w), text.index(w) + len(w)) for w in words}
    entity = Entity("e0", desc.kind, desc.ref, set(desc.names) - {desc.ref},
                    [Mention(spans[n], n) for n in sorted(desc.names)], evidence=sorted(desc.reasons))
    roles = [Role("e0", t, None, spans[t]) for t in sorted(desc.titles)]
    article_id = desc.article.rsplit(":", 1)[1]
    return ArticleRecord(Article(article_id, f"{article_id}.txt", text), [entity], roles)


LOCAL_NAME, INDEX_OF = ox.NamedNode(str(CG.localName)), ox.NamedNode(str(CG.indexOf))
#: The predicates of an actor's description, which only the default graph may hold.
DESCRIPTION = [ox.NamedNode(p) for p in (str(RDF.type), str(RDFS.label), str(SKOS.altLabel),
                                         "https://schema.org/jobTitle", "http://www.w3.org/ns/org#memberOf")]


def _stored_groups(store: Store, descs: list[Descriptor]) -> set[frozenset[str]]:
    by_actor: dict[str, set[str]] = {}
    for desc in descs:
        article_id = desc.article.rsplit(":", 1)[1]
        actors = {q.object.value for q in store.quads(None, INDEX_OF, None, index_graph(IDS.article(article_id)))}
        assert len(actors) == 1, actors
        by_actor.setdefault(actors.pop(), set()).add(article_id)
    _assert_described_once(store, set(by_actor))
    return {frozenset(v) for v in by_actor.values()}


def _assert_described_once(store: Store, actors: set[str]) -> None:
    """Each actor is described in the default graph only, with one label and every name."""
    for actor in actors:
        node = ox.NamedNode(actor)
        where = {type(q.graph_name).__name__ for p in DESCRIPTION for q in store.quads(node, p, None, None)}
        assert where == {"DefaultGraph"}, (actor, where)
        assert len(store.quads(node, DESCRIPTION[1], None, None)) == 1, actor
        names = {q.object.value for e in store.quads(None, INDEX_OF, node, None)
                 for q in store.quads(e.subject, LOCAL_NAME, None, e.graph_name)}
        assert names, actor
        described = {q.object.value for p in DESCRIPTION[1:3] for q in store.quads(node, p, None, ox.DefaultGraph())}
        assert names <= described, actor


@pytest.mark.slow  # writes a store on disk for every order of every case
@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_articles_written_one_by_one_resolve_as_all_at_once(why, descs, expected, tmp_path):
    """Each article finds, through the name index, every stored actor a rule could join it
    to or take a name from: in every order, the store ends as clustering all at once."""
    assert groups(descs) == expected
    exports = set()
    for n, order in enumerate(itertools.permutations(descs)):
        with Store.open(tmp_path / f"store-{n}") as store:
            for desc in order:
                write_article(store, _record(desc), Ids())
            assert _stored_groups(store, descs) == expected, [x.article for x in order]
            buf = io.BytesIO()
            store.export("nquads", buf, with_index=True)
            exports.add(buf.getvalue())
    assert len(exports) == 1  # the same graphs, index, descriptions and merge evidence, whatever the order


@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_removing_an_article_resolves_the_rest_as_never_added(why, descs, expected, tmp_path):
    for n, gone in enumerate(descs):
        rest = [x for x in descs if x is not gone]
        with Store.open(tmp_path / f"store-{n}") as store:
            for desc in descs:
                write_article(store, _record(desc), Ids())
            remove_article(store, gone.article.rsplit(":", 1)[1], Ids())
            assert _stored_groups(store, rest) == groups(rest), gone.article
            removed = _export(store)
        with Store.open(tmp_path / f"never-{n}") as store:
            for desc in rest:
                write_article(store, _record(desc), Ids())
            assert removed == _export(store), gone.article  # add-then-remove equals never-added


def _export(store: Store) -> bytes:
    buf = io.BytesIO()
    store.export("nquads", buf, with_index=True)
    return buf.getvalue()


def _article(article_id: str, text: str, entities: list[Entity], roles: list[Role] = ()) -> ArticleRecord:
    return ArticleRecord(Article(article_id, f"{article_id}.txt", text), entities, list(roles))


def _entity(key: str, kind: str, name: str, text: str, aliases: set[str] = frozenset()) -> Entity:
    begin = text.index(name)
    return Entity(key, kind, name, set(aliases), [Mention(Span(begin, begin + len(name)), name)])


MEMBER_TEXT = "Spokeswoman Lena Okafor of the NAHS spoke."
DEFINING_TEXT = "The National Authority for Harbour Safety (NAHS) met."
MEMBER_OF = ox.NamedNode("http://www.w3.org/ns/org#memberOf")
ORGANIZATION = ox.NamedNode("http://www.w3.org/ns/org#organization")


@pytest.mark.parametrize("order", [("a1", "a2"), ("a2", "a1")])
def test_memberships_follow_a_renamed_organisation(tmp_path, order):
    """A person's org:memberOf, in the default graph, names the organisation its role nodes
    name, even when a later article renames that organisation (an acronym it defines)."""
    records = {
        "a1": _article("a1", MEMBER_TEXT, [_entity("e0", "Person", "Lena Okafor", MEMBER_TEXT),
                                           _entity("e1", "Organization", "NAHS", MEMBER_TEXT)],
                       [Role("e0", "Spokeswoman", "e1", Span(0, 11))]),
        "a2": _article("a2", DEFINING_TEXT, [_entity("e0", "Organization", "National Authority for Harbour Safety",
                                                     DEFINING_TEXT, {"NAHS"})]),
    }
    with Store.open(tmp_path / "store") as store:
        for article_id in order:
            write_article(store, records[article_id], Ids())
        person = ox.NamedNode(IDS.actor("Person", "Lena Okafor"))
        members = {q.object for q in store.quads(person, MEMBER_OF, None, None)}
        roles = {q.object for q in store.quads(None, ORGANIZATION, None, None)}
        orgs = {q.subject for q in store.quads(None, ox.NamedNode(str(RDFS.label)),
                                               ox.Literal("National Authority for Harbour Safety"), None)}
        labels = [q.object.value for q in store.quads(person, ox.NamedNode(str(RDFS.label)), None, None)]
    assert members == roles == orgs, (members, roles, orgs)
    assert labels == ["Lena Okafor"]  # the member keeps its label


def _place_speaks(article_id: str, place: str, aliases: set[str]) -> ArticleRecord:
    """An article in which a place "warned" something."""
    text = f"{place} warned that the bridge would close. Harbour fees rise."
    entity = Entity("e0", "Place", place, set(aliases), [Mention(Span(0, len(place)), place)])
    begin = text.index("the bridge")
    statement = Statement("indirect", Span(begin, begin + 26), text[begin:begin + 26], "e0", "warn", "warn")
    return ArticleRecord(Article(article_id, f"{article_id}.txt", text), [entity], statements=[statement])


def _export_all(store: Store) -> bytes:
    out = io.BytesIO()
    store.export("nquads", out, with_index=True)
    return out.getvalue()


def test_a_place_that_speaks_stands_for_its_government(tmp_path):
    with Store.open(tmp_path / "s") as store:
        write_article(store, _place_speaks("a1", "Eastvale", set()), Ids())
        rows = store.select("""SELECT ?gov ?label ?place ?alt WHERE {
            ?s prov:wasAttributedTo ?gov . ?gov a schema:Organization ; rdfs:label ?label ;
            cg:governmentOf ?place ; skos:altLabel ?alt . ?place a schema:Place . ?s schema:text ?t }""")
        conforms, report = validate(store)
    assert conforms, report
    place = "https://w3id.org/claimgraph/id/place/eastvale"
    assert rows == [{"gov": place + "/government", "label": "Government of Eastvale", "place": place,
                     "alt": "Eastvale"}]


@pytest.mark.parametrize("removed", [None, "a1", "a2"])
def test_a_government_follows_its_place_in_any_order_and_after_removal(tmp_path, removed):
    records = [_place_speaks("a1", "Eastvale", set()), _place_speaks("a2", "Republic of Eastvale", {"Eastvale"})]
    exports = []
    for n, order in enumerate((records, records[::-1])):
        with Store.open(tmp_path / f"s{n}") as store:
            for rec in order:
                write_article(store, rec, Ids())
            if removed:
                remove_article(store, removed, Ids())
            exports.append(_export_all(store))
    kept = [r for r in records if r.article.id != removed]
    with Store.open(tmp_path / "kept") as store:
        for rec in kept:
            write_article(store, rec, Ids())
        exports.append(_export_all(store))
        governments = store.select("SELECT ?g ?p WHERE { ?g cg:governmentOf ?p }")
    assert exports[0] == exports[1] == exports[2]
    assert len(governments) == len(kept)  # two places: a short name does not join a place


TITLED_TEXT = "Harbour Minister Lena Okafor spoke."
SHORT_TEXT = "Minister Okafor spoke."
PLAIN_TEXT = "Lena Okafor and Eastvale."
SEQUENCES = [
    ("an actor only gains: articles, titles, a place", [
        _article("b1", PLAIN_TEXT, [_entity("e0", "Person", "Lena Okafor", PLAIN_TEXT)]),
        _article("b2", TITLED_TEXT, [_entity("e0", "Person", "Lena Okafor", TITLED_TEXT)],
                 [Role("e0", "Harbour Minister", None, Span(0, 16))]),
        _article("b3", PLAIN_TEXT, [_entity("e0", "Person", "Lena Okafor", PLAIN_TEXT),
                                    _entity("e1", "Place", "Eastvale", PLAIN_TEXT)]),
    ]),
    ("a short name joins, then the full name again", [
        _article("b1", TITLED_TEXT, [_entity("e0", "Person", "Lena Okafor", TITLED_TEXT)],
                 [Role("e0", "Harbour Minister", None, Span(0, 16))]),
        _article("b2", SHORT_TEXT, [_entity("e0", "Person", "Okafor", SHORT_TEXT)], [Role("e0", "Minister", None, Span(0, 8))]),
        _article("b3", PLAIN_TEXT, [_entity("e0", "Person", "Lena Okafor", PLAIN_TEXT)]),
    ]),
    ("an organisation renamed, its member named again", [
        _article("b1", MEMBER_TEXT, [_entity("e0", "Person", "Lena Okafor", MEMBER_TEXT),
                                     _entity("e1", "Organization", "NAHS", MEMBER_TEXT)],
                 [Role("e0", "Spokeswoman", "e1", Span(0, 11))]),
        _article("b2", DEFINING_TEXT, [_entity("e0", "Organization", "National Authority for Harbour Safety",
                                                DEFINING_TEXT, {"NAHS"})]),
        _article("b3", PLAIN_TEXT, [_entity("e0", "Person", "Lena Okafor", PLAIN_TEXT)]),
    ]),
    ("a place speaks in every article: its government gains", [
        _place_speaks("b1", "Eastvale", set()), _place_speaks("b2", "Eastvale", set()),
        _place_speaks("b3", "Republic of Eastvale", {"Eastvale"}), _place_speaks("b4", "Eastvale", set()),
    ]),
    ("a government's label falls to a smaller name of its place", [
        _place_speaks("b1", "Republic of Westmoor", {"Westmoor"}), _place_speaks("b2", "Republic of Westmoor", set()),
        _place_speaks("b3", "Westmoor", {"Republic of Westmoor"}),
    ]),
]


def _described_as_rebuilt(store: Store) -> None:
    """Every stored description is the one rebuilt from every article naming the actor,
    with its stored label, and the merge evidence the one rebuilt from all the articles
    (what a description or evidence kept and extended must equal)."""
    from graph.identity import DESCRIPTION as PREDICATES, _stored
    from graph.rdf.mapping import description_quads
    from graph.rdf.name_index import read_descriptions

    label = ox.NamedNode(str(RDFS.label))
    actors = {q.subject.value for q in store.quads(None, label, None, ox.DefaultGraph())}
    stored = _stored(store, actors, PREDICATES)
    labels = {q.subject.value: q.object.value for q in stored if q.predicate == label}
    assert stored == set(description_quads(read_descriptions(store, actors), labels))
    # ... and the merge evidence the one clustering all the articles gives
    from graph.rdf.mapping import evidence_quads
    from graph.rdf.name_index import read_actors
    from graph.resolve.cluster import cluster

    governments = {r["g"].value for r in store.query("SELECT ?g WHERE { ?g cg:governmentOf ?p }")}  # never clustered
    evidence = cluster(read_actors(store, actors - governments), Ids()).evidence
    rows = store.query("SELECT ?e ?p ?o WHERE { ?e cg:mergedInto ?a . ?e ?p ?o }")
    assert {ox.Quad(r["e"], r["p"], r["o"], ox.DefaultGraph()) for r in rows} == set(evidence_quads(dict(evidence), Ids()))


@pytest.mark.parametrize(("why", "records"), SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_descriptions_and_evidence_kept_and_extended_equal_rebuilt_ones_in_any_order(why, records, tmp_path):
    exports = set()
    for n, order in enumerate((records, records[::-1])):
        with Store.open(tmp_path / f"s{n}") as store:
            for rec in order:
                write_article(store, rec, Ids())
                _described_as_rebuilt(store)
            exports.add(_export_all(store))
            remove_article(store, order[-1].article.id, Ids())
            _described_as_rebuilt(store)
            removed = _export_all(store)
        with Store.open(tmp_path / f"never{n}") as store:
            for rec in order[:-1]:
                write_article(store, rec, Ids())
            assert removed == _export_all(store)  # add-then-remove equals never-added
    assert len(exports) == 1
