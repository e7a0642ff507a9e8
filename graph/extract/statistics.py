"""Figures stated in an article: the number, its unit, what it measures, when, and who said it.

:func:`extract_statistics` finds numbers written in digits or words ("12,840", "2.8
million", "nearly three tonnes", "a tonne", "$4", "19%"), skips those that are not
quantities (years, dates, times, ordinals, ages, phone and street numbers, numbers inside
names), and reads around each one its normalised unit, qualifier, measure, period and
source. Word lists live in ``graph/data/`` (number words, units, counted nouns,
qualifiers, nouns that are not counted, label words; job titles count people).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from spacy.tokens import Doc, Span as SpacySpan, Token

from graph.records import Article, Entity, Span, Statement, Statistic
from graph.lexicon import lexicon
from graph.textutil import data_lines, doc_ents, doc_text


SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "LOC", "FAC",
                       "LAW", "PRODUCT", "EVENT", "WORK_OF_ART", "NORP", "LANGUAGE"})
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
CODE_CHARS = re.compile(r"[\d+()/.-]")
CODE = re.compile(r"\d+(?:[-/.()]+\d+){2,}")
ACCORDING = ("according", "to")
MAX_NOUN_GAP = 4








@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in data_lines(name))


@cache
def _table(name: str) -> dict[str, tuple[str, ...]]:
    return {cols[0].lower(): tuple(cols[1:]) for cols in (ln.split("\t") for ln in data_lines(name))}


@cache
def _qualifiers() -> list[str]:
    return sorted(_words("qualifiers.txt"), key=len, reverse=True)


# ---------------------------------------------------------------- numbers


@dataclass
class _Number:
    start: int  # token index of the first number token
    end: int  # token index after the last number token (scale words included)
    value: Decimal
    article: bool  # "a"/"an": only a quantity before a unit


def _word_value(tok: Token) -> tuple[Decimal, str] | None:
    row = _table("numbers.tsv").get(tok.lower_)
    return (Decimal(row[0]), row[1]) if row else None


def _read_number(doc: Doc, i: int) -> _Number | None:
    """The number starting at token ``i`` (digits or words, with scale words), if any."""
    tok = doc[i]
    if DIGITS.match(tok.text):
        value, article = Decimal(tok.text.replace(",", "")), False
    else:
        word = _word_value(tok)
        if word is None or word[1] == "scale":
            return None
        value, article = word[0], word[1] == "article"
    j = i + 1
    while j < len(doc):
        if doc[j].text == "-" and j + 1 < len(doc) and not doc[j - 1].whitespace_:
            nxt = _word_value(doc[j + 1])
            if nxt and nxt[1] == "unit" and value % 10 == 0 and nxt[0] < 10:
                value, j = value + nxt[0], j + 2
                continue
        word = _word_value(doc[j])
        if word is None or word[1] != "scale":
            break
        value, j, article = value * word[0], j + 1, False
    return _Number(i, j, value, article)


def _numbers(doc: Doc) -> list[_Number]:
    out, i = [], 0
    while i < len(doc):
        num = _read_number(doc, i)
        if num is None or (i > 0 and _read_number(doc, i - 1) is not None
                           and not doc[i - 1].is_punct and _word_value(doc[i - 1]) is not None
                           and _word_value(doc[i - 1])[1] != "article"):
            i += 1
            continue
        out.append(num)
        i = num.end
    return out


# ---------------------------------------------------------------- units


@dataclass
class _Unit:
    unit: str
    begin: int  # token range of the unit words (symbol or noun)
    end: int
    noun: Token | None  # the counted or measured noun, when there is one


def _suffix_unit(doc: Doc, j: int) -> tuple[str, int] | None:
    """A unit word (possibly two words) starting at token ``j``."""
    units = _table("units.tsv")
    if j + 1 < len(doc):
        two = f"{doc[j].lower_} {doc[j + 1].lower_}"
        if two in units and units[two][1] == "suffix":
            return units[two][0], j + 2
    row = units.get(doc[j].lower_) if j < len(doc) else None
    if row and row[1] == "suffix":
        return row[0], j + 1
    return None


def _prefix_unit(doc: Doc, num: _Number) -> tuple[str, int] | None:
    units = _table("units.tsv")
    i = num.start
    for k in (1, 2):
        if i - k >= 0:
            text = doc[i - k:i].text.replace(" ", "").lower()
            row = units.get(text)
            if row and row[1] == "prefix":
                return row[0], i - k
    return None


def _counted_noun(doc: Doc, num: _Number) -> Token | None:
    """The noun a number counts ("12,840 people", "3,215 reported burglaries")."""
    last = doc[num.end - 1]
    if (last.dep_ in {"nummod", "quantmod"} and last.head.pos_ in {"NOUN", "PROPN"}
            and 0 < last.head.i - last.i <= MAX_NOUN_GAP + 2):
        return last.head
    for j in range(num.end, min(num.end + MAX_NOUN_GAP + 1, len(doc))):
        tok = doc[j]
        if tok.pos_ in {"NOUN", "PROPN"} and not (j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN"
                                                   and doc[j + 1].dep_ != "conj"
                                                   and tok.dep_ == "compound"):
            return tok
        if tok.pos_ not in {"ADJ", "NOUN", "PUNCT", "VERB"} or tok.text in {",", "."}:
            return None
        if tok.pos_ == "VERB" and tok.tag_ not in {"VBN", "VBG"}:
            return None
    return None


def _unit(doc: Doc, num: _Number) -> _Unit | None:
    pre = _prefix_unit(doc, num)
    suf = _suffix_unit(doc, num.end)
    if suf is None and num.end < len(doc) and doc[num.end].text == "-":
        suf = _suffix_unit(doc, num.end + 1)
    if pre:
        noun = _counted_noun(doc, num)
        end = suf[1] if suf and suf[0] == pre[0] else num.end
        return _Unit(pre[0], pre[1], end, noun)
    if suf:
        return _Unit(suf[0], num.end, suf[1], _of_noun(doc, suf[1]))
    if num.article:
        return None
    noun = _counted_noun(doc, num)
    if noun is None:
        return _Unit(_elided_unit(doc, num), num.end, num.end, None)
    lemma = noun.lemma_.lower()
    if lemma in _words("not_counted.txt") or noun.lower_ in _words("not_counted.txt"):
        return None
    counted = _table("counted_nouns.tsv")
    unit = (counted.get(noun.lower_) or counted.get(lemma) or (lemma,))[0]
    if noun.ent_type_ == "NORP" or lemma in _words("titles.txt"):
        unit = "person"
    return _Unit(unit, num.end, noun.i + 1, noun)


def _of_noun(doc: Doc, j: int) -> Token | None:
    """The noun after "of" following a unit ("tonnes of rice" -> rice)."""
    if j < len(doc) and doc[j].lower_ == "of":
        for k in range(j + 1, min(j + 1 + MAX_NOUN_GAP, len(doc))):
            if doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].dep_ != "compound":
                return doc[k]
    return None


def _elided_unit(doc: Doc, num: _Number) -> str:
    """Unit of a bare number ("about 50 who tested positive"): the counted noun earlier in
    the sentence, else "count"."""
    counted = _table("counted_nouns.tsv")
    sent = doc[num.start].sent
    for tok in reversed(list(doc[sent.start:num.start])):
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() in counted or tok.lower_ in counted):
            return (counted.get(tok.lower_) or counted[tok.lemma_.lower()])[0]
    return "count"


# ---------------------------------------------------------------- filters


def _is_quantity(doc: Doc, num: _Number, unit: _Unit | None) -> bool:
    tok = doc[num.start]
    if unit is None:
        return False
    measured = unit.unit in _unit_names()
    if tok.ent_type_ in SKIP_ENTS and not (tok.ent_type_ in {"DATE", "TIME"} and measured):
        return False
    if num.start > 0 and doc[num.start - 1].lower_ in lexicon().calendar.words:
        return False
    if YEAR.match(tok.text) and unit.noun is None and unit.unit == "count":
        return False
    if YEAR.match(tok.text) and not _prefix_unit(doc, num) and unit.unit not in _unit_names():
        if unit.noun is None or unit.noun.i != num.end:
            return False
    prev = doc[num.start - 1] if num.start > 0 else None
    if prev is not None and (prev.lower_.rstrip(".") in _words("number_blockers.txt")
                             or prev.text in {"#", "No.", "no."}):
        return False
    if _in_code(doc_text(doc), tok.idx, tok.idx + len(tok)):
        return False
    if tok.lower_ == "one" and not (measured or unit.unit == "person"):
        return False
    if num.end < len(doc) and doc[num.end].lower_ in {"-year-old", "year-old"}:
        return False
    return not (unit.unit == "count" and not DIGITS.match(tok.text))


def _in_code(text: str, begin: int, end: int) -> bool:
    """True when the number is part of a phone number, code or date ("012-345-678")."""
    while begin > 0 and CODE_CHARS.match(text[begin - 1]):
        begin -= 1
    while end < len(text) and CODE_CHARS.match(text[end]):
        end += 1
    return bool(CODE.search(text[begin:end]))


@cache
def _unit_names() -> frozenset[str]:
    return frozenset(row[0] for row in _table("units.tsv").values())


# ---------------------------------------------------------------- context


def _qualifier(doc: Doc, num: _Number, begin: int) -> tuple[str | None, int]:
    """The qualifier right before the figure ("nearly", "more than") and its start offset."""
    before = doc_text(doc)[max(0, begin - 30):begin].lower()
    for q in _qualifiers():
        if re.search(rf"(?:^|\W){re.escape(q)}\s+$", before):
            start = begin - len(before) + before.rstrip().rfind(q)
            if num.article and q in {"some"}:
                continue
            return q, start
    return None, begin


def _compact(tok: Token) -> str:
    """A noun with its adjective and compound modifiers ("flood-related deaths")."""
    left = [c for c in tok.lefts if c.dep_ in {"amod", "compound"} and not c.like_num]
    start = min([c.left_edge.i for c in left] + [tok.i])
    span = tok.doc[start:tok.i + 1]
    words = [t for t in span if not t.like_num and t.lower_ not in _words("qualifiers.txt")
             and _table("units.tsv").get(t.lower_) is None]
    return " ".join(t.text for t in words).replace(" - ", "-").strip()


def _measure(doc: Doc, num: _Number, unit: _Unit) -> str | None:
    noun = unit.noun
    num_tok = doc[num.start]
    if unit.unit in {"percent", "percentage point"}:
        host = doc[unit.end] if unit.end < len(doc) and doc[unit.end].pos_ == "NOUN" else None
        if host is not None:
            obj = _prep_object(host)
            return f"{host.text} in {obj}" if obj else host.text
        verb = next((a for a in num_tok.ancestors if a.pos_ == "VERB"), None)
        if verb is not None:
            subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.pos_ in {"NOUN", "PROPN"}:
                obj = _prep_object(subj)
                return f"{obj or _compact(subj)} {verb.text}"
        return None
    if noun is None:
        verb = doc[_clause(num_tok)]
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
            return None
        return f"{_compact(subj)} {_participle(verb)}"
    phrase = _compact(noun)
    verb = noun.head if noun.dep_ in {"dobj", "nsubjpass", "nsubj"} else None
    acl = next((c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
    verb = acl or verb
    if verb is not None and verb.pos_ == "VERB" and verb.lemma_ not in {"be", "have"}:
        return f"{phrase} {_participle(verb)}"
    return phrase or None


def _participle(verb: Token) -> str:
    if verb.tag_ in {"VBN", "VBD"}:
        return verb.lower_
    return verb.lemma_.lower()


def _prep_object(noun: Token) -> str | None:
    """ "number of flood-related deaths" -> "flood-related deaths" (via in/of objects)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "of"}:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if obj.lower_ in {"number", "amount", "volume", "total", "quantity"}:
                return _prep_object(obj) or _compact(obj)
            return _compact(obj)
    return None


