"""The actors section of the lexicon (see :mod:`graph.lexicon`): honorifics, titles and the
words that shape names of people, organisations and places."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from graph.lexicon._files import read_lines, read_table, read_words


@dataclass(frozen=True)
class Honorifics:
    """Honorifics ("Mr", "Lt Gen", "Samdech") from ``honorifics.tsv``.

    Attributes:
        forms: Each honorific as written in the file (lowercase, without its final dot).
        gender: Honorific (letters and spaces only) -> "m" or "f", where it tells.
        ends: The last word of every honorific ("gen" for "Lt. Gen.").
        prefix: Matches one or more honorifics at the start of a name ("Lt. Gen. Dara").
        suffix: Matches one or more honorifics at the end of a text ("... said Mr.").
    """

    forms: tuple[str, ...]
    gender: Mapping[str, str]
    ends: frozenset[str]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]

    def strip(self, name: str) -> str:
        """``name`` without leading honorifics ("Lt. Gen. Dara" -> "Dara"); the name itself
        if nothing else is left."""
        return self.prefix.sub("", name.strip()) or name.strip()


@dataclass(frozen=True)
class ActorWords:
    """Word lists of the actors stage and of identity, each from its file in ``graph/data/``.

    Attributes:
        honorifics: See :class:`Honorifics`.
        title_noise: Words ignored when titles are compared ("former Water Minister" =
            "Minister of Water"), from ``title_noise.txt``.
        titles: Job-title heads ("minister", "secretary-general"), from ``titles.txt``.
        title_modifiers: Words that may stand in a title before its head ("deputy"), from
            ``title_modifiers.txt``.
        org_heads: Words that make a capitalised phrase an organisation ("police"), from
            ``org_heads.txt``.
        place_types: Nouns that make the name before them a place ("province"), from
            ``place_types.txt``.
        ministry_names: Word before "Minister"/"Ministry" (lowercase) -> the ministry's name
            after "Ministry of" ("foreign" -> "Foreign Affairs"), from ``ministry_names.tsv``.
        ministry_domains: Lowercase words that complete "Minister of ..." ("foreign affairs",
            "foreign"): both columns of ``ministry_names.tsv``.
        not_ministries: Words before "Minister" that imply no ministry ("prime"), from
            ``not_ministries.txt``.
        connectors: Words joining the words of an organisation name ("of", "and"), from
            ``name_connectors.txt``.
        leading_junk: Articles and punctuation stripped from the start of a name, from
            ``name_leading_junk.txt``.
        possessives: Possessive endings ("'s"), from ``possessives.txt``.
        title_preps: Words linking a title to its complement ("of", "from"), from
            ``title_prepositions.txt``.
        org_preps: Words linking a title to its organisation ("for"), from
            ``org_prepositions.txt``.
        appos_articles: Articles skipped at the start of an apposition, from
            ``apposition_articles.txt``.
        appos_stops: Punctuation that ends an apposition, from ``apposition_stops.txt``.
        appos_cuts: Words after which an apposition no longer describes a title ("who"),
            from ``apposition_cuts.txt``.
        not_actor_names: Whole names that are never actors ("UTC", "COVID-19"), from
            ``not_actor_names.txt``.
        event_heads: Head nouns that make a name an event or a law ("war", "act"), from
            ``event_heads.txt``.
        work_nouns: Lowercase nouns for a work, a plan or a product that make the name
            beside them no actor ("the Kelby project", "the drama Kelby Nights"), from
            ``work_nouns.txt``.
        person_descriptions: Nouns that after "the" refer to a named person ("suspect"),
            from ``person_descriptions.txt``.
        org_descriptions: Nouns that after "the" refer to a named organisation by its kind
            ("company"), from ``org_descriptions.txt``.
        facility_nouns: Nouns that after "the" refer to the named place or organisation
            whose name holds them ("the hotel": Hotel Miramar), from ``facility_nouns.txt``.
        naming_words: Words between a title and the name it gives ("a chef named Ann"),
            from ``title_naming.txt``.
        pair_words: Determiners by which a plural noun stands for the last two actors of
            its kind ("both companies"), from ``pair_words.txt``.
        pair_nouns: Nouns that, made definite, stand for the last two people named together
            ("the couple"), from ``pair_nouns.txt``.
        state_bodies: Nouns for a state's institutions ("government") that a place or
            demonym before them makes an organisation, from ``state_bodies.txt``.
        site_nouns: Nouns that after "the" refer to the site named last ("the building"),
            from ``site_nouns.txt``.
        site_heads: Last words of a name that after "at" make it a place ("at Kelby
            Hospital"), from ``site_heads.txt``.
        org_parts: Nouns for an organisation's own parts or people ("stores", "staff"),
            from ``org_parts.txt``.
        institutions: Organisation heads that name an institution alone ("Congress"), from
            ``institutions.txt``.
        abbreviations: All-capitals words that name no actor ("CEO", "GDP"), from
            ``common_abbreviations.txt``.
        particles: Lowercase particles inside a person's name ("bin", "van"), as written,
            from ``name_particles.txt``.
        place_preps: Prepositions after which a name with no other evidence is a place
            ("in"), from ``place_prepositions.txt``.
        person_nouns: Lowercase nouns for people that are no job title ("student",
            "wife"), which before a name show a person's, from ``person_nouns.txt``.
        source_preps: Words after which a name written with a capitalised "The" is a
            source, an organisation ("according to The Kelby Herald"), from
            ``source_prepositions.txt``.
        motion_verbs: Lemmas of verbs of going and sending ("travel", "banish"), after
            which "to" and a name with no other evidence make a place, from
            ``motion_verbs.txt``.
        person_relatives: Relative pronouns only people take ("who"), from
            ``person_relatives.txt``.
        people_words: Words for a people as a whole ("Aborigines", "Indigenous") that
            open or close the name of a people, from ``people_words.txt``.
        given_names: First names of many countries ("maria", "ahmed", "wei"), whose
            presence at the start of a name shows a person's, from ``given_names.tsv``
            (compiled from the Faker package's name lists, MIT licence, by
            ``scripts/make_given_names.py``).
        given_genders: The gender ("m" or "f") most bearers of a first name have, for
            the names whose locales agree on one, from ``given_names.tsv``.
        verbs: English verbs and their irregular forms ("lead", "won"), lowercase, from
            ``verb_forms.txt`` (compiled from spaCy's English lemmatizer tables by
            ``scripts/make_verb_forms.py``); see :meth:`is_verb_form`.
    """

    honorifics: Honorifics
    title_noise: frozenset[str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    org_heads: frozenset[str]
    place_types: frozenset[str]
    ministry_names: Mapping[str, str]
    ministry_domains: frozenset[str]
    not_ministries: frozenset[str]
    connectors: frozenset[str]
    leading_junk: frozenset[str]
    possessives: frozenset[str]
    title_preps: frozenset[str]
    org_preps: frozenset[str]
    appos_articles: frozenset[str]
    appos_stops: frozenset[str]
    appos_cuts: frozenset[str]
    not_actor_names: frozenset[str]
    event_heads: frozenset[str]
    work_nouns: frozenset[str]
    person_descriptions: frozenset[str]
    org_descriptions: frozenset[str]
    facility_nouns: frozenset[str]
    naming_words: frozenset[str]
    pair_words: frozenset[str]
    pair_nouns: frozenset[str]
    state_bodies: frozenset[str]
    site_nouns: frozenset[str]
    site_heads: frozenset[str]
    org_parts: frozenset[str]
    institutions: frozenset[str]
    abbreviations: frozenset[str]
    particles: frozenset[str]
    place_preps: frozenset[str] = frozenset()
    source_preps: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    given_genders: Mapping[str, str] = field(default_factory=dict)
    motion_verbs: frozenset[str] = frozenset()
    person_relatives: frozenset[str] = frozenset()
    people_words: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()

    def is_verb_form(self, word: str) -> bool:
        """True when ``word`` (any case) is an English verb's base form, an irregular form,
        or a regular form of a listed verb: "-s", "-es", "-ies", "-ed", "-d", "-ied", or
        "-ed" after a doubled consonant ("Leads", "Booed", "Won", "Miss", "Stopped")."""
        w = word.lower()
        if w in self.verbs:
            return True
        stems = []
        if w.endswith("s"):
            stems += [w[:-1], w[:-2] if w.endswith("es") else "", w[:-3] + "y" if w.endswith("ies") else ""]
        if w.endswith("ed"):
            stems += [w[:-2], w[:-1], w[:-3] + "y" if w.endswith("ied") else "",
                      w[:-3] if len(w) > 4 and w[-3] == w[-4] else ""]
        return any(len(stem) >= 3 and stem in self.verbs for stem in stems)


def _honorifics() -> Honorifics:
    rows = read_table("honorifics.tsv")
    forms = tuple(row[0] for row in rows)
    longest_first = sorted(forms, key=len, reverse=True)
    alt = "|".join(f.replace(" ", r"\.?\s+") for f in longest_first)
    gender = {re.sub(r"[^a-z ]", "", row[0].replace("\\", "")): row[1]
              for row in rows if len(row) > 1 and row[1]}
    ends = frozenset(re.findall(r"\w+", f.replace("\\", ""))[-1].lower() for f in forms)
    return Honorifics(forms=forms, gender=MappingProxyType(gender), ends=ends,
                      prefix=re.compile(rf"^(?:(?:{alt})\b\.?\s+)+", re.IGNORECASE),
                      suffix=re.compile(rf"(?:\b(?:{alt})\b\.?\s+)+$", re.IGNORECASE))


def load() -> ActorWords:
    """Read the actors word lists."""
    ministries = {row[0].lower(): row[1] for row in read_table("ministry_names.tsv")}
    given = read_table("given_names.tsv")
    return ActorWords(
        honorifics=_honorifics(), title_noise=read_words("title_noise.txt"),
        titles=read_words("titles.txt"), title_modifiers=read_words("title_modifiers.txt"),
        org_heads=read_words("org_heads.txt"), place_types=read_words("place_types.txt"),
        ministry_names=MappingProxyType(ministries),
        ministry_domains=frozenset(v.lower() for v in ministries.values()) | frozenset(ministries),
        not_ministries=read_words("not_ministries.txt"),
        connectors=read_words("name_connectors.txt"), leading_junk=read_words("name_leading_junk.txt"),
        possessives=read_words("possessives.txt"), title_preps=read_words("title_prepositions.txt"),
        org_preps=read_words("org_prepositions.txt"),
        appos_articles=read_words("apposition_articles.txt"),
        appos_stops=read_words("apposition_stops.txt"), appos_cuts=read_words("apposition_cuts.txt"),
        not_actor_names=read_words("not_actor_names.txt"), event_heads=read_words("event_heads.txt"),
        work_nouns=read_words("work_nouns.txt"),
        person_descriptions=read_words("person_descriptions.txt"),
        org_descriptions=read_words("org_descriptions.txt"),
        facility_nouns=read_words("facility_nouns.txt"),
        naming_words=read_words("title_naming.txt"),
        pair_words=read_words("pair_words.txt"),
        pair_nouns=read_words("pair_nouns.txt"),
        state_bodies=read_words("state_bodies.txt"),
        site_nouns=read_words("site_nouns.txt"),
        site_heads=read_words("site_heads.txt"),
        org_parts=read_words("org_parts.txt"),
        institutions=read_words("institutions.txt"),
        abbreviations=read_words("common_abbreviations.txt"),
        particles=frozenset(read_lines("name_particles.txt")),
        place_preps=read_words("place_prepositions.txt"),
        source_preps=read_words("source_prepositions.txt"),
        person_nouns=read_words("person_nouns.txt"),
        given_names=frozenset(row[0].lower() for row in given),
        given_genders=MappingProxyType({row[0].lower(): row[1] for row in given if len(row) > 1 and row[1]}),
        motion_verbs=read_words("motion_verbs.txt"),
        person_relatives=read_words("person_relatives.txt"),
        people_words=read_words("people_words.txt"),
        verbs=read_words("verb_forms.txt"))

