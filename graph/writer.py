"""The build's writer: articles written in batches, identity read from an index held in memory.

:func:`graph.identity.write_article` resolves an article against every article that names its
actors: it reads their descriptors, descriptions and merge evidence from the store, so a
frequent actor costs more with every article written. The :class:`Writer` gets the same
result for most articles without those reads, from an :class:`ActorIndex` held in memory:
every name key with the actors stored under it, every label, and for each actor one
descriptor per *shape* (kind, names, titles), the one that the resolver would pick
(:func:`graph.resolve.cluster.cluster` runs its rules once per shape, on the shape's first
descriptor), with how many articles give that shape. Clustering those representatives gives
every stored actor the same assignment as clustering every article's descriptor would. A
build's writer reads the index whole from the store (one scan per predicate it reads) once it
has planned a share of the articles stored (:data:`WHOLE_AFTER`), and never again: the
planning of an article then reads nothing from the store. Before that, and for a small
build into a large store, the index reads each name key and actor the first time it is met.

When the article changes nothing that the store holds of the others (no actor of another
article changes IRI or label, the reason each shape of its actors joined stays the same), its
write only adds quads: its graphs, what it adds to its actors' descriptions (types, names,
titles, memberships: unions over the articles) and to their merge evidence (its own reasons,
and the "same full name" evidence of the label, which needs two articles giving it: the
index counts them). Adding a quad the store holds already changes nothing, so the result is
the store :func:`~graph.identity.write_article` would leave. Anything else (an article
replaced, a rename, a reason changed, a place's government relabelled, overrides that split
names) goes through :func:`~graph.identity.write_article` itself, after the pending batch is
written, and the index follows what that write read and changed (:meth:`ActorIndex.rewritten`:
the renamed actors' shapes and keys pass to their new IRIs, labels as the write set them),
reading the store again only where that is not known exactly (an actor split, a replaced
article).

Crash safety is per batch, or per group: the articles of a batch (:meth:`Writer.flush`,
called by :func:`graph.pipeline.write_batches` after each batch of extraction results) are
written in one transaction, so a crash leaves the store with every batch written before it
and none of the interrupted one; a rerun of the build writes that batch again. A build's
writer (``Writer(group=GROUP_QUADS)``), once the store holds :data:`GROUP_FROM` articles,
gathers batches into groups of at least :data:`GROUP_QUADS` quads (about 115 articles, or
fewer when :data:`DEFERRED` articles wait to be written alone), each ingested by the store's bulk loader
(:meth:`graph.rdf.store.Store.ingest`, one atomic ingestion, whose cost does not grow with
the store): a crash leaves every group written before it and none of the interrupted one,
and a rerun writes that group again. In a group, an article that needs
:func:`~graph.identity.write_article` is deferred until the group is written, then written
alone, in the order met: the store ends the same, as the order of the articles does not
matter; a crash between leaves the group without the articles deferred, which a rerun
writes. An article written by :func:`~graph.identity.write_article` is its own transaction,
as before.

The transaction runs in one writing thread (pyoxigraph writes without Python's lock), so
that the store writes batch N while this thread plans batch N+1: ``flush(wait=False)``
returns at once, and at most one batch is being written at a time. Until its write is done
the batch is held in memory, and an article of it met again waits for it. Everything that
needs the store as written waits for it first: the next flush, an article written alone, a
checkpoint, :meth:`Writer.close`. A crash while the batch is being written leaves the store
with every batch before it, as above. A batch whose write fails is lost whole, as when it
was written in this thread: its articles are in :attr:`Writer.lost`, the index is read again
from the store, and the batch planned behind it, planned on what was lost, is planned again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from graph.errors import UnsavedWrites
from graph.identity import override_keys, write_article
from graph.overrides import Overrides
from graph.rdf import nquads
from graph.rdf._terms import (CONTENT_HASH, DEFAULT_GRAPH, INDEX_GRAPH_PREFIX, INDEX_OF, LABEL, LOCAL_LABEL, MEMBER,
                              ORGANIZATION, TITLE, index_graph, iri)
from graph.rdf.base import GraphStore
from graph.rdf.ids import Ids
from graph.rdf.mapping import actor_iris, article_lines, description_lines, evidence_lines, text_quads
from graph.rdf.name_index import (actor_keys, descriptors_in, entry_keys, government_lines, graph_descriptors,
                                  graph_facts, index_lines, read_actors, read_index, read_keys, source_quads)
from graph.rdf.statement_keys import key_lines
from graph.records import ArticleRecord, Merge
from graph.resolve import Resolution, resolve
from graph.resolve.cluster import adds_no_shape, cluster, combine_merges, member_merges
from graph.resolve.descriptors import Descriptor, Shape, descriptors_of, is_short
from graph.resolve.names import lookup_keys

#: Quads of planned batches that a build's writer gathers into one group before writing it
#: (``Writer(group=GROUP_QUADS)``), and from which a group is ingested by the store's bulk
#: loader (:meth:`graph.rdf.store.Store.ingest`) rather than written in a transaction: about
#: 115 articles. Smaller ingestions leave many small files that slow the store's reads.
GROUP_QUADS = 100_000
#: Articles deferred (to be written alone after the group) at which a group is written, however small.
DEFERRED = 32
#: Articles the store holds (or the writer planned) from which a build's writer groups its
#: batches: below, each batch is one transaction, cheap in a small store, and a crash loses
#: at most the batch being written.
GROUP_FROM = 256
#: A build's writer reads the index whole once it has planned this share of the articles the
#: store held when it started (and :data:`GROUP_FROM` at least): reading it whole costs about
#: 5 ms of CPU an article stored (47 s for 10,000) and saves about 20 ms an article planned
#: afterwards, so a small build into a large store (``claimgraph build`` of a few new files)
#: keeps reading only what its articles name, and a large one pays the read once it has
#: planned about as many articles as the read costs (the break-even of renting and buying).
WHOLE_AFTER = 0.25
#: The reason :func:`graph.resolve.cluster.member_merges` gives a fullest name joined by none.
_SAME = "same full name"
#: The predicates of an article's public graph that :func:`~graph.rdf.name_index.descriptors_in`
#: and :func:`~graph.rdf.name_index.graph_facts` read (its role nodes'), as text: the rest of
#: its lines is left out before they are parsed.
_READ_PREDICATES = frozenset(str(p) for p in (MEMBER, TITLE, ORGANIZATION))


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
    """Name keys, actors and labels held in memory for identity, kept current by the writes of
    one :class:`Writer` (which must tell it what it writes: :meth:`added`, :meth:`rewritten`).
    Unnamed sources are left out: their index entries keep name keys (for lookups by name),
    but identity never joins them, and a generic name ("officials") holds one per article.

    Loaded whole (:meth:`load_whole`, which the :class:`Writer` calls when it is worth it),
    the index never reads the store again: a key it does not hold has no actor, an actor it
    does not hold no descriptor, an IRI without a label none. Not loaded (a bare index), it
    reads what it lacks from the store, key by key and actor by actor, and forgets everything
    after an article written alone (:meth:`rewritten` follows such a write only when whole).

    Args:
        store: The store the writer writes.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.complete = False  # holds the whole store: never reads it
        self.keys: dict[str, set[str]] = {}  # name key -> actors stored under it
        self.actors: dict[str, ActorState] = {}
        self.labels: dict[str, str | None] = {}  # other actors' labels (loaded whole: every label)
        self.unwritten: dict[str, set[str]] = {}  # name key -> actors under it in the batch not yet written
        self.held_under: dict[str, set[str]] = {}  # actor -> keys of self.keys holding it (or that did)
        self.articles: set[str] = set()  # loaded whole: the IRIs of the articles stored or planned

    def load_whole(self) -> None:
        """Read the whole index from the store (every name key, every keyed actor's
        descriptors, every label, the stored articles), replacing what is held; no write may
        be under way."""
        self.clear()
        keys, descriptors = read_index(self.store)
        self.keys = keys
        for key, actors in keys.items():
            for actor in actors:
                self.held_under.setdefault(actor, set()).add(key)
        self.labels = {q.subject.value: q.object.value for q in self.store.quads(None, LABEL, None, DEFAULT_GRAPH)}
        for d in descriptors:
            state = self.actors.get(d.ref)
            if state is None:
                state = self.actors[d.ref] = ActorState(self.labels.get(d.ref))
            state.add(d)
        self.articles = {q.subject.value for q in self.store.quads(None, CONTENT_HASH, None, None)
                         if q.subject == q.graph_name}
        self.complete = True

    def stored(self, article: str) -> bool:
        """True when the store holds the article (or the writer planned it)."""
        if self.complete:
            return article in self.articles
        return self.store.article_hash(article) is not None

    def actors_for(self, keys: Iterable[str]) -> set[str]:
        """The actors stored (or pending) under any of ``keys``."""
        keys = set(keys)
        if self.complete:
            return {a for k in keys for a in self.keys.get(k, ())}
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
        """Read the actors not held yet: their descriptors and labels (loaded whole: none to read)."""
        missing = sorted({a for a in actors if a not in self.actors})
        if not missing or self.complete:
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
        if self.complete:
            return self.labels.get(actor)
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
                state = self.actors[d.ref] = ActorState(labels.get(d.ref, self.labels.get(d.ref)))
            state.add(d)
        for key, actors in keys.items():
            if not self.complete:
                self.unwritten.setdefault(key, set()).update(actors)
            if key in self.keys or self.complete:
                self.keys.setdefault(key, set()).update(actors)
                for actor in actors:
                    self.held_under.setdefault(actor, set()).add(key)
        for actor, label in labels.items():
            if actor in self.actors:
                self.actors[actor].label = label
            if self.complete or actor not in self.actors:
                self.labels[actor] = label

    def rewritten(self, article: str, write: dict) -> None:
        """Follow a write of :func:`~graph.identity.write_article` (``write``: what it gave
        in ``out``) without reading the store, when loaded whole: what it read of the actors
        it involved (every article's descriptor of each), how it resolved them and what it
        changed (the graphs it renamed or replaced, the labels it removed and added).

        The involved actors' states are rebuilt from their descriptors: those of the
        articles left alone as read, those of the changed ones from their new graphs. An
        actor renamed whole passes its name keys to its new IRI. Where that is not known
        exactly (an actor split between IRIs, a replaced article, a new IRI already held
        that the write did not read), those actors are read again from the store.
        """
        self.articles.add(article)
        pending = write["pending"]
        for q in pending.remove:
            if q.predicate == LABEL and q.graph_name == DEFAULT_GRAPH:
                self._relabel(q.subject.value, None)
        for q in pending.add:
            if q.predicate == LABEL and q.graph_name == DEFAULT_GRAPH:
                self._relabel(q.subject.value, q.object.value)
        context, own_old, assignments = write["context"], write["own"], write["resolution"].assignments
        read = {d.ref for d in context}
        moved: dict[str, set[str]] = {}
        for d in context:
            if assignments[d.key].iri != d.ref:
                moved.setdefault(d.ref, set()).add(assignments[d.key].iri)
        changed = {g.value: quads for g, quads in pending.graphs.items()}
        own_index = changed.get(index_graph(article).value, [])
        involved = read | {a for news in moved.values() for a in news} | {d.ref for d in own_old}
        involved |= {q.object.value for q in own_index if q.predicate == INDEX_OF}
        descriptors: dict[str, list[Descriptor]] = {}
        for d in context:
            if index_graph(d.article).value not in changed:
                descriptors.setdefault(d.ref, []).append(d)
        new_keys: dict[str, set[str]] = {}
        for name, quads in changed.items():
            if not name.startswith(INDEX_GRAPH_PREFIX):
                continue
            public = changed.get(name[len(INDEX_GRAPH_PREFIX):], [])
            roles = [q for q in public if q.predicate in (MEMBER, TITLE)]
            for d in graph_descriptors(quads + roles, involved):
                descriptors.setdefault(d.ref, []).append(d)
            for key, actors in entry_keys(quads, named=True).items():
                new_keys.setdefault(key, set()).update(actors)
        again = {d.ref for d in own_old}  # a replaced article: what it held is not known
        again |= {a for a in involved - read if self.actors.get(a) is not None}
        for old, news in moved.items():
            if old in descriptors or len(news) > 1:
                again |= {old} | news  # split: which keys went where is not known
            else:
                for key in self.held_under.pop(old, ()):
                    held = self.keys.get(key)
                    if held is not None:
                        held.discard(old)
                        held |= news
                    for new in news:
                        self.held_under.setdefault(new, set()).add(key)
        for key, actors in new_keys.items():
            self.keys.setdefault(key, set()).update(actors)
            for actor in actors:
                self.held_under.setdefault(actor, set()).add(key)
        for actor in involved - again:
            self.actors.pop(actor, None)
            if self.held_under.get(actor):
                state = self.actors[actor] = ActorState(self.labels.get(actor))
                for d in descriptors.get(actor, ()):
                    state.add(d)
        if again:
            self._read_again(again)

    def _relabel(self, actor: str, label: str | None) -> None:
        if label is None:
            self.labels.pop(actor, None)
        else:
            self.labels[actor] = label
        if actor in self.actors:
            self.actors[actor].label = label

    def _read_again(self, actors: set[str]) -> None:
        """Read these actors' keys and descriptors from the store (it holds every write)."""
        for actor in actors:
            for key in self.held_under.pop(actor, ()):
                held = self.keys.get(key)
                if held is not None:
                    held.discard(actor)
            self.actors.pop(actor, None)
        for key, found in actor_keys(self.store, actors).items():
            self.keys.setdefault(key, set()).update(found)
            for actor in found:
                self.held_under.setdefault(actor, set()).add(key)
        keyed = sorted(a for a in actors if self.held_under.get(a))
        for a in keyed:
            self.actors[a] = ActorState(self.labels.get(a))
        for d in read_actors(self.store, keyed):
            self.actors[d.ref].add(d)

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
        """Drop what a write outside the index may have changed (a bare index only): these
        actors, every label of an actor not held (a rename may have given one), these keys,
        and every key under which one of these actors is held."""
        actors = set(actors)
        for a in actors:
            self.actors.pop(a, None)
        self.labels.clear()
        for key in set(keys).union(*(self.held_under.pop(a, ()) for a in actors)):
            self.keys.pop(key, None)

    def clear(self) -> None:
        """Forget everything (after a failed write; :meth:`load_whole` then reads it again)."""
        self.complete = False
        self.keys = {}
        self.actors = {}
        self.labels = {}
        self.unwritten = {}
        self.held_under = {}
        self.articles = set()


