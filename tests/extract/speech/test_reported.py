"""Tests of graph.extract.speech.reported: indirect and mixed statements around a cue."""

from __future__ import annotations

import pytest

from graph.extract.speech.context import Context
from graph.extract.speech.reported import _after_colon
from tests.extract.speech.cast import find, run


@pytest.mark.parametrize(("text", "cue", "act", "content", "speaker"), [
    ("Maria Okonkwo said that the levee was too weak to hold.",
     "say", "assert", "the levee was too weak to hold", "Maria Okonkwo"),
    ("The levee was too weak to hold, Maria Okonkwo said.",
     "say", "assert", "The levee was too weak to hold", "Maria Okonkwo"),
    ("According to Maria Okonkwo, the levee was too weak to hold.",
     "according to", "assert", "the levee was too weak to hold", "Maria Okonkwo"),
    ("The levee was too weak to hold, according to Tomas Berg.",
     "according to", "assert", "The levee was too weak to hold", "Tomas Berg"),
    ("The new levee, according to Tomas Berg, was too weak to hold the spring floods.",
     "according to", "assert", "The new levee, according to Tomas Berg, was too weak", "Tomas Berg"),
    # a name the parser hung on a time phrase without a comma
    ("On Friday Harbour Authority announced the pier would close for the winter.",
     "announce", "assert", "the pier would close for the winter", "Harbour Authority"),
    # a phrase closing the sentence after a comma attributes every conjunct before it
    ("The ferry sank near the pier, and two cranes fell into the harbour, according to Tomas Berg.",
     "according to", "assert", "The ferry sank near the pier, and two cranes fell", "Tomas Berg"),
    # ... also when the parser hangs it on a relative clause after it
    ("Two sailors were hurt and nine were rescued, according to the Coastal Police, some of whom "
     "were there.", "according to", "assert", "Two sailors were hurt and nine were rescued",
     "Coastal Police"),
    # a phrase set between commas keeps the words after it
    ("One child was, according to Tomas Berg, among the missing.",
     "according to", "assert", "One child was, according to Tomas Berg, among the missing",
     "Tomas Berg"),
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
    ("Otherwise, Ana Ruiz said, the ferry would stop running in June.",
     "say", "assert", "the ferry would stop running in June", "Ana Ruiz"),
    ("The pumps failed twice, Tomas Berg said, because nobody had maintained them.",
     "say", "assert", "nobody had maintained them", "Tomas Berg"),
    ("Ana Ruiz said dredging it could open the harbour to bigger ships next year.",
     "say", "assert", "could open the harbour to bigger ships", "Ana Ruiz"),
    ("As Ana Ruiz said, the ferry would stop running in June.",
     "say", "assert", "the ferry would stop running in June", "Ana Ruiz"),
    # "list" reports what it lists something as, never what a list holds
    ("The Harbour Authority's report lists the ferry as belonging to the navy.",
     "list", "assert", "the ferry as belonging to the navy", "Harbour Authority"),
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
    "The storm added three days to the journey.",
    "Engineers ordered new pumps from abroad.",
])
def test_no_reported_speech_without_actor_or_clause(nlp, text):
    rows, _, _ = run(nlp, text)
    assert [r for r in rows if r[2] in ("say", "tell", "add")] == []


@pytest.mark.parametrize(("text", "cue"), [
    # an infinitive of speaking alone says nothing
    ("Tomas Berg declined to comment.", "decline"),
    ("The Harbour Authority said it intends to appeal.", "intend"),
    # what a list holds is no statement
    ("The Harbour Authority's report does not list any ferries.", "list"),
    # a plea in court is no statement
    ("Tomas Berg pleaded guilty to two charges of theft.", "plead"),
])
def test_no_statement_from_bare_speaking_or_listing(nlp, text, cue):
    rows, _, _ = run(nlp, text)
    assert [r for r in rows if r[2] == cue] == []


