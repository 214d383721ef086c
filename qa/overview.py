"""Questions about the document as a whole, answered from the places that state its point.

"What is the brief about?", "What is its main argument?", "Summarize the chapter": no
sentence matches such a question by its words or its meaning better than a hundred others,
so retrieval picks one at random, and abstention may decline a question the brief answers
plainly. A policy brief states its point in known places: the opening sentence of its
introduction, the sentence giving its aim ("The aim of this chapter is to examine ..."), and
the paragraph that leads into its recommendations. Those sentences are the answer.

A question is about the whole document only when, besides words asking for a summary, its
point or its aim, it names nothing: "What does the brief argue about the kingpin strategy?"
asks about the kingpin strategy, and goes through retrieval like any other question.
"""

from __future__ import annotations

import re

from qa.bm25 import tokenize
from qa.types import Document, Paragraph, Section, Sentence

# Words asking for the document's point, its summary or its aim.
_ASKS_OVERVIEW = re.compile(
    r"\b(?:summar(?:y|ies|i[sz]e[sd]?)|sum(?:s|med)? (?:it )?up|about|main|central|key|overall|"
    r"argu(?:e|es|ed|ing|ments?)|points?|ideas?|messages?|thes[ie]s|conclu(?:de|des|ded|sions?)|"
    r"purpose|aims?|goals?|objectives?|gist|overview|nutshell|tl;?dr|bottom line|"
    r"trata|resum(?:e|en|ir|a)|argumentos?|principal(?:es)?|tesis|objetivos?|prop[óo]sito|"
    r"conclu(?:ye|sión|siones))\b",
    re.I,
)
# The words of such a question that name nothing: the document, the request, the asking.
_NAMES_NOTHING = frozenset(
    tokenize(
        """summary summaries summarize summarise summarized sum up about main central key overall
        argue argues argued arguing argument arguments point points idea ideas message messages
        thesis theses conclude concludes concluded conclusion conclusions purpose aim aims goal
        goals objective objectives gist overview nutshell tl dr bottom line brief chapter report
        paper document piece text policy author authors writer essay analysis work it this
        tell give explain describe me please can could you quick short briefly in one few
        sentences words whole entire basically really make making trying try say says said
        trata resume resumen resumir resuma informe capitulo documento texto autora autor
        argumento argumentos principal principales tesis objetivo objetivos proposito concluye
        conclusion conclusiones cual cuales es son el la los las del de que se"""
    )
)
# The sentence giving the document's aim: "The aim of this chapter is to examine ...".
_AIM = re.compile(
    r"\b(?:aim|purpose|goal|objective)s? of (?:this|the) (?:chapter|brief|paper|report|article|"
    r"essay|study)\b|\bthis (?:chapter|brief|paper|report|article|essay|study) "
    r"(?:examines|explores|argues|analy[sz]es|discusses|seeks|aims|sets out)\b",
    re.I,
)
# The sentence announcing the recommendations ("there are five policy recommendations ..."),
# not one quoting somebody's "foreign policy recommendations".
_ANNOUNCES_RECOMMENDATIONS = re.compile(
    r"\b(?:following|these|(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+))\s+"
    r"(?:(?:key|main|policy)\s+)*recommendations\b",
    re.I,
)


# Words asking for the document's recommendations as a whole.
_ASKS_RECOMMENDATIONS = re.compile(
    r"\b(?:recommendations?|recommend(?:s|ed)?|advice|takeaways?|proposals?|"
    r"recomendaciones|recomienda|propuestas)\b",
    re.I,
)
# ... and the words of such a question that name nothing in particular.
_NAMES_NO_RECOMMENDATION = _NAMES_NOTHING | frozenset(
    tokenize(
        """recommendation recommendations recommend recommends recommended advice takeaway
        takeaways proposal proposals bullet bullets list lists just pls plz five all big top
        version governments government countries both two sides washington mexico city united
        states us do does should going forward future next make makes offer offers give gives
        lay out what which are were for up her his their recomendaciones recomienda propuestas
        cinco gobiernos paises ambos headline headlines talking boil down item items per lays
        laid know lot listener listeners readers audience our we my i
        bilateral security cooperation relations relationship seguridad cooperacion"""
    )
)


def is_recommendations_question(query: str) -> bool:
    """Whether `query` asks for the document's recommendations as a whole.

    >>> is_recommendations_question("What are the author's main policy recommendations?")
    True
    >>> is_recommendations_question("What does she recommend on the kingpin strategy?")
    False
    """
    return _asks_only(query, _ASKS_RECOMMENDATIONS, _NAMES_NO_RECOMMENDATION)


def recommendation_sentences(doc: Document) -> list[tuple[Section, Paragraph, Sentence]]:
    """The items of `doc`'s list of recommendations ("Key Policy Recommendations"), in order;
    empty if it has none."""
    for section in doc.sections:
        if section.kind == "body" and re.search(r"\brecommendations\b", section.title, re.I):
            items = [p for p in section.paragraphs if p.kind == "list-item"]
            return [(section, p, sentence) for p in items for sentence in p.sentences]
    return []


def is_overview_question(query: str) -> bool:
    """Whether `query` asks what the whole document is about, argues or aims at.

    >>> is_overview_question("What is the brief about?")
    True
    >>> is_overview_question("Summarize the chapter in a few sentences.")
    True
    >>> is_overview_question("What does the brief argue about the kingpin strategy?")
    False
    >>> is_overview_question("What are the recommendations?")
    False
    """
    return _asks_only(query, _ASKS_OVERVIEW, _NAMES_NOTHING)


def _asks_only(query: str, asks: re.Pattern[str], names_nothing: frozenset[str]) -> bool:
    """Whether `query` uses words of `asks` and, besides them, only words naming nothing."""
    return bool(asks.search(query)) and all(term in names_nothing for term in tokenize(query))


def overview_sentences(doc: Document) -> list[tuple[Section, Paragraph, Sentence]]:
    """The sentences that state `doc`'s point, in reading order (empty if it has no aim).

    The opening sentence of the first body section of prose, the sentence giving the aim,
    and the paragraph leading into the recommendations: its first sentence and the one that
    announces them.
    """
    body = [s for s in doc.sections if s.kind == "body"]
    prose = [(section, p) for section in body for p in section.paragraphs if p.kind == "body"]
    aim = next(
        (
            (section, p, sentence)
            for section, p in prose
            for sentence in p.sentences
            if _AIM.search(sentence.text)
        ),
        None,
    )
    if aim is None:
        return []
    found = [aim]
    first_section, first_paragraph = prose[0]
    if first_paragraph.sentences:
        found.append((first_section, first_paragraph, first_paragraph.sentences[0]))
    for section, p in prose:
        if p is aim[1]:
            continue
        announcing = next(
            (s for s in p.sentences if _ANNOUNCES_RECOMMENDATIONS.search(s.text)), None
        )
        if announcing is not None:
            found.append((section, p, p.sentences[0]))
            found.append((section, p, announcing))
            break
    unique = {(p.start, sentence.start): (section, p, sentence) for section, p, sentence in found}
    return [unique[key] for key in sorted(unique)]
