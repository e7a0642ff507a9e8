"""An article as the store's offsets index it, with what was found in it highlighted
(displaCy-like): data first (:class:`Mark`, :class:`Segment`), then the template draws it.

The text is cut at every mark's begin and end; each piece carries every mark covering it,
so nested spans (a mention inside a quote) keep all their classes, and the pieces of one
mark joined give exactly ``text[begin:end]``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from graph.rdf._terms import (A, ABOUT, ATTRIBUTED_TO, BEGIN, CUE, END, MEASURE, MENTION, ORGANIZATION, PERIOD,
                              QUALIFIER, QUOTE_CLASSES, REFERS_TO, ROLE, SPEECH_ACT, STATEMENT, STATISTIC, TEXT,
                              TITLE, UNIT_TEXT, VALUE, MEMBER)

#: Quote class IRI -> statement kind ("direct", "indirect", "mixed").
QUOTE_KINDS = {cls.value: kind for kind, cls in QUOTE_CLASSES.items()}
#: Mark kinds in drawing order (outermost first), each a CSS class ``cg-<kind>``.
MARK_KINDS = ("boilerplate", "statement", "statistic", "role", "mention")

Link = Callable[[str], "str | None"]
Labels = dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Mark:
    """One highlighted span.

    Attributes:
        begin: Start offset in the text.
        end: End offset.
        kind: One of :data:`MARK_KINDS`.
        style: A finer class: the statement kind ("direct"), the actor kind ("person")...
        node: The IRI of what the span is (statement, mention's actor...), or "".
        href: The app page it opens, or None.
        tip: What hovering shows.
    """

    begin: int
    end: int
    kind: str
    style: str = ""
    node: str = ""
    href: str | None = None
    tip: str = ""


@dataclass(frozen=True)
class Segment:
    """A piece of the text and the marks covering all of it (outermost first)."""

    begin: int
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        """The CSS classes of the piece: ``cg-<kind>`` and ``cg-<style>`` of each mark."""
        return " ".join(dict.fromkeys(c for m in self.marks for c in (f"cg-{m.kind}", f"cg-{m.style}") if c != "cg-"))

    def covers(self, node: str) -> bool:
        """True when one of the piece's marks is of the IRI ``node``."""
        return bool(node) and any(m.node == node for m in self.marks)

    @property
    def link(self) -> Mark | None:
        """The innermost mark with a page, which a click on the piece opens."""
        return next((m for m in reversed(self.marks) if m.href), None)

    @property
    def tip(self) -> str:
        """The tips of the marks covering the piece, innermost first, one a line."""
        return "\n".join(dict.fromkeys(m.tip for m in reversed(self.marks) if m.tip))


@dataclass
class Found:
    """What one article's graph holds, as marks and as rows for the lists under the text."""

    marks: list[Mark] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark's ends; each piece with the marks covering it.

    >>> m = Mark(4, 9, "mention")
    >>> [(s.text, len(s.marks)) for s in segments("say Alice now", [m, Mark(0, 13, "statement")])]
    [('say ', 1), ('Alice', 2), (' now', 1)]
    """
    order = {k: i for i, k in enumerate(MARK_KINDS)}
    valid = sorted((m for m in marks if 0 <= m.begin < m.end <= len(text)),
                   key=lambda m: (order.get(m.kind, len(order)), m.begin, -m.end))
    cuts = sorted({0, len(text), *(m.begin for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = defaultdict(list)
    for m in valid:
        starts[m.begin].append(m)
    active: list[Mark] = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        active.sort(key=lambda m: (order.get(m.kind, len(order)), m.begin, -m.end))
        out.append(Segment(a, text[a:b], tuple(active)))
    return out


def excerpt(text: str, marks: Iterable[Mark], lo: int, hi: int) -> list[Segment]:
    """:func:`segments` of ``text[lo:hi]`` with the marks that lie wholly inside it; the
    pieces keep their offsets in the whole text.

    >>> [(s.begin, s.text) for s in excerpt("say Alice now", [Mark(4, 9, "mention")], 2, 11)]
    [(2, 'y '), (4, 'Alice'), (9, ' n')]
    """
    inside = [replace(m, begin=m.begin - lo, end=m.end - lo) for m in marks if lo <= m.begin and m.end <= hi]
    return [replace(s, begin=s.begin + lo) for s in segments(text[lo:hi], inside)]


def found(nodes: dict[str, dict[str, list]], labels: Labels, link: Link) -> Found:
    """The marks and rows of one article's graph (:func:`graph.web.reads.describe`).

    Args:
        nodes: Subject IRI -> predicate IRI -> objects.
        labels: Actor IRI -> (label, kind) (:func:`graph.web.reads.actors`).
        link: IRI -> its page in the app, or None.
    """
    out = Found()
    for node, props in sorted(nodes.items(), key=lambda item: _span(item[1]) or (0, 0)):
        span, types = _span(props), {t.value for t in props.get(A.value, ())}
        if span is None:
            continue
        if MENTION.value in types:
            out.marks.append(_mention(span, props, labels, link))
        elif STATEMENT.value in types:
            row = _statement(node, span, props, types, labels, link)
            out.statements.append(row)
            out.marks.append(Mark(*span, "statement", row["kind"], node, link(node), _statement_tip(row)))
        elif STATISTIC.value in types:
            row = _statistic(node, span, props, labels, link)
            out.statistics.append(row)
            out.marks.append(Mark(*span, "statistic", "", node, link(node), f"statistic: {row['summary']}"))
        elif ROLE.value in types:
            row = _role(node, span, props, labels, link)
            out.roles.append(row)
            out.marks.append(Mark(*span, "role", "", node, link(node), f"role: {row['summary']}"))
    return out


def boilerplate_marks(spans: Iterable[tuple[int, int]]) -> list[Mark]:
    """Marks greying out the spans that are not article content."""
    return [Mark(b, e, "boilerplate", tip="not article text (navigation, caption, byline...)") for b, e in spans]


def _span(props: dict[str, list]) -> tuple[int, int] | None:
    begin, end = props.get(BEGIN.value), props.get(END.value)
    try:
        return (int(begin[0].value), int(end[0].value)) if begin and end else None
    except ValueError:
        return None


def _first(props: dict[str, list], predicate) -> str:
    values = props.get(predicate.value)
    return min(v.value for v in values) if values else ""


def _actor(node: str, labels: Labels, link: Link) -> dict:
    label, kind = labels.get(node, (node, ""))
    return {"iri": node, "label": label, "kind": kind, "href": link(node)}


def _mention(span: tuple[int, int], props: dict[str, list], labels: Labels, link: Link) -> Mark:
    actor = _first(props, REFERS_TO)
    label, kind = labels.get(actor, (actor, ""))
    return Mark(*span, "mention", kind.lower(), actor, link(actor), f"{kind or 'actor'}: {label}")


def _statement(node: str, span: tuple[int, int], props: dict[str, list], types: set[str], labels: Labels,
               link: Link) -> dict:
    speaker = _first(props, ATTRIBUTED_TO)
    return {
        "iri": node, "href": link(node), "begin": span[0], "end": span[1], "text": _first(props, TEXT),
        "kind": next((QUOTE_KINDS[t] for t in sorted(types) if t in QUOTE_KINDS), ""),
        "speaker": _actor(speaker, labels, link) if speaker else None, "cue": _first(props, CUE),
        "act": _first(props, SPEECH_ACT).rpartition("#")[2].lower(),
        "targets": sorted((_actor(t.value, labels, link) for t in props.get(ABOUT.value, ())),
                          key=lambda a: a["label"].casefold()),
    }


def _statement_tip(row: dict) -> str:
    speaker = row["speaker"]["label"] if row["speaker"] else "unknown speaker"
    targets = ", ".join(t["label"] for t in row["targets"]) or "no one named"
    return (f"{row['kind'] or 'statement'} quote by {speaker}; cue: {row['cue'] or '-'}; "
            f"speech act: {row['act'] or '-'}; about: {targets}")


def _statistic(node: str, span: tuple[int, int], props: dict[str, list], labels: Labels, link: Link) -> dict:
    source = _first(props, ATTRIBUTED_TO)
    parts = [_first(props, QUALIFIER), _first(props, VALUE), _first(props, UNIT_TEXT), _first(props, MEASURE)]
    period = _first(props, PERIOD)
    summary = " ".join(p for p in parts if p) + (f" ({period})" if period else "")
    return {"iri": node, "href": link(node), "begin": span[0], "end": span[1], "text": _first(props, TEXT),
            "summary": summary, "source": _actor(source, labels, link) if source else None}


def _role(node: str, span: tuple[int, int], props: dict[str, list], labels: Labels, link: Link) -> dict:
    person, organization = _first(props, MEMBER), _first(props, ORGANIZATION)
    person_row = _actor(person, labels, link) if person else None
    org_row = _actor(organization, labels, link) if organization else None
    summary = " ".join(filter(None, [person_row["label"] if person_row else "", _first(props, TITLE),
                                     f"of {org_row['label']}" if org_row else ""]))
    return {"iri": node, "href": link(node), "begin": span[0], "end": span[1], "title": _first(props, TITLE),
            "person": person_row, "organization": org_row, "summary": summary}