# ---------------------------------------------------------------- period


def _article_year(article: Article) -> int | None:
    if article.date and re.match(r"^\d{4}", article.date):
        return int(article.date[:4])
    return None


def _period(doc: Doc, num: _Number, article: Article) -> str | None:
    """When the figure applies: the date expression closest to it in its sentence."""
    sent = doc[num.start].sent
    dates = [e for e in doc_ents(doc) if e.start >= sent.start and e.end <= sent.end
             and e.label_ == "DATE" and not (e.start <= num.start < e.end)]
    if not dates:
        return None
    clause = _clause(doc[num.start])
    best = min(dates, key=lambda e: (_clause(e.root) != clause,
                                     min(abs(e.start - num.end), abs(num.start - e.end))))
    return _normalise_date(best, article, _latest_year(doc))


@lru_cache(maxsize=4)
def _latest_year(doc: Doc) -> int | None:
    """The latest year written in the Doc's dates (read once per Doc)."""
    years = [int(m.group(0)) for e in doc_ents(doc) if e.label_ == "DATE"
             for m in re.finditer(r"\b(?:19|20)\d\d\b", e.text)]
    return max(years) if years else None


def _clause(tok: Token) -> int:
    """Index of the verb that heads the clause a token stands in."""
    for t in [tok, *tok.ancestors]:
        if t.pos_ in {"VERB", "AUX"}:
            return t.i
    return tok.sent.root.i


