"""Actors (people, organisations, places), their titles, and their identity within an article.

:func:`extract_entities` reads a parsed article and returns its entities and the roles its
people hold. It starts from spaCy's named entities, repairs their labels from context (the
small model often tags unfamiliar names as ORG or GPE), finds names the model misses
(capitalised phrases with an organisation head word, names next to a job title), and merges
the surface forms of one actor: short names, honorifics, acronyms, ministry word orders and
near spellings. Every merge is recorded in :attr:`~graph.records.Entity.evidence`.

Word lists live in ``graph/data/`` (titles, honorifics, organisation heads, place types,
reporting verbs); the rules below only combine them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from graph.records import Entity, Mention, Role, Span
from graph.lexicon import lexicon
from graph.names import near_spelling
from graph.textutil import data_lines, doc_ents, doc_text


PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Words linking a title to its complement ("Secretary of State", "Senator from Vermont").
TITLE_PREPS = frozenset({"of", "from"})
#: Entity labels that complete such a title rather than begin a name.
COMPLEMENT_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG"})
CONNECTORS = frozenset({"of", "for", "and", "on", "&", "de", "du", "des"})
LEADING_JUNK = frozenset({"the", "a", "an", "(", "[", '"', "“", "‘", "'", "-", "–", "—"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
APPOS_STOP = frozenset({".", ";", ":", "(", ")", "—", "–", '"', "“", "”", "?", "!"})
APPOS_CUT = frozenset({"in", "at", "on", "since", "who", "which", "that", "from", "during",
                       "when", "after", "before", "since", "with", "until"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
ORG_PREPS = frozenset({"of", "for", "at", "with", "in"})
MAX_CHAIN = 14
MAX_APPOS = 24








@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in data_lines(name))


@cache
def _ministry_names() -> dict[str, str]:
    return {k.lower(): v for k, _, v in (ln.partition("\t") for ln in data_lines("ministry_names.tsv"))}


@cache
def _ministry_domains() -> frozenset[str]:
    """Domains that complete "Minister of ..." ("foreign affairs", "health")."""
    return frozenset(v.lower() for v in _ministry_names().values()) | frozenset(_ministry_names())


def _titles() -> frozenset[str]:
    return _words("titles.txt")


# ---------------------------------------------------------------- token helpers


def _attached(doc: Doc, i: int) -> bool:
    """True when token ``i`` is a hyphen glued to both neighbours ("Secretary-General")."""
    return (doc[i].text == "-" and 0 < i < len(doc) - 1
            and not doc[i - 1].whitespace_ and not doc[i].whitespace_)


def _compound(doc: Doc, i: int) -> str:
    """The hyphenated word ending at token ``i``, lowercased ("secretary-general")."""
    j = i
    while j >= 2 and _attached(doc, j - 1):
        j -= 2
    return doc[j:i + 1].text.lower()


def _is_title_head(doc: Doc, i: int) -> bool:
    tok = doc[i]
    titles = _titles()
    return (tok.lower_ in titles or (i >= 2 and _attached(doc, i - 1) and _compound(doc, i) in titles)
            or (tok.tag_ == "NNS" and tok.lemma_.lower() in titles))


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and (t[0].isalpha() or any(c.isalpha() for c in t))


def _is_name_token(tok: Token) -> bool:
    """A capitalised word that may be part of a proper name."""
    if not _is_cap(tok) or tok.is_space or "\n" in tok.text:
        return False
    if tok.lower_ in lexicon().calendar.words:
        return False
    if tok.is_stop and not tok.text.isupper():
        return False
    return all(c.isalpha() or c in "-'’." for c in tok.text)


def _is_org_head(tok: Token) -> bool:
    return _is_cap(tok) and tok.lower_ in _words("org_heads.txt")


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text





# ---------------------------------------------------------------- candidates


@dataclass
class _Cand:
    """A name found in the text, as a token range, before identity is decided."""

    start: int
    end: int
    kind: str
    label: str = ""
    strong: bool = False  # person evidence from context (title, honorific, apposition)
    speaker: bool = False  # subject of a reporting verb


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip leading articles and punctuation, trailing possessives and punctuation."""
    end = next((i for i in range(start, end) if doc[i].text == "("), end)
    while start < end and (doc[start].lower_ in LEADING_JUNK or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_space
                           or (doc[end - 1].is_punct and doc[end - 1].text != ".")
                           or doc[end - 1].lower_ in CONNECTORS or doc[end - 1].lower_ == "the"):
        end -= 1
    return start, end


