"""A small Spanish-to-English glossary, so a Spanish question can match English text by words.

The corpus is English and answers quote it verbatim. Dense retrieval is multilingual, but the
lexical evidence used to pick sentences is not: "noviembre" never matches "November". This
glossary maps common question words and the vocabulary of security policy (months, numbers,
institutions, crimes, policy terms) to English. It is deliberately small and general; for
words it does not know, `cognates` offers the English words they may be ("intención" ->
"intention", "control" -> "control"), which count only if the corpus uses them.

Example: `to_english("¿Cuántas extradiciones hubo en noviembre?") -> "extraditions november"`.
"""

from __future__ import annotations

import re

from qa.lang import fold, is_spanish_function_word

_GLOSSARY: dict[str, str] = {
    # months
    "enero": "january", "febrero": "february", "marzo": "march", "abril": "april",
    "mayo": "may", "junio": "june", "julio": "july", "agosto": "august",
    "septiembre": "september", "setiembre": "september", "octubre": "october",
    "noviembre": "november", "diciembre": "december",
    # numbers and quantities
    "uno": "one", "dos": "two", "tres": "three", "cuatro": "four", "cinco": "five",
    "seis": "six", "siete": "seven", "ocho": "eight", "nueve": "nine", "diez": "ten",
    "quince": "fifteen", "cien": "hundred", "mil": "thousand", "porcentaje": "percent",
    "por ciento": "percent", "tasa": "rate", "numero": "number", "total": "total",
    "anos": "years", "ano": "year", "decada": "decade", "decadas": "decades",
    "primer": "first", "primera": "first", "primeros": "first", "segundo": "second",
    "cuarto": "fourth", "quinto": "fifth", "ultimo": "last", "ultimos": "last",
    # people and institutions
    "personas": "people", "persona": "person", "funcionarios": "officials",
    "funcionario": "official", "funcionaria": "official", "funcionarias": "officials",
    "presidente": "president", "presidentes": "presidents", "gobierno": "government",
    "gobiernos": "governments", "congreso": "congress", "ejercito": "army", "ejercitos": "army",
    "militares": "military", "militar": "military", "fuerzas": "forces", "policia": "police",
    "policias": "police", "policial": "police", "policiales": "police", "guardia": "guard",
    "nacional": "national", "agentes": "agents",
    "agente": "agent", "fiscal": "attorney", "procurador": "attorney", "secretario": "secretary",
    "ministro": "minister", "defensa": "defense", "departamento": "department",
    "justicia": "justice", "estado": "state", "estados": "states", "unidos": "united",
    # "EE. UU.", "EEUU": the United States
    "ee": "united", "uu": "states", "eeuu": "united states",
    "estadounidense": "u.s.", "estadounidenses": "u.s.", "mexicano": "mexican",
    "mexicana": "mexican", "mexicanos": "mexican", "mexicanas": "mexican",
    "centroamerica": "central america", "centroamericanos": "central american",
    "autora": "author", "autor": "author", "capitulo": "chapter", "informe": "report",
    "texto": "text", "articulo": "article", "medio": "outlet", "investigacion": "investigation",
    "filtracion": "leaked", "desencadeno": "triggered", "escribio": "wrote",
    "periodico": "newspaper", "nota": "note",
    "notas": "notes", "fuente": "source", "fuentes": "sources", "cita": "cites",
    "universidad": "university", "profesora": "professor", "profesor": "professor",
    "historia": "history", "sociologia": "sociology", "doctorado": "phd",
    "cartel": "cartel", "carteles": "cartels", "narcotraficantes": "drug traffickers",
    "periodistas": "journalists", "periodista": "journalist", "migrantes": "migrants",
    "migrante": "migrant", "ciudadanos": "citizens", "victimas": "victims",
    "comunidades": "communities", "campesinos": "farmers", "agricultores": "farmers",
    "jovenes": "young", "lideres": "leaders", "lider": "leader", "capos": "kingpin",
    "organizaciones": "organizations", "organizacion": "organization",
    "criminales": "criminal", "criminal": "criminal", "delictivas": "criminal",
    "expertos": "experts", "comision": "commission", "iniciativa": "initiative",
    "comite": "committee", "proteccion": "protect", "proteger": "protect",
    # crimes and violence
    "violencia": "violence", "homicidios": "homicides", "homicidio": "homicide",
    "asesinatos": "murders", "asesinados": "murdered", "asesinato": "murder",
    "muertes": "deaths", "muertos": "dead", "murieron": "died", "desaparecidos": "disappeared",
    "desapariciones": "disappearances", "secuestros": "kidnappings", "extorsiones": "extortions",
    "robos": "robberies", "feminicidios": "femicides", "masacre": "massacre",
    "masacres": "massacres", "tortura": "torture", "corrupcion": "corruption",
    "impunidad": "impunity", "crimen": "crime", "delitos": "crimes", "delito": "crime",
    "drogas": "drugs", "droga": "drug", "narcotrafico": "drug trafficking",
    "trafico": "trafficking", "armas": "arms guns", "lavado": "laundering",
    "dinero": "money", "sobredosis": "overdose", "opioides": "opioids", "fentanilo": "fentanyl",
    "amapola": "poppy", "opio": "opium", "marihuana": "marijuana", "mariguana": "marijuana",
    "cannabis": "cannabis",
    "posibilidad": "possibility", "posibilidades": "possibilities",
    "impulsa": "drives", "impulsan": "drive", "empuja": "drives", "empujan": "drive",
    "cultivos": "crops", "cultivo": "crop", "consumo": "consumption", "demanda": "demand",
    "oferta": "supply", "extradiciones": "extraditions", "extradicion": "extradition",
    "extraditados": "extradited", "extradito": "extradited", "extradito ": "extradited",
    "derechos": "rights", "humanos": "human", "abusos": "abuse", "inseguridad": "insecurity",
    # policy
    "seguridad": "security", "cooperacion": "cooperation", "colaboracion": "collaboration",
    "relacion": "relationship", "relaciones": "relations", "bilateral": "bilateral",
    "politica": "policy", "politicas": "policies", "estrategia": "strategy",
    "estrategias": "strategies", "recomendacion": "recommendation",
    "recomendaciones": "recommendations", "recomienda": "recommends", "propone": "proposes",
    "enfoque": "approach", "guerra": "war", "prevencion": "prevention",
    "programas": "programs", "programa": "program", "pilares": "pillars", "pilar": "pillar",
    "frontera": "border", "fronteras": "borders", "muro": "wall", "migracion": "migration",
    "entrada": "entering entry", "ingreso": "entering entry", "llegada": "arrival",
    "migratoria": "migration", "asilo": "asylum", "soberania": "sovereignty",
    "confianza": "trust", "desconfianza": "distrust", "ley": "law", "leyes": "laws",
    "reforma": "reform", "estado de derecho": "rule of law", "instituciones": "institutions",
    "pandemia": "pandemic", "pobreza": "poverty", "desigualdad": "inequality",
    "salud": "health", "humano": "humane", "humanitario": "humane", "legalizacion": "legalization",
    "legalizar": "legalize", "tratamiento": "treatment", "militarizacion": "militarization",
    "disuasion": "deterrence", "desarrollo": "development", "economico": "economic",
    "economica": "economic", "economicas": "economic", "oportunidades": "opportunities",
    "empleo": "jobs", "empleos": "jobs", "sur": "southern", "norte": "northern",
    "acuerdo": "agreement", "asistencia": "assistance", "fondos": "funds",
    "presupuesto": "budget", "entrenamiento": "training", "capacitacion": "training",
    "formacion": "training",
    "evaluacion": "evaluation", "inteligencia": "intelligence",
    "tasa de homicidios": "homicide rate",
    # common nouns of questions
    "miembros": "members", "miembro": "member", "integrantes": "members",
    "elementos": "members", "gente": "people", "poblacion": "population",
    "habitantes": "inhabitants", "mujeres": "women", "ninos": "children",
    "familias": "families", "autoridades": "authorities", "autoridad": "authority",
    "grupos": "groups", "grupo": "group", "cuerpo": "force", "cuerpos": "forces",
    "soldados": "soldiers", "tropas": "troops", "paises": "countries", "pais": "country",
    "ciudades": "cities", "ciudad": "city", "problema": "problem", "problemas": "problems",
    "principio": "principle", "esfuerzos": "efforts", "esfuerzo": "effort",
    "amenazas": "threats", "amenaza": "threat", "caso": "case", "casos": "cases",
    "ayuda": "aid assistance", "uso": "use", "frase": "phrase", "palabras": "words",
    "epidemia": "epidemic", "declaracion": "statement", "declaraciones": "statements",
    "contexto": "context", "impacto": "impact", "senal": "signal", "paso": "step",
    "documento": "document", "sexenio": "presidency", "mandato": "term",
    "presidencia": "presidency inauguration", "asumio": "inauguration", "asumir": "inauguration",
    "posesion": "inauguration", "investidura": "inauguration",
    "exsecretario": "former secretary", "subtitulo": "subtitle", "objetivo": "goal",
    "objetivos": "goals", "metas": "goals", "resultados": "results",
    "consecuencias": "consequences", "causas": "causes", "causa": "cause",
    "razon": "reason", "razones": "reasons", "motivo": "reason", "lecciones": "lessons",
    "promesas": "promises", "promesa": "promise", "compromiso": "commitment",
    "fase": "phase", "etapa": "phase", "medidas": "measures", "acciones": "actions",
    "tribunal": "court", "corte": "court", "juez": "judge", "eleccion": "election",
    "elecciones": "elections", "votos": "votes", "partidos": "parties",
    "legisladores": "legislators", "dolares": "dollars", "millones": "millions",
    "costo": "cost", "precio": "price", "relaciones exteriores": "foreign affairs",
    "secretaria": "ministry secretary", "cancilleria": "foreign ministry",
    "intercepcion": "intercept", "exteriores": "foreign", "exterior": "foreign",
    "cifra": "figure", "cifras": "figures",
    # verbs
    "anuncio": "announced", "anunciaron": "announced", "dijo": "said", "afirma": "says",
    "aprobo": "passed", "aprobada": "approved", "critico": "criticized", "liberacion": "release",
    "arresto": "arrest", "detencion": "arrest", "cargos": "charges", "retiro": "dropped",
    "condenado": "convicted charges", "condenada": "convicted charges", "juicio": "trial",
    "carcel": "prison jail", "prision": "prison", "sentencia": "sentence",
    "lanzo": "launched", "comenzo": "began", "inicio": "began", "termino": "end", "fin": "end",
    "aumento": "increased", "aumentaron": "increased", "redujo": "reduced", "cayo": "fell",
    "entrenada": "trained", "filtro": "leaked", "envio": "sent", "enviar": "send",
    "migrar": "migrate migration", "migra": "migrate migration", "migran": "migrate migration",
    "emigrar": "migrate migration", "emigra": "migrate migration",
    "emigran": "migrate migration", "emigracion": "migration",
    "reclutado": "recruited", "reclutados": "recruited", "reclutar": "recruit",
    "reclutamiento": "recruitment", "carecen": "lack", "carece": "lacks", "carecer": "lack",
    "civiles": "civilians", "civil": "civilian", "zar": "czar", "fuerza": "force",
    "alianza": "partnership alliance", "alianzas": "partnerships alliances",
    "prosperidad": "prosperity", "ampliar": "expand extend", "extender": "extend expand",
    "duro": "lasted", "durar": "last", "detras": "behind orchestrated",
    "orquesto": "orchestrated", "ordeno": "ordered", "corporacion": "force institution",
    "corporaciones": "forces institutions", "verano": "summer august", "invierno": "winter",
    "primavera": "spring", "otono": "autumn fall",
    "albergue": "shelters", "albergues": "shelters", "refugios": "shelters",
    "matanza": "massacre", "matanzas": "massacres",
    # roles
    "titular": "head minister secretary", "titulares": "heads ministers",
    "jefe": "head chief", "jefa": "head chief", "jefes": "heads chiefs",
    "director": "director head", "directora": "director head", "directores": "directors",
    "canciller": "foreign minister", "comandante": "commander", "portavoz": "spokesperson",
    "vocero": "spokesperson",
}  # fmt: skip