@pytest.mark.parametrize(("text", "cue", "act", "content"), [
    ("Tomas Berg called the new toll a tax on the poor.", "call", "characterise",
     "the new toll a tax on the poor"),
    ("Tomas Berg described the new toll as a tax on the poor.", "describe", "characterise",
     "the new toll as a tax on the poor"),
    ("Lena Vogt wants the council to rebuild the old pier.", "want", "intend",
     "the council to rebuild the old pier"),
    ("Lena Vogt plans to rebuild the old pier next spring.", "plan", "intend",
     "rebuild the old pier next spring"),
    ("Lena Vogt endorsed the plan to rebuild the old pier.", "endorse", "support",
     "the plan to rebuild the old pier"),
    ("Lena Vogt knows that the old pier cannot be saved.", "know", "believe",
     "the old pier cannot be saved"),
    ("Lena Vogt attacked the council for its handling of the floods.", "attack", "criticise",
     "the council for its handling of the floods"),

    ("Lena Vogt seemed to suggest that the pier would close.", "seem", "believe",
     "suggest that the pier would close"),
    ("Lena Vogt declined to discuss the future of the pier.", "decline", "deny",
     "discuss the future of the pier"),
    ("Lena Vogt sees the new toll as a tax on the poor.", "see as", "characterise",
     "the new toll as a tax on the poor"),
    ("Lena Vogt hopes to rebuild the old pier next spring.", "hope", "believe",
     "rebuild the old pier next spring"),
    ("Tomas Berg touted the new ferry service to Rivertown.", "tout", "praise",
     "the new ferry service to Rivertown"),
    ("Lena Vogt backed the plan to rebuild the old pier.", "back", "support",
     "the plan to rebuild the old pier"),
    ("Tomas Berg voiced concern about the state of the pumps.", "voice", "assert",
     "concern about the state of the pumps"),
    ("Tomas Berg likened the new toll to a tax on the poor.", "liken", "characterise",
     "the new toll to a tax on the poor"),
    ("Lena Vogt decided to rebuild the old pier next spring.", "decide", "intend",
     "rebuild the old pier next spring"),
    ("Lena Vogt pushed for a new pier in Rivertown.", "push for", "order",
     "a new pier in Rivertown"),
    ("Lena Vogt called the plan “rigged” in a speech.", "call", "characterise",
     "the plan “rigged"),
    ("Lena Vogt has called for the toll to be cut by half.", "call for", "order",
     "the toll to be cut by half"),
    ("Lena Vogt called to ban cars from the old town.", "call", "order",
     "ban cars from the old town"),
    ("Tomas Berg agreed with the council about the new toll.", "agree", "assert",
     "the council about the new toll"),
    ("Lena Vogt responded to the criticism of the new toll.", "respond", "assert",
     "the criticism of the new toll"),
    ("Tomas Berg mentioned the broken pumps at the meeting.", "mention", "assert",
     "the broken pumps"),
])
def test_new_cue_classes(nlp, text, cue, act, content):
    rows, _, statements = run(nlp, text)
    row = find(rows, content)
    assert (row[2], statements[rows.index(row)].speech_act) == (cue, act)


@pytest.mark.parametrize("text", [
    "Tomas Berg called the harbour office twice on Monday.",
    "Lena Vogt knows the valley and its rivers very well.",
    "Lena Vogt found a way to reach the old pier.",
    "Lena Vogt saw the old pier collapse in the storm.",
    "Lena Vogt continued to raise money for the old pier all winter.",
    "A harbour official, who declined to be named, spoke to reporters in Rivertown.",
    "As the talks continue, the ferry will stop running in June.",
    "Lena Vogt went on to win the race for mayor of Rivertown.",
    "The ferry will stop running while the repairs are going on at the pier.",
])
def test_cues_without_their_content_report_nothing(nlp, text):
    rows, _, _ = run(nlp, text)
    assert rows == []


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Lena Vogt endorsed Omar Haddad.", "endorse", "Omar Haddad"),
    ("Tomas Berg criticised the decision.", "criticise", "the decision"),
    ("Maria Okonkwo denied it.", "deny", "it"),
])
def test_short_contents_count(nlp, text, cue, content):
    rows, _, _ = run(nlp, text)
    assert [(r[2], r[3]) for r in rows] == [(cue, content)]


