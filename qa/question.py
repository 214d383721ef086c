"""What a question asks, read from its words alone: the kind of answer, its parts, its terms.

The answerer (`qa.answer`) reads every question through these: what kind of thing it asks for
(`answer_kind`: a date, a number, a person ...), the parts of a question asking several things
(`question_parts`), the noun a "which X" question asks for (`asked_term`), what a "how many"
question counts (`counted_noun`), the attribute or measure it asks the value of, the years and
names it uses, and whether it is about the brief's sources. Nothing here looks at the corpus.

Example: `answer_kind("When did Operation Intercept begin?") -> "date"`.
"""

from __future__ import annotations

import functools
import re

from qa.bm25 import tokenize
from qa.glossary import cognates, to_english
from qa.lang import is_spanish_function_word

# "Which centuries", "what sort of causes": the noun a question asks for.
_ASKED_NOUN = re.compile(
    # "What were the pillars ...?", "In 2011, what were the new pillars?": the plural asked
    # for, by a question of its own (not "..., and what are the rules now?").
    r"(?:^|[,;:]\s*|[.?!]\s+)\W*(?:which|what)\s+(?:were|are)\s+the\s+"
    r"(?:(?:two|three|four|five|six|main|key|new)\s+)?(?P<plural>[\w-]+s)\b|"
    r"\b(?:which|what)\s+(?:(?:two|three|four|five|six|several|other)\s+)?"
    r"(?:(?:sort|sorts|kind|kinds|type|types)\s+of\s+(\w+)|([\w-]+))"
    # "¿Qué operaciones ...?", "¿Cuáles carteles ...?"
    r"|(?:^|¿)\s*(?:qu[eé]|cu[aá]l(?:es)?)\s+(?:tipos?\s+de\s+)?([\w-]+)",
    re.IGNORECASE,
)

# A Spanish noun after "qué" by its form: a plural or a noun's ending ("¿Qué operaciones
# ...?", "¿Qué institución ...?"), not a verb ("¿Qué dijo ...?").
_SPANISH_NOUN = re.compile(
    r"\w+(?:s|ci[oó]n|si[oó]n|dad|ismo|ista|aje|or|ora|ura|ncia|mento|miento)$", re.I
)

_NOT_A_NOUN = re.compile(
    r"^(?:is|was|are|were|did|does|do|has|have|had|can|could|would|should|will|the|a|an|"
    r"of|in|on|to|for|if|about|else|happened|made|makes|led|caused|role|way|ways|one|ones|"
    r"part|parts|kind|sort|type|u|us|mexican|american|u\.s|two|three|four)$",
    re.IGNORECASE,
)

# Who wrote something, put as a person rather than as the author: "the woman who wrote this".
WRITER_NOUNS = ("lady", "woman", "gal", "person", "guy", "one", "scholar", "academic")

_SOURCE_CUE = re.compile(
    # ... "sources" but not the asker's verb: "We source inputs in the region."
    r"\b(cite[sd]?|citing|citation|(?<!\bwe )(?<!\bi )(?<!\bthey )(?<!\byou )sources?|"
    r"end-?notes?|footnot(?:es?|ed)|end-?noted|references?|"
    # ... not the brief's own author put as "the woman who wrote this chapter".
    + "".join(rf"(?<!\b{noun} )" for noun in WRITER_NOUNS)
    + r"who wrote|"
    r"written by|who authored|authored by|who (?:published|reported)|"
    # "Who is the author of the Reuters article ...", "the report the brief relies on"
    r"(?:author|writer|reporter)s? of (?:the|that|this|a) (?:[\w.'’-]+ ){0,3}?(?:article|report|"
    r"study|paper|book|piece|story|column|investigation|survey)|"
    r"(?:brief|author|chapter|text|she|it)\s+(?:relies|relied|rely|draws|drew|draw)\s+on|"
    # ... not "which criminal organization": a group, not a source
    # ... "Which Congressional Research Service report ...": a name before the kind of work.
    r"which (?:(?!(?:criminal|drug|armed|trafficking) )\w+ )?(?:(?-i:[A-Z])[\w.-]* ){0,5}"
    r"(?:article|report|study|paper|book|"
    r"newspaper|outlet|"
    r"investigation|survey|statement|filing|publication|piece|organi[sz]ation)|"
    r"what (?:\w+ )?(?:article|study|paper|book|newspaper|outlet|headline)|"
    r"edit(?:ed|or|ors)|volume|journal|(?:the|a|its|her|these|those) notes?|"
    # a keyword query names the form of a work: "krauze washington post column date"
    r"columns?|columnists?|op-?eds?|"
    # ... not "the headline recommendations": the main ones.
    r"headlines?(?!\s+(?:recommendations?|findings?|figures?|numbers?|points?|messages?|"
    r"takeaways?|conclusions?|stats?|statistics?|arguments?|ideas?|proposals?))|"
    r"cita|citad[oa]s?|fuentes?|qué (?:artículo|informe|estudio|periódico|medio|revista)|"
    r"revista|publicad[oa]s?|se public[óo]|public[óo]|publicaron|art[íi]culos?|"
    r"did (?:[\w.-]+ ){1,3}publish|press releases?|"
    # "Where does the brief get its account of ...?", "What is that figure based on?"
    r"where (?:does|did) (?:the (?:brief|author|chapter|text)|it|she) get\b|"
    r"(?:figure|claim|number|estimate|statistic|data|account) (?:is |was )?based on|"
    # "Where does the claim that 80 percent ... come from?"
    # ... "Where does Barr's criticism of the law come from?"
    r"where (?:does|did|do) (?:[\w.'’-]+ ){0,6}?(?:figures?|claims?|numbers?|"
    r"estimates?|statistics?|data|account|quotes?|findings?|criticism|complaints?|statements?|"
    r"remarks?|comments?|quotations?|allegations?|assertions?)\b[^?]*\bcome from|"
    r"comunicados?|bolet[íi]n)\b",
    re.IGNORECASE,
)

# "Who wrote the brief?", "Who authored this chapter?", "Who wrote it?": the document's own
# author, whom its byline names, not the author of a source it cites.
ABOUT_THE_DOCUMENT = re.compile(
    r"^\W*(?:who|quién)\s+(?:(?:wrote|authored|has written|escribió|redactó)\s+|"
    r"(?:is|was|es|fue)\s+(?:the|el|la)\s+(?:author|writer|autora?)\s+(?:of|de(?:l)?)\s+)"
    r"(?P<document>(?:(?:the|this|that|el|este|la|esta)\s+)?(?:policy\s+)?(?:brief|chapter|report|"
    r"paper|piece|document|text|essay|analysis|thing|publication|informe|cap[íi]tulo|"
    r"documento|texto|art[íi]culo)|"
    r"it|this|esto)"
    # ... alone, or as the first part of several: "Who wrote this chapter, and where ...?"
    r"(?:\s*[?.!]*\s*$|\s*,?\s+(?:and|y)\s+(?=\w)|\s*[?.!]\s+(?=\S))",
    re.I,
)

# Cues that say only that something is cited; a work named ("press release") says more.
_CITING = re.compile(
    r"cite[sd]?|citing|citations?|sources?|references?|cita|citad[oa]s?|fuentes?", re.I
)

# What comes before "cited" when it names which thing is meant ("the massacre cited in ...")
# rather than asking what is cited ("Which works are cited ...", "the brief cited").
_AFTER_NOUN = re.compile(
    r"\b(?!(?:is|was|are|were|be|been|being|it|they|he|she|brief|author|chapter|report|"
    r"also|not|often|first|most|widely|frequently)\b)[a-z][\w'’-]*\s+$",
    re.I,
)

# "..., according to the estimates the brief cites?": a qualifier, up to the clause's end.
_ACCORDING_TO_CLAUSE = re.compile(r"\b(?:according to|as reported by|seg[uú]n)\b[^,;?]*", re.I)

NOTE_NUMBER = re.compile(r"\b(?:end-?note|note|nota|footnote)\s*(?:n[oº°.]*\s*)?(\d{1,3})\b", re.I)

YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")

# What a question asks for, from its wording (English and Spanish).
_ASKS_MONEY = re.compile(
    r"\b(dollars?|dollar amount|how much money|amount of (?:money|funding|aid)|"
    # "How much did the wall cost?", "how much was spent on ..."
    r"how much (?:[\w.'’-]+ ){0,12}(?:cost|costs|spend|spent|pay|paid|fund|funded|worth|"
    r"appropriate|appropriated|allocate|allocated|budget|budgeted|invest|invested)|"
    # "What is the total amount Congress appropriated ...?", "the overall price tag"
    r"(?:total|overall|combined)\s+(?:amount|funding|budget|cost|spending|price\s+tag)|"
    r"amount\s+(?:[\w.'’-]+\s+){0,6}(?:appropriated|allocated|spent|budgeted|invested|"
    r"disbursed|granted)|price\s+tag|"
    r"d[oó]lares|cu[aá]nto dinero|cu[aá]nto cost[oó])\b",
    re.I,
)

