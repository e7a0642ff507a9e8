"""thinc multiplies with numpy's BLAS only where blis has no kernels, and finds the same."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from thinc.api import NumpyOps, get_current_ops, set_current_ops, use_ops
from threadpoolctl import threadpool_info

from graph.nlp import blas, model_name
from tests.conftest import SEEDS


@pytest.fixture
def restore_ops():
    before = get_current_ops()
    yield
    set_current_ops(before)


@pytest.mark.parametrize("machine, arch, numpy_blas", [
    ("x86_64", "generic", True),
    ("x86_64", "haswell", False),
    ("x86_64", "zen3", False),
    ("x86_64", None, False),
    ("aarch64", "generic", False),
])
def test_numpy_blas_only_where_blis_runs_generic_code(monkeypatch, restore_ops, machine, arch, numpy_blas):
    set_current_ops(NumpyOps(use_blis=True))
    monkeypatch.setattr(blas.platform, "machine", lambda: machine)
    monkeypatch.setattr(blas, "blis_arch", lambda: arch)
    assert blas.prefer_numpy_blas() is numpy_blas
    assert get_current_ops().use_blis is not numpy_blas
    if numpy_blas:
        assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}


def test_ops_other_than_numpys_are_left_alone(monkeypatch, restore_ops):
    class GpuOps(NumpyOps):  # stands in for CupyOps, which needs a GPU
        pass

    ops = GpuOps()
    set_current_ops(ops)
    monkeypatch.setattr(blas, "blis_arch", lambda: "generic")
    assert blas.prefer_numpy_blas() is False
    assert get_current_ops() is ops


def test_blis_names_its_kernels():
    assert blas.blis_arch() in (None, "generic") or blas.blis_arch().isidentifier()


@pytest.mark.slow  # loads the spaCy model twice
def test_both_blas_give_the_same_annotations_on_the_seeds():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_TYPE, ENT_IOB]
    parsed = []
    for use_blis in (True, False):
        with use_ops("numpy", use_blis=use_blis):
            nlp = spacy.load(model_name())
            used = {node.ops.use_blis for _, pipe in nlp.pipeline
                    if getattr(pipe, "model", None) is not None for node in pipe.model.walk()}
            assert use_blis in used and (not use_blis or used == {True})
            parsed.append([doc.to_array(attrs) for doc in nlp.pipe(texts)])
    assert texts and len(parsed[0]) == len(texts)
    assert all(np.array_equal(a, b) for a, b in zip(*parsed, strict=True))
