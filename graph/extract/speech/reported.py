"""Reported speech: indirect and mixed statements around a cue.

The content of a cue is its clausal complement ("said (that) …"), or for "object" cues also
its object, infinitive or prepositional complement ("criticised X for …", "urged Y to …"),
for "as" cues an object with what it is called ("called the plan a disaster"),
with the rest of the clause it governs; "according to X" takes the clause it modifies, and
a cue set into a clause ("The plan, she said, will fail") the whole clause around it, and a
speaker label (:mod:`.colons`) the rest of its paragraph. A passive cue takes its clause
without the agent, who speaks ("the plan was criticised by X as too costly"); without an
agent the statement has no speaker ("the council is expected to approve it"). The
content stops at the paragraph and before any direct quote it runs into; a quoted fragment
inside it makes the statement "mixed".
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from graph.extract.speech.context import Context, Draft
from graph.extract.speech.evidence import evidence_phrases, hearsay_clauses
from graph.extract.speech.cues import (TIME_LABELS, asked_participle, asks_unnamed, cue_candidates,
                                      in_question, is_discourse_marker, is_passive, match_cue,
                                      participle_on_noun, yes_no_clauses)
from graph.extract.speech.marks import Quote
from graph.extract.speech.nominal import nominal_cues
from graph.extract.speech.quotes import Quoting, said_before
from graph.extract.speech.speakers import according_object, second_cue_of, subject_of
from graph.lexicon.speech import Cue
from graph.records import Span

OBJECT_DEPS = frozenset({"dobj", "xcomp", "attr", "oprd", "dative"})
#: What a characterising cue calls its object ("called it a disaster").
PREDICATE_DEPS = frozenset({"oprd", "xcomp", "attr", "ccomp", "acomp"})
#: Saying verbs that attribute the clause they are set into with "as" ("As she said, ..."),
#: and the only dependents such a verb has.
AS_CUES = frozenset({"say", "note", "write", "put", "explain", "argue", "report", "tell",
                     "predict", "warn", "claim", "suggest", "state"})
BARE_DEPS = frozenset({"nsubj", "mark", "aux", "advmod", "punct", "npadvmod", "neg", "dative",
                       "prt", "prep"})
#: Dependents of a characterised object that, quoted, are what it is called.
QUOTED_NAME_DEPS = frozenset({"acl", "amod", "relcl", "npadvmod", "advmod", "nmod"})
TAIL_DEPS = frozenset({"conj", "cc", "punct", "parataxis"})
#: A participle modifying a noun reports nothing ("the pledged delegates").
MODIFIER_DEPS = frozenset({"amod", "compound"})
#: Children of a passive cue that are no complement ("it" and "was" of "it was said", "by
#: X", ","): a passive cue reports only with a complement ("is expected to win").
#: What may lie between a passive cue and a "by" the parser hung on a word of its phrase
#: (objects, prepositions, an infinitive), never a clause of its own.
AGENT_PATH_DEPS = frozenset({"prep", "pobj", "dobj", "xcomp", "npadvmod", "attr", "oprd"})
#: The most dependency links from a misplaced "by" up to its passive cue ("pushed to these
#: positions by X": three); farther, it is more often the agent of a noun ("asked about the
#: claim of credit for the attack by X": five).
MAX_AGENT_HOPS = 3
#: What a misplaced "by" must name to be a passive cue's agent.
AGENT_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PASSIVE_SKIP = frozenset({"nsubjpass", "nsubj", "aux", "auxpass", "agent", "punct", "neg",
                          "advmod", "mark"})
#: Children before a passive cue that belong to its content ("the council is not expected").
PASSIVE_SUBJECT_SIDE = frozenset({"nsubjpass", "nsubj", "aux", "auxpass", "neg", "advmod"})
MIN_LABEL_WORDS = 3
#: What a content needs at least one of: a word that names or states something (never a
#: lone preposition or date: "talked about it" has content, "cited on Monday" none).
CONTENT_POS = frozenset({"NOUN", "PROPN", "PRON", "VERB", "NUM", "ADJ"})
#: A content of fewer words needs a name, pronoun, number, determined noun or a verb with
#: another word (see ``_holds_content``).
MIN_PLAIN_WORDS = 3
NAME_POS = frozenset({"PROPN", "PRON", "NUM"})
MIN_CLAUSE_OBJECT = 5
FINITE_TAGS = frozenset({"MD", "VBD", "VBZ", "VBP"})
TRIM = ",;:—–-\"“”"
#: Entity labels of a date or amount, after which "which" takes up the whole clause.
AMOUNT_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
#: Tags of the word opening a non-restrictive relative clause ("which", "who", "whose", "where").
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def reported_drafts(ctx: Context, quoting: Quoting) -> list[Draft]:
    """One draft per cue with a subject and a content of its own, outside direct quotes
    and their attributions."""
    drafts = []
    used = quoting.cue_tokens()
    for i in cue_candidates(ctx.doc):
        tok = ctx.doc[i]
        if tok.dep_ in MODIFIER_DEPS or quoting.direct_at(tok.idx):
            continue
        found = match_cue(tok, ctx.words.cues)
        if found is None or is_discourse_marker(tok, ctx.words.marker_subjects) or in_question(
                tok, ctx.words.question_verbs):
            continue
        cue, particle = found
        if cue.phrase == "according to" and getattr(said_before(tok), "i", None) in used:
            continue  # the verb before it attributes a quote ("Roe said, according to X, “…”")
        if cue.phrase == "according to":
            tokens = _according_content(ctx, tok)
            subject = according_object(tok)
        elif is_passive(tok):
            if not _reports_in_passive(ctx, tok, cue):
                continue
            tokens, subject = _passive_content(ctx, tok), _agent(tok)
        else:
            tokens = _content(ctx, tok, cue, particle)
            subject = subject_of(ctx, tok)
            if cue.phrase in ctx.words.writer_views:
                tokens = _with_judged(ctx, tok, tokens, subject)
        draft = _draft(ctx, quoting, tok, particle or tok, cue, tokens, subject)
        if draft is not None and (tok.i not in used or _goes_on(draft, tok)):
            drafts.append(draft)
    for noun, cue, speaker, tokens in nominal_cues(ctx):
        if noun.i not in used and not quoting.direct_at(noun.idx):
            draft = _draft(ctx, quoting, noun, noun, cue, _in_paragraph(ctx, noun, tokens), speaker)
            drafts += [draft] if draft is not None else []
    for prep, cue, noun, tokens in evidence_phrases(ctx):
        draft = _draft(ctx, quoting, prep, prep, cue, _in_paragraph(ctx, prep, tokens), noun)
        drafts += [draft] if draft is not None else []
    for adverb, cue, tokens in hearsay_clauses(ctx):
        draft = _draft(ctx, quoting, adverb, adverb, cue, _in_paragraph(ctx, adverb, tokens), None,
                       unnamed=True)
        drafts += [draft] if draft is not None else []
    return drafts + _labelled_drafts(ctx, quoting)


def _with_judged(ctx: Context, verb: Token, tokens: list[Token] | None,
                 subject: Token | None) -> list[Token] | None:
    """The content of a writer's judgement (a ``writer-view`` cue of ``speech_words.tsv``)
    with the subject it judges, as a passive cue's content keeps its subject ("Roe seemed to
    concede the point": that Roe conceded it is what seems so, not "to concede the point"
    alone); never a placeholder "it" ("it seems that ...")."""
    if not tokens or subject is None or subject.i > verb.i or subject.lower_ == "it":
        return tokens
    return tokens + _in_paragraph(ctx, verb, [t for t in ctx.doc[subject.left_edge.i:verb.i + 1]])


def _goes_on(draft: Draft, cue: Token) -> bool:
    """True when a cue that attributes the quote before it goes on to a mixed content of its
    own (“…,” she said, adding that the plan “will fail”)."""
    return draft.kind == "mixed" and draft.span.begin > cue.idx


def _agent_phrase(verb: Token) -> Token | None:
    """The "by" of a passive cue's agent ("was criticised by Jane Roe"), also where the
    parser hung it on a word of the cue's own phrase ("has been pushed to these positions
    by Jane Roe", "was asked to keep them by the Harbour Authority"), when it names someone:
    never "by Friday", "by phone" or "by ten votes"."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return agent
    shared = _conjunct_agent(verb)
    if shared is not None:
        return shared
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.lower_ != "by" or tok.dep_ != "prep":
            continue
        head, path_ok, hops = tok.head, True, 1
        while head.i != verb.i:
            path_ok = path_ok and head.dep_ in AGENT_PATH_DEPS
            head, hops = head.head, hops + 1
        path_ok = path_ok and hops <= MAX_AGENT_HOPS
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if path_ok and obj is not None and (obj.ent_type_ in AGENT_ENTS or (
                obj.pos_ == "PROPN" and not obj.ent_type_)):
            return tok
    return None


