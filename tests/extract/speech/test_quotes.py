"""Tests of graph.extract.speech.quotes: which quoted runs are direct quotes, and their
attribution (invented sentences, through the real spaCy model)."""

from __future__ import annotations

import pytest

from tests.extract.speech.cast import find, run


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("“The river will flood again next spring,” said Maria Okonkwo.",
     "“The river will flood again next spring,”", "Maria Okonkwo"),
    ("Maria Okonkwo said: “The river will flood again next spring.”",
     "“The river will flood again next spring.”", "Maria Okonkwo"),
    ("“The river will flood again next spring,” Okonkwo told reporters.",
     "“The river will flood again next spring,”", "Maria Okonkwo"),
    ("\"The river will flood again next spring,\" Mr. Berg said.",
     '"The river will flood again next spring,"', "Tomas Berg"),
    ("“The river will flood again next spring,\" Tomas Berg added.",
     '“The river will flood again next spring,"', "Tomas Berg"),
    ("Tomas Berg spoke after the vote. “We lost this round,” he said.",
     "“We lost this round,”", "Tomas Berg"),
    ("Tomas Berg said on Friday \"We made a plea to the council.\"",
     '"We made a plea to the council."', "Tomas Berg"),
    ("Lena Vogt called the attack “an act of cowardice.” Tomas Berg said “We will not bow.”",
     "“We will not bow.”", "Tomas Berg"),
    ("“We will not bow to anyone” tweeted Mayor of Rivertown Lena Vogt.",
     "“We will not bow to anyone”", "Lena Vogt"),
    ("Broadcaster Tomas Berg commented, “The levee will not hold.”",
     "“The levee will not hold.”", "Tomas Berg"),
    ("Maria Okonkwo said the levee was weak.\n\nAnother was Tomas Berg, 24, who cited his "
     "training: “I did what anyone would do.”", "“I did what anyone would do.”", "Tomas Berg"),
    ("The Harbour Authority opened the port. Tomas Berg wrote of the opening, “It was a fine "
     "day for Rivertown”, recalling their first meeting.", "“It was a fine day for Rivertown”",
     "Tomas Berg"),
    ("Lena Vogt wrote on her blog, “We will not bow to anyone.”",
     "“We will not bow to anyone.”", "Lena Vogt"),
    # words before a colon, dash or comma introduce the quote: no part of it
    ("The verdict of the council: “We will not bow to anyone,” Lena Vogt said.",
     "“We will not bow to anyone,”", "Lena Vogt"),
    ("When the council met on Monday, “We will not bow to anyone,” Lena Vogt said.",
     "“We will not bow to anyone,”", "Lena Vogt"),
    # a named cue after a question opens the next quote, not the question
    ("Maria Okonkwo of the Harbour Authority said, \"Why should the pier stay shut?\"  Port "
     "official Tomas Berg said, \"The pier must stay shut.\"",
     '"Why should the pier stay shut?"', "Maria Okonkwo"),
    # an opening participle the parser took for the subject: the apposed name speaks
    ("Speaking to the Harbour Gazette, the head of the Rivertown Fishing League, Kofi Mensah, "
     "said, \"We are for the freedom to fish, but today we find reasons for this ban\".",
     '"We are for the freedom to fish, but today we find reasons for this ban"', "Kofi Mensah"),
    # a named addressee, however long, is no content of the cue
    ("One fisherman told Kofi Mensah of the Harbour Radio news, \"We are used to it.\"",
     '"We are used to it."', "One fisherman"),
    # "according to" set between commas after the cue: the cue's subject speaks
    ("Maria Okonkwo concluded, according to the minutes, \"the pier must close\".",
     '"the pier must close"', "Maria Okonkwo"),
    # a cue after "while"/"and" is another clause's, not the quote's
    ("Lena Vogt told reporters, \"The mayor was a kind man,\" while Tomas Berg noted his "
     "\"patience\" online.", '"The mayor was a kind man,"', "Lena Vogt"),
    # an unattributed quote goes on with the quote just attributed, not the paragraph's first
    ("“We lost the vote,” Okonkwo said. “They told us so.” Her deputy, Lena Vogt, agreed. "
     "“This is a sad night,” Vogt said. “If you want a new pier, vote for Tomas Berg.”",
     "“If you want a new pier, vote for Tomas Berg.”", "Lena Vogt"),
    # words set off after an inverted speaker, which the parser hung as a clause of the cue
    ("“I am better with my hands than with my head,” said Tomas Berg, half joking. He holds "
     "two degrees.", "“I am better with my hands than with my head,”", "Tomas Berg"),
    ("“She needs one or two big ideas,” said Kofi Mensah, who served as harbour master "
     "during the first term yet endorsed Omar Haddad in the primary.",
     "“She needs one or two big ideas,”", "Kofi Mensah"),
    ("“I would use the word modest,” said Tomas Berg, whom the mayor appointed chief of the "
     "port in Rivertown, and who is now supporting Maria Okonkwo.", "“I would use the word modest,”",
     "Tomas Berg"),
    # a subject with a relative clause between the quote and a cue far from it, which the
    # parser hung on the quote's own clause
    ("“The divers are very tired,” a harbour source, who was not permitted to speak publicly, "
     "told the Harbour Authority.", "“The divers are very tired,”", "a harbour source"),
    # ... described without the closing mark the parser hung on it
    ("“The divers are tired and behind schedule,” a port engineer, who was not allowed to talk "
     "to reporters, told the Harbour Authority.", "“The divers are tired and behind schedule,”",
     "a port engineer"),
    ("“The divers are under pressure,” Tomas Berg, who chairs the board, said.",
     "“The divers are under pressure,”", "Tomas Berg"),
    ("Maria Okonkwo spoke first. “The fishermen need a plan for the winter,” Tomas Berg, the "
     "captain who started the ferry service tweeted on Sunday.",
     "“The fishermen need a plan for the winter,”", "Tomas Berg"),
    ("“The toll is theft,” a slogan that hung over the pier for weeks, was seen across the "
     "town.", "“The toll is theft,”", None),
    # ... never a clause that runs on, not set off by commas
    ("Tomas Berg runs the port.\n\nIn his ''port charter,'' a paper he put together in the "
     "spring describing his aims, he wrote, ''We must keep the harbour open to every boat, "
     "large or small.''", "''We must keep the harbour open to every boat, large or small.''",
     "Tomas Berg"),
    # manner-of-speaking cues, a particle the parser took for an adverb among them
    ("Omar Haddad spoke first. “You want to look tough tonight,” Tomas Berg shot back.",
     "“You want to look tough tonight,”", "Tomas Berg"),
    ("Omar Haddad spoke first. “Not now,” Tomas Berg snapped.", "“Not now,”", "Tomas Berg"),
    ("Omar Haddad spoke first. “Not now,” Lena Vogt interjected.", "“Not now,”", "Lena Vogt"),
    ("“Boats should pay,” opined Lena Vogt.", "“Boats should pay,”", "Lena Vogt"),
    ("Omar Haddad spoke first. “What a day for the harbour!” beamed Tomas Berg.",
     "“What a day for the harbour!”", "Tomas Berg"),
    ("Omar Haddad spoke first. “We will rebuild,” Lena Vogt sang to the crowd.",
     "“We will rebuild,”", "Lena Vogt"),
    # a rank before the name, whose dot the parser took for a sentence's end
    ("“We will keep at it,” said harbour spokesman Navy Capt. Omar Haddad, who was asked "
     "about the plan.", "“We will keep at it,”", "Omar Haddad"),
    ("“It is a good plan,” said Air Force 1st Lt. Omar Haddad.", "“It is a good plan,”",
     "Omar Haddad"),
    ("Ana Ruiz answered: “Not now.” “It happens, right?” Tomas Berg went on, as if he had not "
     "heard her.", "“It happens, right?”", "Tomas Berg"),
    # ... and a crowd's call after a quote: the crowd speaks, not the person in focus
    ("Maria Okonkwo spoke at the rally. “Will we give up?” she asked. “No!” the crowd cried "
     "out, booing.", "“No!”", "the crowd"),
    ("Tomas Berg spoke on Friday. “Go home!” his friends jeered.", "“Go home!”", "his friends"),
    ("Maria Okonkwo spoke first. “The council has failed,” Lena Vogt thundered.",
     "“The council has failed,”", "Lena Vogt"),
    # words that describe the speaker between the quote and the cue, hung outside the
    # subject by the parser: a relative clause, words set off by commas after the name
    ("Okonkwo spoke first. “The council needs a plan for the dam,” Omar Haddad, the engineer "
     "who designed the levee tweeted on Wednesday.", "“The council needs a plan for the dam,”",
     "Omar Haddad"),
    ("Okonkwo spoke first. “The council needs a plan,” Omar Haddad, who designed the levee, "
     "wrote on Wednesday.", "“The council needs a plan,”", "Omar Haddad"),
    ("Okonkwo spoke first. ''If the council had listened, we would have been safe,'' Mr. Berg, "
     "now 74 and retired in Lakeside, said this week.",
     "''If the council had listened, we would have been safe,''", "Tomas Berg"),
    # a capitalised word the tagger took for a verb, after a quote a comma closes: a name's
    ("Okonkwo spoke first. \"They have to choose,\" Stand Up Lakeside director Omar Haddad told "
     "reporters in Lakeside.", '"They have to choose,"', "Omar Haddad"),
    # ... but after a period a sentence opens: the quote is no attribution's
    ("Okonkwo spoke first. \"They have to choose.\" Stand Up Lakeside director Omar Haddad "
     "told reporters in Lakeside.", '"They have to choose."', "Maria Okonkwo"),
    # ... however far the cue stands from the quote
    ("Okonkwo spoke first. ''If the council had listened, we would have been safe,'' Mr. Berg, "
     "now 74 and retired in Lakeside, Rivertown, said by telephone this week.",
     "''If the council had listened, we would have been safe,''", "Tomas Berg"),
    # the cue's own auxiliary after the quote is no verb the sentence goes on with
    ("Okonkwo spoke first. “She keeps the ferry running in every storm,” Tomas Berg has said "
     "while campaigning for her.", "“She keeps the ferry running in every storm,”", "Tomas Berg"),
    ("Okonkwo spoke first. “The port will reopen,” Tomas Berg had said on Friday.",
     "“The port will reopen,”", "Tomas Berg"),
    # a "by" phrase of the means the cue speaks through is no passive's agent
    ("Okonkwo spoke first. ''If the council had listened, we would have been safe,'' Mr. Berg, "
     "now 74 and retired in Lakeside, said by telephone this week.",
     "''If the council had listened, we would have been safe,''", "Tomas Berg"),
    ("Okonkwo spoke first. “The council needs a plan,” Berg said, and Haddad, who designed it, "
     "agreed.", "“The council needs a plan,”", "Tomas Berg"),
    # a colon after a clause whose subject is another person named ends the quote block
    # of the attributed quote before it; a body that is no person does not
    ("The vote was close. \"We could ban the boats for the summer,\" said Tomas Berg, the "
     "harbour chief. Okonkwo held firm: \"The council cannot close the port.\"",
     '"The council cannot close the port."', "Maria Okonkwo"),
    ("The vote was close. \"We could ban the boats,\" said Tomas Berg. Then came the reply "
     "from the mayor's office: \"The council has no power to do that.\"",
     '"The council has no power to do that."', "Tomas Berg"),
    # a signature line under a quote that fills its paragraph
    ("Tomas Berg spoke at the dock on Monday.\n“The ferry should run every hour.”\n"
     "- Maria Okonkwo, Lakeside.", "“The ferry should run every hour.”", "Maria Okonkwo"),
    ("Tomas Berg spoke at the dock on Monday.\n“The ferry should run every hour.”\n"
     "— Maria Okonkwo.", "“The ferry should run every hour.”", "Maria Okonkwo"),
])
def test_direct_attribution(nlp, text, content, speaker):
    rows, _, _ = run(nlp, text)
    row = find(rows, content)
    assert row[0] == "direct"
    assert row[3] == content
    assert row[1] == speaker