_ASKS_PERCENT = re.compile(
    # ... not "the actual number, not a percentage".
    r"(?<!\bnot\sa\s)(?<!\bnot\s)(?<!\bnot\sthe\s)(?<!\brather\sthan\sa\s)"
    r"\b(percent(?:age)?|what share|what proportion|porcentaje|por ciento|qu[eé] proporci[oó]n)\b",
    re.I,
)

# "How old was Camarena?", "At what age ...?", "¿Qué edad tenía ...?": an age.
_ASKS_AGE = re.compile(
    r"\b(?:how old|(?:at )?what age|qu[ée] edad|cu[áa]ntos años ten[ií]a)\b", re.I
)

_ASKS_DURATION = re.compile(
    # "How long a border wall ...?" asks for a length, not a time.
    r"\b(how long(?! an? )|how much time|how many (?:days|weeks|months|years|decades)|"
    r"cu[aá]nto tiempo)\b",
    re.I,
)

_ASKS_NUMBER = re.compile(
    r"\b(how many|how much|what (?:share|percentage|proportion|number|rate)|"
    # "What was the final death toll?"
    r"(?:death|body|casualty)\s+(?:toll|count)|tolls?|"
    r"cuánt[oa]s?|qué porcentaje|cifra\s+de\s+(?:muertos|v[íi]ctimas))\b",
    re.I,
)

# "When" asks for a date at the start of a question or before its verb ("and when did ...");
# elsewhere it is a conjunction ("alarmed when Washington dropped the case").
_ASKS_DATE = re.compile(
    # ... not "When both governments agreed ..., what did Washington promise?": a clause
    # setting the time of another question.
    # ... nor "When the pandemic hit, did life get harder ...?": a yes/no question after one.
    r"^\W*when\b(?![^?]*?,\s*(?:what|which|who|whom|how|why|where|did|does|do|was|were|is|are|"
    r"has|have|had|will|would|can|could)\b)|"
    r"\bwhen (?:did|does|do|was|were|is|are|will|would|has|have|had)\b|"
    r"\b(what (?:year|month|date)|in which year|cuándo|en qué (?:año|mes|fecha))\b",
    re.I,
)

# Not "whose": "whose livelihoods ..." asks for a group of people as often as for a name.
_ASKS_PERSON = re.compile(r"^\W*(?:who|whom|quién|quiénes)\b", re.I)

# A time asked about by whose it was: "under Calderón", "during Enrique Peña Nieto's
# presidency", "during the Fox administration", "durante el sexenio de Peña Nieto".
_NAME_WORDS = r"(?:[A-ZÁÉÍÓÚÑ][\w.-]*\s+){0,3}[A-ZÁÉÍÓÚÑ][\w.-]*"

_NAME_RUN = rf"{_NAME_WORDS}(?!['’\w])"

_PERIOD_NOUN = r"(?:presidency|administration|government|term|tenure|time in office)"

_ASKED_PERIOD = re.compile(
    rf"\b(?i:under|during|in|throughout|over)\s+(?:the\s+)?(?:whole\s+|entire\s+|full\s+)?"
    rf"(?:(?P<owner>{_NAME_WORDS})(?:'s|’s)\s+(?:\w+\s+)?{_PERIOD_NOUN}\b|"
    rf"(?P<adjective>{_NAME_RUN})\s+{_PERIOD_NOUN}\b|{_PERIOD_NOUN}\s+of\s+(?P<of>{_NAME_RUN}))"
    rf"|\b(?i:under)\s+(?:President\s+)?(?P<under>{_NAME_RUN})\b(?!'s|’s)"
    rf"|\b(?i:durante|bajo|en)\s+(?:todo\s+|toda\s+)?(?:el|la)\s+(?:sexenio|gobierno|presidencia|"
    rf"administraci[oó]n|mandato)\s+(?:completo\s+|completa\s+)?de\s+(?P<de>{_NAME_RUN})"
    rf"|\b(?i:bajo)\s+(?P<bajo>{_NAME_RUN})"
    # "How many did Peña Nieto's government extradite?"
    rf"|\b(?P<subject>{_NAME_WORDS})(?:'s|’s)\s+(?i:government|administration|presidency)\s+"
    r"(?!(?i:of|in|on|to|and|or|is|was)\b)(?i:[a-z]+)\b"
)

COUNTRY_TERMS = frozenset(
    "mexico mexican usa american america washington federal".split()  # noqa: SIM905
)

# "Who is AMLO?", "What are TCOs?", "What does DTO stand for?", "¿Qué significa DTO?".
_ASKS_DEFINITION = re.compile(
    # The words in any case; the acronym in capitals.
    r"^\W*(?i:who|what)(?:\s+(?i:is|are|was|were)|'s|’s)\s+(?i:an?\s+|the\s+)?([A-Z]{2,6})s?\W*$|"
    r"^\W*(?i:what\s+(?:does|do|did)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+)?)([A-Z]{2,6})"
    r"s?\s+(?i:stand\s+for|mean)\W*$|"
    r"^\W*(?i:(?:qu[ée]|qui[ée]n)\s+(?:es|son|significa|quiere decir)\s+(?:(?:el|la|los|las)\s+)?)"
    r"([A-Z]{2,6})s?\W*$"
)

# A part of a question that asks what, who, when ...: not for a verdict.
_WH_START = re.compile(r"^\W*(?:who|whom|whose|what|which|when|where|why|how)\b", re.I)

# The Spanish question words: "¿Quién ...?", "¿Cuántos ...?", "¿Por qué ...?".
WH_ES = (
    r"qui[ée]n(?:es)?|qu[ée]|cu[áa]l(?:es)?|cu[áa]nt[oa]s?|cu[áa]ndo|d[óo]nde|por\s+qu[ée]|"
    r"c[óo]mo"
)

# A question that asks for a verdict rather than a fact ("Did ... actually ...?").
# Not a request ("Can you list the four pillars?").
_YES_NO = re.compile(
    r"^\W*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)\b"
    r"(?!\s+(?:you|u)\s+(?:please\s+)?(?:list|name|give|tell|explain|summari[sz]e|describe|"
    r"say|show|find|point|walk|outline|remind|break|spell|lay|sum|go\s+over|run\s+through|"
    r"clarify|define|identify|inform))",
    re.I,
)

# A capitalised word inside a question (not its first word, not after an opening mark).
CAPITALISED = re.compile(r"(?<![.?!¿¡:;\"“(] )(?<![¿¡\"“(])(?<!^)\b[A-ZÁÉÍÓÚÑ][\w'’-]*")

# Where a question with several parts splits ("..., and did they ...?", "..., and into how
# many ...?").
_PART_PREPOSITION = r"(?:(?:in|into|on|at|by|for|from|under|with|to|of|during|since|after|before) )"
_PART_BREAK = re.compile(
    rf"\s*(?:[;?]|,? and (?={_PART_PREPOSITION}?(?:how|what|why|when|"
    r"who|which|where|whether|did|does|do|is|are|was|were|has|have|had|can|could)\b)|"
    rf", (?={_PART_PREPOSITION}?(?:how|what|why|when|who|which|where)\b)|"
    # "¿En qué fecha asumió ... y en qué fecha anunciaron ...?"
    r",? y (?=(?:en |de |a |por |con |desde |durante |bajo )?(?:qu[ée]|cu[áa]l|cu[áa]nt|c[óo]mo|"
    r"d[óo]nde|cu[áa]ndo|qui[ée]n|por qu[ée])\b))"
    r"\s*",
    re.I,
)
# "What did the U.S. pledge once both countries acknowledged ...?": what happened first is a
# part of its own, which another sentence may tell.
_WH_QUESTION = re.compile(r"^\W*(?:what|which|who|whom|how|why|where)\b", re.I)
_EVENT_FRAME = re.compile(
    r"(?<=\w)\s+(?=(?:once|after|when|whereas)\s+(?:both|the|they|it|he|she|each|"
    r"(?-i:[A-Z]))\b)",
    re.I,
)

# A year span such as "2012-2018" or "between 2011 and 2015".
YEAR_SPAN = re.compile(
    r"\b(?:(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|between (?:19|20)\d\d and (?:19|20)\d\d)\b"
)

# A range of years asked about ("Who was president from 2000 to 2006?"): a span such as
# "(2000-2006)" answers it. (In the corpus, "from ... 2007 to ... 2011" compares two years.)
_ASKED_RANGE = re.compile(
    r"\b(?:from (?:19|20)\d\d (?:to|until|through)|between (?:19|20)\d\d and) (?:19|20)\d\d\b", re.I
)

# A year before a noun, after an article or possessive: "the 2011 reorientation".
_ATTRIBUTIVE_YEAR = re.compile(
    r"\b(?:the|its|their|this|that|his|her)\s+(?:19|20)\d\d(?=\s+[a-z])", re.I
)

# "How many pages ...", "¿Cuántos defensores ...": the words naming what is counted, up to the
# verb or preposition that ends them.
HOW_MANY = re.compile(
    r"\b(?:how many|cu[aá]nt[oa]s|(?:total |the )number of|n[uú]mero (?:total )?de)\s+"
    # The last word may end the question: "... for how many years?"
    r"((?:[\w.'’-]+(?:\s+|(?=[?!]|$))){0,3})",
    re.I,
)

