"""The intent classifier: TF-IDF word and character n-grams with a linear SVM.

Measured on our Dutch data (docs/nlu-report.md) this beats DIET, with or without transformer
layers, in 5-fold cross-validation, trains in seconds instead of minutes and answers in well
under a millisecond. Chat messages are short and typo-ridden: word uni- and bigrams with
sentence-start and sentence-end markers catch "wat is ..." or "... toch", character n-grams
inside words catch "stopen" and "wrm".

A linear SVM gives scores, not probabilities. The dialogue needs confidences (the fallback
threshold, the digression threshold), so the scores go through a softmax whose temperature
is fitted on held-out folds of the training data: a 0.8 then means "right about 8 in 10 times".

No Rasa imports: ``components/intent_classifier.py`` adapts this to the Rasa pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_DIGITS_RE = re.compile(r"\d")
BOS, EOS = "<s>", "</s>"


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def word_tokens(text: str, tokens: Sequence[str] | None = None) -> list[str]:
    """Lower-cased tokens between sentence markers; digits become 0 ("24 uur" ~ "32 uur")."""
    toks = tokens if tokens is not None else _TOKEN_RE.findall(text)
    return [BOS, *(_DIGITS_RE.sub("0", t.lower()) for t in toks if t.strip()), EOS]


def char_text(text: str) -> str:
    return _DIGITS_RE.sub("0", text.lower())


@dataclass(frozen=True)
class Prediction:
    intent: str
    confidence: float
    ranking: list[tuple[str, float]]


class IntentModel:
    """Fit on (text, intent) pairs; predict an intent with a confidence and a ranking."""

    def __init__(
        self,
        *,
        c: float = 2.0,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (1, 4),
        calibration_folds: int = 3,
        random_seed: int = 42,
        class_weight: str | None = None,
    ) -> None:
        self.c = c
        self.class_weight = class_weight
        self.word_ngrams = tuple(word_ngrams)
        self.char_ngrams = tuple(char_ngrams)
        self.calibration_folds = calibration_folds
        self.random_seed = random_seed
        self.temperature = 1.0
        self._words: TfidfVectorizer | None = None
        self._chars: TfidfVectorizer | None = None
        self._svm: LinearSVC | None = None

    # --- features ---------------------------------------------------------------------------

    def _new_vectorizers(self) -> tuple[TfidfVectorizer, TfidfVectorizer]:
        # Word n-grams are built in _word_docs (a callable analyzer ignores ngram_range).
        words = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.char_ngrams, sublinear_tf=True, lowercase=False
        )
        return words, chars

    def _word_docs(self, token_lists: Sequence[list[str]]) -> list[list[str]]:
        low, high = self.word_ngrams
        docs = []
        for toks in token_lists:
            grams = []
            for n in range(low, high + 1):
                grams.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
            docs.append(grams)
        return docs

    def _features(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[str] | None],
        vectorizers: tuple[TfidfVectorizer, TfidfVectorizer],
        *,
        fit: bool,
    ) -> csr_matrix:
        words, chars = vectorizers
        word_docs = self._word_docs([word_tokens(t, k) for t, k in zip(texts, tokens, strict=True)])
        char_docs = [char_text(t) for t in texts]
        if fit:
            return hstack([words.fit_transform(word_docs), chars.fit_transform(char_docs)]).tocsr()
        return hstack([words.transform(word_docs), chars.transform(char_docs)]).tocsr()

    # --- training ---------------------------------------------------------------------------

    def fit(
        self,
        texts: Sequence[str],
        intents: Sequence[str],
        tokens: Sequence[Sequence[str] | None] | None = None,
    ) -> IntentModel:
        if len(texts) != len(intents) or not texts:
            raise ValueError("need as many intents as texts, and at least one of each")
        tokens = list(tokens) if tokens is not None else [None] * len(texts)
        labels = np.asarray(intents)
        if len(set(intents)) < 2:
            raise ValueError("need examples of at least two intents")
        self.temperature = self._fit_temperature(texts, labels, tokens)
        self._words, self._chars = self._new_vectorizers()
        features = self._features(texts, tokens, (self._words, self._chars), fit=True)
        self._svm = self._new_svm().fit(features, labels)
        return self

    def _new_svm(self) -> LinearSVC:
        # getattr: models pickled before the option existed have no such attribute.
        return LinearSVC(
            C=self.c,
            random_state=self.random_seed,
            class_weight=getattr(self, "class_weight", None),
        )

    def _fit_temperature(
        self, texts: Sequence[str], labels: np.ndarray, tokens: list[Sequence[str] | None]
    ) -> float:
        """Softmax temperature that makes held-out confidences honest (least log-loss)."""
        _, counts = np.unique(labels, return_counts=True)
        folds = min(self.calibration_folds, int(counts.min()))
        if folds < 2:
            return 1.0
        split = StratifiedKFold(folds, shuffle=True, random_state=self.random_seed)
        scores, truth = [], []
        for train, test in split.split(np.zeros(len(labels)), labels):
            vec = self._new_vectorizers()
            x_train = self._features(
                [texts[i] for i in train], [tokens[i] for i in train], vec, fit=True
            )
            x_test = self._features(
                [texts[i] for i in test], [tokens[i] for i in test], vec, fit=False
            )
            svm = self._new_svm().fit(x_train, labels[train])
            decision = svm.decision_function(x_test)
            if decision.ndim == 1:  # two classes: one column of scores
                decision = np.column_stack([-decision, decision])
            index = {c: k for k, c in enumerate(svm.classes_)}
            known = np.array([lab in index for lab in labels[test]])
            scores.append(decision[known])
            truth.append(np.array([index[lab] for lab in labels[test][known]]))
        all_scores, all_truth = np.vstack(scores), np.concatenate(truth)
        best_t, best_loss = 1.0, float("inf")
        for t in np.geomspace(0.1, 50.0, 80):
            probs = _softmax(all_scores * t)
            loss = -np.mean(np.log(probs[np.arange(len(all_truth)), all_truth] + 1e-12))
            if loss < best_loss:
                best_t, best_loss = float(t), loss
        return best_t

    # --- prediction -------------------------------------------------------------------------

    @property
    def intents(self) -> list[str]:
        return [] if self._svm is None else [str(c) for c in self._svm.classes_]

    def predict(
        self, texts: Sequence[str], tokens: Sequence[Sequence[str] | None] | None = None
    ) -> list[Prediction]:
        if self._svm is None or self._words is None or self._chars is None:
            raise RuntimeError("the intent model is not trained")
        if not texts:
            return []
        tokens = list(tokens) if tokens is not None else [None] * len(texts)
        if len(texts) <= 4:  # a chat turn: skip scikit-learn's per-call overhead (~5 ms)
            decision = np.vstack(
                [self._decision_one(t, k) for t, k in zip(texts, tokens, strict=True)]
            )
        else:
            features = self._features(texts, tokens, (self._words, self._chars), fit=False)
            decision = self._svm.decision_function(features)
        if decision.ndim == 1 or decision.shape[1] == 1:
            decision = np.column_stack([-decision.ravel(), decision.ravel()])
        probs = _softmax(decision * self.temperature)
        classes = self.intents
        out = []
        for row in probs:
            order = np.argsort(-row)
            ranking = [(classes[k], float(row[k])) for k in order]
            out.append(Prediction(ranking[0][0], ranking[0][1], ranking))
        return out

    def _decision_one(self, text: str, tokens: Sequence[str] | None) -> np.ndarray:
        """The SVM scores of one message, computed as scikit-learn would, without its checks."""
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = self._fast = _FastTables(self._words, self._chars, self._svm)
        word_grams = self._word_docs([word_tokens(text, tokens)])[0]
        char_grams = fast.char_analyzer(char_text(text))
        idx_w, val_w = _tfidf(word_grams, fast.word_vocab, fast.word_idf, 0)
        idx_c, val_c = _tfidf(char_grams, fast.char_vocab, fast.char_idf, fast.n_words)
        idx = np.concatenate([idx_w, idx_c])
        val = np.concatenate([val_w, val_c])
        return fast.coef[:, idx] @ val + fast.intercept

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_fast", None)  # rebuilt on first use
        return state


class _FastTables:
    def __init__(self, words: TfidfVectorizer, chars: TfidfVectorizer, svm: LinearSVC) -> None:
        self.word_vocab: dict[str, int] = words.vocabulary_
        self.word_idf = words.idf_
        self.char_vocab: dict[str, int] = chars.vocabulary_
        self.char_idf = chars.idf_
        self.char_analyzer = chars.build_analyzer()
        self.n_words = len(words.vocabulary_)
        self.coef = np.asarray(svm.coef_)
        self.intercept = np.asarray(svm.intercept_)


def _tfidf(
    grams: Sequence[str], vocab: dict[str, int], idf: np.ndarray, offset: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear TF-IDF with L2 norm, as TfidfVectorizer(sublinear_tf=True) computes it."""
    counts: dict[int, int] = {}
    for gram in grams:
        k = vocab.get(gram)
        if k is not None:
            counts[k] = counts.get(k, 0) + 1
    if not counts:
        return np.zeros(0, dtype=int), np.zeros(0)
    idx = np.fromiter(counts.keys(), dtype=int, count=len(counts))
    tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))
    val = tf * idf[idx]
    norm = np.sqrt(val @ val)
    return idx + offset, (val / norm if norm > 0 else val)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)
