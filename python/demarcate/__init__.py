"""Border-demarcation analysis on the WGS84 ellipsoid, from Python.

The Python face of the ``demarcate`` Rust crate: every answer comes from the
crate (exact geodesic distances, geodesic areas, coverage, planning); this
package only converts arrays and JSON.

Units: coordinates are WGS84 longitude, latitude in degrees; distances and
lengths metres on the ellipsoid; areas square metres.

>>> import demarcate, numpy as np
>>> m = demarcate.BorderMap.from_path("data/hand-checkable.geojson")
>>> r = m.distance_to_border(np.array([10.5]), np.array([0.5]))
>>> round(float(r["distance_m"][0]), 6), r["segment"][0], r["side"][0]
(55287.152003, 'seg-a', 'NOR')
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as np

from . import _native
from .errors import (
    AnalysisError,
    DatasetReadError,
    DemarcateError,
    Finding,
    InvalidDataError,
    InvalidPointError,
    NoBorderError,
    NoRangeError,
    NotGeoJSONError,
    UsageError,
    findings_from_json,
)

__all__ = [
    "BorderMap",
    "validate",
    "validate_geojson",
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
    "DISTANCE_KEYS",
]

__version__ = "0.1.0"

#: The keys of :meth:`BorderMap.distance_to_border`'s answer, in order.
DISTANCE_KEYS = ("distance_m", "segment", "nearest_lon", "nearest_lat", "side")

PathLike = Union[str, "os.PathLike[str]"]


def validate(path: PathLike) -> List[Finding]:
    """Every finding (errors and warnings) of validating the dataset file at
    ``path``, in feature order. Raises only when the file cannot be read
    (:class:`DatasetReadError`) or is not a FeatureCollection
    (:class:`NotGeoJSONError`)."""
    return findings_from_json(_native.validate(os.fspath(path), True))


def validate_geojson(text: str) -> List[Finding]:
    """:func:`validate` for Demarcation GeoJSON given as a string."""
    return findings_from_json(_native.validate(text, False))


def _float64(values: Any, name: str) -> np.ndarray:
    a = np.asarray(values, dtype=np.float64)
    if a.ndim == 0:
        a = a.reshape(1)
    if a.ndim != 1:
        raise UsageError(f"{name} must be one-dimensional, got shape {a.shape}", name=name, value=None)
    return np.ascontiguousarray(a, dtype="<f8")


def _lonlat_of_geometries(points: Any):
    """lon, lat arrays of a GeoSeries or an array of shapely Points."""
    crs = getattr(points, "crs", None)
    if crs is not None and not (crs.to_epsg() == 4326 or crs.equals("OGC:CRS84")):
        raise UsageError(
            f"the points are in {crs}, not WGS84 longitude/latitude: call .to_crs(4326) first",
            name="points",
            value=None,
        )
    import shapely  # only needed for geometry input

    geoms = np.asarray(getattr(points, "values", points), dtype=object)
    kinds = shapely.get_type_id(geoms)
    bad = np.flatnonzero(kinds != 0)
    if bad.size:
        i = int(bad[0])
        kind = "missing" if kinds[i] < 0 else f"a {shapely.GeometryType(int(kinds[i])).name}"
        raise UsageError(f"geometry {i} is {kind}, not a Point", name="points", value=None)
    return shapely.get_x(geoms), shapely.get_y(geoms)


class BorderMap:
    """A loaded, valid Demarcation GeoJSON dataset.

    Build it with :meth:`from_path` or :meth:`from_geojson`; a dataset with
    errors raises :class:`InvalidDataError` listing every finding.
    """

    __slots__ = ("_native", "_segment_ids")

    def __init__(self, native: "_native.NativeMap"):
        self._native = native
        ids = json.loads(native.segment_ids())
        self._segment_ids = np.empty(len(ids), dtype=object)
        self._segment_ids[:] = ids

    @classmethod
    def from_path(cls, path: PathLike) -> "BorderMap":
        """Loads and validates the dataset file at ``path``."""
        return cls(_native.NativeMap(os.fspath(path), True))

    @classmethod
    def from_geojson(cls, text: str) -> "BorderMap":
        """Loads and validates Demarcation GeoJSON given as a string."""
        return cls(_native.NativeMap(text, False))

    def to_geojson(self) -> str:
        """The dataset as GeoJSON text: every feature, property and foreign
        member as read."""
        return self._native.to_geojson()

    def validate(self) -> List[Finding]:
        """The warnings found when the dataset was loaded (a loaded map has no
        errors)."""
        return findings_from_json(self._native.findings())

    def segment_ids(self) -> List[Union[str, int]]:
        """The border segments' ids, in dataset order."""
        return list(self._segment_ids)

    def distance_to_border(self, lon: Any, lat: Any = None) -> Dict[str, np.ndarray]:
        """The distance from each point to the border, the nearest border
        point and segment, and the side each point is on.

        ``lon`` and ``lat`` are sequences (numpy arrays, lists, pandas
        Series) of equal length; or pass one GeoSeries / array of shapely
        Points as ``lon`` alone.

        Returns a dict of numpy arrays, one value per point in input order:
        ``distance_m`` (float64, metres along the WGS84 ellipsoid, exact to
        well under 1 mm), ``segment`` (object: the nearest segment's id),
        ``nearest_lon``, ``nearest_lat`` (float64, degrees), ``side`` (object:
        the party's code, ``None`` on the border or outside every
        territory). The batch runs in parallel with the GIL released; the
        numbers are the Rust library's, bit for bit.

        Raises :class:`InvalidPointError` (with ``index``) for a point that is
        not a WGS84 lon/lat.
        """
        if lat is None:
            lon, lat = _lonlat_of_geometries(lon)
        x = _float64(lon, "lon")
        y = _float64(lat, "lat")
        if x.shape != y.shape:
            raise UsageError(f"lon has {x.size} values, lat has {y.size}", name="lat", value=None)
        dist, seg, nlon, nlat, side, parties = self._native.distances(x.tobytes(), y.tobytes())
        ids = self._segment_ids
        codes = np.frombuffer(side, dtype="<i4")
        party_values = np.empty(len(parties) + 1, dtype=object)
        party_values[: len(parties)] = parties
        party_values[-1] = None  # code -1
        return {
            "distance_m": np.frombuffer(dist, dtype="<f8").astype(np.float64),
            "segment": ids[np.frombuffer(seg, dtype="<u4").astype(np.intp)],
            "nearest_lon": np.frombuffer(nlon, dtype="<f8").astype(np.float64),
            "nearest_lat": np.frombuffer(nlat, dtype="<f8").astype(np.float64),
            "side": party_values[codes],
        }

    def report(self, range_m: Optional[float] = None) -> Dict[str, Any]:
        """The whole analysis, with the keys of ``demarcate report``:
        ``segments``, ``status_lengths_m``, ``incursions``, ``overlaps``,
        ``outposts``, ``coverage``, ``claims``, ``notes``. Metres and square
        metres; ``range_m`` is the range of outposts without ``range_m``."""
        return json.loads(self._native.report(range_m))

    def overlaps(self) -> Dict[str, Any]:
        """Overlapping incursion zones as a GeoJSON FeatureCollection (for
        ``geopandas.GeoDataFrame.from_features``): per pair, properties
        ``a``, ``b`` (zone ids) and ``area_m2`` (geodesic, m²), geometry the
        intersection (MultiPolygon, lon/lat)."""
        return {"type": "FeatureCollection", "features": json.loads(self._native.overlaps())}

    def coverage(self, range_m: Optional[float] = None) -> Dict[str, Any]:
        """Outpost coverage of the border: ``covered_fraction``, ``covered_m``,
        ``total_m`` and ``gaps`` (``segment``, ``from_m``, ``to_m``,
        ``length_m``, metres along the segment from its first vertex).
        ``range_m`` (metres) is the range of outposts without ``range_m``."""
        return json.loads(self._native.coverage(range_m))

    def plan(
        self,
        range_m: float,
        keep_existing: bool = False,
        setback_m: Optional[float] = None,
        party: Optional[str] = None,
        operator: str = "UNASSIGNED",
    ) -> Dict[str, Any]:
        """Outposts of range ``range_m`` (metres) that cover the whole border,
        as a GeoJSON FeatureCollection of ``outpost`` features (status
        ``proposed``). With ``keep_existing`` only the gaps the dataset's
        outposts leave are filled; ``setback_m`` with ``party`` sets the
        posts back into that party's territory. The collection's ``plan``
        member has ``lower_bound`` (no plan can use fewer posts),
        ``existing`` and ``covered_fraction`` (the verification)."""
        if (setback_m is None) != (party is None):
            raise UsageError("setback_m and party go together", name="setback_m", value=setback_m)
        fc, figures = self._native.plan(float(range_m), bool(keep_existing), setback_m, party, operator)
        out = json.loads(fc)
        out["plan"] = json.loads(figures)
        return out

    def median_line(self, a: str, b: str, tolerance_m: float = 0.01) -> Dict[str, Any]:
        """The median (equidistance) line between party ``a``'s and party
        ``b``'s ``shore`` and ``basepoint`` features, as the GeoJSON
        FeatureCollection of ``demarcate median``: one ``median_line``
        feature (``a`` on its left; ``parties``, ``tolerance_m``,
        ``length_m``, ``max_residual_m``) and a ``turning_point`` feature per
        vertex fixed by three or more shore elements (``controls``,
        ``distance_m``, ``residual_m``, ``condition_number``). Every vertex is
        equidistant from both parties' shores to 1 mm; between vertices the
        line stays within ``tolerance_m`` (metres).

        Raises :class:`UsageError` for a tolerance that is not a positive
        number, :class:`AnalysisError` when a party has no shore, the parties
        are the same, or the trace cannot continue."""
        return json.loads(self._native.median_line(str(a), str(b), float(tolerance_m)))

    def buffer(
        self,
        distance_m: float,
        side: Optional[str] = None,
        segments: Optional[Sequence[Union[str, int]]] = None,
    ) -> Dict[str, Any]:
        """The strip within ``distance_m`` metres (geodesic) of the border, or
        of the ``segments`` given by id, on party ``side``'s side only when
        given: the GeoJSON FeatureCollection of ``demarcate buffer``, one
        ``buffer_zone`` feature (``distance_m``, ``side``, ``segments``,
        ``area_m2`` geodesic, ``tolerance_m``; Polygon or MultiPolygon,
        lon/lat, geodesic edges).

        Raises :class:`UsageError` for a distance that is not a positive
        number, :class:`AnalysisError` for an unknown segment or party."""
        ids = None if segments is None else [str(i) for i in segments]
        return json.loads(self._native.buffer(float(distance_m), side, ids))

    def schedule(self, segments: Optional[Sequence[Union[str, int]]] = None) -> List[Dict[str, Any]]:
        """The turning-point schedule of every border segment, or of the
        ``segments`` given by id, as ``demarcate schedule --format json``: a
        record per vertex in order (``segment``, ``part``, ``point``),
        lon/lat, DMS (to 0.0001″), the geodesic distance (metres) and
        azimuth to the next vertex, the back azimuth there (degrees in
        [0, 360)) and the chainage (metres along the segment)."""
        ids = None if segments is None else [str(i) for i in segments]
        return json.loads(self._native.schedule(ids))

    def __repr__(self) -> str:
        return f"<demarcate.BorderMap with {len(self._segment_ids)} border segments>"
