"""Encoding events and labels exactly as libs/contracts decodes them.

JSON: a UTF-8 object with the contract's field names and the timestamp in epoch milliseconds.
Avro: plain Avro binary of the canonical schemas (libs/contracts/schemas/*.avsc, copied into this
package and checked against the originals by the tests), without the Confluent header: the
aggregator's `auto` format reads plain Avro, and Confluent framing would need a schema id it is
configured with.
"""
from __future__ import annotations

import io
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Dict, Literal, Optional

import fastavro

Format = Literal["json", "avro"]
EVENT_SCHEMA_FILE = "inference-event.avsc"
LABEL_SCHEMA_FILE = "inference-label.avsc"


@lru_cache(maxsize=None)
def load_schema(name: str) -> Any:
    """The parsed canonical schema shipped with the package."""
    text = resources.files(__package__).joinpath("schemas", name).read_text(encoding="utf-8")
    return fastavro.parse_schema(json.loads(text))


def _avro(schema_file: str, record: Dict[str, Any]) -> bytes:
    out = io.BytesIO()
    fastavro.schemaless_writer(out, load_schema(schema_file), record)
    return out.getvalue()


def _json(record: Dict[str, Any]) -> bytes:
    # allow_nan=False: NaN was turned into null before; anything left is a bug worth an error.
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def encode_event(
    *,
    event_id: str,
    model_id: str,
    model_version: str,
    timestamp_ms: int,
    features: Dict[str, Any],
    prediction: Optional[Any],
    fmt: Format,
) -> bytes:
    """One inference-events payload; `features` and `prediction` already normalised."""
    record: Dict[str, Any] = {
        "eventId": event_id,
        "modelId": model_id,
        "modelVersion": model_version,
        "timestamp": timestamp_ms,
        "features": features,
    }
    if fmt == "avro":
        record["prediction"] = prediction
        return _avro(EVENT_SCHEMA_FILE, record)
    if prediction is not None:
        record["prediction"] = prediction
    return _json(record)


def encode_label(*, event_id: str, model_id: str, timestamp_ms: int, label: Any, fmt: Format) -> bytes:
    """One inference-labels payload; `label` already normalised."""
    record = {"eventId": event_id, "modelId": model_id, "timestamp": timestamp_ms, "label": label}
    return _avro(LABEL_SCHEMA_FILE, record) if fmt == "avro" else _json(record)