_COUNT_STOP = re.compile(
    r"^(?:did|do|does|are|is|were|was|have|has|had|han|hay|fueron|son|will|would|can|could|"
    r"of|in|per|to|from|for|long|each|de|en|por|a|that|who|which|than|and|or|y|o|e|u|"
    r"since|during|between|under|by|at|on|with|after|before|among|across|desde|durante|"
    # "how many times higher": a comparison, not a thing counted
    r"higher|lower|greater|larger|bigger|smaller|more|fewer|less|as|over|"
    # "how many hadn't been trained", "how many didn't": a verb, not a thing counted
    r"\w+n['’]t)$",
    re.I,
)

# A verb after the noun ends it too: "how many Americans died", "how many miles promised"
# (but "how many armed groups" counts groups).
COUNT_VERB = re.compile(
    r"^(?:(?!(?:hundred|need|seed|speed|breed|creed|feed)$)\w{3,}ed|died|fled|got|took|went|"
    r"left|lost|came|became|made|saw|held|fell|rose|grew|built|sent|spent|paid|kept|brought|sold|"
    r"won|found|given|taken|shown)$",
    re.I,
)

# Verbs that say only that a counted thing was done ("how many extraditions were carried out",
# "... conducted", "... completed"): they tell nothing of what it was, and the sentence giving
# the count may use another ("it had already completed a total of 30 extraditions").
DOING_VERB = re.compile(
    r"^(?:carr(?:y|ied|ies)|conduct(?:ed)?|perform(?:ed)?|complet(?:e|ed)|undert(?:ook|aken)|"
    r"execut(?:e|ed)|effect(?:ed)?|made|make|done|do|did|got|had|took|recorded|registered|"
    r"counted|tallied|reached|out)$",
    re.I,
)

# "What is the population of ...", "By what vote margin ...": a quantity asked for by the name
# of its measure, which the brief may use ("at-risk populations") without giving one.
_MEASURE = re.compile(
    r"^\W*(?:by\s+|at\s+)?(?:what|which)(?:'s|’s|\s+(?:is|was|are|were))?\s+(?:the\s+)?"
    r"(?:[\w.'’-]+\s+){0,3}?"
    r"(population|rate|margin|percentage|share|budget|cost|price|salary|height|expectancy)\b"
    # Spanish puts the measure first: "¿cuál es la población de ...?", "el tipo de cambio"
    r"|^\W*(?:cu[aá]l|qu[eé])\s+(?:es|era|fue)\s+(?:el|la)\s+"
    r"(poblaci[oó]n|tasa|margen|porcentaje|presupuesto|costo|precio|salario|tipo de cambio)\b",
    re.I,
)

# "What is the capital city of ...", "What's X's minimum wage", "How long a prison sentence
# did X receive", "How large were remittances ...": the attribute whose value is asked for,
# up to the word that ends its noun phrase.
_ATTRIBUTE_END = (
    r"(?:of|in|for|at|on|like|between|from|under|during|that|which|did|does|do|is|was|were|"
    r"are|has|have|had|to|by|with|since|according|per|usually|now|today|currently|meant|supposed|designed|intended|aimed|known|called|named)"
)

# Whose attribute it is: "the", "its", "Fabián Medina's" (case does not matter: "mexico's").
_ATTRIBUTE_OWNER = (
    r"(?:(?:the|a|an|its|his|her|their|this|that)\s+|(?:[\w.'’-]+\s+)*?[\w.-]+(?:'s|’s)\s+)"
)

_ATTRIBUTE_PHRASE = rf"((?:(?!{_ATTRIBUTE_END}\b)[\w-]+\s+){{0,3}}?(?!{_ATTRIBUTE_END}\b)[\w-]+)"

_ASKED_ATTRIBUTE = re.compile(
    rf"^\W*what(?:\s+exactly|\s+actually)?(?:'s|’s|\s+(?:is|was|are|were))\s+"
    rf"(?:exactly\s+|actually\s+)?"
    # ... not "What's pushing people north?": a doing, not an attribute.
    rf"(?![\w-]+ing\s)"
    rf"{_ATTRIBUTE_OWNER}?{_ATTRIBUTE_PHRASE}\s*(?:\b{_ATTRIBUTE_END}\b|\?|$)"
    # ... not "How much did Mexico's homicide rate go up?": a change, not an attribute.
    rf"|^\W*how\s+(?:long|large|big|much|high|severe|harsh|heavy)\s+"
    r"(?!(?:did|does|do|has|have|had|will|would|can|could)\b)(?:(?:is|was|are|were)\s+)?"
    rf"(?:a\s+|an\s+)?{_ATTRIBUTE_OWNER}?{_ATTRIBUTE_PHRASE}\s*(?:\b{_ATTRIBUTE_END}\b|\?|$)"
    rf"|^\W*(?:what|which)\s+{_ATTRIBUTE_PHRASE}\s+(?:did|does|do|has|have|had|will|would)\s+.+?\s+"
    r"(?:receive|get|getting|serve|earn|pay|win|face|hold|teach|set|impose|establish|"
    r"prescribe)\b"
    # ... and put indirectly, without its auxiliary: "what penalties agents face"
    rf"|^\W*(?:what|which)\s+{_ATTRIBUTE_PHRASE}\s+(?:[\w'’-]+\s+){{1,3}}?"
    r"(?:face|faced|receive|received|got|serve|served)\b"
    # ... "Foreign-agents law: what penalties apply to agents who ...?"
    rf"|^\W*(?:[^?:]*[:,]\s*)?(?:what|which)\s+{_ATTRIBUTE_PHRASE}\s+(?:or\s+[\w-]+\s+)?"
    r"(?:apply|applies|applied)\b"
    # ... or earned: "Where did she do her undergraduate degree?"
    rf"|^\W*(?:where|when|in\s+what\s+year)\s+did\s+.+?\s+(?:do|earn|get|receive|complete|"
    rf"obtain|finish|take)\s+(?:her|his|their|a|an|the)\s+{_ATTRIBUTE_PHRASE}\s*(?:\b{_ATTRIBUTE_END}\b|\?|$)"
    # A life event: "Where was she born?", "When did he marry?"
    r"|^\W*(?:where|when|in what (?:year|city|country))\s+(?:was|were|is|did|does)\s+.+?\s+"
    r"(born|raised|buried|married|marry|baptized|grow up|grew up)\b",
    re.I,
)

_MEASURE_EN = {
    "población": "population", "poblacion": "population", "tasa": "rate", "margen": "margin",
    "porcentaje": "percentage", "presupuesto": "budget", "costo": "cost", "precio": "price",
    "salario": "salary", "tipo de cambio": "rate",
}  # fmt: skip

# Kinds of cited work, each as (how a question names it, how a citation shows it).
GENRES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "court": (
        re.compile(r"\b(?:court|filing|lawsuit|indictment|motion|prosecutors?|legal)\b", re.I),
        re.compile(r"\bv\.\s|\bCourt\b|\bUnited States Attorney\b|\bMotion\b"),
    ),
    "statement": (
        re.compile(r"\b(?:statement|press release|communiqu[eé]|comunicado)\b", re.I),
        re.compile(r"\bStatement\b|\bPress Release\b|\bComunicado\b"),
    ),
    "survey": (
        re.compile(r"\b(?:survey|poll|encuesta)\b", re.I),
        re.compile(r"\bSurvey\b|\bEncuesta\b|\bPoll\b"),
    ),
    "journal": (
        re.compile(r"\b(?:journal|academic|scholarly|peer-reviewed|revista)\b", re.I),
        re.compile(r"\bJournal\b|\bVol\b|\b\d+\s?:\s?\d+\b"),
    ),
    "book": (
        re.compile(r"\b(?:book|edited volume|libro)\b", re.I),
        re.compile(
            r"\bed\. by\b|\bEditorial\b|\bUniversity Press\b|\(\w[\w ]*: \w+, (?:19|20)\d\d\)"
        ),
    ),
    "blog": (re.compile(r"\bblog\b", re.I), re.compile(r"\bblog\b", re.I)),
    # "Which agency do the murder-rate figures come from?": official statistics.
    "statistics": (
        re.compile(
            r"\b(?:agency|statistics?|statistical|census|figures|numbers|rates?|data|datos|"
            r"cifras|estad[íi]sticas?)\b",
            re.I,
        ),
        re.compile(r"\bEstad[íi]stica\b|\bStatistics?\b|\bCensus\b|\bINEGI\b"),
    ),
}

# "Which Spanish-language article ...": a citation whose title is in Spanish.
_ASKS_SPANISH = re.compile(
    r"\b(?:spanish|in spanish|en español|en castellano|"
    # "Which Mexican news outlet ...": the brief cites Mexican outlets under Spanish titles.
    r"mexican\s+(?:news\s+)?(?:outlets?|newspapers?|media|publications?|news\s+sites?|"
    r"magazines?|press|dail(?:y|ies)|journalists?|reporters?|columnists?)|"
    r"(?:medio|peri[óo]dico|diario)\s+mexicano)\b",
    re.I,
)