@pytest.mark.parametrize(("text", "cue"), [
    # another sense of a phrasal cue that reports only quotes: it has an object or infinitive
    ("Ruiz said that when the ferry goes on strike, “we will all walk.”", "say"),
    ("Tomas Berg, a contestant on the show “The Harbour,” who went on to work with Ruiz, said "
     "the pier was safe.", "say"),
])
def test_phrasal_cue_with_an_object_attributes_nothing(nlp, text, cue):
    rows, _, _ = run(nlp, text)
    assert [r[2] for r in rows] == [cue]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    # words of the quoted clause before the mark: one mixed statement, from its first word
    ("Lena Vogt told reporters the mayor \"was a kind man.\"",
     "the mayor \"was a kind man.\"", "Lena Vogt"),
    ("Maria Okonkwo said that the levee “will not last the winter.”",
     "that the levee “will not last the winter.”", "Maria Okonkwo"),
    ("Tomas Berg urged farmers not to “give up on the valley.”",
     "farmers not to “give up on the valley.”", "Tomas Berg"),
    ("Lena Vogt accused the board of “hiding the report.”",
     "the board of “hiding the report.”", "Lena Vogt"),
    # a quote after a cue that attributes the one before goes on with that cue
    ("“We will rebuild,” Tomas Berg said, adding that the port “will open by May.”",
     "that the port “will open by May.”", "Tomas Berg"),
    # the sentence opens before a quote attributed after it: the clause, through the mark
    ("But the levee “will not last the winter,” Maria Okonkwo said.",
     "But the levee “will not last the winter,”", "Maria Okonkwo"),
    ("The pumps failed twice. Farmers in the valley “have lost their patience,” Tomas Berg "
     "told reporters.", "Farmers in the valley “have lost their patience,”", "Tomas Berg"),
])
def test_content_opening_before_the_mark_is_mixed(nlp, text, content, speaker):
    rows, _, _ = run(nlp, text)
    row = find(rows, content)
    assert (row[0], row[3], row[1]) == ("mixed", content, speaker)


