"""The exceptions of ``demarcate``: one hierarchy, with the facts as attributes.

Every exception derives from :class:`DemarcateError`; none needs its message
parsed. Classes that mean "a value you passed is wrong" also derive from
:class:`ValueError`, and a file that cannot be read from :class:`OSError`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import List, Optional, Union

__all__ = [
    "Finding",
    "DemarcateError",
    "DatasetReadError",
    "NotGeoJSONError",
    "InvalidDataError",
    "InvalidPointError",
    "UsageError",
    "AnalysisError",
    "NoBorderError",
    "NoRangeError",
]


@dataclass(frozen=True)
class Finding:
    """One finding of validation.

    ``feature`` is the 0-based index of the feature in the collection (``None``
    for the collection itself), ``id`` its GeoJSON id (str or int, ``None``
    without one), ``property`` the property or member at fault.
    """

    severity: str
    feature: Optional[int]
    id: Optional[Union[str, int, float]]
    property: str
    message: str

    @property
    def is_error(self) -> bool:
        """``True`` for an error (the dataset cannot be analysed), ``False`` for a warning."""
        return self.severity == "error"

    def __str__(self) -> str:
        where = ""
        if self.feature is not None:
            where = f" feature {self.feature} ({'no id' if self.id is None else 'id ' + str(self.id)})"
        return f"{self.severity}{where}: {self.property}: {self.message}"


def findings_from_json(text: str) -> List[Finding]:
    """Findings from the native layer's JSON records."""
    return [Finding(**row) for row in json.loads(text)]


class DemarcateError(Exception):
    """Base class of every error ``demarcate`` raises."""

    def __init__(self, message: str, **facts):
        super().__init__(message)
        self.message = message
        for key, value in facts.items():
            setattr(self, key, value)


class DatasetReadError(DemarcateError, OSError):
    """The dataset file could not be read. Attributes: ``path``, ``errno``."""

    def __init__(self, message: str, path: str = "", errno: Optional[int] = None):
        DemarcateError.__init__(self, message, path=path)
        self.errno = errno
        self.filename = path

    def __str__(self) -> str:
        return self.message


class NotGeoJSONError(DemarcateError, ValueError):
    """The input is not JSON, or not a GeoJSON FeatureCollection.

    Attributes: ``origin`` (the file, or ``<string>``), ``line`` and ``column``
    (1-based, when the JSON itself is broken).
    """

    def __init__(self, message: str, origin: str = "", line: int = 0, column: int = 0):
        super().__init__(message, origin=origin, line=line, column=column)


class InvalidDataError(DemarcateError, ValueError):
    """The dataset has errors. ``findings`` lists every finding (errors and
    warnings) as :class:`Finding` records; ``origin`` names the file."""

    def __init__(self, message: str, origin: str = "", findings: Union[str, List[Finding]] = "[]"):
        if isinstance(findings, str):
            findings = findings_from_json(findings)
        super().__init__(message, origin=origin, findings=findings)

    @property
    def errors(self) -> List[Finding]:
        """The error-level findings only."""
        return [f for f in self.findings if f.is_error]


class InvalidPointError(DemarcateError, ValueError):
    """A query point is not a WGS84 longitude/latitude.

    Attributes: ``index`` (its position in the batch), ``lon``, ``lat``.
    """

    def __init__(self, message: str, index: Optional[int] = None, lon: float = float("nan"), lat: float = float("nan")):
        super().__init__(message, index=index, lon=lon, lat=lat)


class UsageError(DemarcateError, ValueError):
    """A parameter is out of its domain. Attributes: ``name``, ``value``."""

    def __init__(self, message: str, name: str = "", value=None):
        super().__init__(message, name=name, value=value)


class AnalysisError(DemarcateError):
    """The analysis cannot be done on this data (zones too large to clip
    together, an unknown feature id, ...)."""


class NoBorderError(AnalysisError):
    """The dataset has no valid border segment: there is no border to measure to."""


class NoRangeError(AnalysisError, ValueError):
    """An outpost has no ``range_m`` and no default range was given.

    Attributes: ``feature`` (its index), ``id`` (its GeoJSON id, as JSON text).
    """

    def __init__(self, message: str, feature: Optional[int] = None, id: Optional[str] = None):
        super().__init__(message, feature=feature, id=json.loads(id) if id is not None else None)