_PHRASES = sorted((k for k in _GLOSSARY if " " in k), key=len, reverse=True)


def to_english(text: str) -> str:
    """The English words the glossary knows for a Spanish text, in order (others dropped)."""
    folded = fold(text)
    found: list[str] = []
    for phrase in _PHRASES:
        if phrase in folded:
            found.append(_GLOSSARY[phrase])
            folded = folded.replace(phrase, " ")
    for word in re.findall(r"[a-z0-9]+", folded):
        if word in _GLOSSARY:
            found.append(_GLOSSARY[word])
        elif word.isdigit():
            found.append(word)
    return " ".join(found)


# Spanish endings and the English endings of their cognates; the first that fits is used, so
# a longer ending comes before a shorter one it contains.
_COGNATE_ENDINGS = (
    ("cionales", "tional"),
    ("cional", "tional"),
    ("ciones", "tions"),
    ("cion", "tion"),
    ("siones", "sions"),
    ("encia", "ence"),
    ("ancia", "ance"),
    ("idad", "ity"),
    ("ismo", "ism"),
    ("ista", "ist"),
    ("icos", "ic"),
    ("icas", "ic"),
    ("ico", "ic"),
    ("ica", "ic"),
    ("ivos", "ive"),
    ("ivas", "ive"),
    ("ivo", "ive"),
    ("iva", "ive"),
    ("cia", "cy"),
)
# Spanish words that look English but mean something else ("actual" is "current").
_NOT_COGNATES = frozenset(
    "actual actualmente once sensible real pie red era fin has texto".split()  # noqa: SIM905
)


def cognates(text: str) -> str:
    """English words that the Spanish words of `text` the glossary lacks may be.

    Each such word is offered as it is ("control", "federal") and with its ending turned
    into the English one ("intención" -> "intention", "impunidad" -> "impunity"); which of
    them count is for the reader to decide against the words the corpus uses.

    >>> cognates("¿Qué intención tenía la institución bajo control federal?")
    'intencion intention tenia institucion institution bajo control federal'
    """
    found: list[str] = []
    for word in re.findall(r"[a-z]+", fold(text)):
        if (
            len(word) < 4
            or word in _GLOSSARY
            or word in _NOT_COGNATES
            or is_spanish_function_word(word)
        ):
            continue
        found.append(word)
        for spanish, english in _COGNATE_ENDINGS:
            if word.endswith(spanish) and len(word) > len(spanish) + 2:
                found.append(word[: -len(spanish)] + english)
                break
    return " ".join(found)