def _strip_person_prefix(doc: Doc, start: int, end: int) -> int:
    """Move past title words and honorifics at the start of a name ("Mr.", "Lt. Gen."), and
    past the complement of a title written before it ("Secretary of State Ann Lee")."""
    start += _complement_len(doc, start, end)
    while end - start > 1:
        m = lexicon().actors.honorifics.prefix.match(doc_text(doc)[doc[start].idx:doc[end - 1].idx])
        if m:
            nxt = next((k for k in range(start, end) if doc[k].idx >= doc[start].idx + m.end()),
                       end - 1)
            start = nxt
        elif (_is_title_head(doc, start) or doc[start].lower_ in _words("title_modifiers.txt")
              or doc[start].is_punct):
            start += 1
        else:
            break
    return start


def _after_title_of(doc: Doc, i: int) -> bool:
    """True when token ``i`` follows "TITLE of" / "TITLE from" ("President of", "Senator from")."""
    return (i >= 2 and doc[i - 1].lower_ in TITLE_PREPS and _is_title_head(doc, i - 2)
            and not doc[i - 1].whitespace_.count("\n"))


def _complement_len(doc: Doc, start: int, end: int) -> int:
    """How many leading tokens of the capitalised run ``[start, end)`` complete a title
    written before it rather than begin a name: "State" in "Secretary of State Ann Lee",
    "Argentina" in "President of Argentina Ana Ruiz", "Foreign Affairs" in "Minister of
    Foreign Affairs Lena Okafor". Zero when no "TITLE of" precedes the run."""
    if end - start < 2 or not _after_title_of(doc, start):
        return 0
    for ent in doc_ents(doc):
        if start < ent.start < end and ent.end == end and ent.label_ in PERSON_LABELS:
            return ent.start - start
    first = doc[start]
    if first.ent_iob_ == "B" and first.ent_type_ in COMPLEMENT_LABELS:
        n = next((k for k in range(start + 1, end) if doc[k].ent_iob_ != "I"), end) - start
        if n < end - start:
            return n
    for n in (3, 2, 1):
        if n < end - start and doc[start:start + n].text.lower() in _ministry_domains():
            return n
    return 1 if end - start >= 3 else 0


def _place_after(doc: Doc, end: int) -> bool:
    """True when a place-type noun follows ("Marlow province", "X and Y districts")."""
    places = _words("place_types.txt")
    j = end
    if j < len(doc) and doc[j].text in POSSESSIVES:
        j += 1
    if j < len(doc) and doc[j].lower_ in places:
        return True
    if j < len(doc) and doc[j].lower_ in {"and", ","}:
        k = j + 1
        while k < len(doc) and k < j + 5 and _is_name_token(doc[k]):
            k += 1
        return k > j + 1 and k < len(doc) and doc[k].lower_ in places
    return False


def _spacy_cands(doc: Doc) -> Iterator[_Cand]:
    for ent in doc_ents(doc):
        if ent.label_ in PERSON_LABELS:
            kind = "Person"
        elif ent.label_ in ORG_LABELS:
            kind = "Organization"
        elif ent.label_ in PLACE_LABELS:
            kind = "Place"
        else:
            continue
        for start, end in _split_lines(doc, ent.start, ent.end):
            if kind != "Place":
                end = next((k for k in range(start, end) if doc[k].text in {",", "/"}), end)
            start, end = _trim(doc, start, end)
            if _after_title_of(doc, start) and kind == "Organization":
                if end - start == 1 and end < len(doc) and _is_name_token(doc[end]):
                    continue  # the complement of a title: "State" in "Secretary of State Ann Lee"
                if not any(_is_org_head(doc[k]) for k in range(start, end)) and _complement_len(doc, start, end):
                    kind = "Person"  # "Mayor of Lyon Ann Lee" tagged ORG as a whole
            if kind == "Person":
                start = _strip_person_prefix(doc, start, end)
            if start < end:
                yield _Cand(start, end, kind, ent.label_)


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
    i = 0
    while i < len(doc):
        if not _is_name_token(doc[i]) or _is_title_head(doc, i):
            i += 1
            continue
        start, j, has_head = i, _glued_end(doc, i), False
        while j < len(doc):
            tok = doc[j]
            if _is_name_token(tok) and not (_is_title_head(doc, j) and not _is_org_head(tok)):
                has_head = has_head or _is_org_head(tok)
                j += 1
            elif _attached(doc, j) and _is_name_token(doc[j + 1]):
                j += 1
            elif (has_head and tok.lower_ in CONNECTORS and j + 1 < len(doc)
                  and not (tok.lower_ == "and" and _next_has_head(doc, j + 1))
                  and (_is_name_token(doc[j + 1])
                       or (doc[j + 1].lower_ == "the" and j + 2 < len(doc)
                           and _is_name_token(doc[j + 2])))):
                j += 2 if doc[j + 1].lower_ == "the" else 1
            else:
                break
            if "\n" in doc[j - 1].whitespace_:
                break
        yield start, j
        i = max(j, i + 1)


