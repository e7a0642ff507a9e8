"""Tests on single tokens that every actors step shares: is this word part of a name, a
job-title head, an organisation head; is a hyphen glued to its neighbours.

Each is a pure function of the parsed Doc and the lexicon (:attr:`lexicon().actors
<graph.lexicon.actors.ActorWords>`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.lexicon import lexicon
from graph.records import Span


def attached(doc: Doc, i: int) -> bool:
    """True when token ``i`` is a hyphen glued to both neighbours ("Secretary-General")."""
    return (doc[i].text == "-" and 0 < i < len(doc) - 1
            and not doc[i - 1].whitespace_ and not doc[i].whitespace_)


def compound(doc: Doc, i: int) -> str:
    """The hyphenated word ending at token ``i``, lowercased ("secretary-general")."""
    j = i
    while j >= 2 and attached(doc, j - 1):
        j -= 2
    return doc[j:i + 1].text.lower()


def is_title_head(doc: Doc, i: int) -> bool:
    """True when token ``i`` ends a job title ("minister", "secretary-general", "senators")."""
    tok = doc[i]
    titles = lexicon().actors.titles
    return (tok.lower_ in titles or (i >= 2 and attached(doc, i - 1) and compound(doc, i) in titles)
            or (tok.tag_ == "NNS" and tok.lemma_.lower() in titles))


def is_cap(tok: Token) -> bool:
    """True when the token starts with a capital letter and holds a letter."""
    t = tok.text
    return bool(t) and t[0].isupper() and (t[0].isalpha() or any(c.isalpha() for c in t))


def is_name_token(tok: Token) -> bool:
    """A capitalised word that may be part of a proper name."""
    if not is_cap(tok) or tok.is_space or "\n" in tok.text:
        return False
    if tok.lower_ in lexicon().calendar.words:
        return False
    if tok.is_stop and not tok.text.isupper():
        return False
    return all(c.isalpha() or c in "-'’." for c in tok.text)


def is_org_head(tok: Token) -> bool:
    """True when the token is a capitalised organisation head word ("Police", "Court",
    "Ltd.")."""
    return is_cap(tok) and tok.lower_.rstrip(".") in lexicon().actors.org_heads


def is_acronym(text: str) -> bool:
    """True for one word of two or more letters, all capitals ("NWA", "U.N.")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text


def after_title_of(doc: Doc, i: int) -> bool:
    """True when token ``i`` follows "TITLE of" / "TITLE from" ("President of", "Senator from")."""
    return (i >= 2 and doc[i - 1].lower_ in lexicon().actors.title_preps and is_title_head(doc, i - 2)
            and not doc[i - 1].whitespace_.count("\n"))


def place_after(doc: Doc, end: int) -> bool:
    """True when a place-type noun follows ("Marlow province", "X and Y districts")."""
    words = lexicon().actors
    j = end
    if j < len(doc) and doc[j].text in words.possessives:
        j += 1
    if j < len(doc) and doc[j].lower_ in words.place_types:
        return True
    if j < len(doc) and doc[j].lower_ in {"and", ","}:
        k = j + 1
        while k < len(doc) and k < j + 5 and is_name_token(doc[k]):
            k += 1
        return k > j + 1 and k < len(doc) and doc[k].lower_ in words.place_types
    return False


def place_before(doc: Doc, start: int) -> bool:
    """True when a lowercase place-type noun and "of" come before ("the town of Marlow",
    "the province of Kelby")."""
    return (start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text.islower()
            and doc[start - 2].lower_ in lexicon().actors.place_types)


def reporting_subject(doc: Doc, start: int, end: int) -> bool:
    """True when a token of ``[start, end)`` is the subject of a reporting verb ("X said")."""
    verbs = lexicon().speech.reporting_verbs
    return any(t.dep_ in {"nsubj", "nsubjpass"} and t.head.lemma_.lower() in verbs
               and t.head.pos_ in {"VERB", "AUX"} for t in doc[start:end])


def char_span(doc: Doc, start: int, end: int) -> Span:
    """The characters of tokens ``[start, end)`` (not empty)."""
    return Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
