//! `demarcate distance` on event data: columns by name, every column carried
//! through, filters, streaming, and Unix manners (closed pipes, `-o`).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use crate::cli::{demarcate, demarcate_stdin};
use crate::common::{hand_path, root, seed_path};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Parses CSV output into records.
fn records(out: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// tests/reference/events_acled_style.json (geographiclib + Python's csv).
fn reference() -> serde_json::Value {
    serde_json::from_str(include_str!("reference/events_acled_style.json")).unwrap()
}

fn events_path() -> String {
    root("data/events-acled-style.csv")
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn acled_style_csv_keeps_every_column_and_matches_geographiclib() {
    let seed = seed_path();
    let out = demarcate(&[
        "distance",
        seed.to_str().unwrap(),
        "--points",
        &events_path(),
        "--id",
        "event_id_cnty",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = records(&out.stdout);
    let reference = reference();
    let header: Vec<&str> = reference["header"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut expected_header = header.clone();
    expected_header.extend([
        "distance_m",
        "segment",
        "nearest_lon",
        "nearest_lat",
        "side",
    ]);
    assert_eq!(rows[0], expected_header);
    let refs = reference["rows"].as_array().unwrap();
    assert_eq!(rows.len(), refs.len() + 1, "one output row per event");
    let n = header.len();
    for (row, r) in rows[1..].iter().zip(refs) {
        // Every input field, byte for byte as Python's csv module reads it
        // (quoted commas, doubled quotes and line breaks included).
        let fields: Vec<&str> = r["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(row[..n], fields[..]);
        let d: f64 = row[n].parse().unwrap();
        let want = r["distance_m"].as_f64().unwrap();
        // 4 decimals written: within 1 mm of GeographicLib.
        assert!((d - want).abs() < 1e-3, "{}: {d} vs {want}", row[0]);
        assert_eq!(row[n + 1], r["segment"].as_str().unwrap(), "{}", row[0]);
        let lon: f64 = row[n + 2].parse().unwrap();
        let lat: f64 = row[n + 3].parse().unwrap();
        // 1e-8° is about 1 mm.
        assert!((lon - r["nearest_lon"].as_f64().unwrap()).abs() < 1e-8);
        assert!((lat - r["nearest_lat"].as_f64().unwrap()).abs() < 1e-8);
        assert_eq!(row[n + 4], r["side"].as_str().unwrap_or(""), "{}", row[0]);
    }
}

#[test]
fn without_an_id_column_rows_are_numbered() {
    let seed = seed_path();
    let out = demarcate(&[
        "distance",
        seed.to_str().unwrap(),
        "--points",
        &events_path(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = records(&out.stdout);
    assert_eq!(rows[0][0], "row");
    assert_eq!(rows[0][1], "event_id_cnty");
    // Numbered as a spreadsheet does: the header is row 1.
    let numbers: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    let want: Vec<String> = (2..=25).map(|i| i.to_string()).collect();
    assert_eq!(numbers, want);
}

#[test]
fn segments_and_max_distance_filters() {
    let seed = seed_path();
    let reference = reference();
    let refs = reference["rows"].as_array().unwrap();
    let out = demarcate(&[
        "distance",
        seed.to_str().unwrap(),
        "--points",
        &events_path(),
        "--id",
        "event_id_cnty",
        "--segments",
        "seg-07",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = records(&out.stdout);
    let n = 22;
    for (row, r) in rows[1..].iter().zip(refs) {
        let d: f64 = row[n].parse().unwrap();
        let want = r["distance_to_seg_07_m"].as_f64().unwrap();
        assert!((d - want).abs() < 1e-3, "{}: {d} vs {want}", row[0]);
        assert_eq!(row[n + 1], "seg-07");
    }

    let out = demarcate(&[
        "distance",
        seed.to_str().unwrap(),
        "--points",
        &events_path(),
        "--id",
        "event_id_cnty",
        "--max-distance",
        "5000",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ids: Vec<String> = records(&out.stdout)[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    let want: Vec<String> = refs
        .iter()
        .filter(|r| r["distance_m"].as_f64().unwrap() <= 5000.0)
        .map(|r| r["fields"][0].as_str().unwrap().to_owned())
        .collect();
    assert!(!want.is_empty() && want.len() < refs.len());
    assert_eq!(ids, want, "in input order");

    // An unknown segment is a usage error that lists the known ones.
    let out = demarcate(&[
        "distance",
        seed.to_str().unwrap(),
        "--points",
        &events_path(),
        "--segments",
        "seg-99",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("seg-01"),
        "{}",
        text(&out.stderr)
    );
    let out = demarcate(&[
        "distance",
        seed.to_str().unwrap(),
        "--points",
        &events_path(),
        "--max-distance",
        "-1",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn columns_by_any_name_or_chosen_and_clashes_get_a_suffix() {
    let hand = hand_path();
    let hand = hand.to_str().unwrap();
    // data/README.md: (10.5, 0.5) is 55287.15200345048 m from seg-a, in NOR.
    let points = "Name,LATITUDE,Lng,distance_m,segment,distance_m_1\nn,0.5,10.5,old,kept,x\n";
    let out = demarcate_stdin(&["distance", hand, "--points", "-"], points);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = records(&out.stdout);
    assert_eq!(
        rows[0],
        [
            "row",
            "Name",
            "LATITUDE",
            "Lng",
            "distance_m",
            "segment",
            "distance_m_1",
            "distance_m_2",
            "segment_1",
            "nearest_lon",
            "nearest_lat",
            "side"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "2",
            "n",
            "0.5",
            "10.5",
            "old",
            "kept",
            "x",
            "55287.1520",
            "seg-a",
            "10.500000000",
            "0.000000000",
            "NOR"
        ]
    );

    // Chosen columns win over the names that would be found.
    let points = "lon,lat,E,N,code\n0,0,10.5,-0.5,s\n";
    let out = demarcate_stdin(
        &[
            "distance", hand, "--points", "-", "--lon", "E", "--lat", "N", "--id", "code",
        ],
        points,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = records(&out.stdout);
    assert_eq!(
        rows[1][5..],
        ["55287.1520", "seg-a", "10.500000000", "0.000000000", "SOU"]
    );
    // A chosen column that is not there: exit 1, the header listed.
    let out = demarcate_stdin(
        &["distance", hand, "--points", "-", "--lon", "E"],
        "a,b\n1,2\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("--lon: no column named \"E\"") && err.contains("a,b"),
        "{err}"
    );

    // A row with a different number of fields is reported and skipped.
    let out = demarcate_stdin(
        &["distance", hand, "--points", "-"],
        "id,lon,lat\na,10.5,0.5,extra\nb,10.5,0.5\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("row 2 (id a): 4 field(s), the header has 3"));
    assert_eq!(records(&out.stdout).len(), 2);
}

#[test]
fn geojson_keeps_properties_and_foreign_members_and_sequences_stream() {
    let hand = hand_path();
    let hand = hand.to_str().unwrap();
    let collection = r#"{"type":"FeatureCollection","name":"clashes","bbox":[10,0,11,1],"features":[
      {"type":"Feature","id":7,"properties":{"when":"2021-05-12","side":"claimed"},"geometry":{"type":"Point","coordinates":[10.9,0.5]},"source":{"n":1}},
      {"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[10.5,-0.5]}}]}"#;
    let sequence = "\u{1e}{\"type\":\"Feature\",\"id\":7,\"properties\":{\"when\":\"2021-05-12\",\"side\":\"claimed\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[10.9,0.5]},\"source\":{\"n\":1}}\n\u{1e}{\"type\":\"Feature\",\"properties\":null,\"geometry\":{\"type\":\"Point\",\"coordinates\":[10.5,-0.5]}}\n";
    for input in [collection, sequence] {
        let out = demarcate_stdin(
            &["distance", hand, "--points", "-", "--format", "geojson"],
            input,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let f = &fc["features"][0];
        assert_eq!(f["id"], 7);
        assert_eq!(f["source"]["n"], 1, "foreign members are kept");
        assert_eq!(f["properties"]["when"], "2021-05-12");
        assert_eq!(f["properties"]["side"], "claimed", "never overwritten");
        // data/README.md: (10.9, 0.5) is 11131.528045775485 m from seg-b, in NOR.
        let d = f["properties"]["distance_m"].as_f64().unwrap();
        assert!((d - 11_131.528_045_775_485).abs() < 1e-6, "{d}");
        assert_eq!(f["properties"]["side_1"], "NOR");
        let g = &fc["features"][1];
        assert_eq!(g["properties"]["side"], "SOU");
        assert_eq!(g["properties"]["segment"], "seg-a");
    }
    // A broken line of a sequence is reported and skipped.
    let out = demarcate_stdin(
        &["distance", hand, "--points", "-"],
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[10.5,0.5]}}\n{oops\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("feature 1: line 2"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout).lines().count(), 2);
}

/// Many points on stdin: `n` rows of `id,lon,lat` around the hand dataset.
fn feed(child: &mut std::process::Child, n: usize) -> std::thread::JoinHandle<()> {
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut stdin);
        if writeln!(w, "id,lon,lat").is_err() {
            return;
        }
        for i in 0..n {
            let lon = 10.0 + (i % 1000) as f64 * 0.002;
            let lat = -1.0 + (i / 1000 % 1000) as f64 * 0.002;
            // The reader may go away first (a closed pipe test).
            if writeln!(w, "p{i},{lon:.4},{lat:.4}").is_err() {
                return;
            }
        }
    })
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_success() {
    let hand = hand_path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarcate"))
        .args(["distance", hand.to_str().unwrap(), "--points", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let feeder = feed(&mut child, 300_000);
    {
        // `| head -n 3`
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        for _ in 0..3 {
            lines.next().unwrap().unwrap();
        }
    }
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "", "no message for a closed pipe");
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let hand = hand_path();
    let hand = hand.to_str().unwrap();
    let dir = std::env::temp_dir().join(format!("demarcate-o-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("answers.csv");
    let target_s = target.to_str().unwrap();
    let leftovers = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "answers.csv")
            .collect::<Vec<_>>()
    };

    let out = demarcate_stdin(
        &["distance", hand, "--points", "-", "-o", target_s],
        "id,lon,lat\nn,10.5,0.5\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let good = std::fs::read_to_string(&target).unwrap();
    assert!(good.starts_with("id,lon,lat,distance_m") && good.contains("\nn,10.5,0.5,55287.1520,"));
    assert_eq!(leftovers(), Vec::<String>::new());

    // A collection that breaks off after many features: a fatal read error
    // after answers were produced. The last good file stays as it was.
    let mut broken = String::from(r#"{"type":"FeatureCollection","features":["#);
    for i in 0..100_000 {
        broken.push_str(&format!(
            r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[10.5,{:.5}]}}}},"#,
            (i % 100) as f64 * 0.001 + 0.1
        ));
    }
    broken.push_str(r#"{"type":"Feat"#);
    let out = demarcate_stdin(
        &["distance", hand, "--points", "-", "-o", target_s],
        &broken,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("not a GeoJSON FeatureCollection of points"));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        good,
        "not clobbered"
    );
    assert_eq!(leftovers(), Vec::<String>::new(), "no temporary file left");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The peak resident memory of a process, kilobytes (Linux `VmHWM`).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Streaming: 5,000,000 points through the binary stay under 300 MB peak
/// resident memory (the batch before streaming held every point and answer).
#[test]
fn five_million_points_stream_in_bounded_memory() {
    if !std::path::Path::new("/proc/self/status").exists() {
        eprintln!("skipped: needs Linux /proc to read the peak memory");
        return;
    }
    let n = 5_000_000;
    let hand = hand_path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarcate"))
        .args(["distance", hand.to_str().unwrap(), "--points", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let feeder = feed(&mut child, n);
    let mut lines = 0usize;
    let mut peak = 0;
    let mut reader = BufReader::with_capacity(1 << 16, child.stdout.take().unwrap());
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).unwrap() > 0 {
        lines += 1;
        line.clear();
        // Sample while the process is surely alive: far more output is
        // still to come than the pipe and its buffers hold.
        if lines.is_multiple_of(100_000) && lines + 100_000 < n {
            peak = peak.max(peak_rss_kb(pid).unwrap_or(0));
        }
    }
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(lines, n + 1);
    eprintln!("peak resident memory over {n} points: {} MB", peak / 1024);
    assert!(peak > 0, "sampled");
    assert!(peak < 300 * 1024, "peak {} kB", peak);
}
