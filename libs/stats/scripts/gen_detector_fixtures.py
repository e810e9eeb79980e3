#!/usr/bin/env python3
"""Reference detection indices for the streaming drift detectors of libs/stats (src/detectors).

Feeds seeded streams to River's detectors (river.drift.ADWIN, KSWIN, PageHinkley and
river.drift.binary.DDM, EDDM, HDDMA, HDDMW; River 0.26 spells them without
underscore, the fixture names keep the HDDM_A / HDDM_W of the literature) with their default parameters and a few
non-default ones, and records the 0-based stream indices after whose update `drift_detected`
(and `warning_detected`, where the detector has it) was True. Needs river (and its numpy/scipy):

    python3 -m venv .venv-river && .venv-river/bin/pip install 'river==0.26.*'
    .venv-river/bin/python libs/stats/scripts/gen_detector_fixtures.py

writes libs/stats/fixtures/detectors.json. The streams themselves are stored in the file (values
rounded to 4 decimals before River sees them), so the TypeScript tests need no generator and no
Python. Every stream has length N and, when it changes, starts changing at index CHANGE, except the two
"switching" streams, which shift every SWITCH_LEN events (their "changes").
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import river
import scipy
from river import drift

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "detectors.json"
N = 2000
CHANGE = 1000
SEEDS = [1, 2, 3]
RAMP = 500  # length of the gradual shifts


def gaussian(kind: str, seed: int) -> list[float]:
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(N)
    i = np.arange(N)
    if kind == "abrupt":
        mu = np.where(i >= CHANGE, 1.5, 0.0)
    elif kind == "gradual":
        mu = 1.5 * np.clip((i - CHANGE + 1) / RAMP, 0.0, 1.0)
    else:
        mu = np.zeros(N)
    return [round(float(v), 4) for v in mu + z]


def bernoulli(kind: str, seed: int) -> list[int]:
    rng = np.random.default_rng(1000 + seed)
    u = rng.random(N)
    i = np.arange(N)
    if kind == "abrupt":
        p = np.where(i >= CHANGE, 0.4, 0.1)
    elif kind == "gradual":
        p = 0.1 + 0.3 * np.clip((i - CHANGE + 1) / RAMP, 0.0, 1.0)
    elif kind == "decrease":
        p = np.where(i >= CHANGE, 0.1, 0.4)
    else:
        p = np.full(N, 0.1)
    return [int(v) for v in (u < p)]


streams: dict[str, dict] = {}
for seed in SEEDS:
    for kind in ["abrupt", "gradual", "none"]:
        streams[f"gaussian-{kind}-{seed}"] = {
            "kind": "gaussian",
            "change": None if kind == "none" else CHANGE,
            "values": gaussian(kind, seed),
        }
    for kind in ["abrupt", "gradual", "decrease", "none"]:
        streams[f"bernoulli-{kind}-{seed}"] = {
            "kind": "bernoulli",
            "change": None if kind == "none" else CHANGE,
            "values": bernoulli(kind, seed),
        }

# Long streams with several shifts in both directions: many detections (so many post-detection resets) and,
# for ADWIN, deeper bucket compression than the 2000-event streams reach.
SWITCH_LEN = 1000
SWITCH_MEANS = [0.0, 1.0, 0.0, -1.0, 0.5, 0.0, 2.0, 0.0]
SWITCH_RATES = [0.1, 0.3, 0.1, 0.5, 0.2, 0.05, 0.4, 0.1]
rng = np.random.default_rng(77)
streams["gaussian-switching-77"] = {
    "kind": "gaussian",
    "change": SWITCH_LEN,
    "changes": [SWITCH_LEN * k for k in range(1, len(SWITCH_MEANS))],
    "values": [round(float(v), 4) for v in np.repeat(SWITCH_MEANS, SWITCH_LEN) + rng.standard_normal(SWITCH_LEN * len(SWITCH_MEANS))],
}
rng = np.random.default_rng(78)
streams["bernoulli-switching-78"] = {
    "kind": "bernoulli",
    "change": SWITCH_LEN,
    "changes": [SWITCH_LEN * k for k in range(1, len(SWITCH_RATES))],
    "values": [int(v) for v in rng.random(SWITCH_LEN * len(SWITCH_RATES)) < np.repeat(SWITCH_RATES, SWITCH_LEN)],
}

NUMERIC = [k for k, s in streams.items() if s["kind"] == "gaussian"] + [
    k for k, s in streams.items() if s["kind"] == "bernoulli" and "decrease" not in k
]
BINARY = [k for k, s in streams.items() if s["kind"] == "bernoulli"]

# (fixture name, River class, whether it takes booleans, parameter sets)
DETECTORS = [
    ("ADWIN", drift.ADWIN, False, [
        {},
        {"delta": 0.01, "clock": 1},
        {"clock": 16, "max_buckets": 3, "min_window_length": 10, "grace_period": 50},
    ]),
    ("PageHinkley", drift.PageHinkley, False, [
        {},
        {"threshold": 20.0, "delta": 0.01, "mode": "up"},
        {"min_instances": 50, "threshold": 30.0, "alpha": 0.999, "mode": "down"},
    ]),
    # KSWIN samples its reference window at random: the seed is part of every parameter set.
    ("KSWIN", drift.KSWIN, False, [
        {"seed": 42},
        {"alpha": 0.001, "window_size": 200, "stat_size": 50, "seed": 7},
        # window_size - stat_size > random.sample's pool threshold: exercises its set-based branch.
        {"alpha": 0.005, "window_size": 500, "stat_size": 10, "seed": 3},
        {"alpha": 0.01, "window_size": 60, "stat_size": 20, "seed": 12345},
    ]),
    ("DDM", drift.binary.DDM, True, [
        {},
        {"warm_start": 50, "warning_threshold": 1.5, "drift_threshold": 2.5},
        {"warm_start": 10, "drift_threshold": 4.0},
    ]),
    ("EDDM", drift.binary.EDDM, True, [
        {},
        {"alpha": 0.9, "beta": 0.8},
        {"warm_start": 60},
    ]),
    ("HDDM_A", drift.binary.HDDMA, True, [
        {},
        {"two_sided_test": True},
        {"drift_confidence": 0.0001, "warning_confidence": 0.001},
    ]),
    ("HDDM_W", drift.binary.HDDMW, True, [
        {},
        {"two_sided_test": True, "lambda_val": 0.1},
        {"drift_confidence": 0.0001, "warning_confidence": 0.01, "lambda_val": 0.02},
    ]),
]

cases = []
for name, cls, binary, param_sets in DETECTORS:
    for params in param_sets:
        for stream_name in BINARY if binary else NUMERIC:
            det = cls(**params)
            has_warning = hasattr(det, "warning_detected")
            drifts, warnings = [], []
            for i, v in enumerate(streams[stream_name]["values"]):
                det.update(bool(v) if binary else v)
                if det.drift_detected:
                    drifts.append(i)
                if has_warning and det.warning_detected:
                    warnings.append(i)
            case = {"detector": name, "params": params, "stream": stream_name, "drifts": drifts}
            if has_warning:
                case["warnings"] = warnings
            cases.append(case)

out = {
    "generator": "libs/stats/scripts/gen_detector_fixtures.py",
    "river": river.__version__,
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "n": N,
    "change": CHANGE,
    "streams": streams,
    "cases": cases,
}

# One line per stream and per case keeps the file diffable without thousands of one-number lines.
lines = ["{"]
for key in ["generator", "river", "numpy", "scipy", "n", "change"]:
    lines.append(f" {json.dumps(key)}: {json.dumps(out[key])},")
lines.append(' "streams": {')
items = list(streams.items())
for j, (k, s) in enumerate(items):
    lines.append(f"  {json.dumps(k)}: {json.dumps(s)}" + ("," if j < len(items) - 1 else ""))
lines.append(" },")
lines.append(' "cases": [')
for j, c in enumerate(cases):
    lines.append(f"  {json.dumps(c)}" + ("," if j < len(cases) - 1 else ""))
lines.append(" ]")
lines.append("}")
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text("\n".join(lines) + "\n")
json.loads(OUT.read_text())
print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(streams)} streams, {len(cases)} cases)")
