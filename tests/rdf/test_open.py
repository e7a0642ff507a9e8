"""Opening a store by its location, and where the store folder is by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import StoreError
from graph.rdf.base import GraphStore
from graph.rdf.open import default_store_path, open_store
from graph.rdf.store import Store


@pytest.mark.parametrize(("env", "expected"), [
    (None, Path("claimgraph-store")),
    ("", Path("claimgraph-store")),
    ("/data/graph", Path("/data/graph")),
])
def test_default_store_path(monkeypatch: pytest.MonkeyPatch, env: str | None, expected: Path) -> None:
    if env is None:
        monkeypatch.delenv("CLAIMGRAPH_STORE", raising=False)
    else:
        monkeypatch.setenv("CLAIMGRAPH_STORE", env)
    assert default_store_path() == expected


def test_a_folder_opens_the_embedded_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        assert isinstance(store, Store) and isinstance(store, GraphStore)


def test_the_default_folder_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_STORE", str(tmp_path / "env-store"))
    with open_store() as store:
        assert store.location == tmp_path / "env-store"


@pytest.mark.parametrize(("create", "read_only"), [(False, False), (True, True)])
def test_a_missing_folder_is_created_only_when_asked(tmp_path: Path, create: bool, read_only: bool) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "none", create=create, read_only=read_only)
