#!/usr/bin/env python3
"""How often the default distance rule calls drift on CLEAN windows, by window size.

The default decision for a baseline of more than 1000 rows is normalised Wasserstein
>= 0.1 (numeric) and Jensen-Shannon >= 0.1 (categorical). Both are distances between two
samples, so sampling noise alone gives a clean window a positive distance that shrinks like
1/sqrt(n). This script measures the share of clean windows judged drifted, per window size,
to choose the policy's `drift.minEvents` (the number of non-missing values a feature needs in
a window before a distance decides drift):

    python3 libs/evaluation/scripts/simulate_window_noise.py

Everything is computed here with numpy/scipy, independently of the TypeScript code, the way
the evaluator computes it from histograms (libs/evaluation/README.md, "Metrics from
histograms"):
- baseline: BASELINE_ROWS values; fine grid = unique(np.quantile(ref, [i/100])) (linear);
- window: N values drawn from the SAME distribution as the baseline (no drift at all), binned
  with np.searchsorted(edges, x, side="right");
- Wasserstein: each fine bin's mass at its midpoint, the outer bins closed by the smallest /
  largest value seen on either side, divided by max(np.std(ref), 0.001); checked against
  scipy.stats.wasserstein_distance on the same histograms;
- Jensen-Shannon: scipy.spatial.distance.jensenshannon of the category shares (baseline
  categories plus the unseen bucket), checked against scipy as well.
Several baselines are drawn per distribution, since a baseline is a sample too. The last table
shows that a real shift is still found from the same sizes up (power), so the minimum costs
little sensitivity; the hourly rollup, summed from many windows, judges small windows' drift.
A table on raw values (scipy.stats.wasserstein_distance) shows how much of the noise comes
from the binning: on heavy tails the outer fine bins, which span from the baseline's 1st / 99th
percentile to the extreme values and spread their mass over that span, make the streaming
estimate noisier than the raw distance. compare_histogram_wasserstein.py weighs other ways of
closing those bins (libs/evaluation/README.md, "Closing the outer bins").
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from scipy.spatial import distance

BASELINE_ROWS = 5000
BASELINES = 10
WINDOWS_PER_BASELINE = 300
SIZES = [100, 200, 300, 500, 750, 1000, 1500, 2000, 5000]
THRESHOLD = 0.1
FINE_BINS = 100
SEED = 20261126


def numeric_distributions():
    """Shapes a model's numeric inputs take: symmetric, skewed, heavy-tailed, flat, integer."""
    return {
        "normal": lambda rng, n: rng.normal(600, 80, n),
        "lognormal s=0.5": lambda rng, n: np.exp(np.log(40_000) + 0.5 * rng.normal(size=n)),
        "lognormal s=1": lambda rng, n: np.exp(np.log(100) + rng.normal(size=n)),
        "uniform": lambda rng, n: rng.uniform(0, 1, n),
        "integer 18..90": lambda rng, n: rng.integers(18, 91, n).astype(float),
        "exponential": lambda rng, n: rng.exponential(1.0, n),
    }


CATEGORICAL = {
    "4 categories 40/30/20/10": [0.4, 0.3, 0.2, 0.1],
    "3 categories 50/35/15": [0.5, 0.35, 0.15],
    "10 categories, skewed": list(np.array([30, 20, 12, 10, 8, 7, 5, 4, 2, 2]) / 100),
    "boolean 30/70": [0.3, 0.7],
}


def fine_edges(ref: np.ndarray) -> np.ndarray:
    return np.unique(np.quantile(ref, [i / FINE_BINS for i in range(1, FINE_BINS)]))


