"""Questions about everyday matters, which a policy brief has nothing to say on.

"Who won the 2020 World Series?" or "What's the best time of year to visit Monterrey as a
tourist?" share a name or a year with the brief, so the lexical signals see a near miss and
the nearest passage still scores as well as many a real answer's (embedding similarities of
one model sit in a narrow band). What tells them apart is what else they resemble: such a
question is closer to a plain description of an everyday subject (sports, travel, cooking,
the weather) than to any passage of the corpus, and a question about the brief never is.

The descriptions name subjects far from the brief's on purpose: a subject the brief touches
(migration, drugs, health policy, history) would make real questions look like strangers.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from qa.embeddings import FloatArray

# Plain descriptions of subjects a security-policy brief never covers.
EVERYDAY_SUBJECTS = (
    "sports in Mexico and the United States: soccer clubs, baseball teams, league titles, "
    "championships, scores and players",
    "travel and tourism in Mexican and border cities: vacations, hotels, beaches, hiking, "
    "sightseeing, the best time to visit",
    "Mexican food and cooking: recipes, restaurants, dishes, ingredients, where to eat",
    "weather and climate in Mexican and border cities: temperature, rain, seasons, heat",
    "geography trivia about Mexico: the capital of a state, the population of a city, rivers, "
    "mountains, area",
    "fitness and diet: workouts, running, weight loss, vitamins, sleep",
    "home, money and shopping: home repair, contractors, buying a car, insurance, mortgages, "
    "products",
    "entertainment: movies, music, television shows, celebrities, video games",
    "technology and computers: software, phones, programming, apps, the internet",
    "personal errands: renewing a passport, driver's license, filing taxes, booking a flight",
    "science and nature: physics, chemistry, biology, astronomy, animals, plants, how things work",
    "pets and animals: dogs, cats, caring for a pet, wildlife",
)

# Some of the same subjects in Spanish, which a Spanish question meets more closely. Any
# Spanish question is nearer Spanish descriptions than English ones, so these need a wider
# margin (below).
EVERYDAY_SUBJECTS_ES = (
    "deportes en México: equipos de fútbol, béisbol, campeonatos, jugadores",
    "turismo y viajes en México: playas, hoteles, vacaciones, la mejor época para visitar",
    "comida y recetas mexicanas: restaurantes, platillos, ingredientes",
    "el clima y el tiempo en ciudades mexicanas: temperatura, lluvia, calor",
    "geografía de México: la capital de un estado, la población de una ciudad, ríos, montañas",
)

# How much closer to an everyday subject than to the corpus a question must be to be declined.
# On the eval sets' dev questions, every one at 0 or above is one to decline; the closest
# answerable one ("Quick rundown of the author's key policy recs?") lies 0.014 below it.
EVERYDAY_MARGIN = 0.0
# ... and to a Spanish description: the closest answerable Spanish dev question lies 0.003
# below 0, the Spanish questions on the weather or a state's capital 0.03-0.05 above it.
EVERYDAY_MARGIN_ES = 0.02


# The embedders the margins were measured with: another model's similarities sit in another
# band (with minilm the guard declined answerable test questions).
EVERYDAY_EMBEDDERS = ("e5",)


class PassageEncoder(Protocol):
    """What the guard needs of an embedder."""

    def encode_passages(self, texts: tuple[str, ...]) -> FloatArray: ...


class EverydayGuard:
    """Tells questions about everyday subjects from questions about the corpus."""

    def __init__(self, embedder: PassageEncoder) -> None:
        self._names = EVERYDAY_SUBJECTS + EVERYDAY_SUBJECTS_ES
        self._subjects = np.asarray(embedder.encode_passages(self._names), dtype=np.float32)
        # Each description's margin, in the order of the rows above.
        self._margins = np.array(
            [EVERYDAY_MARGIN] * len(EVERYDAY_SUBJECTS)
            + [EVERYDAY_MARGIN_ES] * len(EVERYDAY_SUBJECTS_ES),
            dtype=np.float32,
        )

    def nearest(self, query_vector: FloatArray) -> tuple[str, float]:
        """The everyday subject nearest the question (its margin taken off), and how much
        nearer it is than that margin (the similarity, for a margin of 0)."""
        similarities = self._subjects @ query_vector - self._margins
        at = int(np.argmax(similarities))
        return self._names[at], float(similarities[at])

    def is_everyday(self, query_vector: FloatArray, corpus_similarity: float) -> bool:
        """Whether the question is nearer an everyday subject than the best corpus passage,
        by that subject's margin."""
        return self.nearest(query_vector)[1] >= corpus_similarity
