"""Direct quotes: which quoted runs are someone speaking, and who the text says it is.

A quoted run (:mod:`graph.extract.speech.marks`) is a direct quote when it carries an
attribution ("…,” he said", "…,” said X", "X said: “…”", a speaker label "X: “…”") or, without one, when it opens a
paragraph or sentence or follows a colon or comma; otherwise it is a quoted fragment (a
title, a scare quote), which makes the reported statement around it "mixed". Quotes that
follow each other without a new named speaker form one block, which shares a speaker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from graph.extract.speech.context import Attribution, Context, Draft
from graph.extract.speech.cues import is_passive, match_cue, names_a_time, participle_on_noun
from graph.extract.speech.marks import AMBIGUOUS, END_PUNCT, OPENERS, Quote, before_close, marked
from graph.extract.speech.speakers import (abbreviation_dot, according_object, inverted_subject,
                                           phrase_head, subject_of)
from graph.lexicon.speech import Cue
from graph.records import Span

OPENING_CONTEXT = ":—–"
SENTENCE_END = ".?!…"
#: Tokens an attribution may stand from its quote, and the largest object that may stand
#: between a cue and its quote ("told reporters: “…”").
ATTRIBUTION_WINDOW = 12
#: Tokens after a quote searched for its cue when the speaker phrase between them is long
#: ("…,” Jane Roe, the director of the Green River Network in Lakeside, said).
AFTER_WINDOW = 30
MAX_ADDRESSEE = 3
#: The most words of a quoted title or word a cue takes as its object ("said “no” to it").
MAX_TITLE_WORDS = 3
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "attr", "oprd", "conj", "cc"})
#: What ends the words that introduce a direct quote ("said in a letter, “…”").
INTRODUCING = ",:"
#: What, ending the words before a quote attributed after it, makes them no part of its
#: content but an introduction ("The verdict: “…,” Roe said", "When she spoke, “…,” ...").
CLAUSE_STOPS = ",:;—–-(["
#: Where and when a cue speaks, which the parser may hang on the quote ("said on Friday “…”").
ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "punct"})
#: Marks that open a signature line under a quote ("- Jane Roe, Lakeside."), and the most
#: tokens such a line has.
SIGNATURE_DASHES = "-—–"
MAX_SIGNATURE = 16


@dataclass(frozen=True)
class Quoting:
    """The quoted runs of an article, sorted into direct quotes and fragments.

    Attributes:
        direct: The direct quotes, in text order.
        fragments: The other quoted runs.
        attributions: Opening position of a direct quote -> its attribution, when it has one
            naming a subject.
        pending: Opening position of a fragment that ends a content opening before its mark
            -> the cue before it (see :func:`fallback_drafts`).
    """

    direct: tuple[Quote, ...]
    fragments: tuple[Quote, ...]
    attributions: Mapping[int, Attribution]
    pending: Mapping[int, Attribution]

    def direct_at(self, char: int) -> Quote | None:
        """The direct quote holding character ``char``."""
        return next((q for q in self.direct if q.outer.begin <= char < q.outer.end), None)

    def cue_tokens(self) -> frozenset[int]:
        """Indices of the cues that attribute direct quotes (they report nothing else)."""
        return frozenset(a.token.i for a in self.attributions.values())


def read_quotes(ctx: Context) -> Quoting:
    """Sort the article's quoted runs into direct quotes and fragments."""
    direct, fragments, attributions, pending = [], [], {}, {}
    for q in ctx.quotes:
        attribution = (_attribution_after(ctx, q) or _attribution_before(ctx, q) or _labelled(ctx, q)
                       or _signed(ctx, q))
        if attribution is not None and attribution.subject is not None and _content_opening(
                ctx, attribution.token, q) is not None:
            pending[q.outer.begin] = attribution
            fragments.append(q)
        elif attribution is not None and attribution.subject is not None:
            attributions[q.outer.begin] = attribution
            direct.append(q)
        elif _stands_alone(ctx, q):
            direct.append(q)
        else:
            fragments.append(q)
    return Quoting(tuple(direct), tuple(fragments), attributions, pending)


