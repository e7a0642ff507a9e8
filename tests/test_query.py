"""Named queries over a built graph: said, stats, the lookups of actors and articles by name,
and formatted SPARQL results."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

import graph.query
from graph.cli import main
from graph.errors import QueryError
from graph.query import (FORMATS, SAID_LIMIT, actor_names, actors_named, did_you_mean, find_article, format_table,
                         load_query, quoted, run, said, stats, unquoted)
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
    rows = list(said(store, limit=None))
    assert len(rows) == stats(store)["statements"]
    for r in rows:
        assert r["text"] and r["cue"] and r["kind"] in ("DirectQuote", "IndirectQuote", "MixedQuote")
        assert r["begin"] < r["end"]


@pytest.mark.slow
def test_said_by_matches_aliases_case_insensitively(store):
    speakers = {r["speaker"] for r in said(store, limit=None) if r["speaker"]}
    name = sorted(speakers)[0]
    by_label = list(said(store, by=name.upper()))
    assert by_label and {r["speaker"] for r in by_label} == {name}


@pytest.mark.slow
def test_every_speaker_and_target_is_found_by_its_label(store):
    """Through the name index for resolved actors and the label itself for local ones."""
    rows = list(said(store, limit=None))
    labels = {r["speaker"] for r in rows if r["speaker"]} | {t for r in rows if r["about"] for t in r["about"].split("; ")}
    assert len(labels) > 20
    missing = [label for label in sorted(labels)
               if not actors_named(store, label) or not actors_named(store, label.lower() if label.islower() else label.upper())]
    assert not missing


@pytest.mark.slow
def test_said_about_filters_on_targets(store):
    every = list(said(store, limit=None))
    target = next(r["about"] for r in every if r["about"]).split("; ")[0]
    about = list(said(store, about=target.lower(), limit=None))
    assert about and all(target in r["about"] for r in about)
    assert len(about) < len(every)


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["a3/100-140", "a3/200-240", "a3/300-330", "a2/100-140", "a2/200-230", "a2/300-340", "a2/400-430",
          "a1/100-150", "a1/200-240", "a1/300-350", "a1/400-450"]),
    ({"by": "Maria Okonkwo"}, ["a3/300-330", "a2/200-230", "a1/200-240"]),
    ({"about": "Ministry of Transport"}, ["a3/200-240", "a2/100-140", "a1/400-450"]),
    ({"by": "ms. okonkwo", "about": "Ana Ferreira"}, ["a2/200-230"]),
    ({"limit": 2, "offset": 6}, ["a2/400-430", "a1/100-150"]),
])
def test_said_is_newest_first_then_by_article_and_position(small_store, filters, expected):
    rows = list(said(small_store, **filters))
    assert [r["statement"].removeprefix(ID + "article/").replace("/statement/", "/") for r in rows] == expected


@pytest.mark.slow
@pytest.mark.parametrize(("page", "expected"), [
    ({}, slice(0, SAID_LIMIT)),
    ({"limit": 10}, slice(0, 10)),
    ({"limit": 10, "offset": 5}, slice(5, 15)),
    ({"offset": 100}, slice(100, 100 + SAID_LIMIT)),
    ({"limit": None}, slice(None)),
    ({"limit": None, "offset": 110}, slice(110, None)),
    ({"limit": 0}, slice(0, 0)),
    ({"offset": 10_000}, slice(0, 0)),
])
def test_said_pages_are_slices_of_the_whole_answer(store, page, expected):
    every = list(said(store, limit=None))
    assert len(every) > 100 > SAID_LIMIT, "the seed store is too small to page"
    assert list(said(store, **page)) == every[expected]


@pytest.mark.slow
@pytest.mark.parametrize("filters", [{"by": "by"}, {"about": "about"}, {"by": "by", "about": "about"}])
@pytest.mark.parametrize(("limit", "offset"), [(3, 0), (3, 2), (None, 1)])
def test_said_filtered_pages_are_slices_of_the_filtered_answer(store, filters, limit, offset):
    row = next(r for r in said(store, limit=None) if r["speaker"] and r["about"])
    names = {"by": row["speaker"], "about": row["about"].split("; ")[0]}
    chosen = {key: names[key] for key in filters}
    every = list(said(store, **chosen, limit=None))
    assert every and row in every
    assert list(said(store, **chosen, limit=limit, offset=offset)) == every[offset:None if limit is None else offset + limit]


@pytest.mark.slow
@pytest.mark.parametrize("batch", [1, 7, 1000])
def test_said_streams_every_row_a_batch_at_a_time(store, batch, monkeypatch):
    every = list(said(store, limit=None))
    monkeypatch.setattr(graph.query, "SAID_BATCH", batch)
    rows = said(store, limit=None)
    assert isinstance(rows, Iterator) and next(rows) == every[0]
    assert [every[0], *rows] == every


@pytest.mark.parametrize(("limit", "offset"), [(-1, 0), (5, -1)])
def test_said_refuses_negative_pages(limit, offset):
    with pytest.raises(QueryError, match="cannot be negative"):
        said(None, limit=limit, offset=offset)


@pytest.mark.slow
@pytest.mark.parametrize(("args", "first", "shown"), [
    ([], 0, SAID_LIMIT),
    (["--limit", "3"], 0, 3),
    (["--limit", "3", "--offset", "4"], 4, 3),
    (["--limit", "0"], 0, None),
    (["--limit", "0", "--offset", "100"], 100, None),
])
def test_said_command_pages_and_streams_json(store, seed_store, args, first, shown):
    every = list(said(store, limit=None))
    result = CliRunner().invoke(main, ["said", "--store", str(seed_store), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    expected = every[first:None if shown is None else first + shown]
    assert json.loads(result.output) == json.loads(json.dumps(expected, default=str))


@pytest.mark.slow
@pytest.mark.parametrize(("args", "footer"), [
    (["--limit", "2"], "(2 statements; the next ones with --offset 2)"),
    (["--limit", "2", "--offset", "6"], "(2 statements; the next ones with --offset 8)"),
    (["--offset", "10000"], "(0 statements)"),
])
def test_said_command_says_where_the_next_page_starts(seed_store, args, footer):
    result = CliRunner().invoke(main, ["said", "--store", str(seed_store), *args])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == footer


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


@pytest.mark.parametrize(("text", "inner"), [
    ("“The pier will hold,”", "The pier will hold,"),  # a direct quote's span holds its marks
    ('"The pier will hold."', "The pier will hold."),
    ("``The pier will hold,''", "The pier will hold,"),
    ("«The pier will hold»", "The pier will hold"),
    ("“The pier will hold, she said.", "The pier will hold, she said."),  # left open
    ("the pier will hold", "the pier will hold"),  # reported speech has none
    ("the pier “will hold,”", "the pier “will hold,”"),  # a mixed one keeps its marks
    ("“Safe” and “sound”", "“Safe” and “sound”"),
    ("", ""),
])
def test_statement_text_is_shown_without_doubled_marks(text, inner):
    assert unquoted(text) == inner
    assert quoted(text) == f"“{inner}”"
