"""The overrides file (aliases.toml)."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.overrides import Overrides, load_overrides, parse_overrides


@pytest.mark.parametrize(("text", "expected"), [
    ('[[join]]\nnames = ["A B", "A. B."]\n', Overrides(joins=(("A B", "A. B."),))),
    ('[[split]]\nnames = ["Kim"]\n[[split]]\nnames = ["X Y", "X Z"]\n', Overrides(splits=(("Kim",), ("X Y", "X Z")))),
    ("", Overrides()),
])
def test_parse(text, expected):
    assert parse_overrides(text) == expected


@pytest.mark.parametrize("text", ['[[join]]\nnames = ["only one"]\n', "[[merge]]\nnames=['a','b']\n",
                                  "[[split]]\nnames = 3\n", "not toml ["])
def test_bad_files_raise_input_error(text):
    with pytest.raises(InputError):
        parse_overrides(text)


def test_default_file_in_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_overrides() == Overrides()
    (tmp_path / "aliases.toml").write_text('[[split]]\nnames = ["Kim"]\n', "utf-8")
    assert load_overrides().splits == (("Kim",),)
    with pytest.raises(InputError):
        load_overrides(tmp_path / "missing.toml")
