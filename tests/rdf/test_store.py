"""The embedded store: replacing articles atomically, querying, exporting."""

from __future__ import annotations

import gc
import io
import random
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from graph.errors import QueryError, StoreError
from graph.rdf.ids import Ids
from graph.rdf.mapping import to_quads
from graph.rdf._terms import STORE_GRAPH, is_private_graph, to_python
from graph.rdf.statement_keys import has_keys
from graph.rdf._export import EXPORT_FORMATS
from graph.rdf.store import Store
from graph.records import ResolvedRecord

IDS = Ids()
A1, A2 = IDS.article("art-1"), IDS.article("art-2")


@pytest.fixture
def store(tmp_path: Path, make_record):
    """A store holding two articles."""
    with Store.open(tmp_path / "store") as st:
        st.replace_article(A1, to_quads(make_record("art-1"), IDS))
        st.replace_article(A2, to_quads(make_record("art-2", title="Second"), IDS))
        yield st


def graph_quads(store: Store, article_iri: str) -> set[str]:
    return {str(q) for q in store._store.quads_for_pattern(None, None, None, ox.NamedNode(article_iri))}


def export(store: Store, fmt: str) -> bytes:
    out = io.BytesIO()
    store.export(fmt, out)
    return out.getvalue()


_S, _LABEL = ox.NamedNode("https://example.org/s"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_OLD, _NEW = (ox.Quad(_S, _LABEL, ox.Literal(v), ox.NamedNode(A1)) for v in ("Ada L.", "Ada"))


@pytest.mark.parametrize(("remove", "add", "left"), [
    ([], [_NEW], {_OLD, _NEW}),
    ([_OLD], [], set()),
    ([_OLD], [_NEW], {_NEW}),
    ([], [], {_OLD}),
])
def test_change_removes_and_adds(store: Store, remove, add, left) -> None:
    store.change([], [_OLD])
    store.change(remove, add)
    assert set(store.quads(_S)) == left


def test_replace_twice_is_the_same(store: Store, make_record) -> None:
    before = export(store, "nquads")
    store.replace_article(A1, to_quads(make_record("art-1"), IDS))
    assert export(store, "nquads") == before


def test_replace_changes_only_that_graph(store: Store, make_record) -> None:
    other = graph_quads(store, A2)
    store.replace_article(A1, to_quads(make_record("art-1", title="Changed"), IDS))
    assert graph_quads(store, A2) == other
    assert store.select("SELECT ?t WHERE { ?a schema:headline ?t }", a=ox.NamedNode(A1)) == [{"t": "Changed"}]


def test_replace_keeps_default_graph(store: Store, make_record) -> None:
    evidence = "SELECT ?e WHERE { GRAPH ?g { ?e a cg:MergeEvidence } }"
    assert store.select(evidence) == []
    before = len(store.select("SELECT ?e WHERE { ?e a cg:MergeEvidence }"))
    store.replace_article(A1, to_quads(make_record("art-1", title="Changed"), IDS))
    assert before > 0 and len(store.select("SELECT ?e WHERE { ?e a cg:MergeEvidence }")) == before


def test_failed_replace_leaves_previous_graph(store: Store, make_record) -> None:
    previous = graph_quads(store, A1)

    def broken():
        yield from to_quads(make_record("art-1", title="Half"), IDS)[:10]
        raise RuntimeError("extraction failed midway")

    with pytest.raises(RuntimeError):
        store.replace_article(A1, broken())
    assert graph_quads(store, A1) == previous


def test_remove_article(store: Store) -> None:
    store.remove_article(A1)
    assert store.articles() == [A2]
    assert store.article_hash(A1) is None


def test_article_hash(store: Store, make_record) -> None:
    assert store.article_hash(A1) == make_record("art-1").record.article.content_hash
    assert store.article_hash(IDS.article("missing")) is None


def test_len_counts_quads(store: Store, make_record) -> None:
    per_article = {q for q in to_quads(make_record("art-1"), IDS) if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert len(store) > 2 * len(per_article)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_is_deterministic(tmp_path: Path, make_record, fmt: str) -> None:
    outputs = []
    for order in ((1, 2), (2, 1)):
        with Store.open(tmp_path / f"s{order}") as st:
            for n in order:
                st.replace_article(IDS.article(f"art-{n}"), to_quads(make_record(f"art-{n}"), IDS))
            outputs.append(export(st, fmt))
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(("fmt", "ox_format", "rdflib_format", "with_graphs"), [
    ("nquads", ox.RdfFormat.N_QUADS, "nquads", True),
    ("trig", ox.RdfFormat.TRIG, "trig", True),
    ("turtle", ox.RdfFormat.TURTLE, "turtle", False),
    ("jsonld", ox.RdfFormat.JSON_LD, "json-ld", True),
])
def test_export_parses_back(store: Store, fmt: str, ox_format, rdflib_format: str, with_graphs: bool) -> None:
    data = export(store, fmt)
    quads = list(ox.parse(data, ox_format))
    stored = [q for q in store._store if not is_private_graph(q.graph_name)]  # private graphs: not by default
    union = {q.triple for q in stored}
    assert {q.triple for q in quads} == union
    if with_graphs:
        assert {str(q) for q in quads} == {str(q) for q in stored}
    parsed = Dataset() if with_graphs else Graph()
    parsed.parse(data=data, format=rdflib_format)
    assert len(set(parsed.triples((None, None, None))) if not with_graphs
               else {t for g in parsed.graphs() for t in g}) == len(union)


def test_export_rejects_unknown_format(store: Store) -> None:
    with pytest.raises(ValueError, match="expected one of"):
        store.export("rdfxml", io.BytesIO())


@pytest.mark.parametrize(("sparql", "bindings", "expected"), [
    ("SELECT ?text WHERE { ?s cg:cue ?cue ; schema:text ?text ; prov:wasDerivedFrom ?a }",
     {"cue": "warn", "a": ox.NamedNode(A1)}, [{"text": "fuel prices could rise"}]),
    ("SELECT ?v ?b WHERE { ?s schema:value ?v ; nif:beginIndex ?b ; prov:wasDerivedFrom ?a }",
     {"a": ox.NamedNode(A2)}, [{"v": Decimal("2800000"), "b": 138}]),
    ("SELECT ?s WHERE { ?s schema:value ?v }", {"v": Decimal("2.8E6")},
     [{"s": A1 + "/statistic/138-162"}, {"s": A2 + "/statistic/138-162"}]),
    ("SELECT ?f ?d WHERE { ?a cg:sourceFile ?f ; cg:dateInferred ?d } ORDER BY ?f", {},
     [{"f": "art-1.txt", "d": False}, {"f": "art-2.txt", "d": False}]),
    # a bound variable need not be projected, and filters see it
    ("SELECT ?a WHERE { ?a schema:headline ?h FILTER(LCASE(?h) = LCASE(?want)) }", {"want": "SECOND"},
     [{"a": A2}]),
    # an unbound OPTIONAL variable is None
    ("SELECT ?a ?x WHERE { ?a cg:sourceFile ?f OPTIONAL { ?a cg:nothing ?x } }", {"f": "art-1.txt"},
     [{"a": A1, "x": None}]),
    # text that looks like SPARQL stays a literal
    ("SELECT ?a WHERE { ?a cg:sourceFile ?f }", {"f": 'x" } ; DROP ALL ; SELECT * { "'}, []),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s cg:cue ?cue }", {"cue": "say"}, [{"n": 2}]),
])
def test_select(store: Store, sparql: str, bindings: dict, expected: list[dict]) -> None:
    rows = store.select(sparql, **bindings)
    assert sorted(rows, key=str) == expected


@pytest.mark.parametrize(("sparql", "expected"), [
    ("ASK { ?s cg:cue ?cue }", True),
    ("ASK { ?s cg:cue ?cue ; cg:speechAct cg:Deny }", False),
])
def test_ask_with_bindings(store: Store, sparql: str, expected: bool) -> None:
    assert bool(store.query(sparql, {"cue": "warn"})) is expected


def test_construct_with_bindings(store: Store) -> None:
    triples = list(store.query("CONSTRUCT { ?s cg:cue ?c } WHERE { ?s cg:cue ?c ; prov:wasDerivedFrom ?a }",
                               {"a": ox.NamedNode(A1), "c": "call"}))
    assert [t.object.value for t in triples] == ["call"]


@pytest.mark.parametrize(("sparql", "bindings", "message"), [
    ("SELEC ?s WHERE { ?s ?p ?o }", None, "bad SPARQL query"),
    ("SELECT ?s WHERE { ?s ?p ?o ", None, "bad SPARQL query"),
    ("SELECT ?s WHERE { ?s nope:x ?o }", None, "bad SPARQL query"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", {"s": "x"}, "CONSTRUCT"),
    ("SELECT ?s WHERE { ?s ?p ?o }", {"bad name": "x"}, "not a SPARQL variable"),
    ("SELECT ?s WHERE { ?s ?p ?o }", {"o": None}, "cannot bind"),
])
def test_bad_query_raises_query_error(store: Store, sparql: str, bindings, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        store.query(sparql, bindings)
    assert "\n" not in str(info.value)


def test_select_needs_select(store: Store) -> None:
    with pytest.raises(QueryError, match="SELECT"):
        store.select("ASK { ?s ?p ?o }")


@pytest.mark.parametrize(("term", "expected"), [
    (ox.NamedNode("http://e/x"), "http://e/x"),
    (ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), 7),
    (ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), Decimal("1.5")),
    (ox.Literal("2.5E0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")), 2.5),
    (ox.Literal(True), True),
    (ox.Literal("2024", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")), "2024"),
    (ox.Literal("hi", language="en"), "hi"),
    (ox.Literal("x1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), "x1"),
    (None, None),
])
def test_to_python(term, expected) -> None:
    assert to_python(term) == expected


@pytest.mark.parametrize(("create", "read_only"), [(False, False), (True, True), (False, True)])
def test_missing_store(tmp_path: Path, create: bool, read_only: bool) -> None:
    with pytest.raises(StoreError, match="no store at .*claimgraph build"):
        Store.open(tmp_path / "nowhere", create=create, read_only=read_only)
    assert not (tmp_path / "nowhere").exists()


_OLD_FACT = ox.Quad(ox.NamedNode(A1), ox.NamedNode(A1 + "#p"), ox.Literal("x"), ox.NamedNode(A1))
_STORE_NODE = ox.NamedNode("urn:claimgraph:store")
_LAYOUT = ox.NamedNode("https://w3id.org/claimgraph/ontology#layoutVersion")


@pytest.mark.parametrize(("quads", "message"), [
    ([_OLD_FACT], "has layout 1 and this claimgraph reads layout 2: rebuild it"),  # before the layout mark
    ([_OLD_FACT, ox.Quad(_STORE_NODE, _LAYOUT, ox.Literal(3), _STORE_NODE)], "has layout 3 .* rebuild it"),
])
@pytest.mark.parametrize("read_only", [False, True])
def test_a_store_of_another_layout_is_refused_in_one_line(tmp_path: Path, quads, message, read_only) -> None:
    old = ox.Store(str(tmp_path / "old"))
    old.extend(quads)
    old.flush()
    del old
    with pytest.raises(StoreError, match=message) as error:
        Store.open(tmp_path / "old", read_only=read_only)
    assert "\n" not in str(error.value)
    with pytest.raises(StoreError, match=message):  # refused, and released: not locked by the first try
        Store.open(tmp_path / "old")


def test_a_new_store_is_marked_with_its_layout(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new") as store:
        assert store.quads(_STORE_NODE, _LAYOUT, None, None) == [ox.Quad(_STORE_NODE, _LAYOUT, ox.Literal(2), _STORE_NODE)]
        assert has_keys(store)  # every article it will hold gets its statement keys
    with Store.open(tmp_path / "new", read_only=True) as store:
        assert store.articles() == []


@pytest.mark.parametrize("create", [True, False])
def test_folder_with_other_files_is_not_a_store(tmp_path: Path, create: bool) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="store"):
        Store.open(tmp_path, create=create)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_empty_folder_becomes_a_store(tmp_path: Path) -> None:
    with Store.open(tmp_path) as st:
        assert st.articles() == [] and len(st) == 2  # the layout mark, and the statement keys' mark
    Store.open(tmp_path, create=False).close()


def test_read_only_store(store: Store, tmp_path: Path) -> None:
    store.close()
    with Store.open(tmp_path / "store", read_only=True) as ro:
        assert ro.articles() == [A1, A2]
        with pytest.raises(StoreError, match="read-only"):
            ro.remove_article(A1)


def test_store_persists_and_closes(tmp_path: Path, resolved: ResolvedRecord) -> None:
    with Store.open(tmp_path / "s") as st:
        st.replace_article(A1, to_quads(resolved, IDS))
        count = len(st)
    with pytest.raises(StoreError, match="closed"):
        len(st)
    with Store.open(tmp_path / "s", create=False) as again:
        assert len(again) == count


def test_closing_flushes_the_write_ahead_log(tmp_path: Path, resolved: ResolvedRecord) -> None:
    """Unflushed writes are replayed from the log at every later open (seconds on a big store)."""
    with Store.open(tmp_path / "s") as st:
        for i in range(20):
            st.replace_article(f"{A1}-{i}", to_quads(resolved, IDS))
    newest_log = max((tmp_path / "s").glob("*.log"), key=lambda p: int(p.stem))
    assert newest_log.stat().st_size < 1024


def test_checkpoint_flushes_and_keeps_the_store_open_and_locked(tmp_path: Path, resolved: ResolvedRecord) -> None:
    with Store.open(tmp_path / "s") as st:
        for i in range(20):
            st.replace_article(f"{A1}-{i}", to_quads(resolved, IDS))
        count = len(st)
        st.checkpoint()
        newest_log = max((tmp_path / "s").glob("*.log"), key=lambda p: int(p.stem))
        assert newest_log.stat().st_size < 1024
        assert len(st) == count
        with pytest.raises(StoreError, match="cannot open"):
            Store.open(tmp_path / "s")
        st.remove_article(A1)
        assert len(st) < count


def test_a_closed_store_whose_handle_waits_in_a_cycle_reopens(tmp_path: Path) -> None:
    """A crash caught further up can keep the closed store's handle in a reference cycle
    until the garbage collector runs; opening the store again must not be refused."""
    gc.disable()
    try:
        with Store.open(tmp_path / "s") as st:
            cycle: list[object] = [st._inner]
            cycle.append(cycle)
        del cycle
        with Store.open(tmp_path / "s") as again:
            assert again.articles() == []
    finally:
        gc.enable()


def test_second_writer_gets_store_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(tmp_path / "store")


def test_optimize_keeps_data(store: Store) -> None:
    before = export(store, "nquads")
    store.optimize()
    assert export(store, "nquads") == before


@pytest.mark.parametrize("value", [8191, 255, 8202, 70000])
def test_a_lookup_returns_only_what_matches_its_pattern(tmp_path: Path, value: int) -> None:
    graph, begin = ox.NamedNode(A1), ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex")
    with Store.open(tmp_path / "s") as st:
        st.change((), [ox.Quad(ox.NamedNode(f"{A1}/n{i}"), begin, ox.Literal(i), graph)
                       for i in (255, 256, 8191, 8202, 8281, 70000)])
        for pattern in ((None, begin, ox.Literal(value), graph), (None, None, ox.Literal(value), None)):
            assert [q.object for q in st.quads(*pattern)] == [ox.Literal(value)]


# Store.ingest: many quads added by the bulk loader (the writer's groups).

_MANY = 2000


def _many(term: ox.Literal | ox.NamedNode, graph) -> list[ox.Quad]:
    """``_MANY`` quads, each with ``term`` as object, in ``graph``."""
    return [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), _LABEL, term, graph) for i in range(_MANY)]


@pytest.mark.parametrize("term", [
    ox.Literal("plain"),
    ox.Literal('quotes " and \\ and\nlines\ttabs'),
    ox.Literal("Zoë – “quoted” 🙂"),
    ox.Literal("Bonjour", language="fr"),
    ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.Literal("2026-01-02", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ox.NamedNode("https://example.org/o?q=1#f"),
])
@pytest.mark.parametrize("graph", [ox.NamedNode(A1), ox.DefaultGraph()])
def test_ingested_quads_are_stored_as_change_stores_them(store: Store, tmp_path: Path, term, graph) -> None:
    quads = _many(term, graph)
    before = set(store._store)
    store.ingest(quads)
    store.ingest(quads[:_MANY // 2] + quads[:_MANY // 2])  # stored already: nothing changes
    with Store.open(tmp_path / "changed") as other:
        other.change([], quads)
        assert set(store._store) - before == set(other._store) - set(other.quads(None, None, None, STORE_GRAPH))
    assert all(store.quads(q.subject, q.predicate, q.object, q.graph_name) == [q] for q in quads[:3])


def test_ingested_quads_are_in_the_store_reopened(tmp_path: Path) -> None:
    quads = _many(ox.Literal("kept"), ox.NamedNode(A2))
    with Store.open(tmp_path / "store") as st:
        st.ingest(quads)
    with Store.open(tmp_path / "store", read_only=True) as st:
        assert set(st.quads(None, None, None, ox.NamedNode(A2))) == set(quads)
        assert A2 in st.articles()
        with pytest.raises(StoreError, match="read-only"):
            st.ingest(quads)


def _ingest_until_killed(location: str, started) -> None:
    """Ingest batch after batch of ``_MANY`` quads, batch ``i`` in graph ``g{i}``, until killed."""
    with Store.open(location) as st:
        for i in range(10_000):
            st.ingest(_many(ox.Literal(f"batch {i}"), ox.NamedNode(f"https://example.org/g{i}")))
            started.set()


@pytest.mark.slow  # a new process per case
@pytest.mark.parametrize("after", [0.0, 0.3, 1.0])
def test_a_kill_while_ingesting_leaves_each_batch_whole_or_absent(tmp_path: Path, after: float) -> None:
    import multiprocessing
    import os
    import signal
    import time

    context = multiprocessing.get_context("spawn")
    started = context.Event()
    process = context.Process(target=_ingest_until_killed, args=(str(tmp_path / "store"), started))
    process.start()
    assert started.wait(60)
    time.sleep(after)
    os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    with Store.open(tmp_path / "store") as st:
        sizes = [len(st.quads(None, None, None, g)) for g in st._store.named_graphs() if g != STORE_GRAPH]
    assert sizes and set(sizes) == {_MANY}


@pytest.mark.parametrize("values", [
    [0, 1, 255, 256, 8191, 8202, 8281, 65535, 65536, 70000, 2 ** 31, 2 ** 40, 2 ** 62],
    [798096940000000120, 798096940000000007, 798099990000000007, 999999990000000000, 797969940000001234],
    [10 ** 10 * d + b for d in (79799999, 79798765, 80000000) for b in (0, 9, 10, 99999, 10 ** 9)],
])
def test_ordered_quads_come_by_their_integer_objects_across_graphs_subjects_and_predicates(
        tmp_path: Path, values: list[int]) -> None:
    nodes = [ox.NamedNode(f"{A1}/key{i}") for i in range(2)]
    keys = [ox.NamedNode(f"https://w3id.org/claimgraph/ontology#statement{p}") for p in ("By", "About")]
    shuffled = random.Random(3).sample(values, len(values))
    with Store.open(tmp_path / "s") as st:
        st.change((), [ox.Quad(nodes[i % 2], keys[i // 2 % 2], ox.Literal(v), ox.NamedNode(f"{A1}/g{i % 3}"))
                       for i, v in enumerate(shuffled)]
                  + [ox.Quad(ox.NamedNode(f"{A1}/other"), keys[0], ox.Literal(5), ox.NamedNode(A1))])
        assert [int(q.object.value) for q in st.ordered_quads(nodes, keys)] == sorted(values)
        assert [int(q.object.value) for q in st.ordered_quads(nodes[:1], keys[:1])] == \
            sorted(v for i, v in enumerate(shuffled) if i % 2 == 0 and i // 2 % 2 == 0)


def test_patterns_asked_at_once_each_need_their_graph(store: Store) -> None:
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert [len(found) for found in store.quads_each([(None, None, None, ox.NamedNode(A1)),
                                                      (None, label, ox.Literal("no such name"), ox.DefaultGraph())])] \
        == [len(store.quads(None, None, None, ox.NamedNode(A1))), 0]
    with pytest.raises(ValueError, match="needs its graph"):
        store.quads_each([(None, label, None, None)])
