"""Every command that takes an actor's name: an unknown name exits 1 with one line and
close names, never an empty answer; a known name still exits 0 (on the small fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from tests.helpers import SMALL, trig_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The folder of a closed store holding the small fixture."""
    location = tmp_path_factory.mktemp("names") / "store"
    trig_store(location, SMALL.read_text("utf-8")).close()
    return str(location)


#: (command with {name} where the actor's name goes, a misspelt name, the actor's real name)
COMMANDS = [
    (["said", "--by", "{name}"], "Okonkow", "Okonkwo"),
    (["said", "--about", "{name}"], "Ministry of Transprt", "Ministry of Transport"),
    (["said", "--by", "Maria Okonkwo", "--about", "{name}"], "Jon Baker", "Jon Bakker"),
    (["roles", "--person", "{name}"], "Tomas Lindquist", "Tomas Lindqvist"),
    (["entity", "{name}"], "Ana Fereira", "Ana Ferreira"),
    (["view", "--focus", "{name}", "-o", "{out}"], "Eastvalle", "Eastvale"),
    (["path", "{name}", "Maria Okonkwo"], "Dockworker Union", "Dockworkers Union"),
    (["path", "Maria Okonkwo", "{name}"], "Port Haldn", "Port Halden"),
]


def invoke(store: str, tmp_path: Path, command: list[str], name: str):
    args = [a.replace("{name}", name).replace("{out}", str(tmp_path / "view.html")) for a in command]
    return CliRunner().invoke(main, [*args, "--store", store])


@pytest.mark.parametrize(("command", "name", "suggestion"), COMMANDS)
def test_an_unknown_name_exits_1_with_close_names(store: str, tmp_path: Path, command: list[str], name: str,
                                                  suggestion: str) -> None:
    result = invoke(store, tmp_path, command, name)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("claimgraph: error: ")
    assert repr(name) in result.stderr and "did you mean" in result.stderr and repr(suggestion) in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("command", "name", "suggestion"), COMMANDS)
def test_a_known_name_still_exits_0(store: str, tmp_path: Path, command: list[str], name: str,
                                    suggestion: str) -> None:
    result = invoke(store, tmp_path, command, suggestion)
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr
