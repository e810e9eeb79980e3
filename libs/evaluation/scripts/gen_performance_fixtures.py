#!/usr/bin/env python3
"""Reference values for libs/evaluation src/performance: a window's metrics and their intervals.

    python3 libs/evaluation/scripts/gen_performance_fixtures.py   # numpy, scipy, scikit-learn

writes libs/evaluation/fixtures/performance.json (versions recorded in it). Each case holds the
stored rows (LabelledPrediction: kind, number/class/probabilities, label or null) so the specs
run the whole path (task inference, pair reading, flat metric names) and compare with:

- metrics: scikit-learn's functions on the labelled rows (accuracy_score,
  precision_recall_fscore_support, roc_auc_score, average_precision_score, log_loss,
  brier_score_loss; mean_absolute_error, root_mean_squared_error,
  mean_absolute_percentage_error, r2_score; numpy linear quantiles of |error|), ECE by the
  definition libs/stats documents (10 equal-width bins, top-label for multiclass). Binary
  scores predict the positive class at score >= 0.5; multiclass maps predict np.argmax over the
  sorted classes (ties: first);
- intervals, computed here by formulas written independently of the TypeScript:
  Wilson: scipy.stats.binomtest(k, n).proportion_ci(confidence, method="wilson");
  DeLong: the O(m*n) placement-value definition (psi = 1, 1/2, 0 over every positive/negative
  pair), normal interval with scipy.stats.norm.ppf, clipped to [0, 1];
  normal: mean of the per-row loss +/- z * std(ddof=1)/sqrt(n) (RMSE: the MSE's interval
  through sqrt), lower end clipped at 0;
  bootstrap (F1, R^2): a numpy percentile bootstrap with 20000 resamples. The TypeScript one
  uses its own generator and 1000 resamples, so the specs compare with a tolerance.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn import metrics as skm

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "performance.json"
CONFIDENCE = 0.99
EPS = np.finfo(np.float64).eps


def f(x):
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def ece(p, outcome, bins=10):
    idx = np.minimum(np.floor(p * bins).astype(np.int64), bins - 1)
    total = 0.0
    for k in range(bins):
        mask = idx == k
        if mask.any():
            total += mask.sum() / len(p) * abs(outcome[mask].mean() - p[mask].mean())
    return total


def wilson(k, n, confidence=CONFIDENCE):
    ci = stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=confidence, method="wilson")
    return {"low": float(ci.low), "high": float(ci.high)}


def delong(is_pos, scores, confidence=CONFIDENCE):
    x = scores[is_pos]
    y = scores[~is_pos]
    psi = (x[:, None] > y[None, :]).astype(float) + 0.5 * (x[:, None] == y[None, :])
    v10 = psi.mean(axis=1)
    v01 = psi.mean(axis=0)
    auc = psi.mean()
    var = v10.var(ddof=1) / len(x) + v01.var(ddof=1) / len(y)
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    half = z * math.sqrt(var)
    return {"auc": float(auc), "variance": float(var), "low": max(0.0, auc - half), "high": min(1.0, auc + half)}


def normal(values, confidence=CONFIDENCE, transform=None):
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    m = values.mean()
    half = z * values.std(ddof=1) / math.sqrt(len(values))
    low, high = max(0.0, m - half), m + half
    if transform is not None:
        low, high = transform(low), transform(high)
    return {"low": float(low), "high": float(high)}


def bootstrap(fn, n, confidence=CONFIDENCE, resamples=20000, seed=7):
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(resamples):
        idx = rng.integers(0, n, n)
        v = fn(idx)
        if v is not None and not math.isnan(v):
            values.append(v)
    tail = (1 - confidence) / 2
    return {"low": float(np.percentile(values, 100 * tail)), "high": float(np.percentile(values, 100 * (1 - tail)))}


def row(i, kind, label, number=None, cls=None, probabilities=None):
    return {
        "eventId": f"e{i}",
        "eventTime": 1_700_000_000_000 + i,
        "kind": kind,
        "number": number,
        "class": cls,
        "probabilities": probabilities or {},
        "label": label,
    }


def binary_score_case(rng):
    n = 400
    y = rng.random(n) < 0.35
    # Scores informative but noisy, rounded to 2 decimals so ties occur (DeLong's midranks).
    s = np.clip(np.round(rng.beta(2, 5, n) + 0.35 * y, 2), 0, 1)
    labelled = rng.random(n) < 0.8
    rows = [row(i, "number", (int(y[i]) if labelled[i] else None), number=float(s[i])) for i in range(n)]
    yl, sl = y[labelled].astype(int), s[labelled]
    pred = (sl >= 0.5).astype(int)
    p, r, f1, _ = skm.precision_recall_fscore_support(yl, pred, average="binary", pos_label=1, zero_division=0)
    mp, mr, mf, _ = skm.precision_recall_fscore_support(yl, pred, average="macro", zero_division=0)
    metrics = {
        "accuracy": skm.accuracy_score(yl, pred), "precision": p, "recall": r, "f1": f1,
        "macroPrecision": mp, "macroRecall": mr, "macroF1": mf,
        "rocAuc": skm.roc_auc_score(yl, sl), "averagePrecision": skm.average_precision_score(yl, sl),
        "logLoss": skm.log_loss(yl, sl, labels=[0, 1]), "brier": skm.brier_score_loss(yl, sl), "ece": ece(sl, yl),
    }
    clipped = np.clip(np.where(yl == 1, sl, 1 - sl), EPS, 1 - EPS)
    tp = int(((pred == 1) & (yl == 1)).sum())
    intervals = {
        "accuracy": wilson((pred == yl).sum(), len(yl)),
        "precision": wilson(tp, (pred == 1).sum()),
        "recall": wilson(tp, (yl == 1).sum()),
        "rocAuc": delong(yl == 1, sl),
        "logLoss": normal(-np.log(clipped)),
        "brier": normal((yl - sl) ** 2),
        "f1": bootstrap(lambda idx: skm.f1_score(yl[idx], pred[idx], zero_division=0), len(yl)),
    }
    return {"name": "binary score", "rows": rows, "shape": {"task": "binary", "positiveClass": "1", "classes": ["0", "1"]}, "metrics": metrics, "intervals": intervals}


def multiclass_case(rng):
    classes = ["ant", "bee", "cat"]
    n = 300
    y = rng.integers(0, 3, n)
    logits = rng.normal(0, 1, (n, 3))
    logits[np.arange(n), y] += 1.2
    probs = np.round(np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), 3)
    probs[:, 2] = np.round(1 - probs[:, 0] - probs[:, 1], 3)
    probs = np.clip(probs, 0, 1)
    probs[0] = [0.4, 0.4, 0.2]  # a tie: argmax takes the first class in sorted order
    labelled = rng.random(n) < 0.7
    rows = [
        row(i, "probabilities", (classes[y[i]] if labelled[i] else None), probabilities={c: float(probs[i, k]) for k, c in enumerate(classes)})
        for i in range(n)
    ]
    yl, pl = y[labelled], probs[labelled]
    pred = pl.argmax(axis=1)
    mp, mr, mf, _ = skm.precision_recall_fscore_support(yl, pred, average="macro", zero_division=0)
    onehot = np.eye(3)[yl]
    conf = pl[np.arange(len(yl)), pred]
    metrics = {
        "accuracy": skm.accuracy_score(yl, pred), "precision": mp, "recall": mr, "f1": mf,
        "macroPrecision": mp, "macroRecall": mr, "macroF1": mf,
        "rocAuc": skm.roc_auc_score(yl, pl, multi_class="ovr", average="macro", labels=[0, 1, 2]),
        "averagePrecision": skm.average_precision_score(onehot, pl, average="macro"),
        "logLoss": skm.log_loss(yl, pl, labels=[0, 1, 2]), "brier": None, "ece": ece(conf, (pred == yl).astype(float)),
    }
    p_actual = np.clip(pl[np.arange(len(yl)), yl], EPS, 1 - EPS)
    intervals = {"accuracy": wilson((pred == yl).sum(), len(yl)), "logLoss": normal(-np.log(p_actual))}
    return {"name": "probability map multiclass", "rows": rows, "shape": {"task": "multiclass", "positiveClass": None, "classes": classes}, "metrics": metrics, "intervals": intervals}


def class_only_case(rng):
    n = 250
    y = rng.random(n) < 0.6
    pred = np.where(rng.random(n) < 0.8, y, ~y)
    labelled = rng.random(n) < 0.9
    rows = [row(i, "class", (bool(y[i]) if labelled[i] else None), cls=("true" if pred[i] else "false")) for i in range(n)]
    yl, pl = y[labelled].astype(int), pred[labelled].astype(int)
    p, r, f1, _ = skm.precision_recall_fscore_support(yl, pl, average="binary", pos_label=1, zero_division=0)
    mp, mr, mf, _ = skm.precision_recall_fscore_support(yl, pl, average="macro", zero_division=0)
    metrics = {
        "accuracy": skm.accuracy_score(yl, pl), "precision": p, "recall": r, "f1": f1,
        "macroPrecision": mp, "macroRecall": mr, "macroF1": mf,
        "rocAuc": None, "averagePrecision": None, "logLoss": None, "brier": None, "ece": None,
    }
    intervals = {"accuracy": wilson((pl == yl).sum(), len(yl))}
    return {"name": "class only binary", "rows": rows, "shape": {"task": "binary", "positiveClass": "true", "classes": ["false", "true"]}, "metrics": metrics, "intervals": intervals}


def regression_case(rng):
    n = 300
    y = rng.lognormal(3, 0.5, n)
    yhat = y * (1 + rng.normal(0, 0.15, n)) + rng.normal(0, 2, n)
    labelled = rng.random(n) < 0.75
    rows = [row(i, "number", (float(y[i]) if labelled[i] else None), number=float(yhat[i])) for i in range(n)]
    yl, pl = y[labelled], yhat[labelled]
    err = pl - yl
    q = np.quantile(np.abs(err), [0.5, 0.9, 0.99])
    metrics = {
        "mae": skm.mean_absolute_error(yl, pl), "rmse": skm.root_mean_squared_error(yl, pl),
        "mape": skm.mean_absolute_percentage_error(yl, pl), "r2": skm.r2_score(yl, pl),
        "absErrorP50": q[0], "absErrorP90": q[1], "absErrorP99": q[2],
    }
    intervals = {
        "mae": normal(np.abs(err)),
        "mape": normal(np.abs(err) / np.maximum(np.abs(yl), EPS)),
        "rmse": normal(err**2, transform=math.sqrt),
        "r2": bootstrap(lambda idx: skm.r2_score(yl[idx], pl[idx]), len(yl)),
    }
    return {"name": "regression", "rows": rows, "shape": {"task": "regression", "positiveClass": None, "classes": []}, "metrics": metrics, "intervals": intervals}


def main():
    rng = np.random.default_rng(20260818)
    cases = [binary_score_case(rng), multiclass_case(rng), class_only_case(rng), regression_case(rng)]
    for c in cases:
        c["metrics"] = {k: f(v) for k, v in c["metrics"].items()}
    wilson_cases = [
        {"k": k, "n": n, "confidence": conf, **wilson(k, n, conf)}
        for (k, n) in [(0, 10), (10, 10), (87, 100), (270, 300), (950, 1000), (5, 7), (9000, 10000)]
        for conf in (0.95, 0.99, 0.999)
    ]
    quantiles = [{"p": p, "z": float(stats.norm.ppf(p))} for p in (1e-12, 1e-5, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.995, 0.9995, 0.999999)]
    delong_cases = []
    for seed, (m, k) in enumerate([(5, 7), (40, 60), (150, 50)]):
        r = np.random.default_rng(seed)
        is_pos = np.array([True] * m + [False] * k)
        scores = np.round(r.normal(0.6, 0.2, m + k) + 0.3 * is_pos, 1)  # coarse: many ties
        delong_cases.append({"isPositive": is_pos.tolist(), "scores": scores.tolist(), **delong(is_pos, scores)})
    OUT.write_text(
        json.dumps(
            {
                "generator": "libs/evaluation/scripts/gen_performance_fixtures.py",
                "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
                "confidence": CONFIDENCE,
                "cases": cases,
                "wilson": wilson_cases,
                "normalQuantile": quantiles,
                "delong": delong_cases,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