def _conjunct_agent(verb: Token) -> Token | None:
    """The "by" of the passive participle a bare passive cue is coordinated with, which
    the two share ("was mocked and criticised by the mayor", "were repeated and amplified
    by the fishermen"); never where either has words of its own between them ("was announced in
    May and criticised by X", "was criticised and later dropped by X": who announced or
    criticised it is not said)."""
    if verb.tag_ != "VBN" or any(c.dep_ not in ("cc", "conj", "punct") for c in verb.rights):
        return None
    for other in (c for c in verb.rights if c.dep_ == "conj" and c.tag_ in ("VBN", "VBD")
                  and not any(c.lefts)):
        agent = next((c for c in other.children if c.dep_ == "agent"), None)
        if agent is not None:
            return agent
    return None


def _agent(verb: Token) -> Token | None:
    """Who a passive cue names as its speaker (see :func:`_agent_phrase`)."""
    phrase = _agent_phrase(verb)
    return next((c for c in phrase.children if c.dep_ == "pobj"), None) if phrase is not None else None


def _reports_in_passive(ctx: Context, verb: Token, cue: Cue) -> bool:
    """True for a passive cue that reports: not an "active-only" cue, not "as" set before
    it ("as reported", "as it is known"), and with a complement of its own."""
    if cue.phrase in ctx.words.active_only or any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    return any(_substantive(t) for c in verb.children if c.dep_ not in PASSIVE_SKIP
               for t in c.subtree)