@pytest.mark.parametrize("text", [
    "Lena Vogt announced on Friday.",
    "Tomas Berg attacked others.",
    "Lena Vogt expressed disappointment.",
])
def test_no_content_of_a_lone_preposition_date_or_bare_noun(nlp, text):
    rows, _, _ = run(nlp, text)
    assert rows == []


@pytest.mark.parametrize(("text", "content"), [
    ("Tomas Berg warned about the state of the old pumps.", "the state of the old pumps"),
    ("Lena Vogt vowed to fight on.", "to fight on"),
    ("Lena Vogt refused to rebuild the old pier.", "to rebuild the old pier"),
    ("Maria Okonkwo said that the levee was too weak.", "that the levee was too weak"),
    ("Maria Okonkwo asked whether the levee would hold.", "whether the levee would hold"),
])
def test_content_keeps_its_conjunction_not_the_cue_preposition(nlp, text, content):
    rows, _, _ = run(nlp, text)
    assert [r[3] for r in rows] == [content]


@pytest.mark.parametrize(("text", "content"), [
    ("Lena Vogt criticised the plan for the harbour, pointing to the cost of the new pier.",
     "the plan for the harbour"),
    ("Tomas Berg urged the council to rebuild the pier, according to the minutes.",
     "the council to rebuild the pier"),
])
def test_content_without_the_aside_of_its_cue(nlp, text, content):
    rows, _, _ = run(nlp, text)
    assert content in [r[3] for r in rows]


@pytest.mark.parametrize(("text", "content"), [
    # when, where and how a cue speaks, after its content, is no part of it
    ("Lena Vogt criticised the harbour plan last week.", "the harbour plan"),
    ("Lena Vogt praised the new pier in a speech at the harbour.", "the new pier"),
    ("Lena Vogt endorsed Tomas Berg at a rally in Rivertown.", "Tomas Berg"),
    # a complement of the cue after its object stays
    ("Lena Vogt criticised the Harbour Authority for delaying the repairs.",
     "the Harbour Authority for delaying the repairs"),
])
def test_content_without_the_circumstances_of_its_cue(nlp, text, content):
    rows, _, _ = run(nlp, text)
    assert [r[3] for r in rows if r[0] != "direct"] == [content]


@pytest.mark.parametrize(("text", "contents"), [
    # a relative clause the writer adds after a comma is no part of what was said
    ("Ana Ruiz said she backed the harbour bill, which the council passed in May.",
     ["she backed the harbour bill"]),
    # ... unless a cue in it reports more
    ("Ana Ruiz said she backed the harbour bill, which Berg called a disgrace.",
     ["she backed the harbour bill, which Berg called a disgrace"]),
    # ... or it follows a date or an amount ("which" is then the whole clause)
    ("Ana Ruiz said ten boats were seized in 2020, which is more than ever before.",
     ["ten boats were seized in 2020, which is more than ever before"]),
    # two clauses joined by a semicolon, each with its own cue: each its own content
    ("Most fishermen said they feared the new pier; 40 percent said they would leave the "
     "valley.", ["they feared the new pier", "they would leave the valley"]),
    # a complement the parser hangs across a paragraph break stays in its paragraph
    ("\"What we are showing is that we can win without the rich.\"\n\nHarbour officials said "
     "the toll was too high.",
     ["the toll was too high"]),
])
def test_content_boundaries(nlp, text, contents):
    rows, _, _ = run(nlp, text)
    reported = [r[3] for r in rows if r[0] != "direct"]
    assert all(c in reported for c in contents), reported
    assert not any(r.startswith(("Most", "Harbour")) for r in reported), reported


