"""Tests of graph.extract.statements: quotes, reported speech, speakers and targets.

Sentences are invented; entities are built by hand (mentions located with ``str.find``) so
that these tests exercise the statement rules alone, through the real spaCy model.
"""

from __future__ import annotations

import re

import pytest

from graph.extract.statements import SPEECH_ACTS, extract_statements, load_cues, match_cue
from graph.records import Entity, Mention, Role, Span

# name -> (kind, surface forms, gender)
CAST: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "Maria Okonkwo": ("Person", ("Maria Okonkwo", "Okonkwo"), "f"),
    "Tomas Berg": ("Person", ("Tomas Berg", "Mr. Berg", "Berg"), "m"),
    "Ana Ruiz": ("Person", ("Ana Ruiz", "Ruiz"), "f"),
    "Omar Haddad": ("Person", ("Omar Haddad", "Haddad"), "m"),
    "Kofi Mensah": ("Person", ("Kofi Mensah", "Mensah"), "m"),
    "Lena Vogt": ("Person", ("Lena Vogt", "Vogt"), "f"),
    "Harbour Authority": ("Organization", ("Harbour Authority",), None),
    "Water Ministry": ("Organization", ("Water Ministry",), None),
    "Coastal Police": ("Organization", ("Coastal Police",), None),
    "Lakeside": ("Place", ("Lakeside",), None),
    "Rivertown": ("Place", ("Rivertown",), None),
}


def build(text: str) -> list[Entity]:
    """Entities of CAST that occur in ``text``, each with every mention of its forms."""
    entities: list[Entity] = []
    taken: list[Span] = []
    for name, (kind, forms, gender) in CAST.items():
        mentions = []
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(form)}\b", text):
                span = Span(m.start(), m.end())
                if not any(span.overlaps(t) for t in taken):
                    taken.append(span)
                    mentions.append(Mention(span, form))
        if mentions:
            mentions.sort(key=lambda m: m.span.begin)
            entities.append(Entity(f"e{len(entities)}", kind, name,  # type: ignore[arg-type]
                                   set(forms) - {name}, mentions, gender))
    return entities


def roles_for(text: str, entities: list[Entity], titles: dict[str, str]) -> list[Role]:
    """Roles from person name -> title, located in ``text``."""
    keys = {e.name: e.key for e in entities}
    return [Role(keys[name], title, None, Span(text.find(title), text.find(title) + len(title)))
            for name, title in titles.items()]


def run(nlp, text: str, titles: dict[str, str] | None = None):
    """Statements of ``text`` as (kind, speaker name, cue, content, about names) tuples."""
    doc = nlp(text)
    entities = build(text)
    statements, more = extract_statements(doc, entities, roles_for(text, entities, titles or {}))
    names = {e.key: e.name for e in entities + more}
    return [(s.kind, names.get(s.speaker), s.cue, s.text, [names[a] for a in s.about])
            for s in statements], more, statements


def find(rows, content: str):
    """The row whose content contains ``content``."""
    hits = [r for r in rows if content in r[3]]
    assert hits, f"no statement contains {content!r}: {rows}"
    return min(hits, key=lambda r: len(r[3]))


# -- direct quotes ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("“The river will flood again next spring,” said Maria Okonkwo.",
     "The river will flood again next spring", "Maria Okonkwo"),
    ("Maria Okonkwo said: “The river will flood again next spring.”",
     "The river will flood again next spring.", "Maria Okonkwo"),
    ("“The river will flood again next spring,” Okonkwo told reporters.",
     "The river will flood again next spring", "Maria Okonkwo"),
    ("\"The river will flood again next spring,\" Mr. Berg said.",
     "The river will flood again next spring", "Tomas Berg"),
    ("“The river will flood again next spring,\" Tomas Berg added.",
     "The river will flood again next spring", "Tomas Berg"),
    ("Tomas Berg spoke after the vote. “We lost this round,” he said.",
     "We lost this round", "Tomas Berg"),
    ("Tomas Berg said on Friday \"We made a plea to the council.\"",
     "We made a plea to the council.", "Tomas Berg"),
    ("Lena Vogt called the attack “an act of cowardice.” Tomas Berg said “We will not bow.”",
     "We will not bow.", "Tomas Berg"),
    ("“We will not bow to anyone” tweeted Mayor of Rivertown Lena Vogt.",
     "We will not bow to anyone", "Lena Vogt"),
    ("Broadcaster Tomas Berg commented, “The levee will not hold.”",
     "The levee will not hold.", "Tomas Berg"),
    ("Maria Okonkwo said the levee was weak.\n\nAnother was Tomas Berg, 24, who cited his "
     "training: “I did what anyone would do.”", "I did what anyone would do.", "Tomas Berg"),
    ("The Harbour Authority opened the port. Tomas Berg wrote of the opening, “It was a fine "
     "day for Rivertown”, recalling their first meeting.", "It was a fine day for Rivertown",
     "Tomas Berg"),
])
def test_direct_attribution(nlp, text, content, speaker):
    rows, _, _ = run(nlp, text)
    row = find(rows, content)
    assert row[0] == "direct"
    assert row[3] == content
    assert row[1] == speaker


