"""The browsing app's site: what it keeps between requests (:meth:`Site.remember`) and its counts."""

from __future__ import annotations

import pytest

from graph.query import stats
from graph.web.site import REMEMBERED, Site
from tests.helpers import SMALL, trig_store


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    location = tmp_path_factory.mktemp("site") / "store"
    trig_store(location, SMALL.read_text("utf-8")).close()
    s = Site(location)
    yield s
    s.close()


#: Keys asked in turn -> how many of the asks computed their value (the others were remembered).
@pytest.mark.parametrize(("asked", "computed"), [
    (["a", "a", "a"], 1),
    (["a", "b", "a", "b"], 2),
    ([f"k{i}" for i in range(REMEMBERED)] + ["k0"], REMEMBERED),  # all kept
    ([f"k{i}" for i in range(REMEMBERED + 1)] + ["k0"], REMEMBERED + 2),  # the oldest was let go
    (["k0"] + [f"k{i}" for i in range(1, REMEMBERED + 1)] + ["k1", "k0"], REMEMBERED + 2),  # least recently used goes
    (["k0"] + [f"k{i}" for i in range(1, REMEMBERED)] + ["k0", f"k{REMEMBERED}", "k0"], REMEMBERED + 1),  # k0 was used
])
def test_remember_computes_each_key_once_while_it_is_kept(site, asked, computed):
    site._remembered.clear()
    made: list[str] = []

    def make(key: str):
        made.append(key)
        return f"value of {key}"

    answers = [site.remember(key, lambda key=key: make(key)) for key in asked]
    assert answers == [f"value of {key}" for key in asked]
    assert len(made) == computed and len(site._remembered) <= REMEMBERED


def test_the_counts_are_those_of_stats_without_its_quad_counts(site):
    expected = {k: v for k, v in stats(site.store).items() if not k.endswith("quads")}
    assert site.counts == expected and expected["articles"] > 0 and expected["statements"] > 0


def test_prepare_reads_the_lists_the_first_visitors_wait_for(tmp_path):
    from graph.conflicts import conflicts
    from graph.web import reads

    location = tmp_path / "store"
    trig_store(location, SMALL.read_text("utf-8")).close()
    s = Site(location)
    try:
        assert not {"_counts", "_speakers", "_recent", "_conflicts"} & s.__dict__.keys()
        s.prepare()
        assert {"_counts", "_speakers", "_recent", "_conflicts"} <= s.__dict__.keys()
        assert s.conflicts == conflicts(s.store) and s.speakers == reads.top_speakers(s.store)
    finally:
        s.close()


def test_a_list_being_read_does_not_hold_up_another(site, monkeypatch):
    import threading

    reading, release = threading.Event(), threading.Event()

    def slow():
        reading.set()
        release.wait(10)
        return ["slow"]

    other = threading.Thread(target=lambda: site._once("_slow_list", slow))
    other.start()
    try:
        assert reading.wait(10)
        assert site._once("_quick_list", lambda: ["quick"]) == ["quick"]  # not waiting for _slow_list
        assert "_slow_list" not in site.__dict__
    finally:
        release.set()
        other.join(10)
    assert site._once("_slow_list", lambda: ["again"]) == ["slow"]


def test_ready_waits_for_the_list_prepare_is_reading(tmp_path, monkeypatch):
    import importlib
    import threading

    site_module = importlib.import_module("graph.web.site")  # graph.web.site is also a function's name
    location = tmp_path / "store"
    trig_store(location, SMALL.read_text("utf-8")).close()
    s = Site(location)
    reading, release = threading.Event(), threading.Event()

    def slow(store):
        reading.set()
        release.wait(10)
        return ["slow"]

    monkeypatch.setattr(site_module, "conflicts", slow)
    try:
        assert s.ready("conflicts", 0)  # no prepare: the page reads it itself
        preparing = threading.Thread(target=s.prepare)
        preparing.start()
        assert reading.wait(10)
        assert s.ready("counts", 0) and not s.ready("conflicts", 0.05)
        release.set()
        preparing.join(10)
        assert s.ready("conflicts", 0) and s.conflicts == ["slow"]
    finally:
        release.set()
        s.close()
