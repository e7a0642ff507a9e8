"""Tests for graph.extract.actors.classify, on invented sentences run through the real model."""

from __future__ import annotations

import importlib

import pytest
from spacy.tokens import Doc

from graph.extract.actors import find_actors
from graph.extract.actors.candidates import Candidate, Candidates, find_candidates
from graph.extract.actors.classify import classify, given_name_first, repair_with_people

classify_module = importlib.import_module("graph.extract.actors.classify")


def _kinds(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    cands = classify(doc, doc.text, find_candidates(doc, doc.text, tuple(doc.ents)))
    return {doc[c.start:c.end].text: c.kind for c in cands}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The case was sent to the Municipal Court of Oldbridge last week.",
         "Municipal Court of Oldbridge", "Organization"),
        ("Officers from the Coastal Guard Network for Marine Safety patrolled the bay.",
         "Coastal Guard Network for Marine Safety", "Organization"),
        ("Flooding hit villages in Battambor province on Sunday.", "Battambor", "Place"),
        ("Spokesperson Arjun Mehta said the trains would run again.", "Arjun Mehta", "Person"),
        ("Nadia Farouk, the spokesperson for the Port Authority, declined to comment.",
         "Nadia Farouk", "Person"),
    ],
)
def test_classify(nlp, text, name, kind):
    assert _kinds(nlp, text)[name] == kind


def test_classify_leaves_no_overlap(nlp):
    doc = nlp("Deputy Health Minister Lena Okafor of the National Water Authority spoke.")
    cands = classify(doc, doc.text, find_candidates(doc, doc.text, tuple(doc.ents)))
    assert [c.start for c in cands] == sorted(c.start for c in cands)
    assert all(a.end <= b.start for a, b in zip(cands, cands[1:]))


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Flooding hit villages in Battambor province on Sunday.", "Battambor", "Place"),
        ("The Finance Ministry said the rules start in May.", "Ministry of Finance", "Organization"),
        # known places the model types otherwise: ORG, PERSON, NORP
        ("Exports from Mozambique rose after the deal with Cameroon was signed.", "Cameroon", "Place"),
        ("Rains flooded farms across Haryana and Punjab this week, officials said.", "Haryana", "Place"),
        ("Growers in Punjab expect a smaller harvest this year.", "Punjab", "Place"),
        ("Kenya is not at risk of default like Sri Lanka, Kenyan Finance Minister Ann Wairimu said.",
         "Sri Lanka", "Place"),  # a title in apposition does not make a country a person
        # a last word that makes a name a place
        ("Traffic stopped on the Marlow Harbour Bridge after the crash.", "Marlow Harbour Bridge", "Place"),
        ("Tourists crowded the Kelby Museum on Sunday.", "Kelby Museum", "Place"),
        ("Climbers reached the Marlow Hut at dawn.", "Marlow Hut", "Place"),
        ("The Philippine government said the Philippines would act.", "Philippines", "Place"),
        ("Protesters marched to the Ostara Fountain.", "Ostara Fountain", "Place"),
        ("The Harbour Authority closed the port.", "Harbour Authority", "Organization"),
        # a party or group word before a name is no part of it; a name the model split is one
        ("Republican Ann Whitfield, the current governor, has until May to decide.",
         "Ann Whitfield", "Person"),
        ("Protests grew under Youssef El Amine Ben Omar's rule.", "Youssef El Amine Ben Omar", "Person"),
        # a name the model took for an organisation, whose last word is a person elsewhere
        ("One resident told Nico Marrow of the local station the storm was loud. Marrow said more came.",
         "Nico Marrow", "Person"),
        # an acronym the model did not tag, written twice
        ("Talks between TRKA and the council ended. TRKA will meet again.", "TRKA", "Organization"),
        ("Supporters of the AKRP gathered outside. The AKRP wants a vote.", "AKRP", "Organization"),
        # names with particles and hyphenated given names, whole
        ("President Park Ji-hoon met the envoy on Monday.", "Park Ji-hoon", "Person"),
        ("The envoy Lena van der Berg arrived on Monday.", "Lena van der Berg", "Person"),
        # "and" before a person's name ends an organisation's name
        ("A report by the Kelby Growers Association and Dr Ann Whitfield was published.",
         "Ann Whitfield", "Person"),
        ("The Ministry of Trade and Industry said exports rose.", "Ministry of Trade and Industry",
         "Organization"),
        ("Flooding hit the district of Oldbridge.", "Oldbridge", "Place"),  # "TYPE of X"
        ("Clashes broke out in the Ostwin Denbe area on Monday.", "Ostwin Denbe", "Place"),
        # a name after a noun that describes an organisation
        ("The retailer Okonkwo cut prices, and store chains Velmart and Kelbridge followed.",
         "Okonkwo", "Organization"),
        ("Greek daily Marakoni said the two countries had to speed up talks.", "Marakoni",
         "Organization"),
        ("The website Doralin published the leaked memo.", "Doralin", "Organization"),
        ("Its shopping platform Tamsiva halted sales on Monday.", "Tamsiva", "Organization"),
        ("The fashion brand Orlavi opened a store in May.", "Orlavi", "Organization"),
        # two places joined by a hyphen
        ("Trade fell after the Kenya-Uganda border closed.", "Uganda", "Place"),
        # an institution named by its head alone
        ("Lawmakers said Congress would vote on the budget next week.", "Congress", "Organization"),
        ("The Cabinet approved the plan on Monday.", "Cabinet", "Organization"),
        # an unfamiliar name the model took for a person or an organisation, after "in"
        ("Fighting broke out in Dembe Kolari after the vote.", "Dembe Kolari", "Place"),
        ("Schools in Ngorovu will reopen next week.", "Ngorovu", "Place"),
        ("The rains caused damage in Kassalimba and the wider region.", "Kassalimba", "Place"),
        # ... but not a name with a possessive or an institution
        ("In Ostmar's view, the deal was fair.", "Ostmar", "Organization"),
        ("The bill passed in Congress on Monday.", "Congress", "Organization"),
        # a newspaper, by the last word of its name
        ("In an interview with Kelby Morning Post, the minister said talks had stalled.",
         "Kelby Morning Post", "Organization"),
        # "Channel" ends a television channel's name, or a strait's after a known place
        ("The report aired on Velmar News Channel, the broadcaster said.", "Velmar News Channel",
         "Organization"),
        ("The ferry sank in the Mozambique Channel in 2019.", "Mozambique Channel", "Place"),
        # a lowercase noun for people before a name the model took for an organisation's
        ("Currency trader Okoro Ventura appeared in court on Monday.", "Okoro Ventura", "Person"),
        ("The deal was signed by his brother Ruslan Tamkin in 2009.", "Ruslan Tamkin", "Person"),
        # a name written with a capitalised "The" after a word that introduces a source
        ("The mayor told The Quillon on Monday that the road would reopen.", "Quillon", "Organization"),
        ("Costs rose by a third, according to The Varnell.", "Varnell", "Organization"),
        ("In an interview with magazine The Brindle, Ann Okafor said she had retired.",
         "Brindle", "Organization"),
        # an organisation named by the end of its longer name is that organisation
        ("Lena Okafor chairs the Kelby Oversight and Appeals Committee. The Appeals "
         "Committee met on Monday.", "Kelby Oversight and Appeals Committee", "Organization"),
    ],
)
def test_kind_whole_stage(nlp, text, name, kind):
    ents = find_actors(nlp(text)).entities
    assert {e.name: e.kind for e in ents}[name] == kind