def test_interrupted_quote_gives_two_statements(nlp):
    text = "“The dam is old,” Okonkwo said. “It needs repairs before winter.”"
    rows, _, _ = run(nlp, text)
    direct = [r for r in rows if r[0] == "direct"]
    assert [r[3] for r in direct] == ["The dam is old", "It needs repairs before winter."]
    assert {r[1] for r in direct} == {"Maria Okonkwo"}


@pytest.mark.parametrize("text", [
    ("Maria Okonkwo said the levee was weak and would not last.\n\n"
     "“We need help from the capital. Nobody has come yet.”"),
    ("Maria Okonkwo met farmers on Monday.\n\n“We need help from the capital, she said. "
     "Nobody has come yet.\n\n“We need help from the capital.”"),
    ("“We are tired of waiting for the pumps.\n\n“We need help from the capital,” "
     "Maria Okonkwo said."),
])
def test_unattributed_paragraph_keeps_speaker(nlp, text):
    rows, _, _ = run(nlp, text)
    quotes = [r for r in rows if r[0] == "direct"]
    assert quotes
    assert all(r[1] == "Maria Okonkwo" for r in quotes), rows


def test_pronoun_prefers_matching_gender(nlp):
    text = ("Maria Okonkwo warned that the levee was weak. Tomas Berg, a farmer from Lakeside, "
            "disagreed with her.\n\n“The levee is fine and it will hold,” he said.")
    rows, _, _ = run(nlp, text)
    assert find(rows, "The levee is fine")[1] == "Tomas Berg"


def test_pronoun_prefers_subject_over_object(nlp):
    text = ("Tomas Berg met Kofi Mensah at the harbour on Tuesday.\n\n"
            "“The cranes have been idle for a month,” he said.")
    rows, _, _ = run(nlp, text)
    assert find(rows, "The cranes have been idle")[1] == "Tomas Berg"


@pytest.mark.parametrize(("text", "fragment"), [
    ("The agency said the spill posed a “serious risk to fish” in the bay.",
     "serious risk to fish"),
    ("Ten boats were fined for posing a “high risk to swimmers” last summer.",
     "high risk to swimmers"),
    ("Lena Vogt called the attack “an act of cowardice.” Tomas Berg said “We will not bow.”",
     "an act of cowardice."),
    ("Tomas Berg spoke on Monday.\n\n“River Song” opens in cinemas across Lakeside on Friday.",
     "River Song"),
    ("Tomas Berg says his film, “River Song, Again and Again”, was written as a joke.",
     "River Song, Again and Again"),
    ("Lena Vogt, nicknamed the “Iron Lady of Rivertown,” had many followers and wrote poems.",
     "Iron Lady of Rivertown"),
])
def test_scare_quotes_are_not_direct(nlp, text, fragment):
    rows, _, _ = run(nlp, text)
    assert all(r[3] != fragment and fragment not in r[3] or r[0] != "direct" for r in rows)


def test_quoted_fragment_makes_statement_mixed(nlp):
    text = "Maria Okonkwo said the new dam was “a disaster” for the farmers of Lakeside."
    rows, _, _ = run(nlp, text)
    row = find(rows, "the new dam was")
    assert row[0] == "mixed"
    assert row[1] == "Maria Okonkwo"


def test_direct_quote_is_not_also_indirect(nlp):
    text = "Maria Okonkwo said: “The levee will hold until spring.”"
    rows, _, _ = run(nlp, text)
    assert [r[0] for r in rows] == ["direct"]


