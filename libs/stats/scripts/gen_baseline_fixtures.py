#!/usr/bin/env python3
"""Reference values for libs/stats/src/baseline (building a model's baseline from training data).

Computed with numpy following docs/architecture.md "Statistics conventions", independently of
the TypeScript code, with fixed seeds:

    python3 libs/stats/scripts/gen_baseline_fixtures.py

writes libs/stats/fixtures/baseline.json. Per numeric case: the raw values (null = missing,
the strings "Infinity"/"-Infinity" for infinite values, which JSON cannot hold), and what a
baseline must hold for them:
- edges = unique(quantile(finite, [i/B for i in 1..B-1])) over the finite values (±inf dropped
  first, they would make the interpolated quantiles infinite or NaN);
- bin counts = bincount(searchsorted(edges, x, side="right")) over every non-missing value,
  infinite ones included (they land in the outer bins), so the counts sum to `count`;
- the same with 100 bins for the fine grid;
- min, max, mean, std (np.std, ddof=0), median over the finite values.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "baseline.json"


def quantile_edges(finite: np.ndarray, bins: int) -> list[float]:
    if finite.size == 0 or bins < 2:
        return []
    return np.unique(np.quantile(finite, [i / bins for i in range(1, bins)])).tolist()


def bin_counts(values: np.ndarray, edges: list[float]) -> list[int]:
    idx = np.searchsorted(np.asarray(edges, dtype=float), values, side="right")
    return np.bincount(idx, minlength=len(edges) + 1).astype(int).tolist()


def to_json_value(v):
    if v is None:
        return None
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float(v)


def numeric_case(name: str, raw: list, bins: int, fine_bins: int) -> dict:
    present = np.array([v for v in raw if v is not None], dtype=float)
    finite = present[np.isfinite(present)]
    has = finite.size > 0
    return {
        "name": name,
        "values": [to_json_value(v) for v in raw],
        "bins": bins,
        "fineBins": fine_bins,
        "count": int(present.size),
        "missing": int(sum(v is None for v in raw)),
        "edges": quantile_edges(finite, bins),
        "binCounts": bin_counts(present, quantile_edges(finite, bins)),
        "fineEdges": quantile_edges(finite, fine_bins),
        "fineCounts": bin_counts(present, quantile_edges(finite, fine_bins)),
        "min": float(np.min(finite)) if has else None,
        "max": float(np.max(finite)) if has else None,
        "mean": float(np.mean(finite)) if has else None,
        "std": float(np.std(finite)) if has else None,
        "median": float(np.median(finite)) if has else None,
    }


def with_missing(rng: np.random.Generator, values: np.ndarray, share: float) -> list:
    mask = rng.random(values.size) < share
    return [None if m else float(v) for v, m in zip(values, mask)]


def main() -> None:
    rng = np.random.default_rng(20261126)
    lognormal = with_missing(rng, rng.lognormal(3.0, 0.8, 1500), 0.05)
    lognormal[7] = float("inf")
    lognormal[11] = float("-inf")
    lognormal[12] = float("inf")
    ties = [float(v) for v in rng.integers(0, 5, 400)]
    even = [float(v) for v in rng.normal(0, 1, 10)]
    cases = [
        numeric_case("lognormal with missing and infinite values", lognormal, 10, 100),
        numeric_case("integer ties collapse edges", ties, 10, 100),
        numeric_case("even count, median between two values", even, 4, 7),
        numeric_case("one value", [42.5], 10, 100),
        numeric_case("only missing", [None, None, None], 10, 100),
        numeric_case("only infinite", [float("inf"), None, float("-inf")], 10, 100),
    ]
    categories = rng.choice(["north", "south", "east", "west", "__proto__"], 300, p=[0.4, 0.3, 0.2, 0.09, 0.01])
    cat_values = [None if rng.random() < 0.1 else str(c) for c in categories]
    present = [c for c in cat_values if c is not None]
    keys, counts = np.unique(np.array(present), return_counts=True)
    categorical = {
        "values": cat_values,
        "count": len(present),
        "missing": len(cat_values) - len(present),
        "categories": {str(k): int(n) for k, n in zip(keys, counts)},
    }
    OUT.write_text(json.dumps({"numpy": np.__version__, "numeric": cases, "categorical": categorical}, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
