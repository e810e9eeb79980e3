"""Shared fixtures, and a results file in the shape tools/run-tests.cjs sums (vitest's JSON
report: numPassedTests, numFailedTests, numPendingTests), so `npm test` counts these tests."""
from __future__ import annotations

import json
import logging
import os
import uuid
from pathlib import Path
from typing import Dict

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
CANONICAL_SCHEMAS = REPO_ROOT / "libs" / "contracts" / "schemas"

_outcomes: Dict[str, int] = {"passed": 0, "failed": 0, "skipped": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        key = report.outcome if report.outcome in _outcomes else "failed"
        _outcomes[key] += 1
    elif report.when == "teardown" and report.outcome == "failed":
        _outcomes["failed"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("DRIFTWATCH_TEST_RESULTS_FILE")
    if not target:
        return
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    # A collection error fails the session without a failed test: count it, as run-tests.cjs
    # counts a vitest suite that failed to load.
    failed = _outcomes["failed"] + (1 if exitstatus not in (0, 5) and _outcomes["failed"] == 0 else 0)
    Path(target).write_text(
        json.dumps(
            {
                "numPassedTests": _outcomes["passed"],
                "numFailedTests": failed,
                "numPendingTests": _outcomes["skipped"],
                "numTodoTests": 0,
                "testResults": [],
            }
        )
    )


@pytest.fixture(scope="session")
def brokers() -> str:
    """KAFKA_BROKERS or the local broker, as libs/testing's TEST_BROKERS; fails with what to do
    when none answers (integration tests run against a real broker, as every project's do)."""
    value = os.environ.get("KAFKA_BROKERS", "127.0.0.1:9092")
    from confluent_kafka.admin import AdminClient

    try:
        AdminClient({"bootstrap.servers": value, "logger": logging.getLogger("kafka-probe")}).list_topics(timeout=10)
    except Exception as err:  # KafkaException on timeout
        pytest.fail(
            f"No Kafka broker answers at {value} ({err}). Start the local one with `deploy/local/kafka.sh start`, "
            "or set KAFKA_BROKERS to a running cluster."
        )
    return value


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]