@pytest.mark.parametrize("text", [
    "Lena Vogt said: “We will appeal the ruling.\n\nThe court adjourned until May.",
    "“”“”\n\n“ ” said Vogt.",
    "We will appeal,” she said. “And win",
    "\"\"\" \" \"\n\n” “",
    "",
    "   \n\n   ",
    "Lena Vogt said.",
    # "according to" inside a list: its content tokens come out of order.
    "Vebrika's state of emergency appears to allow him to pull funding for the border wall from "
    "other places: potentially, according to Al Ilzanor, US$3.6 billion from a Orilorka construction "
    "budget, $2.5 billion from anti-drug programs, and $610 million from a forfeiture fund within "
    "the U.S. Kazannedal Department.",
])
def test_odd_marks_never_raise(nlp, text):
    rows, _, statements = run(nlp, text)
    for s in statements:
        assert text[s.span.begin:s.span.end] == s.text
        assert s.text.strip()


# -- reported speech -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cue", "act", "content", "speaker"), [
    ("Maria Okonkwo said that the levee was too weak to hold.",
     "say", "assert", "the levee was too weak to hold", "Maria Okonkwo"),
    ("The levee was too weak to hold, Maria Okonkwo said.",
     "say", "assert", "The levee was too weak to hold", "Maria Okonkwo"),
    ("According to Maria Okonkwo, the levee was too weak to hold.",
     "according to", "assert", "the levee was too weak to hold", "Maria Okonkwo"),
    ("The levee was too weak to hold, according to Tomas Berg.",
     "according to", "assert", "The levee was too weak to hold", "Tomas Berg"),
    ("Maria Okonkwo ordered engineers to reinforce the levee before the storm.",
     "order", "order", "reinforce the levee before the storm", "Maria Okonkwo"),
    ("Maria Okonkwo called on residents to leave the valley by Friday.",
     "call on", "order", "residents to leave the valley by Friday", "Maria Okonkwo"),
    ("Maria Okonkwo urged residents to leave the valley by Friday.",
     "urge", "order", "residents to leave the valley by Friday", "Maria Okonkwo"),
    ("Tomas Berg told reporters that the pumps had failed twice.",
     "tell", "assert", "the pumps had failed twice", "Tomas Berg"),
    ("Tomas Berg pointed out that the pumps had failed twice this year.",
     "point out", "assert", "the pumps had failed twice this year", "Tomas Berg"),
    ("Speaking at a town meeting in Lakeside, Tomas Berg said the pumps had failed twice.",
     "say", "assert", "the pumps had failed twice", "Tomas Berg"),
    ("Tomas Berg denied that the company had hidden the inspection report.",
     "deny", "deny", "the company had hidden the inspection report", "Tomas Berg"),
    ("Tomas Berg believes the pumps will fail again next year.",
     "believe", "believe", "the pumps will fail again next year", "Tomas Berg"),
    ("Lena Vogt warned that the bridge could collapse in a storm.",
     "warn", "warn", "the bridge could collapse in a storm", "Lena Vogt"),
    ("Lena Vogt vowed to rebuild every house in Rivertown.",
     "vow", "promise", "rebuild every house in Rivertown", "Lena Vogt"),
    ("Lena Vogt emphasised the importance of clean water for the villages.",
     "emphasise", "assert", "the importance of clean water", "Lena Vogt"),
    ("Lena Vogt emphasized the importance of clean water for the villages.",
     "emphasize", "assert", "the importance of clean water", "Lena Vogt"),
    ("Lena Vogt criticised the Harbour Authority for delaying the repairs.",
     "criticise", "criticise", "Harbour Authority for delaying the repairs", "Lena Vogt"),
    ("Lena Vogt commended the Harbour Authority for its quick response.",
     "commend", "praise", "Harbour Authority for its quick response", "Lena Vogt"),
    ("Ana Ruiz said the ferry would resume service, adding that fares would rise.",
     "add", "assert", "fares would rise", "Ana Ruiz"),
    ("Ana Ruiz was quoted as saying that the ferry would resume service in June.",
     "say", "assert", "the ferry would resume service in June", "Ana Ruiz"),
    ("Ana Ruiz has repeatedly said the ferry would resume service in June.",
     "say", "assert", "the ferry would resume service in June", "Ana Ruiz"),
])
def test_reported_speech(nlp, text, cue, act, content, speaker):
    rows, _, statements = run(nlp, text)
    row = find(rows, content)
    statement = statements[rows.index(row)]
    assert row[0] == "indirect"
    assert (row[2], statement.speech_act) == (cue, act)
    assert row[1] == speaker
    assert statement.cue_span is not None


