"""The batched writer: the store it leaves is the one writing each article alone leaves."""

from __future__ import annotations

import io
import itertools

import pytest

from graph.errors import StoreError
from graph.identity import remove_article, write_article
from graph.rdf.ids import Ids
from graph.rdf.store import Store
from graph.resolve.descriptors import Descriptor
from graph.writer import ActorIndex, ActorState, Writer

from .resolve.test_cluster import CASES
from .test_identity import _record


def _export(store: Store) -> bytes:
    buf = io.BytesIO()
    store.export("nquads", buf, with_index=True)
    return buf.getvalue()


def _alone(tmp_path, name: str, descs) -> bytes:
    with Store.open(tmp_path / name) as store:
        for desc in descs:
            write_article(store, _record(desc), Ids())
        return _export(store)


@pytest.mark.slow  # writes two stores on disk for every order of every case
@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("batch", [1, 2])
def test_batches_written_from_the_index_equal_articles_written_alone(why, descs, expected, batch, tmp_path):
    for n, order in enumerate(itertools.permutations(descs)):
        with Store.open(tmp_path / f"batched-{n}") as store:
            writer = Writer(store, Ids())
            for i, desc in enumerate(order, start=1):
                writer.write(_record(desc))
                if i % batch == 0:
                    writer.flush()
            writer.flush()
            batched = _export(store)
        assert batched == _alone(tmp_path, f"alone-{n}", order), [d.article for d in order]


@pytest.mark.parametrize(("why", "descs", "expected"), CASES[:3], ids=[c[0] for c in CASES[:3]])
def test_removing_an_article_written_in_a_batch_equals_never_added(why, descs, expected, tmp_path):
    gone, rest = descs[0], descs[1:]
    with Store.open(tmp_path / "batched") as store:
        writer = Writer(store, Ids())
        for desc in descs:
            writer.write(_record(desc))
        writer.flush()
        remove_article(store, gone.article.rsplit(":", 1)[1], Ids())
        removed = _export(store)
    assert removed == _alone(tmp_path, "never", rest)


class _Refusing:
    """A pyoxigraph store that refuses every write."""

    def __init__(self, real) -> None:
        self._real = real

    def __getattr__(self, name):
        if name in ("extend", "update"):
            def refuse(*args, **kwargs):
                raise OSError("refused")
            return refuse
        return getattr(self._real, name)


def test_a_batch_that_cannot_be_written_is_lost_whole_and_named(tmp_path):
    descs = CASES[0][1]
    with Store.open(tmp_path / "store") as store:
        empty = _export(store)
        writer = Writer(store, Ids())
        for desc in descs:
            writer.write(_record(desc))
        real, store._inner = store._inner, _Refusing(store._inner)
        with pytest.raises(StoreError):
            writer.flush()
        store._inner = real
        assert set(writer.lost) == {d.article.rsplit(":", 1)[1] for d in descs}
        assert _export(store) == empty
        assert not writer.index.actors  # nothing held that the store does not hold


@pytest.mark.parametrize(("articles", "shapes", "first"), [
    (["a2", "a1"], 1, "a1"),  # one shape: counted twice, held by its first article
    (["a1", "a2"], 1, "a1"),
])
def test_an_actor_holds_one_descriptor_per_shape_with_its_count(articles, shapes, first):
    state = ActorState("Mara Voss")
    for article in articles:
        state.add(Descriptor(article, "x", "Person", frozenset({"Mara Voss"}), reasons=frozenset({("Voss", "r")})))
    assert len(state.shapes) == shapes
    [(rep, count)] = state.shapes.values()
    assert (rep.article, count, rep.reasons) == (first, len(articles), frozenset())
    assert state.using("Mara Voss") == [[rep, count]] and state.using("Voss") == []


class _NoStore:
    """A store holding nothing (the index then knows only what it was told)."""

    def query(self, sparql):
        return []


def test_forgetting_an_actor_drops_every_key_holding_it():
    index = ActorIndex(_NoStore())
    index.added([], {"k1": {"a"}, "k2": {"a", "b"}, "k3": {"b"}}, {})
    assert index.actors_for({"k1", "k2", "k3", "k4"}) == {"a", "b"}
    index.forget({"a"}, ())
    assert set(index.keys) == {"k3", "k4"}
    index.forget({"c"}, {"k4"})
    assert set(index.keys) == {"k3"}