def _next_has_head(doc: Doc, j: int) -> bool:
    """True when the capitalised words from token ``j`` hold an org head or start with "the"
    (so "X Police and the Coast Guard" are two organisations)."""
    if doc[j].lower_ == "the":
        return True
    k = j
    while k < len(doc) and _is_name_token(doc[k]):
        if _is_org_head(doc[k]):
            return True
        k += 1
    return False


def _glued_end(doc: Doc, i: int) -> int:
    """First token after a capitalised word the tokenizer split ("Im" -> "I", "m"), or i."""
    j = i
    while j + 1 < len(doc) and not doc[j].whitespace_ and doc[j + 1].is_alpha:
        j += 1
    if j > i and doc[j].whitespace_ and j + 1 < len(doc) and _is_name_token(doc[j + 1]):
        return j + 1
    return i


def _org_runs(doc: Doc, runs: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for start, end in runs:
        start, end = _trim(doc, start, end)
        while start < end and (doc[start].lower_ in _words("title_modifiers.txt")
                               and not _is_org_head(doc[start])):
            start += 1
        heads = [t.i for t in doc[start:end] if _is_org_head(t)]
        if not heads:
            continue
        if not any(doc[k].lower_ in CONNECTORS for k in range(heads[0], end)):
            end = heads[-1] + 1
        if end - start > 1:
            yield start, end


@cache
def _ministry_pattern() -> re.Pattern[str]:
    cap = r"[A-Z][\w’'-]*"
    return re.compile(
        rf"\b(?:(?P<pre>{cap}(?: {cap})*) [Mm]inistry\b|[Mm]inistry of (?:the )?(?P<post>{cap}"
        rf"(?:(?: and| &)? {cap})*))")


def _ministry_cands(doc: Doc) -> Iterator[_Cand]:
    for m in _ministry_pattern().finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        start, end = _trim(doc, span.start, span.end)
        while start < end and (doc[start].is_stop
                               or doc[start].lower_ in _words("title_modifiers.txt")):
            start += 1
        if end - start >= 2:
            yield _Cand(start, end, "Organization", "MINISTRY")


# ---------------------------------------------------------------- context: titles


@dataclass
class _Title:
    text: str
    begin: int
    end: int


def _chain_start(doc: Doc, start: int) -> int:
    """Token index where a job-title phrase written before a name begins (== start if none)."""
    mods = _words("title_modifiers.txt")
    j = start - 1
    while j >= 0 and start - j <= MAX_CHAIN:
        tok = doc[j]
        if "\n" in tok.whitespace_ or tok.is_space:
            break
        if _attached(doc, j):
            j -= 1
            continue
        if (_is_title_head(doc, j) or tok.lower_ in mods or _is_name_token(tok)
                or (tok.pos_ in {"NOUN", "ADJ", "PROPN"} and tok.is_alpha and not tok.is_stop)
                or (tok.lower_ in {"and"} | TITLE_PREPS and j > 0)):
            j -= 1
            continue
        break
    first = j + 1
    while first < start and doc[first].lower_ in {"and"} | TITLE_PREPS:
        first += 1
    return first


def _premod_titles(doc: Doc, start: int, orgs: Sequence[_Cand] = ()
                   ) -> list[tuple[_Title, _Cand | None]]:
    """Titles written before a name ("Deputy Health Minister", "X chief and Y chief").

    An organisation that opens the phrase ("RBA Secretary-General") is returned with the
    title instead of being part of it.
    """
    if start == 0 or not (_is_title_head(doc, start - 1) or _title_of_before(doc, start)):
        return []
    first = _chain_start(doc, start)
    lead = next((o for o in orgs if o.start <= first < o.end and o.end < start), None)
    if lead is not None:
        first = lead.end
    titles: list[tuple[_Title, _Cand | None]] = []
    seg = first
    for i in range(first, start + 1):
        if i == start or doc[i].lower_ == "and":
            if seg < i and any(_is_title_head(doc, k) for k in range(seg, i)):
                seg = _trim_title_start(doc, seg, i)
                title = _Title(doc[seg:i].text, doc[seg].idx, doc[i - 1].idx + len(doc[i - 1]))
                titles.append((title, lead if not titles else None))
            seg = i + 1
    return titles


def _title_of_before(doc: Doc, start: int) -> bool:
    """True when "TITLE of/from Complement" ends right before token ``start`` (1-3 words)."""
    return any(_after_title_of(doc, k) and all(_is_name_token(doc[m]) for m in range(k, start))
               for k in range(max(start - 3, 2), start))


def _trim_title_start(doc: Doc, seg: int, end: int) -> int:
    """Drop lowercase words before a title that are not title vocabulary ("newly-appointed")."""
    mods = _words("title_modifiers.txt")
    while seg < end - 1:
        tok = doc[seg]
        if _is_cap(tok) or tok.lower_ in mods or _is_title_head(doc, seg) or tok.pos_ == "NOUN":
            break
        seg += 1
    while seg < end - 1 and (_attached(doc, seg) or doc[seg].text in POSSESSIVES):
        seg += 1
    return seg


def _appos_end(doc: Doc, begin: int) -> int:
    """Token index where an apposition starting at ``begin`` ends."""
    j = begin
    while j < len(doc) and j - begin < MAX_APPOS:
        tok = doc[j]
        if tok.text in APPOS_STOP or "\n" in tok.text or tok.is_space:
            break
        if tok.text == ",":
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if not (nxt is not None and _is_cap(doc[j - 1]) and _is_name_token(nxt)
                    and any(doc[k].lower_ == "and" for k in range(j + 1, min(j + 6, len(doc))))):
                break
        if (tok.tag_ in FINITE_TAGS or tok.pos_ == "AUX") and not _is_cap(tok):
            break
        if "\n" in tok.whitespace_:
            return j + 1
        j += 1
    return j


def _appos_title(doc: Doc, end: int, orgs: Sequence[_Cand], people: Sequence[_Cand] = ()
                 ) -> tuple[_Title, _Cand | None] | None:
    """A title in apposition after a name ("X, spokesperson for the Ministry of Y").

    A phrase that opens with a conjunction or names another person is a list, not an
    apposition.
    """
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ == "CCONJ":
        return None
    b = end + 1
    if doc[b].lower_ in {"a", "an", "the"}:
        b += 1
    if b + 1 < len(doc) and doc[b + 1].text in POSSESSIVES and _is_cap(doc[b]):
        b += 2
    e = _appos_end(doc, b)
    if e <= b or any(b <= p.start < e for p in people):
        return None
    cut = next((k for k in range(b, e) if doc[k].lower_ in ORG_PREPS | APPOS_CUT), e)
    heads = [k for k in range(b, min(cut, b + 7)) if _is_title_head(doc, k)]
    if not heads:
        return None
    head = heads[-1]
    if any(doc[k].pos_ in {"VERB", "AUX", "PRON", "NUM"} for k in range(b, head)):
        return None
    org = next((o for o in reversed(orgs) if b <= o.start and o.end <= e and o.start > head), None)
    t_end = e
    if org is not None:
        preps = [k for k in range(head + 1, org.start) if doc[k].lower_ in ORG_PREPS]
        t_end = preps[-1] if preps else org.start
    else:
        t_end = next((k for k in range(head + 1, e) if doc[k].lower_ in APPOS_CUT), e)
    while t_end > head + 1 and (doc[t_end - 1].is_punct or doc[t_end - 1].lower_ in CONNECTORS
                                or doc[t_end - 1].lower_ == "the"):
        t_end -= 1
    t_end = max(t_end, head + 1)
    first = _trim_title_start(doc, b, t_end)
    span = doc[first:t_end]
    return _Title(span.text, span.start_char, span.end_char), org


def _honorific_before(doc: Doc, start: int) -> tuple[int, str] | None:
    """Char offset and text of an honorific right before token ``start`` ("Lt. Gen. ")."""
    begin = doc[start].idx
    window = doc_text(doc)[max(0, begin - 40):begin]
    if _last_word(window) not in lexicon().actors.honorifics.ends:  # 0.3 us; the regex search takes 4 us
        return None
    m = lexicon().actors.honorifics.suffix.search(window)
    if not m:
        return None
    return begin - (len(window) - m.start()), m.group(0).strip()


def _last_word(window: str) -> str | None:
    """The word ``window`` ends on, lowercased, when whitespace follows it (after any dots:
    "Gen. "); None otherwise.

    >>> _last_word("(Lt. Gen. "), _last_word("said the"), _last_word("the H.E. ")
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


def _reporting_subject(doc: Doc, start: int, end: int) -> bool:
    verbs = lexicon().speech.reporting_verbs
    return any(t.dep_ in {"nsubj", "nsubjpass"} and t.head.lemma_.lower() in verbs
               and t.head.pos_ in {"VERB", "AUX"} for t in doc[start:end])


# ---------------------------------------------------------------- classification


def _person_shaped(doc: Doc, start: int, end: int) -> bool:
    toks = doc[start:end]
    glued = {t.i for t in toks[1:] if t.is_alpha and not doc[t.i - 1].whitespace_}
    return (1 <= len(toks) <= 4
            and all(_is_name_token(t) or _attached(doc, t.i) or t.i in glued for t in toks)
            and not any(_is_org_head(t) for t in toks)
            and not (len(toks) == 1 and toks[0].text.isupper()))


def _annotate(doc: Doc, cand: _Cand) -> _Cand:
    s, e = cand.start, cand.end
    cand.strong = bool(_honorific_before(doc, s) or _premod_titles(doc, s)
                       or _appos_title(doc, e, []))
    cand.speaker = _reporting_subject(doc, s, e)
    return cand


def _classify(doc: Doc, cand: _Cand) -> str | None:
    """Repaired kind of a candidate, or None to drop it."""
    s, e = cand.start, cand.end
    toks = doc[s:e]
    if _place_after(doc, e):
        return "Place"
    if any(_is_org_head(t) for t in toks) and not (cand.label == "PERSON" and cand.strong):
        return "Organization" if len(toks) > 1 or cand.kind == "Organization" else None
    shaped = _person_shaped(doc, s, e)
    if cand.kind == "Person" and len(toks) == 1 and e < len(doc) and _is_title_head(doc, e):
        return None
    if cand.kind == "Person":
        loose = all(_is_cap(t) and t.is_alpha for t in toks) and not toks.text.isupper()
        return "Person" if shaped or (loose and len(toks) > 1) else None
    if shaped and cand.strong and not _is_acronym(toks.text):
        return "Person"
    if cand.kind == "" and shaped and cand.speaker and len(toks) >= 2:
        return "Person"
    return cand.kind or None


def _overlap_resolve(cands: list[_Cand]) -> list[_Cand]:
    """Keep non-overlapping candidates, preferring longer ones, then spaCy's, then patterns."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), c.label == "", c.start))
    taken: list[_Cand] = []
    for c in order:
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _candidates(doc: Doc) -> list[_Cand]:
    name_runs = list(_name_runs(doc))
    orgs = [_Cand(s, e, "Organization") for s, e in _org_runs(doc, name_runs)]
    orgs += list(_ministry_cands(doc))
    ents = list(_spacy_cands(doc))
    runs = []
    for s, e in name_runs:
        s, e = _trim(doc, s, e)
        s = _strip_person_prefix(doc, s, e) if s < e else s
        if s < e and _person_shaped(doc, s, e) and not (e < len(doc) and _is_title_head(doc, e)):
            runs.append(_Cand(s, e, ""))
    spacy_cover = {(c.start, c.end) for c in ents}
    runs = [r for r in runs if (r.start, r.end) not in spacy_cover]
    # organisation runs beat shorter overlapping ents; person ents inside an org run are dropped
    pool = []
    for c in ents + runs:
        _annotate(doc, c)
        kind = _classify(doc, c)
        if kind:
            c.kind = kind
            pool.append(c)
    for o in orgs:
        o.kind = "Place" if _place_after(doc, o.end) else "Organization"
    return _overlap_resolve(orgs + pool)


# ---------------------------------------------------------------- identity


@dataclass
class _Cluster:
    kind: str
    forms: list[tuple[Span, str, str]] = field(default_factory=list)  # span, surface, name
    evidence: list[tuple[str, str]] = field(default_factory=list)
    gender: str | None = None
    key: str = ""

    def names(self) -> list[str]:
        return [n for _, _, n in self.forms]

    def tokens(self) -> set[str]:
        return {t.lower() for n in self.names() for t in n.split()}

    def full(self) -> list[str]:
        return max((n.split() for n in self.names()), key=len)


def _name_of(doc: Doc, c: _Cand) -> str:
    return re.sub(r"\s+", " ", doc[c.start:c.end].text).strip()


def _person_clusters(doc: Doc, cands: list[_Cand]) -> list[_Cluster]:
    persons = [c for c in cands if c.kind == "Person"]
    clusters: list[_Cluster] = []
    named: dict[tuple[str, ...], _Cluster] = {}  # the words of each name -> its one cluster
    fulls: dict[int, list[str]] = {}  # id of a cluster -> the words of its longest name, lowercased
    ordered = sorted(persons, key=lambda c: (-(c.end - c.start), c.start))
    for c in ordered:
        name = _name_of(doc, c)
        toks = name.lower().split()
        hon = _honorific_before(doc, c.start)
        begin = hon[0] if hon else doc[c.start].idx
        surface = doc_text(doc)[begin:doc[c.end - 1].idx + len(doc[c.end - 1])]
        cluster, reason = named.get(tuple(toks)), ""
        if cluster is None:
            cluster, reason = _find_person(clusters, [fulls[id(cl)] for cl in clusters], toks)
        if cluster is None:
            cluster = _Cluster("Person")
            clusters.append(cluster)
        elif reason:
            cluster.evidence.append((name, reason))
        if hon:
            gender = lexicon().actors.honorifics.gender.get(re.sub(r"[^a-z ]", "", hon[1].lower()).strip())
            cluster.gender = cluster.gender or gender
            if surface != name:
                cluster.evidence.append((surface, "honorific"))
        span = Span(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]))
        cluster.forms.append((span, surface, name))
        named.setdefault(tuple(toks), cluster)
        fulls[id(cluster)] = [t.lower() for t in cluster.full()]
    return clusters


