"""A question put indirectly, read as the direct question it reports.

Readers often wrap what they ask: "A constituent asks who was convicted for the murder of
Kiki Camarena. Does the brief say?", "According to the reading, which companies ...?",
"Does the author say what penalties agents face?". The checks that decide whether the brief
answers a question look for its question word at the start of the sentence asked, so the
wrapping is taken off first: "Who was convicted for the murder of Kiki Camarena?".

The answer still shows the reader's own words; only the reading of the question changes.
"""

from __future__ import annotations

import re

from qa.question import WH_ES

_WH = r"(?:what|which|who|whom|whose|how|when|where|why)\b"

# Whoever the question is passed on from: "A constituent", "my editor", "one of our readers".
_ASKER = (
    r"(?:a|an|one|my|our|the|some)\s+(?:of\s+(?:my|our)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:constituents?|readers?|clients?|students?|listeners?|colleagues?|boss|editors?|"
    r"friends?|callers?|viewers?|voters?|members?|parents?|kids?|sons?|daughters?|neighbou?rs?|"
    r"customers?|audience|class)"
)

# "A constituent asks who ...", "A constituent whose family farms in Guerrero asks: what
# ...", "My editor wants to know which ...": the asker and the verb of asking.
_PASSED_ON = re.compile(
    rf"(?:^|(?<=[.?!:;]\s))\W*{_ASKER}(?:\s+[^.?!:;]{{0,80}}?)?\s+"
    r"(?:asks|asked|is\s+asking|wants\s+to\s+know|would\s+like\s+to\s+know|wonders|"
    r"is\s+wondering|needs\s+to\s+know)(?:\s+(?:me|us))?\s*:?\s+"
    rf"(?={_WH})",
    re.I,
)

# "Un ciudadano pregunta qué países ...", "Mi editora quiere saber cuántos ...".
_PASSED_ON_ES = re.compile(
    r"(?:^|(?<=[.?!:;]\s))\W*(?:un|una|mi|nuestro|nuestra|el|la)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:ciudadan[oa]|lector(?:a)?|cliente|estudiante|oyente|colega|jef[ea]|editor(?:a)?|"
    r"amig[oa]|votante|elector(?:a)?|vecin[oa])(?:\s+[^.?!:;]{0,80}?)?\s+"
    r"(?:pregunta|preguntó|quiere\s+saber|se\s+pregunta)(?:\s+(?:me|nos))?\s*:?\s+"
    rf"(?=(?:{WH_ES})\b)",
    re.I,
)

# "Can you tell me (on) what date ...", "Could you tell a constituent which ...".
_TELL_ME = re.compile(
    rf"(?:^|(?<=[.?!:;]\s))\W*(?:can|could|would)\s+you\s+(?:please\s+)?(?:tell|let|inform)\s+"
    rf"(?:me|us|him|her|them|{_ASKER})\s+(?:know\s+)?(?=(?:on\s+|in\s+|at\s+|by\s+)?{_WH})",
    re.I,
)

# "According to the reading, which ...", "Per the brief, how many ...".
_PER_THE_BRIEF = re.compile(
    r"(?:^|(?<=[.?!:;]\s))\W*(?:according\s+to|per|based\s+on|from)\s+(?:the|this)\s+"
    r"(?:reading|brief|text|chapter|report|author|article|document|piece|paper)\s*,\s*"
    rf"(?={_WH})",
    re.I,
)

# "Does the author say what penalties agents face?", "Does the brief explain who ...?".
_DOES_IT_SAY = re.compile(
    r"(?:^|(?<=[.?!:;]\s))\W*(?:does|did|do|can|could|would)\s+(?:the\s+)?"
    r"(?:brief|author|chapter|report|text|reading|article|paper|piece|it|she|he|they)\s+"
    r"(?:ever\s+|actually\s+|even\s+|also\s+|anywhere\s+)?"
    r"(?:say|tell(?:\s+us|\s+me)?|mention|explain|specify|state|note|give|name|reveal|"
    r"indicate|report|identify|list|spell\s+out)\s+"
    rf"(?={_WH})",
    re.I,
)

