"""Compile ``graph/data/verb_forms.txt``, the English verbs and their irregular forms that
tell a headline's verb glued to a name ("<Name> Leads", "<Name> Booed") from the name
(:func:`graph.extract.actors.candidates.fragment_trimmed`).

The words are those of the English lemmatizer tables that spaCy's English models ship
(``lemma_index["verb"]``, WordNet's verbs, and ``lemma_exc["verb"]``, their irregular
forms; spacy-lookups-data, MIT licence, WordNet licence): one word each, letters only,
three letters or more. Regular forms ("leads", "booed") are not listed: the lexicon
derives them (:meth:`graph.lexicon.actors.ActorWords.is_verb_form`).

Usage::

    .venv/bin/python scripts/make_verb_forms.py > graph/data/verb_forms.txt
"""

from __future__ import annotations

import spacy

from graph.nlp import DEFAULT_MODEL

HEADER = """\
# English verbs (base forms) and their irregular forms, lowercase, one a line: a
# capitalised verb form after a name the article also writes alone is a headline's verb,
# not part of the name ("<Name> Leads"). Compiled by scripts/make_verb_forms.py from the
# English lemmatizer tables shipped with spaCy's models (WordNet's verbs and their
# irregular forms); regular forms (-s, -ed) are derived by graph.lexicon.actors.
"""


def main() -> None:
    lookups = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"]
                         ).get_pipe("lemmatizer").lookups
    verbs = set(lookups.get_table("lemma_index")["verb"])
    verbs |= set(lookups.get_table("lemma_exc")["verb"])
    words = sorted(w for w in verbs if w.isalpha() and w.islower() and len(w) >= 3)
    print(HEADER + "\n".join(words))


if __name__ == "__main__":
    main()
