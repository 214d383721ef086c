"""When to say "the brief does not say": a small logistic model over retrieval signals.

Raw similarity scores of answerable and unanswerable questions overlap, so no single score
makes a good rule. The decision combines several signals (dense similarity, how much of the
question's key terms the evidence covers, terms the corpus never uses, whether the dense and
lexical retrievers agree, a year after the document's date, names the brief never mentions, a
yes/no question the evidence covers only in part, a "how many X" with no figure for X in the
evidence (or "what is the population of ..." with no figure beside the measure), a cited
author's name outside a question about sources) in a logistic model whose weights are fitted
on the eval set's dev split by `qa calibrate` and stored as plain JSON. Without a fitted file a
conservative hand-set model is used.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from qa.errors import QAError

FEATURES = (
    "dense_top",  # cosine of the best chunk
    "best_score",  # score of the best candidate sentence
    "coverage",  # idf share of question terms found in the chosen sentences
    "local_coverage",  # ... found in the best sentence's own paragraph
    "unknown_terms",  # idf share of question terms the corpus never uses
    "agreement",  # dense and BM25 top hits fall in the same section
    "after_date",  # the question names a year mostly after the document's date
    "year_missing",  # the question names a year that no chosen sentence holds
    "type_mismatch",  # asks for a figure, date, duration, name or place the evidence lacks
    "spanish",  # the question is Spanish (lexical signals are weaker)
    "unknown_names",  # names in the question the corpus never mentions (1 for two or more)
    "yes_no",  # a yes/no question ("Did ... actually ...?") its evidence covers only in part
    "count_missing",  # "how many pages", "what population": no figure for that noun or measure
    "cited_only",  # not about sources, yet names what the brief names only in endnotes
)


# Share (by idf weight) of an English question's terms that the corpus never uses at which the
# question is declined outright: no answerable dev question comes near it.
OFF_CORPUS_SHARE = 0.9

# The direction each signal may push towards abstaining (+1), answering (-1), or either (0).
# Fitting keeps weights to these signs: with few unanswerable examples to learn from, a
# weight of the wrong sign is noise, and it would not carry over to new questions.
SIGNS = (-1, -1, -1, -1, 1, -1, 1, 1, 1, 0, 1, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Signals:
    """The values the decision is made from, kept on the answer for inspection."""

    dense_top: float
    best_score: float
    coverage: float
    local_coverage: float
    unknown_terms: float
    agreement: float
    after_date: float
    year_missing: float
    type_mismatch: float
    spanish: float
    unknown_names: float
    yes_no: float
    count_missing: float = 0.0
    cited_only: float = 0.0

    def vector(self) -> list[float]:
        """Values in the order of FEATURES."""
        return [getattr(self, name) for name in FEATURES]


@dataclass(frozen=True)
class AbstentionModel:
    """Logistic weights over standardised signals, and the probability to abstain at."""

    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float = 0.5
    fitted_on: str = "hand-set default"
    operating_point: dict[str, float] = field(default_factory=dict)

    def probability(self, signals: Signals) -> float:
        """Probability that the question is not answerable from the brief."""
        z = self.bias
        for w, x, m, s in zip(self.weights, signals.vector(), self.means, self.scales, strict=True):
            z += w * (x - m) / s
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def abstain(self, signals: Signals) -> bool:
        """True when the brief most likely does not answer the question.

        Whatever the fitted weights, an English question almost none of whose words the
        corpus ever uses ("How do I renew my passport?") is not about the brief.
        """
        if signals.spanish == 0.0 and signals.unknown_terms >= OFF_CORPUS_SHARE:
            return True
        return self.probability(signals) >= self.threshold

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict of the model."""
        data: dict[str, object] = asdict(self)
        data["features"] = list(FEATURES)
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> AbstentionModel:
        """The inverse of `to_json`; ValueError if the features are not this version's."""
        if data.get("features") != list(FEATURES):
            raise ValueError("its features differ from this version's")
        return cls(
            weights=tuple(data["weights"]),  # type: ignore[arg-type]
            bias=float(data["bias"]),  # type: ignore[arg-type]
            means=tuple(data["means"]),  # type: ignore[arg-type]
            scales=tuple(data["scales"]),  # type: ignore[arg-type]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            fitted_on=str(data.get("fitted_on", "")),
            operating_point=dict(data.get("operating_point", {})),  # type: ignore[call-overload]
        )


def configuration(embedder: str, mode: str) -> str:
    """The key a model is stored under: signals differ by embedder and retrieval mode."""
    return f"{embedder}/{mode}"


def save_model(path: Path, key: str, model: AbstentionModel) -> None:
    """Store `model` under `key` in the models file (atomically; other keys are kept)."""
    models: dict[str, object] = {}
    if path.exists():
        try:
            models = dict(json.loads(path.read_text(encoding="utf-8")).get("models", {}))
        except (OSError, ValueError, AttributeError):
            models = {}
    models[key] = model.to_json()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"models": models}, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


