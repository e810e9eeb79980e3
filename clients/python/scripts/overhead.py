"""Overhead of Monitor.log on the caller's thread: median and p99 per call, 20 features and a
score, JSON and Avro, with the broker up (KAFKA_BROKERS, default 127.0.0.1:9092, to a throwaway
topic) and down (nothing listening: the queue fills, then every call is a drop).

    clients/python/.venv/bin/python clients/python/scripts/overhead.py [--calls 50000]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import uuid

from confluent_kafka.admin import AdminClient, NewTopic

from driftwatch_client import Monitor


def measure(brokers: str, fmt: str, calls: int, topic: str, queue_size: int) -> tuple[float, float, dict]:
    rand = random.Random(7)
    rows = [{f"f{i}": (rand.random() if i % 4 else rand.choice(["a", "b", "c"])) for i in range(20)} for _ in range(1000)]
    m = Monitor("overhead", "1", brokers, format=fmt, events_topic=topic, labels_topic=topic, queue_size=queue_size, close_at_exit=False)
    timings = []
    perf = time.perf_counter_ns
    for k in range(calls):
        row = rows[k % 1000]
        t0 = perf()
        m.log(row, 0.5)
        timings.append(perf() - t0)
    m.close(timeout=30 if not brokers.endswith(":1") else 0)
    timings.sort()
    return statistics.median(timings) / 1000, timings[int(len(timings) * 0.99)] / 1000, m.stats().__dict__


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50_000)
    args = parser.parse_args()
    up = os.environ.get("KAFKA_BROKERS", "127.0.0.1:9092")
    topic = f"overhead-{uuid.uuid4().hex[:8]}"
    admin = AdminClient({"bootstrap.servers": up})
    for f in admin.create_topics([NewTopic(topic, 6, 1)]).values():
        f.result(30)
    print(f"{'broker':<6} {'format':<6} {'median µs':>10} {'p99 µs':>8}  counters")
    for label, brokers, queue in (("up", up, 100_000), ("down", "127.0.0.1:1", 10_000)):
        for fmt in ("json", "avro"):
            median, p99, counts = measure(brokers, fmt, args.calls, topic, queue)
            shown = {k: v for k, v in counts.items() if k in ("delivered", "dropped", "failed", "queued")}
            print(f"{label:<6} {fmt:<6} {median:>10.1f} {p99:>8.1f}  {shown}")
    for f in admin.delete_topics([topic]).values():
        f.result(30)


if __name__ == "__main__":
    main()