# A closing question about the brief itself, after the question proper: "... Does the brief
# say?", "Does the brief give a figure?", "¿Los nombra el informe?".
_ASKS_IF_SAID = re.compile(
    r"(?<=[.?!])\s+(?:(?:does|did|do|can|could|is)\s+(?:the\s+)?"
    r"(?:brief|author|chapter|report|text|reading|it|she)\s+(?:\w+\s+)?"
    r"(?:say|said|tell|give|mention|name|specify|state|answer|address|know|cover)"
    r"(?:\s+(?:it|that|this|so|them|one|anything|us|me|a\s+(?:figure|number|date|name)|"
    r"the\s+(?:figure|number|date|name|answer)))?"
    r"|¿\s*(?:lo|los|la|las)\s+(?:dice|nombra|menciona|explica|da)\s+el\s+"
    r"(?:informe|texto|cap[íi]tulo))\s*\?\s*$",
    re.I,
)


# The fewest words the question proper must keep for a closing "Does the brief say?" to go.
MIN_QUESTION_WORDS = 3

# A sentence about the asker, beside the question rather than part of it: "I'm a nurse in El
# Paso, so Juárez is basically our neighbor.", "My patients keep ending up in the ER with it."
# Its words (the asker's trade, town, patients) are not what is asked about, yet the brief's
# never using them reads as a question about something else. A sentence reporting a claim
# ("My professor says ...", "I read that ...") or carrying a figure or a quotation is kept:
# the question may be checking it. The signals of words the corpus does not know always read
# the question without its asides; the rest of the answer does only when the question
# stands on its own ("I'm writing about the Allende massacre. When did it happen?" needs the
# aside to say what "it" is).
_ASIDE = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?:okay|ok|so|well|look|honestly)\b[,\s]*)?"
    r"(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|we|we're|we’re|we've|our|mi|mis|soy|trabajo|estoy)\b"
    # ... whose abbreviations ("U.S. history") do not end it.
    r"(?:[^.?!]|\b(?:U\.S|U\.K|D\.C|Dr|Mr|Mrs|Ms|St)\.)*[.!](?=\s|$)",
    re.I,
)
_CLAIMED = re.compile(
    r"\b(?:says?|said|saying|heard|hear|read|calls?|called|claims?|claimed|attribut\w*|"
    r"thinks?|thought|told|tells|according|argues?|wrote|writes|believes?|insists?|dice|"
    r"dijo|leí|escuché|wants?\s+to\s+know|wonders?|pregunta)\b"
    # ... or passing a question on ("My editor asks which cartel ...").
    r"|\bask(?:s|ed|ing)?\s+(?:me\s+|us\s+)?(?:who|what|which|when|where|why|how|whether|if)\b"
    r"|\d|[\"“”«»]",
    re.I,
)

# A lead-in saying whom the question comes from, closed by a colon: "Okay, this one's from a
# listener down in Del Rio: ...", "A fella in Converse wants numbers: ...", "Two-parter from
# a caller in Bexar County: ...". The asker's town is not what is asked about.
_FROM_ASKER = re.compile(
    r"^\W*(?:(?:okay|ok|so|well|alright|all\s+right|next|now|and)\b[,\s]*)*"
    r"[^:?!.\d\"“”]{0,60}?\b(?:listeners?|callers?|readers?|viewers?|constituents?|students?|"
    r"fella|fellow|guy|gal|lady|gentleman|woman|man|someone|somebody|folks?|neighbou?rs?|"
    r"oyentes?|lector(?:a|es)?|vecin[oa]s?|señor|señora)\b[^:?!.\d\"“”]{0,60}:\s+",
    re.I,
)

# The fewest words of the question proper left when asides are taken off it.
MIN_ASKING_WORDS = 5


# Words that point back at something named before: "When did it happen?" after "I'm writing
# about the Allende massacre." needs the sentence about the asker to say what "it" is.
_POINTS_BACK = re.compile(
    r"\b(?:it|its|this|these|those|they|them|their|he|him|his|she|her|ella|él|eso|esto)\b",
    re.I,
)