@pytest.mark.parametrize("text", [
    "The committee was told that the pumps had failed.",
    "The storm added three days to the journey.",
    "Engineers ordered new pumps from abroad.",
])
def test_no_reported_speech_without_actor_or_clause(nlp, text):
    rows, _, _ = run(nlp, text)
    assert [r for r in rows if r[2] in ("say", "tell", "add")] == []


# -- speakers --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "titles", "content", "speaker"), [
    ("Water Minister Ana Ruiz visited the dam on Friday. The minister said repairs would "
     "start in May.", {"Ana Ruiz": "Water Minister"}, "repairs would start", "Ana Ruiz"),
    ("Omar Haddad, spokesperson for the Harbour Authority, spoke on Friday. The spokesman "
     "said the port would reopen soon.", {"Omar Haddad": "spokesperson"},
     "the port would reopen soon", "Omar Haddad"),
    ("Prime Minister Kofi Mensah opened the bridge. Water Minister Ana Ruiz attended. "
     "The premier said the project had cost too much.",
     {"Kofi Mensah": "Prime Minister", "Ana Ruiz": "Water Minister"},
     "the project had cost too much", "Kofi Mensah"),
    ("The Harbour Authority said the port would reopen on Monday.", {},
     "the port would reopen on Monday", "Harbour Authority"),
    ("Okonkwo said the levee was weak and needed work.", {},
     "the levee was weak", "Maria Okonkwo"),
    ("Green River Network director Maria Okonkwo said the levee was weak.", {},
     "the levee was weak", "Maria Okonkwo"),
    ("Maria Okonkwo, who chairs the Harbour Authority, said the levee was weak.", {},
     "the levee was weak", "Maria Okonkwo"),
    ("According to a Harbour Authority report, cargo volumes fell sharply last year. It said "
     "ten ships had been turned away.", {}, "ten ships had been turned away",
     "Harbour Authority"),
    ("According to a Harbour Authority report, cargo volumes fell sharply last year.", {},
     "cargo volumes fell sharply", "Harbour Authority"),
    ("The Coastal Police arrested two men in Rivertown on Sunday. The police said both "
     "men were armed.", {}, "both men were armed", "Coastal Police"),
])
def test_speaker_resolution(nlp, text, titles, content, speaker):
    rows, _, _ = run(nlp, text, titles)
    assert find(rows, content)[1] == speaker


@pytest.mark.parametrize(("text", "content", "source"), [
    ("One of the witnesses said the car was speeding.", "the car was speeding", "One of the witnesses"),
    ("Two of the officers told reporters that the gate was open.", "the gate was open",
     "Two of the officers"),
    ("Some of the nurses said they had not been paid.", "they had not been paid", "Some of the nurses"),
    ('Many of the protesters said "we will return tomorrow".', "we will return tomorrow",
     "Many of the protesters"),
])
def test_partitive_subjects_are_unnamed_sources(nlp, text, content, source):
    rows, _, _ = run(nlp, text)
    assert find(rows, content)[1] == source


def test_pronoun_uses_role_of_named_person(nlp):
    text = ("Water Minister Ana Ruiz opened the plant.\n\n“Clean water is a right,” the minister "
            "said.")
    rows, _, _ = run(nlp, text, {"Ana Ruiz": "Water Minister"})
    assert find(rows, "Clean water is a right")[1] == "Ana Ruiz"


@pytest.mark.parametrize(("text", "content", "description"), [
    ("A port official, who declined to be named, said the cranes were broken.",
     "the cranes were broken", "A port official"),
    ("Officials said the cranes were broken.", "the cranes were broken", "Officials"),
    ("According to a Coastal Police official, two boats were seized in Rivertown.",
     "two boats were seized", "a Coastal Police official"),
    ("A source close to the talks said the deal was nearly done.",
     "the deal was nearly done", "A source close to the talks"),
])
def test_unnamed_sources(nlp, text, content, description):
    rows, more, _ = run(nlp, text)
    row = find(rows, content)
    assert row[1] == description
    assert [e.kind for e in more if e.name == description] == ["UnnamedSource"]
    (entity,) = [e for e in more if e.name == description]
    assert entity.key.startswith("s") and entity.mentions


def test_pronoun_after_unnamed_source(nlp):
    text = ("Maria Okonkwo declined to comment. A port official, who declined to be named, "
            "said the cranes were broken.\n\n“They have been broken for months,” he said.")
    rows, _, _ = run(nlp, text)
    assert find(rows, "They have been broken")[1] == "A port official"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Officials said the cranes were broken. Tomas Berg arrived later.\n\n"
     "“Nobody told us anything,” he said.", "Tomas Berg"),
    ("Tomas Berg arrived later. Officials said the cranes were broken.\n\n"
     "“Nobody has repaired them,” they said.", "Officials"),
])
def test_pronoun_number(nlp, text, speaker):
    rows, _, _ = run(nlp, text)
    assert find(rows, "Nobody")[1] == speaker