@pytest.mark.parametrize(
    ("text", "name", "named"),
    [
        # after "a"/"an", a capitalised phrase names no one organisation ...
        ("The Court will accordingly make an Order declaring that the law is void.", "Order", False),
        # ... unless it qualifies a noun after it
        ("Ann Lee, a Kelby Bank spokesman, declined to comment.", "Kelby Bank", True),
        ("The claim was made by a Velmar Party (VP) member on Monday.", "Velmar Party", True),
        # the plural of a model number
        ("The airline flies Airbus A300s to Kelby.", "Airbus A300s", False),
    ],
)
def test_unnamed_phrases(nlp, text, name, named):
    ents = find_actors(nlp(text)).entities
    assert any(name in {e.name, *e.aliases} for e in ents) == named


@pytest.mark.parametrize(
    ("text", "not_person"),
    [
        ("The NWA said supplies were safe.", "NWA"),
        ("Flooding hit villages in Battambor province on Sunday.", "Battambor"),
        ("He visited the Royal Victoria Shelter and Clinic on Friday.", "Shelter"),
        # a one-word name after a determiner or an adjective qualifies a thing or a group
        ("She won the Marbello for best score in 1961.", "Marbello"),
        ("Thousands of ethnic Tavundi fled the fighting.", "Tavundi"),
        ("Gas flows north to the Kestrel line and on to Italy.", "Kestrel"),
        ("Berg died, according to a statement posted to his official Kelbo account.", "Kelbo"),
        # a title set off before the next name is not the one before's
        ("Speaking to Radio Velmar, the president of the Marlow League for the Defence of "
         "Farmers, Jamel Okafor, said the law was unjust.", "Radio Velmar"),
        # the people of a known city
        ("I did what any Nairobier would do, he said.", "Nairobier"),
        # a part of a name the model reads as a group's
        ("The leader of Roman Catholic Christianity spoke on Sunday.", "Catholic Christianity"),
    ],
)
def test_not_people(nlp, text, not_person):
    ents = find_actors(nlp(text)).entities
    assert not any(e.kind == "Person" and not_person in {e.name, *e.aliases} for e in ents)


@pytest.mark.parametrize(
    ("text", "cands", "fulls", "expected"),
    [
        # a one-word place that is a person's family name becomes the person
        ("Nwosu spoke", [(0, 1, "Place")], [["amara", "nwosu"]], [(0, 1, "Person")]),
        # an organisation span ending in a full person name becomes the person
        ("Ostland Amara Nwosu", [(0, 3, "Organization")], [["amara", "nwosu"]], [(1, 3, "Person")]),
        # ... and an acronym before the name an organisation of its own
        ("told NWA Amara Nwosu", [(1, 4, "Organization")], [["amara", "nwosu"]],
         [(1, 2, "Organization"), (2, 4, "Person")]),
        # a one-word person without context, a word of an organisation name, is dropped
        ("Kelby Kelby Cathedral", [(0, 1, "Person"), (1, 3, "Organization")], [],
         [(1, 3, "Organization")]),
        # a known place after "in" stays a place though a name ends on it ...
        ("talks in Nairobi ended", [(2, 3, "Place", "GPE")], [["kestrel", "nairobi"]], [(2, 3, "Place")]),
        # ... but without a place preposition it is that person's family name
        ("Nairobi ended talks", [(0, 1, "Place", "GPE")], [["kestrel", "nairobi"]], [(0, 1, "Person")]),
        # a name unrelated to the people stays as it is
        ("Berg spoke", [(0, 1, "Place")], [["amara", "nwosu"]], [(0, 1, "Place")]),
        # a country that ends a name taken for a person's stays a place
        ("Kenya spoke", [(0, 1, "Place")], [["tamu", "kenya"]], [(0, 1, "Place")]),
    ],
)
def test_repair_with_people(nlp, text, cands, fulls, expected):
    doc = nlp.make_doc(text)
    kept = repair_with_people(doc, [Candidate(*c) for c in cands], fulls)
    assert [(c.start, c.end, c.kind) for c in kept] == expected