def _passive_content(ctx: Context, verb: Token) -> list[Token]:
    """The clause of a passive cue without its agent or what stands before its subject: who
    or what it is about and what is said of it ("the plan was criticised by X as too
    costly"; "after the vote, the council is expected to approve it")."""
    agent = _agent_phrase(verb)
    skip = {t.i for c in verb.children if c.dep_ == "agent" or (
        c.i < verb.i and c.dep_ not in PASSIVE_SUBJECT_SIDE) for t in c.subtree}
    skip |= {t.i for t in agent.subtree} if agent is not None else set()
    return _in_paragraph(ctx, verb, [t for t in verb.subtree if t.i not in skip])


def _labelled_drafts(ctx: Context, quoting: Quoting) -> list[Draft]:
    """The rest of each paragraph a speaker label opens ("ROE: We will rebuild", "Poll:
    Most fishermen want a second pier"), unless it is a direct quote."""
    drafts = []
    cue = ctx.words.default_cue
    for index, label in sorted(ctx.labels.items()):
        span = _trim(ctx.text, Span(label.colon.end, ctx.paragraphs[index].end))
        checked = _mixed_or_trimmed(ctx, quoting, span)
        words = ctx.text[checked[1].begin:checked[1].end].split() if checked else []
        if checked is not None and len(words) >= MIN_LABEL_WORDS:
            drafts.append(Draft(checked[0], checked[1], cue, label.colon.begin, label.head,
                                label.colon, speech_act=cue.speech_act))
    return drafts


def _draft(ctx: Context, quoting: Quoting, tok: Token, cue_end: Token, cue: Cue,
           tokens: list[Token] | None, subject: Token | None, unnamed: bool = False) -> Draft | None:
    """The draft of a cue's content, or None when it is too short or inside a quote, or has
    no subject where the cue needs one (``unnamed``: a cue whose sources are never named)."""
    if not tokens or (subject is None and not (unnamed or is_passive(tok) or asks_unnamed(tok))):
        return None
    span = _char_span(_without_relative_aside(ctx, _before_second_cue(ctx, _without_question(tok, tokens))))
    if span is None:
        return None
    checked = _mixed_or_trimmed(ctx, quoting, _trim(ctx.text, span))
    if checked is None or not checked[1] or not _holds_content(ctx, tok, checked[1]):
        return None
    kind, span = checked
    act = cue.speech_act
    if cue.xcomp_act and any(c.dep_ == "xcomp" for c in tok.children):
        act = cue.xcomp_act
    objects = [c for c in tok.children if c.dep_ == "dobj"] if act in ctx.words.target_acts else []
    cue_span = Span(tok.idx, max(tok.idx + len(tok.text), cue_end.idx + len(cue_end.text)))
    return Draft(kind, span, cue, tok.idx, subject, cue_span, speech_act=act,
                 targets=tuple(objects))


