"""The build's writer: articles written in batches, identity read from an index held in memory.

:func:`graph.identity.write_article` resolves an article against every article that names its
actors: it reads their descriptors, descriptions and merge evidence from the store, so a
frequent actor costs more with every article written. The :class:`Writer` gets the same
result for most articles without those reads, from an :class:`ActorIndex` held in memory for
the actors the build meets: for each actor, its label and one descriptor per *shape* (kind,
names, titles), the one that the resolver would pick (:func:`graph.resolve.cluster.cluster`
runs its rules once per shape, on the shape's first descriptor), with how many articles give
that shape. Clustering those representatives gives every stored actor the same assignment as
clustering every article's descriptor would.

When the article changes nothing that the store holds of the others (no actor of another
article changes IRI or label, the reason each shape of its actors joined stays the same), its
write only adds quads: its graphs, what it adds to its actors' descriptions (types, names,
titles, memberships: unions over the articles) and to their merge evidence (its own reasons,
and the "same full name" evidence of the label, which needs two articles giving it: the
index counts them). Adding a quad the store holds already changes nothing, so the result is
the store :func:`~graph.identity.write_article` would leave. Anything else (an article
replaced, a rename, a reason changed, a place's government relabelled, overrides that split
names) goes through :func:`~graph.identity.write_article` itself, after the pending batch is
written, and the index forgets what that write may have changed.

Crash safety is per batch: the articles of a batch (:meth:`Writer.flush`, called by
:func:`graph.pipeline.write_batches` after each batch of extraction results) are written in
one transaction, so a crash leaves the store with every batch written before it and none of
the interrupted one; a rerun of the build writes that batch again. An article written by
:func:`~graph.identity.write_article` is its own transaction, as before.

The transaction runs in one writing thread (pyoxigraph writes without Python's lock), so
that the store writes batch N while this thread plans batch N+1: ``flush(wait=False)``
returns at once, and at most one batch is being written at a time. Until its write is done
the batch is held in memory: its name-key entries stay unwritten in the index, and an
article of it met again waits for it. Everything that needs the store as written waits for
it first: the next flush, an article written alone, a checkpoint, :meth:`Writer.close`. A
crash while the batch is being written leaves the store with every batch before it, as
above. A batch whose write fails is lost whole, as when it was written in this thread: its
articles are in :attr:`Writer.lost`, the index forgets everything, and the batch planned
behind it, planned on what was lost, is planned again from the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from graph.errors import UnsavedWrites
from graph.identity import override_keys, write_article
from graph.overrides import Overrides
from graph.rdf._terms import (DEFAULT_GRAPH, INDEX_OF, LABEL, LOCAL_GOVERNMENT_OF, LOCAL_KIND, LOCAL_LABEL, LOCAL_NAME,
                              LOCAL_REASON, MEMBER, NAME_KEY, ORGANIZATION, TITLE, Quad, index_graph, iri)
from graph.rdf.base import GraphStore
from graph.rdf.ids import Ids
from graph.rdf.mapping import actor_iris, description_quads, evidence_quads, text_quads, to_quads
from graph.rdf.name_index import (descriptors_in, entry_keys, government_quads, graph_facts, index_quads,
                                  indexed_actors, read_actors, read_keys, source_quads)
from graph.rdf.statement_keys import key_quads
from graph.records import ArticleRecord, Merge
from graph.resolve import Resolution, resolve
from graph.resolve.cluster import cluster, combine_merges, member_merges
from graph.resolve.descriptors import Descriptor, Shape, descriptors_of, is_short
from graph.resolve.names import lookup_keys

#: The reason :func:`graph.resolve.cluster.member_merges` gives a fullest name joined by none.
_SAME = "same full name"
#: The predicates of an article's public graph that :func:`~graph.rdf.name_index.descriptors_in`
#: and :func:`~graph.rdf.name_index.graph_facts` read (its role nodes'): the rest is left out
#: before they scan it.
_READ_PREDICATES = frozenset({INDEX_OF, MEMBER, NAME_KEY, TITLE, ORGANIZATION, LOCAL_KIND, LOCAL_NAME, LOCAL_LABEL,
                              LOCAL_REASON, LOCAL_GOVERNMENT_OF})


@dataclass
class ActorState:
    """What the index holds of one stored actor.

    Attributes:
        label: Its ``rdfs:label`` in the default graph (None: it has none).
        shapes: Shape -> [its first descriptor by key (with only its join reasons), how many
            articles give it].
    """

    label: str | None
    shapes: dict[Shape, list] = field(default_factory=dict)

    def add(self, d: Descriptor) -> None:
        """Count one more article's descriptor."""
        shape = d.shape
        rep = Descriptor(d.article, d.ref, d.kind, d.names, d.titles, d.join_reasons)
        held = self.shapes.get(shape)
        if held is None:
            self.shapes[shape] = [rep, 1]
        else:
            held[1] += 1
            if rep.key < held[0].key:
                held[0] = rep

    def using(self, label: str) -> list[list]:
        """The shapes (as held) whose names include ``label``."""
        return [held for shape, held in self.shapes.items() if label in shape[1]]


