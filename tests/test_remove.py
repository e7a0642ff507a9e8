"""Incremental identity and removal: later evidence re-maps earlier articles; remove undoes add."""

from __future__ import annotations

import io

import pytest

from graph.identity import remove_article
from graph.pipeline import build
from graph.rdf.ids import Ids
from graph.rdf.store import Store

pytestmark = pytest.mark.slow

SHORT = ("Harbour fees rise\n\nFinance Minister Okonkwo said on Monday that harbour fees would rise. "
         "Okonkwo said the port needed money for new cranes.\n")
FULL = ("Budget passes\n\nFinance Minister Chidi Okonkwo told parliament the budget was balanced. "
        "Mr. Okonkwo said tax revenue grew in 2022.\n")
OTHER = ("Clinic opens\n\nDoctor Ada Okonkwo, a surgeon, said the new clinic would open soon. "
         "Ada Okonkwo thanked the volunteers.\n")


def _export(store: Store) -> bytes:
    buf = io.BytesIO()
    store.export("nquads", buf, with_index=True)
    return buf.getvalue()


def _store(tmp_path, nlp, texts: dict[str, str], order: list[str], name: str) -> Store:
    folder = tmp_path / f"in-{name}"
    folder.mkdir()
    store = Store.open(tmp_path / name)
    for key in order:
        path = folder / f"{key}.txt"
        path.write_text(texts[key], "utf-8")
        assert build([path], store, nlp=nlp).ok
    return store


TEXTS = {"short": SHORT, "full": FULL, "other": OTHER}


@pytest.mark.parametrize("order", [["short", "full", "other"], ["other", "full", "short"], ["full", "short", "other"]])
def test_short_name_joins_full_name_in_any_order(tmp_path, nlp, order):
    with _store(tmp_path, nlp, TEXTS, order, "s") as store:
        rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g schema:mentions ?p } ?p rdfs:label ?l }",
                            l="Chidi Okonkwo")
        assert len(rows) == 2
        assert store.select("SELECT ?p WHERE { ?p rdfs:label ?l }", l="Ada Okonkwo")


@pytest.mark.parametrize("removed", ["full", "short", "other"])
def test_add_then_remove_equals_never_added(tmp_path, nlp, removed):
    kept = [k for k in TEXTS if k != removed]
    with _store(tmp_path, nlp, TEXTS, kept, "fresh") as fresh:
        expected = _export(fresh)
    with _store(tmp_path, nlp, TEXTS, list(TEXTS), "all") as store:
        remove_article(store, f"{removed}.txt", Ids())
        assert _export(store) == expected