def direct_drafts(ctx: Context, quoting: Quoting) -> list[Draft]:
    """One draft per direct quote, numbered by block (a new block at each new paragraph
    that does not continue a quote, at each quote introduced by a name, and at each
    attributed quote after one already attributed in the block: in '“A,” Roe said. “B,”
    Poe said. “C.”' the quote C is Poe's)."""
    drafts = []
    block = -1
    attributed = False
    previous: Quote | None = None
    for q in quoting.direct:
        found = quoting.attributions.get(q.outer.begin)
        if previous is None or (found is not None and attributed) or not (q.continued or (
                q.paragraph == previous.paragraph and not _named_before(quoting, q)
                and not _introduced_by_name(ctx, q, previous))):
            block += 1
            attributed = False
        attributed = attributed or found is not None
        previous = q
        cue = found.cue if found else ctx.words.default_cue
        cue_span = Span(found.token.idx, found.token.idx + len(found.token.text)) if found else None
        clause = _clause_before(ctx, q) if found and found.token.idx >= q.outer.end else None
        drafts.append(Draft("mixed" if clause else "direct", clause or marked(ctx.text, q), cue, q.outer.begin,
                            found.subject if found else None, cue_span, block=block,
                            speech_act=cue.speech_act))
    return drafts


def _clause_before(ctx: Context, q: Quote) -> Span | None:
    """The clause a quote ends when its attribution comes after it and the sentence opens
    before the mark in words of the writer ("But the dam “will hold,” Roe said": the
    content is [But the dam “will hold,”], a mixed one), from the sentence start (or the
    end of a quote before it) through the closing mark. None unless a comma closes the
    quote, and None when the quote opens its sentence or follows a comma, colon or dash
    ("The plan: “It will hold,” Roe said").
    """
    if before_close(ctx.text, q) != ",":
        return None
    para = ctx.paragraphs[q.paragraph]
    start = max(ctx.sentence_start(q.span.begin), para.begin,
                max((p.outer.end for p in ctx.quotes if p.outer.end <= q.outer.begin), default=0))
    before = ctx.text[start:q.outer.begin]
    if not any(c.isalnum() for c in before) or before.rstrip()[-1:] in CLAUSE_STOPS:
        return None
    start += len(before) - len(before.lstrip())
    return Span(start, q.outer.end)


def _named_before(quoting: Quoting, q: Quote) -> bool:
    """True when the quote is introduced by a speaker named by name ("Jones said: “…”")."""
    found = quoting.attributions.get(q.outer.begin)
    return bool(found and found.token.idx < q.outer.begin and found.subject is not None
                and found.subject.pos_ == "PROPN")


def _introduced_by_name(ctx: Context, q: Quote, previous: Quote) -> bool:
    """True when the words between the quote before and this one end in a colon after a
    clause whose subject is a person the model names ("“…,” said Jane Roe. Poe held firm:
    “…”"): a new speaker introduces the quote, though with no cue of speech."""
    if not ctx.text[previous.outer.end:q.outer.begin].rstrip().endswith(":"):
        return False
    between = ctx.doc[ctx.token_at(previous.outer.end):ctx.token_at(q.outer.begin)]
    return any(t.dep_ == "nsubj" and t.ent_type_ == "PERSON" and t.idx >= previous.outer.end
               and t.head.idx < q.outer.begin for t in between)


def _stands_alone(ctx: Context, q: Quote) -> bool:
    """A quote opening a paragraph or sentence; not a quoted title or phrase that the
    sentence runs on after (“Frozen” opens today)."""
    text = ctx.text
    before = text[ctx.paragraphs[q.paragraph].begin:q.outer.begin].rstrip()
    after = text[q.outer.end:ctx.paragraphs[q.paragraph].end].lstrip()
    runs_on = (q.closed and after[:1].isalnum()
               and text[q.span.end:q.outer.end].strip()[:1] not in END_PUNCT
               and text[q.span.end - 1] not in END_PUNCT)
    sentence = text[q.span.end - 1] in SENTENCE_END
    return not runs_on and (q.continued or not before or before[-1] in ".!?" + OPENING_CONTEXT
                            or (before[-1] == "," and sentence))


