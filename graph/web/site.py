"""The browsing app's state: one read-only store and what its pages read again and again.

The store is opened read-only and never changes while the app runs, so the lists every
search or listing needs (names, articles, roles, conflicts) are read once, on first use, and kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from graph.conflicts import Conflict, conflicts
from graph.rdf.base import GraphStore
from graph.rdf.open import open_store
from graph.web import reads
from graph.web.paths import base_of, to_path

_LOCK = threading.RLock()  # guards the remembered pages and the locks of the lists read once
#: Articles the home page lists.
RECENT = 10
#: Pages :meth:`Site.remember` keeps (the most recently used).
REMEMBERED = 64
#: The lists :meth:`Site.prepare` reads in the background, in this order.
PREPARED = ("counts", "speakers", "recent", "conflicts")


class Site:
    """The store behind the pages, its data base, and the lists read once.

    Args:
        location: The store folder (opened read-only).
        base: The data base of its IRIs; read from its article IRIs when None.
    """

    def __init__(self, location: Path, base: str | None = None) -> None:
        self.store: GraphStore = open_store(location, read_only=True)
        self.base = base or base_of(self.store.articles()[:1])
        self._remembered: OrderedDict[str, Any] = OrderedDict()
        self._orders: dict[str, tuple[str, str]] = {}
        self._labels: dict[str, str | None] = {}  # actor IRI -> label, for the roles pages
        self._files: dict[str, str | None] = {}  # article IRI -> source file, likewise
        self._locks: dict[str, threading.RLock] = {}  # name -> the lock of the list :meth:`_once` reads
        self._preparing = False  # True once :meth:`prepare` has started
        self._prepared = {name: threading.Event() for name in PREPARED}  # set once prepare has read it

    def link(self, node: object) -> str | None:
        """The app page of the IRI ``node``, or None when it has none."""
        return to_path(str(node), self.base) if node else None

    def _once(self, name: str, read: Callable[[], Any]) -> Any:
        """``read()`` computed once per site, even when two requests ask at the same time
        (one lock per name: a request for one list does not wait for another being read,
        such as the conflicts :meth:`prepare` reads)."""
        if name in self.__dict__:
            return self.__dict__[name]
        with _LOCK:
            lock = self._locks.setdefault(name, threading.RLock())
        with lock:
            if name not in self.__dict__:
                self.__dict__[name] = read()
            return self.__dict__[name]

    def prepare(self) -> None:
        """Read the lists that the first visitor of the home page and of the conflicts page
        would otherwise wait for (the conflicts compare every dated figure of the store:
        about a second of CPU on 10,000 articles), so that they are ready when asked for;
        :func:`graph.web.init_app` runs it in the background when the app starts. A list that
        cannot be read is left for its page, which reads it again and reports the error."""
        self._preparing = True
        try:
            for name in PREPARED:
                getattr(self, name)
                self._prepared[name].set()
        except Exception:  # noqa: BLE001 - the page reading it again says what went wrong
            pass
        finally:
            for event in self._prepared.values():
                event.set()

    def ready(self, name: str, wait: float) -> bool:
        """False when :meth:`prepare` is still reading the list ``name`` after ``wait``
        seconds: its page may then say so and come back, rather than keep a visitor waiting
        (on 10,000 articles, the conflicts of a cold store take 2 to 3 s after the start).
        True when it is read, or when no :meth:`prepare` reads it (the page reads it)."""
        event = self._prepared.get(name)
        return event is None or not self._preparing or event.wait(wait)

    def remember(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, kept for the next request with this key (the :data:`REMEMBERED` most
        recently used are kept): for what costs much to read or draw and cannot change (the store
        is read-only), like the neighbourhood views and a busy actor's filter counts."""
        with _LOCK:
            if key in self._remembered:
                self._remembered.move_to_end(key)
                return self._remembered[key]
        value = make()
        with _LOCK:
            self._remembered[key] = value
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return value

    @property
    def counts(self) -> dict[str, int]:
        """Articles, people, organisations, places, sources, statements, statistics: the
        counts of ``stats.rq``, without the quad counts of :func:`graph.query.stats` (which
        the home page does not show, and which read every quad: minutes on a large store)."""
        return self._once("_counts", lambda: reads.counts(self.store))

    @property
    def articles(self) -> list[dict]:
        """Every article, newest first (:func:`graph.web.reads.articles`)."""
        return self._once("_articles", lambda: reads.articles(self.store))

    @property
    def by_iri(self) -> dict[str, dict]:
        """The rows of :attr:`articles` by article IRI."""
        return self._once("_by_iri", lambda: {a["article"]: a for a in self.articles})

    @property
    def rows(self) -> Mapping[str, dict]:
        """Article IRI -> its row of :attr:`articles`, read one article at a time (index lookups,
        kept) unless every row has been read: for the pages about one article or one actor,
        which must not wait for every article to be read (20 s on 10,000 articles under load)."""
        return self._once("_rows", lambda: _ArticleRows(self))

    def order(self, node: str) -> tuple[str, str]:
        """(date, source file) of the article ``node``, what :attr:`articles` sorts by: from
        its row when read, else two lookups (kept)."""
        row = self.__dict__.get("_by_iri", {}).get(node) or self.rows.read.get(node)
        if row is not None:
            return str(row.get("date") or ""), str(row.get("file") or "")
        return self._orders.setdefault(node, reads.article_order(self.store, node))

    def article(self, node: str) -> dict:
        """The row of :attr:`articles` of the article ``node``."""
        return self.rows[node]

    @property
    def recent(self) -> list[dict]:
        """The newest articles the home page lists (:func:`graph.web.reads.recent_articles`;
        from :attr:`articles` when they have been read)."""
        if "_articles" in self.__dict__:
            return self.articles[:RECENT]
        return self._once("_recent", lambda: reads.recent_articles(self.store, RECENT))

    @property
    def speakers(self) -> list[dict]:
        """The most quoted named actors."""
        return self._once("_speakers", lambda: reads.top_speakers(self.store))

    @property
    def names(self) -> list[dict]:
        """Every label and alias of a person, organisation or place: ``name``, ``actor``,
        ``label``, ``kind`` (:func:`graph.web.reads.every_name`)."""
        return self._once("_names", lambda: reads.every_name(self.store))

    @property
    def role_titles(self) -> list[tuple[str, list[str], int]]:
        """Every role title, folded, with its spellings and role count
        (:func:`graph.web.reads.role_titles`), in the roles page's order."""
        return self._once("_role_titles", lambda: reads.role_titles(self.store))

    def roles(self, title: str, start: int, stop: int) -> tuple[list[dict], int]:
        """Rows ``start`` to ``stop`` of :func:`graph.entity.roles` (all titles, or the one
        ``title`` names whatever its case) and how many rows there are: the rows of the titles
        the slice covers only (:func:`graph.web.reads.roles_of`, each title's kept)."""
        folded = title.casefold()
        titles = [t for t in self.role_titles if not title or t[0].casefold() == folded]
        rows: list[dict] = []
        seen, first = 0, None  # roles before the title at hand; before the first title read
        for name, spellings, count in titles:
            if seen >= stop:
                break
            if seen + count > start:
                first = seen if first is None else first
                rows += self.remember(f"roles:{name}", lambda: reads.roles_of(self.store, spellings, self._labels,
                                                                                  self._files))
            seen += count
        cut = rows[start - first:stop - first] if first is not None else []
        return reads.role_details(self.store, cut, self._labels), sum(t[2] for t in titles)

    @property
    def conflicts(self) -> list[Conflict]:
        """Conflicting figures (:func:`graph.conflicts.conflicts`)."""
        return self._once("_conflicts", lambda: conflicts(self.store))

    def known_date(self, article: str) -> str:
        """The date of ``article`` as written, or "" (:attr:`rows`)."""
        return str(self.rows[article].get("date") or "")

    def close(self) -> None:
        """Release the store."""
        self.store.close()


class _ArticleRows(Mapping):
    """:attr:`Site.rows`: the rows of :attr:`Site.articles` when read, else each read alone and kept."""

    def __init__(self, site: Site) -> None:
        self.site, self.read = site, {}

    def __getitem__(self, article: str) -> dict:
        every = self.site.__dict__.get("_by_iri")
        if every is not None and article in every:
            return every[article]
        if article not in self.read:
            self.read[article] = reads.article_row(self.site.store, article)
        return self.read[article]

    def __contains__(self, article: object) -> bool:
        return isinstance(article, str)

    def __iter__(self) -> Iterator[str]:
        return iter(dict(self.read))

    def __len__(self) -> int:
        return len(self.read)
