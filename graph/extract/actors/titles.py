"""What is written around a name that says who it is: honorifics ("Lt. Gen."), job titles
before it ("Deputy Health Minister Lena Okafor", "X chief and Y commander Ann Lee") and
titles in apposition after it ("Ann Lee, spokesperson for the Port Authority, ...").

Titles are person evidence for classification and the source of the roles people hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Token

from graph.extract.actors.candidates import Candidate
from graph.extract.actors.tokens import (after_title_of, attached, is_cap, is_name_token,
                                         is_title_head)
from graph.lexicon import lexicon

#: Part-of-speech tags of finite verbs: an apposition ends before one.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Most tokens a title phrase before a name spans.
MAX_CHAIN = 14
#: Most tokens an apposition after a name spans.
MAX_APPOS = 24


class Title(NamedTuple):
    """A job title as written, with its character offsets."""

    text: str
    begin: int
    end: int


def honorific_before(doc: Doc, text: str, start: int) -> tuple[int, str] | None:
    """Char offset and text of an honorific right before token ``start`` ("Lt. Gen. ")."""
    honorifics = lexicon().actors.honorifics
    begin = doc[start].idx
    window = text[max(0, begin - 40):begin]
    if last_word(window) not in honorifics.ends:  # a set lookup spares most words the regex search
        return None
    m = honorifics.suffix.search(window)
    if not m:
        return None
    return begin - (len(window) - m.start()), m.group(0).strip()


def last_word(window: str) -> str | None:
    """The word ``window`` ends on, lowercased, when whitespace follows it (after any dots:
    "Gen. "); None otherwise.

    >>> last_word("(Lt. Gen. "), last_word("said the"), last_word("the H.E. ")
    ('gen', None, 'e')
    """
    text = window.rstrip()
    if len(text) == len(window):
        return None
    text = text.rstrip(".")
    k = len(text)
    while k and (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
    return text[k:].lower()


def honorific_start(doc: Doc, text: str, start: int) -> int:
    """Token index of an honorific before ``start``, so titles are read before it."""
    hon = honorific_before(doc, text, start)
    if not hon:
        return start
    span = doc.char_span(hon[0], doc[start].idx, alignment_mode="expand")
    return span.start if span is not None else start


def titles_before(doc: Doc, start: int, orgs: Sequence[Candidate] = ()
                  ) -> list[tuple[Title, Candidate | None]]:
    """Titles written before the name at token ``start`` ("Deputy Health Minister",
    "X chief and Y chief", "singer, actor and advocate").

    An organisation that opens the phrase ("RBA Secretary-General") is returned with the
    first title instead of being part of it.
    """
    if start == 0 or not (is_title_head(doc, start - 1) or _title_of_before(doc, start)):
        return []
    if doc[start - 1].tag_ == "JJ" and doc[start - 1].text.islower():
        return []  # a title word used as an adjective: "his official Kelbo account"
    first = _chain_start(doc, start)
    lead = next((o for o in orgs if o.start <= first < o.end and o.end < start), None)
    if lead is not None:
        first = lead.end
    return [(t, lead if n == 0 else None) for n, t in enumerate(_segments(doc, first, start))]


def titles_set_off(doc: Doc, start: int) -> list[Title]:
    """Titles set off before the name at token ``start`` by a comma or by "named"
    ("The president of the Harbour Board, Ann Lee, said"; "According to the town's first
    selectman, Ann Lee, ..."; "a local chef named Ann").

    The phrase before the comma must open its clause (a sentence start, punctuation, or
    "according to"), so that "After meeting the president, Ann Lee said" gives nothing.
    """
    if start < 2:
        return []
    if doc[start - 1].lower_ in lexicon().actors.naming_words and is_title_head(doc, start - 2):
        return [t for t, _ in titles_before(doc, start - 1)]
    if doc[start - 1].text != ",":
        return []
    first = _set_off_start(doc, start - 1)
    if first is None or doc[start - 2].ent_type_ == "PERSON" or not any(
            is_title_head(doc, k) for k in range(first, start - 1)):
        return []  # "According to Minister Ann Lee, Tom Berg ...": the title is Ann Lee's
    while doc[first].pos_ == "DET":
        first += 1  # "The", "A", "Another" opening the sentence
    return _segments(doc, first, start - 1)


def _set_off_start(doc: Doc, comma: int) -> int | None:
    """Token index where a title phrase ending before token ``comma`` begins, when it
    opens its clause; None otherwise."""
    words = lexicon().actors
    j = comma - 1
    while j >= 0 and comma - j <= MAX_CHAIN and not doc[j].is_sent_start:
        tok, nxt = doc[j], doc[j + 1]
        inside_name = tok.lower_ in words.connectors and j > 0 and is_cap(doc[j - 1]) and (
            is_cap(nxt) or (nxt.lower_ == "the" and is_cap(doc[j + 2])))
        if not (attached(doc, j) or tok.text in words.possessives or inside_name
                or tok.lower_ in words.title_preps | {"and"}
                or tok.pos_ in {"NOUN", "PROPN", "ADJ", "DET", "NUM"}):
            break
        j -= 1
    if j < 0 or doc[j].is_sent_start and comma - j <= MAX_CHAIN and _phrase_word(doc[j]):
        return max(j, 0)
    opens = doc[j].is_punct or (doc[j].lower_ == "to" and j > 0 and doc[j - 1].lower_ == "according")
    return j + 1 if opens and j + 1 < comma else None


def _phrase_word(tok: Token) -> bool:
    """True for a word that may open a title phrase at a sentence start: not a preposition
    ("Of the six delegates, Ann Lee won four" names no title)."""
    return tok.pos_ in {"NOUN", "PROPN", "ADJ", "DET"} or (is_cap(tok) and tok.pos_ not in {"ADP", "SCONJ"})


def _segments(doc: Doc, first: int, end: int) -> list[Title]:
    """The titles of tokens ``[first, end)``, split at "and" and at commas between two
    titles ("singer, actor and animal rights advocate")."""
    titles: list[Title] = []
    seg = first
    for i in range(first, end + 1):
        if i == end or doc[i].lower_ == "and" or doc[i].text == ",":
            if seg < i and any(is_title_head(doc, k) for k in range(seg, i)):
                seg = _trim_title_start(doc, seg, i)
                titles.append(Title(doc[seg:i].text, doc[seg].idx, doc[i - 1].idx + len(doc[i - 1])))
            seg = i + 1
    return titles


def _chain_start(doc: Doc, start: int) -> int:
    """Token index where a job-title phrase written before a name begins (== start if none)."""
    words = lexicon().actors
    joins = {"and"} | words.title_preps
    j = start - 1
    while j >= 0 and start - j <= MAX_CHAIN:
        tok = doc[j]
        if "\n" in tok.whitespace_ or tok.is_space or (
                tok.ent_type_ == "PERSON" and doc[j + 1].ent_type_ != "PERSON"):
            break  # another person's name ends the phrase ("Premier A and Energy Minister B")
        if attached(doc, j):
            j -= 1
            continue
        if (is_title_head(doc, j) or tok.lower_ in words.title_modifiers or is_name_token(tok)
                or (tok.pos_ in {"NOUN", "ADJ", "PROPN"} and tok.is_alpha and not tok.is_stop)
                or (tok.lower_ in joins and j > 0)
                or (tok.text == "," and j > 0 and is_title_head(doc, j - 1))):
            j -= 1
            continue
        break
    first = j + 1
    while first < start and (doc[first].lower_ in joins or doc[first].text == ","):
        first += 1
    return first


def _title_of_before(doc: Doc, start: int) -> bool:
    """True when "TITLE of/from Complement" ends right before token ``start`` (1-3 words)."""
    return any(after_title_of(doc, k) and all(is_name_token(doc[m]) for m in range(k, start))
               for k in range(max(start - 3, 2), start))


def _trim_title_start(doc: Doc, seg: int, end: int) -> int:
    """Drop the words before a title that are not part of it: lowercase words that are not
    title vocabulary ("newly-appointed"), a lowercase noun before a capitalised title
    ("impeach President", "year US President"), and a phrase "X of" whose X holds no title
    head ("qualities of President"; "Secretary of State" keeps its "of"), with the rest of
    a capitalised name it opens ("House of Representatives Speaker" gives "Speaker")."""
    words = lexicon().actors
    for k in range(seg, end - 1):
        if doc[k].lower_ in words.title_preps and not any(is_title_head(doc, m) for m in range(seg, k)):
            seg = k + 1
            if k > 0 and is_cap(doc[k - 1]):
                while (seg < end - 1 and is_cap(doc[seg]) and not is_title_head(doc, seg)
                       and doc[seg].lower_ not in words.title_modifiers):
                    seg += 1
    while seg < end - 1:
        tok = doc[seg]
        if (is_cap(tok) or tok.lower_ in words.title_modifiers or is_title_head(doc, seg)
                or (tok.pos_ == "NOUN" and not is_cap(doc[seg + 1]))):
            break
        seg += 1
    while seg < end - 1 and (attached(doc, seg) or doc[seg].text in words.possessives):
        seg += 1
    return seg


def title_after(doc: Doc, end: int, orgs: Sequence[Candidate], people: Sequence[Candidate] = ()
                ) -> tuple[Title, Candidate | None] | None:
    """A title in apposition after the name ending at token ``end`` ("X, spokesperson for
    the Ministry of Y", "X, who was the envoy to Y"), with the organisation candidate it
    names, if any.

    A phrase that opens with a conjunction or names another person is a list, not an
    apposition; one that a person's name follows after a comma is that person's title.
    """
    words = lexicon().actors
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ == "CCONJ":
        return None
    b = end + 1
    if doc[b].lower_ in lexicon().speech.pronouns.relative and b + 2 < len(doc) \
            and doc[b + 1].lemma_ == "be":
        b += 2  # "X, who was the envoy to ..."
    if doc[b].lower_ in words.appos_articles:
        b += 1
    if b + 1 < len(doc) and doc[b + 1].text in words.possessives and is_cap(doc[b]):
        b += 2
    e = _appos_end(doc, b)
    if e <= b or any(b <= p.start < e for p in people) or _opens_clause(doc, e):
        return None
    if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].ent_type_ == "PERSON":
        return None  # set off before the next name: "Speaking to X, the president of Y, Ann Lee, said"
    cut = next((k for k in range(b, e) if doc[k].lower_ in words.org_preps | words.appos_cuts), e)
    heads = [k for k in range(b, min(cut, b + 7)) if is_title_head(doc, k)]
    if not heads:
        return None
    head = heads[-1]
    b = _after_kin(doc, b, head)
    if any(doc[k].pos_ in {"VERB", "AUX", "PRON", "NUM"} for k in range(b, head)):
        return None
    org = next((o for o in reversed(orgs) if b <= o.start and o.end <= e and o.start > head), None)
    t_end = _title_end(doc, head, e, org)
    first = _trim_title_start(doc, b, t_end)
    span = doc[first:t_end]
    return Title(span.text, span.start_char, span.end_char), org


#: Dependency labels of a clause's subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _opens_clause(doc: Doc, e: int) -> bool:
    """Whether the phrase before token ``e`` is the subject of a new clause rather than an
    apposition: it runs straight into a finite verb (no comma closes it) whose clause has no
    subject of its own. After a fronted phrase ("At the request of Minister X, the Governor
    dissolved the council") the model often parses the Governor as X's apposition and
    leaves "dissolved" without a subject; a true apposition without its closing comma
    ("X, spokesperson for Y said") leaves X as the verb's subject."""
    if e >= len(doc) or doc[e].tag_ not in FINITE_TAGS:
        return False
    verb = doc[e].head if doc[e].dep_ in {"aux", "auxpass"} else doc[e]
    return not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _after_kin(doc: Doc, b: int, head: int) -> int:
    """Where the title of an apposition starting at token ``b`` begins when a description
    with a possessive pronoun comes first, joined by "and" ("his wife and the chairwoman of
    ..."): after that "and" and its article; else ``b``."""
    owned = [k for k in range(b, head) if doc[k].tag_ == "PRP$"]
    joins = [k for k in range(owned[-1], head) if doc[k].lower_ == "and"] if owned else []
    if not joins:
        return b
    b = joins[-1] + 1
    return b + 1 if doc[b].lower_ in lexicon().actors.appos_articles else b


def _title_end(doc: Doc, head: int, e: int, org: Candidate | None) -> int:
    """Token after the last word of an apposition's title whose head is token ``head``:
    before the preposition that introduces its organisation ("of", "from"), or before a
    cut word or a gerund that starts a clause of its own ("... of the party approaching
    the delegate count")."""
    words = lexicon().actors
    if org is not None:
        preps = [k for k in range(head + 1, org.start) if doc[k].lower_ in words.org_preps]
        t_end = preps[-1] if preps else org.start
    else:
        t_end = next((k for k in range(head + 1, e)
                      if doc[k].lower_ in words.appos_cuts or doc[k].tag_ == "VBG"), e)
    while t_end > head + 1 and (doc[t_end - 1].is_punct or doc[t_end - 1].lower_ in words.connectors
                                or doc[t_end - 1].lower_ in words.title_preps
                                or doc[t_end - 1].lower_ == "the"
                                or doc[t_end - 1].tag_ == "TO"):  # "the third president to be"
        t_end -= 1
    return max(t_end, head + 1)


def _appos_end(doc: Doc, begin: int) -> int:
    """Token index where an apposition starting at ``begin`` ends."""
    stops = lexicon().actors.appos_stops
    j = begin
    while j < len(doc) and j - begin < MAX_APPOS:
        tok = doc[j]
        if tok.text in stops or "\n" in tok.text or tok.is_space:
            break
        if tok.text == ",":
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if not (nxt is not None and is_cap(doc[j - 1]) and is_name_token(nxt)
                    and any(doc[k].lower_ == "and" for k in range(j + 1, min(j + 6, len(doc))))):
                break
        if (tok.tag_ in FINITE_TAGS or tok.pos_ == "AUX") and not is_cap(tok):
            break
        if "\n" in tok.whitespace_:
            return j + 1
        j += 1
    return j
