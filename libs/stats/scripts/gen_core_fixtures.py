#!/usr/bin/env python3
"""Reference values for the core of libs/stats (binning, distances, hypothesis, quality).

Everything here is computed with numpy/scipy following docs/architecture.md "Statistics
conventions", independently of the TypeScript code. Seeds are fixed so the output is
reproducible:

    python3 libs/stats/scripts/gen_core_fixtures.py

writes libs/stats/fixtures/core.json. Floats are written with repr precision (json uses
the shortest round-tripping repr); non-finite floats are written as the strings
"Infinity", "-Infinity" and "NaN" because JSON has no literal for them. Category names in
this file never use those three strings, so the TypeScript loader may revive them blindly.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "core.json"


# ---------------------------------------------------------------- conventions (docs/architecture.md)

def quantile_edges(ref: np.ndarray, bins: int) -> list[float]:
    if ref.size == 0:
        return []
    qs = [i / bins for i in range(1, bins)]
    if not qs:
        return []
    return np.unique(np.quantile(ref, qs)).tolist()


def histogram(values: np.ndarray, edges: list[float]) -> list[int]:
    idx = np.searchsorted(np.asarray(edges, dtype=float), values, side="right")
    return np.bincount(idx, minlength=len(edges) + 1).tolist()


def fill_zero_shares(counts) -> np.ndarray:
    """Zero shares are filled per array; the filled array is NOT renormalised."""
    p = np.asarray(counts, dtype=float)
    p = p / p.sum()
    nonzero = p[p > 0]
    min_nonzero = nonzero.min()
    fill = min_nonzero / 1e6 if min_nonzero <= 1e-4 else 1e-4
    return np.where(p == 0, fill, p)


def psi(ref, cur) -> float:
    p = fill_zero_shares(ref)
    q = fill_zero_shares(cur)
    return float(np.sum((q - p) * np.log(q / p)))


def kl(p, q) -> float:
    return float(stats.entropy(fill_zero_shares(p), fill_zero_shares(q)))


def hellinger(p, q) -> float:
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    p = p / p.sum()
    q = q / q.sum()
    return float(np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)))


def total_variation(p, q) -> float:
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(0.5 * np.sum(np.abs(p / p.sum() - q / q.sum())))


def distances(p, q) -> dict:
    return {
        "psi": psi(p, q),
        "js": float(jensenshannon(p, q)),
        "kl": kl(p, q),
        "hellinger": hellinger(p, q),
        "tv": total_variation(p, q),
    }


def histogram_midpoints(edges: list[float], lo: float, hi: float) -> list[float]:
    bounds = [lo, *edges, hi]
    return [(bounds[i] + bounds[i + 1]) / 2 for i in range(len(bounds) - 1)]


def numeric_case(name: str, ref, cur, bins: int = 10) -> dict:
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    edges = quantile_edges(ref, bins)
    ref_hist = histogram(ref, edges)
    cur_hist = histogram(cur, edges)
    ref_std = float(np.std(ref))
    raw_w = float(stats.wasserstein_distance(ref, cur))
    lo = float(min(ref.min(), cur.min()))
    hi = float(max(ref.max(), cur.max()))
    mids = histogram_midpoints(edges, lo, hi)
    case = {
        "name": name,
        "ref": ref.tolist(),
        "cur": cur.tolist(),
        "bins": bins,
        "edges": edges,
        "refHist": ref_hist,
        "curHist": cur_hist,
        "histDistances": distances(ref_hist, cur_hist),
        "refStd": ref_std,
        "wassersteinRaw": raw_w,
        "wasserstein": raw_w / max(ref_std, 0.001),
        "energy": float(stats.energy_distance(ref, cur)),
        "refMin": float(ref.min()),
        "refMax": float(ref.max()),
        "outOfRangeShare": float(np.mean((cur < ref.min()) | (cur > ref.max()))),
        "histWasserstein": {
            "lo": lo,
            "hi": hi,
            "value": float(stats.wasserstein_distance(mids, mids, np.asarray(ref_hist) + 0.0,
                                                      np.asarray(cur_hist) + 0.0))
            if sum(ref_hist) > 0 and sum(cur_hist) > 0 else 0.0,
        },
    }
    return case


def chi_square(ref: dict[str, int], cur: dict[str, int]) -> dict:
    """scipy.stats.chi2_contingency on the 2 x k table [ref counts, cur counts] with its
    defaults (Yates' correction when dof = 1), columns = categories with a count on either side."""
    keys = sorted(k for k in set(ref) | set(cur) if ref.get(k, 0) > 0 or cur.get(k, 0) > 0)
    table = np.array([[ref.get(k, 0) for k in keys], [cur.get(k, 0) for k in keys]], dtype=float)
    res = stats.chi2_contingency(table)
    return {"ref": ref, "cur": cur, "statistic": float(res.statistic), "pValue": float(res.pvalue),
            "dof": int(res.dof)}


def two_proportion_z(s1: float, n1: float, s2: float, n2: float) -> dict:
    """statsmodels.stats.proportion.proportions_ztest([s1, s2], [n1, n2]) written out."""
    count = np.array([s1, s2], dtype=float)
    nobs = np.array([n1, n2], dtype=float)
    prop = count / nobs
    p_pooled = count.sum() / nobs.sum()
    var = p_pooled * (1 - p_pooled) * np.sum(1.0 / nobs)
    z = (prop[0] - prop[1]) / np.sqrt(var)
    p = 2 * stats.norm.sf(np.abs(z))
    return {"s1": s1, "n1": n1, "s2": s2, "n2": n2, "statistic": float(z), "pValue": float(p)}


# ---------------------------------------------------------------- cases

def main() -> None:
    rng = np.random.default_rng(20261126)

    numeric = [
        numeric_case("normal-shift-5000",
                     rng.normal(0.0, 1.0, 5000), rng.normal(0.3, 1.2, 5000)),
        numeric_case("lognormal-skew-rounded-2000",
                     np.round(rng.lognormal(0.0, 1.5, 2000), 3), np.round(rng.lognormal(0.2, 1.5, 1500), 3)),
        numeric_case("integer-ties-300",
                     rng.integers(0, 5, 300).astype(float), rng.integers(0, 7, 250).astype(float)),
        numeric_case("mostly-zeros-skew",
                     np.concatenate([np.zeros(180), rng.exponential(3.0, 20)]),
                     np.concatenate([np.zeros(50), rng.exponential(5.0, 60)])),
        numeric_case("constant-ref", np.full(40, 7.5), np.round(rng.normal(7.5, 0.5, 30), 2)),
        numeric_case("constant-both", np.full(12, -2.0), np.full(9, -2.0)),
        numeric_case("tiny-n1", [3.25], [1.0, 4.0]),
        numeric_case("tiny-n2", [1.0, 2.5], [2.0]),
        numeric_case("tiny-n3", [0.1, 0.2, 0.3], [0.3, 0.3, 10.0], bins=4),
        numeric_case("out-of-range-units", rng.normal(50.0, 5.0, 400),
                     np.concatenate([rng.normal(50.0, 5.0, 150), rng.normal(50000.0, 5000.0, 50)])),
        numeric_case("empty-current-bins-identical", np.arange(100.0), np.arange(100.0)),
        numeric_case("negatives-and-decimals-b7", np.round(rng.uniform(-3, 3, 77), 4),
                     np.round(rng.uniform(-1, 5, 31), 4), bins=7),
    ]

    quantiles = []
    for n, bins in [(1, 10), (2, 10), (3, 3), (5, 7), (10, 10), (11, 3), (13, 20), (100, 10),
                    (101, 6), (997, 10), (1000, 13), (4999, 9)]:
        values = np.sort(np.round(rng.normal(0.0, 10.0, n), rng.integers(0, 12)))
        quantiles.append({"values": values.tolist(), "bins": bins, "edges": quantile_edges(values, bins)})
    # Values where the interpolation weight is exactly 0.5 and above, on large magnitudes,
    # to exercise numpy's two-sided lerp.
    big = np.sort(rng.uniform(1e12, 1e12 + 1e6, 19))
    quantiles.append({"values": big.tolist(), "bins": 4, "edges": quantile_edges(big, 4)})
    quantiles.append({"values": [], "bins": 10, "edges": []})

    search_edges = [-1.0, 0.0, 0.0, 2.5, 10.0]
    xs = [-5.0, -1.0, -0.5, 0.0, 1.0, 2.5, 2.6, 10.0, 11.0]
    searchsorted = {"edges": search_edges, "x": xs,
                    "index": np.searchsorted(search_edges, xs, side="right").tolist()}

    share_pairs = [
        ([10, 20, 30, 40], [40, 30, 20, 10]),
        ([5, 0, 5, 10], [0, 3, 3, 4]),                       # zero in each, fill 1e-4 branch
        ([1, 20000, 3000, 0], [2, 15000, 5000, 7]),          # min share <= 1e-4: min/1e6 branch
        ([0.2, 0.3, 0.5, 0.0], [0.2, 0.3, 0.5, 0.0]),        # shares, zero in both arrays
        ([1, 1], [1, 1]),
        ([1, 0], [0, 1]),
        ([3], [8]),
        ([0.1, 0.1, 0.1, 0.7], [0.25, 0.25, 0.25, 0.25]),
    ]
    shares = [{"p": list(p), "q": list(q), **distances(p, q)} for p, q in share_pairs]

    chi = [
        chi_square({"a": 50, "b": 30, "c": 20}, {"a": 45, "b": 35, "c": 20}),
        chi_square({"a": 500, "b": 300, "c": 200}, {"a": 40, "b": 30, "c": 50}),
        chi_square({"a": 10, "b": 10}, {"a": 10, "b": 9, "new": 1}),     # unseen in the baseline: finite
        chi_square({"a": 10, "b": 10, "gone": 5}, {"a": 12, "b": 8}),    # only in the baseline
        chi_square({"north": 1000, "south": 10, "east": 1}, {"north": 80, "south": 15, "east": 5}),
        chi_square({"x": 3, "y": 0}, {"x": 4, "y": 0}),                  # zero in both is dropped: dof 0
        chi_square({"a": 1000, "b": 1000}, {"a": 1000, "b": 2000}),      # 2x2 Yates, tiny p
        chi_square({"a": 10, "b": 10}, {"a": 10, "b": 9}),               # 2x2 Yates clips |O-E| < 0.5 to 0
        chi_square({"a": 7, "b": 3}, {"a": 2, "b": 8}),                  # 2x2 Yates, small counts
        chi_square({"false": 600, "true": 400}, {"false": 3550, "true": 2450}),  # boolean, 2x2
        chi_square({"a": 4}, {"b": 6}),                                  # disjoint categories, 2x2
        chi_square({"a": 400, "b": 350, "c": 250}, {"a": 20100, "b": 17300, "c": 12600, "d": 3}),  # large n
        chi_square({"a": 120000, "b": 80000, "c": 1}, {"a": 3000000, "b": 2000500, "c": 0, "z": 40}),
        chi_square({"p": 30, "q": 20, "old": 9, "r": 1}, {"p": 25, "q": 30, "r": 4, "new1": 2, "new2": 1}),
        chi_square({f"c{i}": 10 for i in range(100)}, {f"c{i}": 60 + (i % 7) for i in range(100)}),  # 100 categories
    ]

    sf_cases = []
    for x, k in [(0.0, 1), (0.5, 1), (3.84, 1), (10.0, 3), (100.0, 5), (250.0, 2), (1e-8, 4),
                 (50.0, 60), (1500.0, 1000), (700.0, 10), (1.0, 30)]:
        sf_cases.append({"x": x, "dof": k, "sf": float(stats.chi2.sf(x, k))})

    props = [two_proportion_z(*args) for args in [
        (45, 100, 60, 100), (5, 1000, 9, 1200), (300, 1000, 300, 1000), (0, 50, 4, 50),
        (990, 1000, 900, 1000), (1, 3, 2, 3), (12000, 100000, 15000, 100000)]]

    multi = []
    for ps in [[0.01, 0.04, 0.03, 0.20, 0.5], [0.05], [1.0, 1.0, 0.9], [1e-300, 0.5, 0.049, 0.049, 0.01],
               rng.uniform(0, 0.2, 25).tolist(), []]:
        arr = np.asarray(ps, dtype=float)
        bh = stats.false_discovery_control(arr, method="bh") if arr.size else arr
        multi.append({"p": list(ps), "bonferroni": np.minimum(1.0, arr * arr.size).tolist(),
                      "bh": np.atleast_1d(bh).tolist()})

    doc = {
        "generator": "libs/stats/scripts/gen_core_fixtures.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numeric": numeric,
        "quantiles": quantiles,
        "searchsorted": searchsorted,
        "shares": shares,
        "chiSquare": chi,
        "chi2Sf": sf_cases,
        "twoProportionZ": props,
        "multipleTesting": multi,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(_encode_non_finite(doc), allow_nan=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


def _encode_non_finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: _encode_non_finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode_non_finite(v) for v in value]
    if isinstance(value, np.generic):
        return _encode_non_finite(value.item())
    return value


if __name__ == "__main__":
    main()