def _without_question(cue: Token, tokens: list[Token]) -> list[Token]:
    """The content of ``cue`` without a question put to its speaker by someone else
    (:func:`~graph.extract.speech.cues.asked_participle`: "said the toll was fair when asked
    about it", "... when asked by a reporter whether ..."): the asking is a statement of its
    own, not what the speaker says."""
    asked = {t.i for q in tokens if q.i != cue.i and asked_participle(q) for t in q.subtree}
    return [t for t in tokens if t.i not in asked] if asked else tokens


def _without_relative_aside(ctx: Context, tokens: list[Token]) -> list[Token]:
    """The content without the relative clause the writer adds at its end after a comma
    ("she backed the bill, which the council passed in May": the council's passing is the
    writer's, not hers), unless a cue in it reports more ("…, which he called a disgrace")
    or it follows a date or amount, where "which" is mostly the whole clause ("seized in
    2020, which is more than ever")."""
    ordered = sorted(tokens, key=lambda t: t.i)
    words = [t for t in ordered if not t.is_punct]
    if len(words) < 2:
        return ordered
    last = words[-1]
    for t in ordered[1:]:
        before = t.doc[t.left_edge.i - 1]
        if (t.dep_ == "relcl" and t.right_edge.i >= last.i and t.left_edge.tag_ in WH_TAGS
                and before.text == "," and before.i > ordered[0].i
                and t.head.ent_type_ not in AMOUNT_LABELS and t.head.pos_ != "NUM"
                and not any(match_cue(w, ctx.words.cues) for w in t.subtree)):
            return [w for w in ordered if w.i < before.i]
    return ordered


def _holds_content(ctx: Context, cue: Token, span: Span) -> bool:
    """True when the words of ``span`` other than the cue carry a content: a word of
    :data:`CONTENT_POS` that is no date, and in a content of one or two words a name, a
    pronoun, a number, a noun with its determiner or a verb with another word ("endorsed
    Jane Roe", "denied it", "criticised the decision", "vowed to fight on"; never "attacked
    others" or a bare infinitive of speaking: "declined to comment", "intends to appeal")."""
    words = [t for t in ctx.doc[ctx.token_at(span.begin):ctx.token_at(span.end - 1) + 1]
             if t.i != cue.i and not (t.is_punct or t.is_space)]
    if len(words) == 2 and words[0].lower_ == "to" and words[1].lemma_ in ctx.words.cues:
        return False  # speaking, bare, says nothing: "declined to comment", "intends to appeal"
    if len(words) < MIN_PLAIN_WORDS:
        return any(_substantive(t) and (t.pos_ in NAME_POS or (t.pos_ == "NOUN" and any(
            c.dep_ in ("det", "poss") for c in t.children)) or (
            t.pos_ == "VERB" and len(words) > 1)) for t in words)
    return any(_substantive(t) for t in words)


def _substantive(token: Token) -> bool:
    """True for a word that can carry a content on its own (see :data:`CONTENT_POS`)."""
    return token.pos_ in CONTENT_POS and token.ent_type_ not in TIME_LABELS


