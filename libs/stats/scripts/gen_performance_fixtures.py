#!/usr/bin/env python3
"""Reference values for the model-performance metrics of libs/stats (src/performance).

Runs scikit-learn's own metric functions with their default arguments (zero_division="warn",
which scores 0) so the TypeScript implementation can be checked against sklearn without Python:

    pip install scikit-learn numpy   # once; sklearn and numpy versions are recorded in the JSON
    python3 libs/stats/scripts/gen_performance_fixtures.py

writes libs/stats/fixtures/performance.json. Floats are written with repr precision (exact
round trip); a metric that is undefined for a window is null.

Where sklearn has no function, or where our contract returns null instead of sklearn's
warning value, the reference follows the definition documented in
libs/stats/src/performance (and repeated here):

- expected calibration error (sklearn has none), computed with numpy below: B equal-width bins
  on [0, 1], bin index min(floor(p * B), B - 1); ECE = sum over non-empty bins of
  (n_k / n) * |mean(outcome) - mean(p)|. Binary: p is the positive-class score, outcome is
  1 for the positive class. Multi-class: p is the probability the map gives the *predicted*
  class, outcome is 1 when the prediction is right (top-label ECE).
- ROC AUC is null when a class (one-vs-rest: any class) has no positives or no negatives:
  sklearn raises ValueError there.
- average precision is null when there is no positive (one-vs-rest: for any class): sklearn
  warns and sets recall to 1, which scores 0.
- R^2 is null with fewer than two pairs: sklearn warns and returns NaN. A constant target is
  decided exactly (all targets equal): sklearn's floating mean of e.g. [0.1, 0.1, 0.1] leaves a
  ~1e-34 residual and scores -5e33 instead of 0, so no fixture case uses such a target.
- Brier score is binary only (null for multi-class windows).
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn import metrics as skm

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "performance.json"
QUANTILES = [0.5, 0.9, 0.99]


def fnum(x) -> float | None:
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    return x


def ece_reference(p: np.ndarray, outcome: np.ndarray, bins: int) -> float | None:
    if len(p) == 0:
        return None
    idx = np.minimum(np.floor(p * bins).astype(np.int64), bins - 1)
    total = 0.0
    for k in range(bins):
        mask = idx == k
        nk = int(mask.sum())
        if nk == 0:
            continue
        total += (nk / len(p)) * abs(float(np.mean(outcome[mask])) - float(np.mean(p[mask])))
    return total


def per_class_prf(actual, predicted, classes):
    p, r, f, s = skm.precision_recall_fscore_support(actual, predicted, labels=classes, average=None)
    return {
        c: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        for i, c in enumerate(classes)
    }


def macro_prf(actual, predicted):
    # labels=None: sklearn averages over the classes present in actual or predicted.
    p, r, f, _ = skm.precision_recall_fscore_support(actual, predicted, average="macro")
    return {"precision": float(p), "recall": float(r), "f1": float(f)}


def binary_case(name, classes, positive, actual, predicted, score, bins=10):
    actual = [str(a) for a in actual]
    predicted = [str(a) for a in predicted]
    score = np.asarray(score, dtype=np.float64)
    y = np.array([1 if a == positive else 0 for a in actual])
    both = 0 < y.sum() < len(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = {
            "count": len(actual),
            "accuracy": float(skm.accuracy_score(actual, predicted)),
            "perClass": per_class_prf(actual, predicted, classes),
            "macro": macro_prf(actual, predicted),
            "rocAuc": fnum(skm.roc_auc_score(y, score)) if both else None,
            "averagePrecision": fnum(skm.average_precision_score(y, score)) if y.sum() > 0 else None,
            "logLoss": float(skm.log_loss(y, score, labels=[0, 1])),
            "brier": float(skm.brier_score_loss(y, score, labels=[0, 1])),
            "ece": ece_reference(score, y.astype(np.float64), bins),
        }
    pairs = [{"actual": a, "predicted": p, "score": float(s)} for a, p, s in zip(actual, predicted, score)]
    return {"name": name, "kind": "binary", "classes": classes, "positiveClass": positive, "bins": bins,
            "pairs": pairs, "expected": expected}


def multiclass_case(name, classes, actual, predicted, proba, bins=10):
    """proba: rows aligned with `classes` (any order); sklearn gets columns in sorted order."""
    actual = [str(a) for a in actual]
    predicted = [str(a) for a in predicted]
    proba = np.asarray(proba, dtype=np.float64)
    order = sorted(range(len(classes)), key=lambda j: classes[j])
    sorted_classes = [classes[j] for j in order]
    P = proba[:, order]
    present = set(actual)
    all_present = all(c in present for c in classes) and len(present) > 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        per_auc, per_ap = {}, {}
        for j, c in enumerate(sorted_classes):
            yc = np.array([1 if a == c else 0 for a in actual])
            per_auc[c] = fnum(skm.roc_auc_score(yc, P[:, j])) if 0 < yc.sum() < len(yc) else None
            per_ap[c] = fnum(skm.average_precision_score(yc, P[:, j])) if yc.sum() > 0 else None
        auc = (fnum(skm.roc_auc_score(actual, P, multi_class="ovr", average="macro", labels=sorted_classes))
               if all_present else None)
        ap = None
        if all(v is not None for v in per_ap.values()):
            Y = np.array([[1 if a == c else 0 for c in sorted_classes] for a in actual])
            ap = fnum(skm.average_precision_score(Y, P, average="macro"))
        col = {c: j for j, c in enumerate(classes)}
        conf = np.array([proba[i, col[p]] for i, p in enumerate(predicted)])
        correct = np.array([1.0 if a == p else 0.0 for a, p in zip(actual, predicted)])
        expected = {
            "count": len(actual),
            "accuracy": float(skm.accuracy_score(actual, predicted)),
            "perClass": per_class_prf(actual, predicted, classes),
            "macro": macro_prf(actual, predicted),
            "rocAuc": auc,
            "perClassRocAuc": per_auc,
            "averagePrecision": ap,
            "perClassAveragePrecision": per_ap,
            "logLoss": float(skm.log_loss(actual, P, labels=sorted_classes)),
            "brier": None,
            "ece": ece_reference(conf, correct, bins),
        }
    pairs = [
        {"actual": a, "predicted": p, "probabilities": {c: float(proba[i, j]) for j, c in enumerate(classes)}}
        for i, (a, p) in enumerate(zip(actual, predicted))
    ]
    return {"name": name, "kind": "multiclass", "classes": classes, "bins": bins, "pairs": pairs,
            "expected": expected}


def regression_case(name, actual, predicted):
    y = np.asarray(actual, dtype=np.float64)
    yhat = np.asarray(predicted, dtype=np.float64)
    abs_err = np.abs(y - yhat)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = {
            "count": len(y),
            "mae": float(skm.mean_absolute_error(y, yhat)),
            "rmse": float(skm.root_mean_squared_error(y, yhat)),
            "mape": float(skm.mean_absolute_percentage_error(y, yhat)),
            "r2": fnum(skm.r2_score(y, yhat)) if len(y) >= 2 else None,
            "absoluteErrorQuantiles": {str(q): float(np.quantile(abs_err, q)) for q in QUANTILES},
        }
    pairs = [{"actual": float(a), "predicted": float(p)} for a, p in zip(y, yhat)]
    return {"name": name, "pairs": pairs, "expected": expected}


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def binary_scores(rng, n, rate, separation):
    y = (rng.random(n) < rate).astype(int)
    score = sigmoid(separation * (2 * y - 1) + rng.normal(0, 1.5, n))
    return y, score


def binary_from(rng, name, n, rate, separation, classes=("0", "1"), positive="1", round_to=None, threshold=0.5):
    y, score = binary_scores(rng, n, rate, separation)
    if round_to is not None:
        score = np.round(score, round_to)
    neg = [c for c in classes if c != positive][0]
    actual = [positive if v else neg for v in y]
    predicted = [positive if s >= threshold else neg for s in score]
    return binary_case(name, list(classes), positive, actual, predicted, score)


def dirichlet_window(rng, n, classes, skill, absent=None, round_to=None):
    k = len(classes)
    weights = np.ones(k)
    if absent is not None:
        weights[absent] = 0
    truth = rng.choice(k, size=n, p=weights / weights.sum())
    alpha = np.ones((n, k))
    alpha[np.arange(n), truth] += skill
    proba = np.array([rng.dirichlet(a) for a in alpha])
    if round_to is not None:
        proba = np.round(proba, round_to)
        proba[:, -1] = np.round(1.0 - proba[:, :-1].sum(axis=1), round_to + 2)
        proba = np.clip(proba, 0.0, 1.0)
    pred = np.argmax(proba, axis=1)
    return [classes[t] for t in truth], [classes[p] for p in pred], proba


def main() -> None:
    rng = np.random.default_rng(20261203)
    binary = [
        binary_from(rng, "balanced binary", 400, 0.5, 1.0),
        binary_from(rng, "imbalanced binary (5% positive)", 1000, 0.05, 1.5),
        binary_from(rng, "ties: scores rounded to one decimal, on bin edges", 300, 0.4, 1.0, round_to=1),
        binary_from(rng, "string class labels", 250, 0.3, 1.2, classes=("churn", "stay"), positive="churn"),
        binary_from(rng, "string labels, positive sorts last", 120, 0.6, 0.8, classes=("no", "yes"), positive="yes"),
    ]
    # Scores of exactly 0 and 1 on the wrong side: log loss clips them to eps / 1 - eps.
    binary.append(binary_case(
        "scores 0 and 1 on the wrong class (log-loss clipping)", ["0", "1"], "1",
        ["1", "0", "1", "0", "1", "0"], ["0", "1", "1", "0", "1", "1"], [0.0, 1.0, 1.0, 0.0, 0.7, 0.55]))
    y, score = binary_scores(rng, 60, 0.0, 1.0)
    binary.append(binary_case("single-class window (no positive)", ["0", "1"], "1",
                              ["0"] * 60, ["1" if s >= 0.5 else "0" for s in score], score))
    y, score = binary_scores(rng, 40, 1.0, 1.0)
    binary.append(binary_case("single-class window (all positive)", ["0", "1"], "1",
                              ["1"] * 40, ["1" if s >= 0.5 else "0" for s in score], score))
    binary.append(binary_case("tiny: one pair", ["0", "1"], "1", ["1"], ["1"], [0.83]))
    binary.append(binary_case("tiny: two pairs", ["0", "1"], "1", ["0", "1"], ["1", "1"], [0.61, 0.92]))
    binary.append(binary_case("tiny: three pairs, tied scores", ["0", "1"], "1",
                              ["0", "1", "0"], ["1", "1", "0"], [0.5, 0.5, 0.2]))

    multiclass = []
    a, p, pr = dirichlet_window(rng, 300, ["setosa", "versicolor", "virginica"], 2.5)
    multiclass.append(multiclass_case("3 classes", ["setosa", "versicolor", "virginica"], a, p, pr))
    classes5 = ["zeta", "alpha", "__proto__", "Mid", "beta"]  # declared order is not sorted order
    a, p, pr = dirichlet_window(rng, 500, classes5, 3.0)
    multiclass.append(multiclass_case("5 classes, string labels in unsorted order", classes5, a, p, pr))
    a, p, pr = dirichlet_window(rng, 200, ["0", "1", "2"], 2.0, round_to=1)
    multiclass.append(multiclass_case("3 classes, probabilities rounded to one decimal (ties)", ["0", "1", "2"], a, p, pr))
    a, p, pr = dirichlet_window(rng, 150, ["red", "green", "blue"], 2.0, absent=2)
    multiclass.append(multiclass_case("3 classes, one absent from the labels", ["red", "green", "blue"], a, p, pr))
    multiclass.append(multiclass_case("tiny: one pair (3 classes)", ["a", "b", "c"], ["b"], ["b"], [[0.2, 0.7, 0.1]]))
    multiclass.append(multiclass_case("tiny: three pairs, all classes", ["a", "b", "c"], ["a", "b", "c"], ["a", "c", "c"],
                                      [[0.6, 0.3, 0.1], [0.1, 0.4, 0.5], [0.0, 0.0, 1.0]]))

    regression = []
    y = rng.normal(50, 10, 500)
    regression.append(regression_case("normal errors", y, y + rng.normal(0, 3, 500)))
    y = rng.lognormal(3, 1, 400)
    yhat = y + rng.normal(0, 2, 400)
    yhat[::37] += rng.choice([-1, 1], len(yhat[::37])) * 500.0
    regression.append(regression_case("outliers", y, yhat))
    y = np.round(rng.normal(0, 2, 200))
    regression.append(regression_case("zero targets (MAPE epsilon)", y, y + rng.normal(0, 0.5, 200)))
    regression.append(regression_case("constant target, imperfect predictions (R2 = 0)", [3.0] * 5, [3.0, 2.5, 3.5, 3.0, 4.0]))
    regression.append(regression_case("constant target, perfect predictions (R2 = 1)", [7.25] * 4, [7.25] * 4))
    regression.append(regression_case("tiny: one pair", [2.0], [2.5]))
    regression.append(regression_case("tiny: two pairs", [1.0, 0.0], [1.5, 0.25]))
    regression.append(regression_case("tiny: three pairs", [10.0, -4.0, 0.5], [9.0, -5.0, 0.25]))

    out = {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "quantiles": QUANTILES,
        "binary": binary,
        "multiclass": multiclass,
        "regression": regression,
    }
    OUT.write_text(json.dumps(out, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
