"""Quads as lines of N-Quads text: what the writer plans for the store's loaders.

A :class:`pyoxigraph.Quad` whose object is a literal costs 2.5 to 4 us to make (PyO3 tries
the object as a named node and as a blank node first, each failed try raising inside), ten
times a line of text; an article's plan holds hundreds of them, and the store's loaders
(:meth:`graph.rdf.store.Store.ingest`, and :meth:`graph.rdf.store.Store.change` given text)
parse N-Quads text without Python's lock anyway. So the quads that nothing reads back are
planned as text: each term written as pyoxigraph writes it (``str(term)``: its escaping of
quotes, backslashes and control characters, its datatypes), one quad a line, ended by
``" .\\n"``. :func:`parse` turns lines back into quads where a caller needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from graph.rdf._terms import PREFIX_MAP, Quad

_INTEGER = f"<{PREFIX_MAP['xsd']}integer>"
#: An escape of N-Quads text: a character after a backslash, or a code point in hexadecimal.
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def literal(value: str) -> str:
    """The text of a plain string literal, escaped as pyoxigraph escapes it.

    >>> literal('say "no"\\n')
    '"say \\\\"no\\\\"\\\\n"'
    """
    return str(ox.Literal(value))


def integer(value: int) -> str:
    """The text of an ``xsd:integer`` literal (``Literal(value)`` of an int).

    >>> integer(42)
    '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return f'"{value}"^^{_INTEGER}'


def line(subject: str, predicate: str, obj: str, graph: str = "") -> str:
    """One quad's line from its terms' text (no ``graph``: the default graph)."""
    return f"{subject} {predicate} {obj} {graph} .\n" if graph else f"{subject} {predicate} {obj} .\n"


def lines(quads: Iterable[Quad]) -> list[str]:
    """The lines of some quads (``str`` of a quad leaves out the default graph)."""
    return [f"{q} .\n" for q in quads]


def split(text: str) -> tuple[str, str, str, str]:
    """The text of the subject, predicate, object and graph of a line of a named graph (an
    IRI holds no space, so the object is what lies between the predicate and the graph).

    >>> split('<https://e.org/s> <https://e.org/p> "a b" <https://e.org/g> .\\n')
    ('<https://e.org/s>', '<https://e.org/p>', '"a b"', '<https://e.org/g>')
    """
    subject, predicate, rest = text.split(" ", 2)
    obj, graph = rest[:-3].rsplit(" ", 1)
    return subject, predicate, obj, graph


def value(text: str) -> str:
    """The value of a literal's text, its escapes undone (the inverse of :func:`literal`,
    the datatype or language left out).

    >>> value('"say \\\\"no\\\\""'), value('"12"^^<http://www.w3.org/2001/XMLSchema#integer>')
    ('say "no"', '12')
    """
    body = text[1:text.rindex('"')]
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def _unescape(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ESCAPED[match.group(3)]


def parse(text: Iterable[str] | str) -> list[Quad]:
    """The quads of some lines (or of their text joined), in their order.

    Parsed leniently (IRIs not checked again: every line is made of terms pyoxigraph made,
    or of IRIs that extend one it checked), which makes a quad with a literal object in
    about 0.6 us, a quarter of what its constructor costs.
    """
    return list(ox.parse(text if isinstance(text, str) else "".join(text), format=ox.RdfFormat.N_QUADS, lenient=True))