def _content(ctx: Context, verb: Token, cue: Cue, particle: Token | None) -> list[Token] | None:
    """The content tokens of a reporting verb, or None when it has no content."""
    children = list(verb.children)
    targets = [c for c in children if c.dep_ == "ccomp" and not _after_colon(ctx, c)
               and not participle_on_noun(c)]
    if not targets and cue.content == "clause":
        targets = [c for c in children if c.i > verb.i and _holds_clause(c)]
    if not targets and cue.content == "clause":
        targets = _clause_of_medium(children, verb)
    if cue.content == "to":  # never a passive one: "declined to be named"
        targets = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i
                   and not any(g.dep_ == "auxpass" for g in c.children)]
    if not targets and cue.content == "object":
        targets = _object_content(ctx, verb, children, particle) or yes_no_clauses(verb)
    if not targets and cue.content == "as":
        targets = _characterisation(ctx, verb, children)
    if not targets and cue.content == "as" and cue.xcomp_act:  # "called to ban cars"
        targets = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i]
    if not targets and verb.head.pos_ in ("VERB", "AUX") and (
            verb.dep_ == "parataxis" or _as_she_said(verb, children)):
        own = {t.i for t in verb.subtree}  # "The plan, she said, will fail."; "As she said, …"
        return _in_paragraph(ctx, verb, [t for t in verb.head.subtree if t.i not in own])
    para = ctx.paragraph_at(verb.idx)  # a complement the parser hung across a paragraph break
    targets = [t for t in targets if para.begin <= t.idx < para.end]
    if any(t.i > verb.i for t in targets):  # "Most said X; half said Y": Y alone is said
        targets = [t for t in targets if t.i > verb.i]
    if not targets:
        return None
    begin = min(t.left_edge.i for t in targets)
    end = max(t.right_edge.i for t in targets)
    if begin > verb.i:
        tail = [c for c in children if c.i > end and not _aside(c) and not _circumstance(ctx, c)
                and (c.dep_ not in TAIL_DEPS
                     or (c.dep_ == "conj" and match_cue(c, ctx.words.cues) is None))]
        end = max([end] + [c.right_edge.i for c in tail])
    tokens = _in_paragraph(ctx, verb, ctx.doc[begin:end + 1])
    if tokens and _opens_content(ctx, verb, tokens[0], particle):
        tokens = tokens[1:]
    return tokens


def _before_second_cue(ctx: Context, tokens: list[Token]) -> list[Token]:
    """The content up to a second cue of its reporting verb that the parser hung inside it
    (:func:`~graph.extract.speech.speakers.second_cue_of`: "said the plan failed and urged
    the council to act": the urging is a statement of its own), without the conjunction and
    commas before it. A second cue whose content holds a quote stays: its quote is reported
    inside the first content ("says he backs Roe and calls her “…”"); so does a cue word
    without a content of its own there ("reported the man left and continued to attack")."""
    second = next((t for t in tokens if second_cue_of(ctx, t) is not None
                   and not any(ctx.in_any_quote(g.idx) for g in t.subtree)
                   and _own_content(ctx, t)), None)
    if second is None:
        return tokens
    i = second.left_edge.i - 1
    while i > 0 and (ctx.doc[i].dep_ == "cc" or ctx.doc[i].is_punct):
        i -= 1
    kept = [t for t in tokens if t.i <= i]
    return kept or tokens


def _own_content(ctx: Context, verb: Token) -> bool:
    """True when a cue word has a content of its own (see :func:`_content`)."""
    found = match_cue(verb, ctx.words.cues)
    return found is not None and bool(_content(ctx, verb, found[0], found[1]))


def _after_colon(ctx: Context, clause: Token) -> bool:
    """True for a clause quoted whole after a colon ("outlined the link: “Sharks left …”"):
    a quote of its own, no content of the cue's reported statement."""
    first = clause.left_edge
    return ctx.in_any_quote(first.idx) and ctx.text[:first.idx].rstrip(" \"“'‘").rstrip().endswith(":")


def _clause_of_medium(children: list[Token], verb: Token) -> list[Token]:
    """The that-clause the parser hung on the noun of where or when a cue speaks ("said in
    a statement that …", "said for the first time that …")."""
    return [g for c in children if c.dep_ == "prep" and c.i > verb.i
            for p in c.children if p.dep_ == "pobj"
            for g in p.children if g.dep_ in ("acl", "ccomp", "relcl")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]


def _aside(child: Token) -> bool:
    """True for what a cue adds after its content, set off by a comma: a participle ("…,
    saying the rest was personal") or "according to" (its own attribution)."""
    if child.dep_ == "prep" and child.lower_ == "according":
        return True
    previous = child.left_edge.nbor(-1) if child.left_edge.i > 0 else None
    return (child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN") and previous is not None
            and previous.text == "," and not any(c.dep_ == "mark" for c in child.children))


def _circumstance(ctx: Context, child: Token) -> bool:
    """True for when, where or how a cue speaks, after its content ("criticised her plan
    last week", "praised him in a speech", "thanked them after the vote", "criticised it
    when she spoke"): no part of what is said."""
    if child.dep_ == "npadvmod":
        return True
    if child.dep_ == "prep":
        return child.lower_ in ctx.words.circumstance_preps
    if child.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in ctx.words.circumstance_marks
                   for c in child.children)
    return False