@pytest.mark.parametrize(("text", "content", "speaker"), [
    # a cue in a relative clause after the attribution, the sentence break the parser
    # missed, does not attribute the next quote: the quote block goes on
    ("''The old ways were better,'' said Tomas Berg, whom the council appointed, and who "
     "now supports Maria Okonkwo. ''Humility is something voters love.''",
     "''Humility is something voters love.''", "Tomas Berg"),
    ("''It can work,'' said Lena Vogt, the director at the Harbour Authority, who has not "
     "read the plan but knows its gist. ''Even though it is small, it is a start.''",
     "''Even though it is small, it is a start.''", "Lena Vogt"),
    # a manner-of-speaking verb after a quote attributes it
    ("“Silly boys, all of them,” scoffed Lena Vogt, who helped found the club. “They think "
     "they are rebels.”", "“Silly boys, all of them,”", "Lena Vogt"),
])
def test_quote_block_goes_on_after_its_attribution(nlp, text, content, speaker):
    rows, _, _ = run(nlp, text)
    assert [r[1] for r in rows if r[0] == "direct"] == [speaker, speaker]
    assert find(rows, content)[3] == content


def test_interrupted_quote_gives_two_statements(nlp):
    text = "“The dam is old,” Okonkwo said. “It needs repairs before winter.”"
    rows, _, _ = run(nlp, text)
    direct = [r for r in rows if r[0] == "direct"]
    assert [r[3] for r in direct] == ["“The dam is old,”", "“It needs repairs before winter.”"]
    assert {r[1] for r in direct} == {"Maria Okonkwo"}


