import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from driftwatch_client import feature_value, features_dict, label_value, prediction_value, timestamp_ms

T = dt.datetime(2026, 11, 26, 14, 0, 0, 123000, tzinfo=dt.timezone.utc)
T_MS = 1795701600123


def test_numpy_scalars_become_python_values():
    assert feature_value(np.float32(1.5)) == 1.5
    assert feature_value(np.int64(7)) == 7.0 and isinstance(feature_value(np.int64(7)), float)
    assert feature_value(np.bool_(True)) is True
    assert feature_value(np.str_("north")) == "north"


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, np.float64("nan"), pd.NA, pd.NaT, np.datetime64("NaT"), float("inf"), -np.inf])
def test_missing_and_non_finite_values_become_null(missing):
    assert feature_value(missing) is None


def test_dates_become_iso_strings_in_utc():
    assert feature_value(T) == "2026-11-26T14:00:00.123Z"
    assert feature_value(pd.Timestamp(T)) == "2026-11-26T14:00:00.123Z"
    assert feature_value(np.datetime64("2026-11-26T14:00:00.123456789")) == "2026-11-26T14:00:00.123Z"
    assert feature_value(dt.date(2026, 11, 26)) == "2026-11-26"


def test_unsupported_feature_types_name_the_feature():
    with pytest.raises(TypeError, match="feature 'tags'.*list"):
        features_dict({"tags": ["a", "b"]})


def test_features_from_a_pandas_row_keep_names_and_turn_nan_into_null():
    row = pd.DataFrame({"income": [52.1, np.nan], "region": ["north", None], "age": pd.array([40, None], dtype="Int64")}).iloc[1]
    assert features_dict(row) == {"income": None, "region": None, "age": None}
    row0 = pd.DataFrame({"income": [52.1], "n": [3]}).iloc[0]
    assert features_dict(row0) == {"income": 52.1, "n": 3.0}


def test_features_must_be_a_mapping():
    with pytest.raises(TypeError, match="features must be a mapping"):
        features_dict([1, 2])


def test_timestamps_from_every_common_type():
    assert timestamp_ms(T) == T_MS
    assert timestamp_ms(T.replace(tzinfo=None)) == T_MS  # naive is UTC, as the contracts read it
    assert timestamp_ms(T.astimezone(dt.timezone(dt.timedelta(hours=2)))) == T_MS
    assert timestamp_ms(pd.Timestamp(T)) == T_MS
    assert timestamp_ms(np.datetime64("2026-11-26T14:00:00.123")) == T_MS
    assert timestamp_ms("2026-11-26T14:00:00.123Z") == T_MS
    assert timestamp_ms(T_MS) == T_MS
    assert timestamp_ms(np.int64(T_MS)) == T_MS
    now = dt.datetime.now(dt.timezone.utc).timestamp() * 1000
    assert abs(timestamp_ms(None) - now) < 5000


def test_epoch_seconds_are_refused_with_a_hint():
    with pytest.raises(ValueError, match="epoch seconds"):
        timestamp_ms(T_MS / 1000)
    with pytest.raises(ValueError, match="NaT"):
        timestamp_ms(pd.NaT)


def test_predictions():
    assert prediction_value(np.float32(0.25)) == 0.25
    assert prediction_value("approve") == "approve"
    assert prediction_value({"a": np.float64(0.2), "b": 0.8}) == {"a": 0.2, "b": 0.8}
    assert prediction_value(pd.Series({"a": 0.3, "b": 0.7})) == {"a": 0.3, "b": 0.7}
    assert prediction_value(float("nan")) is None
    assert prediction_value(np.bool_(True)) == 1.0
    with pytest.raises(ValueError, match="class 'b'"):
        prediction_value({"a": 0.5, "b": math.nan})
    with pytest.raises(TypeError, match="prediction must be"):
        prediction_value([0.1, 0.9])


def test_labels():
    assert label_value(np.int64(1)) == 1.0 and isinstance(label_value(np.int64(1)), float)
    assert label_value(np.bool_(False)) is False
    assert label_value("fraud") == "fraud"
    with pytest.raises(ValueError, match="missing"):
        label_value(np.nan)
