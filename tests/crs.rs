//! Coordinate reference systems (`demarcate::crs`): parsing, the legacy `crs`
//! member, precedence, and (with the `proj` feature) reprojection against
//! pyproj's values (`tests/reference/crs_reference.py`, `crs_README.md`).

use demarcate::crs::{self, Crs, Direction, Transformer};
use demarcate::io::{Loader, ProjectedMap};
use demarcate::{Error, Severity};
use serde_json::Value;

use crate::common::{root, seed_path};

const UTM_SEED: &str = "tests/reference/crs_seed_utm38n.geojson";

fn utm_seed_text() -> String {
    std::fs::read_to_string(root(UTM_SEED)).unwrap()
}

#[test]
fn parses_the_forms_users_write() {
    for s in [
        "EPSG:4326",
        "WGS84",
        "CRS84",
        "OGC:CRS84",
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:EPSG::4326",
        "+proj=longlat +datum=WGS84 +no_defs",
    ] {
        let c = Crs::parse(s).unwrap();
        assert!(c.is_wgs84_lonlat(), "{s}");
        assert_eq!(c, Crs::wgs84(), "{s}");
        assert_eq!(c.epsg_code(), Some(4326), "{s}");
    }
    for s in [
        "EPSG:32638",
        "epsg:32638",
        "urn:ogc:def:crs:EPSG::32638",
        "http://www.opengis.net/def/crs/EPSG/0/32638",
    ] {
        let c: Crs = s.parse().unwrap();
        assert!(!c.is_wgs84_lonlat(), "{s}");
        assert_eq!(c, Crs::epsg(32638), "{s}");
        assert_eq!(c.epsg_code(), Some(32638), "{s}");
        assert_eq!(c.to_string(), s);
    }
    let p = Crs::parse("+proj=utm +zone=38 +datum=WGS84").unwrap();
    assert!(!p.is_wgs84_lonlat());
    assert_eq!(p.epsg_code(), None);
    assert_ne!(p, Crs::epsg(32638)); // same projection, but not the same text to PROJ
    for bad in [
        "",
        "EPSG:",
        "EPSG:utm",
        "UTM zone 38",
        "urn:ogc:def:crs:EPSG",
    ] {
        let e = Crs::parse(bad).unwrap_err();
        assert!(matches!(e, Error::UnknownCrs { .. }), "{bad}: {e:?}");
    }
}

#[test]
fn reads_the_legacy_crs_member() {
    let loaded = demarcate::io::load_str(&utm_seed_text()).unwrap();
    assert_eq!(
        crs::declared_crs(&loaded.map).unwrap(),
        Some(Crs::epsg(32638))
    );
    // Read as WGS84, the projected copy is nonsense: every feature is out of range.
    assert!(loaded.has_errors());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("outside [-90, 90]"))
    );

    let seed = demarcate::io::load_path(seed_path()).unwrap();
    assert_eq!(crs::declared_crs(&seed.map).unwrap(), None);

    let member = |v: Value| Crs::from_geojson_member(&v);
    assert_eq!(
        member(serde_json::json!({"type": "name",
            "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}))
        .unwrap(),
        Some(Crs::wgs84())
    );
    assert_eq!(
        member(serde_json::json!({"type": "EPSG", "properties": {"code": 32638}})).unwrap(),
        Some(Crs::epsg(32638))
    );
    assert_eq!(member(Value::Null).unwrap(), None);
    for bad in [
        serde_json::json!({"type": "link", "properties": {"href": "http://x/crs", "type": "proj4"}}),
        serde_json::json!({"type": "name", "properties": {}}),
        serde_json::json!({"type": "name", "properties": {"name": "not a crs"}}),
        serde_json::json!("EPSG:32638"),
    ] {
        assert!(
            matches!(member(bad.clone()), Err(Error::UnknownCrs { .. })),
            "{bad}"
        );
    }
    // A member naming WGS84 is honoured as WGS84 (nothing to transform) and kept.
    let text = r#"{"type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": []}"#;
    let l = Loader::new().crs_member(true).str(text).unwrap();
    assert!(l.diagnostics.is_empty());
    assert!(l.map.collection_members().contains_key("crs"));
}

#[test]
fn an_unreadable_crs_member_is_an_error_naming_the_file_unless_a_crs_is_given() {
    let text = r#"{"type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "Lambert somewhere"}},
        "features": []}"#;
    let e = Loader::new().crs_member(true).str(text).unwrap_err();
    assert!(
        matches!(&e, Error::UnknownCrs { origin: Some(o), .. } if o == "<input>"),
        "{e:?}"
    );
    assert!(e.to_string().starts_with("<input>: crs member: "), "{e}");
    // An explicit CRS wins; the member is reported as ignored.
    let l = Loader::new().crs(&Crs::wgs84()).str(text).unwrap();
    assert_eq!(l.diagnostics.len(), 1);
    let d = &l.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.feature, d.property.as_str()), (None, "crs"));
    assert!(d.message.starts_with("ignored: "), "{d}");
}

