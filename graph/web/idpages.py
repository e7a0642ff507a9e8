"""The page of every IRI under the data base, at ``/id/`` + the rest of the IRI: actors,
articles, and the permalinks of statements, statistics and roles; ``/id/<actor>/graph``
is the actor's neighbourhood view, framed by its page."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import flask

from graph.rdf._terms import (A, ABOUT, ATTRIBUTED_TO, DERIVED_FROM, MEMBER, NEWS_ARTICLE, ORGANIZATION, REFERS_TO,
                              iri)
from graph.view import radial_layout, render_html, view_data
from graph.web import article as text_marks
from graph.web import reads, site
from graph.web.neighbours import DRAWN, neighbourhood
from graph.web.pages import page_number
from graph.web.paths import candidates

ids = flask.Blueprint("claimgraph_ids", __name__, template_folder="templates")

#: Fields of a statement in the CSV and JSON downloads of an actor's statements.
DOWNLOAD_FIELDS = ("date", "relation", "speaker", "cue", "act", "kind", "text", "headline", "outlet", "article",
                   "begin", "end", "statement")
#: The neighbourhood view runs its own inline scripts (vis-network, from graph.view) and loads nothing.
GRAPH_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
             "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
#: Articles mentioning the actor listed on its page (``actor.html`` shows as many).
ARTICLES_SHOWN = 50
#: Characters of context shown either side of a span on its permalink page.
CONTEXT_CHARS = 400
_PERMALINK_KINDS = ("statement", "statistic", "role")
#: Actors a neighbourhood view draws around its actor at most (:data:`graph.web.neighbours.DRAWN`).
NEIGHBOURS_DRAWN = DRAWN
#: Said under the heading of a neighbourhood view that left actors out.
NEIGHBOURS_NOTE = ("The {drawn} actors most linked to {label} are drawn; {left} others are left out "
                   "(every statement by and about {label} is listed on the actor page).")
#: The predicates of an article's graph whose objects are actors.
ACTOR_LINKS = (REFERS_TO, ATTRIBUTED_TO, ABOUT, MEMBER, ORGANIZATION)


@ids.route("/id/<path:rest>")
def page(rest: str) -> flask.typing.ResponseReturnValue:
    """The page of the IRI ``base + rest``: 404 when the store says nothing of it."""
    s = site()
    graph = rest.endswith("/graph")
    for node in candidates(rest[:-len("/graph")] if graph else rest, s.base):
        if graph:  # the view needs the actor's label only, not the sections of its page (0.1 to 0.3 s)
            described = reads.actors(s.store, [node]).get(node)
            if described is not None and described[1]:
                return _graph_view(reads.Actor(node, *described))
            continue
        answer = _page_of(node)
        if answer is not None:
            return answer
    flask.abort(404)


def _page_of(node: str) -> flask.typing.ResponseReturnValue | None:
    s = site()
    found = reads.actor(s.store, node)
    if found is not None:
        return _actor_page(found)
    node_iri = iri(node)
    if s.store.quads(node_iri, A, NEWS_ARTICLE, node_iri):
        return _article_page(node)
    article = next((q.object.value for q in s.store.quads(node_iri, DERIVED_FROM, None, None)), None)
    if article and any(f"/{kind}/" in node[len(article):] for kind in _PERMALINK_KINDS):
        return _permalink(node, article)
    return None


def _actor_page(actor: reads.Actor) -> flask.typing.ResponseReturnValue:
    s, args = site(), flask.request.args
    chosen = reads.StatementFilter(*(args.get(k, "").strip()[:40] for k in ("relation", "act", "since", "until",
                                                                            "outlet")))
    if args.get("format") in ("csv", "json"):
        rows = reads.actor_statements(s.store, actor.iri, chosen, reads.DOWNLOAD_LIMIT, articles=s.rows)
        return _download(rows, args["format"], actor)
    facets = s.remember("facets " + actor.iri, lambda: reads.actor_facets(s.store, actor.iri, s.rows))
    total = sum(int(f["statements"]) for f in facets if chosen.keeps(f))
    page = page_number(total, reads.PAGE_SIZE)
    shown = reads.actor_statements(s.store, actor.iri, chosen, reads.PAGE_SIZE, (page - 1) * reads.PAGE_SIZE,
                                   s.rows)
    return flask.render_template(
        "claimgraph/actor.html", actor=actor, rows=shown, chosen=chosen, total=total, page=page,
        pages=max(1, -(-total // reads.PAGE_SIZE)), targets=reads.targets(s.store, (r["statement"] for r in shown)),
        acts=sorted({str(f["act"]) for f in facets if f.get("act")}),
        outlets=sorted({str(f["outlet"]) for f in facets if f.get("outlet")}),
        articles=_mentioned(actor.iri))


def _mentioned(node: str) -> list[dict]:
    """The articles mentioning an actor, newest first, each with its number of mentions; the
    rows of the :data:`ARTICLES_SHOWN` first only (an actor page lists no more)."""
    s = site()
    counts, orders = s.remember("mentioned " + node, lambda: (reads.mentioned_in(s.store, node),
                                                              reads.mentioned_orders(s.store, node)))
    order = sorted(counts, key=lambda a: orders[a] if a in orders else s.order(a), reverse=True)  # as Site.articles
    return [{**(s.rows[a] if i < ARTICLES_SHOWN else {"article": a}), "mentions": counts[a]}
            for i, a in enumerate(order)]


def _download(rows: list[dict], fmt: str, actor: reads.Actor) -> flask.Response:
    records = [{k: r.get(k) for k in DOWNLOAD_FIELDS} | {"speaker": r.get("speaker"), "statement": r["statement"]}
               for r in rows]
    name = actor.iri.rstrip("/").rpartition("/")[2] or "actor"
    if fmt == "json":
        body, mime = json.dumps(records, ensure_ascii=False, indent=1, default=str), "application/json"
    else:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=DOWNLOAD_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        body, mime = buf.getvalue(), "text/csv"
    response = flask.Response(body, mimetype=mime)
    response.headers["Content-Disposition"] = f'attachment; filename="statements-{name}.{fmt}"'
    return response


def _article_page(article: str) -> str:
    s = site()
    meta = s.article(article)
    text, boilerplate = reads.article_text(s.store, article)
    nodes = reads.describe(s.store, article)
    found = _found(nodes)
    at = flask.request.args.get("at", "")
    segments = text_marks.segments(text, found.marks + text_marks.boilerplate_marks(boilerplate)) if text else []
    return flask.render_template("claimgraph/article.html", meta=meta, text=text, segments=segments, found=found,
                                 at=at)


def _found(nodes: dict[str, dict[str, list]]) -> text_marks.Found:
    """The marks and rows of an article's graph, with every actor's label and kind."""
    actors = {o.value for props in nodes.values() for p in ACTOR_LINKS for o in props.get(p.value, ())}
    return text_marks.found(nodes, reads.actors(site().store, actors), site().link)


def _permalink(node: str, article: str) -> str:
    s = site()
    meta = s.article(article)
    nodes = reads.describe(s.store, article)
    found = _found({node: nodes[node]} | {n: p for n, p in nodes.items() if "/mention/" in n})
    row = next((r for rows in (found.statements, found.statistics, found.roles) for r in rows if r["iri"] == node), None)
    if row is None:
        flask.abort(404)
    text, _ = reads.article_text(s.store, article)
    context = None
    if text:
        lo, hi = max(0, row["begin"] - CONTEXT_CHARS), min(len(text), row["end"] + CONTEXT_CHARS)
        marks = [m for m in found.marks if m.node == node or m.kind == "mention"]
        context = {"before": lo > 0, "after": hi < len(text), "segments": text_marks.excerpt(text, marks, lo, hi)}
    kind = next(k for k in _PERMALINK_KINDS if f"/{k}/" in node[len(article):])
    return flask.render_template("claimgraph/permalink.html", node=node, kind=kind, row=row, meta=meta,
                                 context=context)


def _graph_view(actor: reads.Actor) -> flask.Response:
    """The actor's neighbourhood (one hop) drawn by :mod:`graph.view`, as a page of its own."""
    response = flask.Response(site().remember("graph " + actor.iri, lambda: _draw(actor)), mimetype="text/html")
    response.headers["Content-Security-Policy"] = GRAPH_CSP
    return response


def _draw(actor: reads.Actor) -> str:
    """The neighbourhood view: ``actor`` and the :data:`NEIGHBOURS_DRAWN` actors most linked
    to it, on rings around it, read from its own statements and roles (:mod:`graph.web.neighbours`)."""
    found = neighbourhood(site().store, actor.iri, NEIGHBOURS_DRAWN, site().known_date)
    note = NEIGHBOURS_NOTE.format(drawn=len(found.drawn), label=actor.label, left=found.left) if found.left else None
    data = view_data(found.graph, first=[actor.iri], positions=radial_layout(actor.iri, found.drawn))
    with tempfile.TemporaryDirectory() as folder:
        return render_html(data, Path(folder) / "view.html", f"Around {actor.label}", note).read_text("utf-8")
