"""GeoPandas in and out: a GeoSeries of points as the query, results into
GeoDataFrame.from_features, and the package's doctest."""

import doctest
import os

import geopandas as gpd
import numpy as np
import pytest

import demarcate
from conftest import ROOT, SEED


@pytest.fixture(scope="module")
def seed():
    return demarcate.BorderMap.from_path(SEED)


def test_geoseries_query_equals_arrays(seed):
    rng = np.random.default_rng(11)
    lon, lat = rng.uniform(44.0, 46.5, 300), rng.uniform(38.8, 41.2, 300)
    want = seed.distance_to_border(lon, lat)
    got = seed.distance_to_border(gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=4326))
    for key in demarcate.DISTANCE_KEYS:
        assert np.array_equal(got[key], want[key]), key


def test_projected_geoseries_is_refused(seed):
    gs = gpd.GeoSeries(gpd.points_from_xy([44.78], [39.72]), crs=4326).to_crs(32638)
    with pytest.raises(demarcate.UsageError, match="to_crs"):
        seed.distance_to_border(gs)


def test_from_features_takes_overlaps_and_plans(seed):
    overlaps = gpd.GeoDataFrame.from_features(seed.overlaps())
    assert list(overlaps.columns[overlaps.columns != "geometry"]) == ["a", "b", "area_m2"]
    assert len(overlaps) == len(seed.report()["overlaps"])
    plan = seed.plan(8000.0)
    posts = gpd.GeoDataFrame.from_features(plan)
    assert len(posts) == len(plan["features"]) and (posts.geom_type == "Point").all()


def test_module_doctest():
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = doctest.testmod(demarcate)
    finally:
        os.chdir(cwd)
    assert result.attempted > 0 and result.failed == 0