@pytest.mark.parametrize(
    ("text", "cands", "expected"),
    [
        # the kind most mentions of a name have
        ("Tamsin Ruel spoke. Tamsin Ruel left. Tamsin Ruel won.",
         [(0, 2, "Person"), (4, 6, "Person"), (8, 10, "Organization")], ["Person"] * 3),
        # a describing noun shows the kind, whatever the other mentions were read as
        ("The retailer Kelby Mart sued. Kelby Mart said no. Kelby Mart won.",
         [(2, 4, "Organization"), (6, 8, "Person"), (11, 13, "Person")], ["Organization"] * 3),
        # a tie leaves the kinds as they are
        ("Tamsin Ruel spoke. Tamsin Ruel left.", [(0, 2, "Person"), (4, 6, "Organization")],
         ["Person", "Organization"]),
        # a name read after "in" shows a place, though the model read most mentions as an organisation
        ("Ostavia draws divers. Boats return to Ostavia. Tourists stay in Ostavia.",
         [(0, 1, "Organization", "ORG"), (7, 8, "Organization", "ORG"), (12, 13, "Place", "GPE")], ["Place"] * 3),
        # ... but not against a describing noun that shows an organisation
        ("The retailer Ostavia grew. Ostavia hired staff. Shops opened in Ostavia.",
         [(2, 3, "Organization", "ORG"), (5, 6, "Organization", "ORG"), (12, 13, "Place", "GPE")],
         ["Organization"] * 3),
    ],
)
def test_mentions_of_a_name_agree_on_its_kind(nlp, text, cands, expected):
    doc = nlp(text)
    kept = repair_with_people(doc, [Candidate(*c) for c in cands], [])
    assert [c.kind for c in kept] == expected


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Talks between the US and Oldbridge stalled. The U.S. left, and America said no more.",
         {"United States": {"US", "U.S.", "America"}}),
        ("Britain and the United Kingdom are one country; the UK agreed.",
         {"United Kingdom": {"Britain", "UK"}}),
    ],
)
def test_country_variants_are_one_place(nlp, text, places):
    ents = find_actors(nlp(text)).entities
    got = {e.name: e.aliases | {m.text for m in e.mentions} - {e.name}
           for e in ents if e.kind == "Place" and e.name in places}
    assert {k: v & places[k] for k, v in got.items()} == places


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Veltrian Civil War ended in a truce.", "Veltrian Civil War"),
        ("Sales fell after the Oldbridge Water Act passed.", "Oldbridge Water Act"),
        ("The Economy of Veltria shrank last year.", "Economy of Veltria"),
        ("The ferry left at 09:00 UTC on Monday.", "UTC"),
        ("Clinics tested for COVID-19 all week.", "COVID-19"),
        ("Shocked Veltrian farmers and Ugandan traders marched to the square.", "Ugandan"),
        ("Ultimately, the bridge was closed.", "Ultimately"),
        ("Email From Minister Leaks To Press", "Email"),  # a common noun taken for a person
        ("Islam and Buddhism are taught at the Kelby school.", "Islam"),  # a religion
        ("First Nations leaders met the council.", "First Nations"),  # a people as a whole
        ("Elders of the Kelby Aborigines met the council.", "Kelby Aborigines"),
        ("Land went back to the Marlow Aboriginal people in May.", "Marlow Aboriginal"),
        ("The plan gives Indigenous Kenyans a vote.", "Indigenous Kenyans"),
        ("A statement from the Minister of Health followed.", "Minister of Health"),  # a title
        ("The CEO said GDP would grow, and GDP did.", "GDP"),  # a common abbreviation
        ("Its members said the plan WILL FAIL, FAIL, and it will fail.", "FAIL"),  # emphasis
        ("Talks between TRKA and the council ended.", "TRKA"),  # an acronym written once
        ("Leaders met at the Veltria Growth Summit in May.", "Veltria Growth Summit"),
        ("The Oldbridge Trade Agreement took effect in May.", "Oldbridge Trade Agreement"),
        ("She won the Marlow Poetry Prize last year.", "Marlow Poetry Prize"),
        ("Crowds came to the Kelby Harvest Festival on Sunday.", "Kelby Harvest Festival"),
        ("The union will hold its congress in July, the court said.", "congress"),  # lowercase
        ("Farmers grow maize, cassava and yams near the river.", "cassava"),
        ("The Kelby Savings Index fell sharply, the ministry said.", "Kelby Savings Index"),
        ("The Ostara Growth Conference opened in Kelby on Monday.", "Ostara Growth Conference"),
        # an organisation head inside does not make an event an organisation
        ("Delegates met at the Kelby International Conference for Trade on Monday.",
         "Kelby International Conference for Trade"),
        ("Officials unveiled the Ostara Peer Review Mechanism on Monday.",
         "Ostara Peer Review Mechanism"),
        # a capitalised common word the article also writes in lowercase
        ("Success came late. The success of the plan surprised everyone.", "Success"),
        # the plural of a name the article writes: a family, not one actor
        ("The Okafors moved to Kelby in May; Ann Okafor said the house was old.", "Okafors"),
        # a common abbreviation the model took for a name, or a disease in a person's name
        ("The MoU was signed in Kelby on Monday, and the MoU takes effect in May.", "MoU"),
        ("Opposition MPs walked out, and the MPs said they would return.", "MPs"),
        ("Covid Tamsin, the new rule, kept shops shut.", "Covid Tamsin"),
        # a word for a state standing alone describes a country named elsewhere
        ("Ostrava signed the deal, and the Kingdom will invest more next year.", "Kingdom"),
        ("Heavy rain fell across the South on Monday, and South roads flooded.", "South"),
        # an amount of money the model read as an organisation
        ("Ostbank said it had paid KR412.5mn to its lenders.", "KR412.5mn"),
        # a name that ends on a year: a plan, a budget, an edition of an event
        ("Ostland unveiled Budget 2031 on Thursday, and Budget 2031 raised taxes.", "Budget 2031"),
    ],
)
def test_events_laws_and_time_zones_are_no_actors(nlp, text, name):
    assert name not in {e.name for e in find_actors(nlp(text)).entities}