#[test]
fn wgs84_needs_no_proj_and_is_the_identity() {
    let t = Transformer::new(&Crs::parse("CRS84").unwrap()).unwrap();
    let pts = [
        geo_types::coord! { x: 45.5, y: 40.2 },
        geo_types::coord! { x: -179.9, y: -89.0 },
    ];
    assert_eq!(t.transform(Direction::ToWgs84, &pts).unwrap(), pts);
    assert_eq!(t.transform(Direction::FromWgs84, &pts).unwrap(), pts);
    // An explicit WGS84 on a WGS84 file changes nothing.
    let plain = demarcate::io::load_path(seed_path()).unwrap();
    let via = Loader::new()
        .crs(&Crs::parse("EPSG:4326").unwrap())
        .path(seed_path())
        .unwrap();
    assert_eq!(via.map.features(), plain.map.features());
    assert_eq!(via.diagnostics, plain.diagnostics);
    assert_eq!(
        ProjectedMap::new(&t, &plain.map)
            .unwrap()
            .to_geojson_string(),
        plain.map.to_geojson_string()
    );
}

#[test]
fn loading_a_map_in_memory_goes_the_same_path_as_a_file() {
    let plain = demarcate::io::load_path(seed_path()).unwrap();
    // WGS84 given: nothing moves, the findings are validation's own.
    let again = Loader::new().crs(&Crs::wgs84()).map(&plain.map).unwrap();
    assert_eq!(again.map.features(), plain.map.features());
    assert_eq!(again.diagnostics, plain.diagnostics);
    // The UTM copy read as WGS84 is out of range; read through its `crs`
    // member it is either transformed (proj) or refused as a file would be.
    let raw = demarcate::io::load_path(root(UTM_SEED)).unwrap();
    assert!(raw.has_errors());
    let from_map = Loader::new().crs_member(true).map(&raw.map);
    let from_file = Loader::new().crs_member(true).path(root(UTM_SEED));
    match (from_map, from_file) {
        (Ok(m), Ok(f)) => {
            assert_eq!(m.map.features(), f.map.features());
            assert_eq!(m.diagnostics, f.diagnostics);
            assert!(!m.has_errors());
        }
        (Err(m), Err(f)) => assert_eq!(m.to_string(), f.to_string()),
        (m, f) => panic!("map {m:?} / file {f:?}"),
    }
}

