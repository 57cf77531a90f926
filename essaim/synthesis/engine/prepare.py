"""Reading contributions once: clean texts, distinct forms, analysis, reasons to set aside.

Identical texts (same words once lower-cased and without accents) are analysed once and weigh
as many contributions as they stand for, which is what keeps a million contributions fast.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from essaim.synthesis.engine.model import EMPTY, LANGUAGE, NO_CONTENT, Contribution
from essaim.synthesis.engine.text import analyse_words, clean, fold, words

Progress = Callable[[str, float], None]


def no_progress(step: str, fraction: float) -> None:
    """Default progress callback: says nothing."""


@dataclass
class Prepared:
    texts: list[str]  # clean text of each contribution
    form_of: np.ndarray  # index of each contribution's distinct form
    forms: list[str]  # distinct normal forms
    terms: list[list[str]]  # analysed terms of each distinct form
    weights: np.ndarray  # how many contributions each distinct form stands for
    reasons: list[str]  # per distinct form: "" or why it cannot be classified


def prepare(contributions: Sequence[Contribution], *, progress: Progress = no_progress,
            step: str = "Analyse des textes") -> Prepared:  # fmt: skip
    texts, form_of, forms, terms, reasons = [], [], [], [], []
    index: dict[str, int] = {}
    total = max(len(contributions), 1)
    for position, contribution in enumerate(contributions):
        text = clean(contribution.text)
        texts.append(text)
        tokens = words(text)
        form = " ".join(fold(w) for w in tokens)
        known = index.get(form)
        if known is None:
            known = index[form] = len(forms)
            forms.append(form)
            analysis = analyse_words(tokens)
            terms.append(analysis.terms)
            if not form:
                reasons.append(EMPTY)
            elif analysis.language == "other":
                reasons.append(LANGUAGE)
            elif not analysis.terms:
                reasons.append(NO_CONTENT)
            else:
                reasons.append("")
        form_of.append(known)
        if position % 5000 == 4999:
            progress(step, (position + 1) / total)
    progress(step, 1.0)
    form_of_array = np.array(form_of, dtype=np.int64)
    weights = np.bincount(form_of_array, minlength=len(forms)) if forms else np.zeros(0, int)
    return Prepared(texts, form_of_array, forms, terms, weights, reasons)