@pytest.mark.parametrize(
    ("rule", "text", "acronym", "expected"),
    [
        # an acronym the article spells out in lowercase is a term, not an organisation
        ("_term_acronym", "Clinics ran rapid kelby tests (RKT) daily.", "RKT", True),
        ("_term_acronym", "The drink has a low grain-by-weight (GBW) share.", "GBW", True),
        ("_term_acronym", "The Kelby Trade Council (KTC) said KTC would meet.", "KTC", False),  # a name
        ("_term_acronym", "Farmers joined the marlow union (MGU) last year.", "MGU", False),  # other initials
        ("_term_acronym", "Talks between TRKA and the council ended.", "TRKA", False),  # never spelled out
        # an acronym the article spells out as a job title is a title, not an organisation
        ("_title_acronym", "The Regional Fisheries Officer (RFO) said the RFO would visit.", "RFO", True),
        ("_title_acronym", "The deputy inspector of mines (DIM) said roads were shut.", "DIM", True),
        ("_title_acronym", "The Kelby Trade Council (KTC) said KTC would meet.", "KTC", False),  # no title word
        ("_title_acronym", "The Office of the President (OP) said OP would reply.", "OP", False),  # an office
        ("_title_acronym", "Talks between TRKA and the council ended.", "TRKA", False),  # never spelled out
    ],
)
def test_spelled_out_acronyms(nlp, rule, text, acronym, expected):
    """An acronym the article spells out as a term or a job title is no organisation."""
    doc = nlp(text)
    at = next(t.i for t in doc if t.text == acronym)
    assert getattr(classify_module, rule)(doc[at:at + 1]) is expected


