"""The SHACL shapes compiled to SPARQL, so that the store validates itself.

``ontology/shapes.ttl`` stays the source of truth: each constraint of each shape becomes one
SPARQL query that selects the focus nodes (and values) violating it, which the store runs
over the union of its graphs. The ontology's ``rdfs:subClassOf`` closure is inlined, so that
an instance of a subclass counts as an instance of its superclasses, as when the ontology is
mixed into the data. Only what the shapes use is compiled (simple predicate paths; node
kinds, datatypes, classes, counts, ``sh:in``, patterns, lengths, ``sh:minInclusive``,
``sh:lessThanOrEquals``, ``sh:or`` and ``sh:xone`` of such constraints); a shape using
anything else is refused with one line, so the compiled checks never silently skip a
constraint. The test suite checks that they find the same violations as pyshacl.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
#: Properties of a shape that carry no constraint.
_INERT = frozenset({RDF.type, SH.path, SH.property, SH.targetClass, SH.targetSubjectsOf, SH.message,
                    RDFS.label, RDFS.comment, SH.name, SH.description})
#: Constraints that bear on the number of values, not on each value.
_COUNTS = {SH.minCount: "<", SH.maxCount: ">"}


@dataclass(frozen=True, order=True)
class Violation:
    """One violation: the focus node, the property (None for the node itself), the constraint
    component and the shape's message."""

    focus: str
    path: str | None
    constraint: str
    message: str


@dataclass(frozen=True)
class Check:
    """Compiled constraints on one path (or on the focus node itself, ``path`` None): a query
    selecting each violating focus node ``?f`` with ``?bad``, the space-separated indexes in
    ``constraints`` of the constraints it violates."""

    sparql: str
    path: str | None
    constraints: tuple[str, ...]
    message: str


def compile_shapes(shapes: Graph, ontology: Graph) -> list[Check]:
    """The constraints of every node shape of ``shapes`` as :class:`Check` queries: per
    shape, one for the focus node's own constraints; per property, one for the constraints
    on each value, one for the counts, one per ``sh:lessThanOrEquals``.

    Raises:
        ValueError: when a shape uses a path or a constraint that is not compiled.
    """
    below = _subclasses(ontology)
    below.update({c: {c} for c in set(ontology.objects(None, RDF.type)) - set(below)})
    members = {cls: {str(i) for c in subs for i in ontology.subjects(RDF.type, c)} for cls, subs in below.items()}
    classes = Classes(below, members)
    checks = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        target = _target(shapes, shape, classes)
        own = list(_constraints(shapes, shape))
        if own:
            checks.append(_values_check(target, None, own, shapes, classes, str(shapes.value(shape, SH.message) or "")))
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef):
                raise ValueError(f"shapes.ttl: {prop} has a path that is not one property: not compiled to SPARQL")
            text = str(shapes.value(prop, SH.message) or "")
            constraints = list(_constraints(shapes, prop))
            counts = [(c, int(v)) for c, v in constraints if c in _COUNTS]
            values = [(c, v) for c, v in constraints if c not in _COUNTS and c != SH.lessThanOrEquals]
            if counts:
                checks.append(_count_check(target, path, counts, text))
            if values:
                checks.append(_values_check(target, path, values, shapes, classes, text))
            checks += [_less_check(target, path, v, text) for c, v in constraints if c == SH.lessThanOrEquals]
    return checks


def _constraints(shapes: Graph, shape: Node) -> Iterator[tuple[URIRef, Node]]:
    for predicate, value in sorted(shapes.predicate_objects(shape)):
        if predicate not in _INERT:
            yield predicate, value


def _subclasses(ontology: Graph) -> dict[Node, set[Node]]:
    """Class -> itself and every class below it (``rdfs:subClassOf``, transitively)."""
    below: dict[Node, set[Node]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        below.setdefault(sup, set()).add(sub)

    def closure(cls: Node) -> set[Node]:
        seen, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return seen
    return {cls: closure(cls) for cls in set(below) | {c for subs in below.values() for c in subs}}


@dataclass(frozen=True)
class Classes:
    """What the ontology says of classes: each class's subclasses (itself included), and
    the individuals it declares of each class (speech acts: ``cg:Criticise a cg:SpeechAct``)."""

    below: dict[Node, set[Node]]
    members: dict[Node, set[str]]


def _instance_of(node: str, cls: Node, classes: Classes) -> str:
    """The graph pattern saying that ``node`` is an instance of ``cls`` (or of a subclass)
    in the data (its class variable is named after ``node``, so patterns can nest)."""
    below = sorted(classes.below.get(cls, {cls}), key=str)
    if len(below) == 1:
        return f"{node} a <{below[0]}>"
    var = f"?class_{node[1:]}"
    return f"{node} a {var} . VALUES {var} {{ {' '.join(f'<{c}>' for c in below)} }}"


def _target(shapes: Graph, shape: Node, classes: Classes) -> str:
    """A group pattern binding the focus nodes of ``shape`` to ``?f`` (maybe more than once:
    the checks count distinct values and report distinct violations)."""
    branches = [f"{{ {_instance_of('?f', cls, classes)} }}" for cls in sorted(shapes.objects(shape, SH.targetClass))]
    branches += [f"{{ ?f <{p}> ?any }}" for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))]
    if not branches:
        raise ValueError(f"shapes.ttl: {shape} has no sh:targetClass or sh:targetSubjectsOf: not compiled to SPARQL")
    return f"{{ {' UNION '.join(branches)} }}"


