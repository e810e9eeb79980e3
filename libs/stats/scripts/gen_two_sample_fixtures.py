#!/usr/bin/env python3
"""Reference values for the two-sample tests of libs/stats (src/two-sample).

Runs scipy's own functions with their default arguments (ks_2samp, anderson_ksamp,
cramervonmises_2samp, mannwhitneyu) plus the distribution functions behind them, so the
TypeScript ports can be checked against scipy without Python:

    python3 libs/stats/scripts/gen_two_sample_fixtures.py

writes libs/stats/fixtures/two-sample.json. Floats are written with repr precision; NaN and
infinities as the strings "NaN", "Infinity", "-Infinity" (JSON has no literal for them).

Large samples are not stored: they come from a tiny integer generator (mulberry32) that the
TypeScript tests re-implement bit for bit, and every value is an integer divided by a power of
ten (so values are exact 4-decimal or integer data, identical in both languages). Each generated
sample carries a checksum (sum of its integer numerators) that the tests verify first.
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import mpmath as mp
import numpy as np
import scipy
from scipy import special, stats
from scipy.stats import _hypotests

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "two-sample.json"
M32 = 0xFFFFFFFF


def mulberry32(seed: int):
    a = seed & M32

    def nxt() -> int:
        nonlocal a
        a = (a + 0x6D2B79F5) & M32
        t = ((a ^ (a >> 15)) * (1 | a)) & M32
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & M32)) & M32) ^ t
        return (t ^ (t >> 14)) & M32

    return nxt


def generate(spec: dict) -> tuple[np.ndarray, int]:
    """Bell-shaped integers (sum of 4 uniforms) scaled by `spread`, shifted, divided by `denom`."""
    nxt = mulberry32(spec["seed"])
    ints = []
    for _ in range(spec["n"]):
        c = sum(nxt() >> 8 for _ in range(4)) - (1 << 25)
        ints.append((c * spec["spread"]) // (1 << 25) + spec["shift"])
    return np.array([i / spec["denom"] for i in ints], dtype=np.float64), sum(ints)


samples: dict[str, dict] = {}
arrays: dict[str, np.ndarray] = {}


def explicit(name: str, values) -> str:
    arr = np.asarray(values, dtype=np.float64)
    samples[name] = {"values": [float(v) for v in arr]}
    arrays[name] = arr
    return name


def generated(name: str, seed: int, n: int, spread: int, shift: int = 0, denom: int = 10000) -> str:
    spec = {"seed": seed, "n": n, "spread": spread, "shift": shift, "denom": denom}
    arr, checksum = generate(spec)
    samples[name] = {"generated": {**spec, "checksum": checksum}}
    arrays[name] = arr
    return name


def run(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            res = fn()
        except (ValueError, IndexError) as e:
            return {"error": str(e)}
    return res, [str(x.message) for x in w]


def ks(x, y):
    out = run(lambda: stats.ks_2samp(x, y))
    if isinstance(out, dict):
        return out
    res, warns = out
    n1, n2 = len(x), len(y)
    method = "exact" if max(n1, n2) <= 10000 else "asymp"
    if any("Switching to method=asymp" in m for m in warns):
        method = "asymp"
    return {"statistic": float(res.statistic), "pvalue": float(res.pvalue), "method": method}


def ad(*ss):
    out = run(lambda: stats.anderson_ksamp(list(ss)))
    if isinstance(out, dict):
        return out
    res, _ = out
    return {
        "statistic": float(res.statistic),
        "pvalue": float(res.pvalue),
        "criticalValues": [float(c) for c in res.critical_values],
    }


def cvm(x, y):
    out = run(lambda: stats.cramervonmises_2samp(x, y))
    if isinstance(out, dict):
        return out
    res, _ = out
    return {"statistic": float(res.statistic), "pvalue": float(res.pvalue)}


def mwu(x, y):
    out = run(lambda: stats.mannwhitneyu(x, y))
    if isinstance(out, dict):
        return out
    res, _ = out
    return {"statistic": float(res.statistic), "pvalue": float(res.pvalue)}


cases: list[dict] = []


def case(name: str, xn: str, yn: str) -> None:
    x, y = arrays[xn], arrays[yn]
    entry = {"name": name, "x": xn, "y": yn, "ks": ks(x, y), "mwu": mwu(x, y)}
    entry["ad"] = ad(x, y)
    entry["cvm"] = cvm(x, y) if min(len(x), len(y)) >= 2 else {"error": "needs two observations"}
    cases.append(entry)


# ---------------------------------------------------------------- tiny samples
explicit("one_a", [0.5])
explicit("one_b", [1.5])
explicit("two_a", [0.1, 0.9])
explicit("two_b", [0.3, 2.0])
explicit("three_a", [-1.0, 0.25, 3.5])
explicit("three_b", [0.0, 0.5, 1.0])
case("n1=1 vs n2=1", "one_a", "one_b")
case("n1=1 vs n2=2", "one_a", "two_b")
case("n1=1 vs n2=3", "one_a", "three_b")
case("n1=2 vs n2=2", "two_a", "two_b")
case("n1=2 vs n2=3", "two_b", "three_a")
case("n1=3 vs n2=3", "three_a", "three_b")

# ---------------------------------------------------------------- ties, constants, identical
explicit("const5_7", [5.0] * 7)
explicit("const5_4", [5.0] * 4)
explicit("const6_5", [6.0] * 5)
explicit("ties_small_a", [1, 1, 2, 2, 2, 3, 5, 5])
explicit("ties_small_b", [1, 2, 2, 3, 3, 3, 4, 5, 5, 6])
case("constant samples, same value", "const5_7", "const5_4")
case("constant samples, different values", "const5_7", "const6_5")
case("small with ties", "ties_small_a", "ties_small_b")
generated("int_a", 11, 400, 12, 0, 1)
generated("int_b", 12, 650, 12, 1, 1)
generated("int_c", 13, 30000, 20, 0, 1)
generated("int_d", 14, 20000, 20, 0, 1)
case("heavy ties, integer data 400 vs 650", "int_a", "int_b")
case("heavy ties, integer data 30000 vs 20000", "int_c", "int_d")
generated("norm_300", 21, 300, 40000)
case("identical samples", "norm_300", "norm_300")

# ---------------------------------------------------------------- completely separated
explicit("sep_lo_500", np.arange(500) / 7.0)
explicit("sep_hi_500", 100.0 + np.arange(500) / 7.0)
explicit("sep_lo_300", np.arange(300) / 3.0)
explicit("sep_hi_450", 200.0 + np.arange(450) / 3.0)
explicit("sep_lo_10", np.arange(10.0))
explicit("sep_hi_10", 20.0 + np.arange(10.0))
explicit("sep_lo_8", np.arange(8.0))
explicit("sep_hi_6", 20.0 + np.arange(6.0))
case("separated 500 vs 500", "sep_lo_500", "sep_hi_500")
case("separated 300 vs 450", "sep_lo_300", "sep_hi_450")
case("separated 10 vs 10 (reversed)", "sep_hi_10", "sep_lo_10")
case("separated 8 vs 6", "sep_lo_8", "sep_hi_6")
generated("sep_gen_12000", 31, 12000, 40000, 0)
generated("sep_gen_40", 32, 40, 40000, 1000000)
case("separated 12000 vs 40 (asymptotic)", "sep_gen_12000", "sep_gen_40")

# ---------------------------------------------------------------- method switch points
# Mann-Whitney: exact iff min size <= 8 and no ties.
generated("mw_8", 41, 8, 40000)
generated("mw_9", 42, 9, 40000, 3000)
generated("mw_9b", 43, 9, 40000, -15000)
generated("mw_30", 44, 30, 40000, 5000)
case("MWU exact 8 vs 9", "mw_8", "mw_9")
case("MWU exact 9 vs 8", "mw_9", "mw_8")
case("MWU asymptotic 9 vs 9", "mw_9", "mw_9b")
case("MWU exact 8 vs 30", "mw_8", "mw_30")
# Cramér-von Mises: exact iff max size <= 20.
generated("cv_20", 51, 20, 40000)
generated("cv_20b", 52, 20, 40000, 9000)
generated("cv_21", 53, 21, 40000, 9000)
generated("cv_13", 54, 13, 40000, -4000)
explicit("cv_ties_12", [1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 6])
explicit("cv_ties_9", [2, 2, 3, 4, 4, 4, 6, 7, 7])
case("CvM exact 20 vs 20", "cv_20", "cv_20b")
case("CvM exact 13 vs 20", "cv_13", "cv_20b")
case("CvM asymptotic 21 vs 20", "cv_21", "cv_20")
case("CvM exact with ties 12 vs 9", "cv_ties_12", "cv_ties_9")
# KS: exact iff max size <= 10000.
generated("ks_10000", 61, 10000, 40000)
generated("ks_10000b", 62, 10000, 40000, 600)
generated("ks_10001", 63, 10001, 40000, 600)
generated("ks_7000", 64, 7000, 40000, 900)
generated("ks_60", 65, 60, 40000, 1500)
generated("ks_250", 66, 250, 40000, 800)
generated("ks_3000", 67, 3000, 40000, 400)
case("KS exact 10000 vs 10000", "ks_10000", "ks_10000b")
case("KS exact 10000 vs 7000", "ks_10000", "ks_7000")
case("KS asymptotic 10001 vs 10000", "ks_10001", "ks_10000")
case("KS asymptotic 10001 vs 60 (en <= 140)", "ks_10001", "ks_60")
case("KS asymptotic 10001 vs 250", "ks_10001", "ks_250")
case("KS asymptotic 10001 vs 3000", "ks_10001", "ks_3000")
case("KS exact 60 vs 250", "ks_60", "ks_250")
case("KS exact 250 vs 3000", "ks_250", "ks_3000")

# ---------------------------------------------------------------- large samples
generated("large_30000", 71, 30000, 40000)
generated("large_20000", 72, 20000, 40000, 150)
generated("large_20000_shift", 73, 20000, 40000, 2500)
generated("large_20000_wide", 74, 20000, 52000)
case("large 30000 vs 20000, small shift", "large_30000", "large_20000")
case("large 30000 vs 20000, clear shift", "large_30000", "large_20000_shift")
case("large 30000 vs 20000, wider spread", "large_30000", "large_20000_wide")

# ---------------------------------------------------------------- k-sample Anderson-Darling
ad_cases = []
for name, names in [
    ("three samples", ["norm_300", "ks_250", "mw_30"]),
    ("four samples with ties", ["int_a", "int_b", "ties_small_a", "ties_small_b"]),
    ("three large samples", ["large_30000", "large_20000", "large_20000_wide"]),
]:
    ad_cases.append({"name": name, "samples": names, **ad(*[arrays[n] for n in names])})

# ---------------------------------------------------------------- distributions behind the p-values
kstwo_grid = []
for n in [1, 2, 3, 5, 10, 37, 100, 140, 141, 200, 1000, 12000, 100000, 100001, 500000]:
    ds = {0.4 / n, 0.75 / n, 1.0 / n, 0.5, 0.7, 0.999}
    if n > 1:
        ds.add((n - 0.5) / n)
    for c in [0.1, 0.3, 0.7, 1.0, 1.5, 2.0, 3.0, 3.9, 4.5, 10.0, 20.0, 50.0, 100.0, 200.0, 369.0, 371.0]:
        ds.add(math.sqrt(c / n))
    for d in sorted(ds):
        if 0 < d < 1:
            kstwo_grid.append([n, d, float(stats.kstwo.sf(d, n))])

smirnov_grid = []
for n, x in [(1, 0.3), (2, 0.2), (5, 0.1), (5, 0.5), (10, 0.05), (10, 0.95), (100, 0.025), (100, 0.0125),
             (100, 0.1), (100, 0.3), (1000, 0.01), (1000, 0.05), (1000, 0.2), (1000, 0.5), (1000, 0.9),
             (12345, 0.02), (500000, 0.002), (500000, 0.004), (500000, 0.01), (500000, 0.02),
             (1000000, 0.003), (1000001, 0.001), (1000001, 0.003), (40, 0.25), (40, 0.75)]:
    smirnov_grid.append([n, x, float(special.smirnov(n, x))])

# kv: scipy's value and a 30-digit mpmath value. scipy's AMOS kv is only good to ~1e-13 relative
# (e.g. kv(0.25, 2) is off by 7e-14), which is the accuracy floor of scipy's CvM tail p-values.
mp.mp.dps = 30
bessel_grid = []
for nu in [0.0, 0.25, 0.75, 1.0, 1.25, 2.5]:
    for z in [1e-3, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 50.0, 100.0, 500.0]:
        bessel_grid.append([nu, z, float(special.kv(nu, z)), float(mp.besselk(nu, z))])

cvm_inf_grid = []
# Past x ~ 4 the series stops early and 1 - cdf floors near 1e-9..1e-6: a scipy artefact we keep.
for x in [0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.461, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 10.0, 100.0, 1e4]:
    cvm_inf_grid.append([x, float(_hypotests._cdf_cvm_inf(x))])

out = {
    "generator": "libs/stats/scripts/gen_two_sample_fixtures.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "samples": samples,
    "cases": cases,
    "andersonKSample": ad_cases,
    "kstwoSf": kstwo_grid,
    "smirnov": smirnov_grid,
    "besselK": bessel_grid,
    "cdfCvmInf": cvm_inf_grid,
}


def finite_or_tagged(v):
    """JSON has no NaN/Infinity literals: write them as strings the TypeScript loader revives."""
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, dict):
        return {k: finite_or_tagged(x) for k, x in v.items()}
    if isinstance(v, list):
        return [finite_or_tagged(x) for x in v]
    return v


OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(finite_or_tagged(out), indent=1, allow_nan=False) + "\n")
print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(cases)} cases)")