class ActorIndex:
    """Name keys and actors, read from the store once each and kept current by the writes of
    one :class:`Writer` (which must tell it what it writes: :meth:`added`, :meth:`forget`).
    Unnamed sources are left out: their index entries keep name keys (for lookups by name),
    but identity never joins them, and a generic name ("officials") holds one per article.

    Args:
        store: The store the writer writes.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.keys: dict[str, set[str]] = {}  # name key -> actors stored under it
        self.actors: dict[str, ActorState] = {}
        self.labels: dict[str, str | None] = {}  # other actors' labels (governments, new actors)
        self.unwritten: dict[str, set[str]] = {}  # name key -> actors under it in the batch not yet written
        self.held_under: dict[str, set[str]] = {}  # actor -> keys of self.keys holding it (or that did)

    def actors_for(self, keys: Iterable[str]) -> set[str]:
        """The actors stored (or pending) under any of ``keys``."""
        keys = set(keys)
        # Not ``keys - self.keys.keys()``: a set minus a dict view walks the whole dict.
        missing = {k for k in keys if k not in self.keys}
        if missing:
            found = read_keys(self.store, missing, named=True)
            for key in missing:
                self.keys[key] = found.get(key, set()) | self.unwritten.get(key, set())
                for actor in self.keys[key]:
                    self.held_under.setdefault(actor, set()).add(key)
        return {a for k in keys for a in self.keys[k]}

    def load(self, actors: Iterable[str]) -> None:
        """Read the actors not held yet: their descriptors and labels."""
        missing = sorted({a for a in actors if a not in self.actors})
        if not missing:
            return
        labels = {a: self._label(a) for a in missing}
        states = {a: ActorState(labels[a]) for a in missing}
        for d in read_actors(self.store, missing):
            states[d.ref].add(d)
        self.actors.update(states)

    def context(self, keys: set[str]) -> list[Descriptor]:
        """The representatives of every shape of every actor that :func:`graph.rdf.name_index.read_context`
        would read for ``keys`` (an article not stored yet)."""
        actors = self.actors_for(keys)
        self.load(actors)
        reps = [held[0] for a in sorted(actors) for held in self.actors[a].shapes.values()]
        more = {k for d in reps if is_short(d) for k in lookup_keys(d.kind, d.names, d.titles)} - keys
        if more:
            extra = self.actors_for(more) - actors
            self.load(extra)
            reps += [held[0] for a in sorted(extra) for held in self.actors[a].shapes.values()]
        return reps

    def label(self, actor: str) -> str | None:
        """The stored label of any actor (None when it has none)."""
        if actor in self.actors:
            return self.actors[actor].label
        if actor not in self.labels:
            self.labels[actor] = self._label(actor)
        return self.labels[actor]

    def _label(self, actor: str) -> str | None:
        found = self.store.quads(iri(actor), LABEL, None, DEFAULT_GRAPH)
        return found[0].object.value if found else None

    def added(self, own: list[Descriptor], keys: dict[str, set[str]], labels: dict[str, str]) -> None:
        """Count an article written: its descriptors, the actors under each of its name keys,
        and the labels of its actors."""
        for d in own:
            state = self.actors.get(d.ref)
            if state is None:
                state = self.actors[d.ref] = ActorState(labels.get(d.ref))
            state.add(d)
        for key, actors in keys.items():
            self.unwritten.setdefault(key, set()).update(actors)
            if key in self.keys:
                self.keys[key] |= actors
                for actor in actors:
                    self.held_under.setdefault(actor, set()).add(key)
        for actor, label in labels.items():
            if actor in self.actors:
                self.actors[actor].label = label
            else:
                self.labels[actor] = label

    def written(self, keys: dict[str, set[str]] | None = None) -> None:
        """A batch is in the store: its entries (the ``keys`` given to :meth:`added` for its
        articles; None: every entry) are no longer unwritten. An entry that a later batch
        gives too may go: the store now holds it."""
        if keys is None:
            self.unwritten.clear()
            return
        for key, actors in keys.items():
            held = self.unwritten.get(key)
            if held is not None:
                held -= actors
                if not held:
                    del self.unwritten[key]

    def forget(self, actors: Iterable[str], keys: Iterable[str]) -> None:
        """Drop what a write outside the index may have changed: these actors, every label
        of an actor not held (a rename may have given one), these keys, and every key under
        which one of these actors is held."""
        actors = set(actors)
        for a in actors:
            self.actors.pop(a, None)
        self.labels.clear()
        for key in set(keys).union(*(self.held_under.pop(a, ()) for a in actors)):
            self.keys.pop(key, None)

    def clear(self) -> None:
        """Forget everything (after a failed write)."""
        self.keys.clear()
        self.actors.clear()
        self.labels.clear()
        self.unwritten.clear()
        self.held_under.clear()


class Writer:
    """Writes extracted articles to a store in batches (see the module docstring).

    Args:
        store: The store (writable).
        ids: The IRI minter.
        overrides: The user's joins and splits; with splits, every article is written by
            :func:`graph.identity.write_article` (a split makes a join depend on the other
            actors read, which the index does not follow).

    Call :meth:`close` when done (it waits for the batch being written).

    Attributes:
        lost: Id -> the error, of each article of a batch that failed to be written (kept
            until the caller takes them).
        fast: Articles written from the index since the writer was made.
        slow: Articles written by :func:`graph.identity.write_article`.
        why: Why articles were, by the first reason found: "rename", "unfound", "label",
            "reasons", "government" (the others were stored already, or the overrides split).
    """

    def __init__(self, store: GraphStore, ids: Ids, overrides: Overrides | None = None) -> None:
        self.store, self.ids, self.overrides = store, ids, overrides or Overrides()
        self.index = ActorIndex(store)
        self.pending: list[Quad] = []
        self.articles: dict[str, ArticleRecord] = {}  # IRI -> record of each article pending
        self.lost: dict[str, BaseException] = {}
        self._keys: dict[str, set[str]] = {}  # name-key entries of the pending batch
        self._thread: ThreadPoolExecutor | None = None  # writes the batches, one at a time
        self._write: Future | None = None  # the batch being written
        self._writing: dict[str, ArticleRecord] = {}  # IRI -> record of its articles
        self._writing_keys: dict[str, set[str]] = {}  # and its name-key entries
        self._checkpoint: Future | None = None  # the store's flush asked after it
        self.fast = self.slow = 0
        self.why: Counter[str] = Counter()
        self._changed: set[str] | None = None

    def write(self, record: ArticleRecord) -> None:
        """Write one article (in the pending batch, or at once when it needs the store).

        Raises:
            ClaimGraphError, StoreError: when the article cannot be written. A batch that
                it waited for and that could not be written is not raised but in
                :attr:`lost` (see :meth:`wait`), and the article is planned without it.
        """
        article = self.ids.article(record.article.id)
        try:
            self.wait(article)  # an article of the batch being written: the store holds it first
        except Exception as exc:
            if isinstance(exc, UnsavedWrites) or not self.lost_to(exc):
                raise
        plan, self._changed = None, None
        if not self.overrides.splits and article not in self.articles and self.store.article_hash(article) is None:
            plan = self._plan(record, article)
        if plan is None:
            self._write_alone(record, article, self._changed)
            return
        quads, own, keys, labels = plan
        self.pending += quads
        self.articles[article] = record
        for key, actors in keys.items():
            self._keys.setdefault(key, set()).update(actors)
        self.index.added(own, keys, labels)
        self.fast += 1

    def _write_alone(self, record: ArticleRecord, article: str, changed: set[str] | None) -> None:
        """Write an article with :func:`~graph.identity.write_article`, after the pending batch.

        Args:
            record: The article.
            article: Its IRI.
            changed: The held actors whose members or label the write changes (None: not
                known, so every actor the article's names find is forgotten).
        """
        try:
            self.flush()  # and wait: the store holds every batch before this article
        except Exception as exc:
            if isinstance(exc, UnsavedWrites) or not self.lost_to(exc):
                raise
            self.write(record)  # planned again, on the store without the batch lost
            return
        touched = self._touched(record, article) if changed is None else set()
        try:
            write_article(self.store, record, self.ids, self.overrides)
        except BaseException:
            self.index.clear()
            raise
        index, public = index_graph(article), iri(article)
        quads = self.store.quads(None, None, None, index)
        keys = entry_keys(quads, named=True)
        if changed is None:
            self.index.forget(touched, keys)
        else:
            roles = self.store.quads(None, MEMBER, None, public) + self.store.quads(None, TITLE, None, public)
            own = descriptors_in(quads + roles, article)
            self.index.forget(changed, ())
            self.index.added([d for d in own if d.ref in self.index.actors], keys, {})
            self.index.written()
        self.slow += 1

    def flush(self, wait: bool = True) -> None:
        """Write the pending batch in one transaction, in the writing thread, once the batch
        before it is written. A crash before that transaction ends leaves the store with every
        batch before this one and nothing of this one (a rerun of the build writes it).

        Args:
            wait: Also wait until the batch is in the store. Without, return at once: the
                next :meth:`flush`, :meth:`wait` or :meth:`close` waits for it.

        Raises:
            StoreError (or what the store raised): when a write waited for failed; its
                articles are then in :attr:`lost` (none of them is in the store), and the
                index forgets everything.
        """
        try:
            self.wait()
        finally:
            quads, self.pending = self.pending, []
            self._writing, self.articles = self.articles, {}
            self._writing_keys, self._keys = self._keys, {}
            if quads:
                self._write = self._submit(self.store.change, (), quads)
            if wait:
                self.wait()

    def wait(self, article: str | None = None) -> None:
        """Wait until the batch being written is in the store (given ``article``, only if the
        batch holds it), and make the checkpoint asked after it (:meth:`checkpoint`).

        Raises:
            StoreError (or what the store raised): when the write failed. Its articles are
                then in :attr:`lost`, the index forgets everything, and the pending batch,
                planned on the lost one, is planned again from the store (an article that
                then fails is in :attr:`lost` too; after :class:`~graph.errors.UnsavedWrites`,
                the whole pending batch is).
        """
        if self._write is None or (article is not None and article not in self._writing):
            return
        write, writing, keys = self._write, self._writing, self._writing_keys
        self._write, self._writing, self._writing_keys = None, {}, {}
        try:
            try:
                write.result()
            except Exception as exc:
                self._lose(writing, exc)
                raise
            self.index.written(keys)
        finally:
            if self._checkpoint is not None:
                flushed, self._checkpoint = self._checkpoint, None
                flushed.result()
                self.store.checkpoint()  # only reopens: the flush was the slow part

    def checkpoint(self) -> None:
        """Checkpoint the store (:meth:`GraphStore.checkpoint`) after the batch being written.

        Its slow part, the store's ``flush`` (both stores have one: writing RocksDB's memory
        to disk, sending the writes queued for a server), runs in the writing thread beside
        the next batch's planning; the reopening, which no read may overlap, at the next
        :meth:`wait`. With no batch being written, at once.
        """
        if self._write is None:
            self.store.checkpoint()
        else:
            self._checkpoint = self._submit(self.store.flush)  # type: ignore[attr-defined]

    def close(self) -> None:
        """Wait for the batch being written and end the writing thread. The pending batch is
        not written (call :meth:`flush` first); a failed write is only recorded in :attr:`lost`."""
        self.pending, self.articles, self._keys = [], {}, {}
        try:
            self.wait()
        except Exception:  # noqa: BLE001,S110 - in self.lost; the caller is already stopping
            pass
        finally:
            if self._thread is not None:
                self._thread.shutdown()
                self._thread = None

    def lost_to(self, exc: BaseException) -> bool:
        """True when ``exc`` is the error of a batch whose articles are in :attr:`lost`."""
        return any(exc is error for error in self.lost.values())

    def _submit(self, job, *args) -> Future:
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimgraph-writer")
        return self._thread.submit(job, *args)

    def _lose(self, batch: dict[str, ArticleRecord], exc: BaseException) -> None:
        """A batch failed to be written: its articles are lost, the index forgets, and the
        pending batch is planned again from the store."""
        self.lost.update({r.article.id: exc for r in batch.values()})
        self.index.clear()
        again = list(self.articles.values())
        self.pending, self.articles, self._keys = [], {}, {}
        self.fast -= len(again)
        for record in again:
            if isinstance(exc, UnsavedWrites):  # the server takes nothing more: the build stops
                self.lost[record.article.id] = exc
                continue
            try:
                self.write(record)
            except Exception as again_exc:  # noqa: BLE001 - reported with the batch, as when it was written
                self.lost[record.article.id] = again_exc

    def _touched(self, record: ArticleRecord, article: str) -> set[str]:
        """Every held actor whose members or label :func:`~graph.identity.write_article` may
        change for this article: those its names find (which it may rename) and those it
        names already (a replaced article). The actors they become are new to the index or
        among them."""
        own = descriptors_of(record, article)
        keys = {k for d in own for k in lookup_keys(d.kind, d.names, d.titles)}
        keys |= override_keys(keys, self.overrides)
        return {d.ref for d in self.index.context(keys)} | indexed_actors(self.store, article)

    def _plan(self, record: ArticleRecord, article: str) -> tuple | None:
        """The quads that write a new article, when it changes nothing stored of the others;
        None when it needs :func:`~graph.identity.write_article`."""
        ids = self.ids
        own_new = descriptors_of(record, article)
        keys = {k for d in own_new for k in lookup_keys(d.kind, d.names, d.titles)}
        keys |= override_keys(keys, self.overrides)
        context = self.index.context(keys)
        resolved, resolution = resolve(record, ids, context, self.overrides)
        moved = {d.ref: resolution.assignments[d.key].iri for d in context if resolution.assignments[d.key].iri != d.ref}
        if moved:
            self._changed = set(moved) | set(moved.values())
            self.why['rename'] += 1
            return None  # a stored actor changes IRI
        actors = actor_iris(resolved, ids)
        public = to_quads(resolved, ids, evidence=False)
        index = index_quads(record, actors, resolved.labels, article) + government_quads(record, actors, article)
        # What descriptors_in and graph_facts read: the index, and the role nodes of the public graph.
        read = index + [q for q in public if q.predicate in _READ_PREDICATES]
        quads = public + index + key_quads(public + index, article)
        own = descriptors_in(read, article)
        known = {d.ref for d in context}
        joined = {d.ref for d in own}
        for actor in joined - known:
            if self.index.label(actor) is not None:
                self._changed = {actor}
                self.why['unfound'] += 1
                return None  # a stored actor the names did not find (IRIs alike)
        for actor in joined & known:
            if self.index.actors[actor].label != resolved.labels.get(actor):
                self._changed = {actor}
                self.why['label'] += 1
                return None  # a stored actor changes label
        if joined & known and not _same_reasons(context, [d for d in context if d.ref in joined], resolution,
                                                 ids, self.overrides, own_new):
            self._changed = set()
            self.why['reasons'] += 1
            return None
        facts = graph_facts(read)
        labels = {}
        for actor, f in facts.items():
            if actor in resolved.labels:
                labels[actor] = resolved.labels[actor]
            elif LOCAL_LABEL in f:
                own_label = min(v.value for v in f[LOCAL_LABEL])
                stored = self.index.label(actor)
                if stored is not None and own_label < stored:
                    self._changed = set()
                    self.why['government'] += 1
                    return None  # a government takes a new label
                labels[actor] = own_label if stored is None else stored
        quads += description_quads({a: f for a, f in facts.items() if a in labels}, labels)
        quads += evidence_quads(self._evidence(own, resolution, resolved.labels, article), ids)
        quads += text_quads(record.article, ids) + source_quads(record.article, article)
        return quads, own, entry_keys(index, named=True), {a: labels[a] for a in labels}

    def _evidence(self, own: list[Descriptor], resolution: Resolution, labels: dict[str, str],
                  article: str) -> dict[str, list[Merge]]:
        """The merge evidence the article adds to each of its actors: its own, and the
        "same full name" of the label once two articles of the actor's cluster give it."""
        found = {resolution.assignments[key].iri: key for key in resolution.clusters if key[0] == article}
        out: dict[str, list[Merge]] = {}
        for d in own:
            label, key = labels.get(d.ref), found.get(d.ref)
            if label is None or key is None:
                continue
            merges = member_merges(d, label, resolution.reasons.get(key))
            state = self.index.actors.get(d.ref)
            if state is not None and label in d.names:
                cluster_of = resolution.clusters[key]
                using = [held for held in state.using(label) if resolution.clusters.get(held[0].key) == cluster_of]
                count = sum(held[1] for held in using)
                if count:
                    others = (using[0][0].article,) if count == 1 else ()
                    merges.append(Merge(label, "same full name", tuple(sorted((article, *others)))))
            out[d.ref] = combine_merges(merges)
        return {a: ms for a, ms in out.items() if ms}


