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
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
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
