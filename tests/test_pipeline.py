"""End to end: files in, one graph out; idempotent builds; bad inputs never stop a batch."""

from __future__ import annotations

import errno
import gc
import io
import shutil

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from graph.cli import main
from graph.errors import ClaimGraphError
from graph.pipeline import build
from graph.rdf.store import Store

from .conftest import SEEDS

pytestmark = pytest.mark.slow


def _export(path, fmt="nquads") -> bytes:
    with Store.open(path, create=False) as store:
        buf = io.BytesIO()
        store.export(fmt, buf)
        return buf.getvalue()


def _graphs(nquads: bytes) -> dict[str, set[str]]:
    """Named graph -> its N-Quads lines."""
    out: dict[str, set[str]] = {}
    for line in nquads.decode("utf-8").splitlines():
        quad = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS)))
        out.setdefault(str(quad.graph_name), set()).add(line)
    return out


def test_cli_build_export_parses_in_two_engines_and_validates(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(main, ["build", str(SEEDS), "--store", store])
    assert result.exit_code == 0, result.output
    assert "5 new" in result.output
    out = tmp_path / "seeds.nq"
    assert runner.invoke(main, ["export", "--store", store, "--format", "nquads", "-o", str(out)]).exit_code == 0
    oxs = ox.Store()
    oxs.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(out, format="nquads")
    assert len(oxs) == len(list(ds.quads((None, None, None, None)))) > 1000
    articles = list(oxs.query("SELECT ?a WHERE { GRAPH ?a { ?a a <https://schema.org/NewsArticle> } }"))
    assert len(articles) == 5
    result = runner.invoke(main, ["validate", "--store", store])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ["trig", "turtle", "jsonld"])
def test_every_export_format_parses_back(seed_store, fmt):
    data = _export(seed_store, fmt)
    g = rdflib.Graph() if fmt == "turtle" else rdflib.Dataset()
    g.parse(data=data, format={"jsonld": "json-ld"}.get(fmt, fmt))
    triples = len(g) if fmt == "turtle" else sum(len(x) for x in g.graphs())
    assert triples > 1000


def test_building_twice_changes_nothing(seed_store, tmp_path, nlp):
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    before = _export(copy)
    with Store.open(copy) as store:
        report = build([SEEDS], store, nlp=nlp)
    assert len(report.skipped) == 5 and not report.added and not report.updated
    assert _export(copy) == before


def test_editing_one_article_replaces_only_its_graph(tmp_path, nlp):
    folder = tmp_path / "seeds"  # a copy, built from where it is: a file is known by its path
    shutil.copytree(SEEDS, folder)
    store_path = tmp_path / "store"
    with Store.open(store_path) as store:
        assert build([folder], store, nlp=nlp).ok
    before = _graphs(_export(store_path))
    edited = sorted(folder.glob("*.txt"))[1]
    edited.write_text(edited.read_text("utf-8") + "\nThe minister said the review would end soon.\n", "utf-8")
    with Store.open(store_path) as store:
        report = build([folder], store, nlp=nlp)
    assert report.updated == [edited.stem] and len(report.skipped) == 4
    after = _graphs(_export(store_path))
    changed = {g for g in before.keys() | after.keys() if before.get(g) != after.get(g)}
    assert len(changed) == 1 and next(iter(changed)).endswith(edited.stem + ">")


def test_a_fresh_build_equals_a_rebuild(seed_store, tmp_path, nlp):
    with Store.open(tmp_path / "store", create=True) as store:
        report = build([SEEDS], store, nlp=nlp)
    assert len(report.added) == 5 and report.statements > 0
    assert _export(tmp_path / "store") == _export(seed_store)


@pytest.mark.parametrize(("growth", "checkpoints"), [
    (-2**40, 3),  # whatever the size: after each batch of 2 + 2 + 1 articles
    (2**40, 0),
])
def test_checkpoints_during_a_build_change_nothing(seed_store, tmp_path, nlp, monkeypatch, growth, checkpoints):
    calls = []
    monkeypatch.setattr("graph.pipeline.CHECKPOINT_GROWTH", growth)
    monkeypatch.setattr(Store, "checkpoint", lambda self, real=Store.checkpoint: calls.append(real(self)))
    with Store.open(tmp_path / "store", create=True) as store:
        build([SEEDS], store, nlp=nlp, batch_size=2)
    assert len(calls) == checkpoints
    assert _export(tmp_path / "store") == _export(seed_store)


