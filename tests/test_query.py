"""Named queries over a built graph: said, stats, the lookups of actors and articles by name,
and formatted SPARQL results."""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph.errors import QueryError
from graph.query import (FORMATS, actor_names, actors_named, did_you_mean, find_article, format_table, load_query,
                         run, said, stats)
from graph.rdf._terms import iri
from graph.rdf.store import Store
from tests.helpers import ID, LINDQVIST, OKONKWO, UNION

@pytest.fixture(scope="module")
def store(seed_store):
    with Store.open(seed_store, read_only=True) as st:
        yield st


@pytest.mark.slow
def test_stats_counts_what_was_built(store):
    counts = stats(store)
    assert counts["articles"] == 5
    assert counts["people"] >= 10 and counts["statements"] >= 40 and counts["statistics"] >= 10
    assert counts["quads"] == len(store) == sum(counts[f"{g}_graph_quads"] for g in ("article", "default", "private"))
    assert counts["article_graph_quads"] == sum(len(store.quads(graph=iri(a))) for a in store.articles())
    assert counts["private_graph_quads"] > 0 and counts["default_graph_quads"] > 0


@pytest.mark.slow
def test_said_without_filters_lists_every_statement(store):
    rows = said(store)
    assert len(rows) == stats(store)["statements"]
    for r in rows:
        assert r["text"] and r["cue"] and r["kind"] in ("DirectQuote", "IndirectQuote", "MixedQuote")
        assert r["begin"] < r["end"]


@pytest.mark.slow
def test_said_by_matches_aliases_case_insensitively(store):
    speakers = {r["speaker"] for r in said(store) if r["speaker"]}
    name = sorted(speakers)[0]
    by_label = said(store, by=name.upper())
    assert by_label and {r["speaker"] for r in by_label} == {name}


@pytest.mark.slow
def test_every_speaker_and_target_is_found_by_its_label(store):
    """Through the name index for resolved actors and the label itself for local ones."""
    rows = said(store)
    labels = {r["speaker"] for r in rows if r["speaker"]} | {t for r in rows if r["about"] for t in r["about"].split("; ")}
    assert len(labels) > 20
    missing = [label for label in sorted(labels)
               if not actors_named(store, label) or not actors_named(store, label.lower() if label.islower() else label.upper())]
    assert not missing


@pytest.mark.slow
def test_said_about_filters_on_targets(store):
    rows = [r for r in said(store) if r["about"]]
    target = rows[0]["about"].split("; ")[0]
    about = said(store, about=target.lower())
    assert about and all(target in r["about"] for r in about)
    assert len(about) < len(said(store))


@pytest.mark.slow
@pytest.mark.parametrize("evil", ['x" } UNION { ?s ?p ?o } #', "') || true || ('", "?by"])
def test_user_input_is_a_bound_value_never_query_text(store, evil):
    for role in ("by", "about"):
        with pytest.raises(QueryError, match="no person, organisation or place named"):
            said(store, **{role: evil})


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_run_formats_select_results(store, fmt):
    out = run(store, "SELECT ?f WHERE { ?a cg:sourceFile ?f } ORDER BY ?f", fmt)
    if fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) == 5
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == ["f"] and len(rows) == 6
    else:
        assert out.splitlines()[-1] == "(5 rows)"


@pytest.mark.slow
def test_run_ask_and_construct(store):
    assert run(store, "ASK { ?s a cg:Statement }") == "true"
    nt = run(store, "CONSTRUCT { ?a a schema:NewsArticle } WHERE { ?a a schema:NewsArticle }")
    assert len(nt.strip().splitlines()) == 5


@pytest.mark.slow
@pytest.mark.parametrize("bad", ["SELECT ?x WHERE { ?x ?y", "SELEKT * {}", "SELECT * WHERE { ?x nope:p ?y }"])
def test_bad_sparql_is_a_query_error(store, bad):
    with pytest.raises(QueryError):
        run(store, bad)


def test_unknown_named_query():
    with pytest.raises(QueryError, match="no named query"):
        load_query("nonexistent")


@pytest.mark.parametrize(
    ("names", "rows", "last"),
    [(["a"], [], "(0 rows)"), (["a", "b"], [["1", "x" * 100]], "(1 row)")],
)
def test_format_table(names, rows, last):
    out = format_table(names, rows).splitlines()
    assert out[0].split() == names and out[-1] == last
    assert all(len(line) <= 70 for line in out)


@pytest.mark.parametrize(("article", "expected"), [
    ("a2.txt", ID + "article/a2"),
    ("a2", ID + "article/a2"),
    (ID + "article/a2", ID + "article/a2"),
])
def test_find_article_by_file_id_or_iri(small_store, article, expected):
    assert find_article(small_store, article) == expected


@pytest.mark.parametrize(("article", "message"), [
    ("a1.tx", "no article 'a1.tx' in the store; did you mean 'a1.txt'"),
    ("zzz", "no article 'zzz' in the store$"),
    (ID + "article/a9", "no article"),
])
def test_find_article_unknown(small_store, article, message):
    with pytest.raises(QueryError, match=message):
        find_article(small_store, article)


@pytest.mark.parametrize(("name", "expected"), [
    ("Maria Okonkwo", [OKONKWO]),
    ("MARIA OKONKWO", [OKONKWO]),
    ("ms. okonkwo", [OKONKWO]),
    ("dwu", [UNION]),
    ("Lindqvist", [LINDQVIST]),
    ("Maria", []),
    ("') } DROP ALL #", []),
])
def test_actors_named(small_store, name, expected):
    assert actors_named(small_store, name) == expected


def test_actor_names_lists_labels_and_aliases(small_store):
    names = actor_names(small_store)
    assert {"Maria Okonkwo", "DWU"} <= set(names) and names == sorted(names)


@pytest.mark.parametrize(("wanted", "names", "expected"), [
    ("Jon Baker", ["Jon Bakker", "Eve"], "; did you mean 'Jon Bakker'?"),
    ("Okonkow", ["Maria Okonkwo", "Okonkwo"], "; did you mean 'Okonkwo', 'Maria Okonkwo'?"),
    ("Vale", ["Eastvale", "Vale", "Valerie"], "; did you mean 'Vale', 'Valerie', 'Eastvale'?"),
    ("eve", ["Eve", "Steven", "Eve"], "; did you mean 'Eve', 'Steven'?"),
    ("Quill", ["Maria Okonkwo"], ""),
    ("x", [f"x-{i}" for i in range(9)], "; did you mean 'x-0', 'x-1', 'x-2', 'x-3', 'x-4'?"),
])
def test_did_you_mean(wanted, names, expected):
    assert did_you_mean(wanted, names) == expected
