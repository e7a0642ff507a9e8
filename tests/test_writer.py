"""The batched writer: the store it leaves is the one writing each article alone leaves."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import itertools
import time

import pyoxigraph as ox
import pytest

from graph.errors import StoreError
from graph.identity import remove_article, write_article
from graph.rdf._terms import CONTENT_HASH
from graph.rdf.ids import Ids
from graph.rdf.store import Store
from graph.resolve.descriptors import Descriptor
from graph.writer import ActorIndex, ActorState, Writer, stored_articles

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
@pytest.mark.parametrize("whole", [False, True])  # the index read as needed, or whole at once
def test_batches_written_from_the_index_equal_articles_written_alone(why, descs, expected, batch, whole, tmp_path):
    for n, order in enumerate(itertools.permutations(descs)):
        with Store.open(tmp_path / f"batched-{n}") as store:
            writer = Writer(store, Ids(), whole=whole)
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


# The writing thread: a batch is written while the next is planned (Writer.flush(wait=False)).

def _id(desc) -> str:
    return desc.article.rsplit(":", 1)[1]


def _edited(record):
    """The same article (same id and file) with another text."""
    return dataclasses.replace(record, article=dataclasses.replace(record.article, text=record.article.text + " Again."))


@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("order", [1, -1])
def test_batches_written_while_the_next_is_planned_equal_articles_written_alone(why, descs, expected, order,
                                                                                 tmp_path):
    descs = descs[::order]
    with Store.open(tmp_path / "batched") as store:
        writer = Writer(store, Ids())
        for desc in descs:
            writer.write(_record(desc))
            writer.flush(wait=False)
        writer.flush()
        writer.close()
        batched = _export(store)
    assert batched == _alone(tmp_path, "alone", descs)


def _refuse() -> None:
    raise OSError("refused")


class _FailingAt:
    """A pyoxigraph store whose ``at``-th write (counting from 1) calls ``fail`` (by default,
    raises ``OSError``) before it is made; the others pass."""

    def __init__(self, real, at: int, fail=_refuse) -> None:
        self._real, self.at, self.fail, self.writes = real, at, fail, 0

    def __getattr__(self, name):
        attr = getattr(self._real, name)
        if name not in ("extend", "update"):
            return attr

        def write(*args, **kwargs):
            self.writes += 1
            if self.writes == self.at:
                self.fail()
            return attr(*args, **kwargs)
        return write


@pytest.mark.parametrize(("case", "at", "lost", "raised"), [
    (0, 1, {"a"}, set()),   # b, planned joining a's actor, is planned again without it
    (0, 2, {"b"}, set()),   # found at the final flush
    (2, 1, {"a"}, set()),   # honorific: b, a rename of a's actor written alone, waits for a, then is planned again
    (9, 1, {"a"}, set()),   # b joins a, c renames their actor
    (9, 2, {"b"}, set()),   # found when c, written alone, waits for it
    (13, 1, {"a"}, set()),  # three batches written in the thread: the first lost ...
    (13, 2, {"b"}, set()),  # ... the middle one
    (13, 3, {"c"}, set()),  # ... the last
    (6, 2, set(), {"b"}),   # an article written alone (a rename) fails in this thread, as before
])
def test_a_batch_whose_background_write_fails_is_lost_alone(tmp_path, case, at, lost, raised):
    descs = CASES[case][1]
    failed: set[str] = set()
    with Store.open(tmp_path / "store") as store:
        store._inner = _FailingAt(store._inner, at)
        writer = Writer(store, Ids())
        for desc in descs:
            try:
                writer.write(_record(desc))
            except StoreError:
                failed.add(_id(desc))
            with contextlib.suppress(StoreError):  # the batch before was lost: in writer.lost
                writer.flush(wait=False)
        with contextlib.suppress(StoreError):
            writer.flush()
        writer.close()
        store._inner = store._inner._real
        assert (set(writer.lost), failed) == (lost, raised)
        written = _export(store)
    assert written == _alone(tmp_path, "alone", [d for d in descs if _id(d) not in lost | raised])


class _Slow:
    """A pyoxigraph store whose writes start a little late (0.3 s)."""

    def __init__(self, real) -> None:
        self._real = real

    def __getattr__(self, name):
        attr = getattr(self._real, name)
        if name not in ("extend", "update"):
            return attr

        def write(*args, **kwargs):
            time.sleep(0.3)
            return attr(*args, **kwargs)
        return write


@pytest.mark.parametrize(("second", "wait"), [
    (_edited, False),  # edited while its first version is being written: replaced, as when written alone
    (_edited, True),
    (lambda record: record, False),  # the same again: nothing changes
])
def test_an_article_met_again_while_its_batch_is_written_is_written_after_it(tmp_path, second, wait):
    first = _record(CASES[0][1][0])
    other = _record(CASES[0][1][1])
    with Store.open(tmp_path / "batched") as store:
        store._inner = _Slow(store._inner)  # still writing a batch when the next one is planned
        writer = Writer(store, Ids())
        for record in (first, second(first), other):
            writer.write(record)
            writer.flush(wait=wait)
        writer.flush()
        writer.close()
        batched = _export(store)
    with Store.open(tmp_path / "alone") as store:
        for record in (first, second(first), other):
            write_article(store, record, Ids())
        alone = _export(store)
    assert batched == alone


def _die_writing(location: str, at: int, how: str) -> None:
    """Write CASES[6]'s articles one batch each, handed over without waiting; the store's
    ``at``-th write dies (``how``) once the main thread has planned the batch after it, or
    after two seconds where planning that batch first waits for the write (it did in every
    case here, the crash then coming at the two seconds' end, as it came at 30 before)."""
    import os
    import signal
    import threading

    planned = threading.Event()

    def die() -> None:
        planned.wait(2)
        if how == "exit":
            os._exit(3)
        os.kill(os.getpid(), signal.SIGKILL)

    store = Store.open(location)
    store._inner = _FailingAt(store._inner, at, die)
    writer = Writer(store, Ids())
    for n, desc in enumerate(CASES[6][1], start=1):
        writer.write(_record(desc))
        if n == at + 1:
            planned.set()  # batch ``at`` is being written, batch ``at + 1`` planned
        writer.flush(wait=False)
    planned.set()
    writer.flush()
    os._exit(0)


@pytest.mark.slow  # a new process per case
@pytest.mark.parametrize("how", ["exit", "kill"])
@pytest.mark.parametrize("at", [1, 2, 3])
def test_a_crash_while_a_batch_is_written_leaves_every_batch_before_it(tmp_path, at, how):
    import multiprocessing

    process = multiprocessing.get_context("spawn").Process(target=_die_writing,
                                                           args=(str(tmp_path / "store"), at, how))
    process.start()
    process.join(120)
    assert process.exitcode == (3 if how == "exit" else -9)
    with Store.open(tmp_path / "store") as store:
        crashed = _export(store)
    assert crashed == _alone(tmp_path, "alone", CASES[6][1][:at - 1])


# The index loaded whole, and kept exact without reading the store.

def _held(index: ActorIndex) -> tuple:
    """What an index holds, comparable: keys, actors (label, shapes), labels, articles."""
    keys = {k: frozenset(a) for k, a in index.keys.items() if a}
    actors = {a: (s.label, {shape: (held[0], held[1]) for shape, held in s.shapes.items()})
              for a, s in index.actors.items()}
    return keys, actors, {a: v for a, v in index.labels.items() if v is not None}, index.articles


@pytest.mark.slow  # writes a store on disk for every order of every case
@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_index_kept_after_each_write_equals_the_index_loaded_whole(why, descs, expected, tmp_path):
    for n, order in enumerate(itertools.permutations(descs)):
        with Store.open(tmp_path / f"kept-{n}") as store:
            writer = Writer(store, Ids(), whole=True)
            for desc in order:
                writer.write(_record(desc))
                writer.flush()
                loaded = ActorIndex(store)
                loaded.load_whole()
                assert _held(writer.index) == _held(loaded), [d.article for d in order]
            writer.close()


def test_an_index_loaded_whole_reads_the_store_no_more(tmp_path):
    descs = CASES[0][1]
    with Store.open(tmp_path / "store") as store:
        for desc in descs:
            write_article(store, _record(desc), Ids())
        lazy = ActorIndex(store)
        whole = ActorIndex(store)
        whole.load_whole()
        keys = set(whole.keys)
        assert lazy.actors_for(keys) == whole.actors_for(keys)
        lazy.load(lazy.actors_for(keys))
        assert _held(lazy)[1] == _held(whole)[1]
        real, store._inner = store._inner, None  # closed: any read raises
        try:
            assert whole.actors_for(keys | {"no such key"}) == lazy.actors_for(keys)
            assert whole.label("https://example.org/none") is None
        finally:
            store._inner = real


# Groups: batches gathered and ingested, the articles that need the store deferred after them.

@pytest.mark.slow  # writes two stores on disk for every order of every case
@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("group", [1, 400])  # quads: every batch ingested; a few batches a group
def test_groups_with_articles_deferred_equal_articles_written_alone(why, descs, expected, group, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr("graph.writer.GROUP_FROM", 0)
    for n, order in enumerate(itertools.permutations(descs)):
        with Store.open(tmp_path / f"grouped-{n}") as store:
            writer = Writer(store, Ids(), group=group, whole=True)
            for desc in order:
                writer.write(_record(desc))
                writer.flush(wait=False)
            writer.flush()
            writer.close()
            assert not writer.lost and writer.unwritten == 0
            grouped = _export(store)
        assert grouped == _alone(tmp_path, f"alone-{n}", order), [d.article for d in order]


@pytest.mark.slow  # writes two stores on disk
@pytest.mark.parametrize(("share", "whole_after"), [(0.5, 3), (1.0, 5), (2.0, 10), (1000.0, None)])
def test_a_build_reads_the_index_whole_once_it_has_planned_its_share_of_the_store(share, whole_after, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.setattr("graph.writer.GROUP_FROM", 0)
    monkeypatch.setattr("graph.writer.WHOLE_AFTER", share)
    descs = [dataclasses.replace(d, article=f"{d.article}{n}") for n, (_, case, _) in enumerate(CASES) for d in case]
    first, rest = descs[:5], descs[5:]
    assert len(rest) >= 10
    with Store.open(tmp_path / "store") as store:
        for desc in first:
            write_article(store, _record(desc), Ids())
        writer = Writer(store, Ids())  # 5 articles stored: whole from 5 * share planned
        complete = []
        for desc in rest:
            writer.write(_record(desc))
            complete.append(writer.index.complete)
        writer.flush()
        writer.close()
        batched = _export(store)
    expected = [n >= whole_after if whole_after else False for n in range(1, len(rest) + 1)]
    assert complete == expected
    assert batched == _alone(tmp_path, "alone", first + rest)


@pytest.mark.parametrize(("hashes", "expected"), [
    ([], 0),
    ([("a", "a"), ("b", "b")], 2),
    ([("a", "a"), ("b", "a")], 1),  # a hash in another article's graph is not an article stored
])
def test_the_articles_stored_are_counted_by_their_own_content_hash(hashes, expected, tmp_path):
    base = "https://w3id.org/claimgraph/id/article/"
    with Store.open(tmp_path / "store") as store:
        store.change((), [ox.Quad(ox.NamedNode(base + s), CONTENT_HASH, ox.Literal("h"), ox.NamedNode(base + g))
                          for s, g in hashes])
        assert stored_articles(store) == expected
