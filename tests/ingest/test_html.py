"""Tests of graph.ingest.html: text and metadata from web pages."""

from __future__ import annotations

import pytest

from graph.ingest.html import parse_html, read_html

PAGE = """<!doctype html>
<html><head>
<title>Storm closes piers | Harbour Daily</title>
<meta property="og:title" content="Storm closes two piers &amp; a jetty">
<meta property="og:site_name" content="Harbour Daily">
<meta property="og:url" content="https://example.org/piers">
<meta property="article:published_time" content="2024-03-05T22:10:00+04:00">
<meta name="author" content="Ana Lima">
<script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head><body>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<header><h1>Storm closes two piers</h1></header>
<article>
  <p>The harbour   authority closed two piers<br>on Tuesday.</p>
  <figure><img src="x.jpg"><figcaption>Cranes at the port. REUTERS/Tom Roe</figcaption></figure>
  <h2>Repairs</h2>
  <p>Repairs will take <a href="#">three weeks</a>, a spokesperson said.</p>
  <blockquote><p>“We will rebuild,” she said.</p></blockquote>
  <ul><li>Pier 1: closed</li><li>Pier 2: closed</li></ul>
  <p>Advertisement</p>
  <aside><p>Related: other news</p></aside>
</article>
<footer><p>© 2024 Harbour Daily</p></footer>
</body></html>"""

EXPECTED_TEXT = ("The harbour authority closed two piers on Tuesday.\n\nRepairs\n\n"
                 "Repairs will take three weeks, a spokesperson said.\n\n"
                 "“We will rebuild,” she said.\n\nPier 1: closed\n\nPier 2: closed\n\n"
                 "Advertisement")


def test_text_and_metadata():
    text, meta = parse_html(PAGE)
    assert text == EXPECTED_TEXT
    assert (meta.title, meta.date, meta.url, meta.publisher, meta.author) == (
        "Storm closes two piers & a jetty", "2024-03-05T22:10:00+04:00",
        "https://example.org/piers", "Harbour Daily", "Ana Lima")


def test_read_html_article(tmp_path):
    path = tmp_path / "piers.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_html(path)
    assert (article.id, article.source_file, article.title, article.date,
            article.date_inferred, article.publisher, article.author) == (
        "piers", "piers.html", "Storm closes two piers & a jetty", "2024-03-05", False,
        "Harbour Daily", "Ana Lima")
    assert article.text == EXPECTED_TEXT
    assert [article.text[s.begin:s.end] for s in article.boilerplate] == ["Advertisement"]


@pytest.mark.parametrize(("head", "title"), [
    ('<meta property="og:title" content="A">', "A"),
    ("<title>B | Harbour Daily</title>", "B"),
    ("<title>B</title>", "B"),
    ("", "C"),
])
def test_title_sources(head, title):
    page = (f'<html><head><meta property="og:site_name" content="Harbour Daily">{head}'
            "</head><body><h1>C</h1><p>Text.</p></body></html>")
    assert parse_html(page)[1].title == title


@pytest.mark.parametrize(("markup", "date"), [
    ('<meta property="og:published_time" content="2023-01-02">', "2023-01-02"),
    ('<meta name="date" content="2 January 2023">', "2 January 2023"),
    ('<meta name="pubdate" content="20230102">', "20230102"),
    ('<meta itemprop="datePublished" content="2023-01-02">', "2023-01-02"),
    ('<span itemprop="datePublished">Jan 2, 2023</span>', "Jan 2, 2023"),
    ('<time datetime="2023-01-02T10:00">Monday</time>', "2023-01-02T10:00"),
    ("", None),
])
def test_date_sources(markup, date):
    page = f"<html><head>{markup}</head><body>{markup}<p>Text.</p></body></html>"
    assert parse_html(page)[1].date == date


@pytest.mark.parametrize(("body", "text"), [
    ("<main><p>In main.</p></main><p>Outside.</p>", "In main."),
    ("<article><p>Short.</p></article><article><p>The longer story is here.</p></article>",
     "The longer story is here."),
    ("<p>Only body.</p>", "Only body."),
    ("<div>Line one<br>Line <b>two</b></div><div>Line three</div>",
     "Line one Line two\n\nLine three"),
    ("<div><section>Outer <div>inner</div></section></div>", "Outer\n\ninner"),
    ("<div>Loose text<p>Block.</p></div>", "Block."),
    ("Bare <b>text</b>", "Bare text"),
    ("<ul><li>Item <p>with paragraph</p> and tail</li></ul>",
     "Item\n\nwith paragraph\n\nand tail"),
    ("<blockquote><p>One.</p><p>Two.</p></blockquote>", "One.\n\nTwo."),
    ("", ""),
])
def test_body_choice(body, text):
    assert parse_html(f"<html><body>{body}</body></html>")[0] == text


def test_title_repeated_in_text_is_boilerplate(tmp_path):
    path = tmp_path / "a.htm"
    path.write_text("<html><head><title>Piers close</title></head><body><h2>Piers close</h2>"
                    "<p>The piers closed on Tuesday.</p></body></html>", encoding="utf-8")
    article = read_html(path)
    assert article.title_span is not None
    assert article.text[article.title_span.begin:article.title_span.end] == "Piers close"
    assert article.boilerplate == [article.title_span]


def test_sidecar_wins_over_meta_tags(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"author": "Tom Roe", "date": "2024-03-07"}',
                                     encoding="utf-8")
    article = read_html(tmp_path / "a.html")
    assert (article.author, article.date, article.publisher) == (
        "Tom Roe", "2024-03-07", "Harbour Daily")


@pytest.mark.parametrize("page", [
    "<html><head><title>Empty</title></head><body></body></html>",
    "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
    "<html><body><p>   </p><div>\n</div></body></html>",
])
def test_a_page_without_text_is_refused_with_one_line(tmp_path, page):
    from graph.errors import InputError

    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(InputError, match="no article text in the page") as caught:
        read_html(path)
    assert "\n" not in str(caught.value)
