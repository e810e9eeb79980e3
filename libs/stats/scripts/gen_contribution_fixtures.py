#!/usr/bin/env python3
"""Per-bin contributions of the drift methods (libs/stats/src/explain), computed with
numpy/scipy independently of the TypeScript code:

    python3 libs/stats/scripts/gen_contribution_fixtures.py

writes libs/stats/fixtures/contributions.json. Each case has two count arrays over the same
bins (and interior edges with the outer bounds for Wasserstein); the totals are scipy's own
functions, so the test checks both the terms and that they add up to what scipy computes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "contributions.json"


def shares(counts: np.ndarray) -> np.ndarray:
    return counts / counts.sum()


def fill(s: np.ndarray) -> np.ndarray:
    nonzero = s[s > 0]
    value = nonzero.min() / 1e6 if nonzero.min() <= 1e-4 else 1e-4
    return np.where(s == 0, value, s)


def case(name: str, ref: list[float], cur: list[float], edges: list[float], lo: float, hi: float) -> dict:
    r = np.asarray(ref, dtype=float)
    c = np.asarray(cur, dtype=float)
    p, q = shares(r), shares(c)
    pf, qf = fill(p), fill(q)
    psi = (qf - pf) * np.log(qf / pf)
    pk, qk = pf / pf.sum(), qf / qf.sum()
    kl = pk * np.log(pk / qk)
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        js_div = 0.5 * (np.where(p > 0, p * np.log(p / m), 0.0) + np.where(q > 0, q * np.log(q / m), 0.0))
    js = float(jensenshannon(p, q))
    hel_sq = 0.5 * (np.sqrt(p) - np.sqrt(q)) ** 2
    hel = math.sqrt(hel_sq.sum())
    gaps = np.abs(np.cumsum(p)[:-1] - np.cumsum(q)[:-1])
    bounds = np.array([min(lo, edges[0]), *edges, max(hi, edges[-1])])
    mids = (bounds[:-1] + bounds[1:]) / 2
    wass = gaps * np.diff(mids)
    table = np.vstack([r, c])
    table = table[:, table.sum(axis=0) > 0]
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    chi_cols = ((table - expected) ** 2 / expected).sum(axis=0)
    return {
        "name": name,
        "ref": ref,
        "cur": cur,
        "edges": edges,
        "lo": lo,
        "hi": hi,
        "psi": psi.tolist(),
        "kullbackLeibler": kl.tolist(),
        "totalVariation": (0.5 * np.abs(p - q)).tolist(),
        "jensenShannon": (js_div / js if js > 0 else js_div * 0).tolist(),
        "jensenShannonTotal": js,
        "hellinger": (hel_sq / hel if hel > 0 else hel_sq * 0).tolist(),
        "hellingerTotal": hel,
        "ksGaps": gaps.tolist(),
        "ksStatistic": float(gaps.max()) if gaps.size else 0.0,
        "wasserstein": wass.tolist(),
        "wassersteinTotal": float(stats.wasserstein_distance(mids, mids, r, c)),
        # columns empty on both sides are dropped by scipy: the test compares the non-empty ones
        "contingency": chi_cols.tolist(),
        "contingencyStatistic": float(stats.chi2_contingency(table, correction=False).statistic),
    }


def main() -> None:
    rng = np.random.default_rng(20261201)
    base = rng.normal(0, 1, 5000)
    shifted = rng.normal(0.5, 1.2, 800)
    edges = np.unique(np.quantile(base, [i / 10 for i in range(1, 10)])).tolist()
    ref_hist = np.bincount(np.searchsorted(edges, base, side="right"), minlength=10).tolist()
    cur_hist = np.bincount(np.searchsorted(edges, shifted, side="right"), minlength=10).tolist()
    lo = float(min(base.min(), shifted.min()))
    hi = float(max(base.max(), shifted.max()))
    cases = [
        case("normal shifted by 0.5 and widened", ref_hist, cur_hist, edges, lo, hi),
        # an empty bin on one side (PSI and KL fill it; JS and the contingency table need no filling)
        case("a bin empty in the window, a new one in the baseline's zero", [50, 30, 20, 0], [10, 30, 0, 60], [1.0, 2.0, 3.0], 0.0, 4.0),
        case("identical shares", [10, 20, 30], [1, 2, 3], [0.5, 1.5], 0.0, 2.0),
    ]
    OUT.write_text(json.dumps({"cases": cases}, indent=1) + "\n")


if __name__ == "__main__":
    main()
