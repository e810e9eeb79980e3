"""Turning what model code holds (numpy scalars, pandas values, datetimes, NaN) into the
contract's values: a feature is null, a boolean, a double or a string; a prediction a double,
a string or class -> probability; a label a double, a string or a boolean.

numpy and pandas are never imported here: their values are recognised by duck typing, so the
client works without them installed.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import math
from typing import Any, Dict, Mapping, Optional, Union

FeatureValue = Union[None, bool, float, str]
Prediction = Union[float, str, Dict[str, float]]
Label = Union[float, str, bool]

# Before 1973-03-03 in milliseconds: the contracts reject such timestamps as probable epoch
# seconds (libs/contracts README, "timestamp"), so the client refuses them where the caller is.
MIN_TIMESTAMP_MS = 100_000_000_000
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def _unwrap(value: Any) -> Any:
    """numpy scalars (and 0-d arrays) to the Python value they hold."""
    if type(value).__name__ == "datetime64":
        # .item() would give an int for nanosecond precision: go through milliseconds.
        if value != value:  # NaT
            return None
        ms = value.astype("datetime64[ms]").astype("int64").item()
        return _EPOCH + _dt.timedelta(milliseconds=ms)
    item = getattr(value, "item", None)
    if item is not None and getattr(value, "ndim", None) == 0 and type(value).__module__.startswith("numpy"):
        return item()
    return value


def _is_missing(value: Any) -> bool:
    # pandas.NA, pandas.NaT and numpy.datetime64('NaT') all say they are missing this way.
    if value is None:
        return True
    name = type(value).__name__
    if name in ("NAType", "NaTType"):
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


def _finite_or_none(number: float) -> Optional[float]:
    return number if math.isfinite(number) else None


def datetime_to_ms(value: _dt.datetime) -> int:
    """Epoch milliseconds; a naive datetime is UTC, as the contracts read ISO without a zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def timestamp_ms(value: Any, what: str = "timestamp") -> int:
    """Epoch milliseconds from None (now), a datetime / pandas.Timestamp, a numpy.datetime64,
    an ISO-8601 string or a number of milliseconds."""
    if value is None:
        return int(_dt.datetime.now(_dt.timezone.utc).timestamp() * 1000)
    value = _unwrap(value)
    if _is_missing(value):
        raise ValueError(f"{what} must not be missing (NaT), got {value!r}")
    if isinstance(value, _dt.datetime):
        ms = datetime_to_ms(value)
    elif isinstance(value, _dt.date):
        ms = datetime_to_ms(_dt.datetime(value.year, value.month, value.day))
    elif isinstance(value, str):
        try:
            ms = datetime_to_ms(_dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError as err:
            raise ValueError(f"{what} {value!r} is not an ISO-8601 date-time") from err
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"{what} must be finite, got {value!r}")
        ms = int(value)
    else:
        raise TypeError(f"{what} must be a datetime, an ISO-8601 string or epoch milliseconds, got {type(value).__name__}")
    if ms < MIN_TIMESTAMP_MS:
        raise ValueError(f"{what} {ms} is before 1973-03-03 in milliseconds: epoch seconds? (multiply by 1000)")
    return ms


def feature_value(value: Any, name: str = "feature") -> FeatureValue:
    """One feature value in the contract's terms; NaN, inf, NA and NaT become null."""
    value = _unwrap(value)
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return _finite_or_none(float(value))
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        # The contract has no date type: an ISO-8601 string in UTC keeps it readable and sortable.
        return (_EPOCH + _dt.timedelta(milliseconds=datetime_to_ms(value))).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(f"feature {name!r}: unsupported value of type {type(value).__name__} (use a number, string, boolean or None)")


def features_dict(features: Any) -> Dict[str, FeatureValue]:
    """A mapping of feature name to value (dict, pandas Series or one-row mapping-like)."""
    items = getattr(features, "items", None)
    if items is None:
        raise TypeError(f"features must be a mapping of name to value (dict or pandas Series), got {type(features).__name__}")
    out: Dict[str, FeatureValue] = {}
    for key, value in items():
        name = str(key)
        out[name] = feature_value(value, name)
    return out


def prediction_value(value: Any) -> Optional[Prediction]:
    """A score, a class name, or class -> probability; NaN becomes null (no prediction)."""
    value = _unwrap(value)
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        # No boolean branch in the contract: a binary decision is sent as 1.0 / 0.0.
        return 1.0 if value else 0.0
    if isinstance(value, (int, float, decimal.Decimal)):
        return _finite_or_none(float(value))
    if isinstance(value, str):
        return value
    items = getattr(value, "items", None)
    if items is not None:
        probabilities: Dict[str, float] = {}
        for cls, p in items():
            p = _unwrap(p)
            if _is_missing(p) or isinstance(p, bool) or not isinstance(p, (int, float, decimal.Decimal)) or not math.isfinite(float(p)):
                raise ValueError(f"prediction class {cls!r}: probability must be a finite number, got {p!r}")
            probabilities[str(_unwrap(cls))] = float(p)
        return probabilities
    raise TypeError(f"prediction must be a number, a class name or a mapping of class to probability, got {type(value).__name__}")


def label_value(value: Any) -> Label:
    """A label: a number, a class name or a boolean; a missing label is refused."""
    value = _unwrap(value)
    if _is_missing(value):
        raise ValueError(f"label must not be missing, got {value!r}")
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"label must be finite, got {value!r}")
        return number
    if isinstance(value, str):
        return value
    raise TypeError(f"label must be a number, a string or a boolean, got {type(value).__name__}")
