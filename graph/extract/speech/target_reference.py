"""Reference for targets: the actors a statement's content points to without a mention.

:mod:`graph.extract.reference` resolves pronouns and nominals for speakers and targets
alike; these are the cases only targets need:

- :func:`named_again`: a name the article already gave an actor, written again where the
  actors stage left no mention ("Berg" in "said Berg had resigned", an organisation's
  name inside a quote);
- :func:`title_holder`: a capitalised title after "the" ("the President", "the Prime
  Minister's office") -> the holder of a matching role;
- :func:`facility_named`: "the hotel", "the town's power plant", "Parliament" -> the
  place or organisation named before whose name holds the noun ("the building": any
  facility noun);
- :func:`named_instead`: an organisation minted for a bare description ("the network",
  as a speaker was called) -> the named organisation in focus;
- :func:`described_person`: "the suspect", "the accused" -> the person in focus who is
  neither a source nor a titled official;
- :func:`person_pronoun`: "he", "her" inside the content -> the person, not the subject
  of its own clause when it is an object, nor an organisation's unnamed spokesman;
- :func:`pair_named`: "both companies" -> the last two organisations named;
- :func:`place_organisation`: "the Veltrian government", "Cabinet" (a state body,
  ``state_bodies.txt``) -> an organisation minted from the phrase when no listed one fits;
- :func:`people_pair`: "they", "them", "the couple" -> the two people last named together,
  when no organisation or group fits;
- :func:`speaker_group`: "we", "our" in a direct quote -> the speaker when an
  organisation, else the organisation of the speaker's role ("we" of a police inspector);
- :func:`antecedent`: a relative pronoun in the content -> the actors named in the noun
  phrase its clause modifies, when that stands before the content ("Berg, who was
  described as ...");
- :func:`speaker_part`: "some stores", "staff" in what an organisation said -> that
  organisation (``org_parts.txt``);
- :func:`speaker_pronoun`: "its", "itself", "they", "their" in what an organisation (or a
  group) is reported to have said -> the speaker ("the agency said it had reviewed
  itself").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from graph.extract import reference
from graph.extract.reference import Discourse
from graph.lexicon import lexicon
from graph.records import Entity, Span

#: Kinds of the actors a name written again may refer to.
NAMED_KINDS = frozenset({"Person", "Organization", "Place"})
#: Sentences back that a description of a person ("the suspect") may reach.
DESCRIPTION_LOOKBACK = 12
#: Dependencies of a pronoun that is an object: it cannot be its clause's subject.
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
#: Tags of a relative pronoun ("who", "which", a relative "that").
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
#: Most steps from a relative pronoun up to the clause it opens ("which ... refused to
#: repatriate": the pronoun hangs on the verb inside the clause).
RELATIVE_STEPS = 3
#: Determiners that make a noun for two people refer to a pair named before ("the couple").
PAIR_DETERMINERS = frozenset({"the", "their"})
#: Shortest surname taken alone as a name ("Li" is too short to tell from other words).
MIN_SURNAME = 3


def named_again(discourse: Discourse, span: Span) -> list[str]:
    """Keys of the actors whose names stand in ``span`` where no mention does, in text order.

    A form is one of :func:`_forms`; it must be written with the same capitals, as whole
    words (a single word opening a sentence only when tagged a proper noun), and not run
    on into a longer name. Where two actors share the form, the one named by it in full
    wins over one it is a short form of, then the one mentioned last before it.

    Args:
        discourse: The article so far.
        span: Where to look (a statement's content, a phrase).
    """
    ctx = discourse.context
    text = ctx.text[span.begin:span.end]
    found: dict[int, tuple[tuple[bool, int], str]] = {}
    for entity in _named_entities(discourse):
        for form, full in _forms(entity):
            if form not in text:
                continue
            for m in re.finditer(rf"(?<![\w'’-]){re.escape(form)}(?![\w-])", text):
                at = span.begin + m.start()
                if not _stands_alone(discourse, at, at + len(form)):
                    continue
                rank = (full, max((x.span.begin for x in entity.mentions if x.span.begin < at),
                                  default=-1))
                if at not in found or rank > found[at][0]:
                    found[at] = (rank, entity.key)
    keys: list[str] = []
    for at in sorted(found):
        if found[at][1] not in keys:
            keys.append(found[at][1])
    return keys


def _named_entities(discourse: Discourse) -> Iterator[Entity]:
    """The entities the actors stage found (not minted for descriptions) of a named kind."""
    minted = {e.key for e in discourse.minted}
    return (e for e in discourse.entities.values() if e.kind in NAMED_KINDS and e.key not in minted)


def _forms(entity: Entity) -> Iterator[tuple[str, bool]]:
    """An entity's written forms, each with True when it names the entity in full: its
    name and aliases, a person's surname, and a site's name without its kind ("Kelby" of
    "Kelby Airport")."""
    for form in {entity.name, *entity.aliases}:
        if form[:1].isupper() and len(form) >= 2:
            yield form, True
    words = entity.name.split()
    if entity.kind != "Person" and len(words) >= 2 and words[-1].lower() in lexicon().actors.facility_nouns:
        short = " ".join(w for w in words[:-1] if w[:1].isupper())
        if short == " ".join(words[:-1]) and len(short) >= MIN_SURNAME:
            yield short, False  # "Kelby" for "Kelby Airport"
    if entity.kind == "Person" and len(words) >= 2 and len(words[-1]) >= MIN_SURNAME \
            and words[-1][:1].isupper():
        yield words[-1], False


def _stands_alone(discourse: Discourse, begin: int, end: int) -> bool:
    """True when the words at ``[begin, end)`` are a name with no mention on them, not part
    of a longer capitalised name."""
    ctx = discourse.context
    doc = ctx.doc
    first = doc[ctx.token_at(begin)]
    last = doc[ctx.token_at(end - 1)]
    if first.idx != begin or discourse.mention_at(first) is not None:
        return False
    if first.i == last.i and first.pos_ != "PROPN" and first.is_sent_start:
        return False  # one capitalised word opening a sentence may be a common word
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    titles = ctx.words.referents.titles
    return not (_name_word(before) and before.lower_ not in titles
                and before.lower_ not in ctx.words.referents.person) and not _name_word(after)


def _name_word(tok: Token | None) -> bool:
    """True for a capitalised proper noun."""
    return tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper()


def title_holder(discourse: Discourse, token: Token) -> str | None:
    """The holder of the role a capitalised title after "the" names ("the President")."""
    ref = discourse.context.words.referents
    if token.pos_ != "PROPN" or token.dep_ == "compound":
        return None
    head = reference.title_head(discourse, token)
    if head not in ref.person and head not in lexicon().actors.titles:
        return None
    if not any(t.lower_ == "the" and t.dep_ == "det" for t in token.lefts):
        return None
    return reference.role_holder(discourse, token)


def speaker_part(discourse: Discourse, token: Token, speaker: str | None) -> str | None:
    """The speaker, when it is an organisation and ``token`` a noun for an organisation's
    own parts or people (:attr:`~graph.lexicon.actors.ActorWords.org_parts`) that no
    possessor, name or mention before it gives to another owner ("the chain said some
    stores had closed"; not "rival stores' staff", "Eastland factories")."""
    if speaker is None or discourse.kind(speaker) != "Organization" or token.pos_ != "NOUN" \
            or token.dep_ == "compound" or token.lemma_.lower() not in lexicon().actors.org_parts:
        return None
    owned = any(t.dep_ in ("poss", "compound") or t.pos_ == "PROPN" or discourse.mention_at(t)
                for t in token.lefts)
    return None if owned else speaker


def speaker_pronoun(discourse: Discourse, token: Token, speaker: str | None) -> str | None:
    """The speaker, when ``token`` is "its"/"itself" and the speaker an organisation, or a
    form of "they" and the speaker an organisation or a group."""
    if speaker is None or token.pos_ != "PRON":
        return None
    pronouns = discourse.context.words.pronouns
    low = token.lower_
    organisation = discourse.kind(speaker) == "Organization"
    if low in pronouns.organization and low != "it":  # a bare "it" is often impersonal
        return speaker if organisation else None
    if low in pronouns.plural:
        return speaker if organisation or discourse.is_plural(speaker) else None
    return None


def speaker_group(discourse: Discourse, speaker: str | None) -> str | None:
    """The group "we" in a speaker's own words stands for: the speaker when an organisation,
    else the organisation of the speaker's last role that names one, else the country a
    demonym in one of its titles names, when the article names it ("our islands" of the
    Veltrian prime minister: Veltria)."""
    if speaker is None or discourse.kind(speaker) == "Organization":
        return speaker
    roles = [r for r in discourse.roles if r.person == speaker]
    orgs = [r.organization for r in roles if r.organization]
    if orgs:
        return orgs[-1]
    demonyms = (word for r in roles for word in r.title.split() if word[:1].isupper())
    countries = (lexicon().places.of_demonym(word) for word in demonyms)
    return next((key for c in countries if c is not None
                 and (key := reference.place_named(discourse, c)) is not None), None)


def antecedent(discourse: Discourse, token: Token, span: Span) -> list[str]:
    """Keys of the actors named in the noun phrase that the relative clause ``token`` opens
    modifies ("Berg" for "who" in "Berg, who was described as ..."; "Eastland" for "which"
    in "Eastland fighters, which ..."), when that phrase ends before ``span``."""
    if token.lower_ not in discourse.context.words.pronouns.relative \
            or token.tag_ not in RELATIVE_TAGS:
        return []
    clause = token
    for _ in range(RELATIVE_STEPS):
        if clause.dep_ == "relcl" or clause.head.i == clause.i:
            break
        clause = clause.head
    noun = clause.head
    if clause.dep_ != "relcl" or noun.idx + len(noun.text) > span.begin:
        return []
    keys: list[str] = []
    for tok in noun.doc[noun.left_edge.i:noun.i + 1]:
        key = discourse.mention_at(tok)
        if key is not None and key not in keys and discourse.kind(key) != "UnnamedSource":
            keys.append(key)
    return keys


def facility_named(discourse: Discourse, token: Token) -> str | None:
    """The place or organisation a noun for its kind refers to: a definite facility noun
    ("the hotel", "the burning mosque", "the town's power plant";
    :attr:`~graph.lexicon.actors.ActorWords.facility_nouns`), or a capitalised organisation
    head standing alone ("Parliament", "the Court"). It is the one named before whose name
    holds the noun, mentioned last; for a site noun ("the building", "the site";
    :attr:`~graph.lexicon.actors.ActorWords.site_nouns`), the one whose name holds any
    facility noun."""
    words = lexicon().actors
    noun = token.lemma_.lower()
    if token.dep_ == "compound" or discourse.mention_at(token) is not None:
        return None
    determiners = [t for t in token.lefts if t.dep_ in ("det", "poss")]
    definite = any(t.lower_ == "the" or t.dep_ == "poss" for t in determiners)
    if token.pos_ == "NOUN" and noun in words.site_nouns and definite:
        kinds, wanted = ("Place", "Organization"), words.facility_nouns
    elif token.pos_ == "NOUN" and noun in words.facility_nouns and definite:
        kinds, wanted = ("Place", "Organization"), frozenset({noun})
    elif token.text[:1].isupper() and token.lower_ in words.org_heads and (definite or not determiners):
        kinds, wanted = ("Organization",), frozenset({token.lower_})
    else:
        return None
    best: tuple[int, str] | None = None
    for entity in _named_entities(discourse):
        if entity.kind not in kinds or not any(
                wanted & set(reference.strip_words(f)) for f in (entity.name, *entity.aliases)):
            continue
        recent = max((m.span.begin for m in entity.mentions if m.span.begin < token.idx), default=-1)
        if recent >= 0 and (best is None or recent > best[0]):
            best = (recent, entity.key)
    return best[1] if best else None


def named_instead(discourse: Discourse, key: str, token: Token) -> str:
    """``key``, or, when it is an organisation minted for a bare description ("the
    network" a speaker was called), the named organisation most in focus at ``token``."""
    entity = discourse.entities.get(key)
    minted = {e.key for e in discourse.minted}
    if entity is None or key not in minted or entity.kind != "Organization" \
            or entity.name.lower() not in lexicon().actors.org_descriptions:
        return key
    named = reference.salient(discourse, token.idx, lambda e: e.kind == "Organization"
                              and e.key not in minted, fallback=False)
    return named or key


def described_person(discourse: Discourse, token: Token, speaker: str | None) -> str | None:
    """The person "the suspect", "the accused" (:attr:`~graph.lexicon.actors.ActorWords
    .person_descriptions`) refers to: the most salient person named before it who has not
    spoken and was given no title before it (the judge, the minister and the witnesses
    around a suspect are not the suspect), looking further back than for pronouns."""
    if token.lower_ not in lexicon().actors.person_descriptions or token.dep_ in ("compound", "amod"):
        return None
    if not any(t.dep_ == "det" and t.lower_ == "the" for t in token.lefts):
        return None
    sources = {e.key for e in discourse.events_before(token.idx) if e.rank == reference.RANK_SPEAKER}
    sources |= {r.person for r in discourse.roles if r.span.begin < token.idx} | {speaker}
    return reference.salient(discourse, token.idx, lambda e: e.kind == "Person" and e.key not in sources,
                             lookback=DESCRIPTION_LOOKBACK, fallback=False)


def person_pronoun(discourse: Discourse, token: Token, earlier: list[str]) -> str | None:
    """The person a he/she form inside a statement's content refers to.

    The last fitting person named before it in the content (``earlier``), else the most
    salient one; never the subject of its own clause when it is an object ("X was cruel
    to her": not X), and never an unnamed source described as an organisation ("the
    foundation said she ...").

    Args:
        discourse: The article so far.
        token: The pronoun.
        earlier: Keys of the people named before it in the content, in text order.
    """
    gender = discourse.context.words.pronouns.gender[token.lower_]
    bound = _clause_subjects(discourse, token) if token.dep_ in OBJECT_DEPS else set()

    def fits(entity: Entity) -> bool:
        return (entity.kind in ("Person", "UnnamedSource") and entity.key not in bound
                and not discourse.is_plural(entity.key) and _personal(entity)
                and reference.entity_gender(entity) in (None, gender))

    named = [k for k in earlier if fits(discourse.entities[k])]
    return named[-1] if named else reference.salient(discourse, token.idx, fits)


def _clause_subjects(discourse: Discourse, token: Token) -> set[str]:
    """Keys of the actors named in the subject of the clause holding ``token``."""
    head = token
    while head.head.i != head.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head = head.head
    return {key for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
            if (key := discourse.mention_at(t)) is not None}


def _personal(entity: Entity) -> bool:
    """False for an unnamed source whose description is an organisation's ("the foundation")."""
    if entity.kind != "UnnamedSource":
        return True
    words = reference.strip_words(entity.name)
    actors = lexicon().actors
    return not words or words[-1] not in actors.org_heads | actors.org_descriptions


def pair_named(discourse: Discourse, token: Token) -> list[str]:
    """The two organisations "both companies", "the two firms" refer to: the last two
    named before it (:attr:`~graph.lexicon.actors.ActorWords.pair_words`)."""
    ref = discourse.context.words.referents
    words = lexicon().actors
    if token.tag_ != "NNS" or not any(t.lower_ in words.pair_words for t in token.lefts):
        return []
    if token.lemma_.lower() not in ref.organization | words.org_descriptions:
        return []
    last: dict[str, int] = {}
    for entity in _named_entities(discourse):
        if entity.kind == "Organization":
            begins = [m.span.begin for m in entity.mentions if m.span.begin < token.idx]
            if begins:
                last[entity.key] = max(begins)
    return sorted(last, key=last.__getitem__)[-2:] if len(last) >= 2 else []


def place_organisation(discourse: Discourse, token: Token) -> str | None:
    """An organisation the actors stage did not list, minted from the phrase, for a state
    body (:attr:`~graph.lexicon.actors.ActorWords.state_bodies`) after a place or demonym
    ("the Veltrian government", "the Eastland police"), or capitalised and standing bare
    inside a sentence ("report to Cabinet") when no listed organisation's name holds it."""
    if token.lower_ not in lexicon().actors.state_bodies or token.tag_ not in ("NN", "NNP") \
            or discourse.mention_at(token) is not None:
        return None
    if token.text[:1].isupper() and not token.is_sent_start and token.dep_ != "compound" \
            and not list(token.lefts):
        return discourse.mint("Organization", Span(token.idx, token.idx + len(token.text)))
    if any(t.dep_ == "cc" for t in token.children):
        return None
    mods = [t for t in token.lefts if t.dep_ in ("compound", "amod")]
    if not mods or not all(_names_place(discourse, t) for t in mods):
        return None
    return discourse.mint("Organization", Span(mods[0].idx, token.idx + len(token.text)))


def _names_place(discourse: Discourse, token: Token) -> bool:
    """True when the word is a mention of a place or a country's demonym."""
    key = discourse.mention_at(token)
    if key is not None:
        return discourse.kind(key) == "Place"
    return token.text[:1].isupper() and lexicon().places.of_demonym(token.text) is not None


def people_pair(discourse: Discourse, token: Token, speaker: str | None) -> list[str]:
    """The two people a form of "they" in reported words (not between quotation marks)
    refers to when no organisation or group does and no plural noun stands before it in its
    sentence: the last two named together ("A and B", "A and C B"), neither of them the
    speaker; likewise a definite noun for two people ("the couple", "their parents"), which
    may reach back to the start of the article."""
    noun = _pair_noun(token)
    if not (noun or _pair_pronoun(discourse, token)):
        return []
    ctx = discourse.context
    here = ctx.sentence_of(token.idx)
    for tok in reversed(ctx.doc[:token.i]):
        if not noun and here - ctx.sentence_of(tok.idx) > DESCRIPTION_LOOKBACK:
            break
        pair = [discourse.mention_at(tok.head), discourse.mention_at(tok)] if tok.dep_ == "conj" else []
        if (len(pair) == 2 and None not in pair and pair[0] != pair[1] and speaker not in pair
                and all(discourse.kind(k) == "Person" for k in pair if k is not None)):
            return [k for k in pair if k is not None]
    return []


def _pair_pronoun(discourse: Discourse, token: Token) -> bool:
    """True for a form of "they" in reported words that no organisation, group or plural
    noun before it in its sentence may be meant by."""
    return (token.pos_ == "PRON" and token.lower_ in discourse.context.words.pronouns.plural
            and not discourse.context.in_any_quote(token.idx)
            and not any(t.tag_ in ("NNS", "NNPS") for t in token.sent if t.i < token.i)
            and reference.pronoun(discourse, token.lower_, token.idx) is None)


def _pair_noun(token: Token) -> bool:
    """True for a noun for two people made definite by "the" or "their" ("the couple",
    "their parents"; :attr:`~graph.lexicon.actors.ActorWords.pair_nouns`), when no plural
    noun before it in its sentence may be whose they are ("the pupils said their
    parents ..."); not "her parents", who are someone's own."""
    return (token.pos_ == "NOUN" and token.lower_ in lexicon().actors.pair_nouns
            and any(t.lower_ in PAIR_DETERMINERS for t in token.lefts)
            and not any(t.tag_ in ("NNS", "NNPS") for t in token.sent if t.i < token.i))
