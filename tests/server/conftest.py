"""Fixtures for the endpoint's tests: a small store, and plain HTTP over urllib."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import SMALL, trig_store

#: A five-way cartesian product of the store's triples: runs far longer than any test's timeout.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
CHEAP = "ASK { ?s a schema:Person }"


@pytest.fixture(scope="package")
def store_dir(tmp_path_factory) -> Path:
    """A closed store holding tests/fixtures/small.trig."""
    path = tmp_path_factory.mktemp("served") / "store"
    with trig_store(path, SMALL.read_text("utf-8")):
        pass
    return path


def http(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None,
         timeout: float = 30) -> tuple[int, bytes]:
    """Status and body of one request (errors included)."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def ask(endpoint: str, query: str, timeout: float = 30, **params: str) -> tuple[int, bytes]:
    """GET ``query`` (with extra protocol parameters, ``_`` for ``-`` in their names)."""
    fields = {"query": query, **{k.replace("_", "-"): v for k, v in params.items()}}
    return http(f"{endpoint}?{urllib.parse.urlencode(fields)}", timeout=timeout)