@pytest.mark.parametrize(("text", "rows"), [
    # a second cue the parser hung inside the first one's content: the same speaker, and a
    # content of its own
    ("Maria Okonkwo said Tomas Berg was ignorant of the law and criticized him for his "
     "remarks.", [("say", "Tomas Berg was ignorant of the law", "Maria Okonkwo"),
                  ("criticize", "him for his remarks", "Maria Okonkwo")]),
    ("Lena Vogt said the mayor lied and called the plan a disaster.",
     [("say", "the mayor lied", "Lena Vogt"), ("call", "the plan a disaster", "Lena Vogt")]),
    # ... not a verb with an auxiliary of its own: part of the content, its subject speaks
    ("Harbour officials reported the man left the hall and continued to shout at others.",
     [("report", "the man left the hall and continued to shout at others", "Harbour officials")]),
    ("Omar Haddad said Berg had lied and would deny it.",
     [("say", "Berg had lied and would deny it", "Omar Haddad"), ("deny", "it", "Tomas Berg")]),
    # ... a bare form after a present one, beside a verb whose auxiliary it cannot share
    ("But some engineers worry that Okonkwo has already lost a season and warn that the dam "
     "is not safe.", [("worry", "that Okonkwo has already lost a season", "some engineers"),
                      ("warn", "that the dam is not safe", "some engineers")]),
    ("Port insiders believe Berg has taken over the board, and admit that the town is helpless.",
     [("believe", "Berg has taken over the board", "Port insiders"),
      ("admit", "that the town is helpless", "Port insiders")]),
    # ... but beside a bare form after a modal, it shares the modal: the content's subject
    ("Critics say Okonkwo must resign and admit that the dam failed.",
     [("say", "Okonkwo must resign and admit that the dam failed", "Critics"),
      ("admit", "that the dam failed", "Maria Okonkwo")]),
])
def test_second_cue_coordinated_inside_a_content(nlp, text, rows):
    found, _, _ = run(nlp, text)
    assert [(r[2], r[3], r[1]) for r in found] == rows


@pytest.mark.parametrize(("text", "rows"), [
    # a participle the parser hung on the cue, right after the noun of the cue's phrase,
    # describes that noun: no content of its own
    ("“The port will close,” Omar Haddad said in a note posted an hour before the "
     "ferry was due to leave.", [("say", "“The port will close,”", "Omar Haddad")]),
    # ... a that-clause after that noun is still the content
    ("Omar Haddad said in a note that the port had closed for the winter.",
     [("say", "that the port had closed for the winter", "Omar Haddad")]),
    ("A harbour spokesman, Omar Haddad, said on Sunday that there had been more ferries than "
     "ever.", [("say", "that there had been more ferries than ever", "Omar Haddad")]),
])
def test_participle_on_the_cue_phrase_is_no_content(nlp, text, rows):
    found, _, _ = run(nlp, text)
    assert [(r[2], r[3], r[1]) for r in found] == rows



@pytest.mark.parametrize(("text", "rows"), [
    # a question put to the speaker after the cue is no part of what the speaker says, and
    # whoever asked it is not named: a statement without a speaker
    ("Tomas Berg said the toll was fair when asked about it on Friday.",
     [("say", "the toll was fair", "Tomas Berg"), ("ask", "it on Friday", None)]),
    ("“We will see,” Ana Ruiz said when asked whether she would run.",
     [("say", "“We will see,”", "Ana Ruiz"), ("ask", "whether she would run", None)]),
    ("“It has been too long,” Tomas Berg said, asked about the delay.",
     [("say", "“It has been too long,”", "Tomas Berg"), ("ask", "the delay", None)]),
    ("Maria Okonkwo, when asked about the pier, said it was safe.",
     [("ask", "the pier", None), ("say", "it was safe", "Maria Okonkwo")]),
    # an adverb before the question's word; the name the parser took for the question's subject
    ("Tomas Berg, when asked specifically what about the levee plan is wrong, said the costs "
     "were too high.", [("ask", "specifically what about the levee plan is wrong", None),
                        ("say", "the costs were too high", "Tomas Berg")]),
    ("“It was a mistake,” said retired engineer Tomas Berg, asked about the offer.",
     [("say", "“It was a mistake,”", "Tomas Berg"), ("ask", "the offer", None)]),
    # ... never a name that asks, nor one whose apposition the comma closes
    ("Tomas Berg, a former mayor, asked whether the dam would hold.",
     [("ask", "whether the dam would hold", "Tomas Berg")]),
    # ... and who asked speaks when named
    ("When asked by Lena Vogt whether the toll was fair, Tomas Berg said no.",
     [("ask", "When asked by Lena Vogt whether the toll was fair", "Lena Vogt")]),
])
def test_question_put_to_the_speaker(nlp, text, rows):
    found, _, _ = run(nlp, text)
    assert [(r[2], r[3], r[1]) for r in found] == rows