def _after_window(ctx: Context, q: Quote) -> list[Token]:
    """The tokens after a quote up to the end of its sentence, the next quote or the
    attribution window."""
    window: list[Token] = []
    start = ctx.token_at(q.outer.end)
    for tok in ctx.doc[start:start + AFTER_WINDOW]:
        if tok.idx < q.outer.end:
            continue
        if "\n" in tok.text or tok.text in OPENERS or (tok.text in AMBIGUOUS and window
                                                       and tok.idx > q.outer.end + 1):
            break
        if ctx.in_any_quote(tok.idx):
            break
        window.append(tok)
        if tok.text in ".?!;" and not abbreviation_dot(tok):
            break
    return window


def _attribution_after(ctx: Context, q: Quote) -> Attribution | None:
    """A cue right after the quote ("…,” she said", "…,” said Jane Roe")."""
    window = _after_window(ctx, q)
    if not window:
        return None
    last_char = before_close(ctx.text, q)
    cues = ctx.words.cues
    if not (last_char in END_PUNCT or window[0].text in ",—–-" or match_cue(window[0], cues) is not None):
        return None
    first = next((t for t in window if not t.is_space), window[0])
    if last_char == "." and first.text[:1].isupper():
        return None  # a new sentence starts after the quote
    for tok in window:
        found = match_cue(tok, cues)
        if found is None:
            if _own_auxiliary(tok, window, last_char):
                continue  # "…,” Roe has said", "…,” he will say": the cue's own auxiliary
            if (tok.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") and not (last_char == "," and _name_word(tok))
                    and not _in_subject_before(tok, window) and not _in_speaker_phrase(ctx, tok, window)):
                return None  # the sentence goes on with another verb or clause first
            continue
        if tok.i - window[0].i >= ATTRIBUTION_WINDOW and not any(
                c.dep_ == "nsubj" and c in window for c in tok.children) and not _set_off_before(tok, window) \
                and not _subject_phrase([t for t in window if t.i < tok.i]):
            return None  # far from the quote, a cue attributes it only through its subject
        if is_passive(tok) or any(c.dep_ == "ccomp" and c.idx > tok.idx and not ctx.in_any_quote(c.idx)
                                  and not _misread_inverted(tok, c, first) and not participle_on_noun(c)
                                  for c in tok.children):
            return None
        if last_char in SENTENCE_END and first.text[:1].isupper() and _introduces_next(ctx, q, tok):
            return None  # “… exempt?” Jane Roe said, “…”: Roe's cue opens the next quote
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and c in window]
        subject = next((c for c in subjects if c.i < tok.i or c.ent_type_ == "PERSON"),
                       subjects[0] if subjects else None)  # "said Army Capt. Jane Roe": Roe
        before = [t for t in window if t.i < tok.i]
        if subject is None and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in before):
            subject = phrase_head(before)  # "…,” Roe, an aide, said": parsed apart
        return Attribution(found[0], tok, subject or inverted_subject(ctx, tok, window))
    return None


def _misread_inverted(cue: Token, clause: Token, first: Token) -> bool:
    """True when a clause the parser hung on a cue right after a quote is the cue's own
    inverted subject with the words set off after it ("…,” said Jane Roe, half joking":
    *joking*, its subject Roe; "…,” said Jane Roe, who chairs the board, yet backs Poe"):
    the clause's subject is a name that opens right after the cue and a comma follows it, or
    a relative pronoun after the cue's own subject."""
    if first.i != cue.i:
        return False
    doc = cue.doc
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
    if subject is not None and subject.tag_ == "WP" and any(
            c.dep_ == "nsubj" and cue.i < c.i < subject.i for c in cue.children):
        return True  # "…,” said Jane Roe, …, and who now backs Poe": her relative clause
    return (subject is not None and subject.pos_ == "PROPN" and subject.left_edge.i == cue.i + 1
            and subject.i + 1 < len(doc) and doc[subject.i + 1].text == ",")


def _subject_phrase(before: list[Token]) -> bool:
    """True when the words between a quote and a cue far from it are one noun phrase, its
    relative clause included, that the parser hung elsewhere ("…,” a harbour source, who was
    not permitted to speak publicly, told the board"): the cue's subject."""
    head = phrase_head(before)
    if head is None:
        return False
    phrase = {t.i for t in head.subtree}
    return any(_relative_clause(c) for c in head.children) and all(
        t.i in phrase or t.is_punct for t in before)