def _find_person(clusters: list[_Cluster], fulls: list[list[str]], toks: list[str]) -> tuple[_Cluster | None, str]:
    """The cluster a new person name belongs to, given each cluster's longest name
    (lowercased words), with the merge reason."""
    short = [cl for cl, full in zip(clusters, fulls) if _is_short_form(toks, full)]
    if len(short) == 1:
        return short[0], "short name"
    if short:
        return None, ""
    near = [cl for cl, full in zip(clusters, fulls) if _is_near_form(toks, full)]
    if len(near) == 1:
        return near[0], "near spelling"
    return None, ""


def _is_short_form(toks: list[str], full: list[str]) -> bool:
    n = len(toks)
    return 0 < n < len(full) and (full[-n:] == toks or full[:n] == toks)


def _is_near_form(toks: list[str], full: list[str]) -> bool:
    if len(toks) == len(full) and len(toks) > 1:
        diffs = [(a, b) for a, b in zip(toks, full) if a != b]
        return len(diffs) == 1 and toks[0] == full[0] and near_spelling(*diffs[0])
    if len(toks) == 1 and len(full) > 1:
        return any(near_spelling(toks[0], f) for f in full[1:]) or near_spelling(toks[0], full[0])
    return False


def _org_key(name: str) -> tuple[str, str]:
    """Matching key and display form of an organisation name (ministry word orders unify)."""
    clean = re.sub(r"\s+", " ", name).strip()
    m = re.fullmatch(r"(?P<pre>.+?) [Mm]inistry|[Mm]inistry of (?:the )?(?P<post>.+)", clean)
    if m:
        core = (m.group("pre") or m.group("post")).strip()
        core = _ministry_names().get(core.lower(), core)
        core = " ".join(w[:1].upper() + w[1:] if w.islower() and w not in CONNECTORS else w
                        for w in core.split())
        return f"ministry of {core.lower()}", f"Ministry of {core}"
    return clean.lower(), clean


