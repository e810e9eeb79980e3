"""The Monitor without a broker: nothing listens on the address, so every message stays in
librdkafka's queue, which is what a broker outage looks like to a model service."""
import statistics
import time

import pandas as pd
import pytest

from driftwatch_client import Monitor

NOWHERE = "127.0.0.1:1"


def offline(**kw):
    kw.setdefault("close_at_exit", False)
    return Monitor("m", "1", NOWHERE, **kw)


def test_a_full_queue_drops_and_counts_without_blocking():
    m = offline(queue_size=10)
    try:
        timings = []
        for i in range(200):
            t0 = time.perf_counter()
            m.log({"x": float(i)}, 0.5)
            timings.append(time.perf_counter() - t0)
        s = m.stats()
        assert (s.queued, s.dropped) == (10, 190)
        # len(producer) also counts librdkafka's pending reports, not only messages.
        assert s.in_queue >= 10
        # Generous: the machine is shared; a blocking producer would take seconds here.
        assert statistics.median(timings) < 0.005
    finally:
        m.close(timeout=0.1)


def test_max_block_ms_bounds_the_wait_for_room():
    m = offline(queue_size=1, max_block_ms=50)
    try:
        m.log({"x": 1.0})
        t0 = time.perf_counter()
        m.log({"x": 2.0})
        waited = time.perf_counter() - t0
        assert 0.045 <= waited < 1.0
        assert m.stats().dropped == 1
    finally:
        m.close(timeout=0.1)


def test_close_gives_up_after_its_timeout_and_later_logs_are_dropped():
    m = offline()
    m.log({"x": 1.0})
    t0 = time.perf_counter()
    m.close(timeout=0.3)
    assert time.perf_counter() - t0 < 3.0
    m.log({"x": 2.0})
    assert m.stats().dropped == 1
    m.close()  # idempotent


def test_undelivered_messages_are_counted_as_failed_after_the_delivery_timeout():
    errors = []
    m = offline(delivery_timeout_ms=200, on_delivery_error=lambda err, payload: errors.append((err, payload)))
    try:
        m.log({"x": 1.0}, event_id="lost")
        deadline = time.monotonic() + 10
        while m.stats().failed == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert m.stats().failed == 1
        assert b"lost" in errors[0][1]
    finally:
        m.close(timeout=0.1)


def test_invalid_input_is_counted_or_raised_when_strict():
    m = offline()
    try:
        eid = m.log({"x": object()})
        assert isinstance(eid, str) and m.stats().invalid == 1 and m.stats().queued == 0
        m.log_label(eid, None)
        assert m.stats().invalid == 2
    finally:
        m.close(timeout=0.1)
    strict = offline(strict=True)
    try:
        with pytest.raises(TypeError, match="feature 'x'"):
            strict.log({"x": object()})
        with pytest.raises(ValueError, match="epoch seconds"):
            strict.log({"x": 1}, timestamp=1_700_000_000)
    finally:
        strict.close(timeout=0.1)


def test_constructor_names_bad_arguments():
    with pytest.raises(ValueError, match="format"):
        offline(format="xml")
    with pytest.raises(ValueError, match="sample_rate"):
        offline(sample_rate=0)
    with pytest.raises(ValueError, match="model_version"):
        Monitor("m", "", NOWHERE, close_at_exit=False)


def test_sampled_out_events_and_their_labels_are_not_queued():
    m = offline(sample_rate=0.5)
    try:
        ids = [m.log({"x": 1.0}) for _ in range(400)]
        for eid in ids:
            m.log_label(eid, 1)
        s = m.stats()
        assert s.queued + s.sampled_out == 800
        assert s.queued % 2 == 0 and 300 < s.queued < 500  # each kept event with its label
    finally:
        m.close(timeout=0.1)


def test_log_frame_uses_the_named_columns():
    m = offline()
    try:
        df = pd.DataFrame({"id": ["a", "b"], "x": [1.0, None], "score": [0.1, 0.9], "ts": pd.to_datetime(["2026-11-26T14:00:00Z", "2026-11-26T14:00:01Z"])})
        assert m.log_frame(df, prediction_column="score", event_id_column="id", timestamp_column="ts") == ["a", "b"]
        assert m.stats().queued == 2
        with pytest.raises(KeyError, match="nope"):
            m.log_frame(df, prediction_column="nope")
    finally:
        m.close(timeout=0.1)
