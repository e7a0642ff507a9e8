"""Tests of graph.rdf.nquads: lines of N-Quads text that pyoxigraph reads back as the quads it would write."""

import pyoxigraph as ox
import pytest

from graph.rdf.nquads import integer, line, lines, literal, parse, split, value

S, P = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
G = ox.NamedNode("https://example.org/g")


@pytest.mark.parametrize("value", [
    "plain words",
    'a "quoted" word',
    "a back\\slash and \\n as written",
    "two\nlines\r\nand a\ttab",
    "bell \x07, backspace \x08, form feed \x0c, escape \x1b, delete \x7f",
    "Zoë Ångström, 東京, emoji \U0001F600, no-break\u00a0space, line\u2028separator",
    "",
    "ends with a backslash \\",
])
def test_a_literal_line_is_what_pyoxigraph_serializes_and_parses_back(value):
    quad = ox.Quad(S, P, ox.Literal(value), G)
    text = line(str(S), str(P), literal(value), str(G))
    assert text == ox.serialize([quad], format=ox.RdfFormat.N_QUADS).decode()
    assert parse(text) == [quad]


@pytest.mark.parametrize("value_", [
    'a "quoted" word', "a back\\slash \\n", "two\nlines\r\n\ttab", "bell \x07 escape \x1b delete \x7f",
    "Zoë 東京 \U0001F600 \u2028", "", "ends with \\", "spaces   and . a dot",
])
def test_a_line_splits_into_its_terms_and_a_literal_gives_back_its_value(value_):
    text = str(ox.Literal(value_))
    assert split(line(str(S), str(P), text, str(G))) == (str(S), str(P), text, str(G))
    assert value(text) == value_
    assert value(str(ox.Literal(value_, language="en"))) == value_


@pytest.mark.parametrize("obj", [
    ox.Literal(0), ox.Literal(1234567890123), ox.Literal(-7),
    ox.Literal("2019-03", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth")),
    ox.Literal("Guten Tag", language="de-AT"), ox.Literal(True), ox.NamedNode("https://example.org/o"),
])
def test_the_text_of_any_term_makes_a_line_that_parses_back(obj):
    assert parse(line(str(S), str(P), str(obj), str(G))) == [ox.Quad(S, P, obj, G)]
    assert parse(lines([ox.Quad(S, P, obj)])) == [ox.Quad(S, P, obj)]  # the default graph


@pytest.mark.parametrize("value", [0, 42, -3, 10 ** 18])
def test_an_integer_literal_is_the_text_of_literal_of_an_int(value):
    assert integer(value) == str(ox.Literal(value))


def test_lines_keep_their_order_and_their_duplicates_when_parsed():
    quads = [ox.Quad(S, P, ox.Literal(v), G) for v in ("b", "a", "b")]
    assert parse(lines(quads)) == quads
    assert parse("".join(lines(quads))) == quads