def _acronym_defs(doc: Doc, orgs: list[_Cand]) -> dict[int, str]:
    """Org candidate index -> acronym defined right after it ("... Basin Authority (RBA)")."""
    out = {}
    for idx, o in enumerate(orgs):
        j = o.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            acr = doc[j + 1].text
            if _is_acronym(acr):
                out[idx] = acr
    return out


def _org_clusters(doc: Doc, cands: list[_Cand]) -> list[_Cluster]:
    orgs = [c for c in cands if c.kind == "Organization"]
    acr = _acronym_defs(doc, orgs)
    by_key: dict[str, _Cluster] = {}
    clusters: list[_Cluster] = []
    for idx, o in enumerate(orgs):
        name = _name_of(doc, o)
        key, display = _org_key(name)
        cl = by_key.get(key)
        if cl is None and len(name.split()) == 1:
            cl = _org_by_head(clusters, name)
            if cl is None and _is_org_head(doc[o.start]) and not name.isupper():
                continue
            if cl is not None:
                cl.evidence.append((name, "short name"))
        if cl is None:
            cl = _Cluster("Organization", key=display)
            clusters.append(cl)
        elif name != cl.key and (name, "short name") not in cl.evidence:
            cl.evidence.append((name, "ministry form" if key.startswith("ministry of ")
                                else "case variant"))
        if len(display) > len(cl.key) and not _is_acronym(display):
            cl.key = display
        by_key[key] = cl
        span = Span(doc[o.start].idx, doc[o.end - 1].idx + len(doc[o.end - 1]))
        cl.forms.append((span, name, name))
        if idx in acr and acr[idx].lower() not in by_key:
            by_key[acr[idx].lower()] = cl
            cl.evidence.append((acr[idx], "acronym"))
    _add_acronym_mentions(doc, by_key, cands, clusters)
    return clusters


