"""Who speaks: from a cue to its subject phrase, and from that phrase to an actor.

The subject of a cue is found in the parse (:func:`subject_of`, :func:`inverted_subject`,
:func:`according_object`). It resolves (:func:`resolve`) to an actor of the article: by the
mention it stands in, by name, as a pronoun or a nominal ("the minister") through
:mod:`graph.extract.reference`; or to an actor minted for it: an unnamed source ("a police
official", "one of the witnesses", "most voters", "the lawsuit", evidence such as "a new
survey"), an organisation named only as a speaker ("the police"), or a person the actors
stage missed. :func:`speakers` resolves every draft in text order,
recording each speaker as the most salient actor; a direct quote without attribution takes
the speaker of its block, else the actor in focus.
"""

from __future__ import annotations

from spacy.tokens import Span as Words, Token

from graph.extract import reference
from graph.extract.reference import Discourse, strip_words
from graph.extract.speech.context import Context, Draft
from graph.extract.speech.cues import asked_participle, done_to_subject, misread_perfect
from graph.extract.speech.evidence import HEARSAY_ADVERBS
from graph.lexicon import lexicon
from graph.lexicon.speech import SpeechWords
from graph.records import Span

CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
CORE_DEPS = frozenset({"compound", "flat", "appos", "nsubj", "nmod"})
NOUN_POS = ("PROPN", "NOUN", "PRON")
#: Heads of a speaker phrase that name no actor but describe one ("most voters", "the
#: lawsuit", "two-thirds of the delegates"): an unnamed source.
DESCRIBED_POS = frozenset({"NOUN", "PROPN", "NUM"})
SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass", "pobj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Words after a subject that a name after its rank may end within ("Capt . Jane Q. Roe").
RANK_REACH = 8
#: Verbs whose predicate noun is their subject ("Roe was the first mayor to ...").
COPULAS = frozenset({"be", "become", "remain"})
#: Pronouns that stand for someone ("she was the first to ...", never "it was the last chance to ...").
PERSONAL = frozenset({"i", "you", "he", "she", "we", "they", "who"})
#: Children that make a coordinated verb a clause of its own, not a second cue of the
#: reporting verb it follows (see :func:`second_cue_of`).
OWN_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})
#: Entity labels of a name that can speak.
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Participles whose phrase after a noun belongs to its description ("a poll released
#: Monday", "groups representing farmers").
PARTICIPLE_TAGS = frozenset({"VBN", "VBG"})
#: Tags of the verbs an inverted subject may follow ("…,” added a fisherman", "…,” read the
#: statement": the parser may tag a past "read" as a base form).
INVERTED_TAGS = frozenset({"VBD", "VBZ", "VBP", "VB"})
#: Verbs a subject climbs through to its reporting verb ("said A and added B", "…, adding").
MAX_CLIMB = 4
#: Paragraphs after a transcript line whose "I" is still the speaker of its label.
LABEL_REACH = 2
#: Sentences before "they" searched for the plural subject it refers to.
PLURAL_LOOKBACK = 2
#: The articles, which never name anyone on their own ("according to the ...").
ARTICLES = frozenset({"the", "a", "an"})
#: A word between evidence and the date that describes it ("a poll out Monday").
WORDS_BEFORE_DATE = frozenset({"out"})
#: Marks that close what comes before them and never open a noun phrase: the parser may hang
#: the closing mark of a quote, or a comma, on the phrase after it.
PHRASE_NEVER_OPENS = frozenset({"”", "’", "''", ",", ";", ":"})
#: Words after a pronoun that its description may take ("those who voted early").
DESCRIPTION_WORDS = 8


# -- the subject phrase ----------------------------------------------------------------------


def subject_of(ctx: Context, verb: Token) -> Token | None:
    """The head of a reporting verb's speaker phrase.

    Climbs through coordination ("said A and added B"), participles ("…, adding that"),
    relative clauses ("X, who said") and "X was quoted as saying".
    """
    para = ctx.paragraph_at(verb.idx)
    if done_to_subject(verb) or asked_participle(verb):
        return None  # "Asked whether ..., Roe said": Roe was asked, someone else asked
    participle = False
    for _ in range(MAX_CLIMB):
        quoted = ctx.in_any_quote(verb.idx)
        reporting = _reporting_verb(ctx, verb) if participle else None
        if reporting is not None:
            verb = reporting  # "X said the plan would fail, adding ...": X adds, not "the plan"
            continue
        subjects = [c for c in verb.children if para.begin <= c.idx < para.end
                    and not quoted and (c.dep_ == "nsubj" or (
                        c.dep_ == "nsubjpass" and (verb.lemma_ in ctx.words.quoting_verbs
                                                  or misread_perfect(verb))))]
        if subjects and verb.lemma_ in ctx.words.cues:
            subject = _nearest_subject(ctx, verb, subjects)  # "X said, according to Y,"
            return _poll_of_share(ctx, verb, subject) or subject
        for child in verb.children:
            if child.lower_ == "according" and child.dep_ == "prep":
                pobj = according_object(child)
                if pobj is not None:
                    return pobj
        if subjects:
            return _nearest_subject(ctx, verb, subjects)
        misread = _subject_in_opening_participle(verb) or _subject_after_time(verb)
        if misread is not None and not quoted:
            return misread
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and not quoted:
            return _issuer(ctx, verb.head)  # "a group backing X", "issued a statement saying"
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in NOUN_POS and not quoted:
            return verb.head  # "Roe, later alleging that ..., said": hung on the name
        if verb.dep_ == "relcl" and not quoted:
            return _copula_subject(verb) or verb.head
        controller = _object_controller(verb, ctx.words) if not quoted else None
        if controller is not None:
            return controller  # "the vote led Roe to announce ...": Roe announces
        outer = second_cue_of(ctx, verb) if not quoted else None
        if outer is not None:
            verb = outer  # "Roe said Poe was wrong and called him ...": Roe calls
            continue
        if (verb.dep_ in CLIMB_DEPS or quoted) and verb.head.i != verb.i:
            participle = participle or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
            verb = verb.head
            continue
        return None
    return None


def _nearest_subject(ctx: Context, verb: Token, subjects: list[Token]) -> Token:
    """The subject nearest the verb, but for a bare quantifier floating after a noun the
    parser also made its subject ("the fishermen — ... — both said": the fishermen, not
    "both"; never after a relative pronoun: "X, who many feel ...")."""
    def floating(c: Token) -> bool:
        return (c.lower_ in ctx.words.quantifiers and not list(c.children)
                and any(o.pos_ in ("NOUN", "PROPN") for o in subjects if o.i < c.i))
    return min(subjects, key=lambda c: (floating(c), abs(c.i - verb.i)))


def _copula_subject(verb: Token) -> Token | None:
    """The subject of the copula whose predicate noun an infinitive qualifies, who does what
    the infinitive says ("Roe was the first mayor to endorse Poe", "Roe and Berg were the
    only members to vote against it": Roe endorses, Roe and Berg vote), or None."""
    noun = verb.head
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if noun.dep_ != "attr" or noun.head.lemma_ not in COPULAS:
        return None
    subject = next((c for c in noun.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or not (subject.ent_type_ in NAME_LABELS or subject.lower_ in PERSONAL):
        return None  # "it was the last chance to ...": no one
    return subject


def _poll_of_share(ctx: Context, verb: Token, subject: Token) -> Token | None:
    """The poll a share of its respondents speaks in ("in a new poll, 60 percent of voters
    said ...", "six in ten said ..., according to a survey"): the evidence noun of an "in"
    or "according to" phrase of the verb, when the subject is a share (a number, or a word
    of :attr:`~graph.lexicon.speech.SpeechWords.shares`); else None."""
    words = ctx.words
    if not _share(subject, words):
        return None
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ == "according":
            noun = according_object(child)
        elif child.lower_ == "in":
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
        else:
            continue
        if noun is not None and {noun.lower_, noun.lemma_.lower()} & words.referents.evidence:
            return noun
    return None


def _share(token: Token, words: SpeechWords) -> bool:
    """True for the head of a share of people: a number ("four in 10 said"), a word of
    :attr:`~graph.lexicon.speech.SpeechWords.shares` ("60 percent", "a majority"), or a
    noun counted as a ratio ("six in 10 voters"; never "two officials")."""
    return token.pos_ == "NUM" or token.lower_ in words.shares or any(
        c.dep_ == "nummod" and any(q.dep_ == "quantmod" and q.pos_ == "ADP" for q in c.children)
        for c in token.children)


def _object_controller(verb: Token, words: SpeechWords) -> Token | None:
    """The object of the verb an infinitive hangs on, who does what the infinitive says
    ("the vote led Roe to announce", "prompted the mayor to say"; the verbs are
    :attr:`~graph.lexicon.speech.SpeechWords.control_verbs`), or None. The object must be
    someone (a name, a pronoun, a person or organisation noun), not a means ("used the
    speech to argue"); an order ("told the officials to warn them") or a purpose ("founded
    the party to oppose the plan") is no such verb."""
    infinitive = verb.dep_ == "xcomp" and verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if not infinitive or verb.head.lemma_ not in words.control_verbs:
        return None
    ref = words.referents
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i and (
        c.pos_ in ("PROPN", "PRON") or c.lemma_.lower() in ref.person
        or c.lemma_.lower() in ref.organization)), None)


def _subject_in_opening_participle(verb: Token) -> Token | None:
    """The subject the parser hung on an opening participle it took for the verb's subject
    ("Speaking to the Gazette, the head of the league, Jane Roe, said": Roe, set as an
    apposition of "the Gazette"): the last apposition after the participle's first comma."""
    for csubj in verb.children:
        if csubj.dep_ in ("csubj", "advcl") and csubj.tag_ == "VBG" and all(
                t.is_space or t.is_punct for t in csubj.doc[csubj.sent.start:csubj.i]):
            comma = next((t.i for t in csubj.subtree if t.text == ","), None)
            found = [t for t in csubj.subtree if comma is not None and t.i > comma
                     and t.dep_ == "appos" and t.pos_ in NOUN_POS]
            return found[-1] if found else None
    return None


def _subject_after_time(verb: Token) -> Token | None:
    """The name the parser hung on a time phrase without a comma before the verb ("On
    Friday Harbour Authority announced": the authority, taken for part of the date)."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i < verb.i and prep.right_edge.i == verb.i - 1:
            name = next((t for t in prep.children if t.dep_ == "pobj"), None)
            if (name is not None and name.i == verb.i - 1 and name.pos_ == "PROPN"
                    and name.ent_type_ in NAME_LABELS
                    and any(t.ent_type_ in ("DATE", "TIME") for t in name.subtree)):
                return name
    return None


def _reporting_verb(ctx: Context, verb: Token) -> Token | None:
    """The reporting verb whose content clause ``verb`` heads ("said [the plan would
    fail]", "rejected the idea [that the plan would fail]"), or None: a participle the parser
    hung in that clause, or in a verb it governs ("..., adding that", "wrote the agents knew
    to brace for it, saying"), belongs to the reporting verb's subject. Never a clause whose
    subject stands after a comma or quote mark, an attribution the parser hung the other
    way round ("Roe can't say that “…,” Poe added, saying ...": Poe says)."""
    cues = ctx.words.cues
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    if subject is not None and subject.left_edge.i > 0 and subject.doc[subject.left_edge.i - 1].is_punct:
        return None
    if verb.dep_ == "ccomp" and verb.head.lemma_ in cues:
        return verb.head
    noun = verb.head
    if (verb.dep_ in ("acl", "ccomp") and noun.pos_ == "NOUN" and noun.dep_ == "dobj"
            and noun.head.lemma_ in cues and noun.i < verb.i):
        return noun.head
    return None


def second_cue_of(ctx: Context, verb: Token) -> Token | None:
    """The reporting verb a second cue is coordinated with, when the parser hung the second
    one inside the first one's content ("Roe said Poe was wrong and called him a liar",
    "Roe told reporters the plan had failed and urged the council to act": Roe calls and
    urges, not Poe or the plan), or None. Only a cue in the reporting verb's own tense,
    without a subject or auxiliary of its own ("Roe said Poe had lied and would deny it":
    Poe denies). A bare form after a present one counts as that tense where the verb it is
    coordinated with is no bare form itself, whose auxiliary it could share ("critics say Roe
    has failed and demand a vote": the critics demand; "critics say Roe must quit and admit
    it": Roe admits)."""
    cues = ctx.words.cues
    content = verb.head
    if (verb.dep_ != "conj" or verb.lemma_ not in cues or content.dep_ != "ccomp"
            or content.head.lemma_ not in cues or content.head.i > content.i):
        return None
    tense = verb.tag_ == content.head.tag_ or (
        verb.tag_ == "VB" and content.head.tag_ == "VBP" and content.tag_ != "VB")
    if not tense or any(c.dep_ in OWN_CLAUSE_DEPS for c in verb.children):
        return None
    return content.head


def _issuer(ctx: Context, noun: Token) -> Token:
    """Who speaks through a participle set on a noun: the noun ("a group backing X"), or for
    a document that is the object of a verb, that verb's subject ("X issued a statement
    saying ...")."""
    if noun.dep_ == "dobj" and noun.lemma_.lower() in ctx.words.referents.document:
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return subject if subject is not None else noun
    return noun


def according_object(according: Token) -> Token | None:
    """Who "according to" names: the object of "to", else the next noun (also where the
    parser took the article for the object: "according to the P.H.A" before a paragraph's
    end)."""
    doc = according.doc
    if according.i + 1 >= len(doc):
        return None
    to = doc[according.i + 1]
    for child in to.children:
        if child.dep_ == "pobj" and child.lower_ not in ARTICLES:
            return child
    nxt = [t for t in doc[to.i + 1: to.i + 6] if t.pos_ in NOUN_POS and t.lower_ not in ARTICLES]
    return nxt[0] if nxt else None


def inverted_subject(ctx: Context, verb: Token, window: list[Token]) -> Token | None:
    """The subject standing after its verb ("…,” said Jane Roe"); a participle
    ("…,” recalling their meeting") takes the subject of its clause instead."""
    if verb.tag_ == "VBG":
        return subject_of(ctx, verb)
    return phrase_head([t for t in window if t.i > verb.i])


def phrase_head(tokens: list[Token]) -> Token | None:
    """The head of the noun phrase that opens ``tokens`` (after any punctuation before it),
    up to a comma or possessive: its last proper noun or common noun, or the last word of
    the person's name that ends it (:func:`_person_ending`)."""
    for n, tok in enumerate(tokens):
        if tok.is_punct and not any(not t.is_punct for t in tokens[:n]):
            continue  # the comma after a quote
        if ((tok.is_punct and not abbreviation_dot(tok)) or tok.tag_ in ("PRP$", "WP$")
                or tok.dep_ == "poss"):
            break
        if tok.pos_ in NOUN_POS:
            head = tok
            while (head.dep_ in ("compound", "flat", "amod", "det") and head.head.i > head.i
                   and head.head in tokens):
                head = head.head
            return _person_ending(tokens[n:]) or head
    return None


def _person_ending(run: list[Token]) -> Token | None:
    """The last word of a person's name ending the proper nouns that open ``run``, titles
    and their abbreviations before it ("Navy Capt. Jane Roe": Roe, not the Navy); None when
    a common noun follows the name, which then only modifies it ("a Roe adviser")."""
    last = None
    for tok in run:
        if tok.pos_ == "NOUN" and last is not None:
            return None
        if tok.pos_ != "PROPN" and not abbreviation_dot(tok) and not (
                tok.pos_ in ("NOUN", "ADJ") and last is None):
            break
        if tok.ent_type_ == "PERSON":
            last = tok
    return last


def abbreviation_dot(tok: Token) -> bool:
    """True for the dot the parser split from an abbreviated honorific before a name
    ("Capt . Jane Roe")."""
    doc = tok.doc
    if tok.text != "." or not 0 < tok.i < len(doc) - 1:
        return False
    before = doc[tok.i - 1]
    return (not before.whitespace_ and before.lower_ in lexicon().actors.honorifics.ends
            and doc[tok.i + 1].is_title)


def noun_phrase(token: Token, with_preps: bool, preps: frozenset[str] = frozenset()) -> Span:
    """The noun phrase headed by ``token``: its modifiers, and with ``with_preps`` the
    tail of adjectives, of phrases opened by ``preps`` ("a source close to the talks"), of
    participles ("a poll released on Monday", "officials involved in the talks") and of
    a time ("a poll last week"), up to a comma; never a relative clause or apposition."""
    first = token.left_edge
    while first.i < token.i and first.text in PHRASE_NEVER_OPENS:
        first = first.nbor()  # '“…,” a port source, who ...': the parser hung the mark on it
    begin = first.idx
    end = token.idx + len(token.text)
    doc, i = token.doc, token.i + 1
    while i + 1 < len(doc) and _joins(doc[i]) and not token.whitespace_:
        end, i = doc[i + 1].idx + len(doc[i + 1].text), i + 2  # "two-thirds"
    if with_preps:
        for child in token.rights:
            if not ((child.dep_ == "prep" and child.lower_ in preps) or child.dep_ == "amod"
                    or (child.dep_ == "acl" and child.tag_ in PARTICIPLE_TAGS)
                    or child.dep_ == "npadvmod"):
                break
            last = next((t for t in child.subtree
                         if t.is_punct and t.i > child.i and not _joins(t)), None)
            if last is not None:
                end = max(end, last.nbor(-1).idx + len(last.nbor(-1).text))
                break
            end = child.right_edge.idx + len(child.right_edge.text)
    return Span(begin, end)


def _joins(tok: Token) -> bool:
    """True for a hyphen or slash inside a word ("Franco-German", "two-thirds"), which ends
    no phrase."""
    return (tok.text in ("-", "/") and tok.i > 0 and not tok.whitespace_
            and not tok.doc[tok.i - 1].whitespace_)


# -- from the phrase to an actor -------------------------------------------------------------


def resolve(discourse: Discourse, token: Token, attributed: bool = False) -> str | None:
    """The actor key for the speaker phrase headed by ``token``, minting one if needed.

    Args:
        discourse: The article so far.
        token: Head of the subject (or of the "according to" object).
        attributed: True when ``token`` heads the phrase a quote's attribution stands
            beside ("…,” a narrator off screen says"), the speaker whatever the parser
            hung it on.

    Returns:
        An entity key, or None when the phrase names no actor.
    """
    words = discourse.context.words
    if token.lower_ in words.pronouns.answer and _labels(discourse.context, token):
        return reference.salient(discourse, token.idx, lambda e: e.kind == "Person" or (  # "A: ..."
            e.kind == "UnnamedSource" and e.name != words.pronouns.writer))  # never who asks
    if _question_label(discourse.context, token):
        span = Span(token.idx, token.idx + len(token.text))  # "Q: ...": the interviewer asks
        return discourse.mint("UnnamedSource", span, name=words.pronouns.writer)
    if _coordinated(token):
        return _group(discourse, token)
    if _member_of_group(discourse, token):
        return _unnamed(discourse, token)  # "one Democrat close to the mayor said"
    token = _name_after_rank(token) or token
    key = discourse.mention_at(token)
    if key is not None and discourse.kind(key) != "Person":
        key = _person_in_phrase(discourse, token) or key
    if key is not None:
        return key
    key = _apposed_actor(discourse, token)
    if key is not None:
        return key
    group = _partitive_group(token, words.quantifiers)
    if group is not None and (group.lower_ in words.referents.person
                              or group.lemma_.lower() in words.referents.person):
        return _unnamed(discourse, token)
    if token.lower_ in words.quantifiers and token.pos_ in ("PRON", "ADJ", "ADV", "DET") \
            and token.dep_ in SPEAKER_DEPS:
        return _unnamed(discourse, token)  # "most said", "some argue"
    if token.lower_ in words.pronouns.indefinite and token.dep_ in SPEAKER_DEPS:
        return _unnamed(discourse, token)  # "someone said", "those polled said"
    if token.pos_ == "PRON" or token.lower_ in words.pronouns.gender:
        return _pronoun_speaker(discourse, token)
    if token.lower_ in words.referents.evidence or token.lemma_.lower() in words.referents.evidence:
        return _evidence_author(discourse, token) or _evidence(discourse, token)
    key = _person_in_phrase(discourse, token)
    if key is not None:
        return key
    if token.pos_ == "PROPN":
        key = _by_name(discourse, token) or _nominal(discourse, token)
    elif token.pos_ == "NOUN":
        key = _nominal(discourse, token)
    if key is None and _describes_speaker(token, words, attributed):
        key = _unnamed(discourse, token)
    return key


def _name_after_rank(token: Token) -> Token | None:
    """The last word of the person's name after a proper-noun subject that ends in a rank or
    title ("said Navy Capt. Jane Roe", "said Air Force 1st Lt. Jane Roe": the parser took
    the rank for the subject and its dot for a sentence's end), or None: only across the
    rank's dot, never after a person's own name ("Jane Roe Endorses John Poe: ...")."""
    if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return None
    doc = token.doc
    person = _person_ending(list(doc[token.left_edge.i:min(len(doc), token.i + RANK_REACH)]))
    if person is None or person.i <= token.i or not any(t.text == "." for t in doc[token.i:person.i]):
        return None  # "Harbour Authority Backs Jane Roe: ...": no rank's dot between
    return person


def _member_of_group(discourse: Discourse, token: Token) -> bool:
    """True for one member of a group the model names as a nationality, religion or party,
    counted by a determiner ("the Ostland Republican", "one Democrat close to the mayor",
    "a Catholic from Lakeside"): someone the text does not name, never the party itself,
    which a bare word in the singular does not name ("the Republican Party", "the GOP").
    A word that is itself a name or alias of an organisation of the article stays it."""
    if token.ent_type_ != "NORP" or token.tag_ != "NNP" or not any(
            t.dep_ in ("det", "nummod") for t in token.lefts):
        return False
    word = token.lower_
    return not any(word in {f.lower() for f in (e.name, *e.aliases)}
                   for e in discourse.entities.values() if e.kind == "Organization")


def _coordinated(token: Token) -> bool:
    """True for the head of coordinated subjects ("Roe and Berg said", "the mayor and her
    aides said"), who speak together; never two nouns describing one person ("the
    delegate and activist said", "retired agent and author Jane Roe said")."""
    return token.dep_ in SUBJECT_DEPS and _stands_alone(token) and any(
        c.dep_ == "conj" and _stands_alone(c) for c in token.children)


def _stands_alone(token: Token) -> bool:
    """True for a conjunct that names someone by itself: a name, a pronoun, a plural, or
    a noun with its own determiner ("her aides", "the mayor")."""
    return token.pos_ in ("PROPN", "PRON") or token.tag_ == "NNS" or any(
        t.dep_ in ("det", "poss", "nummod") for t in token.lefts)


def _group(discourse: Discourse, token: Token) -> str:
    """The group that coordinated subjects form, an unnamed source named by the whole
    coordination."""
    last = max((c for c in token.children if c.dep_ == "conj"), key=lambda c: c.i)
    end = noun_phrase(last, with_preps=False).end
    return discourse.mint("UnnamedSource", Span(token.left_edge.idx, end), plural=True)


def _apposed_actor(discourse: Discourse, token: Token) -> str | None:
    """The person or organisation an apposition names ("one of the groups, the Green
    Network, said")."""
    for child in token.children:
        if child.dep_ == "appos":
            key = discourse.mention_at(child)
            if key is not None and discourse.kind(key) in ("Person", "Organization"):
                return key
    return None


def _question_label(ctx: Context, token: Token) -> bool:
    """True for the label of an interview's question ("Q: ..."), which the interviewer, the
    article's writer, asks: never the speaker in focus, whom an answer's label ("A: ...")
    names."""
    return token.lower_ in ctx.words.pronouns.question and _labels(ctx, token)


def _labels(ctx: Context, token: Token) -> bool:
    """True when ``token`` is the head of its paragraph's speaker label."""
    label = ctx.labels.get(ctx.paragraph_of(token.idx))
    return label is not None and label.head.i == token.i


def _pronoun_speaker(discourse: Discourse, token: Token) -> str | None:
    """The actor a pronoun subject refers to: a relative pronoun's antecedent ("officials
    who said"), the speaker "I" or "we" stands for (:func:`_first_person`), the actor
    :func:`graph.extract.reference.pronoun` finds, else for "they" the plural subject just
    before (:func:`_plural_antecedent`)."""
    words = discourse.context.words
    low = token.lower_
    clause = token.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "X, who ... and who said"
    antecedent = clause.head if clause.dep_ == "relcl" else _noun_before(token)
    if low in words.pronouns.relative and antecedent is not None:
        return resolve(discourse, antecedent) or (
            _unnamed(discourse, antecedent) if antecedent.pos_ in DESCRIBED_POS else None)
    if low in words.pronouns.first_person or low in words.pronouns.first_plural:
        return _first_person(discourse, token)
    key = reference.pronoun(discourse, low, token.idx)
    if key is None and low in words.pronouns.plural:
        key = _plural_antecedent(discourse, token)
    return key or _unnamed(discourse, token)


def _noun_before(token: Token) -> Token | None:
    """The noun a relative pronoun follows, when the parser did not hang the clause on it
    ("a site, which posts rumours, said": "site"); None at a sentence's start."""
    i = token.i - 1
    if i >= token.sent.start and token.doc[i].text == ",":
        i -= 1
    if i < token.sent.start:
        return None
    before = token.doc[i]
    return before if before.pos_ in ("NOUN", "PROPN") else None


def _first_person(discourse: Discourse, token: Token) -> str | None:
    """Who "I" or "we" outside quotes is: in a transcript line or the lines that go on from
    it (up to :data:`LABEL_REACH` paragraphs), the speaker its label names, or the person in
    focus when the label names no one ("A: I think ..." in an interview); elsewhere the
    article's writer, an unnamed source ("I think the levee will hold" in a column)."""
    ctx = discourse.context
    para = ctx.paragraph_of(token.idx)
    for index in range(para, max(-1, para - LABEL_REACH - 1), -1):
        label = ctx.labels.get(index)
        if label is not None:
            return resolve(discourse, label.head) or reference.salient_person(discourse, token.idx)
    span = Span(token.idx, token.idx + len(token.text))
    return discourse.mint("UnnamedSource", span, name=ctx.words.pronouns.writer)


def _plural_antecedent(discourse: Discourse, token: Token) -> str | None:
    """The group "they" refers to when no organisation or known group fits: the nearest
    plural noun subject before it, outside quotes, in its sentence or the
    :data:`PLURAL_LOOKBACK` before ("Farmers met on Monday. They said ..."), or a
    coordination of subjects ("the mayor and her aides")."""
    ctx = discourse.context
    first = ctx.sentence_of(token.idx) - PLURAL_LOOKBACK
    for t in reversed(ctx.doc[:token.i]):
        if ctx.sentence_of(t.idx) < first:
            return None
        if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ not in ("NOUN", "PROPN") \
                or discourse.in_quote(t.idx):
            continue
        coordinated = any(c.dep_ == "conj" for c in t.children)
        if t.tag_ not in ("NNS", "NNPS") and not coordinated:
            continue
        key = discourse.mention_at(t)
        if key is not None and (discourse.kind(key) == "Organization" or discourse.is_plural(key)):
            return key
        if coordinated:
            end = t.right_edge.idx + len(t.right_edge.text)
            return discourse.mint("UnnamedSource", Span(t.left_edge.idx, end), plural=True)
        if key is None:
            return _unnamed(discourse, t)
    return None


def _describes_speaker(token: Token, words: SpeechWords, attributed: bool = False) -> bool:
    """True when a phrase that names no actor still describes the one speaking: the subject
    or "according to" object of the cue, the subject after it that the parser took for
    its object ("…,” added a local fisherman"), or the phrase a quote's attribution stands
    beside, whatever the parser made of it (``attributed``), as :func:`_describes` says."""
    return (attributed or token.dep_ in SPEAKER_DEPS or _inverted_object(token)) and _describes(
        token, words)


def _inverted_object(token: Token) -> bool:
    """True for the object of a verb without a subject that follows a quote's closing
    punctuation, standing after it: the subject of an inverted attribution, which the
    parser hung on the verb as its object (not "a memo instructing officials", "to issue a
    memo")."""
    verb = token.head
    return (token.dep_ == "dobj" and verb.i < token.i and verb.tag_ in INVERTED_TAGS
            and verb.i > 0 and verb.nbor(-1).is_punct
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))


def _describes(token: Token, words: SpeechWords) -> bool:
    """True for a phrase that describes someone: an indefinite pronoun ("those"), or one
    headed by a number, a quantity ("half", "sixty percent of the farmers"), an adjective
    with a determiner ("the poor"), or a noun with a determiner, a modifier or a phrase
    after it, or in the plural ("most voters", "the lawsuit", "exit polling", "footage from
    the game"), never a bare singular ("voting", "history")."""
    if token.lower_ in words.pronouns.indefinite:
        return True
    if token.pos_ == "ADJ":  # "the poor", "nearly a third"
        return any(t.dep_ == "det" for t in token.lefts)
    if token.pos_ not in DESCRIBED_POS:
        return False
    return (token.pos_ != "NOUN" or token.tag_ == "NNS" or token.lower_ in words.quantifiers
            or any(t.dep_ in ("det", "poss", "nummod", "compound", "amod") or _possessive(t)
                   for t in token.lefts)
            or any(t.dep_ == "prep" and t.lower_ == "of" for t in token.rights)
            or any(t.dep_ == "prep" or (t.dep_ == "acl" and t.tag_ in PARTICIPLE_TAGS)
                   for t in token.rights))


def _possessive(token: Token) -> bool:
    """True for a possessor the parser gave another label ("the film’s" of "the film’s
    narrator", taken for a modifier): a word with the possessive ending."""
    return any(c.dep_ == "case" and c.tag_ == "POS" for c in token.children)


def _person_in_phrase(discourse: Discourse, token: Token) -> str | None:
    """A person named in the subject phrase: by apposition, or as its last words.

    "Jane Roe, a lawyer," and "Green Network director Jane Roe" both give Jane Roe. A name
    before a common noun only modifies it ("Roe supporters", "a Roe adviser", "the Roe
    campaign" are not Jane Roe): see :func:`_name_modifies`. The last words are those before
    any relative clause of the phrase ("Roe, who gave money to Poe," is never Poe), unless
    a name in apposition ends it.
    """
    near = [t for t in token.children if t.dep_ in CORE_DEPS and not _name_modifies(token, t)]
    for child in near:
        for t in child.subtree:
            key = discourse.mention_at(t)
            if key is not None and discourse.kind(key) == "Person":
                return key
    last = _last_word(token, token.right_edge)
    clauses = [c.left_edge.i for c in token.subtree if c.i > token.i and c.dep_ in ("acl", "relcl")]
    if clauses and not _apposed(last):  # not "backing X", "who gave money to X"
        last = _last_word(token, token.doc[min(clauses) - 1])
    key = discourse.mention_at(last)
    if key is None or discourse.kind(key) != "Person" or _object_of_preposition(discourse, last, key):
        return None  # not "supporters of Jane Roe", "a spokesman for Roe": someone else
    return key


def _object_of_preposition(discourse: Discourse, token: Token, key: str) -> bool:
    """True when the person ``key`` named at ``token`` is the whole object of a preposition
    ("supporters of Jane Roe"), not an apposition ("a spokesman for the group, Jane Roe"),
    a name after a place in a title ("Mayor of Rivertown Jane Roe") or an example of the
    group that speaks ("critics like Jane Roe": an ``example-prep`` of
    ``speech_words.tsv``)."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ in discourse.context.words.example_preps:
        return False
    first = token.left_edge
    while first.i < token.i and first.dep_ in ("det", "amod"):
        first = first.nbor()
    return discourse.mention_at(first) == key


def _last_word(token: Token, last: Token) -> Token:
    """``last``, or the word before it that is no punctuation, not before ``token``."""
    while last.i > token.i and (last.is_punct or last.is_space):
        last = last.nbor(-1)
    return last


def _apposed(word: Token) -> bool:
    """True when the name ``word`` ends stands in apposition ("one of the supporters who
    backs Poe, former mayor Jane Roe": the parser sets Roe on Poe)."""
    head = word
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return head.dep_ == "appos"


def _name_modifies(head: Token, child: Token) -> bool:
    """True when ``child`` is a word before the common noun ``head`` that it modifies."""
    return head.pos_ == "NOUN" and child.i < head.i and child.dep_ != "appos"


def _by_name(discourse: Discourse, token: Token) -> str | None:
    """The actor whose name holds the proper noun (most shared words), or one minted for a
    name the actors stage missed."""
    chain = [t for t in token.lefts if t.dep_ in ("compound", "flat")] + [token]
    words = {w for t in chain for w in strip_words(t.text)}
    best = None
    for entity in discourse.entities.values():
        if entity.kind == "Place":
            continue
        forms = [entity.name, *entity.aliases]
        if any(token.lower_ in strip_words(f) for f in forms):
            score = max(len(words & set(strip_words(f))) for f in forms)
            if best is None or score > best[0]:
                best = (score, entity.key)
    if best is not None:
        return best[1]
    if token.ent_type_ == "PERSON":
        ent = next((e for e in discourse.context.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return discourse.mint("Person", Span(ent.start_char, ent.end_char))
    if token.ent_type_ == "NORP" and lexicon().places.of_demonym(token.text):
        return _unnamed(discourse, token)  # "Iraqis said", "most Veltrians say": people, no body
    if token.ent_type_ in ("ORG", "NORP", "GPE") and \
            token.lower_ not in discourse.context.words.referents.person:
        return discourse.mint("Organization", noun_phrase(token, with_preps=False))
    return None


def _nominal(discourse: Discourse, token: Token) -> str | None:
    """A common-noun speaker: a person noun ("the minister" -> the role holder, "a source"
    -> an unnamed source), an organisation noun ("the police"), or a document ("the
    statement": its author, named in the phrase or just before)."""
    noun, lemma = token.lower_, token.lemma_.lower()
    words = discourse.context.words
    ref = words.referents
    definite = not any(t.lower_ in words.indefinite for t in token.lefts) and not (
        token.tag_ == "NNS" and not any(t.dep_ in ("det", "poss") for t in token.lefts))
    if noun in ref.kin:
        key = reference.kin(discourse, token)
        if key is not None:
            discourse.learn_gender(key, ref.kin[noun])
            return key
    if noun in ref.person or lemma in ref.person or reference.title_head(discourse, token) in ref.person:
        key = reference.role_holder(discourse, token) if definite and not _plural(token) else None
        return key or _unnamed(discourse, token)
    if noun in ref.organization or lemma in ref.organization:
        if any(discourse.kind(discourse.mention_at(t) or "") == "Person" for t in token.lefts):
            return discourse.mint("Organization", noun_phrase(token, with_preps=False))  # "the Roe campaign"
        named = None if _plural(token) else reference.organisation_named(discourse, lemma, token.idx)
        return _org_in_phrase(discourse, token) or named or _described_body(discourse, token)
    if noun in ref.document or lemma in ref.document:
        return (_org_in_phrase(discourse, token) or _org_noun_before(discourse, token)
                or _possessor(discourse, token)
                or (reference.salient_subject(discourse, token.idx, "Organization")
                    if definite and not _plural(token) else None))
    return None


def _plural(token: Token) -> bool:
    """True for a noun in the plural that names several of its kind ("the lawyers", "the
    departments", "reports"), which no one person or organisation of the article is; not
    a noun whose plural is its only form ("police")."""
    return token.tag_ in ("NNS", "NNPS") and token.lower_ != token.lemma_.lower()


def _possessor(discourse: Discourse, document: Token) -> str | None:
    """The person or organisation whose document speaks, named by a common noun before it
    ("the court's summary", "the minister's letter")."""
    for owner in document.lefts:
        if owner.dep_ == "poss" and owner.pos_ == "NOUN":
            key = resolve(discourse, owner)
            if key is not None and discourse.kind(key) in ("Organization", "Person"):
                return key
    return None


def _described_body(discourse: Discourse, token: Token) -> str:
    """A body the text names only by description: an organisation when a word of the
    phrase is a name ("the Harbour Authority", "the Ostland government") or an owner
    ("the minister's office"), or when it is a state's institution ("the government",
    "police"), which stands for the one of the country the article is about; else an
    unnamed source ("the company", "the group"), which is no organisation actor."""
    span = noun_phrase(token, with_preps=False)
    named = any(t.pos_ == "PROPN" or t.ent_type_ or t.dep_ == "poss" for t in token.subtree
                if span.begin <= t.idx < span.end and t.i != token.i)
    if named or token.lemma_.lower() in lexicon().actors.state_bodies or (
            token.pos_ == "PROPN" and token.i != token.sent.start):
        return discourse.mint("Organization", span)
    return discourse.mint("UnnamedSource", span, plural=token.tag_ in ("NNS", "NNPS"))


def _org_noun_before(discourse: Discourse, token: Token, lowercase_only: bool = False) -> str | None:
    """The organisation an organisation noun before a document names ("a ministry report",
    "police statistics"); with ``lowercase_only``, never a capitalised one, which is part of
    a name ("a Harbour Authority poll")."""
    organizations = discourse.context.words.referents.organization
    for t in token.lefts:
        if t.lower_ in organizations and not (lowercase_only and t.pos_ == "PROPN"):
            key = reference.organisation_named(discourse, t.lower_, token.idx)
            if key is not None:
                return key
    return None


def _evidence_author(discourse: Discourse, token: Token) -> str | None:
    """Who speaks through evidence: the organisation a common noun before it names ("police
    statistics"), or the one organisation or person that a preposition's own object names
    ("a survey by the Harbour Authority", "the analysis of the Water Ministry"). Evidence
    under a brand name ("a Harbour Authority poll"), by several authors ("a study by Ruiz and
    Berg"), or whose maker is named further in ("results of polls conducted by X": the
    polls', not the results' author) speaks for itself (:func:`_evidence`)."""
    key = _org_noun_before(discourse, token, lowercase_only=True)
    if key is not None:
        return key
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in discourse.context.words.author_preps:
            for obj in prep.children:
                if obj.dep_ != "pobj" or any(c.dep_ == "conj" for c in obj.children):
                    continue
                key = discourse.mention_at(obj)
                if key is not None and discourse.kind(key) in ("Organization", "Person"):
                    return key
    return None


def _evidence(discourse: Discourse, token: Token) -> str:
    """Evidence that no author speaks for (:func:`_evidence_author`): a source described by
    the whole phrase, its makers and its date included ("a study by Ruiz and Berg", "early
    results of polls conducted by the Harbour Authority", "a Lakeside Radio poll last
    week")."""
    words = discourse.context.words
    span = noun_phrase(token, with_preps=True, preps=words.np_preps | words.author_preps)
    date = _date_after(token, span)
    if date is not None:
        span = Span(span.begin, date.end_char)
    return discourse.mint("UnnamedSource", span, plural=token.tag_ in ("NNS", "NNPS"))


def _date_after(token: Token, span: Span) -> Words | None:
    """A date written right after the phrase of ``token`` ("a poll last week showed"), which
    the parser hangs on the verb rather than on the phrase; None when another word comes
    first."""
    doc = token.doc
    after = next((t for t in doc[token.i:] if t.idx >= span.end), None)
    if after is not None and after.lower_ in WORDS_BEFORE_DATE and after.i + 1 < len(doc):
        after = doc[after.i + 1]  # "a poll out Monday"
    if after is None or after.ent_iob_ != "B" or after.ent_type_ != "DATE":
        return None
    return next(e for e in doc.ents if e.start == after.i)


def _org_in_phrase(discourse: Discourse, token: Token) -> str | None:
    """The author named in the phrase itself ("a Harbour Authority report", "a
    statement from the ministry", "a statement issued by the ministry"), never inside a
    relative clause or a quote."""
    preps = discourse.context.words.author_preps
    for agent in (a for c in token.rights if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"):
        for obj in agent.children:  # "a statement released by the ministry"
            if obj.dep_ == "pobj" and not discourse.in_quote(obj.idx):
                key = discourse.mention_at(obj)
                if key is None and obj.lemma_.lower() in discourse.context.words.referents.organization:
                    key = _nominal(discourse, obj)  # "... by the minister's office"
                if key is None and any(t.lower_ == "the" for t in obj.lefts):
                    key = reference.role_holder(discourse, obj)  # "... signed by the mayor"
                if discourse.kind(key or "") in ("Organization", "Person"):
                    return key
    parts = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in preps]
    parts += [*token.lefts, token]
    for part in parts:
        for t in (part.subtree if part is not token else [token]):
            key = discourse.mention_at(t)
            if key is not None and not discourse.in_quote(t.idx) and discourse.kind(key) in (
                    "Organization", "Person"):
                return key
    return None


def _unnamed(discourse: Discourse, token: Token) -> str:
    """An unnamed source described by the phrase ("a port official", "officials"); for a
    pronoun, see :func:`_described_pronoun`."""
    pronouns = discourse.context.words.pronouns
    span = noun_phrase(token, with_preps=True, preps=discourse.context.words.np_preps)
    if discourse.context.text[span.begin:span.end].lower() in pronouns.referring():
        return _described_pronoun(discourse, token, span)
    return discourse.mint("UnnamedSource", span, plural=token.tag_ in ("NNS", "NNPS"))


def _described_pronoun(discourse: Discourse, token: Token, span: Span) -> str:
    """The unnamed source a pronoun that refers to no actor stands for, never labelled by
    the bare pronoun: described by the clause or phrase after it ("those who voted early",
    "those around him"); the writer for a pronoun that refers to nothing ("it is hard to
    say", "it seems") or to what was just said ("this shows", "that suggests"); the
    reader for a generic "you" outside quotes; else an unidentified source as the pronoun
    describes it ("they said": unidentified sources, whom the reference stage could not
    find), which a later pronoun does not take for its antecedent, as it did not take the
    bare pronoun."""
    pronouns = discourse.context.words.pronouns
    low = token.lower_
    end = _description_end(token)
    if end is not None:
        return discourse.mint("UnnamedSource", Span(span.begin, end.idx + len(end.text)),
                              plural=low in pronouns.plural or low in pronouns.indefinite)
    plural = low in pronouns.plural or low in pronouns.first_plural or "Plur" in token.morph.get("Number")
    if _expletive(token) or (low in pronouns.demonstrative and not plural) or (
            low in pronouns.relative and token.i == token.sent.start):
        return discourse.mint("UnnamedSource", span, name=pronouns.writer)
    if low in pronouns.second_person:
        return discourse.mint("UnnamedSource", span, name=pronouns.reader)
    name = pronouns.unidentified["plural" if plural else pronouns.gender.get(low, "")]
    return discourse.mint("UnnamedSource", span, name=name)


def _description_end(token: Token) -> Token | None:
    """The last word of the relative clause or phrase that describes a pronoun ("those
    who voted early", "those around him"), up to :data:`DESCRIPTION_WORDS` words and never
    into a clause it reports ("those who said that ..." ends at "said"); None when no
    clause or phrase follows it."""
    tail = [c for c in token.rights if c.dep_ in ("relcl", "acl", "prep")]
    if not tail:
        return None
    last = token
    for t in token.doc[token.i + 1:max(c.right_edge.i for c in tail) + 1]:
        if t.is_punct or t.is_quote or t.dep_ in ("ccomp", "mark") or t.i - token.i > DESCRIPTION_WORDS:
            break
        last = t
    return last if last.i > token.i else None


def _expletive(token: Token) -> bool:
    """True for an "it" that refers to nothing: the placeholder subject of a copula or of
    "seem" whose real subject is a clause after it ("it is hard to say who", "it's clear
    that", "it seems that")."""
    if token.lower_ != "it":
        return False
    if token.dep_ == "expl":
        return True
    head = token.head
    return head.lemma_ in ("be", "seem", "appear", "remain") and any(
        c.dep_ in ("ccomp", "xcomp", "csubj") or (c.dep_ in ("acomp", "attr") and any(
            g.dep_ in ("xcomp", "ccomp") for g in c.children)) for c in head.rights)


def _partitive_group(token: Token, quantifiers: frozenset[str]) -> Token | None:
    """The group noun of a partitive phrase ("witnesses" in "one of the witnesses", "two of
    the officers"), or None when ``token`` heads no such phrase."""
    if token.pos_ != "NUM" and token.lower_ not in quantifiers:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    return obj
    return None


# -- every draft -----------------------------------------------------------------------------


def speakers(discourse: Discourse, drafts: list[Draft]) -> list[str | None]:
    """The speaker of each draft (in the drafts' order), resolved in text order.

    Each speaker found is recorded in ``discourse`` as the most salient actor at its draft.
    """
    ctx = discourse.context
    found: list[str | None] = [None] * len(drafts)
    block_speaker: dict[int, str | None] = {}
    last_para = -10
    for i in sorted(range(len(drafts)), key=lambda i: drafts[i].anchor):
        draft = drafts[i]
        para = ctx.paragraph_of(draft.anchor)
        quote = draft.block >= 0  # a direct quote, or the clause one ends ("But it “held,” Roe said")
        if quote and draft.subject is None:
            if draft.block not in block_speaker:
                block_speaker[draft.block] = _block_speaker(discourse, drafts, draft, para, last_para)
            found[i] = block_speaker[draft.block]
        elif draft.cue.phrase in ctx.words.writer_views:
            found[i] = _writer(discourse, draft)  # "the plan seems to work": nobody in it says so
            continue
        elif draft.cue.phrase in HEARSAY_ADVERBS:
            found[i] = _unidentified(discourse, draft)  # "the plan was reportedly dropped"
            continue
        else:
            found[i] = resolve(discourse, draft.subject, attributed=quote) if draft.subject else None
            if quote and found[i] is None:  # a subject that names no one
                found[i] = _block_speaker(discourse, drafts, draft, para, last_para)
            if quote and draft.block not in block_speaker:
                block_speaker[draft.block] = found[i]
        asks = draft.subject is not None and _question_label(ctx, draft.subject)
        if found[i] is not None and not asks:  # the interviewer is never the one in focus
            discourse.record(found[i], draft.anchor)
            last_para = para
    return found


def _writer(discourse: Discourse, draft: Draft) -> str:
    """The article's writer, who speaks in a judgement whose subject is what is judged
    ("the plan seems to work"); never recorded as the speaker in focus."""
    span = draft.cue_span or draft.span
    return discourse.mint("UnnamedSource", span, name=discourse.context.words.pronouns.writer)


def _unidentified(discourse: Discourse, draft: Draft) -> str:
    """The unidentified sources a hearsay adverb cites ("the plan was reportedly dropped"),
    never recorded as the speaker in focus."""
    span = draft.cue_span or draft.span
    return discourse.mint("UnnamedSource", span,
                          name=discourse.context.words.pronouns.unidentified["plural"], plural=True)


def _block_speaker(discourse: Discourse, drafts: list[Draft], draft: Draft, para: int,
                   last_para: int) -> str | None:
    """The speaker of an unattributed quote: the attributed speaker of its block, else a
    person in its sentence, else the person the sentence before introduced (its main
    subject, in the same paragraph), else the last speaker if it spoke in this or the
    previous paragraph, else the person in focus."""
    for other in drafts:
        if other.block == draft.block and other.subject is not None:
            return resolve(discourse, other.subject, attributed=True)
    same_sentence = reference.salient_person(discourse, draft.anchor, lookback=0)
    if same_sentence is not None:
        return same_sentence
    introduced = reference.introduced_speaker(discourse, draft.anchor)
    if introduced is not None:
        return introduced
    if para - last_para <= 1 and discourse.last_speaker is not None:
        return discourse.last_speaker
    return reference.salient_person(discourse, draft.anchor)
