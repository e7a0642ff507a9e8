"""Person, organisation or place: the kind of each candidate, decided from its words and
its context, since the small model often tags unfamiliar names as ORG or GPE.

:func:`classify` decides once from the candidate alone; :func:`repair_with_people` looks
again once the article's full person names are known.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from graph.extract.actors.candidates import PLACE_LABELS, Candidate, Candidates, person_shaped
from graph.extract.actors.clusters import is_near_form
from graph.extract.actors.titles import honorific_before, title_after, titles_before
from graph.extract.actors.tokens import (attached, is_acronym, is_cap, is_org_head, is_title_head,
                                         place_after, place_before, reporting_subject)
from graph.lexicon import lexicon

#: Parts of speech of a lone capitalised word that names nothing ("Ultimately", "Contacted").
NOT_NAME_POS = frozenset({"ADV", "VERB", "AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "PART"})
#: The model's labels of the names a place preposition before them shows to be places: its
#: misreadings of unfamiliar place names ("in Kelby" tagged PERSON or ORG).
PLACE_READ = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
#: Words that introduce the title of a work before it ("a novel titled Marlow").
WORK_INTRODUCERS = frozenset({"titled", "entitled", "dubbed"})
#: Words that join the fields of a title or a name ("Minister of Health, Labour and Welfare").
LIST_JOINTS = frozenset({",", "and", "&"})
#: Prepositions that open the fields of a title or an organisation's name.
FIELD_PREPS = frozenset({"of", "for"})
#: Most tokens back from a name to the "of" of the list it goes on.
LIST_REACH = 12
#: Dashes that end a dateline ("KELBY, May 3 (Ostnews) -- The council ...").
DASHES = frozenset({"--", "—", "–", "-"})
#: A year of the last two centuries written in full.
_YEAR = re.compile(r"(?:19|20)\d\d")
#: A token that is an amount with its currency glued before it ("K$250", "KR412.5mn").
_AMOUNT = re.compile(r"[A-Z]{1,3}(?:\$\d[\d,.]*|\d[\d,.]*[mb]n)")
#: Parts of speech of a lone word the model took for a person that is a common word
#: ("Cattle", "Barbaric" in a title-case line) unless a title or a reporting verb shows a person.
COMMON_POS = frozenset({"NOUN", "ADJ", "NUM"})
#: Parts of speech of a lone word the model took for an organisation that is a common
#: word ("Fertiliser", "Qualified", "Improve") unless its context shows an organisation.
COMMON_ORG_POS = frozenset({"NOUN", "ADJ", "VERB"})


def classify(doc: Doc, text: str, cands: Candidates) -> list[Candidate]:
    """The candidates kept, each with its kind, without overlaps (longer ones first, then
    spaCy's, then the rules'), in text order.

    Args:
        doc: The parsed article.
        text: ``doc.text``.
        cands: The article's candidates (:func:`~graph.extract.actors.candidates.find_candidates`).
    """
    pool = []
    for cand in cands.names:
        cand = _with_context(doc, text, _person_after_word(doc, cand))
        kind = _kind(doc, cand)
        if kind:
            pool.append(replace(cand, kind=kind))
    orgs = [replace(o, kind="Place" if place_after(doc, o.end) or _read_place(o, doc[o.start:o.end])
                    or _place_head(doc[o.start:o.end]) or _site_at(doc, o) else "Organization")
            for o in cands.orgs if not (_unnamed(doc, o) or is_event(doc[o.start:o.end]))]
    return _places_agree(doc, _lists_agree(doc, _without_overlaps(orgs + pool)))


def _person_after_word(doc: Doc, cand: Candidate) -> Candidate:
    """The candidate, or the person's name it ends on when the model read one word before
    a first-named person's name as part of one organisation or place ("Ostlandic Maria
    Okorafor", "Student Maria Okorafor" tagged ORG): a name of three or four words with
    no organisation head whose words after the first pass :func:`given_name_first` and
    whose first word tells where the person is from or what they are (a demonym, a noun
    for people, a title), not the start of a place's name ("San Ana Ruiz") nor a place
    ("Kelby Marine Corps")."""
    toks = doc[cand.start:cand.end]
    if not (cand.kind in ("Organization", "Place") and 3 <= len(toks) <= 4 and toks[0].whitespace_
            and not any(is_org_head(t) for t in toks)):
        return cand
    first, places, words = toks[0], lexicon().places, lexicon().actors
    describes = (first.ent_type_ == "NORP" or bool(places.of_demonym(first.text))
                 or first.lemma_.lower() in words.person_nouns or is_title_head(doc, first.i)
                 or first.lower_ in words.title_modifiers)
    return replace(cand, start=cand.start + 1, kind="Person") if describes and given_name_first(toks[1:]) else cand


def _lists_agree(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The candidates with a person or an organisation that has no evidence of its kind (a
    title, a reporting verb, an organisation head, a describing noun, a word of a longer
    person's name in the article) made a place when every name it is
    coordinated with is a place other than a country, in a list of three names or more or
    beside a place its context or the lexicon shows ("in Kelby, Marlow and Tamsin", Tamsin
    read as a person), or in a pair after "in" ("stores in Kelby and Tamsin"): lists of
    towns hold one kind. Another pair of names the model read as a person and a place is
    more often two people ("Dania and Rafael"), and a country stands beside its leaders ("a
    win for Kenya and Okoro")."""
    at = {i: n for n, c in enumerate(cands) for i in range(c.start, c.end)}
    named = {t.lower_ for c in cands if c.kind == "Person" and c.end - c.start > 1 for t in doc[c.start:c.end]}
    places = lexicon().places
    out = []
    for c in cands:
        toks = doc[c.start:c.end]
        if c.kind in ("Person", "Organization") and not _kind_shown(doc, c) and not (
                c.kind == "Person" and all(t.lower_ in named for t in toks)):
            partners = [cands[at[t.i]] for t in toks.root.conjuncts if t.i in at and not c.start <= t.i < c.end]
            if partners and all(p.kind == "Place" and places.canonical(doc[p.start:p.end].text) is None
                                for p in partners) and (len(partners) > 1 or _place_shown(doc, partners[0])
                                                        or _after_place_word(doc, min(c.start, partners[0].start))):
                c = replace(c, kind="Place")
            elif len(partners) > 1 and not toks.text.isupper() and _list_of_places(doc, c, partners):
                c = replace(c, kind="Place")
        out.append(c)
    return out