@pytest.mark.parametrize("text", [
    ("Maria Okonkwo said the levee was weak and would not last.\n\n"
     "“We need help from the capital. Nobody has come yet.”"),
    ("Maria Okonkwo met farmers on Monday.\n\n“We need help from the capital, she said. "
     "Nobody has come yet.\n\n“We need help from the capital.”"),
    ("“We are tired of waiting for the pumps.\n\n“We need help from the capital,” "
     "Maria Okonkwo said."),
    # a credit line under it names no speaker
    ("Maria Okonkwo met farmers on Monday.\n\n“We need help from the capital.”\n- Harbour "
     "Authority."),
])
def test_unattributed_paragraph_keeps_speaker(nlp, text):
    rows, _, _ = run(nlp, text)
    quotes = [r for r in rows if r[0] == "direct"]
    assert quotes
    assert all(r[1] == "Maria Okonkwo" for r in quotes), rows


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
    # a few quoted words a cue takes as its object are a title or a word, not a quote
    ("Ana Ruiz read “The Sea” to the class.", "The Sea"),
    ("Lena Vogt said “no” to the plan for the harbour.", "no"),
])
def test_scare_quotes_are_not_direct(nlp, text, fragment):
    rows, _, _ = run(nlp, text)
    assert all(r[3] != fragment and fragment not in r[3] or r[0] != "direct" for r in rows)


@pytest.mark.parametrize("text", [
    # an auxiliary right after a quoted word, whose subject stands before the quote, or after
    # a quote that ends its sentence, belongs to no attribution of the quote
    "But those sailors, who officially register as \"independent,\" can determine the outcome.",
    "The dinner was tricky. Something about ''appearances.'' (Mr. Berg has pleaded not guilty.)",
])
def test_auxiliary_after_a_quoted_word_attributes_nothing(nlp, text):
    rows, _, _ = run(nlp, text)
    assert not any(r[0] in ("direct", "mixed") for r in rows), rows


def test_title_described_after_it_is_no_quote(nlp):
    # a relative clause and a participle on a common noun after a quoted title describe the
    # title, no speaker: the participle attributes nothing
    rows, _, _ = run(nlp, "The admiral set out his plan. In his ''river memo,'' a paper he put "
                          "together last spring describing his aims, he asked for more boats.")
    assert not any("river memo" in r[3] for r in rows if r[0] in ("direct", "mixed")), rows


def test_direct_quote_is_not_also_indirect(nlp):
    text = "Maria Okonkwo said: “The levee will hold until spring.”"
    rows, _, _ = run(nlp, text)
    assert [r[0] for r in rows] == ["direct"]



def test_document_read_speaks_for_its_signer(nlp):
    text = ("Lena Vogt closed the pier on Monday. The notice signed by the mayor read \"The "
            "storms harm the boats; and harm the town. A change is needed\".")
    rows, _, _ = run(nlp, text, {"Lena Vogt": "mayor"})
    assert find(rows, "The storms harm the boats")[1] == "Lena Vogt"
