"""A store is never served while it is written: the store lock, in one process and across real ones."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import StoreError
from graph.rdf.lock import StoreLock
from graph.rdf.store import Store
from tests.helpers import SMALL, trig_store

CLAIMGRAPH = str(Path(sys.executable).parent / "claimgraph")
HOLD_WRITABLE = """
import sys, time
from graph.rdf.store import Store
store = Store.open(sys.argv[1])
print("open", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize(("first", "second", "refusal"), [
    (False, True, "cannot serve the store at {}: another .* is writing to it; serve it when that ends"),
    (True, False, r"cannot open the store at {} for writing: it is being served \(claimgraph serve\); stop the "
                  "server, then build or remove, then serve again"),
    (False, False, "cannot open the store at {}: another .* is writing to it; try again when that ends"),
], ids=["serve while written", "write while served", "write while written"])
def test_the_lock_refuses_the_other_mode_with_one_line(tmp_path, first, second, refusal):
    held = StoreLock(tmp_path, shared=first)
    with pytest.raises(StoreError, match=f"^{refusal.format(tmp_path)}$"):
        StoreLock(tmp_path, shared=second)
    held.release()
    StoreLock(tmp_path, shared=second).release()


def test_servers_share_the_lock_and_a_writable_store_holds_it_until_closed(tmp_path):
    first, second = StoreLock(tmp_path, shared=True), StoreLock(tmp_path, shared=True)
    with pytest.raises(StoreError, match="it is being served"):
        Store.open(tmp_path)
    first.release()
    second.release()
    store = Store.open(tmp_path / "store")
    with pytest.raises(StoreError, match="is writing to it"):
        StoreLock(tmp_path / "store", shared=True)
    store.close()
    StoreLock(tmp_path / "store", shared=True).release()


@pytest.fixture
def store_dir(tmp_path) -> Path:
    path = tmp_path / "store"
    with trig_store(path, SMALL.read_text("utf-8")):
        pass
    return path


def _serve(store: Path) -> subprocess.Popen:
    return subprocess.Popen([CLAIMGRAPH, "serve", "--store", str(store), "--port", "0", "--workers", "1"],
                            stderr=subprocess.PIPE, text=True)


def _serving(server: subprocess.Popen) -> bool:
    """True once ``server`` says it serves; False when it exits first."""
    line = server.stderr.readline()
    return line.startswith("serving")


@pytest.mark.slow
def test_a_store_being_written_is_not_served_and_a_killed_writer_leaves_no_lock(store_dir):
    writer = subprocess.Popen([sys.executable, "-c", HOLD_WRITABLE, str(store_dir)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert writer.stdout.readline() == "open\n"
        refused = _serve(store_dir)
        _, err = refused.communicate(timeout=60)
        assert refused.returncode == 1
        assert err.splitlines() == [f"claimgraph: error: cannot serve the store at {store_dir}: another "
                                    "claimgraph process (build or remove) is writing to it; serve it when that ends"]
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
    server = _serve(store_dir)
    try:
        assert _serving(server)
    finally:
        server.terminate()
        server.wait(30)


@pytest.mark.slow
def test_a_served_store_is_not_built_and_a_killed_server_leaves_no_lock(store_dir, tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("A headline\n\nA short invented text.\n", "utf-8")
    server = _serve(store_dir)
    try:
        assert _serving(server)
        build = subprocess.run([CLAIMGRAPH, "build", str(article), "--store", str(store_dir)],
                               capture_output=True, text=True, timeout=120)
        assert build.returncode == 1
        assert build.stderr.splitlines() == [f"claimgraph: error: cannot open the store at {store_dir} for "
                                             "writing: it is being served (claimgraph serve); stop the server, "
                                             "then build or remove, then serve again"]
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(30)
    Store.open(store_dir).close()