def _normalise_date(ent: SpacySpan, article: Article, last_year: int | None) -> str | None:
    text = ent.text.strip()
    low = text.lower()
    year = _article_year(article)
    prev = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    since = prev in {"since", "from"} or low.startswith(("since ", "from "))
    m = re.search(r"\b(?:19|20)\d\d\b", text)
    if m and since:
        end = year or last_year
        return f"{m.group(0)}/{end}" if end and end > int(m.group(0)) else m.group(0)
    if re.fullmatch(r"(?:the )?(?:year )?(?:of )?(?:19|20)\d\d", low):
        return m.group(0) if m else None
    relative = {"last year": -1, "this year": 0, "the previous year": -1, "the past year": -1}
    if low in relative:
        return str(year + relative[low]) if year else None
    iso = _month_day(text, year)
    if iso:
        return iso
    return m.group(0) if m else None


def _month_day(text: str, year: int | None) -> str | None:
    months = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
    m = re.search(r"\b([A-Z][a-z]+)\s+(\d{1,2})\b(?:,?\s+((?:19|20)\d\d))?", text)
    if m and m.group(1).lower() in months:
        y = int(m.group(3)) if m.group(3) else year
        month, day = months.index(m.group(1).lower()) + 1, int(m.group(2))
        try:
            date(y or 2000, month, day)
        except ValueError:
            return None
        return f"{y:04d}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"
    m = re.search(r"\b([A-Z][a-z]+)\s+((?:19|20)\d\d)\b", text)
    if m and m.group(1).lower() in months:
        return f"{m.group(2)}-{months.index(m.group(1).lower()) + 1:02d}"
    return None


