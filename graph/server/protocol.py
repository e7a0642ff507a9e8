"""The SPARQL 1.1 Protocol's answers: one-line errors and content negotiation.

Pure functions shared by the HTTP side (:mod:`graph.server.app`) and the query workers
(:mod:`graph.server.pool`).
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

_TEXT_TYPES = frozenset(("text/csv", "text/tab-separated-values", "text/turtle", "text/plain",
                         "text/xml", "application/x-turtle"))
#: The media type of SPARQL Update requests (refused).
UPDATE_TYPE = "application/sparql-update"
#: Why updates are refused.
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


@dataclass
class Answer:
    """An HTTP answer to one request.

    Attributes:
        status: HTTP status code.
        content_type: Media type of ``body``.
        body: The payload.
        truncated: True when results beyond the cap were cut.
    """

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def error(status: HTTPStatus, message: str) -> Answer:
    """A one-line plain-text error answer.

    >>> error(HTTPStatus.BAD_REQUEST, "no query").body
    b'no query\\n'
    """
    return Answer(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def content_type(media: str) -> str:
    """The ``Content-Type`` header for ``media``: text types say their charset.

    >>> content_type("text/csv"), content_type("application/sparql-results+json")
    ('text/csv; charset=utf-8', 'application/sparql-results+json')
    """
    return f"{media}; charset=utf-8" if media in _TEXT_TYPES else media


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (RFC 9110 q-values, wildcards).

    Args:
        accept: The header's value; None or empty accepts anything.
        offers: Media types in the server's order of preference.

    Returns:
        The chosen type, or None when the header accepts none of them.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["text/csv", "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(accept, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def _quality(accept: str, offer: str) -> float:
    """The q-value ``accept`` gives ``offer``: the most specific matching range wins."""
    kind = offer.split("/")[0]
    found, specificity = 0.0, -1
    for item in accept.split(","):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        level = 2 if media == offer else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if level > specificity:
            found, specificity = q, level
    return found
