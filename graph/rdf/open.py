"""Opening a store by its location: a folder for the embedded store, an ``http(s)://`` URL
for a SPARQL server.

This module is the only one that chooses between the two kinds of store (importing one
does not import the other; a remote store loads the embedded one only to keep its local copy
while it writes).
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.rdf.base import GraphStore
from graph.rdf.remote import RemoteStore, is_remote
from graph.rdf.store import Store

#: Environment variable naming the store folder.
STORE_ENV = "CLAIMGRAPH_STORE"
#: Store folder used when :data:`STORE_ENV` is not set, relative to the working directory.
DEFAULT_STORE_DIR = "claimgraph-store"


def default_store_path() -> Path:
    """The store folder: ``$CLAIMGRAPH_STORE`` when set, else ``./claimgraph-store``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR).expanduser()


def open_store(location: str | Path | None = None, create: bool = True, read_only: bool = False) -> GraphStore:
    """Open the store at ``location``: a :class:`~graph.rdf.store.Store` for a folder, a
    :class:`~graph.rdf.remote.RemoteStore` for an ``http(s)://`` URL of a SPARQL server.

    Args:
        location: Folder or URL; :func:`default_store_path` when None.
        create: Create a missing local store (ignored for servers and when read-only).
        read_only: Refuse writes.

    Raises:
        StoreError: when the store cannot be opened or the server does not answer.
    """
    if location is not None and is_remote(location):
        return RemoteStore.open(str(location), create=create, read_only=read_only)
    return Store.open(location or default_store_path(), create=create, read_only=read_only)
