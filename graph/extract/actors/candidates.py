"""Candidate names: token ranges that may name an actor or a place, before their kind is
decided (:mod:`graph.extract.actors.classify`).

Candidates come from spaCy's named entities, from runs of capitalised words (the small
model misses unfamiliar names), from capitalised phrases with an organisation head word
("National Water Authority") and from ministries in either word order ("Finance Ministry",
"Ministry of Finance"). Each is trimmed of articles, punctuation, possessives, and of the
titles and honorifics written before a person's name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from graph.extract.actors.tokens import (after_title_of, attached, is_acronym, is_name_token, is_org_head,
                                         is_title_head, place_after)
from graph.lexicon import lexicon

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the model gives a known place's name when it reads it as a group ("Punjab" as NORP).
PLACE_GROUP_LABELS = frozenset({"NORP"})
#: Entity labels that complete a title ("Secretary of State") rather than begin a name.
COMPLEMENT_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG"})
_CAP = r"[A-Z][\w’'-]*"
#: An ordinal in figures ("1st", "22nd"), which ends no organisation's name.
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
#: A ministry in either word order: "Finance Ministry", "Ministry of the Interior".
MINISTRY = re.compile(rf"\b(?:(?P<pre>{_CAP}(?: {_CAP})*) [Mm]inistry\b|[Mm]inistry of (?:the )?"
                      rf"(?P<post>{_CAP}(?:(?: and| &)? {_CAP})*))")


@dataclass(frozen=True)
class Candidate:
    """A name found in the text, as a token range, before identity is decided.

    Attributes:
        start: First token.
        end: Token after the last.
        kind: "Person", "Organization", "Place", or "" before classification.
        label: spaCy's entity label, "MINISTRY" or "SHORT" for rule-found names, "" for
            capitalised runs and organisation phrases.
        strong: Person evidence from context (a title, an honorific, an apposition).
        speaker: Subject of a reporting verb.
    """

    start: int
    end: int
    kind: str
    label: str = ""
    strong: bool = False
    speaker: bool = False


class Candidates(NamedTuple):
    """The candidates of one article, before classification.

    Attributes:
        orgs: Organisation phrases and ministries (always kept, as organisation or place).
        names: Named entities and person-shaped capitalised runs that spaCy did not tag.
    """

    orgs: list[Candidate]
    names: list[Candidate]


def find_candidates(doc: Doc, text: str, ents: tuple[DocSpan, ...]) -> Candidates:
    """Every candidate name of a parsed article.

    Args:
        doc: The parsed article.
        text: ``doc.text``.
        ents: ``tuple(doc.ents)``.
    """
    ents = _joined_people(doc, ents)
    name_runs = list(_name_runs(doc))
    orgs = [Candidate(s, e, "Organization") for s, e in _org_runs(doc, name_runs)]
    orgs += list(_ministry_cands(doc, text))
    outlet = dateline_outlet(doc)
    if outlet is not None:
        orgs.append(Candidate(outlet[0], outlet[1], "Organization"))
    spacy = list(_spacy_cands(doc, text, ents))
    runs = []
    for s, e in name_runs:
        s, e = trim(doc, s, e)
        s = strip_person_prefix(doc, text, ents, s, e) if s < e else s
        if s < e and person_shaped(doc, s, e) and not (e < len(doc) and is_title_head(doc, e)):
            runs.append(Candidate(s, e, ""))
    groups = [(e.start, e.end) for e in ents if e.label_ in PLACE_GROUP_LABELS]
    runs = [r for r in runs if not _in_group(doc, r, groups)]
    runs += [Candidate(i, i + 1, "Organization") for i in _acronyms(doc)]
    spacy_cover = {(c.start, c.end) for c in spacy}
    names = spacy + [r for r in runs if (r.start, r.end) not in spacy_cover]
    places = list(_place_pairs(doc))
    line = dateline_place(doc)
    if line is not None:
        places.append(Candidate(line[0], line[1], "Place", "DATELINE"))
    names = [fragment_trimmed(doc, text, c) for c in (_headline_trimmed(doc, text, c) for c in names)
             if c is not None]
    names = [c for c in names if all(c.end <= p.start or c.start >= p.end for p in places)]
    return Candidates(orgs, names + places)


#: The opening of a row of a ranked list or a table ("3. Ann Lee (KEL)", "12) Kelby"),
#: where a line of capitalised words is no headline.
LIST_ROW = re.compile(r"\s*\d+\s*[.)]")


def _headline_trimmed(doc: Doc, text: str, cand: Candidate) -> Candidate | None:
    """The candidate, unless it is a name of two words or more, not an organisation's, in
    a line written in title case (every word of four letters or more but one in ten
    capitalised: a headline, "Berg Beats Okafor In Kelby", "Okafor Says Tax Plan Will
    Pass."; not a line opening with a number, a row of a ranked list or a table: "3. Ann
    Lee (KEL) Kelby Motors"; a headline may open with a number, "9 Things Ann Okafor Said")
    that the article never writes again outside that line: then its longest first
    words that it does write again ("Berg", "Okafor"), else its longest run of two words or
    more that it does write again ("Telling Ann Okafor" -> "Ann Okafor"), or its first two
    when it writes the second alone (a full name in the headline, the family name below),
    or None. The model reads runs of capitalised words there as names, and such a phrase,
    joined across articles by the short names in it, would merge the people it names."""
    if cand.kind == "Organization" or cand.end - cand.start < 2:
        return cand
    first = doc[cand.start]
    begin = text.rfind("\n", 0, first.idx) + 1
    end = text.find("\n", first.idx)
    end = len(text) if end < 0 else end
    words = [w for w in text[begin:end].split() if w[:1].isalpha() and len(w) > 3]
    if (len(words) < 4 or sum(w[0].isupper() for w in words) < 0.9 * len(words)
            or LIST_ROW.match(text, begin, end)):
        return cand
    rest = text[:begin] + "\n" + text[end:]  # built only for a title-case line's names
    if not rest.strip():
        return cand

    def written(phrase: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", rest) is not None

    def span(start: int, stop: int) -> str:
        return text[doc[start].idx:doc[stop - 1].idx + len(doc[stop - 1])]

    for stop in range(cand.end, cand.start, -1):
        if written(span(cand.start, stop)):
            return cand if stop == cand.end else replace(cand, end=stop)
    for size in range(cand.end - cand.start - 1, 1, -1):
        for start in range(cand.start + 1, cand.end - size + 1):
            if written(span(start, start + size)):
                return replace(cand, start=start, end=start + size)
    second = doc[cand.start + 1]
    return replace(cand, end=cand.start + 2) if second.is_alpha and written(second.text) else None


def fragment_trimmed(doc: Doc, text: str, cand: Candidate) -> Candidate:
    """The candidate without a headline's word glued to a person's name, wherever the
    headline stands (quoted in a sentence, run into a live blog's line): a name of three
    words or more whose last word is a capitalised verb form ("<Name> Leads", "<Name>
    Booed", :meth:`graph.lexicon.actors.ActorWords.is_verb_form`; not after an initial:
    "Ann B Cook"), or, in a name the model
    read as a person's, whose first word is one or a word the model does not read as a
    name ("Telling <Name>"; not before a place's name: "Spar Kelby Bay"), when the article
    writes the name without that word (and, for the verb, the words after it: "<Name>
    Leads Poll" -> "<Name>") more often than with it. A verb after a first name is a
    family name ("Ann Lee Cook", written "Ann Lee" elsewhere), and an organisation's or a
    place's name is left as it is ("Kelby Trade Winds")."""
    if cand.kind in {"Organization", "Place"} or cand.label in ORG_LABELS | PLACE_LABELS \
            or cand.end - cand.start < 3:
        return cand
    words = lexicon().actors

    def count(start: int, stop: int) -> int:
        phrase = text[doc[start].idx:doc[stop - 1].idx + len(doc[stop - 1])]
        return len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))

    def loose(tok) -> bool:  # a capitalised word that is no first name
        return tok.is_alpha and tok.text[0].isupper() and tok.lower_ not in words.given_names

    whole = count(cand.start, cand.end)
    cut = next((k for k in range(cand.end - 1, cand.start + 1, -1)
                if loose(doc[k]) and words.is_verb_form(doc[k].text) and loose(doc[k - 1])
                and len(doc[k - 1]) > 1
                and count(cand.start, k) > whole), None)
    if cut is not None:
        return replace(cand, end=cut)
    first = doc[cand.start]
    if (cand.label in PERSON_LABELS and loose(first)
            and (words.is_verb_form(first.text) or first.pos_ != "PROPN")
            and not words.honorifics.prefix.match(first.text + " ") and doc[cand.start + 1].is_alpha
            and count(cand.start + 1, cand.end) > whole and not _place_named(doc, cand.start + 1, cand.end)):
        return replace(cand, start=cand.start + 1)
    return cand


def _place_named(doc: Doc, start: int, end: int) -> bool:
    """True when tokens ``[start, end)`` are a place's name: one the lexicon knows, or one
    the model reads as a place elsewhere in the article."""
    name = doc[start:end].text
    return lexicon().places.is_place(name) or any(
        e.label_ in PLACE_LABELS and e.text == name for e in doc.ents)


def _in_group(doc: Doc, run: Candidate, groups: list[tuple[int, int]]) -> bool:
    """True when a capitalised run is part of a longer name the model read as a group of
    people (NORP: "Ostlandic Kelbyism" of "Roman Ostlandic Kelbyism"; a name it read as
    a group as a whole may be a person's it does not know), and neither the lexicon nor a
    place word after it ("Kelby district") shows it to be a place."""
    return (any(s <= run.start and run.end <= e and run.end - run.start < e - s for s, e in groups)
            and not lexicon().places.is_place(doc[run.start:run.end].text) and not place_after(doc, run.end))


def _place_pairs(doc: Doc) -> Iterator[Candidate]:
    """Two known places joined by a hyphen ("the Kenya-Uganda border"), as two places."""
    places = lexicon().places
    for i in range(len(doc) - 2):
        if (attached(doc, i + 1) and doc[i].is_alpha and doc[i + 2].is_alpha
                and places.is_place(doc[i].text) and places.is_place(doc[i + 2].text)):
            yield Candidate(i, i + 1, "Place", "PAIR")
            yield Candidate(i + 2, i + 3, "Place", "PAIR")


#: Marks that end the place of a dateline ("AMMAN —", "Kelby -", "KELBY, May 3").
DATELINE_MARKS = frozenset({"—", "–", "-", "--", ":", ","})
#: Dashes that end a dateline.
DASHES = frozenset({"—", "–", "-", "--"})
#: Paragraphs at the top of an article where a dateline may open one.
DATELINE_PARAGRAPHS = 3


def _paragraph_starts(doc: Doc, n: int) -> list[int]:
    """The first word of each of the first ``n`` paragraphs (lines) that open with one."""
    starts: list[int] = []
    for tok in doc:
        if tok.is_alpha and (tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ or "\n" in doc[tok.i - 1].text):
            starts.append(tok.i)
            if len(starts) == n:
                break
    return starts


def dateline_place(doc: Doc) -> tuple[int, int] | None:
    """The token range of the place a dateline opens the article with, if any: one to
    four capitalised words opening one of the first paragraphs, followed by a dash, a
    colon or (in capitals) a comma: a known place ("Amman - The council", "AMMAN:"), or
    any name in capitals before a dash or a comma ("KELBY — ", "KELBY, May 3"). A colon
    after an unknown name may be a speaker label ("OKAFOR: We will"); a hyphen glued to
    the next word is part of a name ("Yoon Suk-yeol")."""
    for i in _paragraph_starts(doc, DATELINE_PARAGRAPHS):
        j = i
        while j < len(doc) and j - i < 4 and doc[j].is_alpha and doc[j].text[0].isupper():
            j += 1
        if j == i or j >= len(doc) or doc[j].text not in DATELINE_MARKS:
            continue
        mark, caps = doc[j].text, all(t.text.isupper() for t in doc[i:j])
        known = lexicon().places.is_place(doc[i:j].text)
        dash = mark in {"—", "–", "--"} or (mark == "-" and bool(doc[j].whitespace_))
        if (dash or (mark == "," and caps) or mark == ":") and (known or (caps and mark != ":")):
            return i, j
    return None


#: Most words of a date between the comma and the dash of a dateline ("14 March", "Jan. 5, 2022").
DATELINE_DATE_WORDS = 5


def dateline_outlet(doc: Doc) -> tuple[int, int] | None:
    """The token range of the outlet a dateline credits, if any: one to four words
    opening one of the first paragraphs and ending on an organisation head, then a dash,
    or a comma, a date and a dash ("Kelby News - The council", "marlow Times, Jan. 5 --"):
    the outlet's name stands where a dateline's place stands, and the model, reading it
    as a sentence's opening, often misses it, the more so in lowercase ("kelby News")."""
    months = lexicon().calendar.months
    for i in _paragraph_starts(doc, DATELINE_PARAGRAPHS):
        j = i
        while j < len(doc) and j - i < 4 and doc[j].is_alpha:
            j += 1
        if not (i < j < len(doc) and doc[j].text in {",", *DASHES} and is_org_head(doc[j - 1])):
            continue
        if doc[j].text in DASHES and doc[j].whitespace_:
            return i, j
        k = j + 1
        while k < len(doc) and k - j <= DATELINE_DATE_WORDS and (
                doc[k].like_num or doc[k].text == "," or _month(doc[k].lower_, months)):
            k += 1
        if any(_month(t.lower_, months) for t in doc[j + 1:k]) and k < len(doc) and doc[k].text in DASHES \
                and doc[k].whitespace_:
            return i, j
    return None


def _month(word: str, months: Mapping[str, int]) -> bool:
    """True for a month's name or its abbreviation of three letters or more ("Jan.", "Sept")."""
    word = word.rstrip(".")
    return len(word) >= 3 and any(m.startswith(word) for m in months)


def _acronyms(doc: Doc) -> Iterator[int]:
    """Tokens that are acronyms of an organisation the model did not tag ("NWA"): three to
    six capital letters, not a common abbreviation ("CEO"), a stop word or a word the
    article also writes in lowercase ("SKILLS"), not glued to another word by a hyphen, not
    in a line written in capitals (a headline, a dateline)."""
    words = lexicon().actors
    texts = [tok.text for tok in doc]
    lower = {t for t in texts if t.islower()}
    seen = Counter(t for t in texts if 3 <= len(t) <= 6 and t.isalpha() and t.isupper())
    for i in (i for i, t in enumerate(texts) if seen[t] >= 2):
        tok, t = doc[i], texts[i]
        if tok.ent_type_ or tok.is_stop or t.lower() in lower or _glued(doc, i):
            continue
        if t.lower() in words.abbreviations or t.lower() in words.not_actor_names:
            continue
        line = [w for w in tok.sent if w.is_alpha]
        if sum(w.text.isupper() for w in line) * 2 >= len(line):
            continue
        yield i


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip leading articles and punctuation, trailing possessives and punctuation."""
    words = lexicon().actors
    end = next((i for i in range(start, end) if doc[i].text == "("), end)
    while start < end and (doc[start].lower_ in words.leading_junk or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in words.possessives or doc[end - 1].is_space
                           or (doc[end - 1].is_punct and doc[end - 1].text != ".")
                           or doc[end - 1].lower_ in words.connectors or doc[end - 1].lower_ == "the"):
        end -= 1
    return start, end


def person_shaped(doc: Doc, start: int, end: int) -> bool:
    """True when tokens ``[start, end)`` look like a person's name: one to four capitalised
    words (with lowercase particles between them and parts glued by hyphens: "Abdul bin
    Khalid Al-Rashid", "Kim Min-jun"), no organisation head, not a lone acronym."""
    toks = doc[start:end]
    glued = {t.i for t in toks[1:] if t.is_alpha and not doc[t.i - 1].whitespace_}
    inner = {t.i for t in toks[1:-1] if t.text in lexicon().actors.particles}
    words = [t for t in toks if t.i not in glued | inner and not attached(doc, t.i)]
    return (1 <= len(words) <= 4
            and all(is_name_token(t) or attached(doc, t.i) or t.i in glued | inner for t in toks)
            and not any(is_org_head(t) for t in toks)
            and not (len(toks) == 1 and toks[0].text.isupper()))


def strip_person_prefix(doc: Doc, text: str, ents: tuple[DocSpan, ...], start: int, end: int) -> int:
    """Move past title words, honorifics, nouns for people and adverbs at the start of a
    name ("Mr.", "Lt. Gen.", "Billionaire", "Certainly"), a verb opening the sentence
    ("Regarding Ann Lee"), and past the complement of a title written before it
    ("Secretary of State Ann Lee")."""
    words = lexicon().actors
    start += _complement_len(doc, ents, start, end)
    while end - start > 1:
        m = words.honorifics.prefix.match(text[doc[start].idx:doc[end - 1].idx])
        if m:
            start = next((k for k in range(start, end) if doc[k].idx >= doc[start].idx + m.end()),
                         end - 1)
        elif (is_title_head(doc, start) or doc[start].lower_ in words.title_modifiers
              or doc[start].lemma_.lower() in words.person_nouns or doc[start].pos_ == "ADV"
              or doc[start].is_punct or _affiliation(doc, start) or _opening_verb(doc, start)):
            start += 1
        else:
            break
    return _person_start(doc, ents, start, end)


def _person_start(doc: Doc, ents: tuple[DocSpan, ...], start: int, end: int) -> int:
    """Where the model's person name ending at token ``end`` starts, when it starts inside
    ``[start, end)`` after a title or an honorific ("Marlow Sen. Ann Lee", "Kelby Gov. Ann
    Lee") or after a description opening the sentence ("Billionaire Ann Lee said"); else
    ``start``."""
    words = lexicon().actors
    for ent in ents:
        if ent.label_ in PERSON_LABELS and start < ent.start < end == ent.end:
            before = doc[start:ent.start]
            if (any(is_title_head(doc, k) or doc[k].lower_.rstrip(".") in words.honorifics.ends
                    for k in range(start, ent.start))
                    or (len(before) == 1 and before[0].is_sent_start
                        and (before[0].pos_ in {"NOUN", "ADJ", "ADV"}
                             or before[0].lemma_.lower() in words.person_nouns))):
                return ent.start
    return start


def _opening_verb(doc: Doc, i: int) -> bool:
    """True for a verb that opens a sentence before a name ("Regarding Ann Lee, the court
    said", "Asked Okafor about it"), capitalised only by its place."""
    return doc[i].is_sent_start and doc[i].pos_ == "VERB" and doc[i].tag_ in {"VB", "VBG", "VBN", "VBD"}


def _affiliation(doc: Doc, i: int) -> bool:
    """True for a word of group or party before a person's name ("Republican Ann Lee",
    "Kenyan Ann Lee"): tagged NORP by the model, or a demonym, before a PERSON entity."""
    tok = doc[i]
    return (i + 1 < len(doc) and doc[i + 1].ent_type_ in PERSON_LABELS
            and (tok.ent_type_ in PLACE_GROUP_LABELS or bool(lexicon().places.of_demonym(tok.text))))


def _joined_people(doc: Doc, ents: tuple[DocSpan, ...]) -> tuple[DocSpan, ...]:
    """The entities with two person names the model split but nothing separates joined
    into one ("Youssef El Amine" + "Ben Omar"), unless the first holds a title
    ("Veltria Representative" + "Lena Okafor") or a word no name holds (a possessive or a
    lowercase word: "Velo province's" + "Kanta Marr" are two)."""
    particles = lexicon().actors.particles
    out: list[DocSpan] = []
    for ent in ents:
        last = out[-1] if out else None
        if (last is not None and last.label_ in PERSON_LABELS and ent.label_ in PERSON_LABELS
                and last.end == ent.start and "\n" not in doc[last.end - 1].whitespace_
                and all(t.text[:1].isupper() or t.text in particles for t in last)
                and not any(is_title_head(doc, k) for k in range(last.start, last.end))):
            out[-1] = DocSpan(doc, last.start, ent.end, label=last.label_)
        else:
            out.append(ent)
    return tuple(out)


def _glued(doc: Doc, i: int) -> bool:
    """True when token ``i`` is glued by a hyphen or slash to a neighbour ("ABS-CBN")."""
    return ((i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text in {"-", "/"})
            or (i + 1 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text in {"-", "/"}))


def _complement_len(doc: Doc, ents: tuple[DocSpan, ...], start: int, end: int) -> int:
    """How many leading tokens of the capitalised run ``[start, end)`` complete a title
    written before it rather than begin a name: "State" in "Secretary of State Ann Lee",
    "Argentina" in "President of Argentina Ana Ruiz", "Foreign Affairs" in "Minister of
    Foreign Affairs Lena Okafor". Zero when no "TITLE of" precedes the run."""
    if end - start < 2 or not after_title_of(doc, start):
        return 0
    first, n = doc[start], 0
    if first.ent_iob_ == "B" and first.ent_type_ in COMPLEMENT_LABELS:
        n = next((k for k in range(start + 1, end) if doc[k].ent_iob_ != "I"), end) - start
    for ent in ents:
        if start < ent.start < end and ent.end == end and ent.label_ in PERSON_LABELS:
            return n if 0 < n < ent.start - start else ent.start - start  # "Mayor of Lyon Ann" + "Lee"
    if 0 < n < end - start:
        return n
    for n in (3, 2, 1):
        if n < end - start and doc[start:start + n].text.lower() in lexicon().actors.ministry_domains:
            return n
    return 1 if end - start >= 3 else 0


def _owner_named(doc: Doc, ents: tuple[DocSpan, ...], start: int, end: int) -> bool:
    """True when tokens ``[start, end)``, before a possessive inside one of the model's
    organisation spans, name an owner of their own: they hold an organisation head
    ("Kelby University’s Virus Laboratory"), are a known place ("Marlow’s Peace Centre")
    or stand elsewhere in the article as a name of their own ("Kelbix’s Tamsin app"
    beside "Kelbix said")."""
    owner = doc[start:end].text
    return (any(is_org_head(doc[j]) for j in range(start, end)) or lexicon().places.is_place(owner)
            or any(e.text == owner and e.start != start for e in ents))


def _spacy_cands(doc: Doc, text: str, ents: tuple[DocSpan, ...]) -> Iterator[Candidate]:
    for ent in ents:
        if ent.label_ in PERSON_LABELS:
            kind = "Person"
        elif ent.label_ in ORG_LABELS:
            kind = "Organization"
        elif ent.label_ in PLACE_LABELS or (ent.label_ in PLACE_GROUP_LABELS
                                            and lexicon().places.is_place(ent.text)):
            kind = "Place"
        else:
            continue
        for start, end in _split_lines(doc, ent.start, ent.end):
            if kind != "Place":
                end = next((k for k in range(start, end) if doc[k].text in {",", "/"}), end)
            start, end = trim(doc, start, end)
            if after_title_of(doc, start) and kind == "Organization":
                if end - start == 1 and end < len(doc) and is_name_token(doc[end]):
                    continue  # the complement of a title: "State" in "Secretary of State Ann Lee"
                if (not any(is_org_head(doc[k]) for k in range(start, end))
                        and _complement_len(doc, ents, start, end)):
                    kind = "Person"  # "Mayor of Lyon Ann Lee" tagged ORG as a whole (and its later lines)
            if kind == "Organization":
                owner = next((k for k in range(start + 1, end - 1) if doc[k].text in {"'s", "’s"}
                              and _owner_named(doc, ents, start, k)), None)
                if owner is not None:  # "Kelby University’s Virus Laboratory": two organisations
                    yield Candidate(start, owner, kind, ent.label_)
                    start = owner + 1
                named = _titled_name_start(doc, start, end)
                if named is not None:  # "Presidential Spokesperson Ann Lee" tagged ORG as a whole
                    kind, start = "Person", named
            if kind == "Person":
                start = strip_person_prefix(doc, text, ents, start, end)
                end = _extend_name(doc, start, end)
            if kind == "Organization" and not _acronym_after(doc, end):
                while end - start > 1 and ((doc[end - 1].is_lower and doc[end - 1].pos_ == "NOUN")
                                           or ORDINAL.fullmatch(doc[end - 1].text)):
                    end -= 1  # "Kelby party", "the Ostland region": the name is before the noun;
                    # "Air Force 1st" of "Air Force 1st Lt. Ann Lee": a rank's ordinal
            if start < end:
                yield Candidate(start, end, kind, ent.label_)


def _acronym_after(doc: Doc, end: int) -> bool:
    """True when an acronym in brackets follows token ``end - 1`` ("the Kelby exchange
    (KEX)"): the phrase before it, whatever its case, is the name the acronym stands for."""
    return (end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
            and is_acronym(doc[end + 1].text))


def _titled_name_start(doc: Doc, start: int, end: int) -> int | None:
    """Where the name begins in an organisation-tagged span that is a title and a
    person's name ("Harbour Authority Spokesperson Ann Lee"): after the last title head,
    when two to four person-shaped words follow it; None otherwise."""
    heads = [k for k in range(start, end - 2) if is_title_head(doc, k) and not is_org_head(doc[k])]
    if not heads or not 2 <= end - heads[-1] - 1 <= 4:
        return None
    return heads[-1] + 1 if person_shaped(doc, heads[-1] + 1, end) else None


def _split_lines(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Pieces of a token range that do not cross a line break."""
    piece = start
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            yield piece, i + (0 if "\n" in doc[i].text else 1)
            piece = i + 1
    if piece < end:
        yield piece, end


def _name_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised words, crossing "of"/"for"/"and" only after an org head."""
    connectors = lexicon().actors.connectors
    i = 0
    while i < len(doc):
        if not is_name_token(doc[i]) or is_title_head(doc, i):
            i += 1
            continue
        start, j, has_head = i, _glued_end(doc, i), False
        while j < len(doc):
            tok = doc[j]
            if is_name_token(tok) and not (is_title_head(doc, j) and not is_org_head(tok)):
                has_head = has_head or is_org_head(tok)
                j += 1
            elif attached(doc, j) and is_name_token(doc[j + 1]):
                j += 1
            elif not has_head and name_joint(doc, start, j):
                j += name_joint(doc, start, j)
            elif (has_head and tok.lower_ in connectors and j + 1 < len(doc)
                  and not (tok.lower_ == "and" and _next_has_head(doc, j + 1))
                  and (is_name_token(doc[j + 1])
                       or (doc[j + 1].lower_ == "the" and j + 2 < len(doc)
                           and is_name_token(doc[j + 2])))):
                j += 2 if doc[j + 1].lower_ == "the" else 1
            else:
                break
            if "\n" in doc[j - 1].whitespace_:
                break
        yield start, j
        i = max(j, i + 1)


def name_joint(doc: Doc, start: int, j: int) -> int:
    """How many tokens from ``j`` carry a person's name begun at ``start`` on to its next
    word: a lowercase particle before a capitalised word ("bin" in "Abdul bin Khalid"), or
    a hyphen and the lowercase part of a given name after two words ("-jun" in "Kim
    Min-jun", not "-based" in "Kenya-based"); 0 when the name does not go on."""
    if j + 1 >= len(doc):
        return 0
    nxt = doc[j + 1]
    if doc[j].text in lexicon().actors.particles:
        return 1 if is_name_token(nxt) or (attached(doc, j + 1) and j + 2 < len(doc)
                                           and is_name_token(doc[j + 2])) else 0
    if (attached(doc, j) and nxt.is_alpha and nxt.text.islower() and j - start >= 2
            and nxt.tag_ not in {"VBN", "VBD", "VBG"}):
        return 2
    return 0


def _extend_name(doc: Doc, start: int, end: int) -> int:
    """The end of a person's name the model cut at a particle or a hyphen ("Ana" of "Ana
    de Souza", "Kim Min" of "Kim Min-jun")."""
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_:
        step = name_joint(doc, start, end)
        if not step:
            break
        end += step
        while (end < len(doc) and (is_name_token(doc[end]) or attached(doc, end))
               and not is_title_head(doc, end) and "\n" not in doc[end - 1].whitespace_):
            end += 1
    return end


def _next_has_head(doc: Doc, j: int) -> bool:
    """True when the capitalised words from token ``j`` hold an org head, start with "the"
    or begin a person's full name (so "X Police and the Coast Guard" are two organisations,
    and "X Association and Ann Lee" an organisation and a person)."""
    if doc[j].lower_ == "the" or (doc[j].ent_type_ in PERSON_LABELS and doc[j].ent_iob_ == "B"
                                  and j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I"):
        return True
    if lexicon().actors.honorifics.prefix.match(doc[j:j + 3].text):
        return True
    k = j
    while k < len(doc) and is_name_token(doc[k]):
        if is_org_head(doc[k]):
            return True
        k += 1
    return False


def _glued_end(doc: Doc, i: int) -> int:
    """First token after a capitalised word the tokenizer split ("Im" -> "I", "m"), or i."""
    j = i
    while j + 1 < len(doc) and not doc[j].whitespace_ and doc[j + 1].is_alpha:
        j += 1
    if j > i and doc[j].whitespace_ and j + 1 < len(doc) and is_name_token(doc[j + 1]):
        return j + 1
    return i


def _org_runs(doc: Doc, runs: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The capitalised runs that hold an organisation head, cut after the last head unless
    a connector follows the first ("Court of Appeal") and with the number of a numbered
    unit after it ("Marine Division 4"), without the title words that open them ("Acting
    Harbour Authority") unless only the head would be left ("Public Rights Forum")."""
    words = lexicon().actors
    for start, end in runs:
        start, end = trim(doc, start, end)
        first = start
        while start < end and (doc[start].lower_ in words.title_modifiers
                               and not is_org_head(doc[start])):
            start += 1
        if end - start < 2:
            start = first  # the words are the name's own: "Public Rights Forum", "Senior Citizens Council"
        heads = [t.i for t in doc[start:end] if is_org_head(t)]
        if not heads:
            continue
        if not any(doc[k].lower_ in words.connectors for k in range(heads[0], end)):
            end = heads[-1] + 1
            if (end < len(doc) and doc[end].text.isdigit() and len(doc[end].text) <= 2
                    and "\n" not in doc[end - 1].whitespace_):
                end += 1  # a numbered unit: "Marine Division 4", "Kelby Channel 7"
        if end - start > 1:
            yield start, end


def _ministry_cands(doc: Doc, text: str) -> Iterator[Candidate]:
    modifiers = lexicon().actors.title_modifiers
    for m in MINISTRY.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        start, end = trim(doc, span.start, span.end)
        while start < end and (doc[start].is_stop or doc[start].lower_ in modifiers):
            start += 1
        if end - start >= 2:
            yield Candidate(start, end, "Organization", "MINISTRY")
