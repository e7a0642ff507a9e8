"""Crash safety: a build or a removal interrupted before any of its writes to the store, by
an exception or by the death of the process, then run again, leaves the store as a clean run.

The fault is injected in front of the real on-disk store: every call that writes to the
pyoxigraph store is counted, and the chosen one crashes instead of writing. A process that
dies is a forked copy of the test process (which has the spaCy model loaded already).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from graph.identity import remove_article
from graph.nlp import load_nlp
from graph.pipeline import build
from graph.rdf.ids import Ids
from graph.rdf.store import Store

pytestmark = pytest.mark.slow

#: Articles named so that they are built in this order: the full name comes after the
#: short one (the first article's actor changes IRI), a namesake comes last.
TEXTS = {
    "1-short": "Harbour fees rise\n\nFinance Minister Okonkwo said on Monday that harbour fees would rise. "
               "Okonkwo said the port needed money for new cranes.\n",
    "2-full": "Budget passes\n\nFinance Minister Chidi Okonkwo told parliament the budget was balanced. "
              "Mr. Okonkwo said tax revenue grew in 2022.\n",
    "3-other": "Clinic opens\n\nDoctor Ada Okonkwo, a surgeon, said the new clinic would open soon. "
               "Ada Okonkwo thanked the volunteers.\n",
}
#: The pyoxigraph ``Store`` methods that write.
WRITES = frozenset({"add", "add_graph", "bulk_extend", "bulk_load", "clear", "clear_graph", "extend", "load",
                    "remove", "remove_graph", "update"})
HOW = ("raise", "exit", "kill")


class Crash(Exception):
    """The injected failure."""


class Faulty:
    """A pyoxigraph store whose ``at``-th write (counting from 1) crashes as ``how`` says
    instead of writing (``at=0``: never); ``writes`` counts the writes asked for."""

    def __init__(self, inner: object, at: int, how: str) -> None:
        self.inner, self.at, self.how, self.writes = inner, at, how, 0

    def __len__(self) -> int:
        return len(self.inner)

    def __getattr__(self, name: str) -> object:
        method = getattr(self.inner, name)
        if name not in WRITES:
            return method

        def write(*args: object, **kwargs: object) -> object:
            self.writes += 1
            if self.writes == self.at:
                _crash(self.how)
            return method(*args, **kwargs)
        return write


def _nlp(what: str) -> Language | None:
    return load_nlp() if what == "build" else None


def _crash(how: str) -> None:
    if how == "raise":
        raise Crash("injected crash")
    if how == "exit":
        os._exit(3)
    os.kill(os.getpid(), signal.SIGKILL)


def _run(location: Path, job: Callable[[Store], object], at: int = 0) -> int:
    """Run ``job`` on the store at ``location``, its ``at``-th write raising :class:`Crash`
    (caught here); the number of writes asked for."""
    with Store.open(location) as store:
        faulty = store._inner = Faulty(store._inner, at, "raise")
        try:
            job(store)
        except Crash:
            pass
        return faulty.writes


def _die(locations: list[Path], what: str, corpus: Path, how: str) -> None:
    """Run the job ``what`` on the store at the n-th location in a process that dies (``how``)
    at its n-th write, for each, from a new process: forking the test process would copy
    RocksDB's state without its threads."""
    process = multiprocessing.get_context("spawn").Process(
        target=_dying_runs, args=([str(p) for p in locations], what, str(corpus), how))
    process.start()
    process.join()
    assert process.exitcode == 0, f"a {what} did not die as asked ({how}): see the output above"


def _dying_runs(locations: list[str], what: str, corpus: str, how: str) -> None:
    """The new process of :func:`_die`: loads the model once, forks one child per run."""
    nlp = load_nlp() if what == "build" else None
    for at, location in enumerate(locations, start=1):
        pid = os.fork()
        if pid == 0:
            try:
                store = Store.open(location)
                store._inner = Faulty(store._inner, at, how)
                _job(what, Path(corpus), nlp)(store)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        died = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3 if how == "exit" else \
            os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        if not died:
            sys.exit(f"{location}: no crash at write {at} ({how}), status {status}")


def _job(what: str, corpus: Path, nlp: Language | None) -> Callable[[Store], object]:
    if what == "build":
        return lambda store: build([corpus], store, nlp=nlp)
    return lambda store: remove_article(store, "2-full.txt", Ids())


def _export(location: Path) -> bytes:
    with Store.open(location) as store:
        out = io.BytesIO()
        store.export("nquads", out, with_index=True)
        return out.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash-corpus")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, "utf-8")
    return folder


def _crash_all(tmp_path: Path, what: str, corpus: Path, how: str, writes: int, start: Path | None) -> list[Path]:
    """Stores (copies of ``start``, or new) on which ``what`` crashed before write 1, 2, ..."""
    locations = [tmp_path / f"crash-{at}" for at in range(1, writes + 1)]
    for location in locations:
        if start is not None:
            shutil.copytree(start, location)
    if how == "raise":
        for at, location in enumerate(locations, start=1):
            _run(location, _job(what, corpus, _nlp(what)), at)
    else:
        _die(locations, what, corpus, how)
    return locations


@pytest.mark.parametrize("how", HOW)
def test_build_crashed_before_any_write_then_rerun_equals_a_clean_build(tmp_path, nlp, corpus, how):
    writes = _run(tmp_path / "clean", _job("build", corpus, nlp))
    clean = _export(tmp_path / "clean")
    assert writes >= len(TEXTS)
    for at, location in enumerate(_crash_all(tmp_path, "build", corpus, how, writes, None), start=1):
        with Store.open(location) as store:
            assert build([corpus], store, nlp=nlp).ok
        assert _export(location) == clean, f"crash before write {at} of {writes} ({how})"


@pytest.mark.parametrize("how", HOW)
def test_remove_crashed_before_any_write_then_retried_equals_never_added(tmp_path, nlp, corpus, how):
    kept = tmp_path / "kept"
    kept.mkdir()
    for name in TEXTS:
        if name != "2-full":
            shutil.copy(corpus / f"{name}.txt", kept)
    _run(tmp_path / "expected", _job("build", kept, nlp))
    expected = _export(tmp_path / "expected")
    _run(tmp_path / "all", _job("build", corpus, nlp))
    shutil.copytree(tmp_path / "all", tmp_path / "count")
    writes = _run(tmp_path / "count", _job("remove", corpus, None))
    assert writes >= 1
    for at, location in enumerate(_crash_all(tmp_path, "remove", corpus, how, writes, tmp_path / "all"), start=1):
        with Store.open(location) as store:
            remove_article(store, "2-full.txt", Ids())
        assert _export(location) == expected, f"crash before write {at} of {writes} ({how})"