def _relative_clause(clause: Token) -> bool:
    """True for a relative clause opened by a relative pronoun (", who was not permitted to
    speak publicly,", "the captain who started the ferry service"), which only describes the noun
    before it; never a clause without one, which may run on ("a paper he put together
    describing ...")."""
    return clause.dep_ == "relcl" and clause.left_edge.tag_ in ("WP", "WDT")


def _in_subject_before(tok: Token, window: list[Token]) -> bool:
    """True when ``tok`` lies inside the subject phrase of a later verb of the window ("…,”
    Jane Roe, who chairs the board, said": *chairs*, in Roe's relative clause), also where
    the parser hung that subject on the quote's own clause ("…,” a harbour source, who was
    not permitted to speak publicly, told the board": the relative clause of a noun of the
    window)."""
    head = tok
    while head.head.i != head.i and head.dep_ != "nsubj":
        if _relative_clause(head) and head.head in window and head.head.i < tok.i:
            return True
        head = head.head
    return head.dep_ == "nsubj" and head.head.i > tok.i and head.head in window


def _own_auxiliary(tok: Token, window: list[Token], last_char: str) -> bool:
    """True for an auxiliary of a later verb of the window after its subject, when a comma
    closes the quote ("…,” Jane Roe has said"): the cue's own, no verb the sentence goes on
    with. Never one right after the quote ("…,” can decide": the subject stands before the
    quote) nor after a quote that ends its sentence."""
    return (last_char == "," and tok.dep_ in ("aux", "neg") and tok.head in window and tok.head.i > tok.i
            and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in window if t.i < tok.i))


def _name_word(tok: Token) -> bool:
    """True for a capitalised word the tagger took for a verb in the words after a quote
    that a comma closes, where no sentence opens: a word of a name ("…,” Stand Up
    Lakeside director Jane Roe told reporters")."""
    return tok.is_title and tok.text != "I"


def _in_speaker_phrase(ctx: Context, tok: Token, window: list[Token]) -> bool:
    """True when ``tok`` describes a name of the window that a cue then follows, where the
    parser left it outside that cue's subject: a relative clause on the name or a noun set
    in apposition to it ("…,” Jane Roe, the engineer who designed the levee, wrote":
    *designed*), or words set off by commas after a proper noun and closed by a comma right
    before the cue ("…,” Mr. Berg, now 74 and living in Lakeside, said": *living*)."""
    node = tok
    while node.head.i != node.i and node.head in window:
        if node.dep_ in ("relcl", "acl") and node.head.i < node.i and _names_someone(node.head, window):
            return True
        node = node.head
    k = window.index(tok)
    opened = any(t.text == "," and n > 0 and window[n - 1].pos_ == "PROPN" for n, t in enumerate(window[:k]))
    return opened and any(t.text == "," and _cue_follows(ctx, window[n + 1:])
                          for n, t in enumerate(window[k + 1:], start=k + 1))


def _set_off_before(cue: Token, window: list[Token]) -> bool:
    """True when a comma right before ``cue`` closes words set off after a proper noun of
    the window ("…,” Mr. Berg, now 74 and living in Lakeside, said"): the name is the
    cue's subject, however long the words between."""
    k = window.index(cue)
    return k > 1 and window[k - 1].text == "," and any(
        t.text == "," and n > 0 and window[n - 1].pos_ == "PROPN" for n, t in enumerate(window[:k - 1]))


def _names_someone(noun: Token, window: list[Token]) -> bool:
    """True for a proper noun of the window, or a noun set in apposition to one ("Jane Roe,
    the engineer who ..."); not a common noun alone ("…,” a paper he put together last spring
    describing ...": a title's description, no speaker's)."""
    return noun.pos_ == "PROPN" or (noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.head in window)


def _cue_follows(ctx: Context, tokens: list[Token]) -> bool:
    """True when ``tokens`` open with a cue, after any auxiliaries and adverbs."""
    for tok in tokens:
        if match_cue(tok, ctx.words.cues) is not None:
            return True
        if tok.dep_ not in ("aux", "advmod", "neg"):
            return False
    return False


