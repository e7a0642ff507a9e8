"""Statements: direct quotes, reported speech and mixed quotes, with speakers and targets.

Direct quotes come from quotation marks (:mod:`graph.extract.quotes`); a quoted run is a
direct quote when it opens a paragraph or sentence, follows a colon or comma, or carries an
attribution ("…,” he said", "said X", "X said: “…”"); otherwise it is a quoted fragment,
which makes the reported statement around it "mixed". Reported speech comes from the
dependency parse around a reporting verb of the cue lexicon (``graph/data/cues.tsv``):
the verb's subject is the speaker and its clause, object or infinitive is the content;
"according to X" takes the clause it modifies. Speakers resolve through
:class:`graph.extract.speakers.SpeakerResolver`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import IDX, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Token

from graph.extract.quotes import END_PUNCT, Quote, find_quotes, paragraphs
from graph.extract.speakers import PRONOUN_GENDER, SpeakerResolver
from graph.records import Entity, Role, Span, Statement
from graph.textutil import doc_text

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "cues.tsv"
SPEECH_ACTS = frozenset({"assert", "warn", "order", "criticise", "praise", "deny", "promise",
                         "believe"})
CONTENT_MODES = frozenset({"clause", "object"})
DEFAULT_CUE = "say"

OBJECT_DEPS = frozenset({"dobj", "xcomp", "attr", "oprd", "dative"})
CONTENT_PREPS = frozenset({"against", "for", "on", "about", "over", "of", "to", "that"})
TAIL_DEPS = frozenset({"conj", "cc", "punct", "parataxis"})
TARGET_ACTS = frozenset({"criticise", "praise"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
OPENING_CONTEXT = ":—–"
SENTENCE_END = ".?!…"
MAX_ADDRESSEE = 3
QUOTING_VERBS = frozenset({"quote", "cite"})
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
ATTRIBUTION_WINDOW = 12
MIN_CONTENT_TOKENS = 3
MIN_CLAUSE_OBJECT = 5
CUE_POS = frozenset({VERB, AUX})


@dataclass(frozen=True)
class Cue:
    """One entry of the cue lexicon.

    Attributes:
        phrase: Verb lemma, "lemma particle" ("call on"), or fixed phrase ("according to").
        speech_act: One of :data:`SPEECH_ACTS`.
        content: "clause" (only a that-clause is content) or "object" (also an object,
            infinitive or prepositional complement).
        xcomp_act: Speech act when the cue takes an infinitive ("told them to ..."), if
            different.
    """

    phrase: str
    speech_act: str
    content: str = "clause"
    xcomp_act: str | None = None


@lru_cache(maxsize=4)
def load_cues(path: Path | None = None) -> dict[str, Cue]:
    """Read the cue lexicon: ``cue<TAB>class<TAB>content<TAB>xcomp_class[<TAB>notes]``.

    Args:
        path: The TSV file; defaults to ``graph/data/cues.tsv``.

    Returns:
        Cue phrase -> :class:`Cue`.

    Raises:
        ValueError: when a line names an unknown speech act or content mode.
    """
    cues: dict[str, Cue] = {}
    for number, line in enumerate((path or CUES_FILE).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + ["clause", "-"])[:4]
        phrase, act, content, xact = (p.strip() for p in parts)
        if act not in SPEECH_ACTS:
            raise ValueError(f"cues line {number}: speech act {act!r} not one of "
                             f"{sorted(SPEECH_ACTS)}")
        if content not in CONTENT_MODES:
            raise ValueError(f"cues line {number}: content {content!r} not one of "
                             f"{sorted(CONTENT_MODES)}")
        if xact != "-" and xact not in SPEECH_ACTS:
            raise ValueError(f"cues line {number}: xcomp class {xact!r} not one of "
                             f"{sorted(SPEECH_ACTS)}")
        cues[phrase.lower()] = Cue(phrase.lower(), act, content, None if xact == "-" else xact)
    return cues


@dataclass
class _Draft:
    """A statement before its speaker is resolved."""

    kind: str
    span: Span
    cue: Cue
    anchor: int
    subject: Token | None
    cue_span: Span | None = None
    block: int = -1
    speech_act: str = ""
    speaker: str | None = None
    targets: list[Token] = field(default_factory=list)


# -- cue matching --------------------------------------------------------------------------


def match_cue(token: Token, cues: dict[str, Cue]) -> tuple[Cue, Token | None] | None:
    """The cue a token starts, with its particle ("on" of "call on"), if any.

    Args:
        token: Any token.
        cues: The lexicon from :func:`load_cues`.

    Returns:
        (cue, particle token or None), or None when the token is no reporting cue.
    """
    doc = token.doc
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        cue = cues.get("according to")
        return (cue, doc[token.i + 1]) if cue else None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        phrase = f"{lemma} {child.lower_}"
        if child.dep_ in ("prt", "prep") and child.i > token.i and phrase in cues:
            return cues[phrase], child
    if lemma in cues and " " not in lemma:
        return cues[lemma], None
    return None


def _cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens :func:`match_cue` may accept: verbs, auxiliaries, "according"."""
    attrs = doc.to_array([POS, LOWER])
    if not len(attrs):
        return []
    found = numpy.isin(attrs[:, 0], list(CUE_POS)) | (attrs[:, 1] == numpy.uint64(doc.vocab.strings["according"]))
    return numpy.flatnonzero(found).tolist()


