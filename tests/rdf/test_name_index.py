"""The name index: written with an article, read back as the resolver's descriptors, in few reads."""

from __future__ import annotations

import collections
import io

import pytest

from graph.identity import write_article
from graph.rdf.ids import Ids
from graph.rdf._terms import INDEX_OF, INDEX_PREDICATES
from graph.rdf.mapping import actor_iris, to_quads
from graph.rdf.name_index import entry_keys, index_graph, index_quads, read_context, read_descriptions, read_keys
from graph.rdf.statement_keys import is_key_quad
from graph.rdf.store import Store
from graph.records import Article, ArticleRecord, Entity, Mention, Role, Span
from graph.resolve import resolve
from graph.resolve.descriptors import Descriptor

IDS = Ids()
READS = ("quads", "describe", "query", "select", "article_hash", "articles")


class CountingStore:
    """A store that counts the reads made through it."""

    def __init__(self, inner: Store) -> None:
        self.inner, self.reads = inner, collections.Counter()

    def __getattr__(self, name: str):
        attr = getattr(self.inner, name)
        if name not in READS:
            return attr

        def read(*args, **kwargs):
            self.reads[name] += 1
            return attr(*args, **kwargs)
        return read


def record(article_id: str, people: list[tuple[str, set[str], list[tuple[str, str]], str | None]]) -> ArticleRecord:
    """An article naming people: (name, aliases, merge reasons, title)."""
    text = " ".join(w for name, aliases, _, title in people for w in (title or "", name, *sorted(aliases)) if w)
    entities, roles = [], []
    for n, (name, aliases, reasons, title) in enumerate(people):
        begin = text.index(name)
        entities.append(Entity(f"e{n}", "Person", name, set(aliases), [Mention(Span(begin, begin + len(name)), name)],
                               evidence=reasons))
        if title:
            roles.append(Role(f"e{n}", title, None, Span(text.index(title), text.index(title) + len(title))))
    return ArticleRecord(Article(article_id, f"{article_id}.txt", text), entities, roles)


@pytest.mark.parametrize("people", [
    [("Lena Okafor", {"Okafor", "Ms. Okafor"}, [("Okafor", "short name"), ("Ms. Okafor", "honorific")], "mayor")],
    # an alias holding the separator of the stored reason
    [("Tunde Bello", {"Bello: the mayor"}, [("Bello: the mayor", "case variant")], None)],
    [("Ade Okafor", set(), [], None), ("Femi Adeyemi", {"Adeyemi"}, [("Adeyemi", "short name")], "judge")],
])
def test_index_reads_back_as_the_article_descriptors(tmp_path, people):
    rec = record("a1", people)
    article = IDS.article("a1")
    with Store.open(tmp_path / "s") as store:
        write_article(store, rec, IDS)
        stored = read_context(store, (), article=article)
    resolved, _ = resolve(rec, IDS)
    expected = {Descriptor(article, resolved.iris[e.key], e.kind, frozenset({e.name, *e.aliases}),
                           frozenset(r.title for r in rec.roles if r.person == e.key), frozenset(e.evidence))
                for e in rec.entities}
    assert set(stored) == expected


@pytest.mark.parametrize("stored, people", [
    ([], [("Lena Okafor", {"Okafor"}, [("Okafor", "short name")], "mayor")]),
    # the stored version of the article names other people, with other titles: none of it is read
    ([("Lena Okafor", set(), [], "judge"), ("Ade Okafor", set(), [], None)],
     [("Lena Okafor", {"Ms. Okafor"}, [("Ms. Okafor", "honorific")], "mayor"), ("Femi Adeyemi", set(), [], "judge")]),
])
def test_descriptions_of_a_write_not_applied_read_as_once_applied(tmp_path, stored, people):
    rec = record("a1", people)
    resolved, _ = resolve(rec, IDS)
    actors = actor_iris(resolved, IDS)
    article = IDS.article("a1")
    quads = to_quads(resolved, IDS, evidence=False) + index_quads(rec, actors, resolved.labels, article)
    graphs = {g: [q for q in quads if q.graph_name == g] for g in {q.graph_name for q in quads}}
    wanted = {a.value for a in actors.values()} | {IDS.actor("Person", "Ade Okafor")}
    with Store.open(tmp_path / "s") as store:
        if stored:
            write_article(store, record("a1", stored), IDS)
        pending = read_descriptions(store, wanted, graphs)
        store.change((), quads, drop=list(graphs))
        applied = read_descriptions(store, wanted)
    assert pending == applied
    assert {len(facts) for facts in pending.values()} >= {3}  # kind, name, label (and title)