def test_speaker_missing_from_entities_is_created(nlp):
    text = "Daniel Whitcombe, a marine biologist, said the sharks had returned to the bay."
    rows, more, _ = run(nlp, text)
    assert find(rows, "the sharks had returned")[1] == "Daniel Whitcombe"
    assert [(e.kind, e.name) for e in more] == [("Person", "Daniel Whitcombe")]


def test_unattributed_document_gets_no_guessed_author(nlp):
    text = ("Tomas Berg watched the Harbour Authority film on Sunday. He died on Monday, "
            "according to a statement posted online.")
    rows, _, _ = run(nlp, text)
    assert all(r[1] != "Harbour Authority" for r in rows)


def test_new_organisation_only_when_missing(nlp):
    text = "The police said two men were arrested near the harbour."
    rows, more, _ = run(nlp, text)
    assert find(rows, "two men were arrested")[1] == "police"
    assert [(e.kind, e.key) for e in more] == [("Organization", "s0")]


# -- targets ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "content", "about", "not_about"), [
    ("Maria Okonkwo said the Harbour Authority had ignored warnings from Lakeside.",
     "the Harbour Authority had ignored", {"Harbour Authority", "Lakeside"}, {"Maria Okonkwo"}),
    ("Tomas Berg said he would resign from the board next week.",
     "he would resign", {"Tomas Berg"}, set()),
    ("“I will resign from the board next week,” Tomas Berg said.",
     "I will resign", {"Tomas Berg"}, set()),
    ("Lena Vogt criticised Tomas Berg for delaying the repairs.",
     "Tomas Berg for delaying", {"Tomas Berg"}, {"Lena Vogt"}),
    ("Lena Vogt criticised Rivertown district officials for the delays.",
     "district officials for the delays", {"Rivertown district officials"}, set()),
    ("Ana Ruiz said Tomas Berg and his team had done well.",
     "Tomas Berg and his team", {"Tomas Berg"}, {"Ana Ruiz"}),
    ("The Coastal Police patrolled Rivertown. Ana Ruiz said the coastal police had done "
     "well.", "the coastal police had done well", {"Coastal Police"}, set()),
    ("Tomas Berg flew to Rivertown on Monday. He said the city had run out of water.",
     "the city had run out of water", {"Rivertown"}, set()),
])
def test_about(nlp, text, content, about, not_about):
    rows, _, _ = run(nlp, text)
    row = find(rows, content)
    assert about <= set(row[4])
    assert not (not_about & set(row[4]))


# -- the cue lexicon -------------------------------------------------------------------------

def test_cue_lexicon_covers_brief():
    cues = load_cues()
    for phrase in ("say", "according to", "call on", "point out", "warn", "order", "urge",
                   "ask", "criticise", "criticize", "commend", "deny", "confirm", "reveal",
                   "note", "add", "state", "report", "acknowledge", "emphasise", "emphasize",
                   "stress", "suggest", "indicate", "believe", "reiterate", "allege",
                   "encourage", "explain", "claim", "promise", "vow"):
        assert phrase in cues, phrase
    assert {c.speech_act for c in cues.values()} == SPEECH_ACTS


@pytest.mark.parametrize(("line", "message"), [
    ("say\tshout\tclause\t-\n", "speech act"),
    ("say\tassert\teverything\t-\n", "content"),
    ("tell\tassert\tobject\tyell\n", "xcomp class"),
])
def test_bad_cue_file_names_the_options(tmp_path, line, message):
    path = tmp_path / "cues.tsv"
    path.write_text("# comment\n" + line, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_cues(path)


@pytest.mark.parametrize(("text", "index", "phrase"), [
    ("She called on them to stop.", 1, "call on"),
    ("She called them twice.", 1, None),
    ("He pointed out the flaw.", 1, "point out"),
    ("He pointed at the map.", 1, None),
    ("According to her, it failed.", 0, "according to"),
    ("The report said so.", 2, "say"),
])
def test_match_cue(nlp, text, index, phrase):
    found = match_cue(nlp(text)[index], load_cues())
    assert (found[0].phrase if found else None) == phrase
