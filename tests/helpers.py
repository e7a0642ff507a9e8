"""Shared test helpers for the network and view tests (no test file imports another).

- the small fixture store (``tests/fixtures/small.trig``, three invented articles) and the
  IRIs of its actors; a hostile article whose every text carries markup;
- :func:`trig_store`, a store made from TriG texts; :func:`build_store`, a store built
  from article files with the real pipeline;
- :func:`assert_isomorphic`, golden-graph comparison with a readable diff;
- :func:`oxigraph_server` and :func:`virtuoso_server`, SPARQL servers started for a test;
- the headless Chromium launcher (Debian's ``/usr/bin/chromium`` driven by Playwright,
  never a downloaded browser) and :func:`open_page`, which loads a view with every network
  request blocked; also used by ``scripts/screenshot.py``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.rdf._terms import index_graph, is_private_graph
from graph.rdf.ids import Ids
from graph.rdf.mapping import actor_iris, description_quads, to_quads
from graph.rdf.name_index import index_quads, read_descriptions
from graph.rdf.store import Store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from graph.pipeline import BuildReport
    from graph.records import ResolvedRecord

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.trig"
ID = "https://w3id.org/claimgraph/id/"
OKONKWO, LINDQVIST, FERREIRA, BAKKER = (ID + "person/" + s for s in
                                        ("maria-okonkwo", "tomas-lindqvist", "ana-ferreira", "jon-bakker"))
TRANSPORT, FINANCE, UNION = (ID + "organization/" + s for s in
                             ("ministry-of-transport", "ministry-of-finance", "dockworkers-union"))
EASTVALE, HALDEN = ID + "place/eastvale", ID + "place/port-halden"
OFFICIAL = ID + "article/a1/source/500-516"

#: An article whose every text field carries markup that must never run.
HOSTILE = """
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/claimgraph/id/> .
<article/evil> {
  <article/evil> a schema:NewsArticle ; cg:sourceFile "evil.txt" ;
      schema:headline "<svg onload=\\"window.pwnedHeadline=1\\"></svg>Harbour news" ;
      schema:datePublished "2023-07-01"^^xsd:date .
  <person/evil> a schema:Person ; rdfs:label "Evil <img src=x onerror=\\"window.pwnedName=1\\">" ;
      skos:altLabel "\\"><script>window.pwnedAlias=1</script>" ;
      schema:jobTitle "<b onmouseover=\\"window.pwnedTitle=1\\">chief</b>" .
  <person/maria-okonkwo> a schema:Person ; rdfs:label "Maria Okonkwo" .
  <article/evil/statement/10-90> a cg:Statement , cg:DirectQuote ;
      schema:text '''</script><script>window.pwnedQuote=1</script><img src=y onerror="window.pwnedQuoteImg=1">
read the href <a href=x>here</a>''' ;
      prov:wasAttributedTo <person/evil> ; cg:cue "say" ; cg:speechAct cg:Criticise ;
      schema:about <person/maria-okonkwo> ;
      prov:wasDerivedFrom <article/evil> ; nif:beginIndex 10 ; nif:endIndex 90 .
}
"""
EVIL = "https://w3id.org/claimgraph/id/person/evil"


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def trig_store(location: Path, *trig: str) -> Store:
    """A store at ``location`` holding the named graphs of TriG texts (default-graph quads
    go in with the first article, and an article's name index with it, as a build writes
    them; other private graphs, sorted after the articles, are added to what the articles'
    writes put there, such as their statement keys)."""
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    default: list[ox.Quad] = []
    for text in trig:
        for quad in ox.parse(text, format=ox.RdfFormat.TRIG):
            (default if isinstance(quad.graph_name, ox.DefaultGraph) else graphs[quad.graph_name.value]).append(quad)
    store = Store.open(location)
    with_article = {index_graph(name).value for name in graphs if not is_private_graph(ox.NamedNode(name))}
    for i, (name, quads) in enumerate(sorted(graphs.items())):
        if name in with_article:
            continue  # an article's name index: written with it, as a build writes it (its keys read both)
        if is_private_graph(ox.NamedNode(name)):  # another private graph: added to what the articles' writes put there
            store.change((), quads)
        else:
            store.replace_article(name, quads + graphs.get(index_graph(name).value, []) + (default if i == 0 else []))
    return store


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system's headless Chromium (never a downloaded one), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Browser, html: Path, width: int = 1280, height: int = 900) -> tuple[Page, dict[str, list]]:
    """Load ``html`` with every http(s) request blocked; wait until the graph is drawn.

    Returns:
        The page, and what it logged: console errors, page errors and blocked requests.
    """
    log: dict[str, list] = {"errors": [], "blocked": []}
    page = browser.new_page(viewport={"width": width, "height": height})
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))

    def block(route) -> None:
        if route.request.url.startswith(("http:", "https:")):
            log["blocked"].append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", block)
    page.goto(html.as_uri())
    page.wait_for_function("window.cgDrawnAt !== undefined", timeout=60_000)
    return page, log


def write_screenshot(browser: Browser, html: Path, png: Path, width: int = 1280, height: int = 900) -> Path:
    """A PNG picture of a view page, taken offline (for the README)."""
    page, _ = open_page(browser, html, width, height)
    page.screenshot(path=str(png))
    page.close()
    return png


def write_resolved(store: Store, resolved: ResolvedRecord) -> list[ox.Quad]:
    """Write one resolved article as :func:`graph.identity.write_article` would, without
    resolving it again: its graph, its index graph, and its actors' default-graph
    description rebuilt from them. Returns the public quads (article graph, description,
    merge evidence)."""
    ids = Ids()
    actors = actor_iris(resolved, ids)
    article = ids.article(resolved.record.article.id)
    quads = to_quads(resolved, ids)
    store.replace_article(article, quads + index_quads(resolved.record, actors, resolved.labels, article))
    description = description_quads(read_descriptions(store, {a.value for a in actors.values()}), resolved.labels)
    store.change([], description)
    return quads + description


def to_dataset(quads: list[ox.Quad]) -> Dataset:
    """The quads as an rdflib dataset (through N-Quads)."""
    return Dataset().parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")


def graphs(dataset: Dataset) -> dict[str, Graph]:
    """Graph name -> its triples ("" for the default graph), skipping empty graphs."""
    out = {}
    for g in dataset.graphs():
        name = "" if g.identifier == URIRef("urn:x-rdflib:default") else str(g.identifier)
        if len(g):
            out[name] = Graph().__iadd__(g)
    return out


def assert_isomorphic(expected: Dataset, actual: Dataset) -> None:
    """Like rdflib's GraphHelper.assert_isomorphic: on failure, list missing and extra triples."""
    want, got = graphs(expected), graphs(actual)
    assert sorted(got) == sorted(want)
    problems = []
    for name in sorted(want):
        if not isomorphic(want[name], got[name]):
            _, missing, extra = graph_diff(to_isomorphic(want[name]), to_isomorphic(got[name]))
            problems.append(f"graph <{name or 'default'}>\n  missing:\n"
                            + "".join(f"    {t}\n" for t in sorted(missing.triples((None, None, None))))
                            + "  extra:\n" + "".join(f"    {t}\n" for t in sorted(extra.triples((None, None, None)))))
    assert not problems, "\n".join(problems)


