#!/usr/bin/env python3
"""Which histogram estimate of scipy.stats.wasserstein_distance should the evaluator use?

    python3 libs/evaluation/scripts/compare_histogram_wasserstein.py

A window keeps counts on the baseline's 100-quantile fine grid, not values, so the evaluator
estimates scipy's Wasserstein from two histograms. The grid has two unbounded outer bins; how
they are closed decides how the tail mass is weighted. Candidates, all computed here with
numpy/scipy, each divided by max(np.std(ref), 0.001) as the normalised score of docs/architecture.md:

- current:   each bin's mass at its midpoint, the outer bins closed by the smallest / largest
             value seen on either side (what libs/stats wassersteinFromHistogram does; checked
             against scipy.stats.wasserstein_distance(mids, mids, ref_counts, cur_counts));
- seen:      CDFs interpolated linearly inside every bin (mass spread uniformly), the outer bins
             closed by the extremes seen as above;
- baseline:  the same, the outer bins closed by the baseline's min / max (fixed per baseline; a
             window's values beyond them count as if at them);
- adjacent:  the same, each outer bin as wide as its neighbouring interior bin (fixed per
             baseline, independent of any extreme value).

Against scipy.stats.wasserstein_distance on the raw values of the same windows it reports, per
distribution and window size: the false-drift rate (share >= 0.1) on clean windows, and on
shifted windows (mean moved by 0.15, 0.5, 3 baseline std; spread scaled by 1.3 around the
median) the detection rate and the mean absolute error vs scipy's raw-value score.
The evaluator should switch only to an estimate that is closer to scipy and quieter on heavy
tails without losing detection on the shifted windows.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from simulate_window_noise import BASELINE_ROWS, THRESHOLD, bin_rows, binned_wasserstein, fine_edges, numeric_distributions

SEED = 20261127
SIZES = [300, 1000, 2000]
BASELINES = 10
WINDOWS_PER_BASELINE = 150
ESTIMATES = ["current", "seen", "baseline", "adjacent"]
# (label, mean shift in baseline std, spread factor around the baseline median)
CASES = [("clean", 0.0, 1.0), ("+0.15 std", 0.15, 1.0), ("+0.5 std", 0.5, 1.0), ("x1.3 spread", 0.0, 1.3), ("+3 std", 3.0, 1.0)]


def abs_linear_integral(d: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Row-wise sum over segments of the integral of |d| with d linear between the bounds."""
    a, b = d[:, :-1], d[:, 1:]
    same_sign = a * b >= 0
    span = np.abs(a) + np.abs(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        # A sign change inside the segment: two triangles, (a² + b²) / (2 (|a| + |b|)) of its width.
        crossing = np.where(span > 0, (a * a + b * b) / (2 * span), 0.0)
    return np.sum(np.where(same_sign, span / 2, crossing) * widths, axis=1)


def interpolated(ref: np.ndarray, edges: np.ndarray, ref_counts: np.ndarray, windows: np.ndarray, closure: str) -> np.ndarray:
    rows = windows.shape[0]
    if closure == "seen":
        lo = np.minimum(np.minimum(ref.min(), windows.min(axis=1)), edges[0])
        hi = np.maximum(np.maximum(ref.max(), windows.max(axis=1)), edges[-1])
    elif closure == "baseline":
        lo = np.full(rows, min(ref.min(), edges[0]))
        hi = np.full(rows, max(ref.max(), edges[-1]))
    else:
        lo = np.full(rows, edges[0] - (edges[1] - edges[0]))
        hi = np.full(rows, edges[-1] + (edges[-1] - edges[-2]))
    bounds = np.column_stack([lo, np.broadcast_to(edges, (rows, len(edges))), hi])
    cur_counts = bin_rows(windows, edges)
    cdf_ref = np.concatenate([[0.0], np.cumsum(ref_counts) / ref_counts.sum()])
    cdf_cur = np.column_stack([np.zeros(rows), np.cumsum(cur_counts, axis=1) / windows.shape[1]])
    w = abs_linear_integral(cdf_ref - cdf_cur, np.diff(bounds, axis=1))
    # Independent check on the first window: with uniform mass per bin the estimate is the
    # Wasserstein distance of two piecewise-uniform densities; sample them finely with scipy.
    if closure == "adjacent" and ref_counts.sum() > 0:
        grid = np.concatenate([np.linspace(bounds[0, i], bounds[0, i + 1], 400, endpoint=False) + (bounds[0, i + 1] - bounds[0, i]) / 800 for i in range(len(edges) + 1)])
        per = np.repeat(np.arange(len(edges) + 1), 400)
        check = stats.wasserstein_distance(grid, grid, ref_counts[per] + 0.0, cur_counts[0][per] + 0.0)
        assert abs(check - w[0]) <= 1e-3 * max(w[0], 1e-3 * (bounds[0, -1] - bounds[0, 0])), (check, w[0])
    return w / max(float(np.std(ref)), 0.001)


def compare(rng: np.random.Generator, draw, n: int, shift: float, spread: float):
    scores = {e: [] for e in ESTIMATES}
    scipy_raw = []
    for _ in range(BASELINES):
        ref = draw(rng, BASELINE_ROWS)
        edges = fine_edges(ref)
        ref_counts = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
        std, median = float(np.std(ref)), float(np.median(ref))
        windows = draw(rng, WINDOWS_PER_BASELINE * n).reshape(WINDOWS_PER_BASELINE, n)
        windows = median + (windows - median) * spread + shift * std
        scores["current"].append(binned_wasserstein(ref, edges, ref_counts, windows))
        for closure in ESTIMATES[1:]:
            scores[closure].append(interpolated(ref, edges, ref_counts, windows, closure))
        scipy_raw.extend(stats.wasserstein_distance(ref, w) / max(std, 0.001) for w in windows)
    truth = np.asarray(scipy_raw)
    return truth, {e: np.concatenate(v) for e, v in scores.items()}


def main() -> None:
    rng = np.random.default_rng(SEED)
    windows = BASELINES * WINDOWS_PER_BASELINE
    print(f"baseline {BASELINE_ROWS} rows, {BASELINES} baselines x {WINDOWS_PER_BASELINE} windows per cell ({windows}), threshold {THRESHOLD}")
    print("cells: share of windows with score >= 0.1, and the mean |estimate - scipy on raw values| (normalised)\n")
    header = f"  {'case':<12}{'window':>7}{'scipy':>9}" + "".join(f"{e:>22}" for e in ESTIMATES)
    for name, draw in numeric_distributions().items():
        print(name)
        print(header)
        for label, shift, spread in CASES:
            for n in SIZES:
                truth, scores = compare(rng, draw, n, shift, spread)
                cells = "".join(
                    f"{np.mean(s >= THRESHOLD) * 100:7.2f}% mae {np.mean(np.abs(s - truth)):.4f}" for s in scores.values()
                )
                print(f"  {label:<12}{n:>7}{np.mean(truth >= THRESHOLD) * 100:8.2f}%{cells}")
        print()


if __name__ == "__main__":
    main()