# ---------------------------------------------------------------- source


def _entity_at_token(tok: Token, entities: list[Entity]) -> str | None:
    for e in entities:
        if any(m.span.begin <= tok.idx < m.span.end for m in e.mentions):
            return e.key
    return None


def _source(doc: Doc, num: _Number, statements: list[Statement],
            entities: list[Entity]) -> str | None:
    """Who reported the figure: the speaker of the statement containing it, else the
    "according to" source or the reporting subject of its sentence."""
    begin = doc[num.start].idx
    for st in statements:
        if st.speaker and st.span.begin <= begin < st.span.end:
            return st.speaker
    sent = doc[num.start].sent
    for tok in sent:
        if tok.lower_ == ACCORDING[0] and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for t in doc[tok.i + 1].subtree:
                key = _entity_at_token(t, entities)
                if key:
                    return key
    root = sent.root
    if root.pos_ == "VERB" and root.lemma_ in _reporting():
        for c in root.children:
            if c.dep_ == "nsubj":
                return _entity_at_token(c, entities)
    return None


@cache
def _reporting() -> frozenset[str]:
    return lexicon().speech.reporting_verbs


# ---------------------------------------------------------------- public


def extract_statistics(doc: Doc, article: Article, entities: list[Entity],
                       statements: list[Statement]) -> list[Statistic]:
    """The figures an article states.

    Args:
        doc: ``nlp(article.masked_text())``.
        article: The article (its date resolves "last year" and open ranges).
        entities: All entities of the article (sources are taken from them).
        statements: The article's statements (a figure inside one is attributed to its
            speaker).

    Returns:
        One :class:`~graph.records.Statistic` per figure, in text order.

    Example:
        >>> from graph.nlp import load_nlp
        >>> text = "Police arrested 12,840 people in 2020."
        >>> stats = extract_statistics(load_nlp()(text), Article("a", "a.txt", text), [], [])
        >>> stats[0].value, stats[0].unit, stats[0].period
        (Decimal('12840'), 'person', '2020')
    """
    out = []
    for num in _numbers(doc):
        try:
            stat = _statistic(doc, num, article, entities, statements)
        except (InvalidOperation, ValueError, IndexError):
            stat = None
        if stat is not None:
            out.append(stat)
    return out


def _statistic(doc: Doc, num: _Number, article: Article, entities: list[Entity],
               statements: list[Statement]) -> Statistic | None:
    unit = _unit(doc, num)
    if not _is_quantity(doc, num, unit):
        return None
    assert unit is not None
    first = min(num.start, unit.begin)
    begin = doc[first].idx
    qualifier, begin = _qualifier(doc, num, begin)
    last = max(num.end, unit.end) - 1
    if unit.noun is not None and unit.noun.i > last and unit.noun.i - last <= MAX_NOUN_GAP + 2:
        last = unit.noun.i
    end = doc[last].idx + len(doc[last])
    return Statistic(
        value=num.value,
        unit=unit.unit,
        span=Span(begin, end),
        text=doc_text(doc)[begin:end],
        measure=_measure(doc, num, unit),
        period=_period(doc, num, article),
        qualifier=qualifier,
        source=_source(doc, num, statements, entities),
    )
