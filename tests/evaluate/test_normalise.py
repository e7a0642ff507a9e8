"""Names and texts are compared as the shared scorer normalises them."""

from __future__ import annotations

import pytest

from graph.evaluate.normalise import norm_name, norm_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Lt. Gen. Tran Van Minh", "tran van minh"), ("Mr. O’Neill", "o'neill"), ("the Red Cross", "red cross"),
     ("Brudziński", "brudzinski"), ("Premier Dr. Sir Alma Voss", "alma voss"),
     ("President Minister Prof. Mr. Ode Lund", "mr ode lund"), ("General Motors", "motors"),
     ("Henrik Sola", "henrik sola"), ("Drago Pell", "drago pell")],
)
def test_norm_name(raw, expected):
    assert norm_name(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("“Yes,”  he [said]", '"yes," he said'), ("a…b", "a...b"),
                                               ("‘Fine’\n TODAY", "'fine' today")])
def test_norm_text(raw, expected):
    assert norm_text(raw) == expected
