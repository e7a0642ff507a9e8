"""One actor across the whole graph: its names, titles over time, articles, statements and
why its mentions were merged (the data behind ``claimgraph entity NAME``).

Every part is a named query (``graph/queries/entity*.rq``) with the actor or the name as a
bound value; this module only assembles and formats the rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from graph.query import actors_named, load_query, quoted, require_actors, unknown_actor
from graph.rdf._terms import Binding, Value, iri
from graph.rdf.base import GraphStore

Row = dict[str, Value]

#: Section of the profile -> the named query filling it (bound value: ``?actor``).
SECTIONS: dict[str, str] = {
    "names": "entity_names",
    "roles": "entity_roles",
    "articles": "entity_articles",
    "statements": "entity_statements",
    "evidence": "entity_evidence",
}


@dataclass
class EntityProfile:
    """Everything the graph says about one actor.

    Attributes:
        iri: The actor's IRI.
        label: Its canonical name.
        kind: Person, Organization or Place.
        names: Each name it is known by, with the source files giving it (``name``, ``files``).
        roles: Its titles over time: ``title``, ``organization``, ``date``, ``file``,
            ``begin``, ``end``, ``role`` (IRI), oldest first.
        articles: The articles mentioning it: ``file``, ``headline``, ``date``, ``inferred``
            (date guessed from the text), ``mentions``, ``article`` (IRI).
        statements: Statements by it (``role`` "by") and about it (``role`` "about"), with
            ``speaker``, ``cue``, ``act``, ``text``, ``file``, ``begin``, ``end``.
        evidence: Why its names were merged: ``alias``, ``reason``, ``files``.
    """

    iri: str
    label: str
    kind: str
    names: list[Row] = field(default_factory=list)
    roles: list[Row] = field(default_factory=list)
    articles: list[Row] = field(default_factory=list)
    statements: list[Row] = field(default_factory=list)
    evidence: list[Row] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The profile as plain JSON-ready data."""
        return asdict(self)


def find_actors(store: GraphStore, name: str) -> list[Row]:
    """The people, organisations and places known by ``name`` (:func:`graph.query.actors_named`).

    Args:
        store: The graph.
        name: The name to look up.

    Returns:
        Rows with ``actor`` (IRI), ``label``, ``kind`` and ``articles`` (how many mention
        it), most mentioned first.
    """
    actors = actors_named(store, name.strip())
    return store.select(load_query("entity"), actor=[iri(a) for a in actors]) if actors else []


def entity(store: GraphStore, name: str) -> list[EntityProfile]:
    """The profile of every actor known by ``name``.

    Args:
        store: The graph.
        name: A canonical name or alias, case-insensitive ("Lena Okafor", "ms. okafor", "RBA").

    Returns:
        One profile per actor with that name (several when different actors share it).

    Raises:
        QueryError: when no actor has that name; the message suggests close names.
    """
    actors = find_actors(store, name)
    if not actors:
        raise unknown_actor(store, name)
    return [profile(store, str(a["actor"]), str(a["label"]), str(a["kind"])) for a in actors]


def profile(store: GraphStore, actor: str, label: str, kind: str) -> EntityProfile:
    """The profile of the actor with IRI ``actor`` (every section of :data:`SECTIONS`)."""
    node = iri(actor)
    sections = {key: [_sorted_files(r) for r in store.select(load_query(q), actor=node)]
                for key, q in SECTIONS.items()}
    return EntityProfile(iri=actor, label=label, kind=kind, **sections)


def format_profile(p: EntityProfile) -> str:
    """A profile as readable text, one section after another."""
    lines = [f"{p.label} ({p.kind}) <{p.iri}>"]
    lines += _section("names", [f"{r['name']}  [{r['files']}]" for r in p.names])
    lines += _section("titles over time", [
        f"{r.get('date') or '(undated)'}  {r['title']}{_of(r.get('organization'))}  "
        f"{r['file']}:{r['begin']}-{r['end']}" for r in p.roles])
    lines += _section("articles", [
        f"{r.get('date') or '(undated)'}{' (inferred)' if r.get('inferred') else ''}  {r['file']}  "
        f"{r.get('headline') or ''}  ({r['mentions']} mention{'s' if r['mentions'] != 1 else ''})".rstrip()
        for r in p.articles])
    for role, title in (("by", "statements by"), ("about", "statements about")):
        lines += _section(title, [
            f"{r['file']}:{r['begin']}-{r['end']} {r.get('speaker') or '(unknown speaker)'} "
            f"[{r.get('cue') or ''}{', ' + str(r['act']) if r.get('act') else ''}] {quoted(r['text'])}"
            for r in p.statements if r["role"] == role])
    lines += _section("why these names are one actor", [
        f"{r['alias']!s}: {r['reason']}  [{r.get('files') or ''}]".rstrip() for r in p.evidence])
    return "\n".join(lines)


def _section(title: str, items: list[str]) -> list[str]:
    return [f"{title} ({len(items)}):", *(f"  {item}" for item in items)]


def _of(organization: Value) -> str:
    return f", {organization}" if organization else ""


def _sorted_files(row: Row) -> Row:
    """``files`` (a space-separated GROUP_CONCAT) in a stable order."""
    if isinstance(row.get("files"), str):
        row["files"] = " ".join(sorted(set(row["files"].split())))
    return row


def roles(store: GraphStore, title: str | None = None, person: str | None = None) -> list[Row]:
    """Who held which title, and when (the named query ``roles``).

    Args:
        store: The graph.
        title: Only roles with this title (case-insensitive, whole title: "water minister").
        person: Only roles of the person with this name or alias (case-insensitive).

    Raises:
        QueryError: when ``person`` names no actor (:func:`graph.query.require_actors`).

    Returns:
        One row per role node: ``person``, ``title``, ``organization``, ``date`` (the
        article's), ``file``, ``begin``, ``end``, ``personIri``, ``role``; by title, then date.
    """
    bindings: dict[str, Binding] = {"wantTitle": title.strip()} if title else {}
    if person:
        bindings["personIri"] = [iri(a) for a in require_actors(store, person)]
    return store.select(load_query("roles"), **bindings)
