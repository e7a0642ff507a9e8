"""The claimgraph stages as spaCy components, so that ``nlp.pipe`` alone annotates a Doc.

Each stage is a pure function over a Doc and the records of the stages before it (see
:mod:`graph.extract`); the component only reads those records from Doc extensions and
writes its own:

====================  ==========================  =========================================
component             reads                       writes
====================  ==========================  =========================================
claimgraph_actors     the model's parse and NER   ``doc._.cg_actors`` (:class:`~graph.records.Actors`)
claimgraph_speech     ``doc._.cg_actors``         ``doc._.cg_speech`` (:class:`Speech`)
claimgraph_statistics ``doc._.cg_actors``,        ``doc._.cg_statistics`` (list of
                      ``doc._.cg_speech``,        :class:`~graph.records.Statistic`)
                      ``doc._.cg_article``
====================  ==========================  =========================================

A stage that fails on an odd article leaves its error in ``doc._.cg_error`` and the later
stages skip that Doc, so one article never stops a batch.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract.actors import find_actors
from graph.extract.speech import find_speech
from graph.extract.statistics import find_statistics

#: The components in the order they run, after the model's own.
STAGES = ("claimgraph_actors", "claimgraph_speech", "claimgraph_statistics")

_EXTENSIONS = ("cg_article", "cg_actors", "cg_speech", "cg_statistics", "cg_error")
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_PARSE = ["token.dep", "token.head", "token.pos", "token.tag", "token.lemma", "token.ent_iob", "token.ent_type",
          "doc.ents", "doc.sents"]


def _guarded(stage: str, run: Callable[[Doc], None]) -> Callable[[Doc], Doc]:
    """A component that runs ``run`` unless an earlier stage failed, keeping its error."""

    def component(doc: Doc) -> Doc:
        if doc._.cg_error is None:
            try:
                run(doc)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                doc._.cg_error = (f"internal error in {stage} ({type(exc).__name__}: {exc}); "
                                  "please report it with this file")
        return doc

    return component


@Language.factory("claimgraph_actors", requires=_PARSE, assigns=["doc._.cg_actors"])
def make_actors(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """People, organisations, places and the roles people hold."""

    def run(doc: Doc) -> None:
        doc._.cg_actors = find_actors(doc)

    return _guarded(name, run)


@Language.factory("claimgraph_speech", requires=[*_PARSE, "doc._.cg_actors"], assigns=["doc._.cg_speech"])
def make_speech(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Direct, indirect and mixed statements, with their speakers and targets."""

    def run(doc: Doc) -> None:
        doc._.cg_speech = find_speech(doc, doc._.cg_actors)

    return _guarded(name, run)


@Language.factory("claimgraph_statistics", requires=[*_PARSE, "doc._.cg_actors", "doc._.cg_speech"],
                  assigns=["doc._.cg_statistics"])
def make_statistics(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Figures with their unit, measure, period, qualifier and source."""

    def run(doc: Doc) -> None:
        actors, speech = doc._.cg_actors, doc._.cg_speech
        date = doc._.cg_article.date if doc._.cg_article else None
        doc._.cg_statistics = find_statistics(doc, date, actors.entities + speech.sources, speech.statements)

    return _guarded(name, run)


def add_stages(nlp: Language) -> Language:
    """Append the claimgraph components to ``nlp`` (once) and return it."""
    for name in STAGES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
