"""A small model service on plain WSGI (the standard library's wsgiref) that publishes every
inference and label through driftwatch_client. Used by the end-to-end test
(apps/standalone/test/clients.e2e.spec.ts) and as an example.

The "model" returns the score the request carries, so a test controls the relation between
scores and labels; a real service would call its model there.

    POST /predict  {"rows": [{"features": {...}, "score": 0.4, "timestamp": 1795701600123}]}
                   -> {"eventIds": [...], "scores": [...]}
    POST /labels   {"labels": [{"eventId": "...", "label": 1, "timestamp": ...}]} -> {"sent": n}
    POST /flush    -> the client's counters, once everything queued was delivered

Settings from the environment: DRIFTWATCH_BROKERS, DRIFTWATCH_MODEL_ID, DRIFTWATCH_MODEL_VERSION,
DRIFTWATCH_FORMAT (json|avro), DRIFTWATCH_EVENTS_TOPIC, DRIFTWATCH_LABELS_TOPIC, PORT (0: any).
Prints "listening on <port>" once it accepts requests.
"""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
from typing import Any, Callable, Dict, Iterable, List, Tuple
from wsgiref.simple_server import WSGIRequestHandler, make_server

from driftwatch_client import DEFAULT_EVENTS_TOPIC, DEFAULT_LABELS_TOPIC, Monitor

monitor = Monitor(
    os.environ.get("DRIFTWATCH_MODEL_ID", "demo"),
    os.environ.get("DRIFTWATCH_MODEL_VERSION", "1"),
    os.environ.get("DRIFTWATCH_BROKERS", "127.0.0.1:9092"),
    format=os.environ.get("DRIFTWATCH_FORMAT", "json"),  # type: ignore[arg-type]
    events_topic=os.environ.get("DRIFTWATCH_EVENTS_TOPIC", DEFAULT_EVENTS_TOPIC),
    labels_topic=os.environ.get("DRIFTWATCH_LABELS_TOPIC", DEFAULT_LABELS_TOPIC),
)


def predict(body: Dict[str, Any]) -> Dict[str, Any]:
    ids: List[str] = []
    scores: List[float] = []
    for row in body["rows"]:
        score = float(row["score"])  # the model's output
        ids.append(monitor.log(row["features"], score, timestamp=row.get("timestamp")))
        scores.append(score)
    return {"eventIds": ids, "scores": scores}


def labels(body: Dict[str, Any]) -> Dict[str, Any]:
    for item in body["labels"]:
        monitor.log_label(item["eventId"], item["label"], timestamp=item.get("timestamp"))
    return {"sent": len(body["labels"])}


def flush(_body: Dict[str, Any]) -> Dict[str, Any]:
    left = monitor.flush(30)
    return {"left": left, **dataclasses.asdict(monitor.stats())}


ROUTES: Dict[str, Callable[[Dict[str, Any]], Dict[str, Any]]] = {"/predict": predict, "/labels": labels, "/flush": flush}


def app(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    route = ROUTES.get(environ.get("PATH_INFO", ""))
    if route is None or environ.get("REQUEST_METHOD") != "POST":
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"error":"POST /predict, /labels or /flush"}']
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = json.loads(environ["wsgi.input"].read(length) or b"{}")
    payload = json.dumps(route(body)).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Tuple[Any, ...]) -> None:  # noqa: A002 - wsgiref's name
        pass


def _stop(*_: Any) -> None:
    # SIGTERM ends serve_forever like Ctrl-C, so the queue is flushed before exit.
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    server = make_server("127.0.0.1", int(os.environ.get("PORT", "0")), app, handler_class=QuietHandler)
    print(f"listening on {server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        monitor.close()
        sys.exit(0)