def _list_of_orgs(doc: Doc, members: list[Candidate]) -> bool:
    """True for a list that a noun for organisations introduces ("firms like Kelby, Marlow
    and Tamsin", "lenders such as Kelby, Marlow and Tamsin", "three banks, Kelby, Marlow
    and Tamsin")."""
    first = doc[min(members, key=lambda c: c.start).start:min(members, key=lambda c: c.start).end].root
    head = first.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    elif first.dep_ != "appos":
        return False
    return head.lemma_.lower() in lexicon().actors.org_descriptions


def _kind_shown(doc: Doc, cand: Candidate) -> bool:
    """True when a candidate's context or words show it to be a person or an organisation:
    a title, a reporting verb, an organisation head, a describing noun."""
    return (cand.strong or cand.speaker or any(is_org_head(t) for t in doc[cand.start:cand.end])
            or _described_org(doc, cand))


def _list_of_places(doc: Doc, cand: Candidate, partners: list[Candidate]) -> bool:
    """True for a list of three names or more that holds a place other than a country that
    its words, its context or the lexicon show, or that stands after "in" or the like,
    and no name with evidence of a person or an organisation nor a person's name opening
    on a first name ("visitors from Kelby, Ann Lee and Tamsin"): the model reads unfamiliar
    towns of one list as towns, organisations and people at once ("in Kelby, Marlow,
    Tamsin and Ostwin Harbour")."""
    places, given = lexicon().places, lexicon().actors.given_names
    members = [cand, *partners]
    if _list_of_orgs(doc, members) or any(
            _kind_shown(doc, p) or (p.kind == "Person" and doc[p.start].lower_ in given) for p in members):
        return False
    towns = [p for p in partners if p.kind == "Place" and places.canonical(doc[p.start:p.end].text) is None]
    start = min(p.start for p in members)
    return bool(towns) and (_after_place_word(doc, start) or any(_place_shown(doc, p) for p in towns))


def _after_place_word(doc: Doc, start: int) -> bool:
    """True when a preposition for places ("in", "near") stands right before token ``start``."""
    return start > 0 and doc[start - 1].lower_ in lexicon().actors.place_preps