@pytest.mark.parametrize(
    ("text", "code", "place"),
    [
        ("Marta Vell (CZE) drove an Ostcar Proto.", "CZE", True),  # a driver's country
        ("Ann Okoro (KEN)/Ivo Dane (PRT) came second.", "PRT", True),
        ("The Kelby Energy Network (KEN) said prices rose.", "KEN", False),  # spelled out
        ("Talks with CZE ended in May.", "CZE", False),  # not in brackets after a name
    ],
)
def test_country_codes_after_names(nlp, text, code, place):
    """A country's ISO code in brackets after a name is the person's country."""
    doc = nlp(text)
    at = next(t.i for t in doc if t.text == code)
    cand = Candidate(at, at + 1, "Organization", "ORG")
    assert classify_module._country_code(doc, cand) is place


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The Bank of Veltria raised its rates.", "Bank of Veltria", "Organization"),
        # a word for a people inside an organisation's name does not make it a people
        ("The Kelby Aboriginal Council said it would appeal.", "Kelby Aboriginal Council", "Organization"),
        ("The Oldbridge Election Commission counted the votes.", "Oldbridge Election Commission",
         "Organization"),
    ],
)
def test_organisations_with_event_words_stay(nlp, text, name, kind):
    assert {e.name: e.kind for e in find_actors(nlp(text)).entities}[name] == kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # the news agency a story is credited to, in brackets after a dateline or at its end
        ("KELBY, July 18 (Ostnews) -- Vice Premier Ann Lee met the delegation.", "Ostnews", "Organization"),
        ("Prices rose again in June, the bank said. (Ostnews)", "Ostnews", "Organization"),
        # a known place in brackets stays a place
        ("Mombasa (Kenya) - The council met on Monday.", "Kenya", "Place"),
    ],
)
def test_credits_in_brackets(nlp, text, name, kind):
    assert {e.name: e.kind for e in find_actors(nlp(text)).entities}[name] == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # words that make a capitalised phrase an organisation (org_heads.txt)
        ("Kelby Telecom said the outage was over.", "Kelby Telecom"),
        ("Talks with the Marlow Broadcasting Cooperative ended on Friday, Okafor said.",
         "Marlow Broadcasting Cooperative"),
    ],
)
def test_organisation_heads(nlp, text, name):
    assert {e.name: e.kind for e in find_actors(nlp(text)).entities}[name] == "Organization"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # an organisation's possessive inside the model's span: two organisations
        ("The seeds were tested by Kelby University’s Soil Research Laboratory before the harvest.",
         {"Kelby University", "Soil Research Laboratory"}),
        # a numbered unit keeps its number
        ("Officers of the Marine Patrol Division 3 raided the house on Monday.",
         {"Marine Patrol Division 3"}),
        # a lowercase noun closing the model's span is no part of the name
        ("That was the Ostland Congress party's best result in years.", {"Ostland Congress"}),
    ],
)
def test_organisation_spans(nlp, text, names):
    orgs = {e.name for e in find_actors(nlp(text)).entities if e.kind == "Organization"}
    assert names <= orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the fields listed after a title's or an organisation's "of" are part of it
        ("The Ministry of Fisheries, Coastal Affairs, Ports and Shipping opened the harbour.",
         "Coastal Affairs"),
        ("The Ministry of Fisheries, Coastal Affairs, Ports and Shipping opened the harbour.", "Ports"),
        # a noun for a work or a plan beside a name makes it that work (work_nouns.txt)
        ("Critics praised the drama Marlow Nights, which aired on Kelby TV in May.", "Marlow Nights"),
        ("The writer's novel, titled Tamsin Dunes, was the first to be shortlisted.", "Tamsin Dunes"),
    ],
)
def test_listed_fields_and_works_are_no_actors(nlp, text, name):
    assert name not in {e.name for e in find_actors(nlp(text)).entities}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Presidential Spokesperson Arjun Mehta told reporters the plan was final.", "Arjun Mehta"),
        ("Veltria Representative Lena Okafor said the vote was close.", "Lena Okafor"),
        ("Broadcaster Tomas Berg said the show would end.", "Tomas Berg"),
        # a verb opening the sentence (a second mention shows the lone name to be a person's)
        ("Regarding Okafor, the court said nothing new. Judge Okafor left.", "Okafor"),
    ],
)
def test_titled_names_are_people(nlp, text, person):
    ents = find_actors(nlp(text)).entities
    assert {e.name: e.kind for e in ents}.get(person) == "Person"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Flooding hit the district of Oldbridge on Monday. Officials in Oldbridge said roads were cut.",
         "Oldbridge"),
    ],
)
def test_a_place_is_a_place_in_every_mention(nlp, text, name):
    ents = [e for e in find_actors(nlp(text)).entities if e.name == name]
    assert [e.kind for e in ents] == ["Place"] and len(ents[0].mentions) == 2


@pytest.mark.parametrize(
    ("text", "cands", "expected"),
    [
        # a name read as a person, listed with towns, is a town
        ("Floods hit Kelby Harbour, Marlow Harbour and Ostwin.",
         [(2, 4, "Place"), (5, 7, "Place"), (8, 9, "Person")], "Place"),
        # ... but not beside a country: a country stands beside its leaders
        ("It is a win for Kenya and Okorafor.", [(5, 6, "Place", "GPE"), (7, 8, "Person")], "Person"),
        # ... nor with a title, nor beside a person
        ("Floods hit Kelby Harbour and Mayor Ostwin.", [(2, 4, "Place"), (6, 7, "Person", "", True)], "Person"),
        ("Tamsin Ruel and Ostwin came.", [(0, 2, "Person"), (3, 4, "Person")], "Person"),
        # a pair after "in": a town beside a town
        ("She runs stores in Kelbar and Ostwin.", [(4, 5, "Place", "GPE"), (6, 7, "Person")], "Place"),
        ("She met Kelbar and Ostwin.", [(2, 3, "Place", "GPE"), (4, 5, "Person")], "Person"),
        # a pair the model read as a place and a person is more often two people ...
        ("Dorvan and Ostwin came.", [(0, 1, "Place", "GPE"), (2, 3, "Person")], "Person"),
        # ... but three names or more, all places but one, are a list of places
        ("Trucks reached Dorvan, Telvik and Ostwin.",
         [(2, 3, "Place", "GPE"), (4, 5, "Place", "GPE"), (6, 7, "Person")], "Place"),
        # a list of three names or more with a town its words show, and none shown to be
        # a person or an organisation, is a list of towns whatever the model read
        ("Trucks reached Kelby Harbour, Dorvan, Telvik and Ostwin.",
         [(2, 4, "Place"), (5, 6, "Organization", "ORG"), (7, 8, "Person", "PERSON"),
          (9, 10, "Organization", "ORG")], "Place"),
        # ... not when a noun for organisations introduces it, nor beside an organisation head
        ("Firms like Kelby Harbour, Dorvan, Telvik and Ostwin have signed.",
         [(2, 4, "Place"), (5, 6, "Organization", "ORG"), (7, 8, "Person", "PERSON"),
          (9, 10, "Organization", "ORG")], "Organization"),
        ("Visitors from Kelby Harbour, Ann Lee and Tamsin arrived.",
         [(2, 4, "Place"), (5, 7, "Person", "PERSON"), (8, 9, "Person", "PERSON")], "Person"),
        ("Trucks reached Kelby Harbour, Dorvan, Telvik Bank and Ostwin.",
         [(2, 4, "Place"), (5, 6, "Organization", "ORG"), (7, 9, "Organization", "ORG"),
          (10, 11, "Organization", "ORG")], "Organization"),
    ],
)
def test_lists_hold_one_kind(nlp, text, cands, expected):
    doc = nlp(text)
    kept = classify_module._lists_agree(doc, [Candidate(*c) for c in cands])
    assert kept[-1].kind == expected