#[cfg(not(feature = "proj"))]
#[test]
fn without_proj_a_projected_crs_says_to_build_with_the_feature() {
    let e = Loader::new()
        .crs_member(true)
        .path(root(UTM_SEED))
        .unwrap_err();
    assert!(
        matches!(&e, Error::ProjUnavailable { crs } if crs == "urn:ogc:def:crs:EPSG::32638"),
        "{e:?}"
    );
    assert!(e.to_string().contains("--features proj"), "{e}");
    let e = Transformer::new(&Crs::parse("+proj=utm +zone=38 +datum=WGS84").unwrap()).unwrap_err();
    assert!(e.to_string().contains("--features proj"), "{e}");
    // Given explicitly, too (it wins over a file without a crs member).
    let e = Loader::new()
        .crs(&Crs::epsg(32638))
        .path(seed_path())
        .unwrap_err();
    assert!(matches!(e, Error::ProjUnavailable { .. }), "{e:?}");
}

#[cfg(feature = "proj")]
mod with_proj {
    use demarcate::crs::{CoordSource, Crs, Direction, Transformer};
    use demarcate::io::{Loader, ProjectedMap};
    use demarcate::{BorderMap, Error, Severity};
    use geo_types::{Coord, Geometry, coord};
    use proptest::prelude::*;
    use serde_json::Value;

    use super::{UTM_SEED, utm_seed_text};
    use crate::common::{geodesic_m, root, seed_path};

    fn utm() -> Transformer {
        Transformer::new(&Crs::epsg(32638)).unwrap()
    }

    fn reference() -> Value {
        serde_json::from_str(include_str!("reference/crs_points.json")).unwrap()
    }

    fn xy(v: &Value, x: &str, y: &str) -> Coord<f64> {
        coord! { x: v[x].as_f64().unwrap(), y: v[y].as_f64().unwrap() }
    }

    #[test]
    fn forward_matches_pyproj_to_a_millimetre() {
        let r = reference();
        let cases = r["forward"].as_array().unwrap();
        assert!(cases.len() >= 60);
        let t = utm();
        let mut worst = 0.0f64;
        for c in cases {
            let got = t
                .transform(Direction::FromWgs84, xy(c, "lon", "lat"))
                .unwrap();
            let want = xy(c, "x", "y");
            let err = (got.x - want.x).hypot(got.y - want.y);
            worst = worst.max(err);
            assert!(err < 1e-3, "{}: {got:?} vs pyproj {want:?}", c["id"]);
        }
        // The brief's check value, by hand.
        let p = t
            .transform(Direction::FromWgs84, coord! { x: 45.5, y: 40.2 })
            .unwrap();
        assert!((p.x - 542555.1628480027).abs() < 1e-3, "{p:?}");
        assert!((p.y - 4450075.498325491).abs() < 1e-3, "{p:?}");
        eprintln!("forward: worst {worst:.3e} m over {} points", cases.len());
    }

    #[test]
    fn inverse_matches_pyproj_to_a_millimetre() {
        let r = reference();
        let cases = r["inverse"].as_array().unwrap();
        let t = utm();
        let ins: Vec<Coord<f64>> = cases.iter().map(|c| xy(c, "x", "y")).collect();
        let outs = t.transform(Direction::ToWgs84, &ins).unwrap();
        let mut worst = 0.0f64;
        for (c, got) in cases.iter().zip(&outs) {
            let want = xy(c, "lon", "lat");
            let err = geodesic_m((got.x, got.y), (want.x, want.y));
            worst = worst.max(err);
            assert!(err < 1e-3, "{}: {got:?} vs pyproj {want:?}", c["id"]);
        }
        eprintln!("inverse: worst {worst:.3e} m over {} points", cases.len());
    }

    #[test]
    fn a_proj_string_gives_the_same_projection() {
        let t = Transformer::new(&Crs::parse("+proj=utm +zone=38 +datum=WGS84").unwrap()).unwrap();
        let r = reference();
        for c in r["forward"].as_array().unwrap() {
            let got = t
                .transform(Direction::FromWgs84, xy(c, "lon", "lat"))
                .unwrap();
            let want = xy(c, "x", "y");
            assert!((got.x - want.x).hypot(got.y - want.y) < 1e-3, "{}", c["id"]);
        }
    }

