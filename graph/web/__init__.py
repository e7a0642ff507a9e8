"""The browsing app: server-rendered pages over a read-only store, in the spirit of
Datasette for SQLite.

:func:`init_app` registers the pages on an existing Flask app (``claimgraph serve`` runs
them beside the SPARQL endpoint, in the same process): ``/`` (search, counts, most quoted
actors, latest articles), ``/search``, ``/id/...`` (a page for every actor, article,
statement, statistic and role IRI under the data base), ``/conflicts``, ``/roles``,
``/query-editor`` and the app's own assets under ``/static/claimgraph/``.

Security: the templates are Jinja2 with autoescaping (no HTML is assembled in Python), only
``http(s)`` addresses from articles become links, and every page is sent with a Content
Security Policy that allows scripts, styles and frames from the app itself only, so that
markup in an article stays text even if it reached the page unescaped.
"""

from __future__ import annotations

import threading
from pathlib import Path

import flask
import jinja2.meta

from graph.web.site import Site

#: Where :func:`init_app` keeps the :class:`~graph.web.site.Site` in ``app.extensions``.
EXTENSION = "claimgraph_web"


def init_app(app: flask.Flask, location: Path) -> None:
    """Register the browsing app's pages on ``app``, reading the store at ``location``.

    Args:
        app: The Flask app to add the pages to.
        location: The store folder; it is opened read-only for as long as the app runs.
            ``app.config["CLAIMGRAPH_BASE"]`` may give the data base of its IRIs (read
            from the articles' IRIs otherwise).

    The home page's lists and the conflicts are read in the background from the start
    (:meth:`~graph.web.site.Site.prepare`), so that their first visitors find them ready.

    Raises:
        StoreError: when there is no store at ``location`` or it cannot be opened.
    """
    from graph.web.idpages import ids
    from graph.web.pages import pages

    from graph.lexicon import lexicon

    app.extensions[EXTENSION] = made = Site(location, app.config.get("CLAIMGRAPH_BASE"))
    lexicon()  # the word lists search and conflicts use, read now rather than by the first visitor (1 s)
    app.register_blueprint(pages)
    app.register_blueprint(ids)
    _compile_templates(app)
    threading.Thread(target=made.prepare, name="claimgraph-prepare", daemon=True).start()


def _compile_templates(app: flask.Flask) -> None:
    """Compile the pages' templates and the neighbourhood view's now, rather than on the
    first request of each kind (0.1 s each, an actor page's and a view's on a loaded machine)."""
    from pyvis.network import Network

    from graph.view import _pyvis_templates

    for name in app.jinja_env.list_templates(filter_func=lambda n: n.startswith("claimgraph/")):
        app.jinja_env.get_template(name)
    views = _pyvis_templates()  # its page and the scripts it includes (vis-network: 0.25 s to compile)
    page = Network(cdn_resources="in_line").path
    source, _, _ = views.loader.get_source(views, page)
    for name in [page, *sorted(n for n in jinja2.meta.find_referenced_templates(views.parse(source)) if n)]:
        views.get_template(name)


def site() -> Site:
    """The site of the app handling the current request."""
    return flask.current_app.extensions[EXTENSION]