def _org_by_head(clusters: list[_Cluster], word: str) -> _Cluster | None:
    hits = [cl for cl in clusters if cl.key.split()[-1].lower() == word.lower()
            and len(cl.key.split()) > 1]
    return hits[0] if len(hits) == 1 else None


def _add_acronym_mentions(doc: Doc, by_key: dict[str, _Cluster], cands: list[_Cand],
                          clusters: list[_Cluster]) -> None:
    """Mentions of defined acronyms that no candidate covers ("RBA Secretary-General")."""
    taken = {(f[0].begin) for cl in clusters for f in cl.forms}
    for tok in doc:
        cl = by_key.get(tok.lower_)
        if cl is None or not _is_acronym(tok.text) or tok.idx in taken:
            continue
        if any(c.start <= tok.i < c.end for c in cands):
            continue
        cl.forms.append((Span(tok.idx, tok.idx + len(tok)), tok.text, tok.text))


def _place_clusters(doc: Doc, cands: list[_Cand]) -> list[_Cluster]:
    by_key: dict[str, _Cluster] = {}
    for c in cands:
        if c.kind != "Place":
            continue
        name = _name_of(doc, c)
        cl = by_key.setdefault(name.lower(), _Cluster("Place", key=name))
        span = Span(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]))
        cl.forms.append((span, name, name))
    return list(by_key.values())