def bin_rows(windows: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts per fine bin for each row of `windows` (rows x values)."""
    k = len(edges) + 1
    idx = np.searchsorted(edges, windows, side="right")
    offsets = (np.arange(windows.shape[0]) * k)[:, None]
    return np.bincount((idx + offsets).ravel(), minlength=windows.shape[0] * k).reshape(windows.shape[0], k)


def binned_wasserstein(ref: np.ndarray, edges: np.ndarray, ref_counts: np.ndarray, windows: np.ndarray) -> np.ndarray:
    """The evaluator's Wasserstein of each window (row) against the baseline, in baseline std."""
    cur_counts = bin_rows(windows, edges)
    lo = np.minimum(np.minimum(ref.min(), windows.min(axis=1)), edges[0])
    hi = np.maximum(np.maximum(ref.max(), windows.max(axis=1)), edges[-1])
    inner = (edges[:-1] + edges[1:]) / 2
    n_rows = windows.shape[0]
    mids = np.column_stack([(lo + edges[0]) / 2, np.broadcast_to(inner, (n_rows, len(inner))), (edges[-1] + hi) / 2])
    cdf_ref = np.cumsum(ref_counts)[:-1] / ref_counts.sum()
    cdf_cur = np.cumsum(cur_counts, axis=1)[:, :-1] / windows.shape[1]
    w = np.sum(np.abs(cdf_ref - cdf_cur) * np.diff(mids, axis=1), axis=1)
    # Independent check of the vectorised form on the first window.
    check = stats.wasserstein_distance(mids[0], mids[0], ref_counts, cur_counts[0])
    assert abs(check - w[0]) <= 1e-9 * max(1.0, abs(check)), (check, w[0])
    return w / max(float(np.std(ref)), 0.001)


def jensen_shannon_rows(p: np.ndarray, counts: np.ndarray) -> np.ndarray:
    q = counts / counts.sum(axis=1, keepdims=True)
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        kl_p = np.where(p > 0, p * np.log(p / m), 0.0).sum(axis=1)
        kl_q = np.where(q > 0, q * np.log(q / m), 0.0).sum(axis=1)
    js = np.sqrt(np.maximum((kl_p + kl_q) / 2, 0.0))
    check = distance.jensenshannon(p, q[0])
    assert abs(check - js[0]) <= 1e-9, (check, js[0])
    return js


def numeric_rates(rng: np.random.Generator, draw, shift_std: float = 0.0) -> dict[int, tuple[float, float]]:
    """Per window size: share of windows with Wasserstein >= THRESHOLD, and the 99th percentile."""
    out = {}
    for n in SIZES:
        values = []
        for _ in range(BASELINES):
            ref = draw(rng, BASELINE_ROWS)
            edges = fine_edges(ref)
            ref_counts = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
            windows = draw(rng, WINDOWS_PER_BASELINE * n).reshape(WINDOWS_PER_BASELINE, n) + shift_std * np.std(ref)
            values.append(binned_wasserstein(ref, edges, ref_counts, windows))
        w = np.concatenate(values)
        out[n] = (float(np.mean(w >= THRESHOLD)), float(np.quantile(w, 0.99)))
    return out


def raw_rates(rng: np.random.Generator, draw, baselines: int = 4, windows: int = 250) -> dict[int, tuple[float, float]]:
    """The same with scipy.stats.wasserstein_distance on the raw values (what a batch tool computes)."""
    out = {}
    for n in SIZES:
        values = []
        for _ in range(baselines):
            ref = draw(rng, BASELINE_ROWS)
            std = max(float(np.std(ref)), 0.001)
            values.extend(stats.wasserstein_distance(ref, draw(rng, n)) / std for _ in range(windows))
        w = np.asarray(values)
        out[n] = (float(np.mean(w >= THRESHOLD)), float(np.quantile(w, 0.99)))
    return out


def categorical_rates(rng: np.random.Generator, shares: list[float]) -> dict[int, tuple[float, float]]:
    shares_a = np.asarray(shares, dtype=float)
    out = {}
    for n in SIZES:
        values = []
        for _ in range(BASELINES):
            ref = rng.multinomial(BASELINE_ROWS, shares_a)
            # Baseline categories plus the (empty, for clean windows) unseen bucket.
            p = np.append(ref / ref.sum(), 0.0)
            cur = rng.multinomial(n, shares_a, size=WINDOWS_PER_BASELINE)
            cur = np.column_stack([cur, np.zeros(WINDOWS_PER_BASELINE, dtype=int)])
            values.append(jensen_shannon_rows(p, cur))
        js = np.concatenate(values)
        out[n] = (float(np.mean(js >= THRESHOLD)), float(np.quantile(js, 0.99)))
    return out


def table(title: str, columns: dict[str, dict[int, tuple[float, float]]], percentile: bool = True) -> None:
    print(title)
    names = list(columns)
    width = max(16, *(len(c) + 2 for c in names))
    print("  window" + "".join(f"{c:>{width}}" for c in names))
    for n in SIZES:
        cells = []
        for c in names:
            rate, p99 = columns[c][n]
            cells.append(f"{rate * 100:6.2f}% (p99 {p99:.3f})" if percentile else f"{rate * 100:6.2f}%")
        print(f"  {n:>6}" + "".join(f"{cell:>{width}}" for cell in cells))
    print()


def main() -> None:
    rng = np.random.default_rng(SEED)
    windows = BASELINES * WINDOWS_PER_BASELINE
    print(f"baseline {BASELINE_ROWS} rows ({BASELINES} baselines per distribution), {windows} clean windows per size, threshold {THRESHOLD}")
    print("cells: share of clean windows judged drifted (false drift), and the 99th percentile of the distance\n")
    numeric = {name: numeric_rates(rng, draw) for name, draw in numeric_distributions().items()}
    table("numeric features, normalised Wasserstein >= 0.1 (binned on the baseline's 100-quantile grid):", numeric)
    categorical = {name: categorical_rates(rng, shares) for name, shares in CATEGORICAL.items()}
    table("categorical features, Jensen-Shannon >= 0.1:", categorical)
    dists = numeric_distributions()
    raw = {name: raw_rates(rng, dists[name]) for name in ("normal", "lognormal s=1")}
    table("the same on raw values (scipy.stats.wasserstein_distance, 1000 windows per size), for comparison:", raw)
    power = {f"{name} +0.15 std": numeric_rates(rng, dists[name], shift_std=0.15) for name in ("normal", "lognormal s=1")}
    table("power: share of windows judged drifted when the mean really moved by 0.15 baseline std:", power, percentile=False)

    worst = {n: max(numeric[c][n][0] for c in numeric) for n in SIZES}
    for n in SIZES:
        print(f"worst numeric false-drift rate at {n:>5} events: {worst[n] * 100:.2f}%")


if __name__ == "__main__":
    main()
