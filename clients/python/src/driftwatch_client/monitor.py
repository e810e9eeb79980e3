"""The Monitor: fire-and-forget publishing of inference events and labels to Kafka."""
from __future__ import annotations

import atexit
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional

from confluent_kafka import KafkaError, Producer

from .encoding import Format, encode_event, encode_label
from .sampling import sampled
from .values import features_dict, label_value, prediction_value, timestamp_ms

logger = logging.getLogger("driftwatch_client")

DEFAULT_EVENTS_TOPIC = "inference-events"
DEFAULT_LABELS_TOPIC = "inference-labels"


@dataclass(frozen=True)
class MonitorStats:
    """Counters since the Monitor was created.

    queued: handed to the producer; delivered: acknowledged by the broker; dropped: refused
    because the bounded queue was full; failed: not delivered (broker down past
    `delivery_timeout_ms`, topic missing …); invalid: refused because an input could not be
    encoded (only when `strict` is False); sampled_out: skipped by `sample_rate`.
    """

    queued: int
    delivered: int
    dropped: int
    failed: int
    invalid: int
    sampled_out: int
    in_queue: int


class Monitor:
    """Publishes one message per inference to `inference-events` and one per label to
    `inference-labels`, keyed by model id, in the contract's JSON or plain Avro.

    Publishing never blocks the caller beyond `max_block_ms` and never raises for broker
    trouble: messages wait in librdkafka's bounded queue (`queue_size` messages), a background
    thread serves delivery reports, and when the queue is full the message is dropped and
    counted (`stats().dropped`). `flush()` waits for the queue; `close()` (also run at exit)
    flushes and stops.

    Args:
        model_id: the model's id, also the Kafka key of every message.
        model_version: the version these inferences come from.
        brokers: bootstrap servers, `host:port[,host:port…]`.
        format: "json" or "avro" (plain Avro of the canonical schemas).
        sample_rate: share of events published, decided by event id (labels follow their event).
        events_topic / labels_topic: topic names, when Driftwatch is configured with others.
        queue_size: messages the producer holds before dropping (`queue.buffering.max.messages`).
        max_block_ms: how long `log` may wait for room when the queue is full before dropping
            (0: drop at once).
        linger_ms: how long messages wait to be batched (`linger.ms`).
        delivery_timeout_ms: how long a message may wait for a reachable broker before it is
            given up and counted as failed (`message.timeout.ms`).
        strict: raise on input that cannot be encoded, instead of counting it as invalid and
            logging a warning. Broker trouble never raises.
        config: further librdkafka settings, applied last: TLS (`security.protocol`,
            `ssl.ca.location`, `ssl.certificate.location`, `ssl.key.location` …) and SASL
            (`sasl.mechanism`, `sasl.username`, `sasl.password`).
        close_at_exit: register `close` with atexit.
        on_delivery_error: called from the background thread with (error, payload) for each
            failed delivery.
    """

    def __init__(
        self,
        model_id: str,
        model_version: str,
        brokers: str = "127.0.0.1:9092",
        *,
        format: Format = "json",
        sample_rate: float = 1.0,
        events_topic: str = DEFAULT_EVENTS_TOPIC,
        labels_topic: str = DEFAULT_LABELS_TOPIC,
        queue_size: int = 100_000,
        max_block_ms: float = 0.0,
        linger_ms: int = 50,
        delivery_timeout_ms: int = 120_000,
        strict: bool = False,
        config: Optional[Mapping[str, Any]] = None,
        close_at_exit: bool = True,
        on_delivery_error: Optional[Callable[[KafkaError, Optional[bytes]], None]] = None,
    ) -> None:
        for name, value in (("model_id", model_id), ("model_version", model_version)):
            if not isinstance(value, str) or not value or len(value) > 128:
                raise ValueError(f"{name} must be a non-empty string of at most 128 characters, got {value!r}")
        if format not in ("json", "avro"):
            raise ValueError(f'format must be "json" or "avro", got {format!r}')
        if not 0.0 < sample_rate <= 1.0:
            raise ValueError(f"sample_rate must be in (0, 1], got {sample_rate!r}")
        if queue_size < 1:
            raise ValueError(f"queue_size must be at least 1, got {queue_size!r}")
        if max_block_ms < 0:
            raise ValueError(f"max_block_ms must be >= 0, got {max_block_ms!r}")
        self.model_id = model_id
        self.model_version = model_version
        self.format: Format = format
        self.sample_rate = float(sample_rate)
        self.events_topic = events_topic
        self.labels_topic = labels_topic
        self.strict = strict
        self._key = model_id.encode("utf-8")
        self._max_block_s = max_block_ms / 1000.0
        self._on_delivery_error = on_delivery_error
        settings: Dict[str, Any] = {
            "bootstrap.servers": brokers,
            "client.id": f"driftwatch-client-{model_id}",
            "queue.buffering.max.messages": queue_size,
            "linger.ms": linger_ms,
            "message.timeout.ms": delivery_timeout_ms,
            # Idempotence would make a full queue and retries block on ordering; duplicates are
            # harmless (events are idempotent by eventId within a window, labels by the latest).
            "enable.idempotence": False,
            # The Java client's and kafkajs's partitioner: a model's events land on the same
            # partition whichever client (or the TypeScript one) publishes them.
            "partitioner": "murmur2_random",
            "error_cb": self._on_error,
            # librdkafka's own log lines (a refused connection every retry while the broker is
            # down) go to the "driftwatch_client" logger instead of the service's stderr.
            "logger": logger,
        }
        settings.update(dict(config or {}))
        self._producer = Producer(settings)
        self._lock = threading.Lock()
        self._counts = {"queued": 0, "delivered": 0, "dropped": 0, "failed": 0, "invalid": 0, "sampled_out": 0}
        self._closed = False
        self._stop = threading.Event()
        self._poller = threading.Thread(target=self._poll_loop, name=f"driftwatch-client-{model_id}", daemon=True)
        self._poller.start()
        self._atexit = close_at_exit
        if close_at_exit:
            atexit.register(self.close)

    # --- publishing -------------------------------------------------------------------------

    def log(self, features: Any, prediction: Any = None, event_id: Optional[str] = None, timestamp: Any = None) -> str:
        """Publishes one inference; returns its event id (generated when not given), to pass
        to `log_label` later. `features` is a mapping (dict or pandas Series) of name to value;
        `prediction` a score, a class name or class -> probability; `timestamp` the event time
        (datetime, ISO-8601 string or epoch ms; default now)."""
        eid = str(uuid.uuid4()) if event_id is None else event_id
        if not isinstance(eid, str) or not eid:
            self._invalid("event not sent", ValueError(f"event_id must be a non-empty string, got {eid!r}"))
            return str(eid)
        if not sampled(eid, self.sample_rate):
            self._count("sampled_out")
            return eid
        try:
            payload = self.event_payload(eid, features, prediction, timestamp)
        except (TypeError, ValueError) as err:
            self._invalid(f"event {eid!r} not sent", err)
            return eid
        self._produce(self.events_topic, payload)
        return eid

    def log_label(self, event_id: str, label: Any, timestamp: Any = None) -> None:
        """Publishes the ground truth of an earlier `log` (joined by `event_id`). `timestamp` is
        when the label became known (default now): a later label for the same event wins."""
        if not isinstance(event_id, str) or not event_id:
            self._invalid("label not sent", ValueError(f"event_id must be a non-empty string, got {event_id!r}"))
            return
        if not sampled(event_id, self.sample_rate):
            self._count("sampled_out")
            return
        try:
            payload = self.label_payload(event_id, label, timestamp)
        except (TypeError, ValueError) as err:
            self._invalid(f"label of {event_id!r} not sent", err)
            return
        self._produce(self.labels_topic, payload)

    def log_frame(
        self,
        df: Any,
        prediction_column: Optional[str] = None,
        event_id_column: Optional[str] = None,
        timestamp_column: Optional[str] = None,
    ) -> List[str]:
        """Publishes one event per row of a pandas DataFrame: every column other than the named
        ones is a feature. Returns the event ids in row order."""
        special = {c for c in (prediction_column, event_id_column, timestamp_column) if c is not None}
        missing = [c for c in special if c not in df.columns]
        if missing:
            raise KeyError(f"log_frame: column(s) {missing} not in the DataFrame (columns: {list(df.columns)})")
        ids: List[str] = []
        for row in df.to_dict("records"):
            prediction = row.pop(prediction_column) if prediction_column else None
            event_id = row.pop(event_id_column) if event_id_column else None
            timestamp = row.pop(timestamp_column) if timestamp_column else None
            ids.append(self.log(row, prediction, event_id=None if event_id is None else str(event_id), timestamp=timestamp))
        return ids

    def event_payload(self, event_id: str, features: Any, prediction: Any = None, timestamp: Any = None) -> bytes:
        """The bytes `log` publishes for these arguments (raises TypeError / ValueError on input
        that cannot be encoded)."""
        if not isinstance(event_id, str) or not event_id or len(event_id) > 128:
            raise ValueError(f"event_id must be a non-empty string of at most 128 characters, got {event_id!r}")
        return encode_event(
            event_id=event_id,
            model_id=self.model_id,
            model_version=self.model_version,
            timestamp_ms=timestamp_ms(timestamp),
            features=features_dict(features),
            prediction=prediction_value(prediction),
            fmt=self.format,
        )

    def label_payload(self, event_id: str, label: Any, timestamp: Any = None) -> bytes:
        """The bytes `log_label` publishes for these arguments."""
        return encode_label(event_id=event_id, model_id=self.model_id, timestamp_ms=timestamp_ms(timestamp), label=label_value(label), fmt=self.format)

    # --- lifecycle --------------------------------------------------------------------------

    def flush(self, timeout: float = 10.0) -> int:
        """Waits up to `timeout` seconds for queued messages to be delivered; returns how many
        are still queued."""
        return self._producer.flush(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Flushes (up to `timeout` seconds) and stops the background thread. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        left = self._producer.flush(timeout)
        self._stop.set()
        self._poller.join(timeout=2.0)
        if left:
            logger.warning("driftwatch_client: %d message(s) of model %s still queued at close; they are lost", left, self.model_id)
        if self._atexit:
            atexit.unregister(self.close)

    def stats(self) -> MonitorStats:
        """A snapshot of the counters."""
        with self._lock:
            counts = dict(self._counts)
        return MonitorStats(in_queue=len(self._producer), **counts)

    def __enter__(self) -> "Monitor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- internals --------------------------------------------------------------------------

    def _produce(self, topic: str, payload: bytes) -> None:
        if self._closed:
            self._count("dropped")
            return
        deadline = None
        while True:
            try:
                self._producer.produce(topic, payload, key=self._key, on_delivery=self._delivered)
                self._count("queued")
                return
            except BufferError:
                # librdkafka's queue is full. Wait for room only as long as allowed, serving
                # delivery reports meanwhile (that is what frees room).
                now = time.monotonic()
                deadline = now + self._max_block_s if deadline is None else deadline
                if now >= deadline:
                    self._count("dropped")
                    return
                self._producer.poll(min(deadline - now, 0.001))

    def _delivered(self, err: Optional[KafkaError], msg: Any) -> None:
        if err is None:
            self._count("delivered")
            return
        self._count("failed")
        if self._on_delivery_error is not None:
            try:
                self._on_delivery_error(err, msg.value() if msg is not None else None)
            except Exception:  # a user callback must not kill the delivery thread
                logger.exception("driftwatch_client: on_delivery_error raised")

    def _on_error(self, err: KafkaError) -> None:
        # Broker unreachable and the like: librdkafka retries by itself, so this is information.
        logger.debug("driftwatch_client: %s", err)

    def _poll_loop(self) -> None:
        while not self._stop.is_set():
            self._producer.poll(0.1)

    def _count(self, name: str, n: int = 1) -> None:
        with self._lock:
            self._counts[name] += n

    def _invalid(self, what: str, err: Exception) -> None:
        if self.strict:
            raise err
        self._count("invalid")
        logger.warning("driftwatch_client: %s: %s", what, err)
