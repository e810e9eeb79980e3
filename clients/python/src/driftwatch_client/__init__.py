"""Driftwatch client: publish inference events and labels from a model service.

    from driftwatch_client import Monitor
    monitor = Monitor("credit-risk", "7", brokers="kafka:9092")
    event_id = monitor.log({"income": 52.1, "region": "north"}, prediction=0.83)
    monitor.log_label(event_id, 1)
"""
from .encoding import encode_event, encode_label, load_schema
from .monitor import DEFAULT_EVENTS_TOPIC, DEFAULT_LABELS_TOPIC, Monitor, MonitorStats
from .sampling import sampled
from .values import feature_value, features_dict, label_value, prediction_value, timestamp_ms

__all__ = [
    "Monitor",
    "MonitorStats",
    "DEFAULT_EVENTS_TOPIC",
    "DEFAULT_LABELS_TOPIC",
    "encode_event",
    "encode_label",
    "load_schema",
    "sampled",
    "feature_value",
    "features_dict",
    "label_value",
    "prediction_value",
    "timestamp_ms",
]
__version__ = "0.1.0"