@pytest.mark.parametrize(
    ("word", "pos", "dropped"),
    [
        # one capitalised word the model read as an organisation but parsed as a common word
        ("Qualified", "ADJ", True),
        ("Fertiliser", "NOUN", True),
        ("Improve", "VERB", True),
        ("Kelbank", "PROPN", False),    # a proper noun
        ("KBN", "NOUN", False),         # an acronym
        ("Parliament", "NOUN", False),  # an institution
    ],
)
def test_common_words_read_as_organisations(nlp, word, pos, dropped):
    doc = Doc(nlp.vocab, words=[word, "staff", "said"], pos=[pos, "NOUN", "VERB"])
    assert classify_module._common_org_word(doc, Candidate(0, 1, "Organization", "ORG")) is dropped


@pytest.mark.parametrize(
    ("text", "span", "given"),
    [
        ("Maria Okorafor spoke.", (0, 2), True),
        ("Ahmed Denbe Marrow spoke.", (0, 3), True),
        ("Okorafor Maria spoke.", (0, 2), False),  # the first word is no first name
        ("Maria spoke.", (0, 1), False),  # one word: a first name alone shows nothing
        ("Maria Okorafor Denbe Velmar spoke.", (0, 4), False),  # four words
        ("Maria TV aired it.", (0, 2), False),  # a word in capitals
        ("Al Denbari spoke.", (0, 2), False),  # a particle
        ("Maria-Okorafor grew.", (0, 3), False),  # glued by a hyphen: two families' firm
        ("Jordan Okorafor spoke.", (0, 2), False),  # a known place
        ("Maria Kenya came.", (0, 2), False),  # ends on a country
        ("Grace Denbe came. By grace alone.", (0, 2), False),  # a word written in lowercase
        ("Maria Denbe came. Maria Denbe left.", (0, 2), True),
    ],
)
def test_given_name_first(nlp, text, span, given):
    doc = nlp(text)
    assert given_name_first(doc[span[0]:span[1]]) is given


@pytest.mark.parametrize(
    ("text", "cand", "kind"),
    [
        # a first name opens a name the model read as an organisation or a place, or missed
        ("The talks were led by Maria Okorafor and the envoy.", (5, 7, "Organization", "ORG"), "Person"),
        ("The talks were led by Maria Okorafor and the envoy.", (5, 7, "Place", "GPE"), "Person"),
        ("The talks were led by Maria Okorafor and the envoy.", (5, 7, ""), "Person"),
        ("The talks were led by Okorafor Velde and the envoy.", (5, 7, "Organization", "ORG"), "Organization"),
    ],
)
def test_given_names_make_people(nlp, text, cand, kind):
    doc = nlp(text)
    kept = classify(doc, doc.text, Candidates([], [Candidate(*cand)]))
    assert [c.kind for c in kept] == [kind]


@pytest.mark.parametrize(
    ("text", "start", "end", "strong"),
    [
        ("Deputy Velmoran chief Ann Lee spoke. Velmoran rules.", 1, 2, False),  # the name qualifies a title
        ("Deputy Velmoran chief Ann Lee spoke.", 1, 2, True),  # written only so: part of the title
        ("Deputy Velmoran spoke.", 1, 2, True),
        ("Deputy Velmoran, the chief, spoke.", 1, 2, True),
    ],
)
def test_title_words_around_a_name(nlp, text, start, end, strong):
    doc = nlp(text)
    cand = classify_module._with_context(doc, doc.text, Candidate(start, end, "Organization", "ORG"))
    assert cand.strong is strong


@pytest.mark.parametrize(
    ("text", "cand", "kinds"),
    [
        # a name after "to" that a verb of going or sending governs is a place ...
        ("She went to Velmoran last week.", (3, 4, "Person", "PERSON"), ["Place"]),
        ("He was banished to Tarnov after the war.", (4, 5, "Person", "PERSON"), ["Place"]),
        # ... not after a verb of speaking
        ("She talked to Velmoran last week.", (3, 4, "Person", "PERSON"), ["Person"]),
        # a name in apposition to a noun for a place is a place
        ("The water ran out in another capital, Kelbar, last year.", (8, 9, "Person", "PERSON"), ["Place"]),
        ("Kelbar, a town in the north, flooded.", (0, 1, "Person", "PERSON"), ["Place"]),
        # a country after "in" is a place whatever title stands before it
        ("The award was given in Kenya, members of the Velmor council said.", (5, 6, "", ""), ["Place"]),
        # a "person" ending on a known place, with no evidence, is no person ...
        ("The summit Vibrant Kenya opened. Firms in Kenya came.", (2, 4, "Person", "PERSON"), []),
        # ... but a family name that is a city's stays when the city is not written as a place
        ("The suspect Velmor Amman was shot. Amman had been jailed.", (2, 4, "Person", "PERSON"), ["Person"]),
        # ... unless a first name opens it or a title shows a person
        ("Maria Kenya spoke at the summit.", (0, 2, "Person", "PERSON"), ["Person"]),
        ("Senator Velmor Kenya opened the summit.", (1, 3, "Person", "PERSON"), ["Person"]),
    ],
)
def test_places_by_context(nlp, text, cand, kinds):
    doc = nlp(text)
    kept = classify(doc, doc.text, Candidates([], [Candidate(*cand)]))
    assert [c.kind for c in kept] == kinds


