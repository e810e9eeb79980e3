"""Prints, as JSON lines, what the Python client publishes for a set of inputs, in both formats,
for contract.spec.ts to decode with libs/contracts. Each line: case name, format, kind (event or
label) and the payload in base64."""
import base64
import datetime as dt
import json
import logging
import sys

import numpy as np
import pandas as pd

from driftwatch_client import Monitor

# No broker here on purpose: its refused connections are not this script's output.
logging.getLogger("driftwatch_client").setLevel(logging.CRITICAL)

T = dt.datetime(2026, 11, 26, 14, 0, 0, 123000, tzinfo=dt.timezone.utc)

EVENTS = {
    "plain": ({"income": 52.1, "region": "north", "age": None, "vip": True}, 0.83, T),
    "numpy": ({"income": np.float32(1.5), "n": np.int64(3), "flag": np.bool_(False), "name": np.str_("x"), "gone": np.nan}, np.float64(0.25), np.datetime64("2026-11-26T14:00:00.123")),
    "pandas-row": (pd.Series({"income": 10.0, "region": "south", "missing": pd.NA, "when": pd.Timestamp(T)}), "approve", pd.Timestamp(T)),
    "probabilities": ({"x": float("inf")}, {"approve": np.float64(0.7), "deny": 0.3}, "2026-11-26T14:00:00.123Z"),
    "no-prediction": ({}, float("nan"), T.replace(tzinfo=None)),
}
LABELS = {"bool": True, "number": np.int64(1), "class": "fraud"}

for fmt in ("json", "avro"):
    m = Monitor("contract-model", "7", "127.0.0.1:1", format=fmt, close_at_exit=False)
    try:
        for name, (features, prediction, ts) in EVENTS.items():
            payload = m.event_payload(f"ev-{name}", features, prediction, ts)
            print(json.dumps({"case": name, "format": fmt, "kind": "event", "payload": base64.b64encode(payload).decode()}))
        for name, label in LABELS.items():
            payload = m.label_payload(f"ev-{name}", label, T)
            print(json.dumps({"case": name, "format": fmt, "kind": "label", "payload": base64.b64encode(payload).decode()}))
    finally:
        m.close(timeout=0)
sys.stdout.flush()
