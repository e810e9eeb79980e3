"""Which events are sampled. The decision depends on the event id only, so a label is sent
exactly when its event was (no labels for events Driftwatch never saw), in every process and in
both clients (the TypeScript client computes the same CRC-32)."""
from __future__ import annotations

import zlib


def sampled(event_id: str, rate: float) -> bool:
    """True when the event with this id is published at `rate` (0 < rate <= 1)."""
    if rate >= 1.0:
        return True
    return zlib.crc32(event_id.encode("utf-8")) < rate * 4_294_967_296
