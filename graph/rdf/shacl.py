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
    """One compiled constraint: the query selecting its violations (``?f``), and what to
    report for each."""

    sparql: str
    path: str | None
    constraint: str
    message: str


def compile_shapes(shapes: Graph, ontology: Graph) -> list[Check]:
    """Every constraint of every node shape of ``shapes`` as a :class:`Check`.

    Raises:
        ValueError: when a shape uses a path or a constraint that is not compiled.
    """
    classes = _subclasses(ontology)
    classes.update({c: {c} for c in set(ontology.objects(None, RDF.type)) - set(classes)})
    members = {cls: {str(i) for c in subs for i in ontology.subjects(RDF.type, c)} for cls, subs in classes.items()}
    classes = Classes(classes, members)
    checks = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        target = _target(shapes, shape, classes)
        message = str(shapes.value(shape, SH.message) or "")
        for constraint, value in _constraints(shapes, shape):
            checks.append(_value_check(target, None, "?f", constraint, value, shapes, classes, message))
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef):
                raise ValueError(f"shapes.ttl: {prop} has a path that is not one property: not compiled to SPARQL")
            text = str(shapes.value(prop, SH.message) or "")
            for constraint, value in _constraints(shapes, prop):
                if constraint in _COUNTS:
                    checks.append(_count_check(target, path, constraint, int(value), text))
                else:
                    checks.append(_value_check(target, path, "?v", constraint, value, shapes, classes, text))
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
    """The graph pattern saying that ``node`` is an instance of ``cls`` (or of a subclass) in the data."""
    values = " ".join(f"<{c}>" for c in sorted(classes.below.get(cls, {cls}), key=str))
    return f"{node} a ?type . VALUES ?type {{ {values} }}"


def _target(shapes: Graph, shape: Node, classes: Classes) -> str:
    """A subquery selecting each focus node of ``shape`` once, as ``?f``."""
    branches = [f"{{ {_instance_of('?f', cls, classes)} }}" for cls in sorted(shapes.objects(shape, SH.targetClass))]
    branches += [f"{{ ?f <{p}> ?any }}" for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))]
    if not branches:
        raise ValueError(f"shapes.ttl: {shape} has no sh:targetClass or sh:targetSubjectsOf: not compiled to SPARQL")
    return f"{{ SELECT DISTINCT ?f WHERE {{ {' UNION '.join(branches)} }} }}"


def _count_check(target: str, path: URIRef, constraint: URIRef, bound: int, message: str) -> Check:
    sparql = (f"SELECT ?f WHERE {{ {target} OPTIONAL {{ ?f <{path}> ?v }} }} "
              f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) {_COUNTS[constraint]} {bound})")
    return Check(sparql, str(path), _name(constraint), message)


def _value_check(target: str, path: URIRef | None, value: str, constraint: URIRef, argument: Node,
                 shapes: Graph, classes: Classes, message: str) -> Check:
    values = f"?f <{path}> ?v ." if path is not None else ""
    if constraint == SH.lessThanOrEquals:
        test = f"?f <{argument}> ?w FILTER(!COALESCE({value} <= ?w, false))"
    else:
        test = f"FILTER(!({_ok(value, constraint, argument, shapes, classes)}))"
    sparql = f"SELECT DISTINCT ?f WHERE {{ {target} {values} {test} }}"
    return Check(sparql, str(path) if path is not None else None, _name(constraint), message)


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
