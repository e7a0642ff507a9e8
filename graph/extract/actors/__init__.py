"""The actors stage: people, organisations and places, their identity within an article,
and the roles people hold.

:func:`find_actors` runs the steps in order, each a pure function returning new records:

1. :mod:`~graph.extract.actors.candidates`: candidate names
   (:class:`~graph.extract.actors.candidates.Candidate`) from spaCy's entities, capitalised
   runs, organisation phrases and ministries;
2. :mod:`~graph.extract.actors.classify`: the kind of each (person, organisation, place),
   from its words and its context (:mod:`~graph.extract.actors.titles`: honorifics and job
   titles around it);
3. :mod:`~graph.extract.actors.clusters`: mentions merged into actors
   (:class:`~graph.extract.actors.clusters.Cluster`), every merge with its reason; between
   two rounds, a second look at the kinds once full person names are known
   (:func:`~graph.extract.actors.classify.repair_with_people`), and lone family names
   ("Okafor") added as mentions;
4. :mod:`~graph.extract.actors.roles`: the titles people hold, with the organisation each
   names or implies.

Word lists live in ``graph/data/`` and are read through :func:`graph.lexicon.lexicon`
(``lexicon().actors``); the rules here only combine them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.actors.candidates import find_candidates
from graph.extract.actors.classify import classify, repair_with_people
from graph.extract.actors.clusters import (full_names, org_clusters, person_clusters, place_clusters,
                                           short_mentions, to_entities)
from graph.extract.actors.roles import find_roles
from graph.records import Actors

__all__ = ["find_actors"]


def find_actors(doc: Doc) -> Actors:
    """The people, organisations and places of a parsed article, and the roles people hold.

    spaCy builds ``doc.text`` and ``doc.ents`` anew on every access, so both are read once
    here and passed to the steps.

    Args:
        doc: ``nlp(article.masked_text())``; offsets index the original text.

    Returns:
        Entities keyed ``"e0"``, ``"e1"``, ... (people first, then organisations, then
        places, then organisations only implied by a title), each with every mention, its
        aliases and the evidence for each merge; and the job titles of the people, with
        the organisation each title names or implies.

    Example:
        >>> from graph.nlp import load_nlp
        >>> actors = find_actors(load_nlp()(
        ...     "Health Minister Lena Okafor said on Monday that Okafor would resign."))
        >>> person = actors.entities[0]
        >>> person.name, sorted(person.aliases), actors.roles[0].title
        ('Lena Okafor', ['Okafor'], 'Health Minister')
    """
    text, ents = doc.text, tuple(doc.ents)
    classified = classify(doc, text, find_candidates(doc, text, ents))
    people = person_clusters(doc, text, classified)
    cands = repair_with_people(doc, classified, full_names(people))
    # words of names the repair dropped ("Kelby Diving") are no lone family names
    cands = sorted(cands + short_mentions(doc, classified + cands, people), key=lambda c: c.start)
    people = person_clusters(doc, text, cands)
    entities = to_entities(people, org_clusters(doc, cands) + place_clusters(doc, cands))
    roles, implied = find_roles(doc, text, cands, entities)
    return Actors(entities + implied, roles)