def test_actors_known_only_by_a_common_noun_have_no_keys():
    rec = ArticleRecord(Article("a1", "a1.txt", "the harbour police"),
                        [Entity("e0", "Organization", "harbour police", set(), [Mention(Span(4, 18), "harbour police")],
                                evidence=[("police", "short name")])])
    resolved, _ = resolve(rec, IDS)
    quads = index_quads(rec, actor_iris(resolved, IDS), resolved.labels, IDS.article("a1"))
    assert {q.predicate.value.rsplit("#", 1)[1] for q in quads} == {"indexOf", "localKind", "localLabel", "localName"}


def test_index_lives_in_its_own_graph_left_out_of_exports(tmp_path):
    rec = record("a1", [("Lena Okafor", {"Okafor"}, [("Okafor", "short name")], "mayor")])
    with Store.open(tmp_path / "s") as store:
        write_article(store, rec, IDS)
        index = store.quads(None, None, None, index_graph(IDS.article("a1")))
        exports = {}
        for with_index in (False, True):
            buf = io.BytesIO()
            store.export("nquads", buf, with_index=with_index)
            exports[with_index] = buf.getvalue().decode()
        assert store.articles() == [IDS.article("a1")]
    assert index and {q.predicate for q in index if not is_key_quad(q)} <= INDEX_PREDICATES  # and the mayor's role keys
    assert "urn:claimgraph:index:" not in exports[False] and "ontology#nameKey" not in exports[False]
    assert len(exports[True].splitlines()) == len(exports[False].splitlines()) + len(index)


@pytest.mark.parametrize("count", [1, 4, 12])
def test_writing_an_article_reads_the_store_a_fixed_number_of_times(tmp_path, count):
    """However many actors an article shares with the store, its previous index entries,
    the actors' descriptors, descriptions and evidence are read in a few batched queries,
    never one read per actor or key."""
    people = [(f"Kofi Mensah{chr(97 + n)}", {f"Mensah{chr(97 + n)}"}, [(f"Mensah{chr(97 + n)}", "short name")], None)
              for n in range(count)]
    with Store.open(tmp_path / "s") as store:
        write_article(store, record("a1", people), IDS)
        counting = CountingStore(store)
        write_article(counting, record("a2", people), IDS)
    assert sum(counting.reads.values()) == 6, counting.reads  # and the file the article was read from


@pytest.mark.slow
def test_describe_of_every_seed_actor_repeats_no_triple(seed_store):
    """Index entries are nodes of their own, so the union of graphs holds each fact about an
    actor once, however many articles index it: DESCRIBE and a plain ``?p ?o`` count agree."""
    with Store.open(seed_store, read_only=True) as store:
        actors = {q.object for q in store.quads(None, INDEX_OF, None, None)}
        assert len(actors) > 10
        for actor in sorted(actors, key=str):
            described = [(t.subject, t.predicate, t.object) for t in store.query(f"DESCRIBE {actor}")]
            assert described and len(described) == len(set(described)), actor
            total = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {actor} ?p ?o }}")[0]["n"]
            distinct = store.select(f"SELECT (COUNT(DISTINCT *) AS ?n) WHERE {{ {actor} ?p ?o }}")[0]["n"]
            assert int(total) == int(distinct) == len(described), actor
        shared = [a for a in actors if len(store.quads(None, INDEX_OF, a, None)) > 1]
        assert shared  # some actors are indexed by several articles: the case that used to repeat


def test_unnamed_sources_keep_their_keys_but_identity_reads_named_actors_only(tmp_path):
    text = "officials said the Harbour Board agreed"
    rec = ArticleRecord(Article("a1", "a1.txt", text), [
        Entity("e0", "UnnamedSource", "officials", set(), [Mention(Span(0, 9), "officials")]),
        Entity("e1", "Organization", "Harbour Board", set(), [Mention(Span(19, 32), "Harbour Board")])])
    with Store.open(tmp_path / "s") as store:
        write_article(store, rec, IDS)
        index = store.quads(None, None, None, index_graph(IDS.article("a1")))
        board = IDS.actor("Organization", "Harbour Board")
        keys = {"officials", "harbour board"}
        everyone = read_keys(store, keys)
        assert set(everyone) == keys and everyone["harbour board"] == {board}
        assert read_keys(store, keys, named=True) == {"harbour board": {board}}
        assert entry_keys(index, named=True) == read_keys(store, set(entry_keys(index, named=True)), named=True)
        assert set(entry_keys(index)) >= keys and "officials" not in entry_keys(index, named=True)