def _opens_content(ctx: Context, verb: Token, first: Token, particle: Token | None) -> bool:
    """True for the word that only introduces a content: the particle of a phrasal cue
    ("for" of "called for X to ...") or the preposition of an object cue ("about" of
    "warned about the floods"). A conjunction ("that", "whether") or the "to" of an
    infinitive stays: it belongs to the content ("said that it will rain", "vowed to
    rebuild")."""
    if first.dep_ == "mark":
        return first is particle
    return first.dep_ == "prep" and first.head == verb and first.lower_ in ctx.words.content_preps


def _as_she_said(verb: Token, children: list[Token]) -> bool:
    """True for a bare saying verb opened by "as" that attributes its main clause ("As she
    said, the plan will fail"); never a temporal "as" ("as the talks continue")."""
    return (verb.dep_ == "advcl" and verb.lemma_ in AS_CUES
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
            and all(c.dep_ in BARE_DEPS for c in children))


def _holds_clause(child: Token) -> bool:
    """True for a long object holding a verb ("showed voters leaving the party"), or a
    complement the parser took for an infinitive that holds a finite clause ("said
    legalizing it could create jobs")."""
    subtree = list(child.subtree)
    if child.dep_ == "dobj":
        return len(subtree) >= MIN_CLAUSE_OBJECT and any(t.pos_ in ("VERB", "AUX") for t in subtree)
    return child.dep_ == "xcomp" and any(t.tag_ in FINITE_TAGS for t in subtree)


def _object_content(ctx: Context, verb: Token, children: list[Token],
                    particle: Token | None) -> list[Token]:
    """The objects, infinitives and prepositional complements of an "object" cue."""
    targets: list[Token] = []
    for c in children:
        if c.dep_ in OBJECT_DEPS and c.i > verb.i:
            targets.append(c)
        elif c.dep_ == "prep" and c.lower_ in ctx.words.content_preps and c.i > verb.i:
            if c is particle:
                targets.extend(g for g in c.children if g.dep_ == "pobj")
            else:
                targets.append(c)
    if particle is not None and particle.dep_ == "mark":
        targets.append(particle.head)  # "called for the toll to be cut"
    elif particle is not None:
        targets.extend(g for g in particle.children if g.dep_ == "pobj")
    return targets


def _characterisation(ctx: Context, verb: Token, children: list[Token]) -> list[Token]:
    """The object and what the cue calls it ("the plan" and "a disaster" of "called the plan
    a disaster", "it" and "as reckless" of "described it as reckless"; the parser may hang
    the name on the object: "called the plan “a farce”", "called the vote “rigged”"); the
    name alone when the object stands before the cue or in it ("what she called “a
    farce”", "called her “third-rate”"); nothing without a name."""
    objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
    predicates = [c for c in children if c.i > verb.i and (
        c.dep_ in PREDICATE_DEPS or (c.dep_ == "prep" and c.lower_ == "as"))]
    predicates += [c for o in objects for c in o.rights if c.dep_ == "appos" or (
        c.dep_ in QUOTED_NAME_DEPS and ctx.in_any_quote(c.idx))]
    if not objects:  # "what she called “a farce”", "called her “third-rate”"
        return [p for p in predicates if p.dep_ == "oprd"]
    return objects + predicates if predicates else []


def _according_content(ctx: Context, according: Token) -> list[Token] | None:
    """The longest run of the clause "according to" modifies, without the phrase itself;
    the whole clause when the phrase is set into it between commas ("The dam, according to
    X, will hold"; "One pier was, according to X, among the damaged"). A phrase closing the
    sentence after a comma attributes all of it: every conjunct and participle before it
    ("The dam broke, and the town flooded, according to X"; "The dam broke, flooding the
    town, according to X"), also when the parser hung it on a clause after it."""
    head = according.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    doc = according.doc
    end = doc[according.i + 1].right_edge.i + 1 if according.i + 1 < len(doc) else according.i + 1
    after_comma = according.i > 0 and doc[according.i - 1].text == ","
    if head.left_edge.i < according.i - 1 and end + 1 < head.right_edge.i \
            and after_comma and doc[end].text == ",":
        return _in_paragraph(ctx, according, head.subtree) or None
    skip = {t.i for t in according.subtree}
    if after_comma:
        while head.head.i != head.i and (head.dep_ == "conj" or _opens_after(head, skip, according) or (
                head.dep_ == "advcl" and head.tag_ == "VBG" and head.i < according.i)):
            head = head.head  # "A, and B, according to X"; "A, doing B, according to X"
    runs: list[list[Token]] = [[]]
    for t in head.subtree:
        if t.i in skip:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(t)
    best = _in_paragraph(ctx, according, max(runs, key=len))
    return best or None


