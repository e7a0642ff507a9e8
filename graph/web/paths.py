"""Data IRIs and the browsing app's addresses: every IRI under the data base has a page at
``/id/`` + the rest of the IRI, so a permalink is derived from the IRI and back.
"""

from __future__ import annotations

from urllib.parse import quote

from graph.rdf.ids import DEFAULT_BASE

#: Characters left as they are when an IRI's local part becomes a path (the IRI's own
#: percent escapes stay escaped; anything else, letters of other scripts too, is encoded).
_PATH_SAFE = "/%-._~!$&'()*+,;=:@"
_ID_SAFE = "/-._~"


def base_of(articles: list[str]) -> str:
    """The data base of a store, read from its article IRIs (``<base>article/<id>``).

    >>> base_of(["https://example.org/data/article/a1"])
    'https://example.org/data/'
    >>> base_of([]) == DEFAULT_BASE
    True
    """
    for article in articles:
        head, sep, _ = article.rpartition("/article/")
        if sep:
            return head + "/"
    return DEFAULT_BASE


def to_path(node: str, base: str) -> str | None:
    """The app's address of the page of ``node``, or None when it is not under ``base``.

    >>> to_path("https://w3id.org/claimgraph/id/person/ann-lee", DEFAULT_BASE)
    '/id/person/ann-lee'
    >>> to_path("javascript:alert(1)", DEFAULT_BASE) is None
    True
    """
    if not node.startswith(base) or len(node) == len(base):
        return None
    return "/id/" + quote(node[len(base):], safe=_PATH_SAFE)


def candidates(rest: str, base: str) -> list[str]:
    """The IRIs an address's decoded path after ``/id/`` may stand for: as it is, and with
    the characters an article id escapes escaped again (a space in an id is ``%20`` in its IRI).

    >>> candidates("article/a b", "https://x.org/")
    ['https://x.org/article/a b', 'https://x.org/article/a%20b']
    """
    found = [base + rest, base + quote(rest, safe=_ID_SAFE)]
    return list(dict.fromkeys(found))


def safe_url(url: object) -> str | None:
    """``url`` when it is an ``http(s)`` address a link may point to, else None (so no
    ``javascript:`` or ``data:`` address from an article ever becomes a link).

    >>> safe_url("https://news.example.org/a"), safe_url(" JavaScript:alert(1)"), safe_url(None)
    ('https://news.example.org/a', None, None)
    """
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in text) else None