def asked_acronym(query: str) -> str:
    """The acronym a question asks the meaning of, or "".

    >>> asked_acronym("Who is AMLO?"), asked_acronym("What does DTO stand for?")
    ('AMLO', 'DTO')
    >>> asked_acronym("What are TCOs?"), asked_acronym("What did AMLO promise?")
    ('TCO', '')
    """
    match = _ASKS_DEFINITION.search(query)
    return next((g for g in match.groups() if g), "") if match else ""


def is_source_question(query: str) -> bool:
    """True for a question about the brief's sources (\"which report ...\", \"note 13\").

    A source named to qualify a question about content ("How many died, according to the
    estimates the brief cites?") does not make it a question about sources.

    >>> is_source_question("Which report does the brief cite on homicides?")
    True
    >>> is_source_question("How many died, according to the estimates the brief cites?")
    False
    >>> is_source_question("According to the press release, who would benefit?")
    True
    >>> is_source_question("How many died in the massacre cited in the brief?")
    False
    >>> is_source_question("Who wrote the brief?"), is_source_question("Who wrote the report?")
    (False, False)
    >>> is_source_question("Who wrote the report on the National Guard?")
    True
    """
    if NOTE_NUMBER.search(query):
        return True
    if ABOUT_THE_DOCUMENT.search(query):
        return False
    clauses = [(c.start(), c.end()) for c in _ACCORDING_TO_CLAUSE.finditer(query)]
    for cue in _SOURCE_CUE.finditer(query):
        qualifying = any(start <= cue.start() < end for start, end in clauses) or bool(
            # "the Tlatlaya massacre cited in connection with ...": a participle naming which
            # thing, not a question about what cites it.
            cue.group().lower() == "cited" and _AFTER_NOUN.search(query[: cue.start()])
        )
        # A work named in the clause still marks one ("According to the press release, ..."):
        # the answer quotes the note's source.
        if not qualifying or not _CITING.fullmatch(cue.group()):
            return True
    return False


def answer_kind(query: str) -> str:
    """What is asked for: 'age', 'money', 'duration', 'percent', 'number', 'date', 'person' or
    ''.

    >>> answer_kind("How many people were extradited?"), answer_kind("Who wrote it?")
    ('number', 'person')
    >>> answer_kind("When the two agreed on it, what did Washington promise?")
    ''
    >>> answer_kind("When the pandemic hit, did poverty grow?")
    ''
    """
    if _ASKS_AGE.search(query):
        return "age"
    money = [m.group(1).lower() for m in _ASKS_MONEY.finditer(query)]
    # "Did most of the aid dollars go to policing?" asks where money went, not how much.
    if money and not (_YES_NO.search(query) and set(money) <= {"dollar", "dollars"}):
        return "money"
    if _ASKS_DURATION.search(query):
        return "duration"
    if _ASKS_PERCENT.search(query):
        return "percent"
    if _ASKS_NUMBER.search(query):
        return "number"
    if _ASKS_DATE.search(query):
        return "date"
    if _ASKS_PERSON.search(query):
        return "person"
    return ""


def question_names(query: str) -> set[str]:
    """The terms of the capitalised words a question uses (not the one opening it), and of
    their English cognates ("Operación Intercept" names Operation Intercept)."""
    names = " ".join(CAPITALISED.findall(query))
    return set(terms_of(f"{names} {cognates(names)}"))


@functools.cache
def term_set(words: str) -> frozenset[str]:
    """The terms of a fixed list of words (a module's constant), worked out once."""
    return frozenset(terms_of(words))


def terms_of(text: str) -> list[str]:
    """The lexical tokenizer's terms, with a final silent "e" dropped so forms meet.

    The index's light stemmer turns "acknowledged" into "acknowledg" but leaves
    "acknowledge" alone; here both are "acknowledg" ("shared" and "share": "shar").

    >>> terms_of("They acknowledge it; it was acknowledged and shared")
    ['acknowledg', 'acknowledg', 'shar']
    """
    return [t[:-1] if len(t) > 4 and t.endswith("e") else t for t in tokenize(text)]


def asks_yes_no(query: str) -> bool:
    """Whether the question asks only for a verdict: "Did Mexico ask for Mérida?" does, "Does
    the author cite her own work? Who published it?" asks who, after the verdict.

    >>> asks_yes_no("Did Mexico ask for the Mérida Initiative?")
    True
    >>> asks_yes_no("Does the author cite her own work? Who published it?")
    False
    >>> asks_yes_no("Does the author warn that it could backfire? Why?")
    False
    >>> asks_yes_no("Did the pandemic make life harder, and how?")
    False
    """
    return (
        bool(_YES_NO.search(query))
        and not any(_WH_START.match(part) for part in question_parts(query)[1:])
        and not _WH_AFTER_VERDICT.search(query)
        and not _CLAUSE_ALTERNATIVE.search(query)
    )


# A verdict asked on how well something worked ("Did going after the bosses actually work?",
# "Did the wall do much to stop drugs?"): the brief is an argument, and it gives such
# verdicts in its own words ("poor results", "a marginal effect"), which a reader's seldom
# share. (Not a verdict on the author's views at large: "Does she support life sentences?"
# may ask about something the brief never discusses.)
ASKS_EVALUATION = re.compile(
    r"\b(?:actually|really|ever)\s+(?:work|worked|works|help|helped|succeed(?:ed)?|"
    r"pa(?:y|id)\s+off)\b|"
    r"\b(?:do|does|did)\s+much\b|\bwork(?:ed|s)?\s*(?:,|\?|$)|"
    r"\b(?:make|made|makes)\s+(?:things|it|life)\s+(?:better|worse)\b|"
    r"\bbackfire(?:d|s)?\b|\bpa(?:y|id)\s+off\b",
    re.I,
)


# "Did most of the aid go to policing, or to economic help?", "Is it a U.S. problem or is it
# showing up in Mexico too?": a choice between two things said, which the brief answers by
# saying one of them, not a verdict on one claim.
_CLAUSE_ALTERNATIVE = re.compile(
    r"\bor\s+(?:is|are|was|were|did|does|do|has|have|had|to|for|into|on)\s+(?!not\b)", re.I
)


# A question for a fact after the verdict, however short: "Does she warn of it? Why?", "...?
# If so, how?", "... ? ¿Por qué?".
_WH_AFTER_VERDICT = re.compile(
    r"\?\s*(?:(?:and|if\s+so|si\s+es\s+as[íi]|y)\s*,?\s*)?¿?\s*(?:who|whom|whose|what|which|when|"
    rf"where|why|how|{WH_ES})\b"
    # "Did COVID make life harder, and how?"
    r"|,?\s+(?:and|if\s+so,?)\s+(?:how|why)\s*\?\s*$",
    re.I,
)


# The end of a statement put before a question ("The brief says X. What ...?").
# ... or after a quotation it closes ("... on 'major U.S. pharmaceutical companies.' Which ...").
_CONTEXT_BEFORE = re.compile(r"(?:(?<=[a-z0-9)\"”'’][.!])|(?<=[a-z][.!]['\"’”]))\s+(?=[A-Z¿])")


def asked_sentence(query: str) -> str:
    """The question itself, without the statements put before it to set the scene.

    >>> asked_sentence("Barr criticized the law. How did the FBI respond?")
    'How did the FBI respond?'
    >>> asked_sentence("She blames 'major companies.' Which ones? Without names it is vague.")
    'Which ones?'
    """
    sentence = _CONTEXT_BEFORE.split(query)[-1]
    # ("... in office? Give the term dates." asks that too.)
    if (
        "?" in sentence
        and not sentence.rstrip().endswith("?")
        and not _REQUEST_AFTER.search(sentence)
    ):
        # "... Which companies? Without names that's an easy rhetorical move.": a remark
        # after the question is no part of it.
        questions = [s for s in _AFTER_QUESTION.split(sentence) if s.rstrip().endswith("?")]
        return questions[-1] if questions else sentence
    return sentence


# The end of a question with more after it ("Which ones? Without names ...").
_AFTER_QUESTION = re.compile(r"(?<=\?)\s+(?=[A-Z¿])")
# ... a request that goes with it: "Give the term dates.", "List them."
_REQUEST_AFTER = re.compile(
    r"\?\s+(?:please\s+)?(?:give|list|name|include|explain|cite|quote|tell|show|provide|state|"
    r"describe|summari[sz]e|add|mention|specify|answer|be)\b",
    re.I,
)