def _char_span(tokens: list[Token]) -> Span | None:
    """The characters from the first to the last of ``tokens`` (in any order), without
    leading and trailing punctuation."""
    tokens = sorted((t for t in tokens if not (t.is_punct or t.is_space) or t.text in "%$"), key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    if not tokens:
        return None
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _passive(verb: Token) -> bool:
    """True for a passive reporting verb ("was told", "as reported by X")."""
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children)


def _trim(text: str, span: Span) -> Span:
    begin, end = span.begin, span.end
    while begin < end and (text[begin].isspace() or text[begin] in ",;:—–-\"“”"):
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] in ",;:—–-\"“”"):
        end -= 1
    return Span(begin, end)


# -- the extractor ---------------------------------------------------------------------------


class _Extractor:
    """One article's extraction state (pure: nothing outside it is touched)."""

    def __init__(self, doc: Doc, entities: list[Entity], roles: list[Role],
                 cues: dict[str, Cue]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.cues = cues
        self.paras = paragraphs(self.text)
        self._para_starts = [p.begin for p in self.paras]
        self._tok_starts = doc.to_array(IDX).tolist()
        self.quotes = find_quotes(self.text)
        self.attribution: dict[int, tuple[Cue, Token, Token | None]] = {}
        self.direct = [q for q in self.quotes if self._is_direct(q)]
        self.fragments = [q for q in self.quotes if q not in self.direct]
        self.resolver = SpeakerResolver(doc, entities, roles, [q.outer for q in self.direct])
        self.used_cues: set[int] = {tok.i for _, tok, _ in self.attribution.values()}

    # -- positions --

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, char) - 1)

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._tok_starts, char) - 1)

    def in_direct(self, char: int) -> Quote | None:
        for q in self.direct:
            if q.outer.begin <= char < q.outer.end:
                return q
        return None

    def _in_any_quote(self, char: int) -> bool:
        return any(q.outer.begin <= char < q.outer.end for q in self.quotes)

    # -- direct quotes --

    def _subject_of(self, verb: Token) -> Token | None:
        """The speaker phrase head of a reporting verb.

        Climbs through coordination ("said A and added B"), participles ("…, adding
        that"), relative clauses ("X, who said") and "X was quoted as saying".
        """
        para = self.paras[self.paragraph_of(verb.idx)]
        for _ in range(4):
            for child in verb.children:
                if child.lower_ == "according" and child.dep_ == "prep":
                    pobj = self._according_object(child)
                    if pobj is not None:
                        return pobj
            quoted = self._in_any_quote(verb.idx)
            subjects = [c for c in verb.children if para.begin <= c.idx < para.end
                        and not quoted and (c.dep_ == "nsubj" or (
                            c.dep_ == "nsubjpass" and verb.lemma_ in QUOTING_VERBS))]
            if subjects:
                return min(subjects, key=lambda c: abs(c.i - verb.i))
            if verb.dep_ == "relcl" and not quoted:
                return verb.head
            if (verb.dep_ in CLIMB_DEPS or quoted) and verb.head.i != verb.i:
                verb = verb.head
                continue
            return None
        return None

    def _according_object(self, according: Token) -> Token | None:
        doc = according.doc
        if according.i + 1 >= len(doc):
            return None
        to = doc[according.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return child
        nxt = [t for t in doc[to.i + 1: to.i + 6] if t.pos_ in ("PROPN", "NOUN", "PRON")]
        return nxt[0] if nxt else None

    def _after_window(self, q: Quote) -> list[Token]:
        window: list[Token] = []
        start = self.token_at(q.outer.end)
        for tok in self.doc[start:start + ATTRIBUTION_WINDOW]:
            if tok.idx < q.outer.end:
                continue
            if "\n" in tok.text or tok.text in "“„«" or (tok.text in '"' and window
                                                        and tok.idx > q.outer.end + 1):
                break
            if self._in_any_quote(tok.idx):
                break
            window.append(tok)
            if tok.text in ".?!;":
                break
        return window

    def _inverted_subject(self, verb: Token, window: list[Token]) -> Token | None:
        """The subject standing after its verb ("…,” said Jane Roe"); a participle
        ("…,” recalling their meeting") takes the subject of its clause instead."""
        if verb.tag_ == "VBG":
            return self._subject_of(verb)
        after = [t for t in window if t.i > verb.i]
        for tok in after:
            if tok.is_punct or tok.tag_ in ("PRP$", "WP$") or tok.dep_ == "poss":
                break
            if tok.pos_ in ("PROPN", "NOUN", "PRON"):
                head = tok
                while (head.dep_ in ("compound", "flat", "amod", "det") and head.head.i > head.i
                       and head.head in after):
                    head = head.head
                return head
        return None

    def _attribution_after(self, q: Quote) -> tuple[Cue, Token, Token | None] | None:
        window = self._after_window(q)
        if not window:
            return None
        last_char = self.text[q.outer.end - 2] if q.closed and q.outer.end >= 2 else ""
        if not (last_char in END_PUNCT or window[0].text in ",—–-"
                or match_cue(window[0], self.cues) is not None):
            return None
        if last_char == "." and window[0].text[:1].isupper():
            return None  # a new sentence starts after the quote
        for tok in window:
            found = match_cue(tok, self.cues)
            if found is None:
                if tok.pos_ in ("VERB", "AUX"):
                    return None  # the sentence goes on with another verb first
                continue
            cue, _ = found
            if _passive(tok) or any(c.dep_ == "ccomp" and c.idx > tok.idx
                                    and not self._in_any_quote(c.idx) for c in tok.children):
                return None
            subject = next((c for c in tok.children if c.dep_ == "nsubj" and c in window), None)
            return cue, tok, subject or self._inverted_subject(tok, window)
        return None

    def _attribution_before(self, q: Quote) -> tuple[Cue, Token, Token | None] | None:
        para = self.paras[q.paragraph]
        open_tok = self.token_at(q.outer.begin)
        sent_start = self.doc[open_tok].sent.start if open_tok < len(self.doc) else 0
        prev_end = max((p.outer.end for p in self.quotes if p.outer.end <= q.outer.begin),
                       default=0)
        window = [t for t in self.doc[sent_start:open_tok]
                  if t.idx >= max(prev_end, para.begin) and t.idx < q.outer.begin]
        for tok in reversed(window):
            found = match_cue(tok, self.cues)
            if found is None or _passive(tok):
                continue
            content = [c for c in tok.children if c.idx > tok.idx
                       and not self._in_any_quote(c.idx)
                       and (c.dep_ in ("ccomp", "xcomp", "attr", "oprd", "conj", "cc")
                            or (c.dep_ == "dobj" and len(list(c.subtree)) > MAX_ADDRESSEE))]
            if content or open_tok - tok.i > ATTRIBUTION_WINDOW:
                return None
            cue, _ = found
            if cue.phrase == "according to":
                return cue, tok, self._according_object(tok)
            return cue, tok, self._subject_of(tok)
        return None

    def _is_direct(self, q: Quote) -> bool:
        """A quote opening a paragraph or sentence, or carrying an attribution; not a
        quoted title or phrase that the sentence runs on after (“Frozen” opens today)."""
        attribution = self._attribution_after(q) or self._attribution_before(q)
        if attribution is not None and attribution[2] is not None:
            self.attribution[q.outer.begin] = attribution
            return True
        before = self.text[self.paras[q.paragraph].begin:q.outer.begin].rstrip()
        after = self.text[q.outer.end:self.paras[q.paragraph].end].lstrip()
        runs_on = (q.closed and after[:1].isalnum()
                   and self.text[q.span.end:q.outer.end].strip()[:1] not in END_PUNCT
                   and self.text[q.span.end - 1] not in END_PUNCT)
        sentence = self.text[q.span.end - 1] in SENTENCE_END
        return not runs_on and (q.continued or not before or before[-1] in ".!?" + OPENING_CONTEXT
                                or (before[-1] == "," and sentence))

    def direct_drafts(self) -> list[_Draft]:
        drafts = []
        block = -1
        previous: Quote | None = None
        for q in self.direct:
            if previous is None or not (q.continued or (
                    q.paragraph == previous.paragraph and not self._named_before(q))):
                block += 1
            previous = q
            found = self.attribution.get(q.outer.begin)
            cue, tok, subject = found if found else (self.cues[DEFAULT_CUE], None, None)
            cue_span = Span(tok.idx, tok.idx + len(tok.text)) if tok is not None else None
            drafts.append(_Draft("direct", q.span, cue, q.outer.begin, subject, cue_span,
                                 block=block, speech_act=cue.speech_act))
        return drafts

    def _named_before(self, q: Quote) -> bool:
        """True when the quote is introduced by a speaker named by name ("Jones said: “…”")."""
        found = self.attribution.get(q.outer.begin)
        return bool(found and found[1].idx < q.outer.begin and found[2] is not None
                    and found[2].pos_ == "PROPN")

    # -- reported speech --

    def _content(self, verb: Token, cue: Cue, particle: Token | None) -> list[Token] | None:
        children = list(verb.children)
        targets = [c for c in children if c.dep_ == "ccomp"]
        if not targets and cue.content == "clause":
            targets = [c for c in children if c.dep_ == "dobj" and c.i > verb.i
                       and len(list(c.subtree)) >= MIN_CLAUSE_OBJECT
                       and any(t.pos_ in ("VERB", "AUX") for t in c.subtree)]
        if not targets and cue.content == "object":
            for c in children:
                if c.dep_ in OBJECT_DEPS and c.i > verb.i:
                    targets.append(c)
                elif c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and c.i > verb.i:
                    if c is particle:
                        targets.extend(g for g in c.children if g.dep_ == "pobj")
                    else:
                        targets.append(c)
                elif c is particle and c.dep_ == "prt":
                    continue
            if particle is not None:
                targets.extend(g for g in particle.children if g.dep_ == "pobj")
        if not targets:
            return None
        begin = min(t.left_edge.i for t in targets)
        end = max(t.right_edge.i for t in targets)
        if begin > verb.i:
            tail = [c for c in children if c.i > end and (
                c.dep_ not in TAIL_DEPS or (c.dep_ == "conj" and match_cue(c, self.cues) is None))]
            end = max([end] + [c.right_edge.i for c in tail])
        tokens = self._in_paragraph(verb, self.doc[begin:end + 1])
        if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether"):
            tokens = tokens[1:]
        return tokens

    def _according_content(self, according: Token) -> list[Token] | None:
        head = according.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        skip = {t.i for t in according.subtree}
        runs: list[list[Token]] = [[]]
        for t in head.subtree:
            if t.i in skip:
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append(t)
        best = self._in_paragraph(according, max(runs, key=len))
        return best or None

    def _in_paragraph(self, anchor: Token, tokens) -> list[Token]:
        """The tokens standing in the same paragraph as ``anchor``."""
        para = self.paras[self.paragraph_of(anchor.idx)]
        return [t for t in tokens if para.begin <= t.idx < para.end]

    def _mixed_or_trimmed(self, span: Span) -> tuple[str, Span] | None:
        """The content cut before any direct quote it runs into (None when it starts in one),
        and "mixed" when a quoted fragment stands inside it."""
        for q in self.direct:
            if q.outer.overlaps(span):
                if q.outer.begin <= span.begin:
                    return None
                span = self._drop_trailing_cue(_trim(self.text, Span(span.begin, q.outer.begin)))
        kind = "mixed" if any(span.contains(f.outer) for f in self.fragments) else "indirect"
        return kind, span

    def _drop_trailing_cue(self, span: Span) -> Span:
        """Cut a dangling reporting verb left before a quote ("…, saying")."""
        last = self.doc[self.token_at(max(span.begin, span.end - 1))]
        if last.idx > span.begin and match_cue(last, self.cues) is not None:
            return _trim(self.text, Span(span.begin, last.idx))
        return span

    def indirect_drafts(self) -> list[_Draft]:
        drafts = []
        for i in _cue_candidates(self.doc):
            tok = self.doc[i]
            if tok.i in self.used_cues or self.in_direct(tok.idx):
                continue
            found = match_cue(tok, self.cues)
            if found is None:
                continue
            cue, particle = found
            if cue.phrase == "according to":
                tokens = self._according_content(tok)
                subject = self._according_object(tok)
                cue_end = particle or tok
            else:
                if _passive(tok):
                    continue
                tokens = self._content(tok, cue, particle)
                subject = self._subject_of(tok)
                cue_end = particle or tok
            if not tokens or subject is None:
                continue
            span = _char_span(tokens)
            if span is None or len([t for t in tokens if not t.is_punct]) < MIN_CONTENT_TOKENS:
                continue
            checked = self._mixed_or_trimmed(_trim(self.text, span))
            if checked is None or not checked[1]:
                continue
            kind, span = checked
            act = cue.speech_act
            if cue.xcomp_act and any(c.dep_ == "xcomp" for c in tok.children):
                act = cue.xcomp_act
            objects = [c for c in tok.children if c.dep_ == "dobj"] if act in TARGET_ACTS else []
            drafts.append(_Draft(kind, span, cue, tok.idx, subject,
                                 Span(tok.idx, max(tok.idx + len(tok.text),
                                                   cue_end.idx + len(cue_end.text))),
                                 speech_act=act, targets=objects))
        return drafts

    # -- speakers and targets --

    def resolve(self, drafts: list[_Draft]) -> None:
        block_speaker: dict[int, str | None] = {}
        last_para = -10
        for draft in sorted(drafts, key=lambda d: d.anchor):
            para = self.paragraph_of(draft.anchor)
            if draft.kind == "direct" and draft.subject is None:
                if draft.block not in block_speaker:
                    block_speaker[draft.block] = self._block_speaker(drafts, draft, para, last_para)
                draft.speaker = block_speaker[draft.block]
            else:
                draft.speaker = self.resolver.resolve(draft.subject) if draft.subject else None
                if draft.kind == "direct" and draft.block not in block_speaker:
                    block_speaker[draft.block] = draft.speaker
            if draft.speaker is not None:
                self.resolver.record(draft.speaker, draft.anchor)
                last_para = para

    def _block_speaker(self, drafts: list[_Draft], draft: _Draft, para: int,
                       last_para: int) -> str | None:
        for other in drafts:
            if other.block == draft.block and other.kind == "direct" and other.subject is not None:
                return self.resolver.resolve(other.subject)
        same_sentence = self.resolver.salient_person(draft.anchor, lookback=0)
        if same_sentence is not None:
            return same_sentence
        if para - last_para <= 1 and self.resolver.last_speaker is not None:
            return self.resolver.last_speaker
        return self.resolver.salient_person(draft.anchor)

    def about(self, draft: _Draft) -> list[str]:
        resolver = self.resolver
        keys = [k for k in resolver.mentions_in(draft.span) if resolver.kind(k) != "UnnamedSource"]
        for tok in self.doc[self.token_at(draft.span.begin):]:
            if tok.idx >= draft.span.end:
                break
            low = tok.lower_
            key = None
            if low in FIRST_PERSON and draft.kind == "direct":
                key = draft.speaker
            elif low in PRONOUN_GENDER and tok.pos_ == "PRON":
                key = self._content_pronoun(draft, tok)
            elif resolver.mention_at(tok) is None:
                key = resolver.reference(tok, draft.speaker)
            if key is not None and key not in keys:
                keys.append(key)
        for obj in draft.targets:
            key = self.resolver.mention_at(obj) or self._target_entity(obj)
            if key is not None and key not in keys:
                keys.append(key)
        return keys

    def _content_pronoun(self, draft: _Draft, tok: Token) -> str | None:
        """A he/she inside the content: the last fitting person named before it there."""
        gender = PRONOUN_GENDER[tok.lower_]
        earlier = [k for k in self.resolver.mentions_in(Span(draft.span.begin, tok.idx))
                   if self.resolver.kind(k) == "Person"
                   and self.resolver.gender(k) in (None, gender)]
        if earlier:
            return earlier[-1]
        return self.resolver.pronoun(tok.lower_, tok.idx)

    def _target_entity(self, obj: Token) -> str | None:
        """The actor a criticised or praised object names ("Riverside district officials")."""
        ref = self.resolver.referents
        if obj.pos_ == "NOUN" and obj.lemma_.lower() in ref.person | ref.organization and any(
                t.is_title for t in obj.lefts):
            return self.resolver.new_entity("Organization", self.resolver.phrase(obj, False))
        return None

    def statements(self) -> list[Statement]:
        drafts = self.direct_drafts() + self.indirect_drafts()
        self.resolve(drafts)
        out = []
        for d in sorted(drafts, key=lambda d: d.span.begin):
            if d.speaker is None and d.kind != "direct":
                continue
            text = self.text[d.span.begin:d.span.end]
            out.append(Statement(d.kind, d.span, text, d.speaker,  # type: ignore[arg-type]
                                 d.cue.phrase, d.speech_act, self.about(d), d.cue_span))
        return out


def extract_statements(doc: Doc, entities: list[Entity], roles: list[Role]
                       ) -> tuple[list[Statement], list[Entity]]:
    """Direct, indirect and mixed statements of one parsed article.

    Args:
        doc: ``nlp(article.masked_text())``.
        entities: The article's actors and places (keys "e0", "e1", ...).
        roles: Titles held by its people.

    Returns:
        The statements in text order, and the entities created for speakers or targets the
        entity list lacked (unnamed sources, organisations named only as speakers), keyed
        "s0", "s1", ...
    """
    extractor = _Extractor(doc, entities, roles, load_cues())
    statements = extractor.statements()
    return statements, extractor.resolver.new_entities