def _introduces_next(ctx: Context, q: Quote, cue: Token) -> bool:
    """True when ``cue`` is followed, in its sentence, by a comma or colon and the next
    quote ("Jane Roe said, “…”"): it introduces that quote, not the one before it."""
    after = next((p for p in ctx.quotes if p.outer.begin > cue.idx and p.paragraph == q.paragraph), None)
    if after is None:
        return False
    between = ctx.text[cue.idx + len(cue.text):after.outer.begin]
    return between.rstrip()[-1:] in INTRODUCING and not any(c in between for c in SENTENCE_END)


def _labelled(ctx: Context, q: Quote) -> Attribution | None:
    """The speaker label right before the quote ("Jane Roe: “…”"), given the default cue."""
    label = ctx.labels.get(q.paragraph)
    if label is None or ctx.text[label.colon.end:q.outer.begin].strip():
        return None
    return Attribution(ctx.words.default_cue, ctx.doc[ctx.token_at(label.colon.begin)], label.head)


def _signed(ctx: Context, q: Quote) -> Attribution | None:
    """The person a signature line under a quote names ('“…”' alone in its paragraph, then
    the line '- Jane Roe, Lakeside.'), given the default cue: the name that opens the line
    after its dash, up to a comma. Never a line that names no person ("- Reuters.", a
    section heading set off by dashes): a proper noun the parser took for no organisation
    or place, whose head is no organisation noun ("- Harbour Authority.")."""
    index = q.paragraph
    para = ctx.paragraphs[index]
    if (index + 1 >= len(ctx.paragraphs) or ctx.text[para.begin:q.outer.begin].strip()
            or ctx.text[q.outer.end:para.end].strip(" .")):
        return None
    line = ctx.paragraphs[index + 1]
    if ctx.text[line.begin:line.end].lstrip()[:1] not in SIGNATURE_DASHES:
        return None
    tokens = [t for t in ctx.doc[ctx.token_at(line.begin):] if t.idx < line.end and not t.is_space]
    if len(tokens) > MAX_SIGNATURE:
        return None
    head = phrase_head(tokens[1:])
    if head is None or head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "") or (
            head.lower_ in ctx.words.referents.organization):
        return None
    return Attribution(ctx.words.default_cue, tokens[0], head)


def _attribution_before(ctx: Context, q: Quote) -> Attribution | None:
    """A cue before the quote in its sentence, with no content of its own ("X said: “…”");
    never one a sentence end stands after, where the parser missed the sentence break."""
    para = ctx.paragraphs[q.paragraph]
    open_tok = ctx.token_at(q.outer.begin)
    sent_start = ctx.doc[open_tok].sent.start if open_tok < len(ctx.doc) else 0
    prev_end = max((p.outer.end for p in ctx.quotes if p.outer.end <= q.outer.begin), default=0)
    window = [t for t in ctx.doc[sent_start:open_tok]
              if t.idx >= max(prev_end, para.begin) and t.idx < q.outer.begin]
    ends = [i for i, t in enumerate(window) if t.text in SENTENCE_END and not abbreviation_dot(t)]
    if ends:  # the parser ran the sentences together: "…,” said Roe, who backs Poe. “…”
        window = window[ends[-1] + 1:]
    for tok in reversed(window):
        found = match_cue(tok, ctx.words.cues)
        if found is None or is_passive(tok) or found[0].content == "as":
            continue  # what a cue calls something is a fragment ("called it “a farce”")
        content = [c for c in tok.children if c.idx > tok.idx and not ctx.in_any_quote(c.idx)
                   and (c.dep_ in CONTENT_DEPS
                        or (c.dep_ == "dobj" and len(list(c.subtree)) > MAX_ADDRESSEE
                            and not _addressee(c)))]
        if content or open_tok - tok.i > ATTRIBUTION_WINDOW or _title_object(ctx, q):
            return None
        cue = found[0]
        verb = said_before(tok) if cue.phrase == "according to" else None
        if verb is not None:  # "Roe concluded, according to the minutes, “…”": Roe speaks
            return Attribution(_cue_of(ctx, verb), verb, subject_of(ctx, verb))
        if cue.phrase == "according to":
            return Attribution(cue, tok, according_object(tok))
        return Attribution(cue, tok, subject_of(ctx, tok))
    return None