@pytest.mark.parametrize(("text", "rows"), [
    # a cue inside a question is asked about, not reported
    ("Tomas Berg was asked what he thought the council could do.",
     [("ask", "Tomas Berg was asked what he thought the council could do", None)]),
    ("Tomas Berg was pressed on why the ministry had claimed the toll was fair.",
     [("press", "Tomas Berg was pressed on why the ministry had claimed the toll was fair", None)]),
    ("Asked if she believed the council wanted a new pier, Ana Ruiz said no.",
     [("ask", "if she believed the council wanted a new pier", None)]),
    # ... only in the nearest clause a question word opens, never in a clause of time
    ("Tomas Berg said he wondered what Okonkwo meant when she said the toll was fair.",
     [("say", "he wondered what Okonkwo meant when she said the toll was fair", "Tomas Berg"),
      ("say", "the toll was fair", "Maria Okonkwo")]),
    ("Ana Ruiz tried to ask about the toll when Tomas Berg shot back that she had not been "
     "called on.", [("ask", "the toll", "Ana Ruiz"),
                    ("shoot back", "that she had not been called on", "Tomas Berg")]),
])
def test_cue_inside_a_question(nlp, text, rows):
    found, _, _ = run(nlp, text)
    assert [(r[2], r[3], r[1]) for r in found] == rows


@pytest.mark.parametrize(("text", "cue", "content", "speaker"), [
    ("The new toll was criticised by Lena Vogt as a tax on the poor.", "criticise",
     "The new toll was criticised by Lena Vogt as a tax on the poor", "Lena Vogt"),
    ("The council is expected to approve the new pier on Friday.", "expect",
     "The council is expected to approve the new pier on Friday", None),
    ("After the storm, the council is expected to approve the new pier.", "expect",
     "the council is expected to approve the new pier", None),
    ("The committee was told that the pumps had failed.", "tell",
     "The committee was told that the pumps had failed", None),
    ("Tomas Berg was asked about the state of the pumps.", "ask",
     "Tomas Berg was asked about the state of the pumps", None),
    # an agent the parser hung on a word of the cue's phrase still speaks, and leaves it
    ("Maria Okonkwo has been pushed to these positions by Tomas Berg.", "push",
     "Maria Okonkwo has been pushed to these positions", "Tomas Berg"),
    ("Tomas Berg was asked to keep the files by the Harbour Authority.", "ask",
     "Tomas Berg was asked to keep the files", "Harbour Authority"),
    # a "by" that names no one is no agent
    ("The pier was criticised in a letter by Friday.", "criticise",
     "The pier was criticised in a letter by Friday", None),
    # nor one far down the phrase, the agent of a noun there
    ("Tomas Berg was asked about the council's claim of credit for the attack by Maria "
     "Okonkwo.", "ask", "Tomas Berg was asked about the council's claim of credit for the "
     "attack by Maria Okonkwo", None),
    # "'s" with an infinitive is the "is" of a passive; with a clause, the "has" of a perfect
    ("Tomas Berg is ill. He's said to be in hospital.", "say",
     "He's said to be in hospital", None),
    ("Tomas Berg met voters. He's said he will fight all the way to the convention.", "say",
     "he will fight all the way to the convention", "Tomas Berg"),
    ("Tomas Berg is a veteran. Since then, he’s spoken out against the toll on the bridge.",
     "speak out", "the toll on the bridge", "Tomas Berg"),
    ("Tomas Berg is popular. He’s expected to win the vote.", "expect",
     "He’s expected to win the vote", None),
])
def test_passive_cues(nlp, text, cue, content, speaker):
    rows, _, _ = run(nlp, text)
    assert [(r[2], r[3], r[1]) for r in rows] == [(cue, content, speaker)]