    fn round_trip_m(t: &Transformer, p: Coord<f64>) -> f64 {
        let back = t
            .transform(
                Direction::ToWgs84,
                t.transform(Direction::FromWgs84, p).unwrap(),
            )
            .unwrap();
        geodesic_m((p.x, p.y), (back.x, back.y))
    }

    #[test]
    fn round_trip_within_a_millimetre() {
        let t = utm();
        let mut worst = 0.0f64;
        for i in 0..=24 {
            for j in 0..=20 {
                // Three zone widths either side of 45 E, 80 S to 84 N.
                let p = coord! { x: 36.0 + 0.75 * f64::from(i), y: -80.0 + 8.2 * f64::from(j) };
                let d = round_trip_m(&t, p);
                worst = worst.max(d);
                assert!(d < 1e-3, "{p:?}: {d} m");
            }
        }
        eprintln!("round trip: worst {worst:.3e} m");
    }

    proptest! {
        #[test]
        fn round_trip_random(lon in 39.0f64..51.0, lat in -80.0f64..84.0) {
            let d = round_trip_m(&utm(), coord! { x: lon, y: lat });
            prop_assert!(d < 1e-3, "({lon}, {lat}): {d} m");
        }
    }

    #[test]
    fn many_points_take_the_parallel_path_in_order() {
        let t = utm();
        let pts: Vec<Coord<f64>> = (0..250_000)
            .map(|i| {
                let f = f64::from(i);
                coord! { x: 43.0 + (f * 0.618_034).fract() * 4.0, y: 38.0 + (f * 0.414_214).fract() * 4.0 }
            })
            .collect();
        let fwd = t.transform(Direction::FromWgs84, &pts).unwrap();
        for i in [0, 1, 124_999, 125_000, 200_001, 249_999] {
            assert_eq!(
                fwd[i],
                t.transform(Direction::FromWgs84, pts[i]).unwrap(),
                "{i}"
            );
        }
        let back = t.transform(Direction::ToWgs84, &fwd).unwrap();
        for (p, q) in pts.iter().zip(&back).step_by(997) {
            assert!(geodesic_m((p.x, p.y), (q.x, q.y)) < 1e-3);
        }
    }

    /// Every vertex of two maps' features, in order.
    fn vertices(features: &[demarcate::Feature]) -> Vec<Coord<f64>> {
        use geo::CoordsIter;
        features
            .iter()
            .flat_map(|f| f.geometry.iter().flat_map(|g| g.coords_iter()))
            .collect()
    }

    #[test]
    fn the_utm_seed_loads_back_onto_the_wgs84_seed() {
        let original = demarcate::io::load_path(seed_path()).unwrap();
        let loaded = Loader::new().crs_member(true).path(root(UTM_SEED)).unwrap();
        // Validation ran on the transformed coordinates: the same findings as
        // the WGS84 original (and none of the range errors of the raw copy).
        assert_eq!(loaded.diagnostics, original.diagnostics);
        assert!(!loaded.has_errors());
        // The crs member is gone, every other member and property is kept.
        assert!(!loaded.map.collection_members().contains_key("crs"));
        assert_eq!(
            loaded.map.collection_members(),
            original.map.collection_members()
        );
        let (a, b) = (loaded.map.features(), original.map.features());
        assert_eq!(a.len(), b.len());
        for (f, g) in a.iter().zip(b) {
            assert_eq!((&f.id, &f.properties), (&g.id, &g.properties));
        }
        let (va, vb) = (vertices(a), vertices(b));
        assert_eq!(va.len(), vb.len());
        let worst = va
            .iter()
            .zip(&vb)
            .map(|(p, q)| geodesic_m((p.x, p.y), (q.x, q.y)))
            .fold(0.0, f64::max);
        assert!(worst < 1e-3, "a vertex moved {worst} m");
        eprintln!(
            "UTM seed: worst vertex {worst:.3e} m over {} vertices",
            va.len()
        );
    }