def _count_check(target: str, path: URIRef, counts: list[tuple[URIRef, int]], message: str) -> Check:
    tests = [f"COUNT(DISTINCT ?v) {_COUNTS[c]} {bound}" for c, bound in counts]
    bad = ", ".join(f'IF({t}, "{i} ", "")' for i, t in enumerate(tests))
    sparql = (f"SELECT ?f (CONCAT({bad}, \"\") AS ?bad) WHERE {{ {target} OPTIONAL {{ ?f <{path}> ?v }} }} "
              f"GROUP BY ?f HAVING ({' || '.join(tests)})")
    return Check(sparql, str(path), tuple(_name(c) for c, _ in counts), message)


def _values_check(target: str, path: URIRef | None, constraints: list[tuple[URIRef, Node]], shapes: Graph,
                  classes: Classes, message: str) -> Check:
    """The check of each value (of ``path``, or the focus node itself) against ``constraints``."""
    value = "?v" if path is not None else "?f"
    values = f"?f <{path}> ?v ." if path is not None else ""
    bad = ", ".join(f'IF(COALESCE({_ok(value, c, a, shapes, classes)}, false), "", "{i} ")'
                    for i, (c, a) in enumerate(constraints))
    sparql = f'SELECT ?f ?bad WHERE {{ {target} {values} BIND(CONCAT({bad}, "") AS ?bad) FILTER(?bad != "") }}'
    return Check(sparql, str(path) if path is not None else None, tuple(_name(c) for c, _ in constraints), message)


def _less_check(target: str, path: URIRef, other: Node, message: str) -> Check:
    sparql = f'SELECT ?f ("0" AS ?bad) WHERE {{ {target} ?f <{path}> ?v . ?f <{other}> ?w FILTER(!COALESCE(?v <= ?w, false)) }}'
    return Check(sparql, str(path), ("sh:lessThanOrEquals",), message)


def _ok(v: str, constraint: URIRef, argument: Node, shapes: Graph, classes: Classes) -> str:
    """A SPARQL expression true when value ``v`` satisfies the constraint."""
    if constraint == SH.nodeKind and argument == SH.IRI:
        return f"isIRI({v})"
    if constraint == SH.datatype:
        return f"(isLiteral({v}) && datatype({v}) = <{argument}>)"
    if constraint == SH["class"]:
        declared = sorted(classes.members.get(argument, ()))
        known = f"{v} IN ({', '.join(f'<{i}>' for i in declared)}) || " if declared else ""
        return f"({known}EXISTS {{ {_instance_of(v, argument, classes)} }})"
    if constraint == SH["in"]:
        return f"{v} IN ({', '.join(_term(t) for t in Collection(shapes, argument))})"
    if constraint == SH.pattern:
        return f"(!isBlank({v}) && REGEX(STR({v}), {_term(argument)}))"
    if constraint == SH.minLength:
        return f"(!isBlank({v}) && STRLEN(STR({v})) >= {int(argument)})"
    if constraint == SH.minInclusive:
        return f"COALESCE({v} >= {_term(argument)}, false)"
    if constraint in (SH["or"], SH.xone):
        parts = [_ok(v, c, a, shapes, classes) for member in Collection(shapes, argument)
                 for c, a in _constraints(shapes, member)]
        if constraint == SH["or"]:
            return "(" + " || ".join(parts) + ")"
        return "(" + " + ".join(f"IF({p}, 1, 0)" for p in parts) + ") = 1"
    raise ValueError(f"shapes.ttl: the constraint {constraint} {argument} is not compiled to SPARQL")


def _term(node: Node) -> str:
    if isinstance(node, Literal):
        return node.n3()
    return f"<{node}>"


def _name(constraint: URIRef) -> str:
    return "sh:" + str(constraint)[len(str(SH)):]
