"""Against the real broker (KAFKA_BROKERS): what the Monitor publishes arrives keyed by model
id, and reads back with the canonical schemas."""
import io
import json
import os

import fastavro
import pytest
from confluent_kafka import Consumer
from confluent_kafka.admin import AdminClient, NewTopic

from driftwatch_client import Monitor
from conftest import CANONICAL_SCHEMAS


def read_all(brokers, topic, count, timeout=30.0):
    consumer = Consumer({"bootstrap.servers": brokers, "group.id": f"{topic}-reader", "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    out = []
    try:
        import time
        deadline = time.monotonic() + timeout
        while len(out) < count and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is not None and msg.error() is None:
                out.append(msg)
    finally:
        consumer.close()
    return out


@pytest.mark.parametrize("fmt", ["json", "avro"])
def test_events_and_labels_reach_the_broker(brokers, unique, fmt):
    events, labels = f"py-client-events-{unique}", f"py-client-labels-{unique}"
    admin = AdminClient({"bootstrap.servers": brokers})
    for f in admin.create_topics([NewTopic(events, 3, 1), NewTopic(labels, 3, 1)]).values():
        f.result(30)
    try:
        with Monitor("credit", "7", brokers, format=fmt, events_topic=events, labels_topic=labels, close_at_exit=False) as m:
            ids = [m.log({"income": float(i), "region": "north"}, prediction=i / 10) for i in range(5)]
            m.log_label(ids[0], True)
            assert m.flush(30) == 0
            assert m.stats().delivered == 6
        got = read_all(brokers, events, 5)
        assert {msg.key() for msg in got} == {b"credit"}
        if fmt == "json":
            decoded = [json.loads(msg.value()) for msg in got]
        else:
            schema = fastavro.parse_schema(json.loads((CANONICAL_SCHEMAS / "inference-event.avsc").read_text()))
            decoded = [fastavro.schemaless_reader(io.BytesIO(msg.value()), schema, schema) for msg in got]
        assert sorted(d["eventId"] for d in decoded) == sorted(ids)
        assert sorted(d["prediction"] for d in decoded) == [0.0, 0.1, 0.2, 0.3, 0.4]
        label = read_all(brokers, labels, 1)
        assert label[0].key() == b"credit" and ids[0].encode() in label[0].value()
    finally:
        for f in admin.delete_topics([events, labels]).values():
            f.result(30)


def test_sasl_settings_pass_through_to_librdkafka(brokers, unique):
    """The local broker's SASL listener (client port + 2, kafka.sh's test user): SCRAM settings
    given through `config` reach librdkafka, and a wrong password is a failed delivery, not an
    exception in the caller."""
    host, port = brokers.split(",")[0].rsplit(":", 1)
    sasl = os.environ.get("DRIFTWATCH_TEST_SASL_BROKERS", f"{host}:{int(port) + 2}")
    user = os.environ.get("DRIFTWATCH_TEST_SASL_USERNAME", "driftwatch")
    password = os.environ.get("DRIFTWATCH_TEST_SASL_PASSWORD", "driftwatch-local-secret")
    topic = f"py-client-sasl-{unique}"
    admin = AdminClient({"bootstrap.servers": brokers})
    for f in admin.create_topics([NewTopic(topic, 1, 1)]).values():
        f.result(30)
    try:
        settings = {"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": user, "sasl.password": password}
        with Monitor("sasl-model", "1", sasl, events_topic=topic, config=settings, close_at_exit=False) as m:
            m.log({"x": 1.0})
            assert m.flush(30) == 0
            assert m.stats().delivered == 1
        wrong = Monitor("sasl-model", "1", sasl, events_topic=topic, delivery_timeout_ms=3000, close_at_exit=False, config={**settings, "sasl.password": "wrong"})
        wrong.log({"x": 1.0})
        wrong.flush(15)
        assert (wrong.stats().delivered, wrong.stats().failed) == (0, 1)
        wrong.close(timeout=0)
    finally:
        for f in admin.delete_topics([topic]).values():
            f.result(30)