def _addressee(obj: Token) -> bool:
    """True for an object that names whom the cue speaks to, however long ("told Jane Roe
    of the Gazette, “…”"): a name or pronoun, never a content ("announced the closure")."""
    return obj.pos_ in ("PROPN", "PRON")


def _title_object(ctx: Context, q: Quote) -> bool:
    """True for a few quoted words the sentence runs on after, without punctuation: a title
    or word the cue takes as its object ("read “The Sea” to the class", "said “no” to the
    plan"), not a quote."""
    words = ctx.text[q.span.begin:q.span.end].split()
    after = ctx.text[q.outer.end:ctx.paragraphs[q.paragraph].end].lstrip()
    return (q.closed and len(words) <= MAX_TITLE_WORDS and after[:1].isalnum()
            and ctx.text[q.span.end - 1] not in END_PUNCT)


def said_before(according: Token) -> Token | None:
    """The verb right before "according to X" set between commas, whose subject speaks
    ("Roe concluded, according to the minutes, “…”"), or None."""
    doc = according.doc
    end = doc[according.i + 1].right_edge.i + 1 if according.i + 1 < len(doc) else len(doc)
    if according.i < 2 or doc[according.i - 1].text != "," or end >= len(doc) or doc[end].text != ",":
        return None
    verb = doc[according.i - 2]
    if verb.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return verb
    return None


def _cue_of(ctx: Context, verb: Token) -> Cue:
    """The cue ``verb`` is, else the default cue."""
    found = match_cue(verb, ctx.words.cues)
    return found[0] if found is not None else ctx.words.default_cue


def fallback_drafts(ctx: Context, quoting: Quoting, drafts: list[Draft]) -> list[Draft]:
    """A mixed draft for each pending fragment that no reported draft holds (the parse hid
    the cue's content), from the word that opens the content through the closing mark
    ("said [that he had “serious doubts.”]"), so that the quote is not lost; each its own
    block."""
    block = max((d.block for d in drafts), default=-1)
    found = []
    for q in quoting.fragments:
        attribution = quoting.pending.get(q.outer.begin)
        if attribution is None or any(d.span.begin <= q.span.begin < d.span.end for d in drafts):
            continue
        block += 1
        token = attribution.token
        opening = _content_opening(ctx, token, q)
        if opening is not None and opening.dep_ == "prep" and opening.head.i == token.i:
            opening = ctx.doc[opening.i + 1]  # not the preposition of an object cue ("of")
        quote = marked(ctx.text, q)
        span = Span(opening.idx, q.outer.end) if opening is not None and q.closed else quote
        found.append(Draft("mixed" if span != quote else "direct", span, attribution.cue,
                           q.outer.begin, attribution.subject,
                           Span(token.idx, token.idx + len(token.text)), block=block,
                           speech_act=attribution.cue.speech_act))
    return found


def _content_opening(ctx: Context, cue: Token, q: Quote) -> Token | None:
    """The first word of a content that opens between the cue and the mark and ends in the
    quoted words ("said [that] the plan “will fail”", "urged [voters] not to “stay home”",
    "accused her [of] “lying”"), or None: the quote is then a fragment of a mixed
    statement. An addressee or a time ("told reporters Monday: “…”") opens nothing, nor,
    before a comma or colon, where the cue speaks ("wrote on her blog, “…”")."""
    introduced = ctx.text[:q.outer.begin].rstrip()[-1:] in INTRODUCING
    for t in ctx.doc[cue.i + 1:ctx.token_at(q.outer.begin)]:
        if t.is_punct or t.is_space:
            continue
        head = t
        while head.head.i not in (head.i, cue.i) and head.head.idx < q.outer.begin:
            head = head.head
        if (head.head.idx >= q.outer.begin and head.dep_ not in ADJUNCT_DEPS) or (head.head.i == cue.i and (
                head.dep_ in CONTENT_DEPS or head.dep_ == "mark"
                or (head.dep_ == "prep" and head.lower_ in ctx.words.content_preps
                    and not introduced and not names_a_time(head)))):
            return t
    return None