def without_asides(query: str) -> str:
    """`query` without sentences about the asker beside the question itself.

    >>> without_asides("I'm a nurse in El Paso. Which cities got the programs?")
    'Which cities got the programs?'
    >>> without_asides("My professor says it failed. Did it?")
    'My professor says it failed. Did it?'
    >>> without_asides("A caller from Del Rio: which cartel was behind the Allende massacre?")
    'Which cartel was behind the Allende massacre?'
    >>> without_asides("I'm writing a paper.")
    "I'm writing a paper."
    """
    asides = [m for m in _ASIDE.finditer(query) if not _CLAIMED.search(m.group())]
    lead = _FROM_ASKER.match(query)
    if lead is not None and not any(m.start() < lead.end() for m in asides):
        asides.insert(0, lead)
    if not asides:
        return query
    rest = query
    for found in reversed(asides):
        rest = rest[: found.start()] + rest[found.end() :]
    rest = re.sub(r"\s+", " ", rest).strip()
    rest = rest[:1].upper() + rest[1:]
    if "?" not in rest or len(re.findall(r"\w+", rest)) < MIN_ASKING_WORDS:
        return query
    return rest


def direct_question(query: str) -> str:
    """`query` with the wrapping of a question put indirectly taken off.

    >>> direct_question("A constituent asks who was convicted for it. Does the brief say?")
    'Who was convicted for it?'
    >>> direct_question("According to the reading, which companies sold the U.S. drugs?")
    'Which companies sold the U.S. drugs?'
    >>> direct_question("The law limits agents. Does she say what penalties they face?")
    'The law limits agents. What penalties they face?'
    >>> direct_question("My editor asks which cartel did it. What does the brief say?")
    'Which cartel did it? What does the brief say?'
    >>> direct_question("Un ciudadano pregunta qué países lo forman. ¿Los nombra el informe?")
    '¿Qué países lo forman?'
    >>> direct_question("A reader wants to know the total amount spent.")
    'What is the total amount spent?'
    >>> direct_question("Mérida. Does the brief say?")
    'Mérida. Does the brief say?'
    >>> direct_question("Who wrote the brief?")
    'Who wrote the brief?'
    """
    # ... unless nothing much would be left of the question ("x. Does the brief say?").
    # A question that stands on its own is read without the sentences about the asker.
    asked = without_asides(query)
    if asked != query and not _POINTS_BACK.search(asked):
        query = asked
    stripped = _ASKS_IF_SAID.sub("", query).strip()
    text = stripped if len(re.findall(r"\w+", stripped)) >= MIN_QUESTION_WORDS else query
    for wrapping, opening in _WRAPPINGS:
        found = wrapping.search(text)
        if found is not None:
            rest = opening + text[found.end() :]
            text = text[: found.start()] + _as_question(rest, spanish=wrapping is _PASSED_ON_ES)
    return text


# "A constituent wants to know the total amount ...": a thing asked for, not a question.
_PASSED_ON_THING = re.compile(
    rf"(?:^|(?<=[.?!:;]\s))\W*{_ASKER}(?:\s+[^.?!:;]{{0,80}}?)?\s+"
    r"(?:wants\s+to\s+know|would\s+like\s+to\s+know|asks\s+(?:about|for)|is\s+asking\s+"
    r"(?:about|for))\s+(?=the\b)",
    re.I,
)

# Each wrapping, and the words that open the direct question in its place.
_WRAPPINGS = (
    (_PASSED_ON, ""),
    (_PASSED_ON_THING, "What is "),
    (_PASSED_ON_ES, ""),
    (_TELL_ME, ""),
    (_PER_THE_BRIEF, ""),
    (_DOES_IT_SAY, ""),
)

# Where the sentence a question word opens ends: a full stop before a capital, or the end.
_SENTENCE_END = re.compile(r"[.?!]+(?=\s+[A-Z¿¡\"“'])|[.?!:;]*\s*$")


def _as_question(rest: str, spanish: bool = False) -> str:
    """`rest`, which a question word opens, with its first sentence made a direct question:
    capitalised and ending in a question mark ("who was it. More." -> "Who was it? More.")."""
    end = _SENTENCE_END.search(rest)
    cut = end.start() if end is not None else len(rest)
    sentence = rest[:cut].strip()
    opening = "¿" if spanish and not sentence.startswith("¿") else ""
    return f"{opening}{sentence[:1].upper()}{sentence[1:]}?{rest[end.end() if end else cut :]}"
