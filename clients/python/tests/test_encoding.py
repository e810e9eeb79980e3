import io
import json
from importlib import resources

import fastavro
import pytest

from driftwatch_client import encode_event, encode_label, sampled
from conftest import CANONICAL_SCHEMAS

EVENT = dict(event_id="e-1", model_id="credit", model_version="7", timestamp_ms=1795701600123, features={"income": 52.1, "region": "north", "age": None, "vip": True})


@pytest.mark.parametrize("name", ["inference-event.avsc", "inference-label.avsc"])
def test_the_packaged_schemas_are_the_canonical_ones(name):
    packaged = json.loads(resources.files("driftwatch_client").joinpath("schemas", name).read_text())
    assert packaged == json.loads((CANONICAL_SCHEMAS / name).read_text()), f"copy libs/contracts/schemas/{name} into the package"


def _read(schema_file, payload):
    schema = fastavro.parse_schema(json.loads((CANONICAL_SCHEMAS / schema_file).read_text()))
    buf = io.BytesIO(payload)
    record = fastavro.schemaless_reader(buf, schema, schema)
    assert buf.read() == b"", "trailing bytes after the record"
    return record


@pytest.mark.parametrize("prediction", [None, 0.83, "approve", {"approve": 0.8, "deny": 0.2}])
def test_avro_events_read_back_with_the_canonical_schema(prediction):
    payload = encode_event(**EVENT, prediction=prediction, fmt="avro")
    assert payload[0] != 0, "plain Avro, not Confluent-framed"
    record = _read("inference-event.avsc", payload)
    assert record["eventId"] == "e-1" and record["modelId"] == "credit" and record["modelVersion"] == "7"
    assert record["features"] == EVENT["features"]
    assert record["prediction"] == prediction
    # timestamp-millis is read back as a datetime
    assert int(record["timestamp"].timestamp() * 1000) == EVENT["timestamp_ms"]


def test_json_event_shape():
    payload = json.loads(encode_event(**EVENT, prediction=0.5, fmt="json"))
    assert payload == {"eventId": "e-1", "modelId": "credit", "modelVersion": "7", "timestamp": 1795701600123, "features": EVENT["features"], "prediction": 0.5}
    assert "prediction" not in json.loads(encode_event(**EVENT, prediction=None, fmt="json"))


@pytest.mark.parametrize("label", [True, 1.0, "fraud"])
def test_labels_in_both_formats(label):
    record = _read("inference-label.avsc", encode_label(event_id="e-1", model_id="credit", timestamp_ms=1795701600123, label=label, fmt="avro"))
    assert record["label"] == label and type(record["label"]) is type(label)
    assert json.loads(encode_label(event_id="e-1", model_id="credit", timestamp_ms=1795701600123, label=label, fmt="json")) == {
        "eventId": "e-1", "modelId": "credit", "timestamp": 1795701600123, "label": label}


def test_sampling_is_by_event_id_and_about_the_rate():
    ids = [f"id-{i}" for i in range(20000)]
    kept = [i for i in ids if sampled(i, 0.25)]
    assert 0.23 < len(kept) / len(ids) < 0.27
    assert kept == [i for i in ids if sampled(i, 0.25)]
    assert all(sampled(i, 1.0) for i in ids[:100])
    # Known values the TypeScript client must agree with (CRC-32 of the UTF-8 id).
    assert [sampled(i, 0.5) for i in ("a", "b", "event-1", "événement")] == [x < 2**31 for x in (3904355907, 1908338681, 834580660, 3947427262)]