#: The Oxigraph server of the ``oxigraph`` wheel, beside this Python.
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def build_store(sources: list[Path], location: Path, nlp, manifest: Path | None = None) -> BuildReport:
    """Build ``sources`` with the real pipeline into a new store at ``location``, optimised
    (``manifest``: a ``--metadata`` file of dates and addresses). Returns the build's report,
    asserted to have no error."""
    from graph.ingest.manifest import read_manifest
    from graph.pipeline import build

    with Store.open(location, create=True) as store:
        report = build(sources, store, nlp=nlp, metadata=read_manifest(manifest) if manifest else None)
        store.optimize()
    assert report.ok, report.errors
    return report


def free_port() -> int:
    """A TCP port on the loopback nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_server(*args: str, tries: int = 300) -> Iterator[str]:
    """An Oxigraph server run with ``args`` (e.g. ``"serve", "--location", DIR``) on a free
    port, once it answers; its URL. Stopped on exit."""
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, *args, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(tries):
            try:
                urllib.request.urlopen(f"{url}query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


#: Debian's Virtuoso 7 server and its SQL client (``make virtuoso`` installs them).
VIRTUOSO, ISQL = "/usr/bin/virtuoso-t", "/usr/bin/isql-vt"
#: A Virtuoso configuration for one test run: its files in the run's folder, loopback ports,
#: no result-row cap and no query time limit (both would cut answers short), few threads.
VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""
#: The claimgraph location of a Virtuoso server (``{url}``: its root URL): its SPARQL endpoint
#: takes queries and updates, its Graph Store endpoint whole graphs; a named graph stands for
#: the default graph, which Virtuoso cannot write.
VIRTUOSO_LOCATION = "{url}?query=sparql&update=sparql&store=sparql-graph-crud&default=urn:claimgraph:default"


@contextmanager
def virtuoso_server(folder: Path, seconds: float = 300.0) -> Iterator[str]:
    """A Virtuoso server with its database in ``folder`` (ports chosen free, in the
    foreground, never the system service), SPARQL Update granted to its public endpoint,
    once it answers; its claimgraph location (:data:`VIRTUOSO_LOCATION`). Stopped on exit.

    Raises:
        RuntimeError: when it does not answer within ``seconds`` (its log is in ``folder``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), "utf-8")
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}/"
    try:
        _wait_for(f"{url}sparql?query=ASK%7B%7D", seconds, folder / "virtuoso.log")
        subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True, capture_output=True, timeout=60)
        yield VIRTUOSO_LOCATION.format(url=url)
    finally:
        process.terminate()
        process.wait(60)


def _wait_for(url: str, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server at {url} did not answer within {seconds:.0f} s: see {log}")