@pytest.mark.parametrize(
    ("text", "name", "strong"),
    [
        ("The prize went to 21-year-old Velmor Ostrand on Monday.", "Velmor Ostrand", True),
        ("A 17-year-old Grade 12 pupil won.", "Grade", False),  # a number follows: no name
        ("Velmor Ostrand, 34, was arrested.", "Velmor Ostrand", True),
        ("Velmor Ostrand (34) was arrested.", "Velmor Ostrand", True),
        ("Velmor Ostrand, who leads the group, spoke.", "Velmor Ostrand", True),
        ("The Kelby Miners, who won the cup, spoke.", "Kelby Miners", False),  # a plural, after "the"
        ("Tarnov Welding, who fixed the pumps, were thanked. The welding held.", "Tarnov Welding", False),
        ("The talks stalled, the acting leader, Velmor Ostrand, said.", "Velmor Ostrand", True),
        ("Ann Lee, director, Velmor Hospital, spoke.", "Velmor Hospital", False),  # a facility's noun
        ("Velmor Ostrand spoke.", "Velmor Ostrand", False),
        ("The hero was a chef named Tarnov, the police said.", "Tarnov", True),
        ("The seller was a salesman called Tarnov, the police said.", "Tarnov", True),
        ("The boat was a ferry named Tarnov, the police said.", "Tarnov", False),
    ],
)
def test_person_context(nlp, text, name, strong):
    doc = nlp(text)
    words = name.split()
    start = next(t.i for t in doc if t.text == words[0])
    assert classify_module._person_context(doc, start, start + len(words)) is strong


@pytest.mark.parametrize(
    ("text", "cands", "named", "kept"),
    [
        # a one-word "person" with no evidence anywhere in the article is dropped ...
        ("The figures came from Kelbix on Monday.", [(4, 5, "Person")], set(), []),
        # ... but not a word another mention shows to be a person's
        ("Mayor Tarnov spoke. The figures came from Tarnov on Monday.",
         [(1, 2, "Person", "PERSON", True), (8, 9, "Person")], set(), [(1, 2), (8, 9)]),
        ("The figures came from Tarnov. Tarnov said so.",
         [(4, 5, "Person"), (6, 7, "Person", "PERSON", False, True)], set(), [(4, 5), (6, 7)]),
        # ... nor a first name, a word of a longer person's name, a name of two words
        ("The figures came from Maria on Monday.", [(4, 5, "Person")], set(), [(4, 5)]),
        ("The figures came from Tarnov on Monday.", [(4, 5, "Person")], {"tarnov"}, [(4, 5)]),
        ("The figures came from Ann Tarnov on Monday.", [(4, 6, "Person")], set(), [(4, 6)]),
        # ... nor a piece of a longer name the model cut
        ("The figures came from Velmor Tar-ko on Monday.", [(4, 5, "Person")], set(), [(4, 5)]),
        ("The figures came from [Velmor bin] Tarnov on Monday.", [(8, 9, "Person")], set(), [(8, 9)]),
        # other kinds stay
        ("The figures came from Kelbix on Monday.", [(4, 5, "Organization")], set(), [(4, 5)]),
    ],
)
def test_lone_words_need_evidence(nlp, text, cands, named, kept):
    doc = nlp(text)
    out = classify_module._lone_words_shown(doc, [Candidate(*c) for c in cands], named)
    assert [(c.start, c.end) for c in out] == kept


@pytest.mark.parametrize("first", [(3, 7, "Person"), (6, 7, "")])
def test_lone_word_of_a_longer_person_stays(nlp, first):
    doc = nlp("Talks with [Velmor al] Tarnov ended. The deal suits Tarnov.")
    cands = [Candidate(*first), Candidate(12, 13, "Person")]
    assert (12, 13) in [(c.start, c.end) for c in classify_module._lone_words_shown(doc, cands, set())]


@pytest.mark.parametrize(
    ("text", "cand", "expected"),
    [
        # a word telling what a first-named person is, read into one organisation with the name
        ("The prize went to Student Maria Okorafor on Monday.", (4, 7, "Organization", "ORG"), (5, 7, "Person")),
        ("The prize went to Kenyan Maria Okorafor on Monday.", (4, 7, "Organization", "ORG"), (5, 7, "Person")),
        # not the start of a place's name, nor without a first name
        ("The bus went to San Maria Okorafor on Monday.", (4, 7, "Place", "GPE"), (4, 7, "Place")),
        ("The prize went to Student Velmor Okorafor on Monday.", (4, 7, "Organization", "ORG"),
         (4, 7, "Organization")),
    ],
)
def test_person_after_a_describing_word(nlp, text, cand, expected):
    doc = nlp(text)
    out = classify_module._person_after_word(doc, Candidate(*cand))
    assert (out.start, out.end, out.kind) == expected


