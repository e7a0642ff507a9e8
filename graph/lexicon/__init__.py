"""The lexicon: every word list and rule table claimgraph reads, loaded once.

Rules live in data files (``graph/data/``), never as Python constants. :func:`lexicon`
reads them all once per process into one frozen, typed object with a section per stage:

- ``actors``: honorifics with gender, titles and title modifiers, organisation heads,
  ministry names, place types, first names of many countries (compiled from the Faker
  package's lists by ``scripts/make_given_names.py``) (:mod:`graph.lexicon.actors`);
- ``speech``: cues with their speech acts, referents (:mod:`graph.lexicon.speech`);
- ``numbers``: number words, units, counted nouns, qualifiers (:mod:`graph.lexicon.numbers`);
- ``places``: country names, their variants and demonyms (:mod:`graph.lexicon.places`);
- ``calendar``: month and weekday names (:mod:`graph.lexicon.calendar`);
- ``ingest``: boilerplate line rules, date, byline and e-mail words (:mod:`graph.lexicon.ingest`);
- ``scoring``: the shared scorer's honorifics and mass units (:mod:`graph.lexicon.scoring`).

To add a cue, a title or a unit, edit its data file; the section's loader says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graph.lexicon import actors, calendar, ingest, numbers, places, scoring, speech


@dataclass(frozen=True)
class Lexicon:
    """Every section of the lexicon."""

    actors: actors.ActorWords
    places: places.PlaceNames
    speech: speech.SpeechWords
    numbers: numbers.NumberWords
    calendar: calendar.CalendarWords
    ingest: ingest.IngestWords
    scoring: scoring.ScoringWords


@cache
def lexicon() -> Lexicon:
    """The lexicon, read from ``graph/data/`` on first use and shared afterwards."""
    calendar_words = calendar.load()
    return Lexicon(actors=actors.load(), places=places.load(), speech=speech.load(), numbers=numbers.load(),
                   calendar=calendar_words, ingest=ingest.load(calendar_words), scoring=scoring.load())