class Writer:
    """Writes extracted articles to a store in batches (see the module docstring).

    Args:
        store: The store (writable).
        ids: The IRI minter.
        overrides: The user's joins and splits; with splits, every article is written by
            :func:`graph.identity.write_article` (a split makes a join depend on the other
            actors read, which the index does not follow).
        group: Quads from which batches are gathered into groups ingested by the bulk
            loader (0: never); only with the index held whole, from :data:`GROUP_FROM` articles.
        whole: Read the index whole at once (True), never (False), or once the writer has
            planned :data:`WHOLE_AFTER` of the articles stored when it started (None).

    Call :meth:`close` when done (it waits for the batch being written).

    Attributes:
        lost: Id -> the error, of each article of a batch that failed to be written (kept
            until the caller takes them).
        fast: Articles written from the index since the writer was made.
        slow: Articles written by :func:`graph.identity.write_article`.
        why: Why articles were, by the first reason found: "rename", "unfound", "label",
            "reasons", "government" (the others were stored already, or the overrides split).
    """

    def __init__(self, store: GraphStore, ids: Ids, overrides: Overrides | None = None, group: int = 0,
                 whole: bool | None = None) -> None:
        self.store, self.ids, self.overrides, self.group = store, ids, overrides or Overrides(), group
        self._held = 0  # batches handed to flush(wait=False) whose articles are pending
        self._deferred: dict[str, list[ArticleRecord]] = {}  # IRI -> records to write alone after the group
        self.deferred = 0  # how many records were
        self._in_write = 0  # and those of the write under way
        self.index = ActorIndex(store)
        self._whole_at: float | None = None  # articles planned from which the index is read whole
        if whole:
            self.index.load_whole()
        elif whole is None:
            self._whole_at = max(GROUP_FROM, WHOLE_AFTER * stored_articles(store))
        self._planned = 0
        self.pending: list[str] = []  # the N-Quads lines of the pending batches (graph.rdf.nquads)
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
        self._planned += 1
        if self._whole_at is not None and self._planned >= self._whole_at:
            self._whole_at = None
            self.flush()  # the store holds every article planned: the index is read from it
            self.index.load_whole()
        plan = None
        if (not self.overrides.splits and article not in self.articles and article not in self._deferred
                and not self.index.stored(article)):
            plan = self._plan(record, article)
        if plan is None and self._grouping():
            self._deferred[article] = self._deferred.get(article, []) + [record]
            self.deferred += 1
            return
        if plan is None:
            self._write_alone(record, article)
            return
        lines, own, keys, labels = plan
        self.pending += lines
        self.articles[article] = record
        for key, actors in keys.items():
            self._keys.setdefault(key, set()).update(actors)
        self.index.added(own, keys, labels)
        self.index.articles.add(article)
        self.fast += 1

    def _write_alone(self, record: ArticleRecord, article: str, flushed: bool = False) -> None:
        """Write an article with :func:`~graph.identity.write_article`, after the pending batch
        (``flushed``: which is written already), and follow what it changed in the index
        (:meth:`ActorIndex.rewritten`)."""
        try:
            if not flushed:
                self.flush()  # and wait: the store holds every batch before this article
        except Exception as exc:
            if isinstance(exc, UnsavedWrites) or not self.lost_to(exc):
                raise
            self.write(record)  # planned again, on the store without the batch lost
            return
        write: dict = {}
        try:
            write_article(self.store, record, self.ids, self.overrides, out=write)
            if self.index.complete:
                self.index.rewritten(article, write)
            else:
                self.index.clear()  # a bare index reads again what it needs
        except BaseException:
            self._reload()
            raise
        self.slow += 1

    def _reload(self) -> None:
        """Read the index again from the store (after a failed write; none is under way)."""
        if not self.index.complete:
            self.index.clear()
            return
        try:
            self.index.load_whole()
        except Exception:  # noqa: BLE001 - the store cannot be read: the index reads it bit by bit
            self.index.clear()

    def flush(self, wait: bool = True) -> None:
        """Write the pending batch in one transaction, in the writing thread, once the batch
        before it is written. A crash before that transaction ends leaves the store with every
        batch before this one and nothing of this one (a rerun of the build writes it).

        With :attr:`group`, ``flush(wait=False)`` writes nothing until the pending batches
        hold that many quads: they are then written as one group, ingested by the store's
        bulk loader when it has one (:meth:`graph.rdf.store.Store.ingest`), as atomic as a
        transaction; a crash leaves every group before it and none of the interrupted one.

        Args:
            wait: Also wait until the batch is in the store. Without, return at once: the
                next :meth:`flush`, :meth:`wait` or :meth:`close` waits for it.

        Raises:
            StoreError (or what the store raised): when a write waited for failed; its
                articles are then in :attr:`lost` (none of them is in the store), and the
                index forgets everything.
        """
        self._held += 1
        if not wait and self._grouping() and len(self.pending) < self.group and len(self._deferred) < DEFERRED:
            return
        try:
            self.wait()
        finally:
            lines, self.pending = self.pending, []
            self._writing, self.articles = self.articles, {}
            self._writing_keys, self._keys = self._keys, {}
            if lines and self.group and len(lines) >= self.group and hasattr(self.store, "ingest"):
                self._write = self._submit(self.store.ingest, "".join(lines))
            elif lines:
                self._write = self._submit(self.store.change, (), "".join(lines))
            self._in_write, self._held = (self._held if lines else 0), 0
            if wait or self._deferred:
                self.wait()
            self._write_deferred()

    def _write_deferred(self) -> None:
        """Write alone, in the order met, the articles deferred until the group before them
        was written (which must be). One that fails is in :attr:`lost`."""
        while self._deferred:
            article = next(iter(self._deferred))
            records = self._deferred[article]
            record = records.pop(0)
            if not records:
                del self._deferred[article]
            try:
                self._write_alone(record, article, flushed=True)
            except UnsavedWrites:
                raise
            except Exception as exc:  # noqa: BLE001 - the article is reported as lost, the group goes on
                self.lost[record.article.id] = exc

    def _grouping(self) -> bool:
        """True when batches are gathered into groups (:attr:`group`, from :data:`GROUP_FROM` articles)."""
        return bool(self.group) and self.index.complete and len(self.index.articles) >= GROUP_FROM

    @property
    def unwritten(self) -> int:
        """How many batches handed to :meth:`flush` are not known to be in the store (the
        latest ones: pending, or in the write under way; more when articles deferred are left
        by a failed write)."""
        return self._held + self._in_write + len(self._deferred)

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
        self._write, self._writing, self._writing_keys, self._in_write = None, {}, {}, 0
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
        self.pending, self.articles, self._keys, self._deferred = [], {}, {}, {}
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
        self._reload()
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

    def _plan(self, record: ArticleRecord, article: str) -> tuple | None:
        """The N-Quads lines that write a new article (:mod:`graph.rdf.nquads`), when it changes
        nothing stored of the others; None when it needs :func:`~graph.identity.write_article`.

        Planned as text, not as pyoxigraph quads (each a few microseconds to make, each term
        read back a new object): the keys read the lines themselves, and only what
        :func:`~graph.rdf.name_index.descriptors_in` and :func:`~graph.rdf.name_index.graph_facts`
        read (the index entries, the role nodes) is parsed back into quads."""
        ids = self.ids
        own_new = descriptors_of(record, article)
        keys = {k for d in own_new for k in lookup_keys(d.kind, d.names, d.titles)}
        keys |= override_keys(keys, self.overrides)
        context = self.index.context(keys)
        resolved, resolution = resolve(record, ids, context, self.overrides)
        moved = {d.ref: resolution.assignments[d.key].iri for d in context if resolution.assignments[d.key].iri != d.ref}
        if moved:
            self.why['rename'] += 1
            return None  # a stored actor changes IRI
        actors = actor_iris(resolved, ids)
        lines = article_lines(resolved, ids)
        roles = [text for text in lines if text.split(" ", 2)[1] in _READ_PREDICATES]
        index_text = index_lines(record, actors, resolved.labels, article) + government_lines(record, actors, article)
        lines += index_text
        lines += key_lines(lines, article)
        index = nquads.parse(index_text)  # parsed: cheaper than made
        read = index + nquads.parse(roles)
        own = descriptors_in(read, article)
        known = {d.ref for d in context}
        joined = {d.ref for d in own}
        for actor in joined - known:
            if self.index.label(actor) is not None:
                self.why['unfound'] += 1
                return None  # a stored actor the names did not find (IRIs alike)
        for actor in joined & known:
            if self.index.actors[actor].label != resolved.labels.get(actor):
                self.why['label'] += 1
                return None  # a stored actor changes label
        if joined & known and not _same_reasons(context, [d for d in context if d.ref in joined], resolution,
                                                 ids, self.overrides, own_new):
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
                    self.why['government'] += 1
                    return None  # a government takes a new label
                labels[actor] = own_label if stored is None else stored
        lines += description_lines({a: f for a, f in facts.items() if a in labels}, labels)
        lines += evidence_lines(self._evidence(own, resolution, resolved.labels, article), ids)
        lines += nquads.lines(text_quads(record.article, ids) + source_quads(record.article, article))
        return lines, own, entry_keys(index, named=True), {a: labels[a] for a in labels}

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


def stored_articles(store: GraphStore) -> int:
    """How many articles the store holds: those whose own graph holds their content hash,
    counted by the engine in one ``COUNT`` (a Python quad for each costs seconds on a large store)."""
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g {CONTENT_HASH} ?h }} }}")
    return int(next(iter(rows))["n"].value)


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
    if adds_no_shape(context, own, resolution):
        return True
    before = cluster(context, ids, overrides)
    return all((before.reasons.get(d.key) or _SAME) == (resolution.reasons.get(d.key) or _SAME) for d in touched)