# Hand-set fallback: abstain on weak coverage, unknown terms or names, or a later year.
DEFAULT_MODEL = AbstentionModel(
    weights=(-0.5, -0.8, -0.8, -0.8, 1.0, -0.3, 4.0, 2.0, 2.0, 0.0, 2.0, 1.0, 1.0, 1.0),
    bias=-2.5,
    means=(0.87, 1.3, 0.5, 0.5, 0.3, 0.6, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    scales=(0.03, 0.4, 0.25, 0.25, 0.25, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
)


def load_model(path: Path, key: str) -> AbstentionModel:
    """The model fitted for configuration `key`, or the hand-set default if there is none."""
    if not path.exists():
        return DEFAULT_MODEL
    try:
        models = json.loads(path.read_text(encoding="utf-8"))["models"]
        if key not in models:
            return DEFAULT_MODEL
        return AbstentionModel.from_json(models[key])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise QAError(
            f"the abstention model {path} cannot be read ({exc}); "
            "refit it with `qa calibrate` or delete it to use the default."
        ) from None


def fit(
    signals: list[Signals], unanswerable: list[bool], l2: float = 4.0, steps: int = 3000
) -> tuple[tuple[float, ...], float, tuple[float, ...], tuple[float, ...]]:
    """Fit sign-constrained logistic weights by projected gradient descent (deterministic).

    Returns weights, bias, and the means and scales the signals are standardised with.
    """
    x = np.array([s.vector() for s in signals], dtype=np.float64)
    y = np.array(unanswerable, dtype=np.float64)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-6] = 1.0
    z = (x - means) / scales
    # Weight the rarer class up so the model does not learn to never abstain.
    pos = max(y.sum(), 1.0)
    neg = max(len(y) - y.sum(), 1.0)
    sample_w = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * neg))
    w = np.zeros(z.shape[1])
    signs = np.array(SIGNS)
    b = 0.0
    rate = 0.1
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        grad = (sample_w * (p - y)) @ z / len(y) + l2 * w / len(y)
        w -= rate * grad
        w = np.where(signs > 0, np.maximum(w, 0.0), np.where(signs < 0, np.minimum(w, 0.0), w))
        b -= rate * float((sample_w * (p - y)).mean())
    return tuple(map(float, w)), float(b), tuple(map(float, means)), tuple(map(float, scales))


def choose_threshold(
    probabilities: list[float], unanswerable: list[bool], max_false_rate: float = 0.04
) -> tuple[float, dict[str, float]]:
    """The threshold with the best abstention recall whose false-abstention rate stays low.

    Among thresholds keeping false abstentions (answerable questions declined) at or under
    `max_false_rate`, take the one that declines the most unanswerable questions; ties go to
    the highest threshold, which declines least. The threshold is then set halfway (in
    log-odds) between the lowest probability declined and the highest one answered: every
    point of that gap gives the same operating point on the fitted rows, and its middle
    leaves the most room on either side for questions not among them.

    >>> t, point = choose_threshold([0.1, 0.2, 0.8, 0.9], [False, False, True, True])
    >>> round(t, 3), point["abstention_recall"], point["false_abstention_rate"]
    (0.5, 1.0, 0.0)
    """
    answerable = [not u for u in unanswerable]
    n_pos = max(sum(unanswerable), 1)
    n_neg = max(sum(answerable), 1)
    best: tuple[float, float, float] | None = None
    for t in sorted(set(probabilities) | {0.5}):
        declined = [p >= t for p in probabilities]
        recall = sum(d and u for d, u in zip(declined, unanswerable, strict=True)) / n_pos
        false = sum(d and a for d, a in zip(declined, answerable, strict=True)) / n_neg
        if false <= max_false_rate and (best is None or recall >= best[1]):
            best = (t, recall, false)
    if best is None:
        best = (1.01, 0.0, 0.0)
    threshold, recall, false = best
    answered = [p for p in probabilities if p < threshold]
    if answered and threshold <= 1.0:
        threshold = _midpoint(max(answered), threshold)
    return threshold, {"abstention_recall": recall, "false_abstention_rate": false}


def _midpoint(low: float, high: float) -> float:
    """The probability halfway between two others in log-odds."""

    def logit(p: float) -> float:
        p = min(max(p, 1e-9), 1 - 1e-9)
        return math.log(p / (1 - p))

    return 1.0 / (1.0 + math.exp(-(logit(low) + logit(high)) / 2))


def calibrate(
    signals: list[Signals], unanswerable: list[bool], description: str, max_false_rate: float = 0.04
) -> AbstentionModel:
    """Fit the model on labelled signals and pick its operating point (see `choose_threshold`)."""
    weights, bias, means, scales = fit(signals, unanswerable)
    model = AbstentionModel(weights, bias, means, scales, threshold=0.5, fitted_on=description)
    probabilities = [model.probability(s) for s in signals]
    threshold, point = choose_threshold(probabilities, unanswerable, max_false_rate)
    return AbstentionModel(
        weights, bias, means, scales, threshold=threshold, fitted_on=description,
        operating_point={"threshold": threshold, **point},
    )  # fmt: skip
