"""The browsing app's pages that are not about one IRI: home, search, roles, conflicts and
the SPARQL query editor; the security headers and template helpers every page shares."""

from __future__ import annotations

import flask

from graph.query import actors_named, close_names, quoted
from graph.rdf._terms import PREFIXES
from graph.web import reads, site
from graph.web.paths import safe_url

pages = flask.Blueprint("claimgraph_pages", __name__, template_folder="templates", static_folder="static",
                        static_url_path="/static/claimgraph")

#: Scripts, styles, frames and requests from the app itself only; no inline script.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'")
#: Search results of each kind shown at most, roles per page.
RESULTS, ROLES_PAGE = 50, 100
#: Conflicts shown on one page (a large store holds tens of thousands; one page of them all took seconds).
CONFLICTS_PAGE = 100
#: Seconds a page waits for a list the app reads in the background after its start, before it
#: answers that the list is being prepared; seconds after which that answer comes back.
PREPARING_WAIT, PREPARING_AGAIN = 0.5, 2

EXAMPLES: dict[str, str] = {
    "Who criticised whom": """SELECT ?speaker ?target ?text WHERE {
  ?s cg:speechAct cg:Criticise ; schema:text ?text ;
     prov:wasAttributedTo [ rdfs:label ?speaker ] ; schema:about [ rdfs:label ?target ] .
} LIMIT 50""",
    "Most quoted people": """SELECT ?name (COUNT(?s) AS ?statements) WHERE {
  ?s a cg:Statement ; prov:wasAttributedTo ?p . ?p a schema:Person ; rdfs:label ?name .
} GROUP BY ?name ORDER BY DESC(?statements) LIMIT 20""",
    "Statements by speech act": """SELECT ?act (COUNT(?s) AS ?statements) WHERE {
  ?s a cg:Statement ; cg:speechAct ?act .
} GROUP BY ?act ORDER BY DESC(?statements)""",
    "Titles held": """SELECT ?person ?title ?date WHERE {
  ?r a cg:Role ; org:member [ rdfs:label ?person ] ; cg:title ?title .
  OPTIONAL { ?r cg:validAt ?date }
} ORDER BY ?title ?date LIMIT 50""",
}


@pages.after_app_request
def security_headers(response: flask.Response) -> flask.Response:
    """Every page of the app gets the CSP (unless it set its own) and no MIME sniffing."""
    if flask.request.blueprint in ("claimgraph_pages", "claimgraph_ids"):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


@pages.app_context_processor
def helpers() -> dict:
    """``link(iri)`` (its page or None), ``safe_url(url)``, ``here(**args)`` and
    ``quoted(text)`` (a statement's text between marks, a quote's own not doubled) in every
    template."""
    return {"link": site().link, "safe_url": safe_url, "here": here, "quoted": quoted}


@pages.route("/")
def home() -> str:
    """Search box, counts, most quoted actors, most recent articles."""
    s = site()
    return flask.render_template("claimgraph/home.html", counts=s.counts, speakers=s.speakers, articles=s.recent)


@pages.route("/search")
def search() -> str:
    """Actors whose name or alias is, or contains, the query (with close spellings when none
    is or contains it), and articles whose headline contains it."""
    s = site()
    q = flask.request.args.get("q", "").strip()[:200]
    exact, partial, headlines, suggestions, found = [], [], [], [], 0
    if q:
        folded = q.casefold()
        named = reads.names_with(s.store, q)  # names containing the query, matched in the store
        exact = sorted(set(actors_named(s.store, q)) | {str(r["actor"]) for r in named
                                                         if str(r["name"]).casefold() == folded})
        seen = set(exact)
        for row in named:
            if str(row["actor"]) not in seen and folded in str(row["name"]).casefold():
                seen.add(str(row["actor"]))
                partial.append(row)
        partial.sort(key=lambda r: (len(str(r["label"])), str(r["label"]).casefold()))
        matched = reads.headlines_with(s.store, q)
        found = len(matched)  # rows read for the first page only: a common word heads thousands
        headlines = [s.rows[a] for a in sorted(matched, key=s.order, reverse=True)[:RESULTS]]
        # close spellings when no actor's name is or contains the query: they need every name (1 to 2 s)
        suggestions = [] if exact or partial else close_names(q, sorted({str(r["name"]) for r in s.names}))
    described = reads.actors(s.store, exact)
    labels = {a: {"actor": a, "label": described[a][0], "kind": described[a][1]} for a in exact
              if described.get(a, ("", ""))[1] in ("Person", "Organization", "Place")}
    return flask.render_template("claimgraph/search.html", q=q, limit=RESULTS,
                                 exact=[labels.get(a, {"actor": a, "label": a, "kind": ""}) for a in exact],
                                 partial=partial, headlines=headlines, found=found, suggestions=suggestions)


@pages.route("/roles")
def roles() -> str:
    """Who held which title when, optionally one title, paginated."""
    title = flask.request.args.get("title", "").strip()
    _, total = site().roles(title, 0, 0)
    page = page_number(total, ROLES_PAGE)
    rows, _ = site().roles(title, (page - 1) * ROLES_PAGE, page * ROLES_PAGE)
    return flask.render_template("claimgraph/roles.html", rows=rows, title=title, page=page,
                                 pages=max(1, -(-total // ROLES_PAGE)), total=total)


@pages.route("/conflicts")
def conflicts() -> str:
    """Statistics about the same measure and period that disagree, paginated; while the app,
    just started, is still comparing the store's figures, a page that says so and comes back."""
    if not site().ready("conflicts", PREPARING_WAIT):
        return flask.render_template("claimgraph/preparing.html", what="conflicting figures", again=PREPARING_AGAIN)
    found = site().conflicts
    page = page_number(len(found), CONFLICTS_PAGE)
    return flask.render_template("claimgraph/conflicts.html",
                                 conflicts=found[(page - 1) * CONFLICTS_PAGE:page * CONFLICTS_PAGE], page=page,
                                 pages=max(1, -(-len(found) // CONFLICTS_PAGE)), total=len(found),
                                 size=CONFLICTS_PAGE)


@pages.route("/query-editor")
def query_editor() -> str:
    """A query box that posts to the SPARQL endpoint, with the prefixes it predeclares."""
    return flask.render_template("claimgraph/query.html", prefixes=PREFIXES, examples=EXAMPLES,
                                 query=flask.request.args.get("query") or next(iter(EXAMPLES.values())))


def page_number(total: int, size: int) -> int:
    """The ``page`` argument of the request, kept within the pages there are."""
    last = max(1, -(-total // size))
    return min(max(flask.request.args.get("page", 1, type=int) or 1, 1), last)


def here(**changes: object) -> str:
    """The address of the current page with some of its arguments changed (None drops one)."""
    args = {**flask.request.args.to_dict(), **changes}
    return flask.url_for(flask.request.endpoint, **(flask.request.view_args or {}),
                         **{k: v for k, v in args.items() if v is not None})