def test_a_build_checkpoints_when_the_writer_has_grown(tmp_path, nlp, monkeypatch):
    """Checked after each batch against the size after the last checkpoint (sizes in MB)."""
    sizes = iter([100, 130, 170, 175, 200, 240, 245, 260])  # start, batch 1, 2, after the checkpoint, 3, ...
    calls = []
    monkeypatch.setattr("graph.pipeline.CHECKPOINT_GROWTH", 50)
    monkeypatch.setattr("graph.pipeline.memory.resident", lambda: next(sizes))
    monkeypatch.setattr(Store, "checkpoint", lambda self: calls.append(len(self.articles())))
    with Store.open(tmp_path / "store", create=True) as store:
        build([SEEDS], store, nlp=nlp, batch_size=1)
    assert calls == [2, 4]  # 170 - 100 > 50 after batch 2, then 240 - 175 > 50 after batch 4


BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02PNG\x00",
    "latin1.txt": "Caf\xe9 owner said prices rose.".encode("latin-1"),
    "feed.jsonl": b'{"id": "ok-1", "text": "The mayor said the bridge would reopen."}\n{not json}\n',
}


def test_bad_inputs_are_reported_and_the_rest_is_built(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder)
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(folder), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "error:" in line]
    assert len(errors) == 4, result.output
    for name in ("empty.txt", "binary.txt", "latin1.txt", "feed.jsonl:2"):
        assert any(name in line for line in errors), (name, errors)
    assert "Traceback" not in result.output
    with Store.open(tmp_path / "store") as store:
        files = {r["f"] for r in store.select("SELECT ?f WHERE { ?a cg:sourceFile ?f }")}
    assert files == {"ok-1", sorted(SEEDS.glob("*.txt"))[0].name}


def test_a_failed_build_keeps_what_was_stored(seed_store, tmp_path, nlp):
    store_path = tmp_path / "store"
    shutil.copytree(seed_store, store_path)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    with Store.open(store_path) as store:
        report = build([tmp_path / "bad.txt"], store, nlp=nlp)
    assert not report.ok
    assert _export(store_path) == _export(seed_store)


@pytest.mark.parametrize(("first", "second", "ids"), [
    ("deskA/report.txt", "deskB/report.md", {"report", "report-2"}),   # another source: kept apart
    ("deskA/report.txt", "deskB/report.txt", {"report", "report-2"}),  # same name, another folder
    ("deskA/report.txt", "deskA/report.txt", {"report"}),              # the same file: an update
])
def test_a_later_build_never_replaces_another_files_article(tmp_path, nlp, first, second, ids):
    with Store.open(tmp_path / "store", create=True) as store:
        for n, name in enumerate((first, second, second)):  # the second file is built, edited, built again
            path = tmp_path / "in" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"Story {n}\n\nThe harbour master said pier {n} would close on Monday.\n",
                            encoding="utf-8")
            report = build([path], store, nlp=nlp)
            assert report.ok, report.errors
        stored = {row["a"].rsplit("/", 1)[1] for row in store.select("SELECT ?a WHERE { ?a cg:sourceFile ?f }")}
        headlines = {row["h"] for row in store.select("SELECT ?h WHERE { ?a schema:headline ?h }")}
    assert stored == ids
    assert headlines == ({"Story 2"} if len(ids) == 1 else {"Story 0", "Story 2"})


class _FullDisk:
    """A pyoxigraph store whose writes fail with ENOSPC after ``room`` of them."""

    def __init__(self, real, room: int) -> None:
        self._real, self.room = real, room

    def __getattr__(self, name):
        attr = getattr(self._real, name)
        if name not in ("extend", "update", "bulk_extend", "remove_graph"):
            return attr

        def write(*args, **kwargs):
            if self.room <= 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            self.room -= 1
            return attr(*args, **kwargs)

        return write


@pytest.mark.parametrize("room", [0, 2])
def test_a_full_disk_stops_the_build_once_and_a_rerun_completes(tmp_path, nlp, room):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"f{n}.txt").write_text(f"Pier {n} shuts\n\nThe harbour master said pier {n} "
                                          "would shut on Monday.\n", encoding="utf-8")
    lines: list[str] = []
    with Store.open(tmp_path / "store", create=True) as store:
        store._inner = _FullDisk(store._inner, room)
        with pytest.raises(ClaimGraphError, match="the disk is full .* run the build again") as caught:
            # one article a batch: a batch is one write, so the third write is the third article's
            build([folder], store, nlp=nlp, on_error=lines.append, batch_size=1)
        store._inner = store._inner._real
        assert lines == []  # one stop, not a line per article
        assert "\n" not in str(caught.value)
        report = build([folder], store, nlp=nlp)  # the rerun, space freed
    del caught  # its frames hold the store open
    gc.collect()
    assert report.ok and len(report.added) + len(report.skipped) == 4
    assert _export(tmp_path / "store") == _clean_build(tmp_path / "clean", folder, nlp)


def _clean_build(path, folder, nlp) -> bytes:
    with Store.open(path, create=True) as store:
        build([folder], store, nlp=nlp)
    return _export(path)