def question_parts(query: str) -> list[str]:
    """The parts of a question that asks several things at once (one part for most).

    >>> question_parts("What did Mexico agree to, and did both countries keep their promises?")
    ['What did Mexico agree to', 'did both countries keep their promises']
    >>> question_parts("What did Mexico recognize once both governments agreed on it?")
    ['What did Mexico recognize', 'once both governments agreed on it']
    >>> question_parts("How many were extradited under Fox, under Calderón, and in 2019?")
    ['How many were extradited under Fox', 'under Calderón', 'in 2019']
    >>> question_parts("Since the wall was built, should Mexico worry?")
    ['Since the wall was built', 'should Mexico worry']
    """
    parts = _PART_BREAK.split(query)
    if len(_PERIOD_FRAME.findall(query)) >= 3:
        # "the extradition totals under Fox, under Calderón, and for Mexico in 2019": three
        # periods or more in a list, each a part its own sentence answers.
        parts = [piece for part in parts for piece in _PERIOD_BREAK.split(part)]
    if _WH_QUESTION.match(query):
        parts = [piece for part in parts for piece in _EVENT_FRAME.split(part)]
    elif _PREMISE.match(parts[0]):
        # "Since kingpin targeting choked off the flow of drugs, should it stay the core?":
        # the premise is a part of its own, which the brief may correct.
        parts = [*_PREMISE_END.split(parts[0], maxsplit=1), *parts[1:]]
    return [p for p in parts if len(p.split()) >= 2]


# A period a question asks about: "under Calderón", "in 2019", "during the Fox years".
_PERIOD_FRAME = re.compile(
    r"\b(?:under|during|in)\s+(?:the\s+)?(?:(?-i:[A-Z])|(?:19|20)\d\d\b)", re.I
)
# ... and the commas that list such periods.
_PERIOD_BREAK = re.compile(
    r",\s+(?:and\s+)?(?=(?:under|during|in|for)\s+(?:the\s+)?(?:(?-i:[A-Z])|(?:19|20)\d\d\b))",
    re.I,
)

# A premise put before a question: "Since ...", "Given that ...", "Now that ...".
_PREMISE = re.compile(r"^\W*(?:since|given(?:\s+that)?|because|now\s+that|considering)\b", re.I)
# ... which ends at the comma before the question's verb: ", should clients expect ...".
_PREMISE_END = re.compile(
    r",\s+(?=(?:should|would|could|will|can|is|are|was|were|do|does|did|has|have)\b)", re.I
)


def asked_term(query: str) -> str:
    """The term for what a "which X" / "what X" question asks for ("" if none is named).

    >>> asked_term("Which centuries does she work on?"), asked_term("What is it?")
    ('century', '')
    >>> asked_term("What sort of causes did the plan consider?"), asked_term("Which two men?")
    ('caus', 'men')
    >>> asked_term("¿Qué operaciones siguieron?"), asked_term("¿Qué dijo?")
    ('operation', '')
    >>> asked_term("In 2011, what were the pillars?"), asked_term("When, and what are the rules?")
    ('pillar', '')
    """
    match = _ASKED_NOUN.search(query)
    if not match:
        return ""
    spanish = match.group(4)
    word = match.group("plural") or match.group(3) or match.group(2) or spanish
    if _NOT_A_NOUN.match(word):
        return ""
    if spanish:
        # A Spanish noun is asked for by its English word: the glossary's, else its cognate's.
        if is_spanish_function_word(word) or not _SPANISH_NOUN.fullmatch(word):
            return ""
        own = set(terms_of(word))
        english = terms_of(to_english(word)) or [
            t for t in terms_of(cognates(word)) if t not in own
        ]
        return english[0] if english else ""
    terms = terms_of(word)
    return terms[0] if terms else ""


def asks_figure(query: str) -> bool:
    """Whether a question asks for a figure: a number, a share, money, or a named measure."""
    return answer_kind(query) in ("number", "percent", "money") or bool(asked_measure(query))


def asked_period(query: str) -> str:
    """The person whose time in office a question asks about ("" if none).

    >>> asked_period("How many were extradited during Enrique Peña Nieto's presidency?")
    'Enrique Peña Nieto'
    >>> asked_period("What changed under the Mexican government?"), asked_period("Under Fox?")
    ('', 'Fox')
    >>> asked_period("Given 211 under Fox, how many under Peña Nieto?")
    'Peña Nieto'
    """
    # The last one named: "The brief compares extraditions under Fox and Calderón; how many
    # were extradited under Peña Nieto?" asks about Peña Nieto.
    matches = list(_ASKED_PERIOD.finditer(query))
    name = next((g for g in matches[-1].groups() if g), "") if matches else ""
    # "under the Mexican government", "in the U.S. administration": a country, not a person.
    return "" if set(terms_of(name)) <= COUNTRY_TERMS else name


def point_years(text: str) -> set[int]:
    """Years `text` names on their own, not as the ends of a span.

    >>> sorted(point_years("in 2019, and under Peña Nieto (2012-2018)"))
    [2019]
    """
    return {int(y) for y in YEAR.findall(YEAR_SPAN.sub(" ", text))}


def decade_years(text: str) -> set[int]:
    """The first years of the decades `text` names: "the 1980s" answers "la década de 1980".

    >>> sorted(decade_years("during the 1980s and 1990s, not in 1985"))
    [1980, 1990]
    """
    return {int(d) for d in re.findall(r"\b((?:19|20)\d0)s\b", text)}


def counted_noun(query: str, language: str = "en") -> str:
    """The term for what a "how many" question counts ("" for other questions).

    English names it last ("how many illegal firearms"), Spanish first ("cuántos defensores
    de ..."); a Spanish word the glossary does not know is kept as it is.

    >>> counted_noun("How many pages long is the report?"), counted_noun("How many did?")
    ('page', '')
    >>> counted_noun("How many Americans died?"), counted_noun("How many armed groups are there?")
    ('american', 'group')
    >>> counted_noun("How many killed since 2000?")
    ''
    """
    match = HOW_MANY.search(query)
    if not match:
        return ""
    words: list[str] = []
    following = [w.strip(".,?¿!") for w in match.group(1).split()]
    for i, bare in enumerate(following):
        if _COUNT_STOP.match(bare):
            break
        if COUNT_VERB.match(bare):
            # "how many killed since 2000": a verb straight after "how many" counts people.
            ends = i + 1 == len(following) or _COUNT_STOP.match(following[i + 1])
            if not words and ends:
                return ""
            if words:
                break
        words.append(bare)
    if not words and language == "en" and not re.search(r"[,;:—–]", query[: match.start()]):
        # A keyword query names the thing first: "black hawk helicopters how many did ..."
        # (a clause before it, as in "Compared to Fox, how many more ...", names no such thing).
        before = terms_of(query[: match.start()])
        return before[-1] if before and before[-1].isalpha() else ""
    if not words:
        return ""
    if language == "es":
        head = words[0]
        terms = terms_of(to_english(head)) or terms_of(head)
        return terms[0] if terms else ""
    terms = terms_of(" ".join(words))
    return terms[-1] if terms else ""


def asked_measure(query: str) -> str:
    """The term for the measure a question asks the value of ("" for other questions).

    >>> asked_measure("What is the population of Mexico City?"), asked_measure("Who won?")
    ('population', '')
    >>> asked_measure("What's the population of Monterrey?")
    'population'
    >>> asked_measure("What is U.S. life expectancy?")
    'expectancy'
    >>> asked_measure("¿Cuál es el tipo de cambio del peso hoy?")
    'rate'
    """
    match = _MEASURE.search(query)
    if not match:
        return ""
    word = (match.group(1) or _MEASURE_EN[match.group(2).lower()]).lower()
    return "percent" if word in ("percentage", "share") else terms_of(word)[0]


def asked_attribute(query: str) -> str:
    """The words naming the attribute whose value an English question asks for ("" if none).

    >>> asked_attribute("What is the capital city of Coahuila?")
    'capital city'
    >>> asked_attribute("How long a prison sentence did General Gutiérrez Rebollo receive?")
    'prison sentence'
    >>> asked_attribute("What's Fabián Medina's job title?"), asked_attribute("Why did it fail?")
    ('job title', '')
    >>> asked_attribute("Where was the author born?")
    'born'
    >>> asked_attribute("What courses does she teach at Loyola?")
    'courses'
    >>> asked_attribute("What was the scheme meant to spread NAFTA's gains?")
    'scheme'
    >>> asked_attribute("How much did Mexico's homicide rate go up?")
    ''
    """
    match = _ASKED_ATTRIBUTE.search(query)
    return next((g for g in match.groups() if g), "") if match else ""


def capitalised_runs(query: str) -> list[str]:
    """The names of a question: runs of capitalised words, read as one name each.

    A name is judged whole: "Western Hemisphere Drug Policy Commission" is the body's
    "Hemisphere Drug Policy Commission" even though only an endnote spells out "Western".

    >>> capitalised_runs("Did the Western Hemisphere Drug Policy Commission cite Leon Krauze?")
    ['Western Hemisphere Drug Policy Commission', 'Leon Krauze']
    """
    runs: list[str] = []
    end = -2
    for match in CAPITALISED.finditer(query):
        if runs and query[end : match.start()].isspace():
            runs[-1] = f"{runs[-1]} {match.group()}"
        else:
            runs.append(match.group())
        end = match.end()
    return runs


def asked_genres(query: str) -> frozenset[str]:
    """The kinds of cited work a question names ("which court filing" -> {'court'}).

    >>> sorted(asked_genres("Which Spanish-language survey is cited?"))
    ['spanish', 'survey']
    """
    found = {name for name, (asks, _) in GENRES.items() if asks.search(query)}
    if _ASKS_SPANISH.search(query):
        found.add("spanish")
    return frozenset(found)


