"""The ``claimgraph`` commands that walk the actor network: ``view``, ``network``,
``central`` and ``path`` (registered on the main group by :mod:`graph.cli`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graph.cli_options import open_at, store_option


@click.command()
@store_option
@click.option("--focus", default=None, metavar="NAME",
              help="Only this actor's neighbourhood (name or alias, case-insensitive).")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True,
              help="Radius of the --focus neighbourhood.")
@click.option("--article", default=None, metavar="ID", help="Only this article (id, source file or IRI).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Draw at most this many actors, the best connected (default: 300).")
@click.option("--co-mentions", is_flag=True, help="Also link actors mentioned in the same article.")
@click.option("--link-base", default=None, metavar="URL",
              help="Clicking a node opens URL + the path of its IRI under the data base, e.g. "
                   "http://127.0.0.1:8000/id/ for the pages of claimgraph serve (default: no links).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("claimgraph-view.html"), show_default=True, help="HTML file to write.")
def view(store: str | None, focus: str | None, hops: int, article: str | None, max_nodes: int | None,
         co_mentions: bool, link_base: str | None, output: Path) -> None:
    """Draw the actors and who said what about whom as one self-contained HTML page.

    The page works offline and can be mailed: nodes are people, organisations and places
    (sized by how much they say and are talked about), edges are statements coloured by
    speech act, memberships and (with --co-mentions) shared articles. The most important
    actors are named at the first zoom, more as one zooms in, and labels never overlap.
    Hover an edge for the quotes, search for a name, filter by kind or speech act. Larger
    graphs are pruned to the best-connected actors, and the page says how many were left out.

    \b
    Example:
      claimgraph view -o graph.html
      claimgraph view --focus "Lena Okafor" --hops 2 -o okafor.html
      claimgraph view --article 001_4eb9a2009ca0f220.txt -o article.html
      claimgraph view --link-base http://127.0.0.1:8000/id/ -o linked.html
    """
    from graph.view import DEFAULT_MAX_NODES, write_view

    with open_at(store) as st:
        summary = write_view(st, output, focus=focus, hops=hops, article=article,
                             max_nodes=max_nodes or DEFAULT_MAX_NODES, co_mentions=co_mentions,
                             link_base=link_base)
    left = f" ({summary.left_out} more left out: focus with --focus NAME)" if summary.left_out else ""
    click.echo(f"wrote {summary.path}: {summary.nodes} actors, {summary.edges} links{left}")


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), required=True,
              help="GraphML or GEXF (Gephi, Cytoscape) or networkx node-link JSON.")
@click.option("--co-mentions", is_flag=True, help="Also link actors mentioned in the same article.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
def network(store: str | None, fmt: str, co_mentions: bool, output: Path | None) -> None:
    """Export the actor graph (who said what about whom, memberships) for Gephi or Cytoscape.

    Nodes are actors (IRI, kind, label, aliases, titles, statement counts); edges are
    said_about (with the statements behind them), member_of and, with --co-mentions, mentions.

    \b
    Example:
      claimgraph network --format graphml -o actors.graphml
      claimgraph network --format json | jq '.nodes | length'
    """
    from graph.network import actor_graph, export_network

    with open_at(store) as st:
        G = actor_graph(st, co_mentions=co_mentions)
    export_network(G, fmt, output or sys.stdout.buffer)


@click.command()
@store_option
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many actors.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def central(store: str | None, top: int, fmt: str) -> None:
    """The most central actors: PageRank, degree and betweenness, with their statement counts.

    \b
    Example:
      claimgraph central --top 10
      claimgraph central --format json
    """
    from graph.network import actor_graph, centrality
    from graph.query import format_table

    with open_at(store) as st:
        rows = centrality(actor_graph(st), top=top)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    names = ["actor", "kind", "pagerank", "degree", "betweenness", "said", "about"]
    cells = [[r["label"], r["kind"] or "", f"{r['pagerank']:.4f}", str(r["degree"]), f"{r['betweenness']:.4f}",
              str(r["n_said"]), str(r["n_about"])] for r in rows]
    click.echo(format_table(names, cells), nl=False)


@click.command("path")
@click.argument("a")
@click.argument("b")
@store_option
@click.option("--co-mentions", is_flag=True, help="Also go through actors mentioned in the same article.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def path_command(a: str, b: str, store: str | None, co_mentions: bool, fmt: str) -> None:
    """How two actors are connected, hop by hop, with the statement or role behind each hop.

    A and B are names, aliases (case-insensitive) or IRIs. Exit code 1 when they are not
    connected.

    \b
    Example:
      claimgraph path "Lena Okafor" "Harbour Police"
      claimgraph path okafor ruiz --co-mentions --format json
    """
    from graph.network import actor_graph, explain_path

    with open_at(store) as st:
        hops = explain_path(actor_graph(st, co_mentions=co_mentions), a, b)
    if fmt == "json":
        click.echo(json.dumps(hops, indent=1, ensure_ascii=False, default=str))
    else:
        for i, hop in enumerate(hops, 1):
            click.echo(f"{i}. {hop['summary']}")
    if not hops:
        click.echo(f"{a} and {b} are not connected", err=True)
        sys.exit(1)
