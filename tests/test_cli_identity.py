"""Identity from the command line: overrides that split and join, entity, roles, conflicts,
and remove (add-then-remove equals never-added)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph.cli import main

pytestmark = pytest.mark.slow

TEXTS = {
    "bridge.txt": "Bridge reopens\n\nMayor Tunde Okafor said on Monday that the river bridge would reopen "
                  "next week. Okafor thanked the engineers. Lena Adeyemi, a city councillor, said the repairs "
                  "had cost too much.\n",
    "market.txt": "Market hall closes\n\nMayor Okafor said on Thursday that the old market hall would close for "
                  "repairs. Councillor Lena Adeyemi-Bello criticised the decision and said traders would lose "
                  "money.\n",
    "school.txt": "School gets new roof\n\nThe headteacher, Grace Mensah, said the new roof was finished. Mayor "
                  "Tunde Okafor visited the school on Friday and said the city would pay for new desks.\n",
}
OVERRIDES = '[[split]]\nnames = ["Okafor"]\n\n[[join]]\nnames = ["Lena Adeyemi", "Lena Adeyemi-Bello"]\n'


def cli(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def work(tmp_path, monkeypatch, nlp) -> Path:
    """A working directory holding the invented articles (no aliases.toml yet)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    for name, text in TEXTS.items():
        (tmp_path / "in" / name).write_text(text, "utf-8")
    return tmp_path


def build(store: str, *names: str, overrides: str | None = None) -> None:
    extra = ["--overrides", overrides] if overrides else []
    cli("build", *(f"in/{n}" for n in names), "--store", store, "--workers", "1", *extra)


def people(store: str) -> set[str]:
    out = cli("query", "--store", store, "--format", "json",
              "SELECT DISTINCT ?l WHERE { ?p a schema:Person ; rdfs:label ?l }").output
    return {b["l"]["value"] for b in json.loads(out)["results"]["bindings"]}


def export(store: str) -> bytes:
    cli("export", "--store", store, "-o", f"{store}.nq")
    return Path(f"{store}.nq").read_bytes()


@pytest.mark.parametrize(("overrides", "expected"), [
    (None, {"Tunde Okafor", "Lena Adeyemi", "Lena Adeyemi-Bello"}),
    ("file", {"Tunde Okafor", "Okafor", "Lena Adeyemi-Bello"}),
    ("default", {"Tunde Okafor", "Okafor", "Lena Adeyemi-Bello"}),
])
def test_overrides_split_and_join(work, overrides, expected):
    build("s", "bridge.txt", "market.txt")
    if overrides:
        path = "mine.toml" if overrides == "file" else "aliases.toml"
        Path(path).write_text(OVERRIDES, "utf-8")
        build("s", "bridge.txt", "market.txt", overrides=path if overrides == "file" else None)
    assert people("s") == expected


def test_overrides_on_a_built_store_equal_a_fresh_build_with_them(work):
    Path("mine.toml").write_text(OVERRIDES, "utf-8")
    build("late", "bridge.txt", "market.txt")
    build("late", "bridge.txt", "market.txt", overrides="mine.toml")
    build("fresh", "market.txt", "bridge.txt", overrides="mine.toml")
    assert export("late") == export("fresh")
    evidence = json.loads(cli("entity", "Lena Adeyemi", "--store", "late", "--format", "json").output)
    assert {(e["alias"], e["reason"]) for e in evidence[0]["evidence"]} >= {("Lena Adeyemi", "override")}


@pytest.mark.parametrize("removed", ["bridge.txt", "market", "school.txt"])
def test_add_then_remove_equals_never_added(work, removed):
    kept = [n for n in TEXTS if not n.startswith(removed.removesuffix(".txt"))]
    build("fresh", *kept)
    build("all", *TEXTS)
    assert "removed https://w3id.org/claimgraph/id/article/" in cli("remove", removed, "--store", "all").output
    assert export("all") == export("fresh")


def test_remove_unknown_article_is_one_line(work):
    build("s", "bridge.txt")
    result = CliRunner().invoke(main, ["remove", "nowhere.txt", "--store", "s"])
    assert result.exit_code == 1
    assert "no article 'nowhere.txt' in the store" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "expected"), [
    (["entity", "Okafor"], ["Tunde Okafor (Person)", "articles (3):", "Okafor: title match"]),
    (["entity", "Mensah"], ["no person, organisation or place named 'Mensah'", "did you mean 'Grace Mensah'"]),
    (["roles", "--title", "mayor"], ["Tunde Okafor  Mayor", "(3 rows)"]),
    (["roles", "--person", "okafor"], ["Tunde Okafor  Mayor", "(3 rows)"]),
    (["roles", "--title", "governor"], ["(0 rows)"]),
    (["conflicts"], ["(0 conflicts)"]),
])
def test_read_commands(work, args, expected):
    build("s", *TEXTS)
    output = CliRunner().invoke(main, [*args, "--store", "s"]).output
    for text in expected:
        assert text in output