def asked_years(query: str) -> set[int]:
    """The years a question asks about, leaving out a year that only names its topic.

    "in 2018" restricts the answer to that year; "the 2011 reorientation" names a thing,
    and an answer about that thing need not repeat its year.

    >>> sorted(asked_years("How did the 2011 reform fare in 2015?"))
    [2015]
    >>> sorted(asked_years("Who was president from 2000 to 2006?"))
    []
    """
    naming = _ASKED_RANGE.sub(" ", _ATTRIBUTIVE_YEAR.sub(" ", query))
    return point_years(naming)


# "What drives migration?", "¿Qué impulsa la migración?": a cause asked for by a verb of
# causing; the sentence that names it says what something is "driven by" ("shaped by" ...).
_CAUSE_VERB = re.compile(
    r"\b(?:what|qu[ée])\b(?:[^?]*?\b)?(?:drives|drove|causes|caused|triggers|triggered|prompts|"
    r"prompted|fuels|fueled|fuelled|shapes|shaped|motivates|motivated|pushes|pushed|explains|"
    r"driving|causing|pushing|fueling|fuelling|prompting|triggering|motivating|"
    r"determines|set\s+off|sets\s+off|sparked|sparks|touched\s+off|provoked|impulsa|empuja|"
    r"causa|provoca|motiva)\b",
    re.I,
)
_CAUSED_BY = re.compile(
    r"\b(?:driven|caused|triggered|prompted|fuell?ed|shaped|motivated|pushed|explained|"
    r"determined)\s+(?:\w+\s+)?by\b",
    re.I,
)


# "Why do people migrate?": a reason asked for; the sentence naming it says what something
# is "driven by", "rooted in", happens "because" ...
_WHY = re.compile(r"^\W*(?:why|por\s+qu[ée])\b", re.I)
_REASON_NAMED = re.compile(
    rf"{_CAUSED_BY.pattern}|\bbecause\b|\bdue\s+to\b|"
    r"\b(?:stem|stems|stemmed|result|results|resulted)\s+from\b|\brooted\s+in\b",
    re.I,
)


# "What did going after the kingpins do to the cartels?", "What happened to the cartels once
# ...?", "What was the effect of ...?": an effect asked for; the sentence naming it says what
# something "has led to" ("resulted in" ...).
_EFFECT_ASKED = re.compile(
    r"\bwhat\b[^?]*?\b(?:do|did|does|done|doing)\s+to\b"
    r"|\bwhat\s+(?:has\s+|have\s+)?(?:happened|happens|became|becomes|has\s+become)\s+(?:to|of)\b"
    r"|\b(?:what|which)\b[^?]*?\b(?:effects?|impacts?|consequences?|results?|outcomes?)\s+"
    r"(?:of|on|did|has|have|had)\b"
    # "What has the hunt for the bosses led to?" (not "What led to the reform?": a cause)
    r"|\bwhat\b[^?]+\b(?:led|lead|leads|resulted|result)\s+(?:to|in)\s*\?"
    # "How did sending the Guard to the border hurt migrants?"
    r"|\bhow\s+(?:did|does|has|have|had|will|would)\b[^?]+\b(?:hurt|harm|harmed|affect|affected|"
    r"impact|impacted|damage|damaged|worsen|worsened)\b"
    # "How did that turn out for the migrants?"
    r"|\bhow\s+(?:did|has|have|had)\s+(?:that|this|it|things)\s+(?:turn(?:ed)?\s+out|"
    r"work(?:ed)?\s+out|go|gone)\s+for\b",
    re.I,
)
_EFFECT_NAMED = re.compile(
    # ("poor results in terms of" is a noun, not an effect)
    r"\b(?:led|leads|resulted|contributed)\s+(?:to|in)\b|\bgave rise to\b"
    # "The consequence of this decision has been to worsen ...", "detrimental consequences for"
    r"|\bconsequences?\s+(?:of|for)\b",
    re.I,
)
# "Rather than the kingpins, whom should they go after?": what should be done instead; the
# sentence naming it says so ("Instead of kingpin targeting, ... should focus on ...").
_ALTERNATIVE_ASKED = re.compile(
    r"\b(?:rather\s+than|instead\s+of|if\s+not|in\s+place\s+of|other\s+than)\b[^?]*?"
    r"\b(?:should|would|could|must|ought)\b"
    r"|\b(?:should|would|could|must)\b[^?]*?\binstead\b",
    re.I,
)
_ALTERNATIVE_NAMED = re.compile(
    r"\binstead\s+of\b|\brather\s+than\b|\bin\s+favou?r\s+of\b|\breplacement\s+of\b",
    re.I,
)
# "Besides the cartels, what threatens people's safety?": things set apart from what the
# question names; the sentence naming them says they are "not related to" it, or "other than" it.
_EXCLUSION_ASKED = re.compile(
    # "... crimes that have nothing to do with drugs"
    r"\bnothing\s+to\s+do\s+with\b|\bunrelated\s+to\b|"
    r"\bnot\s+(?:related|connected|linked|tied)\s+to\b|"
    r"\b(?:besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?|"
    r"adem[áa]s\s+de|aparte\s+de)\b",
    re.I,
)
_SET_APART_NAMED = re.compile(
    r"\bnot\s+(?:\w+\s+)?(?:related|connected|linked|tied|limited|due)\s+to\b|\bunrelated\s+to\b|"
    r"\bother\s+than\b|\bapart\s+from\b|\bbesides\b|\bbeyond\b|\bindependently\s+of\b",
    re.I,
)
# "Under shared responsibility, what did Washington commit to?": a pledge asked of someone;
# the sentence naming it says what they "pledged to" do ("Biden has pledged to ..." is no
# pledge of the U.S. government's).
_PLEDGE_ASKED = re.compile(
    r"\bwhat\s+(?:did|does|do|has|have|had|would|will)\s+(?P<who>(?:[\w.'’-]+\s+){1,5}?)"
    r"(?:commit(?:ted)?|pledged?|promised?|sign(?:ed)?\s+up|vow(?:ed)?|undert(?:ake|aken))\b",
    re.I,
)
# ... or asked whether they made one: "Did Washington ever promise to do anything about guns?"
_PLEDGE_ASKED_IF = re.compile(
    r"\b(?:did|has|have|had)\s+(?P<who>(?:[\w.'’-]+\s+){1,5}?)(?:ever\s+|actually\s+)?"
    r"(?:commit(?:ted)?|pledged?|promised?|vow(?:ed)?|undert(?:ake|aken))\b",
    re.I,
)
_PLEDGERS = (
    (
        re.compile(
            r"\b(?:Washington|U\.?S\.?|United\s+States|the\s+States|Americans?|America)\b",
            re.I,
        ),
        re.compile(
            r"\b(?:U\.S\.|United\s+States)(?:\s+government)?\s+(?:has\s+|have\s+)?"
            r"(?:pledged|committed|promised|vowed|undertook)\s+to\b"
        ),
    ),
    (
        re.compile(r"\b(?:Mexico|Mexicans?|Mexico\s+City)\b", re.I),
        re.compile(
            r"\b(?:Mexico|Mexican\s+(?:government|authorities))\s+(?:has\s+|have\s+)?"
            r"(?:pledged|committed|promised|vowed|undertook)\s+to\b"
        ),
    ),
)
# "What does the author think should happen to poppy farmers?", "What does she propose for
# them?": a course asked for; the sentence naming it says what "should" be done, or that "it
# is urgent" to do it.
_PRESCRIPTION_ASKED = re.compile(
    r"\bwhat\b[^?]*?\b(?:should|ought\s+to|must)\b[^?]*?\b(?:do|done|happen|change|become)\b|"
    r"\bwhat\s+(?:does|did|do|would)\s+(?:the\s+)?(?:author|brief|writer|chapter|report|text|she)\s+"
    r"(?:propose|recommend|suggest|want|urge|advocate)|"
    r"\bqu[ée]\s+(?:propone|recomienda|sugiere)\b",
    re.I,
)
PRESCRIPTION_NAMED = re.compile(
    r"\bit\s+is\s+(?:urgent|necessary|essential|crucial|critical|important)\b|\bshould\b|"
    r"\bmust\b|\bneeds?\s+to\b",
    re.I,
)
# "Was Mérida pushed on Mexico?", "Whose idea was it?", "Did it originate in Washington?":
# the origin of something asked for; the sentence naming it says what it "resulted from".
_ORIGIN_ASKED = re.compile(
    r"\b(?:originat(?:e|ed|es|ing)|whose\s+idea|drawn\s+up|drew\s+up|came\s+up\s+with|"
    # "Was it Washington's idea?", "Did the push come from the Mexican side?"
    r"(?:'s|’s)\s+idea|(?:push|initiative|request|impetus|idea)\s+(?:[\w'’.-]+\s+){0,6}?(?:come|came)\s+from|"
    r"(?:push|pushed|press|pressed|impose|imposed|force|forced|foist|foisted)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:on|upon|onto)\b|"
    r"who\s+(?:first\s+)?(?:proposed|initiated|requested|asked\s+for|pushed\s+for)|"
    r"on\s+whose\s+(?:initiative|request)|"
    r"de\s+qui[ée]n\s+fue\s+la\s+idea|qui[ée]n\s+(?:propuso|pidi[óo]|solicit[óo]))",
    re.I,
)
ORIGIN_NAMED = re.compile(
    r"\b(?:resulted\s+from|originated\s+(?:in|from|with)|stemmed\s+from|"
    r"at\s+the\s+request\s+of|request(?:ed)?\s+(?:by|of)|(?:'s|’s)\s+request|"
    r"responded\s+to\s+[\w\s'’.-]{0,40}?\bdemands|proposed\s+by|initiated\s+by)\b",
    re.I,
)
# "What were the troops at the southern border accused of?", "How have they treated
# migrants?": wrongdoing asked of someone; the sentence naming it reports acts of abuse
# ("have been involved in the commission of acts of torture").
_WRONGDOING_ASKED = re.compile(
    r"\baccused\s+of\b|\baccusations?\b|\ballegations?\b|\bcomplaints?\b|\bwrongdoing\b|"
    r"\bmis(?:treat|behav|conduct)\w*|\babus(?:e|es|ed|ing|ive)\b|"
    r"\bhow\b[^?]*?\b(?:treat(?:s|ed|ing)?|behav(?:e|es|ed|ing))\b",
    re.I,
)
WRONGDOING_NAMED = re.compile(
    r"\bcommission\s+of\s+acts\b|\baccused\s+of\b|\ballegations\s+of\b|\btorture\b|"
    r"\babuses?\b|\bhuman\s+rights\s+violations\b|\bexcesses\b",
    re.I,
)
# The words that ask for a relation (a cause by its verb, an effect, an alternative, an
# origin), not what it is about.
RELATION_TERMS = frozenset(
    terms_of(
        "drives drove driven driving causes caused triggers triggered prompts prompted fuels "
        "fueled fuelled shapes shaped motivates motivated pushes pushed explains explained "
        "determines determined set sparked sparks touched provoked "
        "do did does done doing happened happens became become effect effects impact impacts "
        "consequence consequences result results outcome outcomes rather instead place other "
        "hurt harm harmed affect affected impact impacted damage damaged worsen worsened "
        "should would could must ought "
        "originate originated whose idea drawn drew pressed imposed forced foisted proposed "
        "initiated requested idea push besides apart aside except además aparte "
        "happen propose proposes recommend recommends suggest suggests want urge advocate "
        "accused accusation accusations allegation allegations complaint complaints "
        "wrongdoing mistreat mistreated mistreatment treat treated treating"
    )
)


