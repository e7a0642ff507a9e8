"""The ``claimgraph`` command line: each command checks its arguments and makes one library call.

Library errors (:class:`graph.errors.ClaimGraphError`) become one line on stderr and exit
code 1; usage mistakes exit 2 (click's convention).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from graph.cli_network import central, network, path_command, view
from graph.cli_options import open_at, overrides_option, store_option
from graph.errors import ClaimGraphError


class _Group(click.Group):
    """Turns library errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClaimGraphError as exc:
            click.echo(f"claimgraph: error: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:  # e.g. `claimgraph said | head`
            sys.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimgraph")
def main() -> None:
    """claimgraph: who said what about whom, as an RDF graph built from news articles.

    \b
    Example:
      claimgraph build seeds/ && claimgraph said --by "Lena Okafor"
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@store_option
@click.option("--base", default=None, help="Base IRI for minted data IRIs.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for extraction (default: all cores).")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Run extraction on this Dask scheduler (tcp://host:8786) instead.")
@overrides_option
@click.option("--metadata", "metadata", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="A CSV or TSV manifest of the articles' metadata: a file or id column, and "
                   "date, title, url, source, author columns; it wins over what the files give.")
def build(paths: tuple[Path, ...], store: str | None, base: str | None, workers: int | None,
          dask: str | None, overrides: Path | None, metadata: Path | None) -> None:
    """Ingest files or folders (.txt .md .html .jsonl) into the store.

    Unchanged articles are skipped; a changed article replaces its named graph. Bad inputs
    are reported one line each, the rest is built, and the exit code is 1. Extraction runs
    on all cores (or a Dask cluster); the store is written from this process only.
    Identity joins and splits are read from --overrides (default: ./aliases.toml if present).
    Dates, titles, URLs, publishers and authors the user knows are read from --metadata.

    \b
    Example:
      claimgraph build seeds/ more/article.html feed.jsonl --store ./graph-store
      claimgraph build seeds/ --overrides my-aliases.toml
      claimgraph build corpus/ --metadata corpus/manifest.tsv
      claimgraph build corpus/ --workers 2 --store http://127.0.0.1:7878/
      claimgraph build corpus/ --dask tcp://scheduler:8786
    """
    from tqdm import tqdm

    from graph.ingest import read_manifest
    from graph.machine import cores
    from graph.overrides import load_overrides
    from graph.pipeline import build as run_build
    from graph.rdf.ids import Ids

    forced = load_overrides(overrides)
    manifest = read_manifest(metadata) if metadata else None

    with open_at(store, create=True, read_only=False) as st, \
            tqdm(unit=" articles", delay=2, file=sys.stderr, leave=False, disable=None) as bar:
        report = run_build(paths, st, ids=Ids(base) if base else None, progress=bar.update,
                           on_error=lambda line: bar.write(f"claimgraph: error: {line}", file=sys.stderr),
                           workers=workers or cores(), dask=dask, overrides=forced,
                           metadata=manifest)
        location = st.location
    built = len(report.added) + len(report.updated)
    rate = f", {report.words / report.seconds:,.0f} words/s" if report.words and report.seconds else ""
    click.echo(f"built {built} article{'s' if built != 1 else ''} ({len(report.added)} new, "
               f"{len(report.updated)} updated, {len(report.skipped)} unchanged, "
               f"{len(report.errors)} failed): {report.statements} statements, "
               f"{report.statistics} statistics in {report.seconds:.1f} s{rate}; store: {location}")
    if not report.ok:
        sys.exit(1)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig", "turtle", "jsonld"]),
              default="nquads", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--with-index", is_flag=True,
              help="Also write the resolver's private name index graphs (urn:claimgraph:index:...).")
@click.option("--with-text", is_flag=True,
              help="Also write the articles' texts, the private text graphs (urn:claimgraph:text:...).")
def export(store: str | None, fmt: str, output: Path | None, with_index: bool, with_text: bool) -> None:
    """Write the whole graph in an RDF format (without the private name index and the
    articles' texts, unless asked).

    \b
    Example:
      claimgraph export --format nquads -o graph.nq
    """
    with open_at(store) as st:
        if output:
            with output.open("wb") as out:
                st.export(fmt, out, with_index, with_text)
        else:
            st.export(fmt, sys.stdout.buffer, with_index, with_text)


@main.command()
@click.argument("sparql", required=False)
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from this file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True)
@store_option
def query(sparql: str | None, file: Path | None, fmt: str, store: str | None) -> None:
    """Run a SPARQL query over the union of all article graphs.

    The cg, schema, prov, org, skos, nif, rdf, rdfs, xsd and owl prefixes are predeclared.

    \b
    Example:
      claimgraph query 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'
      claimgraph query --file who-criticised-whom.rq --format csv
    """
    from graph.query import run

    if bool(sparql) == bool(file):
        raise click.UsageError("give either a SPARQL query or --file FILE (one of them)")
    text = sparql if sparql else file.read_text(encoding="utf-8")
    with open_at(store) as st:
        click.echo(run(st, text, fmt), nl=False)


@main.command()
@click.option("--by", "by", default=None, help="Speaker's name or alias (case-insensitive).")
@click.option("--about", "about", default=None, help="Target's name or alias (case-insensitive).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Statements shown at most, newest first; 0 streams every one.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Statements skipped first (the next page starts at offset + limit).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@store_option
def said(by: str | None, about: str | None, limit: int, offset: int, fmt: str, store: str | None) -> None:
    """Who said what about whom, newest first, with speaker, cue, quote, article and offsets.

    \b
    Example:
      claimgraph said --by "Lena Okafor"
      claimgraph said --about "National Police" --offset 50
      claimgraph said --about "National Police" --limit 0 --format json
    """
    from graph.query import said as run_said

    with open_at(store) as st:
        rows = run_said(st, by=by, about=about, limit=limit or None, offset=offset)
        shown = _json_rows(rows) if fmt == "json" else _text_rows(rows)
    if fmt == "text":
        more = f"; the next ones with --offset {offset + limit}" if limit and shown == limit else ""
        click.echo(f"({shown} statement{'s' if shown != 1 else ''}{more})")


def _text_rows(rows: Iterable[dict]) -> int:
    """Echo ``said`` rows as text as they come; how many there were."""
    from graph.query import quoted

    count = 0
    for count, r in enumerate(rows, 1):
        act = f", {r['act']}" if r.get("act") else ""
        click.echo(f"{r.get('speaker') or '(unknown speaker)'} [{r['cue']}{act}, {r['kind']}] "
                   f"{r.get('date') or 'undated'} {r['article']}:{r['begin']}-{r['end']}")
        click.echo(f"  {quoted(r['text'])}")
        if r.get("about"):
            click.echo(f"  about: {r['about']}")
    return count


def _json_rows(rows: Iterable[dict]) -> int:
    """Echo ``said`` rows as one JSON array, a row at a time as they come; how many there were."""
    count = 0
    for count, r in enumerate(rows, 1):
        click.echo(("[\n" if count == 1 else ",\n") + json.dumps(r, indent=1, ensure_ascii=False, default=str), nl=False)
    click.echo("\n]" if count else "[]")
    return count


@main.command()
@store_option
def stats(store: str | None) -> None:
    """Counts of articles, actors, statements and statistics.

    \b
    Example:
      claimgraph stats --store ./graph-store
    """
    from graph.query import stats as run_stats

    with open_at(store) as st:
        counts = run_stats(st)
    for key, value in counts.items():
        click.echo(f"{key.replace('_', ' '):20s} {value}")


@main.command()
@store_option
def keys(store: str | None) -> None:
    """Write the statement keys into a store built before them (then `said` and the actor
    pages of busy actors answer from them; without them they read more slowly).

    One write per article: an interrupted run is finished by running it again. An embedded
    store is then compacted (minutes on a large store), as a store changed in place reads
    more slowly until compacted.

    \b
    Example:
      claimgraph keys --store ./graph-store
    """
    from graph.rdf.statement_keys import add_keys

    with open_at(store, read_only=False) as st:
        changed = add_keys(st)
        compacted = changed > 0 and hasattr(st, "optimize")
        if compacted:
            st.optimize()
    click.echo(f"statement keys written for {changed} article{'s' if changed != 1 else ''}; the store is marked as "
               f"keyed{'; compacted' if compacted else ''}")


@main.command()
@store_option
def validate(store: str | None) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl (exit 1 on violations).

    \b
    Example:
      claimgraph validate --store ./graph-store
    """
    from graph.rdf.validate import validate as run_validate

    with open_at(store) as st:
        conforms, report = run_validate(st)
    if conforms:
        click.echo("valid: the graph conforms to ontology/shapes.ttl")
        return
    click.echo(report, err=True)
    sys.exit(1)


@main.command()
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold TOML annotations.")
@click.argument("texts", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list every miss and spurious item.")
@store_option
def evaluate(gold: Path, texts: Path, errors: bool, store: str | None) -> None:
    """Score the graph against gold annotations (the metrics of the shared scorer).

    \b
    Example:
      claimgraph build seeds && claimgraph evaluate --gold tests/gold seeds
    """
    from graph.evaluate import score

    with open_at(store) as st:
        result = score(st, gold, texts)
    for line in result.lines(errors=errors):
        click.echo(line)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 exposes the graph to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds a query may run; longer ones are stopped (HTTP 503).")
@click.option("--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows or triples returned at most; more are cut (header X-Result-Truncated).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Query processes (default: two per core; at most half run long queries at once).")
@click.option("--allow-federation", is_flag=True,
              help="Allow SERVICE clauses. RISK: the server then sends HTTP requests to any URL a "
                   "client names, from inside your network.")
def serve(store: str | None, host: str, port: int, timeout: float, max_results: int,
          workers: int | None, allow_federation: bool) -> None:
    """Serve the store read-only: pages to browse it (/) and a SPARQL 1.1 endpoint (/sparql).

    Results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, RDF/XML or
    JSON-LD, by the Accept header. SPARQL Update and (unless allowed) federated queries
    are refused; a store being built cannot be served. Stop with Ctrl-C.

    \b
    Example:
      claimgraph serve --store ./graph-store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a cg:Statement } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from graph.rdf.open import default_store_path
    from graph.server import SparqlServer

    with SparqlServer(store or default_store_path(), host, port, timeout, max_results, workers,
                      allow_federation) as server:
        home = server.url.rsplit("/", 1)[0] + "/"
        click.echo(f"serving {server.location} read-only: browse {home} , SPARQL endpoint {server.url} "
                   "(Ctrl-C to stop)", err=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@store_option
def entity(name: str, fmt: str, store: str | None) -> None:
    """One actor across all articles: its names, titles over time, articles, statements by
    and about it, and why its mentions were merged (with the reasons and the articles).

    NAME is a canonical name or an alias, matched whole and case-insensitively; when
    several actors share it, each is shown.

    \b
    Example:
      claimgraph entity "Lena Okafor"
      claimgraph entity rba --format json
    """
    from graph.entity import entity as run_entity
    from graph.entity import format_profile

    with open_at(store) as st:
        profiles = run_entity(st, name)
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in profiles], indent=1, ensure_ascii=False, default=str))
        return
    click.echo("\n\n".join(format_profile(p) for p in profiles))


@main.command()
@click.option("--title", "title", default=None, help="Only this title (whole, case-insensitive).")
@click.option("--person", "person", default=None, help="Only this person (name or alias, case-insensitive).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_option
def roles(title: str | None, person: str | None, fmt: str, store: str | None) -> None:
    """Who held which title, and when: person, title, organisation, date and article of each
    role stated in an article.

    \b
    Example:
      claimgraph roles --title "Water Minister"
      claimgraph roles --person "Lena Okafor" --format json
    """
    from graph.entity import roles as run_roles
    from graph.query import format_table

    with open_at(store) as st:
        rows = run_roles(st, title=title, person=person)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
        return
    names = ["person", "title", "organization", "date", "file", "begin", "end"]
    click.echo(format_table(names, [["" if r[n] is None else str(r[n]) for n in names] for r in rows]), nl=False)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@store_option
def conflicts(fmt: str, store: str | None) -> None:
    """Figures for the same measure and period, from different articles or sources, that
    disagree beyond their qualifiers and rounding ("more than 2,000" and "2,140" agree;
    "around 3 tons" and "1.5 tonnes" for the same year do not). Both sources, articles and
    offsets are listed.

    \b
    Example:
      claimgraph conflicts --store ./graph-store
      claimgraph conflicts --format json
    """
    from graph.conflicts import conflicts as run_conflicts
    from graph.conflicts import format_conflict

    with open_at(store) as st:
        found = run_conflicts(st)
    if fmt == "json":
        click.echo(json.dumps([c.to_dict() for c in found], indent=1, ensure_ascii=False))
        return
    for c in found:
        click.echo(format_conflict(c))
    click.echo(f"({len(found)} conflict{'s' if len(found) != 1 else ''})")


@main.command()
@click.argument("article")
@store_option
@click.option("--base", default=None, help="Base IRI the store was built with.")
@overrides_option
def remove(article: str, store: str | None, base: str | None, overrides: Path | None) -> None:
    """Remove an article (by id, IRI or source file): its named graph, every actor left with
    no mention, and its merge evidence; actors it joined are re-resolved without it, so the
    store equals a fresh build without the article.

    \b
    Example:
      claimgraph remove 001_4eb9a2009ca0f220.txt --store ./graph-store
    """
    from graph.identity import remove_article
    from graph.overrides import load_overrides
    from graph.rdf.ids import Ids

    forced = load_overrides(overrides)
    with open_at(store, read_only=False) as st:
        try:
            iri = remove_article(st, article, Ids(base) if base else Ids(), forced)
        except (ValueError, UnicodeError) as exc:  # not an IRI, id or file name at all
            raise ClaimGraphError(f"no article {article!r} in the store (not an article id, "
                                  f"IRI or source file: {exc})") from exc
    click.echo(f"removed {iri}")


for _command in (view, network, central, path_command):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