def _same_reasons(context: list[Descriptor], touched: list[Descriptor], resolution: Resolution, ids: Ids,
                  overrides: Overrides, own: list[Descriptor]) -> bool:
    """True when every shape of the actors the article joins gives its fullest name the same
    reason as before it (:func:`graph.resolve.cluster.member_merges`; a shape whose fullest
    name is the label gives none): their evidence then only gains the article's.

    Without clustering the context again when the article's descriptors (``own``, clustered
    as they are: no two of them in one actor) are each of a shape the context holds already,
    under a smaller key: :func:`graph.resolve.cluster.cluster` then runs its rules on the
    same first descriptor of each shape, in the same order, with or without them, so every
    reason is the same."""
    touched = [d for d in touched if d.primary != resolution.assignments[d.key].label]
    if not touched:
        return True
    if _adds_no_shape(context, own, resolution):
        return True
    before = cluster(context, ids, overrides)
    return all((before.reasons.get(d.key) or _SAME) == (resolution.reasons.get(d.key) or _SAME) for d in touched)


def _adds_no_shape(context: list[Descriptor], own: list[Descriptor], resolution: Resolution) -> bool:
    """True when clustering ``context`` with ``own`` ran the rules on the same descriptors as
    clustering ``context`` alone: each of ``own`` was clustered as it is (the resolver merged
    none of them) and has the shape of a descriptor of ``context`` whose key is smaller (the
    first of a shape, by key, stands for it)."""
    if len({resolution.assignments[d.key].iri for d in own}) < len(own):
        return False  # the resolver clustered them again, merged
    first: dict[Shape, tuple[str, str]] = {}
    for d in context:
        shape = d.shape
        if shape not in first or d.key < first[shape]:
            first[shape] = d.key
    return all(d.shape in first and first[d.shape] < d.key for d in own)
