#!/usr/bin/env python3
"""Reference values for libs/evaluation: metrics of one window against one baseline.

A window only has histograms (counts per baseline bin, counts per finer bin, category
counts), never raw values, so every metric is computed here from the same histograms with
numpy/scipy, independently of the TypeScript code:

    python3 libs/evaluation/scripts/gen_evaluation_fixtures.py

writes libs/evaluation/fixtures/evaluation.json. Conventions (docs/architecture.md "Statistics conventions"):
- baseline bins: interior edges = unique(quantile(ref, [i/B])), B = 10, and a finer grid of
  100 bins; bin = searchsorted(edges, x, side="right");
- psi, kullback-leibler: zero shares filled per array (min_nonzero/1e6 if min_nonzero <= 1e-4,
  else 1e-4), psi without renormalising, KL = scipy.stats.entropy of the filled arrays;
- jensen-shannon = scipy.spatial.distance.jensenshannon; hellinger; total variation;
- wasserstein from the fine histograms: each bin's mass at its midpoint, the outer bins closed
  by the smallest / largest value seen on either side,
  scipy.stats.wasserstein_distance(mids, mids, ref_counts, cur_counts) / max(std(ref), 0.001);
- ks from the fine histograms: D = max |F_ref - F_cur| over the fine edges (the only points
  where both binned CDFs are known), p = scipy.stats.kstwo.sf(D, round(n*m/(n+m))), the
  asymptotic distribution scipy.stats.ks_2samp(method="asymp") uses. The KS statistic of the
  raw samples is written too: the binned D is a lower bound of it, and exceeds it by at most
  the largest fine-bin share on either side;
- categorical: the baseline's categories sorted, plus one bucket for unseen categories;
  chi-square = scipy.stats.chi2_contingency (defaults: Yates' correction at 1 dof) on the 2 x k
  table of baseline and window counts over the categories with a count on either side;
- boolean: pooled two-proportion z-test of the share of "true" (hand formula, scipy's norm).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy import stats
from scipy.spatial import distance

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "evaluation.json"


def quantile_edges(values: np.ndarray, bins: int) -> list[float]:
    return np.unique(np.quantile(values, [i / bins for i in range(1, bins)])).tolist()


def counts(values: np.ndarray, edges: list[float]) -> list[int]:
    idx = np.searchsorted(np.asarray(edges, dtype=float), values, side="right")
    return np.bincount(idx, minlength=len(edges) + 1).astype(int).tolist()


def shares(c) -> np.ndarray:
    a = np.asarray(c, dtype=float)
    return a / a.sum()


def fill(s: np.ndarray) -> np.ndarray:
    nz = s[s > 0]
    m = nz.min()
    value = m / 1e6 if m <= 1e-4 else 1e-4
    return np.where(s == 0, value, s)


def histogram_distances(ref, cur) -> dict:
    p, q = shares(ref), shares(cur)
    pf, qf = fill(p), fill(q)
    return {
        "psi": float(np.sum((qf - pf) * np.log(qf / pf))),
        "jensenShannon": float(distance.jensenshannon(p, q)),
        "kullbackLeibler": float(stats.entropy(pf, qf)),
        "hellinger": float(np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2))),
        "totalVariation": float(0.5 * np.sum(np.abs(p - q))),
    }


def midpoints(edges: list[float], lo: float, hi: float) -> np.ndarray:
    bounds = np.array([min(lo, edges[0]), *edges, max(hi, edges[-1])])
    return (bounds[:-1] + bounds[1:]) / 2


def numeric_case(name: str, ref: np.ndarray, cur: np.ndarray, rows_missing: int = 0, cur_missing: int = 0) -> dict:
    edges = quantile_edges(ref, 10)
    fine_edges = quantile_edges(ref, 100)
    ref_bins, cur_bins = counts(ref, edges), counts(cur, edges)
    ref_fine, cur_fine = counts(ref, fine_edges), counts(cur, fine_edges)
    lo, hi = min(ref.min(), cur.min()), max(ref.max(), cur.max())
    mids = midpoints(fine_edges, lo, hi)
    std = float(np.std(ref))
    w = stats.wasserstein_distance(mids, mids, ref_fine, cur_fine) / max(std, 0.001)
    cdf_ref = np.cumsum(ref_fine)[:-1] / len(ref)
    cdf_cur = np.cumsum(cur_fine)[:-1] / len(cur)
    d = float(np.max(np.abs(cdf_ref - cdf_cur)))
    n, m = len(ref), len(cur)
    p = float(stats.kstwo.sf(d, round(n * m / (n + m))))
    raw = stats.ks_2samp(ref, cur)
    max_share = float(max(shares(ref_fine).max(), shares(cur_fine).max()))
    return {
        "name": name,
        "kind": "numeric",
        "baseline": {
            "rowCount": int(len(ref) + rows_missing),
            "edges": edges,
            "binCounts": ref_bins,
            "fineEdges": fine_edges,
            "fineCounts": ref_fine,
            "count": int(len(ref)),
            "missing": rows_missing,
            "min": float(ref.min()),
            "max": float(ref.max()),
            "mean": float(ref.mean()),
            "std": std,
            "median": float(np.median(ref)),
        },
        "window": {
            "count": int(len(cur)),
            "missing": cur_missing,
            "bins": cur_bins,
            "fineBins": cur_fine,
            "min": float(cur.min()),
            "max": float(cur.max()),
            "sum": float(cur.sum()),
            "sumSq": float(np.sum(cur**2)),
            "outOfRangeLow": int(np.sum(cur < ref.min())),
            "outOfRangeHigh": int(np.sum(cur > ref.max())),
        },
        "expected": {
            **histogram_distances(ref_bins, cur_bins),
            "wasserstein": float(w),
            "ks": d,
            "ksPValue": p,
            "meanRatio": float(cur.mean() / ref.mean()),
            "outOfRangeShare": float(np.mean((cur < ref.min()) | (cur > ref.max()))),
            "missingRate": cur_missing / (len(cur) + cur_missing),
        },
        "rawKs": {"statistic": float(raw.statistic), "maxFineShare": max_share},
    }


def chi_square(ref: dict, cur: dict) -> tuple[float, float]:
    keys = sorted(k for k in set(ref) | set(cur) if ref.get(k, 0) > 0 or cur.get(k, 0) > 0)
    table = np.array([[ref.get(k, 0) for k in keys], [cur.get(k, 0) for k in keys]], dtype=float)
    r = stats.chi2_contingency(table)
    return float(r.statistic), float(r.pvalue)


def categorical_case(name: str, kind: str, rows: int, ref: dict, cur: dict, cur_missing: int = 0) -> dict:
    cats = sorted(ref)
    ref_bins = [ref[c] for c in cats] + [0]
    cur_bins = [cur.get(c, 0) for c in cats] + [sum(v for k, v in cur.items() if k not in ref)]
    stat, p = chi_square(ref, cur)
    expected = {**histogram_distances(ref_bins, cur_bins), "chiSquare": stat, "chiSquarePValue": p}
    if kind == "boolean":
        s1, n1 = ref.get("true", 0), sum(ref.values())
        s2, n2 = cur.get("true", 0), sum(cur.values())
        pooled = (s1 + s2) / (n1 + n2)
        z = (s1 / n1 - s2 / n2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        expected["twoProportionZ"] = float(z)
        expected["twoProportionZPValue"] = float(2 * stats.norm.sf(abs(z)))
    n_cur = sum(cur.values())
    expected["newCategoryShare"] = sum(v for k, v in cur.items() if k not in ref) / n_cur
    expected["missingRate"] = cur_missing / (n_cur + cur_missing)
    return {
        "name": name,
        "kind": kind,
        "baseline": {"rowCount": rows, "categories": ref, "count": sum(ref.values()), "missing": rows - sum(ref.values())},
        "window": {"count": n_cur, "missing": cur_missing, "categories": cur},
        "expected": {k: (None if isinstance(v, float) and np.isinf(v) else v) for k, v in expected.items()},
    }


def window_size_cases() -> list[dict]:
    """For drift.minEvents (scripts/simulate_window_noise.py), with a generator of their own so
    the cases above stay as they were: one baseline of 5000 rows and
    - clean-300: 300 values from the baseline's own distribution whose binned Wasserstein still
      reaches 0.1 (pure sampling noise; the first seeded draw that does, about one in six);
    - clean-1500: 1500 values from the same distribution (Wasserstein below 0.1);
    - shifted-1500: 1500 values moved by half a standard deviation."""
    rng = np.random.default_rng(20261127)
    ref = rng.normal(50, 10, 5000)
    draws = 0
    while True:
        draws += 1
        clean_300 = numeric_case("clean-300", ref, rng.normal(50, 10, 300))
        if clean_300["expected"]["wasserstein"] >= 0.1:
            break
        assert draws < 100, "no noisy clean window in 100 draws"
    clean_1500 = numeric_case("clean-1500", ref, rng.normal(50, 10, 1500))
    assert clean_1500["expected"]["wasserstein"] < 0.1, clean_1500["expected"]["wasserstein"]
    shifted_1500 = numeric_case("shifted-1500", ref, rng.normal(55, 10, 1500))
    return [clean_300, clean_1500, shifted_1500]


def prediction_cases() -> list[dict]:
    """The model's prediction judged as a feature (prediction_drift), generator of its own:
    scores of a 5000-row baseline from beta(2, 5), and windows of 1500 predictions
    - prediction-clean-1500: from the same distribution (Wasserstein below 0.1);
    - prediction-nudged-1500: from beta(2.3, 5), Wasserstein between 0.1 and 0.25 (warning);
    - prediction-moved-1500: from beta(3, 4), Wasserstein above 0.25 (critical);
    - prediction-classes-1500: class predictions whose shares moved (Jensen-Shannon >= 0.1)."""
    rng = np.random.default_rng(20261128)
    ref = rng.beta(2, 5, 5000)
    clean = numeric_case("prediction-clean-1500", ref, rng.beta(2, 5, 1500))
    assert clean["expected"]["wasserstein"] < 0.1, clean["expected"]["wasserstein"]
    nudged = numeric_case("prediction-nudged-1500", ref, rng.beta(2.3, 5, 1500))
    assert 0.1 <= nudged["expected"]["wasserstein"] < 0.25, nudged["expected"]["wasserstein"]
    moved = numeric_case("prediction-moved-1500", ref, rng.beta(3, 4, 1500))
    assert moved["expected"]["wasserstein"] >= 0.25, moved["expected"]["wasserstein"]
    classes = categorical_case(
        "prediction-classes-1500", "categorical", 5000,
        {"approve": 3500, "reject": 1200, "review": 300},
        {"approve": 700, "reject": 650, "review": 150},
    )
    assert classes["expected"]["jensenShannon"] >= 0.1, classes["expected"]["jensenShannon"]
    return [clean, nudged, moved, classes]


def main() -> None:
    rng = np.random.default_rng(20261126)
    cases = [
        numeric_case("shifted", rng.normal(50, 10, 5000), rng.normal(55, 10, 500)),
        numeric_case("stable", rng.lognormal(3, 0.5, 4000), rng.lognormal(3, 0.5, 600), rows_missing=40, cur_missing=12),
        numeric_case("small-baseline", rng.normal(100, 15, 800), rng.normal(106, 15, 300)),
        numeric_case("unit-error", rng.normal(52000, 9000, 3000), rng.normal(52000, 9000, 400) * 1e6),
        categorical_case(
            "region", "categorical", 2000,
            {"north": 900, "south": 600, "east": 400, "west": 100},
            {"north": 150, "south": 120, "east": 60, "west": 20, "overseas": 50}, cur_missing=8,
        ),
        categorical_case(
            "plan", "categorical", 900,
            {"basic": 500, "pro": 300, "team": 100},
            {"basic": 260, "pro": 180, "team": 60},
        ),
        categorical_case(
            "channel-retired", "categorical", 1000,
            {"web": 600, "app": 300, "fax": 100},
            {"web": 3700, "app": 2300},
        ),
        categorical_case("is_new", "boolean", 3000, {"true": 900, "false": 2100}, {"true": 180, "false": 220}),
    ]
    cases.extend(window_size_cases())
    cases.extend(prediction_cases())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "libs/evaluation/scripts/gen_evaluation_fixtures.py", "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
