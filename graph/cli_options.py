"""Options and helpers shared by the ``claimgraph`` commands (:mod:`graph.cli`,
:mod:`graph.cli_network`)."""

from __future__ import annotations

from pathlib import Path

import click

STORE_HELP = ("Store folder, or the http(s):// URL of a SPARQL 1.1 server "
              "(default: $CLAIMGRAPH_STORE, else ./claimgraph-store).")


def store_option(f):
    return click.option("--store", "store", type=str, default=None,
                        envvar="CLAIMGRAPH_STORE", help=STORE_HELP)(f)


def overrides_option(f):
    return click.option("--overrides", "overrides", type=click.Path(path_type=Path), default=None,
                        help="Identity overrides, TOML with [[join]] and [[split]] tables "
                             "(default: ./aliases.toml when present).")(f)


def open_at(store: str | Path | None, create: bool = False, read_only: bool = True):
    from graph.rdf.open import open_store

    return open_store(store, create=create, read_only=read_only)