def _short_mentions(doc: Doc, cands: list[_Cand], clusters: list[_Cluster]) -> list[_Cand]:
    """Lone capitalised words that are a known person's name token (or a near spelling)."""
    covered = set()
    for c in cands:
        covered.update(range(c.start, c.end))
    known = [(cl.tokens(), [t.lower() for t in cl.full()]) for cl in clusters]
    extra = []
    for tok in doc:
        if tok.i in covered or not _is_name_token(tok) or tok.text.isupper():
            continue
        if any(0 <= k < len(doc) and _is_name_token(doc[k]) and not doc[k].is_sent_start
               for k in (tok.i - 1, tok.i + 1)) and not tok.is_sent_start:
            continue
        if _place_after(doc, tok.i + 1) or _is_org_head(tok) or _is_title_head(doc, tok.i):
            continue
        exact = [cl for cl, (words, full) in zip(clusters, known) if tok.lower_ in words and len(full) > 1]
        if len(exact) == 1 or (not exact and _reporting_subject(doc, tok.i, tok.i + 1)
                               and sum(_is_near_form([tok.lower_], full) for _, full in known) == 1):
            extra.append(_Cand(tok.i, tok.i + 1, "Person", "SHORT"))
    return extra


def _repair_with_people(doc: Doc, cands: list[_Cand], clusters: list[_Cluster]
                        ) -> list[_Cand]:
    """Second look at labels once the article's full person names are known.

    A one-word place or organisation that is a person's family name (or that speaks and is
    a near spelling of a name) becomes that person; an org or place span ending in a full
    person name ("Vermont Bernie Sanders") becomes the person; a one-word "person" with no
    context that is a word of an organisation or place name ("Jolo" of "Jolo Cathedral") is
    dropped.
    """
    fulls = [[t.lower() for t in cl.full()] for cl in clusters if len(cl.full()) > 1]
    lasts = {f[-1] for f in fulls}
    words = {t for f in fulls for t in f}
    other = {t.lower_ for c in cands if c.kind != "Person" for t in doc[c.start:c.end]}
    kept = []
    for c in cands:
        toks = [t.lower_ for t in doc[c.start:c.end]]
        if c.kind != "Person" and not any(_is_org_head(t) for t in doc[c.start:c.end]):
            if len(toks) == 1 and (toks[0] in lasts or ((c.speaker or c.strong) and (
                    toks[0] in words or any(_is_near_form(toks, f) for f in fulls)))):
                c.kind = "Person"
            tail = next((f for f in fulls if len(toks) > len(f) and toks[-len(f):] == f), None)
            if tail is not None:
                c.start, c.kind = c.end - len(tail), "Person"
        elif (c.kind == "Person" and len(toks) == 1 and not (c.strong or c.speaker)
              and toks[0] not in words and toks[0] in other):
            continue
        kept.append(c)
    return kept


# ---------------------------------------------------------------- entities and roles


def _to_entity(key: str, cl: _Cluster, canonical: str) -> Entity:
    mentions = sorted((Mention(span, name) for span, _, name in cl.forms),
                      key=lambda m: m.span.begin)
    aliases = {s for _, s, _ in cl.forms} | {n for _, _, n in cl.forms}
    aliases |= {a for a, r in cl.evidence if r == "acronym"}
    aliases.discard(canonical)
    evidence = list(dict.fromkeys((a, r) for a, r in cl.evidence if a != canonical))
    return Entity(key, cl.kind, canonical, aliases, mentions, cl.gender, evidence)  # type: ignore[arg-type]


def _canonical_person(cl: _Cluster) -> str:
    names = cl.names()
    return max(names, key=lambda n: (len(n.split()), names.count(n), -names.index(n)))


