#!/usr/bin/env python3
"""Reference epoch milliseconds for the timestamp forms libs/contracts accepts or rejects.

Computed with Python's datetime, independently of the TypeScript parser:

    python3 libs/contracts/scripts/gen_timestamp_fixtures.py

writes libs/contracts/fixtures/timestamps.json. Conventions checked (see timestamp.util.ts):
a date-time without a zone is UTC; a fraction beyond milliseconds is truncated; accepted
range is [1e11 ms (1973-03-03), 9999-12-31T23:59:59.999Z].
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timezone
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "timestamps.json"
MIN_MS = 100_000_000_000
MAX_MS = 253_402_300_799_999


def epoch_ms(dt: datetime) -> int:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    delta = dt - datetime(1970, 1, 1, tzinfo=timezone.utc)
    # Integer arithmetic on the timedelta: exact, and truncates sub-millisecond digits.
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def parse(text: str) -> datetime:
    # fromisoformat (3.11) reads 'Z', offsets with or without ':', a space separator and up
    # to 6 fraction digits; longer fractions are cut to microseconds first.
    head, sep, frac = text.partition(".")
    if sep:
        digits = re.match(r"\d*", frac).group(0)
        zone = frac[len(digits):]
        text = f"{head}.{digits[:6].ljust(6, '0')}{zone}"
    return datetime.fromisoformat(text)


VALID_ISO = [
    "2026-11-26T14:00:00.123Z",
    "2026-11-26T14:00:00Z",
    "2026-11-26T14:00:00.123+01:00",
    "2026-11-26T14:00:00.5-05:30",
    "2026-11-26T14:00:00+0200",
    "2026-11-26T00:30:00+14:00",
    "2026-11-26 14:00:00.123456789Z",
    "2026-11-26T14:00:00.999999Z",
    "2026-11-26T14:00:00.123",
    "2026-11-26T14:00Z",
    "2026-11-26",
    "2024-02-29T23:59:59.999Z",
    "2000-02-29T12:00:00Z",
    "1999-12-31T23:59:59.999-00:00",
    "1973-03-03T09:46:40Z",
    "9999-12-31T23:59:59.999Z",
]

# Dates or times that do not exist: Python must reject them too (checked below).
IMPOSSIBLE_ISO = [
    "2026-02-30T00:00:00Z",
    "2025-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-11-26T24:00:00Z",
    "2026-11-26T14:60:00Z",
    "2026-11-26T14:00:60Z",
    "2026-11-26T14:00:00+25:00",
]

# Our policy, not Python's: only the ISO-8601 extended format is accepted (Python also
# reads the basic format "20261126T140000Z"); nothing that is not ISO-8601 at all.
UNSUPPORTED_ISO = [
    "yesterday",
    "26/11/2026 14:00",
    "March 7 2020",
    "2026-11-26T14:00:00.123Zjunk",
    "20261126T140000Z",
    "",
]

# Real instants before 1973-03-03T09:46:40Z (1e11 ms), rejected as probable unit errors.
TOO_EARLY_ISO = [
    "1970-01-01T00:00:00Z",
    "1973-03-03T09:46:39.999Z",
]


def main() -> None:
    valid = []
    for text in VALID_ISO:
        ms = epoch_ms(parse(text))
        assert MIN_MS <= ms <= MAX_MS, text
        valid.append({"input": text, "ms": ms})
    for text in IMPOSSIBLE_ISO:
        try:
            parse(text)
        except ValueError:
            continue
        raise AssertionError(f"Python accepts {text!r}")
    for text in TOO_EARLY_ISO:
        assert epoch_ms(parse(text)) < MIN_MS, text
    # Epoch milliseconds pass through; a fraction is truncated toward zero.
    numbers = [{"input": x, "ms": math.trunc(x)} for x in (1795701600123, 1795701600123.9, MIN_MS, MAX_MS)]
    fixture = {
        "generated_by": "libs/contracts/scripts/gen_timestamp_fixtures.py",
        "valid_iso": valid,
        "impossible_iso": IMPOSSIBLE_ISO,
        "unsupported_iso": UNSUPPORTED_ISO,
        "too_early_iso": TOO_EARLY_ISO,
        "valid_epoch_ms": numbers,
        "invalid_epoch_ms": [1795701600, MIN_MS - 1, -1, MAX_MS + 1],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=2) + "\n")


if __name__ == "__main__":
    main()
