"""Tests of graph.extract.reference: the article's discourse state, salience, pronouns and
nominals (invented sentences, entities built by hand)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from graph.extract import reference
from graph.extract.reference import Discourse, entity_gender
from graph.extract.speech.context import Context
from graph.records import Actors, Entity, Mention, Role, Span


def entity(key: str, kind: str, name: str, text: str, gender: str | None = None,
           forms: tuple[str, ...] = ()) -> Entity:
    """An entity with one mention per occurrence of its name and ``forms`` in ``text``."""
    mentions = []
    for form in (name, *forms):
        at = text.find(form)
        while at >= 0:
            if not any(m.span.begin <= at < m.span.end for m in mentions):
                mentions.append(Mention(Span(at, at + len(form)), form))
            at = text.find(form, at + 1)
    mentions.sort(key=lambda m: m.span.begin)
    return Entity(key, kind, name, set(forms), mentions, gender)  # type: ignore[arg-type]


def discourse_of(nlp, text: str, entities: list[Entity], roles: list[Role] | None = None,
                 quoted: list[Span] | None = None) -> Discourse:
    return Discourse.start(Context.of(nlp(text)), Actors(entities, roles or []), quoted or [])


TEXT = ("Lena Vogt met Tomas Berg in Rivertown. Mr. Berg left early. "
        "The Harbour Authority later closed the port.")


@pytest.fixture
def discourse(nlp):
    return discourse_of(nlp, TEXT, [entity("e0", "Person", "Lena Vogt", TEXT, "f"),
                                    entity("e1", "Person", "Tomas Berg", TEXT, forms=("Mr. Berg",)),
                                    entity("e2", "Place", "Rivertown", TEXT),
                                    entity("e3", "Organization", "Harbour Authority", TEXT)])


@pytest.mark.parametrize(("word", "expected"), [
    ("she", "e0"),        # the only woman
    ("he", "e1"),         # gender from the honorific "Mr."
    ("it", "e3"),         # organisations only
    ("they", "e3"),       # an organisation, no group minted
    ("we", None),
    ("I", None),
])
def test_pronoun(discourse, word, expected):
    assert reference.pronoun(discourse, word, len(TEXT)) == expected


def test_recorded_speaker_is_most_salient(discourse):
    discourse.record("e0", TEXT.find("The Harbour"))
    assert discourse.last_speaker == "e0"
    assert reference.salient_person(discourse, len(TEXT)) == "e0"


@pytest.mark.parametrize(("at", "lookback", "expected"), [
    ("Mr. Berg left", 5, "e0"),   # the subject of the main clause wins in its sentence
    ("left early", 5, "e1"),      # the nearest sentence holding a person wins
    ("early", 0, "e1"),           # a person in the same sentence
    ("The Harbour", 0, None),     # nobody in that sentence, and no fallback
])
def test_salient_person(discourse, at, lookback, expected):
    assert reference.salient_person(discourse, TEXT.find(at), lookback) == expected


def test_salient_subject(discourse):
    end = len(TEXT)
    assert reference.salient_subject(discourse, end, "Organization") == "e3"
    assert reference.salient_subject(discourse, end, "Place") is None


def test_mint_reuses_by_words(discourse):
    first = discourse.mint("UnnamedSource", Span(0, 9))
    again = discourse.mint("UnnamedSource", Span(0, 9))
    assert first == again == "s0"
    assert [e.name for e in discourse.minted] == ["Lena Vogt"]
    assert len(discourse.minted[0].mentions) == 2
    assert discourse.kind("s0") == "UnnamedSource"


def test_mint_never_changes_the_given_entities(nlp):
    given = [entity("e0", "Person", "Lena Vogt", TEXT, "f")]
    discourse = discourse_of(nlp, TEXT, given)
    key = discourse.mint("Organization", Span(TEXT.find("The Harbour"), TEXT.find(" later")))
    assert (key, discourse.minted[0].name) == ("s0", "Harbour Authority")
    assert [e.key for e in given] == ["e0"] and len(given[0].mentions) == 1


def test_minted_group_is_plural(nlp):
    text = "Officials closed the port. Lena Vogt left."
    discourse = discourse_of(nlp, text, [entity("e0", "Person", "Lena Vogt", text, "f")])
    key = discourse.mint("UnnamedSource", Span(0, 9), plural=True)
    assert discourse.is_plural(key)
    assert reference.pronoun(discourse, "they", len(text)) == key
    assert reference.pronoun(discourse, "she", len(text)) == "e0"


def test_mentions_in(discourse):
    assert discourse.mentions_in(Span(0, TEXT.find("."))) == ["e0", "e1", "e2"]
    assert discourse.mentions_in(Span(0, 3)) == []


def test_mentions_in_quotes_are_not_salient(nlp):
    text = "Lena Vogt spoke. “Tomas Berg is wrong,” she said."
    entities = [entity("e0", "Person", "Lena Vogt", text, "f"),
                entity("e1", "Person", "Tomas Berg", text, "m")]
    quoted = [Span(text.find("“"), text.find("”") + 1)]
    discourse = discourse_of(nlp, text, entities, quoted=quoted)
    assert discourse.in_quote(text.find("Tomas"))
    assert reference.salient_person(discourse, len(text)) == "e0"


@pytest.mark.parametrize(("name", "gender", "aliases", "expected"), [
    ("Jane Roe", "f", (), "f"),
    ("Jane Roe", None, ("Mrs. Roe",), "f"),
    ("Sir John Roe", None, (), "m"),
    ("John Roe", None, ("Dr. Roe",), None),
    ("John Roe", None, (), None),
])
def test_entity_gender(name, gender, aliases, expected):
    assert entity_gender(Entity("e0", "Person", name, set(aliases), gender=gender)) == expected


ROLES_TEXT = ("Water Minister Ana Ruiz and Finance Minister Kofi Mensah opened the dam. "
              "Prime Minister Omar Haddad came later. The minister spoke. The water minister "
              "left. The premier stayed.")


@pytest.fixture
def cabinet(nlp):
    people = [("e0", "Ana Ruiz", "Water Minister"), ("e1", "Kofi Mensah", "Finance Minister"),
              ("e2", "Omar Haddad", "Prime Minister")]
    entities = [entity(key, "Person", name, ROLES_TEXT) for key, name, _ in people]
    roles = [Role(key, title, None, Span(ROLES_TEXT.find(title), ROLES_TEXT.find(title) + len(title)))
             for key, _, title in people]
    doc_discourse = discourse_of(nlp, ROLES_TEXT, entities, roles)
    return doc_discourse, doc_discourse.context.doc


@pytest.mark.parametrize(("phrase", "expected"), [
    ("minister spoke", "e1"),   # the latest minister (a prime minister is a premier)
    ("minister left", "e0"),    # the modifier "water" picks its minister
    ("premier stayed", "e2"),
])
def test_role_holder(cabinet, phrase, expected):
    discourse, doc = cabinet
    token = next(t for t in doc if t.idx == ROLES_TEXT.find(phrase))
    assert reference.role_holder(discourse, token) == expected


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    # a governor named only further on is someone else, once the article has named someone
    ("Kofi Mensah toured Lakeside. The governor spoke. Governor Ana Ruiz stayed in Rivertown.",
     "governor spoke", None),
    ("Governor Ana Ruiz toured Lakeside. The governor spoke.", "governor spoke", "e1"),
    ("Kofi Mensah met Governor Ana Ruiz. The governor spoke.", "governor spoke", "e1"),
    # the title that opens the holder's own name is no later naming
    ("Kofi Mensah toured Lakeside. “We are grateful,” said Governor Ana Ruiz.", "Governor Ana",
     "e1"),
    # before anyone is named (a headline, a lede), the noun names whom the text names next
    ("The governor spoke. Governor Ana Ruiz toured Lakeside with Kofi Mensah.", "governor spoke",
     "e1"),
])
def test_role_holder_named_before_the_noun(nlp, text, phrase, expected):
    entities = [entity("e0", "Person", "Kofi Mensah", text), entity("e1", "Person", "Ana Ruiz", text)]
    title = text.find("Governor")
    discourse = discourse_of(nlp, text, entities, [Role("e1", "Governor", None, Span(title, title + 8))])
    token = next(t for t in discourse.context.doc if t.idx == text.find(phrase))
    assert reference.role_holder(discourse, token) == expected


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Tomas Berg flew to Rivertown on Monday. He said the city had run out of water.",
     "city", "e1"),
    ("The Coastal Police patrolled Rivertown. Berg said the coastal police had done well.",
     "police had", "e0"),
    ("The Coastal Police patrolled Rivertown. Berg said a dog had barked.", "dog", None),
    # a demonym stands for its country when the article names it
    ("Poland sent the Coastal Police. Berg said Polish farmers were angry.", "Polish", "e2"),
    ("The Coastal Police left. Berg said Danish farmers were angry.", "Danish", None),
    # "the company" goes to the organisation in focus when no name fits it
    ("The Coastal Police fined Rivertown. Berg said the company had paid.", "company", "e0"),
    ("The Coastal Police fined Rivertown. Berg said a company had paid.", "company", None),
])
def test_nominal(nlp, text, phrase, expected):
    entities = [entity("e0", "Organization", "Coastal Police", text),
                entity("e1", "Place", "Rivertown", text), entity("e2", "Place", "Poland", text)]
    discourse = discourse_of(nlp, text, entities)
    token = next(t for t in discourse.context.doc if t.idx == text.find(phrase))
    assert reference.nominal(discourse, token, None) == expected


@pytest.mark.parametrize(("noun", "expected"), [
    ("ministry", "e1"),   # the last named ministry before the position
    ("authority", "e0"),
    ("union", None),
])
def test_organisation_named(nlp, noun, expected):
    text = "The Harbour Authority and the Water Ministry met. Then the ministry spoke."
    entities = [entity("e0", "Organization", "Harbour Authority", text),
                entity("e1", "Organization", "Water Ministry", text)]
    discourse = discourse_of(nlp, text, entities)
    assert reference.organisation_named(discourse, noun, len(text)) == expected


@pytest.mark.parametrize(("noun", "expected"), [
    ("unit", "e0"),
    ("police", None),   # the unit is part of the police, not all of it
    ("agency", "e1"),   # the head before a preposition
])
def test_organisation_named_by_its_head_word(nlp, noun, expected):
    text = ("The Police Diving Unit and the Agency for Clean Rivers searched the lake. Then "
            "the police spoke.")
    entities = [entity("e0", "Organization", "Police Diving Unit", text),
                entity("e1", "Organization", "Agency for Clean Rivers", text)]
    discourse = discourse_of(nlp, text, entities)
    assert reference.organisation_named(discourse, noun, len(text)) == expected


@pytest.mark.parametrize(("text", "speaker", "expected"), [
    # "the suspect": the person in focus, never the speaker
    ("Tomas Berg was arrested in Rivertown. Lena Vogt said the suspect had fled.", "e0", "e1"),
    ("Lena Vogt arrested Tomas Berg. Lena Vogt said the suspect had fled.", "e0", "e1"),
    ("Rivertown was quiet. Lena Vogt said the suspect had fled.", "e0", None),
    ("Tomas Berg was arrested. Lena Vogt said a suspect had fled.", "e0", None),
])
def test_nominal_person_description(nlp, text, speaker, expected):
    entities = [entity("e0", "Person", "Lena Vogt", text, "f"),
                entity("e1", "Person", "Tomas Berg", text), entity("e2", "Place", "Rivertown", text)]
    discourse = discourse_of(nlp, text, entities)
    token = next(t for t in discourse.context.doc if t.idx == text.find("suspect"))
    assert reference.nominal(discourse, token, speaker) == expected


@pytest.mark.parametrize(("mentions", "at", "expected"), [
    ([(0, 10, "a"), (2, 4, "b")], 3, "a"),            # the first covering mention wins
    ([(0, 2, "a"), (2, 4, "b"), (6, 9, "c")], 2, "b"),
    ([(0, 2, "a"), (2, 4, "b"), (6, 9, "c")], 5, None),
    ([(0, 2, "a"), (6, 9, "c")], 12, None),
    ([(0, 20, "a"), (3, 5, "b"), (8, 9, "c")], 8, "a"),
    ([], 0, None),
])
def test_mention_at_and_mentions_in_find_the_covering_and_contained_mentions(mentions, at, expected):
    discourse = Discourse(None, {}, [], [], _mentions=sorted(mentions, key=lambda t: (t[0], -t[1])))
    discourse._index_mentions()
    assert discourse.mention_at(SimpleNamespace(idx=at)) == expected
    inside = [k for b, e, k in sorted(mentions) if at <= b and e <= at + 5]
    assert discourse.mentions_in(Span(at, at + 5)) == list(dict.fromkeys(inside))