def extract_entities(doc: Doc) -> tuple[list[Entity], list[Role]]:
    """The people, organisations and places of a parsed article, and the roles people hold.

    Args:
        doc: ``nlp(article.masked_text())``; offsets index the original text.

    Returns:
        Entities keyed ``"e0"``, ``"e1"``, ... (people first, then organisations, then
        places), each with every mention, its aliases and the evidence for each merge; and
        the job titles of the people, with the organisation each title names or implies.

    Example:
        >>> from graph.nlp import load_nlp
        >>> ents, roles = extract_entities(load_nlp()(
        ...     "Health Minister Lena Okafor said on Monday that Okafor would resign."))
        >>> ents[0].name, sorted(ents[0].aliases), roles[0].title
        ('Lena Okafor', ['Okafor'], 'Health Minister')
    """
    cands = _candidates(doc)
    people = _person_clusters(doc, cands)
    cands = _repair_with_people(doc, cands, people)
    cands = sorted(cands + _short_mentions(doc, cands, people), key=lambda c: c.start)
    people = _person_clusters(doc, cands)
    orgs = _org_clusters(doc, cands)
    places = _place_clusters(doc, cands)
    entities: list[Entity] = []
    for cl in people:
        entities.append(_to_entity(f"e{len(entities)}", cl, _canonical_person(cl)))
    for cl in orgs + places:
        entities.append(_to_entity(f"e{len(entities)}", cl, cl.key))
    roles = _roles(doc, cands, entities)
    return entities, roles


def _entity_at(entities: list[Entity], begin: int, end: int, kind: str) -> Entity | None:
    for e in entities:
        if e.kind == kind and any(m.span.begin >= begin and m.span.end <= end for m in e.mentions):
            return e
    return None


def _roles(doc: Doc, cands: list[_Cand], entities: list[Entity]) -> list[Role]:
    orgs = [c for c in cands if c.kind == "Organization"]
    people = [c for c in cands if c.kind == "Person"]
    roles: list[Role] = []
    seen: set[tuple[str, str]] = set()
    for c in cands:
        if c.kind != "Person":
            continue
        begin = doc[c.start].idx
        person = next((e for e in entities if e.kind == "Person"
                       and any(m.span.end == doc[c.end - 1].idx + len(doc[c.end - 1])
                               and m.span.begin <= begin for m in e.mentions)), None)
        if person is None:
            continue
        found: list[tuple[_Title, Entity | None]] = []
        for t, lead in _premod_titles(doc, _hon_start(doc, c.start), orgs):
            found.append((t, _cand_org(doc, lead, entities) or _title_org(doc, t, entities)))
        appos = _appos_title(doc, c.end, orgs, people)
        if appos:
            t, org = appos
            found.append((t, _cand_org(doc, org, entities) or _title_org(doc, t, entities)))
        for t, org_ent in found:
            if (person.key, t.text.lower()) in seen:
                continue
            seen.add((person.key, t.text.lower()))
            roles.append(Role(person.key, t.text, org_ent.key if org_ent else None,
                              Span(t.begin, t.end)))
    return roles


def _cand_org(doc: Doc, cand: _Cand | None, entities: list[Entity]) -> Entity | None:
    if cand is None:
        return None
    return _entity_at(entities, doc[cand.start].idx,
                      doc[cand.end - 1].idx + len(doc[cand.end - 1]), "Organization")


def _hon_start(doc: Doc, start: int) -> int:
    """Token index of an honorific before ``start``, so titles are read before it."""
    hon = _honorific_before(doc, start)
    if not hon:
        return start
    span = doc.char_span(hon[0], doc[start].idx, alignment_mode="expand")
    return span.start if span is not None else start


def _title_org(doc: Doc, title: _Title, entities: list[Entity]) -> Entity | None:
    """The organisation a title names ("RBA Secretary-General") or implies ("Water
    Minister" -> Ministry of Water), creating it when the article has no such entity."""
    named = _entity_at(entities, title.begin, title.end, "Organization")
    if named is not None:
        return named
    m = re.search(r"(?P<pre>(?:[A-Z][\w’'-]* )+)(?:[Mm]inister|[Mm]inistry)\b"
                  r"|[Mm]inister (?:of|for) (?:the )?(?P<post>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)",
                  title.text)
    if not m:
        return None
    core = (m.group("pre") or m.group("post")).strip()
    core = " ".join(w for w in core.split() if w.lower() not in _words("title_modifiers.txt"))
    if not core or core.lower() in {"prime"}:
        return None
    key, display = _org_key(f"Ministry of {core}")
    for e in entities:
        if e.kind == "Organization" and _org_key(e.name)[0] == key:
            return e
    org = Entity(f"e{len(entities)}", "Organization", display,
                 evidence=[(title.text, "title implies organisation")])
    entities.append(org)
    return org
