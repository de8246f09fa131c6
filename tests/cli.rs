//! The `demarcate` binary: exit codes and output per the CLI contract.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::common::{hand_path, seed_path};

pub fn demarcate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_demarcate"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn demarcate_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarcate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The program may exit before reading its input (a missing dataset):
    // a broken pipe here is not the test's concern.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn validate_bundled_data_exits_0() {
    let seed = seed_path();
    let hand = hand_path();
    let out = demarcate(&["validate", seed.to_str().unwrap(), hand.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        !text(&out.stdout).contains("error"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn validate_reports_each_error_with_its_feature_and_exits_1() {
    let input = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"s1","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[10,0],[11,0]]}},
      {"type":"Feature","id":"o1","properties":{"kind":"outpost","operator":"R","status":"active","range_m":0},"geometry":{"type":"Point","coordinates":[10.5,0.1]}}
    ]}"#;
    let out = demarcate_stdin(&["validate", "-"], input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "error feature 1 (id o1): range_m: must be a positive number of metres, found 0\n"
    );
}

#[test]
fn validate_warnings_alone_exit_0() {
    let input = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"w","properties":{"kind":"waypoint"},"geometry":null}]}"#;
    let out = demarcate_stdin(&["validate", "-"], input);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("warning feature 0 (id w): kind: unknown kind"));
}

#[test]
fn validate_fatal_inputs_exit_1_without_panicking() {
    for input in [
        "",
        "not json",
        "[]",
        "{\"type\":\"FeatureCollection\"}",
        "{\"type\":\"FeatureCollection\",\"features\":[1]}",
    ] {
        let out = demarcate_stdin(&["validate", "-"], input);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{input:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stdout).starts_with("error"), "{input:?}");
        assert!(!text(&out.stderr).contains("panicked"), "{input:?}");
    }
    let out = demarcate(&["validate", "/nonexistent/file.geojson"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("/nonexistent/file.geojson"));
}

#[test]
fn validate_json_format_lists_findings() {
    let input = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"kind":"territory"},"geometry":null}]}"#;
    let out = demarcate_stdin(&["validate", "-", "--format", "json"], input);
    assert_eq!(out.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["property"] == "party" && r["feature"] == 0 && r["severity"] == "error")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(demarcate(&[]).status.code(), Some(2));
    assert_eq!(demarcate(&["validate"]).status.code(), Some(2));
    assert_eq!(demarcate(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        demarcate(&["validate", "x", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn distance_csv_in_input_order_with_the_contract_columns() {
    // Every input column first, unchanged, then the results.
    let hand = hand_path();
    let points = "id,lon,lat\nn,10.5,0.5\ns,10.5,-0.5\ne,11.5,0.5\n";
    let out = demarcate_stdin(
        &["distance", hand.to_str().unwrap(), "--points", "-"],
        points,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "id",
            "lon",
            "lat",
            "distance_m",
            "segment",
            "nearest_lon",
            "nearest_lat",
            "side"
        ]
    );
    // data/README.md: GeographicLib meridian arc 0°→0.5° is 55287.15200345048 m;
    // (11.5, 0.5) is 55657.64017723159 m from seg-b.
    assert_eq!(
        rows[1],
        [
            "n",
            "10.5",
            "0.5",
            "55287.1520",
            "seg-a",
            "10.500000000",
            "0.000000000",
            "NOR"
        ]
    );
    assert_eq!(
        rows[2],
        [
            "s",
            "10.5",
            "-0.5",
            "55287.1520",
            "seg-a",
            "10.500000000",
            "0.000000000",
            "SOU"
        ]
    );
    assert_eq!(rows[3][0..5], ["e", "11.5", "0.5", "55657.6402", "seg-b"]);
    assert_eq!(rows[3][7], "SOU");
    assert_eq!(rows.len(), 4);
}

#[test]
fn distance_geojson_and_json_outputs() {
    let hand = hand_path();
    let points = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"v1","properties":{"village":"A"},"geometry":{"type":"Point","coordinates":[10.9,0.5]}},
      {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[10.5,0.0]}}]}"#;
    let out = demarcate_stdin(
        &[
            "distance",
            hand.to_str().unwrap(),
            "--points",
            "-",
            "--format",
            "geojson",
        ],
        points,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &fc["features"][0];
    assert_eq!(f["id"], "v1");
    assert_eq!(f["properties"]["village"], "A", "input properties are kept");
    // data/README.md: (10.9, 0.5) is 11131.528045775485 m from seg-b, in NOR.
    let d = f["properties"]["distance_m"].as_f64().unwrap();
    assert!((d - 11_131.528_045_775_485).abs() < 1e-6, "{d}");
    assert_eq!(f["properties"]["side"], "NOR");
    // A point on the border: distance 0, no side; the feature had no id and
    // gets none (features pass through unchanged).
    let on = &fc["features"][1];
    assert!(on.get("id").is_none());
    assert_eq!(on["properties"]["distance_m"].as_f64(), Some(0.0));
    assert!(on["properties"]["side"].is_null());

    let out = demarcate_stdin(
        &[
            "distance",
            hand.to_str().unwrap(),
            "--points",
            "-",
            "--format",
            "json",
        ],
        points,
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["segment"], "seg-b");
    assert_eq!(rows.as_array().unwrap().len(), 2);
}