def _opens_after(head: Token, skip: set[int], according: Token) -> bool:
    """True for a clause that opens only after the "according to" phrase the parser hung on
    it ("A, according to X, some of whom ..."): the phrase attributes what stands before."""
    return all(t.i > according.i for t in head.subtree if t.i not in skip and not t.is_punct)


def _in_paragraph(ctx: Context, anchor: Token, tokens: Iterable[Token]) -> list[Token]:
    """The tokens standing in the same paragraph as ``anchor``."""
    para = ctx.paragraph_at(anchor.idx)
    return [t for t in tokens if para.begin <= t.idx < para.end]


def _mixed_or_trimmed(ctx: Context, quoting: Quoting, span: Span) -> tuple[str, Span] | None:
    """The content cut before any direct quote it runs into (None when it starts in one),
    and "mixed" when a quoted fragment opens inside it (it may run to its end: the closing
    mark and punctuation are trimmed). A quote whose speaker and cue stand inside the
    content is no cut but a part of it: the content reports that someone said it ("Roe
    said the town lost a voice that said “…”")."""
    nested = []
    for q in quoting.direct:
        if q.outer.overlaps(span):
            if q.outer.begin <= span.begin:
                return None
            if _reported_inside(quoting, q, span):
                nested.append(q)
                continue
            span = _drop_trailing_cue(ctx, _trim(ctx.text, Span(span.begin, q.outer.begin)))
    nested = [q for q in nested if q.outer.begin < span.end]
    if nested:
        span = Span(span.begin, max([span.end] + [q.outer.end for q in nested]))
    inside = [f for f in quoting.fragments if span.begin <= f.span.begin < span.end] + nested
    if not inside:
        return "indirect", span
    return "mixed", _with_marks(span, inside)


def _reported_inside(quoting: Quoting, q: Quote, span: Span) -> bool:
    """True when the direct quote ``q`` is attributed before it by a cue and a subject that
    both stand inside ``span`` after its start ("… a voice that said “…”")."""
    found = quoting.attributions.get(q.outer.begin)
    return (found is not None and found.subject is not None
            and span.begin < found.subject.idx < q.outer.begin
            and span.begin < found.token.idx < q.outer.begin)


def _with_marks(span: Span, fragments: list[Quote]) -> Span:
    """``span`` with the marks of the quoted fragments it opens or closes in, as in the
    article ("called him a “loser.”", not "called him a “loser")."""
    begin = min([span.begin] + [f.outer.begin for f in fragments if f.span.begin == span.begin])
    end = max([span.end] + [f.outer.end for f in fragments
                            if f.closed and f.span.begin < span.end <= f.outer.end])
    return Span(begin, end)


def _drop_trailing_cue(ctx: Context, span: Span) -> Span:
    """Cut a dangling reporting verb left before a quote ("…, saying")."""
    last = ctx.doc[ctx.token_at(max(span.begin, span.end - 1))]
    if last.idx > span.begin and match_cue(last, ctx.words.cues) is not None:
        return _trim(ctx.text, Span(span.begin, last.idx))
    return span


def _char_span(tokens: list[Token]) -> Span | None:
    """The characters from the first to the last of ``tokens`` (in any order), without
    leading and trailing punctuation."""
    tokens = sorted((t for t in tokens if not (t.is_punct or t.is_space) or t.text in "%$"),
                    key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    if not tokens:
        return None
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _trim(text: str, span: Span) -> Span:
    """``span`` without surrounding blanks, punctuation and quotation marks."""
    begin, end = span.begin, span.end
    while begin < end and (text[begin].isspace() or text[begin] in TRIM):
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] in TRIM):
        end -= 1
    return Span(begin, end)