def relation_named(query: str) -> re.Pattern[str] | None:
    """What says, in a sentence, the relation a question asks for: the cause it asks for with
    a verb of causing ("What drives migration?": "is driven by"), the effect it asks of
    something ("What did ... do to the cartels?": "has led to") or what it asks to be done
    instead ("Rather than ..., whom should they target?": "Instead of ..."); None for other
    questions.

    >>> by = relation_named("What drives migration from Central America?")
    >>> bool(by and by.search("Migration is driven by violence."))
    True
    >>> to = relation_named("What happened to the cartels once the kingpins were caught?")
    >>> bool(to and to.search("It has led to the fragmentation of DTOs."))
    True
    >>> of = relation_named("Was the plan pushed on a reluctant Mexico?")
    >>> bool(of and of.search("The initiative resulted from the Mexican government's request."))
    True
    >>> relation_named("What did the law change?") is None
    True
    """
    if _CAUSE_VERB.search(query):
        return _CAUSED_BY
    if _ALTERNATIVE_ASKED.search(query):
        return _ALTERNATIVE_NAMED
    if _EXCLUSION_ASKED.search(query):
        return _SET_APART_NAMED
    pledge = _PLEDGE_ASKED.search(query) or _PLEDGE_ASKED_IF.search(query)
    if pledge is not None:
        for pledger, pledged in _PLEDGERS:
            if pledger.search(pledge.group("who")):
                return pledged
    if _PRESCRIPTION_ASKED.search(query):
        return PRESCRIPTION_NAMED
    if _WRONGDOING_ASKED.search(query) and not _WHY.match(query):
        return WRONGDOING_NAMED
    if _EFFECT_ASKED.search(query):
        return _EFFECT_NAMED
    if _ORIGIN_ASKED.search(query):
        return ORIGIN_NAMED
    if _WHY.match(query):
        return _REASON_NAMED
    return None


# What a question asks for that the evidence must hold (checked in `qa.answer`).
# "Where was Camarena kidnapped?", "Where did the meeting take place?", "¿En qué ciudad fue
# detenido ...?": the place of an event, which the answer must name.
ASKS_EVENT_PLACE = re.compile(
    r"^\W*(?:where|in\s+(?:which|what)\s+(?:city|town|place|country|state)|d[óo]nde|"
    r"en\s+qu[ée]\s+(?:ciudad|lugar|pa[íi]s|estado))\b[^?]*?\b(?:"
    r"born|kidnapped|abducted|killed|murdered|arrested|detained|captured|launched|signed|held|"
    r"founded|created|announced|take\s+place|took\s+place|happen|happened|occur|occurred|meet|met|"
    r"nac(?:ió|io)|secuestrad[oa]s?|asesinad[oa]s?|detenid[oa]s?|arrestad[oa]s?|capturad[oa]s?|"
    r"firmad[oa]|lanzad[oa]|celebr[óo]|ocurri[óo])\b",
    re.I,
)

# "What framework replaced the Mérida Initiative?", "Which agreement succeeded it?": a named
# successor asked for (not "What approach should replace the kingpin strategy?").
ASKS_SUCCESSOR = re.compile(
    r"\b(?:what|which)(?:'s|’s|\s+(?:is|was))?\s+(?:the\s+name\s+of\s+the\s+)?(?:new\s+)?"
    r"(?:[\w-]+\s+){0,3}?"
    r"(?:framework|agreement|treaty|accord|pact|"
    r"initiative|program|programme|body|agency|institution)\b[^?]*?"
    r"\b(?:replaced|succeeded|superseded|took\s+over|"
    r"(?:adopt|create|sign|launch|propose|set\s+up)\s+to\s+(?:replace|succeed)|"
    r"(?:to\s+)?take\s+(?:the\s+)?(?:place\s+of|[\w-]+(?:'s|’s)\s+place))\b"
    # "What replacement program did the Commission propose?"
    r"|\b(?:what|which)\s+(?:replacement|successor)\b"
    # "What did the Commission propose should replace Mérida?", "... replaced with what?"
    # ... a program by name, not a way of working ("What should replace kingpin targeting?").
    r"|\bwhat\b[^?]*?(?:\b(?:should|would|could|might|to|will)\s+(?:replace|succeed|supersede|"
    r"take\s+(?:the\s+)?place\s+of)|\bin\s+(?:the\s+)?place\s+of)\s+(?:the\s+)?(?-i:[A-ZÁÉÍÓÚ])"
    r"|(?-i:[A-ZÁÉÍÓÚ])[\w-]*\s+(?:\w+\s+){0,2}replaced\b[^?]*?\bwith\s+what\b"
    r"|\bqu[ée]\b[^?]*?\b(?:reemplaz|sustitu)\w*\s+(?:a\s+)?(?:la\s+|el\s+)?(?-i:[A-ZÁÉÍÓÚ])",
    re.I,
)

# "What specific measure did Trump use?": one particular thing done, asked for by an adjective
# before its noun (not "What particular crimes escalated?", kinds of thing).
ASKS_SPECIFIC = re.compile(
    r"^\W*(?:what|which)\s+(?:specific|particular|precise|exact|concrete)\s+"
    r"(?:[a-z]+\s+){0,2}?[a-z]+(?<!s)\s+(?:did|was|had)\b",
    re.I,
)

# "What were the years of López Obrador's term?", "term dates", "When was Bush in office?"
ASKS_TERM_YEARS = re.compile(
    r"\bterm\s+dates\b|\byears?\s+of\s+[^?]*?\bterm\b|\byears?\s+in\s+office\b|"
    r"\bwhen\s+(?:was|were)\b[^?]*\bin\s+office\b",
    re.I,
)

# "Which countries make up the northern triangle?", "¿Qué países forman ...?": the members of
# a whole, which the answer must list by name.
ASKS_MEMBERS = re.compile(
    r"\b(?:make|makes|making|made)\s+up\b|\b(?:form|forms|forming|comprise|comprises|"
    r"comprising|compose|composes|constitute|constitutes|consists?\s+of|belong\s+to|"
    r"members\s+of|forman|conforman|integran|componen)\b",
    re.I,
)