#[test]
fn distance_skips_bad_rows_reports_them_and_exits_1() {
    let hand = hand_path();
    let points = "id,lon,lat\na,10.5,0.5\nb,ten,0\nc,10.5,91\nd,10.5,-0.5\n";
    let out = demarcate_stdin(
        &["distance", hand.to_str().unwrap(), "--points", "-"],
        points,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("row 3 (id b): lon: \"ten\" is not a number"),
        "{err}"
    );
    assert!(
        err.contains("row 4 (id c): lat: 91 is not a latitude"),
        "{err}"
    );
    let ids: Vec<String> = text(&out.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["a", "d"]);

    let bad_geojson = r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"l","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#;
    let out = demarcate_stdin(
        &["distance", hand.to_str().unwrap(), "--points", "-"],
        bad_geojson,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("feature 0 (id l): geometry: a LineString is not a Point"));
}

#[test]
fn distance_refuses_invalid_datasets_and_bad_headers() {
    let out = demarcate_stdin(
        &["distance", "/nonexistent.geojson", "--points", "-"],
        "id,lon,lat\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let hand = hand_path();
    let out = demarcate_stdin(
        &["distance", hand.to_str().unwrap(), "--points", "-"],
        "name,east,north\na,1,2\n",
    );
    assert_eq!(out.status.code(), Some(1));
    // The message lists the header and what would have fitted.
    let err = text(&out.stderr);
    assert!(err.contains("the header is: name,east,north"), "{err}");
    assert!(err.contains("lon, lng, long, longitude, x"), "{err}");
    let seed = seed_path();
    assert_eq!(
        demarcate(&["distance", seed.to_str().unwrap()])
            .status
            .code(),
        Some(2),
        "--points is required"
    );
}

/// Values from data/README.md (GeographicLib), through the command line.
#[test]
fn report_json_has_the_contract_keys_and_hand_values() {
    let hand = hand_path();
    let out = demarcate(&["report", hand.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "segments",
        "status_lengths_m",
        "incursions",
        "overlaps",
        "outposts",
        "coverage",
        "claims",
    ] {
        assert!(!r[key].is_null(), "missing {key}");
    }
    let seg_a = &r["segments"][0];
    assert_eq!(seg_a["id"], "seg-a");
    assert!((seg_a["length_m"].as_f64().unwrap() - 111_319.490_793_273_57).abs() < 1e-6);
    assert!(
        (r["status_lengths_m"]["disputed"].as_f64().unwrap() - 111_319.490_793_273_57).abs() < 1e-6
    );
    assert!(
        (r["status_lengths_m"]["total"].as_f64().unwrap() - 221_893.879_351_072_36).abs() < 1e-6
    );

    let z1 = &r["incursions"][0];
    assert_eq!(z1["id"], "zone-1");
    assert!((z1["area_m2"].as_f64().unwrap() - 492_363_143.204_124_15).abs() < 1.0);
    assert!((z1["incursion_area_m2"].as_f64().unwrap() - 246_181_571.602_062_08).abs() < 1.0);
    assert!((z1["max_depth_m"].as_f64().unwrap() - 11_057.444_649_817_702).abs() < 1.0);
    assert!((z1["border_length_m"].as_f64().unwrap() - 22_263.898_158_654_716).abs() < 1.0);

    assert_eq!(r["overlaps"].as_array().unwrap().len(), 1);
    assert!((r["overlaps"][0]["area_m2"].as_f64().unwrap() - 123_090_785.801_029_9).abs() < 1.0);

    let cov = &r["coverage"];
    assert!((cov["covered_fraction"].as_f64().unwrap() - 0.526_023_938_235_602_5).abs() < 1e-8);
    assert_eq!(cov["gaps"].as_array().unwrap().len(), 4);

    assert!((r["claims"][0]["area_m2"].as_f64().unwrap() - 923_184_606.224_9).abs() < 1.0);
    assert_eq!(r["outposts"].as_array().unwrap().len(), 3);
}

#[test]
fn report_markdown_uses_km() {
    let hand = hand_path();
    let out = demarcate(&["report", hand.to_str().unwrap(), "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let md = text(&out.stdout);
    assert!(md.contains("| seg-a |"), "{md}");
    assert!(md.contains("111.319"), "seg-a in km: {md}");
    assert!(md.contains("492.363"), "zone-1 in km²: {md}");
}

#[test]
fn overlaps_coverage_and_plan_commands() {
    let hand = hand_path();
    let h = hand.to_str().unwrap();
    let out = demarcate(&["overlaps", h, "--format", "geojson"]);
    assert_eq!(out.status.code(), Some(0));
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fc["features"][0]["properties"]["a"], "zone-1");
    assert_eq!(fc["features"][0]["properties"]["b"], "zone-2");
    assert_eq!(fc["features"][0]["geometry"]["type"], "MultiPolygon");

    let out = demarcate(&["coverage", h]);
    assert_eq!(out.status.code(), Some(0));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gaps = c["gaps"].as_array().unwrap();
    // seg-a's first gap: 55659.745396636785 → 69574.68174579598 (data/README.md).
    assert_eq!(gaps[0]["segment"], "seg-a");
    assert!((gaps[0]["from_m"].as_f64().unwrap() - 55_659.745_396_636_78).abs() < 1e-3);
    assert!((gaps[0]["to_m"].as_f64().unwrap() - 69_574.681_745_795_98).abs() < 1e-3);

    let out = demarcate(&["plan", h, "--range", "20000", "--operator", "NOR"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let posts = plan["features"].as_array().unwrap();
    // 221.9 km of open border, 40 km per post at best: at least 6 posts.
    assert!(posts.len() >= 6, "{}", posts.len());
    assert!(posts.iter().all(|p| p["properties"]["status"] == "proposed"
        && p["properties"]["kind"] == "outpost"
        && p["properties"]["operator"] == "NOR"));
    assert!(text(&out.stderr).contains("100.0% of the border covered"));

    // Usage errors.
    assert_eq!(demarcate(&["plan", h]).status.code(), Some(2));
    assert_eq!(
        demarcate(&["plan", h, "--range", "-5"]).status.code(),
        Some(2)
    );
    assert_eq!(
        demarcate(&["plan", h, "--range", "100", "--setback", "10"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        demarcate(&[
            "plan",
            h,
            "--range",
            "100",
            "--setback",
            "10",
            "--party",
            "XYZ"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn coverage_without_ranges_says_what_to_do() {
    let input = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"s1","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[10,0],[11,0]]}},
      {"type":"Feature","id":"o1","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"Point","coordinates":[10.5,0.1]}}]}"#;
    let out = demarcate_stdin(&["coverage", "-"], input);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("has no range_m and no default range was given (use --range M)"),
        "{}",
        text(&out.stderr)
    );
    // The hint is the binary's: the library's message has no CLI words.
    let e = demarcate::BorderMap::from_geojson_str(input)
        .unwrap()
        .coverage(None)
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("has no range_m and no default range was given"),
        "{e}"
    );
    let out = demarcate_stdin(&["coverage", "-", "--range", "200000"], input);
    assert_eq!(out.status.code(), Some(0));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["covered_fraction"].as_f64(), Some(1.0));
}

#[test]
fn an_unreadable_crs_member_gets_the_option_hint_from_the_binary() {
    let input = r#"{"type":"FeatureCollection",
      "crs":{"type":"link","properties":{"href":"http://x/crs","type":"proj4"}},
      "features":[]}"#;
    // `validate` reports it as a finding (stdout); other commands fail with it.
    let out = demarcate_stdin(&["validate", "-"], input);
    assert_eq!(out.status.code(), Some(1));
    let hint = "linked CRS definitions are not supported; give the CRS explicitly (use --crs)";
    assert!(text(&out.stdout).contains(hint), "{}", text(&out.stdout));
    let out = demarcate_stdin(&["coverage", "-", "--range", "1000"], input);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains(hint), "{}", text(&out.stderr));
    // With --crs the member is only a warning.
    let out = demarcate_stdin(&["validate", "-", "--crs", "EPSG:4326"], input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn render_writes_svg_and_png_files() {
    let hand = hand_path();
    let dir = std::env::temp_dir().join(format!("demarcate-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("map.png");
    let out = demarcate(&[
        "render",
        hand.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
        "--size",
        "640x480",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (640, 480));

    let svg = dir.join("map.svg");
    let out = demarcate(&[
        "render",
        hand.to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
        "--layers",
        "segments,outposts",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = std::fs::read_to_string(&svg).unwrap();
    let xml = roxmltree::Document::parse(&doc).unwrap();
    let ids: Vec<&str> = xml
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    for id in ["seg-a", "seg-b", "post-1", "post-2", "post-3"] {
        assert!(ids.contains(&id), "{id} missing");
    }
    assert!(!ids.contains(&"zone-1"), "zones were not asked for");
    std::fs::remove_dir_all(&dir).unwrap();

    // Usage errors: a bad size, an unknown layer, an unknown extension.
    let h = hand.to_str().unwrap();
    assert_eq!(
        demarcate(&["render", h, "-o", "x.png", "--size", "big"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        demarcate(&["render", h, "-o", "x.png", "--layers", "roads"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        demarcate(&["render", h, "-o", "x.gif"]).status.code(),
        Some(2)
    );
}

#[test]
fn render_writes_one_self_contained_html_page_with_points() {
    let hand = hand_path();
    let h = hand.to_str().unwrap();
    let dir = std::env::temp_dir().join(format!("demarcate-render-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let points = dir.join("points.csv");
    std::fs::write(
        &points,
        "id,lon,lat\nnorth,10.5,0.2\nbad,10.5,95\nsouth,10.5,-0.1\n",
    )
    .unwrap();
    let page = dir.join("map.html");
    let p = page.to_str().unwrap();
    let out = demarcate(&["render", h, "-o", p, "--points", points.to_str().unwrap()]);
    // The bad row is reported and skipped; the page is written with the others.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("row 3"), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        r#"data-point-id="north""#,
        r#"data-point-id="south""#,
        r#"data-id="zone-1""#,
        r#"data-id="seg-a""#,
    ] {
        assert!(html.contains(needle), "no {needle}");
    }
    assert!(!html.contains(r#"data-point-id="bad""#));
    // Nothing to fetch.
    assert!(!html.contains(" src=") && !html.contains("href=\"http") && !html.contains("url(http"));
    assert_eq!(demarcate(&["render", h, "-o", p]).status.code(), Some(0));
    // Points only go on an HTML map.
    let svg = dir.join("map.svg");
    let out = demarcate(&[
        "render",
        h,
        "-o",
        svg.to_str().unwrap(),
        "--points",
        points.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The UTM 38N copy of the seed dataset and points (pyproj, see
/// tests/reference/crs_README.md) give the same answers as the WGS84
/// originals in tests/reference/border_distances.json.
#[cfg(feature = "proj")]
#[test]
fn distance_in_utm_matches_the_wgs84_reference() {
    let data = crate::common::root("tests/reference/crs_seed_utm38n.geojson");
    let points = crate::common::root("tests/reference/crs_points_utm38n.csv");
    let out = demarcate(&[
        "distance",
        data.to_str().unwrap(),
        "--points",
        points.to_str().unwrap(),
        "--crs",
        "EPSG:32638",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("reference/border_distances.json")).unwrap();
    let by_id: std::collections::HashMap<&str, &serde_json::Value> = reference["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 50);
    for r in rows {
        let want = by_id[r["id"].as_str().unwrap()];
        let d = r["distance_m"].as_f64().unwrap();
        assert!(
            (d - want["distance_m"].as_f64().unwrap()).abs() < 1e-3,
            "{r}"
        );
        let near = (
            r["nearest_lon"].as_f64().unwrap(),
            r["nearest_lat"].as_f64().unwrap(),
        );
        let wn = (
            want["nearest_lon"].as_f64().unwrap(),
            want["nearest_lat"].as_f64().unwrap(),
        );
        assert!(crate::common::geodesic_m(near, wn) < 1e-3, "{r}");
    }
    // Output in UTM: the CSV says so in its column names.
    let out = demarcate(&[
        "distance",
        data.to_str().unwrap(),
        "--points",
        points.to_str().unwrap(),
        "--crs",
        "EPSG:32638",
        "--out-crs",
        "EPSG:32638",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("id,x,y,distance_m,segment,nearest_x,nearest_y,side\n"));
    // An unknown code given on the command line is a usage error.
    let hand = hand_path();
    let out = demarcate(&["validate", hand.to_str().unwrap(), "--crs", "EPSG:999999"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[cfg(not(feature = "proj"))]
#[test]
fn projected_crs_without_proj_is_a_usage_error_that_says_what_to_do() {
    let hand = hand_path();
    let out = demarcate(&["validate", hand.to_str().unwrap(), "--crs", "EPSG:32638"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--features proj"),
        "{}",
        text(&out.stderr)
    );
    // WGS84 aliases need no PROJ.
    for alias in [
        "EPSG:4326",
        "WGS84",
        "OGC:CRS84",
        "urn:ogc:def:crs:OGC:1.3:CRS84",
    ] {
        let out = demarcate(&["validate", hand.to_str().unwrap(), "--crs", alias]);
        assert_eq!(out.status.code(), Some(0), "{alias}: {}", text(&out.stderr));
    }
}
