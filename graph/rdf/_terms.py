"""The RDF boundary's terms: every IRI claimgraph writes or reads, as pyoxigraph terms,
and the conversions between RDF terms and Python values.

This module imports pyoxigraph and nothing heavier (no rdflib), so the query side starts
fast. The ``cg:`` names are checked against the ontology by ``tests/rdf/test_terms.py``
(through :class:`graph.rdf.namespace.CG`, whose ``_fail`` rejects unknown names).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

import pyoxigraph as ox

from graph.errors import QueryError

#: Prefix -> namespace IRI, for serialisers, JSON-LD contexts and SPARQL parsers.
PREFIX_MAP: dict[str, str] = {
    "cg": "https://w3id.org/claimgraph/ontology#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
}

#: SPARQL ``PREFIX`` lines for every namespace above; prepend to any query text.
PREFIXES: str = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_MAP.items())


def term(curie: str) -> ox.NamedNode:
    """The IRI of a prefixed name such as ``"cg:Statement"``.

    >>> term("schema:about").value
    'https://schema.org/about'
    """
    prefix, _, local = curie.partition(":")
    return ox.NamedNode(PREFIX_MAP[prefix] + local)


DEFAULT_GRAPH = ox.DefaultGraph()


def iri(value: str) -> ox.NamedNode:
    """The IRI term for ``value``, e.g. to match an actor or an article graph in a quad pattern.

    >>> str(iri("https://example.org/a"))
    '<https://example.org/a>'
    """
    return ox.NamedNode(value)


#: The private IRI prefix of the name index graphs: an article's index graph is named by
#: this prefix followed by the article IRI. Exports leave these graphs out unless asked.
INDEX_GRAPH_PREFIX = "urn:claimgraph:index:"


def index_graph(article: str) -> ox.NamedNode:
    """The private graph holding the name index entries of an article (see
    :mod:`graph.rdf.name_index`); its name is :data:`INDEX_GRAPH_PREFIX` + the article IRI.

    >>> index_graph("https://example.org/article/a").value
    'urn:claimgraph:index:https://example.org/article/a'
    """
    return ox.NamedNode(INDEX_GRAPH_PREFIX + article)


def is_index_graph(graph: object) -> bool:
    """True when ``graph`` names a private index graph (not an article's graph).

    >>> is_index_graph(index_graph("https://example.org/article/a")), is_index_graph(DEFAULT_GRAPH)
    (True, False)
    """
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(INDEX_GRAPH_PREFIX)


#: The private IRI prefix of the text graphs: an article's text graph (the text its offsets
#: index, and its boilerplate spans) is named by this prefix followed by the article IRI.
#: Exports leave these graphs out unless asked.
TEXT_GRAPH_PREFIX = "urn:claimgraph:text:"


def text_graph(article: str) -> ox.NamedNode:
    """The private graph holding an article's text (``nif:isString`` of its ``nif:Context``);
    its name is :data:`TEXT_GRAPH_PREFIX` + the article IRI.

    >>> text_graph("https://example.org/article/a").value
    'urn:claimgraph:text:https://example.org/article/a'
    """
    return ox.NamedNode(TEXT_GRAPH_PREFIX + article)


def is_text_graph(graph: object) -> bool:
    """True when ``graph`` names a private text graph.

    >>> is_text_graph(text_graph("https://example.org/article/a")), is_text_graph(index_graph("x"))
    (True, False)
    """
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(TEXT_GRAPH_PREFIX)


def own_graphs(article: str) -> tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]:
    """Every graph that belongs to one article: its public graph, its index graph and its
    text graph (what replacing or removing the article replaces or drops)."""
    return ox.NamedNode(article), index_graph(article), text_graph(article)


#: The private graph of the store's own records (the layout version, the file each article
#: was read from): never exported, never an article.
STORE_GRAPH = ox.NamedNode("urn:claimgraph:store")
_PRIVATE_PREFIX = "urn:claimgraph:"
#: The layout of the stores this version reads and writes, in :data:`STORE_GRAPH` as
#: ``cg:layoutVersion``: 2 added that graph (1: the stores before it, which have none).
LAYOUT_VERSION = 2
LAYOUT = term("cg:layoutVersion")


def is_private_graph(graph: object) -> bool:
    """True when ``graph`` names a private graph: an index graph, a text graph or :data:`STORE_GRAPH`.

    >>> is_private_graph(STORE_GRAPH), is_private_graph(text_graph("a")), is_private_graph(index_graph("a"))
    (True, True, True)
    >>> is_private_graph(iri("https://example.org/article/a"))
    False
    """
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(_PRIVATE_PREFIX)


def is_iri(node: object) -> bool:
    """True when ``node`` is an IRI (not a literal, blank node or the default graph).

    >>> is_iri(iri("https://example.org/a")), is_iri(DEFAULT_GRAPH)
    (True, False)
    """
    return isinstance(node, ox.NamedNode)


A = term("rdf:type")
LABEL, ALT_LABEL = term("rdfs:label"), term("skos:altLabel")
DERIVED_FROM, ATTRIBUTED_TO = term("prov:wasDerivedFrom"), term("prov:wasAttributedTo")
BEGIN, END, ANCHOR_OF = term("nif:beginIndex"), term("nif:endIndex"), term("nif:anchorOf")
TEXT, MENTIONS, ABOUT = term("schema:text"), term("schema:mentions"), term("schema:about")
NEWS_ARTICLE, HEADLINE, DATE_PUBLISHED = (term("schema:NewsArticle"), term("schema:headline"),
                                          term("schema:datePublished"))
SOURCE_FILE, CONTENT_HASH = term("cg:sourceFile"), term("cg:contentHash")
MENTION, REFERS_TO = term("cg:Mention"), term("cg:refersTo")
ROLE, MEMBER, TITLE, HAS_ROLE = term("cg:Role"), term("org:member"), term("cg:title"), term("cg:hasRole")
JOB_TITLE, ORGANIZATION, MEMBER_OF = term("schema:jobTitle"), term("org:organization"), term("org:memberOf")
GOVERNMENT_OF, LOCAL_GOVERNMENT_OF = term("cg:governmentOf"), term("cg:localGovernmentOf")
VALID_AT = term("cg:validAt")
STATEMENT, CUE, SPEECH_ACT = term("cg:Statement"), term("cg:cue"), term("cg:speechAct")
STATISTIC, VALUE, UNIT_TEXT = term("cg:Statistic"), term("schema:value"), term("schema:unitText")
MEASURE, PERIOD, QUALIFIER = term("cg:measure"), term("cg:period"), term("cg:qualifier")
MERGE_EVIDENCE, MERGED_INTO = term("cg:MergeEvidence"), term("cg:mergedInto")
ALIAS, REASON = term("cg:alias"), term("cg:reason")
LOCAL_NAME, NAME_KEY, LOCAL_REASON = term("cg:localName"), term("cg:nameKey"), term("cg:localReason")
LOCAL_KIND, LOCAL_LABEL, INDEX_OF = term("cg:localKind"), term("cg:localLabel"), term("cg:indexOf")
#: Every predicate of the resolver's private name index (:mod:`graph.rdf.name_index`).
SOURCE_KEY = term("cg:sourceKey")
INDEX_PREDICATES = frozenset((INDEX_OF, LOCAL_NAME, NAME_KEY, LOCAL_REASON, LOCAL_KIND, LOCAL_LABEL,
                              LOCAL_GOVERNMENT_OF))
#: The statement keys (:mod:`graph.rdf.statement_keys`), and the store's mark that every article has them.
STATEMENT_BY, STATEMENT_ABOUT = term("cg:statementBy"), term("cg:statementAbout")
STATEMENT_KEYS = term("cg:statementKeys")
XSD_DECIMAL = term("xsd:decimal")
CONTEXT, IS_STRING, REFERENCE_CONTEXT = term("nif:Context"), term("nif:isString"), term("nif:referenceContext")
BOILERPLATE = term("cg:Boilerplate")

#: Entity kind -> its RDF class.
KIND_CLASSES: MappingProxyType[str, ox.NamedNode] = MappingProxyType({
    "Person": term("schema:Person"),
    "Organization": term("schema:Organization"),
    "Place": term("schema:Place"),
    "UnnamedSource": term("cg:UnnamedSource"),
})

#: Statement kind -> its specific class (every statement is also a cg:Statement).
QUOTE_CLASSES: MappingProxyType[str, ox.NamedNode] = MappingProxyType({
    "direct": term("cg:DirectQuote"),
    "indirect": term("cg:IndirectQuote"),
    "mixed": term("cg:MixedQuote"),
})

#: ``Statement.speech_act`` value -> the cg:SpeechAct individual (declared in the ontology).
SPEECH_ACTS: MappingProxyType[str, ox.NamedNode] = MappingProxyType({
    name: term(f"cg:{name.capitalize()}")
    for name in ("assert", "warn", "order", "criticise", "praise", "deny", "promise", "believe",
                 "characterise", "intend", "support")
})

#: Article date form -> XSD datatype of schema:datePublished (and cg:validAt).
DATE_TYPES: tuple[tuple[re.Pattern[str], ox.NamedNode], ...] = (
    (re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"), term("xsd:date")),
    (re.compile(r"\d{4}-(0[1-9]|1[0-2])"), term("xsd:gYearMonth")),
    (re.compile(r"\d{4}"), term("xsd:gYear")),
)

#: An IRI term (:func:`iri` makes one).
NamedNode = ox.NamedNode
#: A literal term.
Literal = ox.Literal
Term = ox.NamedNode | ox.BlankNode | ox.Literal
Value = str | int | float | bool | Decimal | None
#: A value to bind in a query: a term, a plain value, or a collection of them (one row each).
Binding = Term | Value | Collection[Term | Value]
#: A quad as the stores read and write it (its ``.subject``, ``.predicate``, ``.object``
#: and ``.graph_name`` are terms, each with a ``.value``).
Quad = ox.Quad
#: A graph name: an article's named graph, or the default graph (merge evidence).
GraphName = ox.NamedNode | ox.DefaultGraph
#: What :meth:`graph.rdf.base.GraphStore.query` returns: solutions (SELECT), a boolean (ASK)
#: or triples (CONSTRUCT, DESCRIBE).
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_XSD = PREFIX_MAP["xsd"]
_INTEGER_TYPES = frozenset(_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte"))
_FLOAT_TYPES = frozenset((_XSD + "double", _XSD + "float"))


def literal_value(value: Decimal | int | float | str) -> ox.Literal:
    """An ``xsd:decimal`` literal in plain notation: ``2.8E+6`` → ``"2800000"``, ``1.50`` → ``"1.5"``.

    Raises:
        ValueError: when the value is not a finite number.
    """
    try:
        number = Decimal(str(value)).normalize()
    except InvalidOperation as e:
        raise ValueError(f"not a number: {value!r}") from e
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    text = format(number, "f")
    return ox.Literal("0" if number.is_zero() else text, datatype=XSD_DECIMAL)


def date_literal(date: str) -> ox.Literal | None:
    """``date`` typed ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` by its form; None if none fits."""
    for pattern, datatype in DATE_TYPES:
        if pattern.fullmatch(date) and (datatype != DATE_TYPES[0][1] or _is_calendar_date(date)):
            return ox.Literal(date, datatype=datatype)
    return None


def _is_calendar_date(date: str) -> bool:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return False
    return True


def to_term(value: Term | Value) -> Term:
    """A pyoxigraph term for a Python value (IRIs and literals are passed through).

    Raises:
        QueryError: for None, a blank node or an unsupported type.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return ox.Literal(format(value, "f"), datatype=XSD_DECIMAL)
    if isinstance(value, (str, int, float)):
        return ox.Literal(value)
    raise QueryError(f"cannot bind {value!r} in a SPARQL query: pass a string, number or IRI")


def to_python(term: Term | ox.Triple | None) -> Value:
    """A plain Python value for an RDF term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return term.value if isinstance(term, ox.NamedNode) else str(term)
    datatype = term.datatype.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype == XSD_DECIMAL.value:
            return Decimal(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
    except ValueError:
        return term.value
    if datatype == _XSD + "boolean":
        return term.value in ("true", "1")
    return term.value