# "Does the author cite her own book?", "¿Cita la autora su propio trabajo?": a work of the
# brief's own author, among its notes.
OWN_WORK = re.compile(
    r"\b(?:her|his|the\s+author(?:'s|’s)|their)\s+own\s+(?:\w+\s+)?(?:work|works|book|books|"
    r"research|writing|writings|publications?|study|studies|articles?|papers?|scholarship)\b|"
    r"\bcites?\s+(?:herself|himself)\b|\bself-?cit|"
    r"\b(?:work|works|book|books|study|studies|research|article|articles|paper|papers)\s+"
    r"of\s+(?:her|his|their)\s+own\b|"
    r"\bsus?\s+propi[oa]s?\s+(?:trabajos?|libros?|obras?|investigaci[óo]n(?:es)?|art[íi]culos?)\b|"
    r"\b(?:trabajos?|libros?|obras?|art[íi]culos?)\s+(?:\w+\s+)?suy[oa]s?\b",
    re.I,
)

# "How often ...?" and what answers it.
ASKS_FREQUENCY = re.compile(r"\bhow\s+(?:often|frequently)\b|\bcon\s+qu[ée]\s+frecuencia\b", re.I)

# "after Biden took office", "tras su toma de posesión": the brief speaks as of January 2021,
# looking ahead to the inauguration of January 20.
AFTER_INAUGURATION = re.compile(
    r"\b(?:after|since|once|following|upon)\s+(?:(?:Joe\s+)?Biden(?:'s|’s)?\s+|his\s+|the\s+)?"
    r"(?:inauguration|took\s+office|taking\s+office|became\s+president|entered\s+office|"
    r"was\s+sworn\s+in|swearing-in)\b"
    # "... once he got in", of Biden: "he" is him only in a question naming him.
    r"|^(?=.*\bBiden\b).*?\b(?:after|since|once|when|following|upon)\s+(?:Biden|he)\s+"
    r"(?:got\s+in|came\s+in|took\s+over|took\s+power|came\s+to\s+power|assumed\s+"
    r"(?:office|the\s+presidency)|moved\s+into\s+the\s+White\s+House|started\s+his\s+term)\b"
    # "... once it took office", "once he was in office", of Biden or his administration: what
    # it did then (not what it pledged to do then: "What did Biden pledge to do once he took
    # office?" is answered by the pledge).
    r"|^(?=.*\bBiden\b)(?!.*\b(?:pledg|promis|vow|plan|intend|propos|expect|hop|want|will\b|"
    r"would\b|should\b))"
    r".*?\b(?:after|since|once|when|following|upon)\s+(?:Biden|he|it|the\s+(?:new\s+)?"
    r"administration|his\s+administration)\s+(?:was\s+in\s+office|got\s+into\s+office|"
    r"took\s+office|was\s+inaugurated|came\s+into\s+office)\b"
    # "Biden's first budget request", "in his first year in office", "their first meeting as
    # presidents": the presidency itself, which began after the brief.
    r"|\bBiden(?:'s|’s)?\s+(?:administration(?:'s|’s)?\s+)?first\s+(?:budget|year|months?|"
    r"100\s+days|hundred\s+days|executive\s+orders?)\b"
    r"|^(?=.*\bBiden\b).*?\b(?:his|their)\s+first\s+(?:year|months?|100\s+days|days)\s+in\s+office\b"
    r"|^(?=.*\bBiden\b).*?\b(?:meet|met|meeting|summit)\b[^?]*?\bas\s+(?:sitting\s+)?presidents\b"
    r"|\b(?:desde|tras|despu[ée]s\s+de)\s+(?:la|su)\s+(?:toma\s+de\s+posesi[óo]n|investidura)\b"
    # "... en cuanto asumió la presidencia", of Biden.
    r"|^(?=.*\bBiden\b).*?\b(?:en\s+cuanto|una\s+vez\s+que|desde\s+que|despu[ée]s\s+de\s+que|"
    r"tras)\s+(?:Biden\s+)?(?:asumi[óo]|lleg[óo]|tom[óo]\s+posesi[óo]n|entr[óo])\b",
    re.I,
)

# "After Cienfuegos went back to Mexico, was he charged?", "¿... después de regresar?": what
# followed someone's return, which only a sentence going on past the return tells.
AFTER_RETURN = re.compile(
    r"\b(?:after|since|following|once|upon)\s+(?:[\w'’.-]+\s+){0,4}?(?:return(?:ed|ing)?\b|"
    r"(?:went|came|got|going|coming|flew|flown|sent|brought|was|were|is|are|been)\s+"
    r"(?:back|home)\b|back\s+home\b|"
    r"repatriat)"
    r"|\b(?:despu[ée]s\s+de|tras|desde\s+(?:que|su))\s+(?:[\w'’.-]+\s+){0,3}?(?:regres|volv|vuelta)",
    re.I,
)

# What goes on past a return: "... after his return, prosecutors ...", "... later ...".
PAST_RETURN = re.compile(
    r"\b(?:after|since|following|subsequent(?:ly)?|later|afterwards|thereafter|upon)\b"
    r"(?:\W+\w+){0,6}?\W+(?:return|back|home|arriv)",
    re.I,
)

# "Who was convicted of Camarena's murder?", "What prison sentence did he get?", "Was he put
# on trial?": how a case ended in court, which the evidence must tell (LEGAL_OUTCOME_TOLD).
ASKS_LEGAL_OUTCOME = re.compile(
    r"\b(?:convict(?:ed|ion|ions)?|sentenced|(?:prison|jail)\s+(?:sentences?|terms?|time)|"
    r"years\s+(?:in|of|behind)\s+(?:prison|jail|bars)|(?:what|which)\s+sentence|"
    r"how\s+long\s+(?:a|of\s+a)\s+sentence|acquitt(?:ed|al)|exonerated|found\s+guilty|"
    # ... not what someone is sent "to face trial" for: extradition.
    r"(?<!\bto\s)(?:put|stand|stood|face|faced|go|went|brought)\s+(?:on\s+|to\s+)?trial|"
    r"condenad[oa]s?|sentenciad[oa]s?|c[áa]rcel|prisi[óo]n|(?:a|en|el)\s+juicio|absuelt[oa]s?)\b",
    re.I,
)
# ... and what tells it: a conviction, a sentence, charges dropped, cases left unpunished.
LEGAL_OUTCOME_TOLD = re.compile(
    r"\b(?:convict\w*|sentenced|acquitt\w*|jailed|imprison\w*|prison|trial|guilty|unpunished|"
    r"(?:drop|dropped|dropping)\s+(?:[\w-]+\s+){0,4}?charges|charges\s+(?:were\s+)?dropped)\b",
    re.I,
)

# "According to Amnesty International, ...", "Per the CPJ, ...", "Según El Universal, ...":
# whom the question says the answer comes from.
ATTRIBUTED_TO = re.compile(
    r"\b(?:according\s+to|per|seg[úu]n)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?"
    r"((?-i:[A-Z])[\w'’.-]*(?:\s+(?:(?:of|for|to|on|without|and|the|de|del|la|y)\s+)?"
    r"(?-i:[A-Z])[\w'’.-]*)*)",
    re.I,
)

# What a reaction asked for answers: "How did X respond to William Barr's criticism?"
# (whose move it was: "William Barr's criticism", "the ProPublica investigation", up to the
# first preposition; not "the U.S. decision to drop the charges against Cienfuegos")
REACTED_TO = re.compile(
    r"\b(?:respond|react|reply)\s+to\s+(.+?)(?=\s+(?:to|of|on|against|into|about|in|by|from|"
    r"over|regarding)\b|[?,;]|$)",
    re.I,
)

# Whose role "What position did X hold?" asks for.
ROLE_HELD = re.compile(
    r"^\W*(?:what|which)\s+(?:[\w-]+\s+)?(?:job|title|position|post|office|role|rank|"
    r"occupation|profession)\s+(?:did|does|do)\s+(?P<owner>.+?)\s+(?:hold|have|occupy|fill)\b",
    re.I,
)

# ... and in Spanish: "¿Qué cargo ocupaba Fabián Medina en la SRE?"
ROLE_HELD_ES = re.compile(
    r"^\W*¿?\s*(?:qu[ée]|cu[áa]l)\s+(?:era\s+(?:el|la)\s+)?(?:cargo|puesto|posici[óo]n|"
    r"t[íi]tulo|rango)\s+(?:exacto\s+|preciso\s+)?(?:ocupaba|ocup[óo]|ocupa|ten[íi]a|tuvo|tiene|"
    r"desempe[ñn]aba|desempe[ñn][óo]|de)\s+(?P<owner>(?-i:[A-ZÁÉÍÓÚÑ])[\w'’.-]*"
    r"(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'’.-]*)*)",
    re.I,
)

# A government called by its seat ("the Trump White House", "Washington", "Mexico City"): the
# brief's governments, though only its notes write these names.
SEAT_OF_GOVERNMENT = re.compile(
    r"\b(?:White\s+House|Washington(?!\s+Post)|Mexico\s+City|Los\s+Pinos|Palacio\s+Nacional|"
    r"Capitol\s+Hill)\b"
)

# The words that ask whether something is so, not what.
VERIFYING = re.compile(
    r"\b(?:confirms?|confirmed|accurate(?:ly)?|true|correct(?:ly)?|really|actually|indeed|"
    r"verify|say|says|said|claims?|states?)\b",
    re.I,
)