@pytest.mark.parametrize(
    ("text", "name", "strong"),
    [
        ("Velmor Ostrand, his eldest son, took over.", "Velmor Ostrand", True),
        ("The deal was signed by his wife, Velmor Ostrand, on Monday.", "Velmor Ostrand", True),
        ("Velmor Ostrand, a small port, took over.", "Velmor Ostrand", False),
    ],
)
def test_apposition_to_a_noun_for_people(nlp, text, name, strong):
    doc = nlp(text)
    words = name.split()
    start = next(t.i for t in doc if t.text == words[0])
    assert classify_module._person_context(doc, start, start + len(words)) is strong


@pytest.mark.parametrize(
    ("text", "cand", "kept"),
    [
        # a "person" whose last word the article writes in lowercase, with no evidence, goes
        ("Figures from Kelbix Data came late. The data were wrong.", (2, 4, "Person"), []),
        # ... not with a first name first, nor with evidence
        ("Figures from Maria Data came late. The data were wrong.", (2, 4, "Person"), [(2, 4)]),
        ("Figures from Kelbix Data came late. The data were wrong.", (2, 4, "Person", "PERSON", True),
         [(2, 4)]),
        # ... nor when the article writes no such word in lowercase
        ("Figures from Kelbix Velde came late. The data were wrong.", (2, 4, "Person"), [(2, 4)]),
    ],
)
def test_names_ending_on_common_words(nlp, text, cand, kept):
    doc = nlp(text)
    out = classify_module._lone_words_shown(doc, [Candidate(*cand)], set())
    assert [(c.start, c.end) for c in out] == kept



@pytest.mark.parametrize(
    ("text", "cand", "kinds"),
    [
        # a "person" ending on a job title names no one ...
        ("Talks with Velmor Tarnov Chief ended.", (2, 5, "Person", "PERSON"), []),
        # ... unless a first name opens it (a family name that is a title word)
        ("Talks with Maria King ended.", (2, 4, "Person", "PERSON"), ["Person"]),
        # initials alone name no one
        ("Talks with C. S.K. ended.", (2, 4, "Person", "PERSON"), []),
    ],
)
def test_no_personal_name(nlp, text, cand, kinds):
    doc = nlp(text)
    kept = classify(doc, doc.text, Candidates([], [Candidate(*cand)]))
    assert [c.kind for c in kept] == kinds


@pytest.mark.parametrize(
    ("text", "cand", "kinds"),
    [
        # a name set off before a noun describing an organisation is an organisation
        ("The figures came from Kelbix, a market research firm, on Monday.", (4, 5, "Person", "PERSON"),
         ["Organization"]),
        # ... not before a noun for a person
        ("The figures came from Kelbix, a market research analyst, on Monday.", (4, 5, "Person", "PERSON"),
         ["Person"]),
    ],
)
def test_organisations_by_apposition(nlp, text, cand, kinds):
    doc = nlp(text)
    kept = classify(doc, doc.text, Candidates([], [Candidate(*cand)]))
    assert [c.kind for c in kept] == kinds


@pytest.mark.parametrize(
    ("predicate", "text", "span", "expected"),
    [
        # _quoted_title: a name a quotation holds alone: a programme, a work, an event
        ("_quoted_title", "Tourists can now follow the “Kelby Coffee Route” across the hills.", (6, 9), True),
        ("_quoted_title", "Farmers can download the “Marlow Flood Alert” mobile app.", (5, 8), True),
        ("_quoted_title", "The bank joined the “Marlow Flood Alert,” a new scheme.", (5, 8), True),
        # ... not a name opening a longer quotation, or with a noun for organisations beside it
        ("_quoted_title", "“Kelbix Holdings will invest more,” the chief executive said.", (1, 3), False),
        ("_quoted_title", "The tabloid 'Kelby Star' printed the names.", (3, 5), False),
        ("_quoted_title", "The court stopped the 'Kelby Star' tabloid from printing.", (5, 7), False),
        ("_quoted_title", "Fans call the studio “Kelbani.”", (5, 6), False),
        # ... and a quotation mark glued to the word before it ends that word
        ("_quoted_title", "The farmers' Kelby Harvest sold grain.", (3, 5), False),
        # _site_at: a name with a site's last word right after "at": where something happens
        ("_site_at", "She was treated at Kelby General Hospital on Monday.", (4, 7), True),
        ("_site_at", "Talks were held at the Marlow Peace Centre in May.", (5, 8), True),
        ("_site_at", "Protesters gathered at Tamsin House on Friday.", (3, 5), True),
        ("_site_at", "Talks were held at Kenya’s Ostwin Peace Centre.", (6, 9), True),
        # ... not elsewhere, nor one word, nor another last word
        ("_site_at", "Kelby General Hospital said the patient was stable.", (0, 3), False),
        ("_site_at", "She works for Kelby General Hospital.", (3, 6), False),
        ("_site_at", "She studied at Marlow University for two years.", (3, 5), False),
    ],
)
def test_organisation_names_that_are_no_organisation(nlp, predicate, text, span, expected):
    """Quoted titles of works and sites after "at": an ORG span the predicate takes out."""
    doc = nlp(text)
    assert getattr(classify_module, predicate)(doc, Candidate(*span, "Organization", "ORG")) is expected