def _places_agree(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The candidates with every mention of a name that the text or the lexicon shows to
    be a place somewhere in the article a place too, unless it holds an organisation head
    or has person evidence ("Kelby" tagged ORG where "the town of Kelby" was read). A
    place only by the model's label does not count: news names some places as actors
    ("the Holy See")."""
    places = {doc[c.start:c.end].text.lower() for c in cands if c.kind == "Place" and _place_shown(doc, c)}
    return [replace(c, kind="Place") if (
        c.kind != "Place" and doc[c.start:c.end].text.lower() in places and not (c.strong or c.speaker)
        and not any(is_org_head(t) for t in doc[c.start:c.end])) else c for c in cands]


def _with_context(doc: Doc, text: str, cand: Candidate) -> Candidate:
    """The candidate with its person evidence (title, honorific, apposition, a noun for
    people before it: "student Ann Lee") and whether it is the subject of a reporting verb.
    A title word before a name that a title head follows is no evidence: the name
    qualifies that title ("Deputy Kelby chief", "former Marlow Minister"), when the
    article also writes it alone (a one-word name written only so, as "Health" of "Deputy
    Health Minister", is part of the title, as before)."""
    s, e = cand.start, cand.end
    inside = e < len(doc) and is_title_head(doc, e) and (e - s > 1 or any(
        t.text == doc[s].text and t.i != s and not (t.i + 1 < len(doc) and is_title_head(doc, t.i + 1))
        for t in doc))
    strong = bool(honorific_before(doc, text, s) or (titles_before(doc, s) and not inside)
                  or title_after(doc, e, []) or _described_person(doc, s) or _person_context(doc, s, e))
    return replace(cand, strong=strong, speaker=reporting_subject(doc, s, e))


def _kind(doc: Doc, cand: Candidate) -> str | None:
    """Repaired kind of a candidate, or None to drop it."""
    s, e = cand.start, cand.end
    toks = doc[s:e]
    if not_an_actor(toks):
        return None
    if cand.kind == "Person" and len(toks) > 1 and any(t.lower_ in lexicon().actors.not_actor_names for t in toks):
        return None  # a disease or a day in a phrase read as a person's name ("Covid Kelby")
    if cand.kind != "Person" and (_title_phrase(doc, toks) or _unnamed(doc, cand)):
        return None
    if cand.kind == "Organization" and (_common_org_word(doc, cand) or _quoted_title(doc, cand)):
        return None
    if cand.kind != "Person" and (_listed_field(doc, cand) or _work_name(doc, cand)):
        return None
    if _titled_with_the(doc, cand) or _credit(doc, cand):
        return "Organization"
    if (place_after(doc, e) or place_before(doc, s) or _known_place(cand, toks.text) or _read_place(cand, toks)
            or _country_code(doc, cand) or _site_at(doc, cand)
            or _place_head(toks) or _after_place_prep(doc, cand) or _country_after_prep(doc, cand)
            or _place_by_syntax(doc, cand)):
        return "Place"
    if _described_org(doc, cand) or _org_by_apposition(doc, cand):
        return "Organization"
    if any(is_org_head(t) for t in toks) and not (cand.label == "PERSON" and cand.strong):
        alone = len(toks) == 1 and toks[0].lower_ in lexicon().actors.institutions
        return "Organization" if len(toks) > 1 or cand.kind == "Organization" or alone else None
    shaped = person_shaped(doc, s, e)
    if cand.kind == "Person" and len(toks) == 1 and e < len(doc) and is_title_head(doc, e):
        return None
    if cand.kind in ("Person", "") and len(toks) == 1 and _modified(doc, cand):
        return None
    if cand.kind == "Person" and len(toks) == 1 and toks[0].pos_ in COMMON_POS and not (
            cand.strong or cand.speaker):
        return None
    if cand.kind == "Person" and (_ends_on_place(cand, toks) or _no_personal_name(doc, toks)):
        return None
    if cand.kind == "Person":
        loose = all(is_cap(t) and t.is_alpha for t in toks) and not toks.text.isupper()
        return "Person" if shaped or (loose and len(toks) > 1) else None
    if shaped and cand.strong and not is_acronym(toks.text):
        return "Person"
    if cand.kind == "" and shaped and cand.speaker and len(toks) >= 2:
        return "Person"
    if cand.kind in ("Organization", "Place", "") and shaped and given_name_first(toks):
        return "Person"
    return cand.kind or None


def _work_name(doc: Doc, cand: Candidate) -> bool:
    """True for the name of a work or a plan that a lowercase noun for one stands beside
    ("the Marlow project", "the Kelby vaccine", "the drama Kelby Nights", "a novel titled
    Marlow"; ``work_nouns.txt``), when the name holds no organisation head and is not an
    acronym ("the NWA project" is the NWA's) nor a known place."""
    toks = doc[cand.start:cand.end]
    if cand.strong or any(is_org_head(t) for t in toks) or toks.text.isupper() \
            or lexicon().places.is_place(toks.text):
        return False
    works = lexicon().actors.work_nouns
    after = doc[cand.end] if cand.end < len(doc) else None
    before = doc[cand.start - 1] if cand.start else None
    return ((after is not None and after.text.islower() and after.lemma_.lower() in works
             and toks.root.head.i == after.i)
            or (before is not None and before.text.islower()
                and (before.lemma_.lower() in works or before.lower_ in WORK_INTRODUCERS)))


def _listed_field(doc: Doc, cand: Candidate) -> bool:
    """True for a name with no organisation head that goes on the list of fields after a
    title's or an organisation's "of" or "for" ("Minister of Health, Labour and Social
    Welfare": "Social Welfare"; "Chamber of Commerce, Industry and Trade": "Industry and
    Trade"): part of that title or name, not an organisation of its own. Only commas,
    "and" and capitalised words stand between them."""
    s = cand.start
    if s < 3 or doc[s - 1].lower_ not in LIST_JOINTS or any(is_org_head(t) for t in doc[s:cand.end]):
        return False
    for k in range(s - 1, max(s - LIST_REACH, 1), -1):
        tok = doc[k]
        if tok.lower_ in FIELD_PREPS:
            return is_title_head(doc, k - 1) or is_org_head(doc[k - 1])
        if not (tok.lower_ in LIST_JOINTS or is_cap(tok)):
            return False
    return False


def _credit(doc: Doc, cand: Candidate) -> bool:
    """True for a name of one to three words alone in brackets before a dash or at the end
    of a paragraph: the news agency a story is credited to ("KELBY, May 3 (Ostnews) --",
    "... the minister said. (Ostnews)"), not a known place ("Marlow (Kelby) -")."""
    s, e = cand.start, cand.end
    if not (0 < s and e < len(doc) and e - s <= 3 and doc[s - 1].text == "(" and doc[e].text == ")"):
        return False
    nxt = doc[e + 1] if e + 1 < len(doc) else None
    ends = nxt is None or "\n" in doc[e].whitespace_ or nxt.is_space or nxt.text in DASHES
    return ends and not cand.strong and not lexicon().places.is_place(doc[s:e].text)


#: Small words a title's acronym leaves out ("Superintendent of Police (SP)").
TITLE_FILLERS = frozenset({"of", "for", "the"})
#: Marks that open a quotation.
OPENING_QUOTES = frozenset({"“", "\"", "‘", "'", "«"})
#: Marks that close a quotation.
CLOSING_QUOTES = frozenset({"”", "\"", "’", "'", "»"})


def _quoted_title(doc: Doc, cand: Candidate) -> bool:
    """True for a name the model read as an organisation that a quotation holds alone
    ("the “Kelby Route” trail", "an app called 'Marlow Alert'", "the \"Tamsin Day,\""):
    the title of a programme, a work, a slogan or an event; an organisation's name is not
    quoted, unless a noun for one stands beside it ("the tabloid 'Kelby Star'", "the
    'Kelby Star' tabloid") or it has an organisation head or speaks. Not a name that opens
    a longer quotation ("“Kelbix will invest more,” she said"); a quotation mark glued to
    the word before it ends that word ("the ministers' Kelby Council")."""
    s, e, n = cand.start, cand.end, len(doc)
    if not (s > 0 and doc[s - 1].text in OPENING_QUOTES and not doc[s - 1].whitespace_
            and (s == 1 or doc[s - 2].whitespace_ or "\n" in doc[s - 2].text)):
        return False
    close = e + 1 if e < n and doc[e].is_punct and doc[e].text not in CLOSING_QUOTES else e
    if not (close < n and doc[close].text in CLOSING_QUOTES):
        return False
    beside = [doc[s - 2] if s > 1 else None, doc[close + 1] if close + 1 < n else None]
    described = any(t is not None and t.text.islower() and t.lemma_.lower() in lexicon().actors.org_descriptions
                    for t in beside)
    return not (described or _kind_shown(doc, cand))


def _common_org_word(doc: Doc, cand: Candidate) -> bool:
    """True for one capitalised word the model read as an organisation that it parsed as
    a common noun, an adjective or a verb ("Qualified staff", "Fertiliser"), with no
    evidence of an organisation: no organisation head or institution ("Parliament",
    "Congress"), not in capitals (an acronym), not the subject of a reporting verb, no
    describing noun before it ("retailer Kelby"). Names of organisations are proper nouns
    to the model."""
    tok = doc[cand.start]
    return (cand.end - cand.start == 1 and tok.pos_ in COMMON_ORG_POS and not tok.text.isupper()
            and not (is_org_head(tok) or tok.lower_ in lexicon().actors.institutions)
            and not (cand.speaker or _described_org(doc, cand)))


def _lowercase_words(doc: Doc) -> frozenset[str]:
    """The words the article writes in lowercase, read once per document (rules ask for
    them for each candidate; a walk over the tokens each time cost a fifth of the build)."""
    key = "claimgraph.lowercase_words"
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(t.text for t in doc if t.is_lower)
    return doc.user_data[key]


def _text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token's text each time)."""
    key = "claimgraph.text"
    if key not in doc.user_data:
        doc.user_data[key] = doc.text
    return doc.user_data[key]


def given_name_first(toks: DocSpan) -> bool:
    """True for a name of two or three words that opens on a first name of some country
    (``given_names.tsv``): the model's misreading of an unfamiliar person's name as an
    organisation or a place ("Tamsin Okoro-Badu" tagged ORG), or a name it missed in a
    list or a table. Not when the first word is a particle ("Al"), glued to the next by a
    hyphen (a company named by two families: "Kelby-Marlow"), a known place, a word the
    model read as a group ("Christian") or a word the article writes in lowercase ("Grace"
    of "by grace"); not when a word is written in capitals ("Tamsin TV"), a later word is
    no proper noun ("Tamsin Faced") or a country ("Nazi Germany"), the whole is a known
    place, or another word stands in the article in lowercase, as a common word ("Tamsin
    Compound" beside "the compound")."""
    doc, first = toks.doc, toks[0]
    if not 2 <= len(toks) <= 3 or first.text.isupper() or not first.text[:1].isupper() or first.is_stop:
        return False
    words, places = lexicon().actors, lexicon().places
    if (first.lower_ not in words.given_names or not first.whitespace_
            or first.lower_ in {p.lower() for p in words.particles}
            or any(t.text.isupper() for t in toks) or first.ent_type_ == "NORP"
            or any(t.pos_ != "PROPN" for t in toks[1:])
            or places.is_place(first.text) or places.is_place(toks.text)
            or places.canonical(toks[-1].text) is not None):
        return False
    return not {t.lower_ for t in toks} & _lowercase_words(doc)


#: The most years an age written beside a name may give.
MAX_AGE = 120


def _person_context(doc: Doc, start: int, end: int) -> bool:
    """True when the words around a name show a person's: a title or a noun for people
    and a naming word before it ("a chef named Ann", "a salesman called Okoro"); an age
    before it ("21-year-old Ann Lee", not "a 17-year-old Grade 12 pupil") or after it ("Ann Lee, 34,", "Ann Lee
    (34)"); a clause opened by a relative pronoun only people take after a comma ("Ann
    Lee, who ...", not "the Kelby Miners, who"); apposition to a job title after a comma
    ("the acting leader, Ann Lee,") or to a noun for people ("Ann Lee, his eldest
    daughter,", "his wife, Ann Lee"). Not for a name with an organisation head, a place
    head or a facility's noun, a word in capitals or a plural ("director, Kelby Hospital,", "Clients who ..."),
    nor, before "who", with a word the article writes in lowercase ("Kelby Plumbing,
    who", beside "plumbing")."""
    n, toks = len(doc), doc[start:end]
    heads = lexicon().places.heads | lexicon().actors.facility_nouns
    if any(is_org_head(t) or t.lower_ in heads or t.tag_ in {"NNS", "NNPS"} or t.text.isupper() for t in toks):
        return False
    if (start >= 3 and doc[start - 1].lower_ == "old" and doc[start - 2].text == "-"
            and doc[start - 3].lower_ in {"year", "years"} and not (end < n and doc[end].like_num)):
        return True
    if end + 2 < n and doc[end].text in {",", "("} and doc[end + 1].like_num and doc[end + 1].text.isdigit() \
            and 0 < int(doc[end + 1].text) <= MAX_AGE and doc[end + 2].text in {",", ";", ")", "."}:
        return True
    words = lexicon().actors
    if start >= 2 and doc[start - 1].lower_ in words.naming_words and (
            is_title_head(doc, start - 2) or doc[start - 2].lemma_.lower() in words.person_nouns):
        return True
    if (end + 1 < n and doc[end].text == "," and doc[end + 1].lower_ in words.person_relatives
            and not (start and doc[start - 1].lower_ in words.leading_junk)
            and not {t.lower_ for t in toks} & _lowercase_words(doc)):
        return True
    root = doc[start:end].root
    if (start >= 2 and doc[start - 1].text == "," and root.dep_ == "appos" and root.head.i < start
            and root.head.text.islower() and is_title_head(doc, root.head.i)):
        return True
    near = [root.head] if root.dep_ == "appos" else []
    near += [c for c in root.children if c.dep_ == "appos"]
    return any(t.text.islower() and t.lemma_.lower() in words.person_nouns for t in near)


def _described_person(doc: Doc, start: int) -> bool:
    """True when a lowercase noun for people that is no job title comes right before a
    name ("currency trader Ben Osei", "his wife Mary"): person evidence as a title is."""
    before = doc[start - 1] if start else None
    return (before is not None and before.text.islower() and before.pos_ == "NOUN"
            and before.lemma_.lower() in lexicon().actors.person_nouns)


def _unnamed(doc: Doc, cand: Candidate) -> bool:
    """True for a capitalised phrase that names no one organisation or place: after "a" or
    "an", unless it qualifies a noun after it ("an Order declaring ...", "a Level 1 Trauma
    Centre", not "a Kelby spokesman", "a Kelby Party (KP) member", "a Kelby-based firm"); or ending on the plural of a model number ("Kelby
    A300s", "the 707s")."""
    last = doc[cand.end - 1]
    if re.fullmatch(r"[A-Z]*-?\d+s", last.text):
        return True
    first = next((k for k in range(cand.start - 1, max(cand.start - 4, -1), -1)
                  if not (doc[k].like_num or is_cap(doc[k]))), None)
    if first is None or doc[first].lower_ not in {"a", "an"}:
        return False
    j = cand.end
    if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
        j += 3  # "a Kelby Party (KP) member"
    return not (last.dep_ == "compound" or (j < len(doc) and (
        doc[j].pos_ in {"NOUN", "PROPN"} or (doc[j].text in {"-", "–"} and not doc[j - 1].whitespace_))))


def _titled_with_the(doc: Doc, cand: Candidate) -> bool:
    """True for a name written with a capitalised "The" inside a sentence after a word that
    introduces a source ("told The Kelby Herald", "according to The Marlow", "magazine The
    Tamsin"): a newspaper, a magazine or another organisation, not a person nor, unless the
    model or the lexicon says so ("The Hague"), a place."""
    s = cand.start
    if s < 2 or doc[s - 1].text != "The" or doc[s - 1].is_sent_start or cand.label == "GPE":
        return False
    before = doc[s - 2]
    words = lexicon().actors
    source = (before.lower_ in words.source_preps or before.lemma_.lower() in words.org_descriptions
              or (before.pos_ == "VERB" and before.lemma_.lower() in lexicon().speech.reporting_verbs))
    return (source and not (cand.strong or cand.speaker)
            and not lexicon().places.is_place(doc[s - 1:cand.end].text)
            and not lexicon().places.is_place(doc[s:cand.end].text))


def _modified(doc: Doc, cand: Candidate) -> bool:
    """True for a one-word name after a determiner or a lowercase adjective and with no
    evidence of a person ("the Kelby massacres", "the Marlow for best actor", "any
    Tamsiner", "ethnic Ruel"): a thing, an event or a group the name qualifies, not a
    person, who is written without them."""
    before = doc[cand.start - 1] if cand.start else None
    return (before is not None and not (cand.strong or cand.speaker) and before.text.islower()
            and before.pos_ in {"DET", "ADJ"} and before.lower_ not in lexicon().actors.title_modifiers)


def _read_place(cand: Candidate, toks: DocSpan) -> bool:
    """True for a name that ends on a word both places and organisations end on ("Kelby
    Channel": a strait, or a television channel), holds no other organisation head, and
    that the model read as a place or whose other words are a known place or a demonym
    ("Kenya Channel", "Ugandan Channel")."""
    last, places = toks[-1], lexicon().places
    rest = toks[:-1].text
    return (is_org_head(last) and last.lower_ in places.heads and not any(is_org_head(t) for t in toks[:-1])
            and (cand.label in PLACE_LABELS or places.is_place(rest) or bool(places.of_demonym(rest))))


def _known_place(cand: Candidate, name: str) -> bool:
    """True when a candidate names a known place (:meth:`PlaceNames.is_place
    <graph.lexicon.places.PlaceNames.is_place>`): whatever the model said when it did not
    take it for a person ("Kenya" tagged ORG, "Kenya said", "in Kenya, minister Ann Lee
    said"); a name the model took for a person, or found in no entity, only without
    person evidence (a title, an honorific, a reporting verb), and only a country when it
    speaks."""
    places = lexicon().places
    if cand.kind not in ("Person", ""):
        return places.is_place(name)
    if cand.strong:
        return False
    if cand.speaker:
        return cand.kind != "Person" and places.canonical(name) is not None
    return places.is_place(name)


def _after_place_prep(doc: Doc, cand: Candidate) -> bool:
    """True for a name of one to three words the model found after "in" ("a protest in
    Kelby", "born in Tamsin Bay") with no evidence of a person (a title, an honorific, a reporting verb, a
    possessive: "in Lee's words") or of an organisation (a head word, an acronym: "in
    Congress", "in NWA"), and not a modifier of a noun ("in Kelby shares")."""
    s, e = cand.start, cand.end
    toks = doc[s:e]
    words = lexicon().actors
    return (s > 0 and doc[s - 1].lower_ in words.place_preps and e - s <= 3 and cand.label in PLACE_READ
            and not (cand.strong or cand.speaker or is_acronym(toks.text) or toks.text.isupper())
            and not any(is_org_head(t) or t.lower_ in words.institutions for t in toks)
            and toks[-1].dep_ != "compound"
            and not (e < len(doc) and doc[e].text in words.possessives))


def _no_personal_name(doc: Doc, toks: DocSpan) -> bool:
    """True for a "person" of two words or more that names no one: it ends on a job
    title ("Kelby South MP", "Pol Maj-General": a title and its place or rank), unless a
    first name opens it ("Ann King"), or is initials only ("C. S.K.")."""
    if len(toks) < 2:
        return False
    last = toks[-1]
    titled = is_title_head(doc, last.i) and toks[0].lower_ not in lexicon().actors.given_names
    return (titled
            or all(len([c for c in t.text if c.isalpha()]) <= 1 or (t.text.isupper() and "." in t.text)
                   for t in toks if not t.is_punct))


def _country_after_prep(doc: Doc, cand: Candidate) -> bool:
    """True for a country's name (:meth:`PlaceNames.canonical
    <graph.lexicon.places.PlaceNames.canonical>`) right after "in" and the like, whatever
    title stands before it ("the envoy of the Kelby Region in Kenya"): no person is written
    so; not after an honorific ("in Mr Kenya's view" keeps its person)."""
    s = cand.start
    return (s > 0 and doc[s - 1].lower_ in lexicon().actors.place_preps
            and lexicon().places.canonical(doc[s:cand.end].text) is not None)


def _ends_on_place(cand: Candidate, toks: DocSpan) -> bool:
    """True for a name of two or three words the model read as a person's that ends on a
    country, or on another known place the article also writes alone after "in" or the
    like, and that has no evidence of a person (a title, a reporting verb, a first name):
    "Vibrant Kelby" of a summit's name beside "in Kelby", where Kelby is a known state; a
    slogan or an event, which as a person would take every mention of the place. A family
    name that is a city's ("Ann Amman") stays when the article never writes the city as a
    place."""
    places, words = lexicon().places, lexicon().actors
    last = toks[-1]
    if not (2 <= len(toks) <= 3 and not (cand.strong or cand.speaker) and places.is_place(last.text)
            and toks[0].lower_ not in words.given_names and not places.is_place(toks.text)):
        return False
    return places.canonical(last.text) is not None or any(t.text == last.text and t.i > 0 and toks.doc[t.i - 1].lower_ in words.place_preps
               and not (toks.start <= t.i < toks.end) for t in toks.doc)


def _site_at(doc: Doc, cand: Candidate) -> bool:
    """True for a name of two words or more right after "at" (or "at the") whose last
    word names a site (``site_heads.txt``: "treated at Kelby Hospital", "talks at the
    Marlow Centre", "at Tamsin’s Peace Centre"): where something happens, a place, with no
    evidence of a person."""
    s, last = cand.start, doc[cand.end - 1]
    if s > 1 and doc[s - 1].text in lexicon().actors.possessives:  # "at Marlow’s Peace Centre"
        s -= 1
        while s > 0 and is_cap(doc[s - 1]) and cand.start - s < 5:
            s -= 1
    at = s - 2 if s > 1 and doc[s - 1].lower_ == "the" else s - 1
    return (cand.end - s > 1 and at >= 0 and doc[at].lower_ == "at" and is_cap(last)
            and last.lower_ in lexicon().actors.site_heads and not (cand.strong or cand.speaker))


def _place_by_syntax(doc: Doc, cand: Candidate) -> bool:
    """True for a name of one to three words with no evidence of a person or an
    organisation (a title, a reporting verb, an organisation head, a possessive after it)
    that the sentence shows to be a place: in apposition to a noun for a place ("the
    capital, Kelby", "Kelby, a town in the north") or after "to" that a verb of going or
    sending governs ("she went to Kelby", "he was banished to Marlow")."""
    s, e = cand.start, cand.end
    toks = doc[s:e]
    words = lexicon().actors
    if (e - s > 3 or cand.strong or cand.speaker or any(is_org_head(t) for t in toks)
            or (e < len(doc) and doc[e].text in words.possessives)):
        return False
    root = toks.root
    appos = [root.head] if root.dep_ == "appos" else []
    appos += [c for c in root.children if c.dep_ == "appos"]
    if any(t.text.islower() and t.lemma_.lower() in words.place_types for t in appos):
        return True
    to = doc[s - 1] if s else None
    return (to is not None and to.lower_ == "to" and root.dep_ == "pobj" and root.head.i == to.i
            and to.head.pos_ == "VERB" and to.head.lemma_.lower() in words.motion_verbs)


def _org_by_apposition(doc: Doc, cand: Candidate) -> bool:
    """True for a name of one to three words with no person evidence set off by a comma
    before a noun that describes an organisation ("Kelbix, a matchmaking agency", "Kelby
    Data, a market research firm"): what the sentence says the name is."""
    s, e = cand.start, cand.end
    if e - s > 3 or cand.strong or cand.speaker or e >= len(doc) or doc[e].text != ",":
        return False
    root = doc[s:e].root
    near = [c for c in root.children if c.dep_ == "appos" and c.i >= e]
    return any(t.text.islower() and t.lemma_.lower() in lexicon().actors.org_descriptions for t in near)


def _place_shown(doc: Doc, cand: Candidate) -> bool:
    """True when a place candidate is a place by its context, its words or the lexicon."""
    toks = doc[cand.start:cand.end]
    return (cand.label in {"DATELINE", "PAIR"} or place_after(doc, cand.end) or place_before(doc, cand.start)
            or lexicon().places.is_place(toks.text) or _place_head(toks))


def _described_org(doc: Doc, cand: Candidate) -> bool:
    """True for a name of one to three words right after a lowercase noun that describes an
    organisation ("supermarket Kelby", "broadcaster Tamsin TV", "store chains Kelby and
    Marlow"), with no person evidence."""
    s = cand.start
    before = doc[s - 1] if s else None
    if before is not None and before.lower_ == "and" and s >= 3:
        before = doc[s - 3] if doc[s - 2].ent_type_ or doc[s - 2].text[:1].isupper() else None
    return (before is not None and before.text.islower() and not cand.strong
            and before.lemma_.lower() in lexicon().actors.org_descriptions
            and cand.end - cand.start <= 3)


def _title_phrase(doc: Doc, toks: DocSpan) -> bool:
    """True for a job title taken for a name ("Minister of Health", "Comptroller General",
    "Deputy Regional Governor"): its head word, the last before any connector, is a title
    and not an organisation head."""
    cut = next((t.i for t in toks[1:] if t.lower_ in lexicon().actors.connectors), toks.end)
    return is_title_head(doc, cut - 1) and not is_org_head(doc[cut - 1])


def _place_head(toks: DocSpan) -> bool:
    """True for a name of two words or more that a place word heads: its last word ("Harbour
    Bridge", "Kelby Airport") with no organisation head before it ("Port Authority"), or
    with one inside that only qualifies it after a proper name ("Kelby International
    Airport", "Marlow Police Station": the last word of an English compound is its head;
    not "Watch Tower", a society's name); or its first word ("Lake Kelby", "Hotel
    Marlow", "Playa Tamsin") with no organisation head at all."""
    if len(toks) < 2:
        return False
    places, first, last = lexicon().places, toks[0], toks[-1]
    if is_cap(last) and last.lower_ in places.heads and not (is_org_head(last) or is_org_head(first)):
        return True
    if is_cap(last) and last.lower_ in places.heads and not any(is_org_head(t) for t in toks):
        return True
    return is_cap(first) and first.lower_ in places.leads and not any(is_org_head(t) for t in toks)


def not_an_actor(toks: DocSpan) -> bool:
    """True when a name is no actor: a common noun in lowercase the model took for a
    name ("the congress of the union", "mosques"); the plural of a name ("the Okafors"); a time zone or a disease ("UTC", "COVID-19"); a
    demonym ("Ugandan", "Shocked Ugandan"), a group of people rather than an actor; one
    capitalised word that is no noun ("Ultimately", "Contacted"); or an event or a law by
    its head noun ("the Civil War", "Economy of Kelby"); an amount of money ("KR 8.5
    million"); an acronym the article spells out in lowercase ("rapid kelby tests (RKT)")."""
    words = lexicon().actors
    if (toks.text.lower() in words.not_actor_names or _demonym_name(toks) or toks.text.islower()
            or _plural_of_name(toks) or _amount(toks)):
        return True
    if len(toks) == 1 and toks[0].pos_ in NOT_NAME_POS and not toks.text.isupper():
        return True
    if len(toks) == 1 and toks.text.lower() in words.abbreviations and not lexicon().places.is_place(toks.text):
        return True  # "MPs", "CFO", "MoU": a job or a thing, whatever the model read
    return is_event(toks) or _term_acronym(toks) or _title_acronym(toks) or _dated_name(toks)


def _dated_name(toks: DocSpan) -> bool:
    """True for a name of two words or more that ends on a year ("Kelby Vision 2040",
    "Budget 2031", "Miss Marlow 2029"): a plan, an edition of an event or a budget, not an
    actor, whose name carries no year."""
    return len(toks) > 1 and bool(_YEAR.fullmatch(toks[-1].text))


def _country_code(doc: Doc, cand: Candidate) -> bool:
    """True for a country's three-letter ISO code in brackets after a name ("Ann Lee (KEN)"
    in a list of results): the country the person is from, not an organisation; not an
    acronym the words before it spell out ("Kelby Energy Network (KEN)")."""
    s, e = cand.start, cand.end
    if not (e - s == 1 and doc[s].text in lexicon().places.codes and 2 < s and e < len(doc)
            and doc[s - 1].text == "(" and doc[e].text == ")"):
        return False
    spelled = "".join(t.text[0] for t in doc[max(0, s - 4):s - 1] if t.is_alpha)
    return is_cap(doc[s - 2]) and doc[s - 2].is_alpha and not spelled.upper().endswith(doc[s].text)


def _term_acronym(toks: DocSpan) -> bool:
    """True for an acronym the article spells out, in brackets after it, as a common
    phrase in lowercase ("rapid kelby tests (RKT)", "the graphics processing unit
    (GPU)"): a term, not an organisation, whose name would be capitalised ("the Kelby
    Trade Council (KTC)"). The words spelled out may include hyphenated parts
    ("alcohol-by-volume (ABV)"); the first may be capitalised at a sentence's start."""
    if len(toks) != 1 or not is_acronym(toks.text):
        return False
    doc, acro = toks.doc, toks.text.lower()
    # The bracketed acronym found in the text, not by reading every token (a long article
    # has many acronyms: a walk over its tokens for each made the build 25% slower).
    for found in re.finditer(rf"\(\s*({re.escape(toks.text)})\s*\)", _text(doc)):
        span = doc.char_span(found.start(1), found.end(1))
        if span is None or len(span) != 1:
            continue
        t = span[0]
        if not (0 < t.i < len(doc) - 1 and doc[t.i - 1].text == "(" and doc[t.i + 1].text == ")"):
            continue
        words = [w for w in doc[max(0, t.i - 1 - 2 * len(acro)):t.i - 1] if w.text != "-"]
        spelled = words[-len(acro):]
        if (len(spelled) == len(acro) and "".join(w.lower_[0] for w in spelled) == acro
                and all(w.is_alpha and (w.is_lower or (n == 0 and w.is_sent_start))
                        for n, w in enumerate(spelled))):
            return True
    return False


def _title_acronym(toks: DocSpan) -> bool:
    """True for an acronym the article spells out, in brackets after it, as a job title
    ("the Regional Fisheries Officer (RFO)", "the inspector of mines (IM)"): its
    words' initials, "of", "for" and "the" aside, spell it, a title head is among them
    and no organisation head opens them ("the Office of the President (OP)"
    is an office): a person's title, not an organisation."""
    if len(toks) != 1 or not is_acronym(toks.text):
        return False
    doc, acro = toks.doc, toks.text.lower()
    for found in re.finditer(rf"\(\s*({re.escape(toks.text)})\s*\)", _text(doc)):
        span = doc.char_span(found.start(1), found.end(1))
        if span is None or len(span) != 1 or span[0].i < 2 or doc[span[0].i - 1].text != "(":
            continue
        words: list = []
        k = span[0].i - 2
        while k >= 0 and doc[k].is_alpha and len(words) < len(acro):
            if doc[k].lower_ not in TITLE_FILLERS:
                words.insert(0, doc[k])
            k -= 1
        if (len(words) == len(acro) and "".join(w.lower_[0] for w in words) == acro
                and any(is_title_head(doc, w.i) for w in words)
                and not is_org_head(words[0])):
            return True
    return False


def is_event(toks: DocSpan) -> bool:
    """True for a name that an event, a law or a plan heads ("the Civil War", "Economy
    of Kelby", "Kelby International Conference for Trade"): its last word, or the word
    before its first connector, is in ``event_heads.txt``."""
    words = lexicon().actors
    cut = next((t.i for t in toks[1:] if t.lower_ in words.connectors), toks.end)
    return toks.doc[cut - 1].lower_ in words.event_heads


def _amount(toks: DocSpan) -> bool:
    """True for a name that holds an amount of money ("KR 8.5 million", "K$250 000",
    "KR412.5mn"): a number with a scale word after it or a currency sign or letters
    glued before it."""
    words = lexicon().numbers.words
    return any(_AMOUNT.fullmatch(t.text) or (t.like_num and i + 1 < len(toks) and getattr(
        words.get(toks[i + 1].lower_), "kind", None) == "scale") for i, t in enumerate(toks))


def _plural_of_name(toks: DocSpan) -> bool:
    """True for one word that is the plural of a name the article also writes ("the
    Okafors" beside "Okafor"): a family or a group, not one actor; a known place stays
    ("the Philippines" beside "Philippine")."""
    word = toks.text
    return (len(toks) == 1 and len(word) > 3 and word.endswith("s") and not word.isupper()
            and any(t.text == word[:-1] for t in toks.doc) and not lexicon().places.is_place(word))


def _demonym_name(toks: DocSpan) -> bool:
    """True for a demonym, alone or after a word that is no name ("Shocked Ugandan"), or
    the name of a people of two or three words with no organisation head: a word for a
    people closes it ("the Kelby Aborigines", "the Marlow Aboriginal community"), or opens
    it before demonyms only ("Indigenous Ostlanders")."""
    places = lexicon().places
    if places.of_demonym(toks.text) or _city_demonym(toks.text):
        return True
    if len(toks) == 2 and toks[0].pos_ != "PROPN" and bool(places.of_demonym(toks[1].text)):
        return True
    peoples = lexicon().actors.people_words
    return 2 <= len(toks) <= 3 and not any(is_org_head(t) for t in toks) and (
        toks[-1].lower_ in peoples
        or (toks[0].lower_ in peoples and all(places.of_demonym(t.text) for t in toks[1:])))


def _city_demonym(word: str) -> bool:
    """True for one word that is a known place's name with "-er" or "-ers" ("Kelbyer",
    "Kelbyers" where Kelby is known): the people of a city, not an actor."""
    stem = word[:-3] if word.endswith("ers") else word[:-2] if word.endswith("er") else ""
    return " " not in word and len(stem) > 3 and stem[:1].isupper() and lexicon().places.is_place(stem)


def _without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, preferring longer ones, then spaCy's, then patterns."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), c.label == "", c.start))
    taken: list[Candidate] = []
    for c in order:
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def repair_with_people(doc: Doc, cands: Sequence[Candidate], fulls: Sequence[list[str]]
                       ) -> list[Candidate]:
    """Second look at kinds once the article's full person names are known.

    A two- or three-word organisation or place shaped like a person's name whose last word
    stands alone elsewhere as a person or a speaker ("Ann Lee" tagged ORG, then "Lee
    said") is that person. Then a one-word place or organisation that is a person's
    family name (or that speaks and is a near spelling of a name) becomes that person; an
    org or place span ending in a full person name ("Ostland Ann Lee") becomes the person;
    a one-word "person" with no context that is a word of an organisation or place name
    ("Kelby" of "Kelby Cathedral") is dropped.

    Args:
        doc: The parsed article.
        cands: The classified candidates.
        fulls: The lowercased words of each person's longest name of two words or more.
    """
    cands, named = _people_by_lone_word(doc, cands)
    fulls = [*fulls, *named]
    places = lexicon().places
    lasts = {f[-1] for f in fulls if places.canonical(f[-1]) is None}
    words = {t for f in fulls for t in f}
    other = {t.lower_ for c in cands if c.kind != "Person" for t in doc[c.start:c.end]}
    lower = {t.text for t in doc if t.text.islower()}
    kept = []
    for c in cands:
        toks = [t.lower_ for t in doc[c.start:c.end]]
        if c.kind != "Person" and not any(is_org_head(t) for t in doc[c.start:c.end]):
            named_place = (c.label == "GPE" and c.start and doc[c.start - 1].lower_ in lexicon().actors.place_preps
                           and places.is_place(doc[c.start].text) and not (c.speaker or c.strong))
            if len(toks) == 1 and not named_place and (toks[0] in lasts or ((c.speaker or c.strong) and (
                    toks[0] in words or any(is_near_form(toks, f) for f in fulls)))):
                c = replace(c, kind="Person")
            tail = next((f for f in fulls if len(toks) > len(f) and toks[-len(f):] == f), None)
            if tail is not None:
                head = doc[c.start:c.end - len(tail)]
                if c.kind == "Organization" and is_acronym(head.text):  # "told NWA Ann Lee said"
                    kept.append(replace(c, end=head.end))
                c = replace(c, start=c.end - len(tail), kind="Person")
        elif (c.kind == "Person" and len(toks) == 1 and not (c.strong or c.speaker)
              and toks[0] not in words and toks[0] in other):
            continue
        if len(toks) == 1 and toks[0] not in words and _common_word(doc, c, lower):
            continue
        kept.append(c)
    return _lone_words_shown(doc, _kinds_agree(doc, kept), words)


def _lone_words_shown(doc: Doc, cands: list[Candidate], named: set[str]) -> list[Candidate]:
    """The candidates without the one-word people that nothing in the article shows to be
    people: no mention of the word has a title, an honorific, an age, a reporting verb
    or any other person evidence, it is no first name, no word of a longer person's name
    (``named``), not the last word of another person candidate and nowhere in the
    article a piece of a name the model cut (:func:`_in_longer_name`). The model tags many unfamiliar one-word names
    of firms, apps, towns, slogans and common words in title case as people ("Kelbix
    reported", "Gender"); a person named by one word alone is written with such evidence.
    Likewise a "person" of two or three words with no evidence in any of its mentions,
    no first name first, whose last word the article also writes in lowercase, as a
    common word ("Kelby Data" beside "the data", "Deep Blue Diving" beside "diving")."""
    shown = {doc[c.start].lower_ for c in cands if c.end - c.start == 1 and (c.strong or c.speaker)}
    shown |= {doc[c.end - 1].lower_ for c in cands if c.kind == "Person" and c.end - c.start > 1}
    lone = {doc[c.start].lower_ for c in cands if c.kind == "Person" and c.end - c.start == 1}
    shown |= {t.lower_ for t in doc if t.lower_ in lone and _in_longer_name(doc, t.i)}
    given = lexicon().actors.given_names
    out = [c for c in cands if not (
        c.kind == "Person" and c.end - c.start == 1 and doc[c.start].lower_ not in shown | named
        and doc[c.start].lower_ not in given)]
    spoken = {doc[c.start:c.end].text.lower() for c in out if c.strong or c.speaker}
    lower = {t.text for t in doc if t.is_lower}
    return [c for c in out if not (
        c.kind == "Person" and 2 <= c.end - c.start <= 3 and doc[c.start:c.end].text.lower() not in spoken
        and doc[c.start].lower_ not in given and doc[c.end - 1].lower_ in lower)]


def _in_longer_name(doc: Doc, i: int) -> bool:
    """True when token ``i`` is a piece of a longer person's name the model cut: after a
    first name on its line ("Tamsin" + "Okoro") or a particle, a bracket or a hyphen
    between ("al-" + "Rashid", "[Ali bin] Rashid"), or before a capitalised word glued
    to the next by a hyphen ("Lee" + "Min-ho")."""
    k = i - 2 if i > 1 and doc[i - 1].text in {"]", ")", "-"} else i - 1
    before = doc[k] if k >= 0 else None
    words = lexicon().actors
    if before is not None and "\n" not in before.whitespace_ and (
            before.text in words.particles
            or (is_cap(before) and not before.is_sent_start and before.lower_ in words.given_names)):
        return True
    return (i + 1 < len(doc) and is_cap(doc[i + 1]) and doc[i + 1].is_alpha and "\n" not in doc[i].whitespace_
            and i + 2 < len(doc) and attached(doc, i + 2))


def _common_word(doc: Doc, cand: Candidate, lower: set[str]) -> bool:
    """True for a one-word person or organisation with no evidence of either that the
    article also writes in lowercase, as a common word ("Gender" in a title-case heading,
    then "gender gaps"); not an organisation head or a place's last word that stands for
    the whole name ("Parliament", "the Hall")."""
    tok = doc[cand.start]
    return (cand.kind in ("Person", "Organization") and not (cand.strong or cand.speaker)
            and tok.lower_ in lower and not tok.text.isupper() and not is_org_head(tok)
            and tok.lower_ not in lexicon().places.heads)


def _kinds_agree(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The candidates with every mention of a name of one kind: the kind that only one
    kind of evidence shows (a title or an honorific for a person; a describing noun or an
    organisation head for an organisation: "store chains Kelby and Marlow"; a place's
    context or a country's name for a place), else the kind most of its mentions have,
    a person's mention as a speaker counting twice ("Tamsin Ruel" read as a person four
    times and as an organisation once is a person); with no such evidence, a place when
    one mention is a place only for standing after "in" or the like (:func:`_after_place_prep`:
    "divers return to Kelby ... in Kelby"), whatever the model read the others as; a
    tie leaves the kinds as they are.
    Known regions do not count: many are family names too ("Valverde")."""
    votes: dict[str, Counter[str]] = {}
    shown: dict[str, set[str]] = {}
    for c in cands:
        name = doc[c.start:c.end].text.lower()
        votes.setdefault(name, Counter())[c.kind] += 2 if c.kind == "Person" and c.speaker else 1
        if _evidence(doc, c):
            shown.setdefault(name, set()).add(c.kind)
    after_in = {doc[c.start:c.end].text.lower() for c in cands if c.kind == "Place" and _after_place_prep(doc, c)}
    out = []
    for c in cands:
        name = doc[c.start:c.end].text.lower()
        ranked = votes[name].most_common()
        kinds = shown.get(name, set())
        if len(kinds) == 1:
            c = replace(c, kind=next(iter(kinds)))
        elif not kinds and name in after_in:
            c = replace(c, kind="Place")
        elif not kinds and len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            c = replace(c, kind=ranked[0][0])
        out.append(c)
    return out


def _evidence(doc: Doc, cand: Candidate) -> bool:
    """True when a candidate's context or words show its kind."""
    if cand.kind == "Person":
        return cand.strong
    if cand.kind == "Place":
        return (cand.label in {"DATELINE", "PAIR"} or place_after(doc, cand.end) or place_before(doc, cand.start)
                or lexicon().places.canonical(doc[cand.start:cand.end].text) is not None)
    return _described_org(doc, cand) or any(is_org_head(t) for t in doc[cand.start:cand.end])


def _people_by_lone_word(doc: Doc, cands: Sequence[Candidate]) -> tuple[list[Candidate], list[list[str]]]:
    """The candidates with person-shaped names of two or three words made people when
    their last word stands alone as a person or a speaker (not a country), and the words
    of those names; known places stay places."""
    places = lexicon().places
    lone = {doc[c.start].lower_ for c in cands if c.end - c.start == 1 and (
        c.kind == "Person" or (c.speaker and places.canonical(doc[c.start].text) is None))}
    out, named = [], []
    for c in cands:
        toks = [t.lower_ for t in doc[c.start:c.end]]
        if (c.kind != "Person" and 2 <= len(toks) <= 3 and toks[-1] in lone
                and person_shaped(doc, c.start, c.end) and not places.is_place(doc[c.start:c.end].text)):
            c = replace(c, kind="Person")
            named.append(toks)
        out.append(c)
    return out, named