    #[test]
    fn distances_on_the_utm_seed_match_the_geographiclib_reference() {
        let map = Loader::new()
            .crs_member(true)
            .path(root(UTM_SEED))
            .unwrap()
            .into_valid(UTM_SEED)
            .unwrap();
        let original = BorderMap::from_path(seed_path()).unwrap();
        let refs: Value =
            serde_json::from_str(include_str!("reference/border_distances.json")).unwrap();
        let refs = refs["points"].as_array().unwrap();

        let csv = std::fs::read_to_string(root("tests/reference/crs_points_utm38n.csv")).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("id,x,y"));
        let rows: Vec<(&str, Coord<f64>)> = lines
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (
                    f[0],
                    coord! { x: f[1].parse().unwrap(), y: f[2].parse().unwrap() },
                )
            })
            .collect();
        assert!(rows.len() >= 50);
        let pts: Vec<Coord<f64>> = rows.iter().map(|r| r.1).collect();
        let wgs = utm().transform(Direction::ToWgs84, &pts).unwrap();
        let got = map.distances_to_border(&wgs).unwrap();
        let mut worst = 0.0f64;
        for ((id, _), d) in rows.iter().zip(&got) {
            let r = refs.iter().find(|r| r["id"] == *id).unwrap();
            let want = r["distance_m"].as_f64().unwrap();
            let err = (d.distance_m - want).abs();
            worst = worst.max(err);
            assert!(err < 1e-3, "{id}: {} vs reference {want}", d.distance_m);
            let here = original
                .distance_to_border(
                    coord! { x: r["lon"].as_f64().unwrap(), y: r["lat"].as_f64().unwrap() },
                )
                .unwrap();
            assert!((d.distance_m - here.distance_m).abs() < 1e-3, "{id}");
            let tied: Vec<&str> = r["tied_segments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            assert!(tied.contains(&d.segment.id().to_string().as_str()), "{id}");
            assert_eq!(d.side.map(|p| p.as_str()), r["side"].as_str(), "{id}");
        }
        eprintln!(
            "UTM distances: worst {worst:.3e} m over {} points",
            rows.len()
        );
    }

    #[test]
    fn an_explicit_crs_wins_over_the_file() {
        // The file says zone 39, which is wrong; the caller knows it is zone 38.
        let text = utm_seed_text().replace("EPSG::32638", "EPSG::32639");
        let wrong = Loader::new().crs_member(true).str(&text).unwrap();
        let right = Loader::new()
            .crs(&Crs::parse("EPSG:32638").unwrap())
            .str(&text)
            .unwrap();
        let original = demarcate::io::load_path(seed_path()).unwrap();
        let (p, q, o) = (
            vertices(wrong.map.features())[0],
            vertices(right.map.features())[0],
            vertices(original.map.features())[0],
        );
        assert!(geodesic_m((q.x, q.y), (o.x, o.y)) < 1e-3);
        assert!(geodesic_m((p.x, p.y), (o.x, o.y)) > 400_000.0); // a zone is 6° wide
        let warn: Vec<_> = right
            .diagnostics
            .iter()
            .filter(|d| d.feature.is_none() && d.property == "crs")
            .collect();
        assert_eq!(warn.len(), 1);
        assert_eq!(warn[0].severity, Severity::Warning);
        assert!(warn[0].message.contains("takes precedence"), "{}", warn[0]);
    }

    #[test]
    fn writing_in_a_crs_reproduces_the_pyproj_copy_and_reads_back() {
        let seed = BorderMap::from_path(seed_path()).unwrap();
        let out = ProjectedMap::new(&utm(), &seed).unwrap();
        assert_eq!(out.crs(), &Crs::epsg(32638));
        let written: Value = serde_json::from_str(&out.to_geojson_string()).unwrap();
        let copy: Value = serde_json::from_str(&utm_seed_text()).unwrap();
        assert_eq!(written["crs"], copy["crs"]);
        let (wf, cf) = (
            written["features"].as_array().unwrap(),
            copy["features"].as_array().unwrap(),
        );
        assert_eq!(wf.len(), cf.len());
        fn flat(v: &Value, out: &mut Vec<f64>) {
            match v {
                Value::Number(n) => out.push(n.as_f64().unwrap()),
                Value::Array(a) => a.iter().for_each(|x| flat(x, out)),
                _ => {}
            }
        }
        let mut worst = 0.0f64;
        for (w, c) in wf.iter().zip(cf) {
            assert_eq!(w["properties"], c["properties"]);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            flat(&w["geometry"]["coordinates"], &mut a);
            flat(&c["geometry"]["coordinates"], &mut b);
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                worst = worst.max((x - y).abs());
            }
        }
        assert!(worst < 1e-3, "{worst} m from pyproj's copy");
        eprintln!("written UTM copy: worst {worst:.3e} m per coordinate");

        let back = Loader::new()
            .crs_member(true)
            .str(&out.to_geojson_string())
            .unwrap();
        assert!(!back.has_errors());
        assert_eq!(back.map.features().len(), seed.features().len());
    }

    #[test]
    fn bboxes_are_recomputed_and_altitudes_kept() {
        let text = r#"{"type": "FeatureCollection", "bbox": [0, 0, 1, 1],
          "crs": {"type": "name", "properties": {"name": "EPSG:32638"}},
          "features": [{"type": "Feature", "id": "o1", "bbox": [0, 0, 1, 1],
            "properties": {"kind": "outpost", "operator": "RUS", "status": "proposed"},
            "geometry": {"type": "Point", "coordinates": [542555.1628480027, 4450075.498325491, 1234.5]}}]}"#;
        let l = Loader::new().crs_member(true).str(text).unwrap();
        assert!(!l.has_errors(), "{:?}", l.diagnostics);
        let out: Value = serde_json::from_str(&l.map.to_geojson_string()).unwrap();
        let c = out["features"][0]["geometry"]["coordinates"]
            .as_array()
            .unwrap();
        assert!((c[0].as_f64().unwrap() - 45.5).abs() < 1e-9);
        assert!((c[1].as_f64().unwrap() - 40.2).abs() < 1e-9);
        assert_eq!(c[2].as_f64(), Some(1234.5));
        let b = out["features"][0]["bbox"].as_array().unwrap();
        assert!((b[0].as_f64().unwrap() - 45.5).abs() < 1e-9, "{b:?}");
        assert!((out["bbox"][3].as_f64().unwrap() - 40.2).abs() < 1e-9);
        let p = l.map.outposts().next().unwrap().point();
        assert!((p.x() - 45.5).abs() < 1e-9 && (p.y() - 40.2).abs() < 1e-9);
    }

    #[test]
    fn proj_errors_name_the_crs_and_what_proj_said() {
        let e = Transformer::new(&Crs::parse("EPSG:999999").unwrap()).unwrap_err();
        assert!(
            matches!(&e, Error::CrsSetup { crs, message, .. } if crs == "EPSG:999999" && !message.is_empty()),
            "{e:?}"
        );
        assert!(e.to_string().contains("EPSG:999999"), "{e}");

        // An orthographic view of Armenia cannot show the far side of the Earth.
        let ortho = Crs::parse("+proj=ortho +lat_0=40 +lon_0=45 +datum=WGS84").unwrap();
        let t = Transformer::new(&ortho).unwrap();
        let e = t
            .transform(
                Direction::FromWgs84,
                &[coord! { x: 45.0, y: 40.0 }, coord! { x: -135.0, y: -40.0 }],
            )
            .unwrap_err();
        assert!(
            matches!(
                &e,
                Error::Reproject {
                    at: CoordSource::Point { index: 1 },
                    direction: Direction::FromWgs84,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("+proj=ortho"), "{e}");

        // Loading data in that view: a position off the disc names its feature.
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "a", "properties": {"kind": "note"},
           "geometry": {"type": "Point", "coordinates": [0, 0]}},
          {"type": "Feature", "id": "far", "properties": {"kind": "note"},
           "geometry": {"type": "LineString", "coordinates": [[0, 0], [9e6, 9e6]]}}]}"#;
        let e = Loader::new().crs(&ortho).str(text).unwrap_err();
        assert!(
            matches!(&e, Error::Reproject {
                at: CoordSource::Feature { index: 1, id: Some(id) },
                direction: Direction::ToWgs84,
                ..
            } if id.to_string() == "far"),
            "{e:?}"
        );
        assert!(
            e.to_string().starts_with("feature 1 (id far): geometry: "),
            "{e}"
        );
    }

    #[test]
    fn geometries_both_ways() {
        let t = utm();
        let line: Geometry<f64> =
            geo_types::LineString::from(vec![(45.0, 40.0), (45.5, 40.2)]).into();
        let gc = Geometry::GeometryCollection(geo_types::GeometryCollection(vec![line.clone()]));
        let there = t.transform(Direction::FromWgs84, &gc).unwrap();
        let back = t.transform(Direction::ToWgs84, &there).unwrap();
        use geo::CoordsIter;
        for (p, q) in gc.coords_iter().zip(back.coords_iter()) {
            assert!(geodesic_m((p.x, p.y), (q.x, q.y)) < 1e-6);
        }
        let q = there.coords_iter().nth(1).unwrap();
        assert!((q.x - 542555.1628480027).abs() < 1e-3);
    }

    /// A dataset of `n` line features of 700 vertices each, in `crs` (a line
    /// from (x0, y0) in 10 m steps), with one bad vertex in feature `bad`.
    fn big(n: usize, crs: &str, x0: f64, y0: f64, bad: Option<usize>) -> String {
        let features: Vec<String> = (0..n)
            .map(|k| {
                let coords: Vec<String> = (0..700)
                    .map(|i| {
                        if Some(k) == bad && i == 350 {
                            "[9e6, 9e6]".to_owned()
                        } else {
                            format!("[{}, {}]", x0 + 10.0 * i as f64, y0 + 100.0 * k as f64)
                        }
                    })
                    .collect();
                format!(
                    r#"{{"type": "Feature", "id": "f{k}", "properties": {{"kind": "note"}},
                    "geometry": {{"type": "LineString", "coordinates": [{}]}}}}"#,
                    coords.join(",")
                )
            })
            .collect();
        format!(
            r#"{{"type": "FeatureCollection",
            "crs": {{"type": "name", "properties": {{"name": "{crs}"}}}},
            "features": [{}]}}"#,
            features.join(",\n")
        )
    }

    #[test]
    fn large_datasets_take_the_parallel_path_with_the_same_answers() {
        let l = Loader::new()
            .crs_member(true)
            .str(&big(300, "EPSG:32638", 500_000.0, 4_400_000.0, None))
            .unwrap();
        assert!(!l.has_errors());
        let t = utm();
        for k in [0, 149, 150, 151, 299] {
            let g = l.map.features()[k].geometry.as_ref().unwrap();
            use geo::CoordsIter;
            for (i, c) in g.coords_iter().enumerate().step_by(99) {
                let want = t
                    .transform(Direction::ToWgs84, coord! { x: 500_000.0 + 10.0 * i as f64, y: 4_400_000.0 + 100.0 * k as f64 })
                    .unwrap();
                assert_eq!(c, want, "feature {k} vertex {i}");
            }
        }
        let ortho = "+proj=ortho +lat_0=40 +lon_0=45 +datum=WGS84";
        let e = Loader::new()
            .crs_member(true)
            .str(&big(300, ortho, 0.0, 0.0, Some(257)))
            .unwrap_err();
        assert!(
            matches!(
                &e,
                Error::Reproject {
                    at: CoordSource::Feature { index: 257, .. },
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