@pytest.mark.parametrize(("text", "cue", "speaker"), [
    # a bare passive cue coordinated with a participle shares its agent
    ("The plan drew complaints that were repeated and amplified by the fishermen.", "repeat",
     "the fishermen"),
    ("The new toll was mocked and criticised by Lena Vogt.", "mock", "Lena Vogt"),
    # ... never where either participle has words of its own between them
    ("The toll was announced in May and criticised by Lena Vogt in June.", "announce", None),
    ("The toll was criticised and later dropped by the council.", "criticise", None),
    ("The new toll was criticised by Lena Vogt as a tax on the poor.", "criticise", "Lena Vogt"),
])
def test_passive_cue_shares_the_agent_of_its_conjunct(nlp, text, cue, speaker):
    rows, _, _ = run(nlp, text)
    assert [r[1] for r in rows if r[2] == cue] == [speaker]


@pytest.mark.parametrize("text", [
    "Votes were cast in Rivertown on Monday.",
    "The old pier, as it is known in Rivertown, will close.",
    "The race in Rivertown was called.",
    "The ferry is supposed to leave at noon.",
    "Ana Lee was dismissed by the Harbour Authority in June.",
])
def test_passives_that_report_nothing(nlp, text):
    rows, _, _ = run(nlp, text)
    assert rows == []


def test_quoted_fragment_makes_statement_mixed(nlp):
    text = "Maria Okonkwo said the new dam was “a disaster” for the farmers of Lakeside."
    rows, _, _ = run(nlp, text)
    row = find(rows, "the new dam was")
    assert row[0] == "mixed"
    assert row[1] == "Maria Okonkwo"



@pytest.mark.parametrize(("text", "outer", "speaker", "inner", "inner_speaker"), [
    # a quote whose speaker and cue stand inside a reported content is a part of it
    ("Tomas Berg said the town lost a voice that said “hope is stronger than fear.”",
     "the town lost a voice that said “hope is stronger than fear.”", "Tomas Berg",
     "“hope is stronger than fear.”", "a voice"),
    ("Kofi Mensah spoke on Thursday, noting that donors feel “we have to find a safe place.”",
     "that donors feel “we have to find a safe place.”", "Kofi Mensah",
     "“we have to find a safe place.”", "donors"),
])
def test_reported_content_holds_a_quote_reported_inside_it(nlp, text, outer, speaker, inner,
                                                          inner_speaker):
    rows, _, _ = run(nlp, text)
    assert (outer, speaker) in {(r[3], r[1]) for r in rows if r[0] == "mixed"}
    assert ("direct", inner, inner_speaker) in {(r[0], r[3], r[1]) for r in rows}


@pytest.mark.parametrize(("text", "content"), [
    ("Lena Vogt called the plan “a farce”.", "the plan “a farce”"),
    ("Lena Vogt said the new dam was “a disaster.”", "the new dam was “a disaster.”"),
    ("Lena Vogt called him a ''loser.''", "him a ''loser.''"),
])
def test_characterisation_and_closing_fragments_are_mixed(nlp, text, content):
    rows, _, _ = run(nlp, text)
    row = next(r for r in rows if r[3] == content)
    assert row[0] == "mixed"
    assert row[1] == "Lena Vogt"


@pytest.mark.parametrize(("text", "content"), [
    ("The plan is what Lena Vogt called a “bold experiment” in housing.",
     "a “bold experiment” in housing"),
    ("Lena Vogt called him “third-rate” at the meeting.", "him “third-rate"),
])
def test_characterisation_of_an_object_before_or_inside_the_name(nlp, text, content):
    rows, _, _ = run(nlp, text)
    assert find(rows, content)[2] == "call"


@pytest.mark.parametrize(("text", "word", "expected"), [
    # words quoted whole after a colon are a quote of their own
    ("The survey noted a sharp rise in floods: \"Floods rose every year since the storms.\"",
     "Floods", True),
    # a quoted end of a reported clause is part of it
    ("Tomas Berg said that the old pier \"will fail every year\" from now on.", "will", False),
    ("Tomas Berg said that the old pier will fail every year from now on.", "will", False),
])
def test_clause_quoted_after_a_colon(nlp, text, word, expected):
    ctx = Context.of(nlp(text))
    token = next(t for t in ctx.doc if t.text == word)
    assert _after_colon(ctx, token) is expected
