//! Huge inputs: writes a GeoJSON file of about SIZE_MB megabytes in a temp
//! directory, loads it with a counting allocator and prints the peak heap,
//! then checks it against the documented bound.
//!
//! ```sh
//! # 1 GB of ordinary features (border segments of 1 000 vertices):
//! cargo run --release --example huge -- 1024 many
//! # One LineString of tens of millions of vertices (~100 MB):
//! cargo run --release --example huge -- 100 single
//! ```
//!
//! Bounds (see `src/io/mod.rs`): with features of ordinary size the reader
//! streams one feature at a time and the peak heap stays below 2× the file
//! (measured ≈ 0.7×: the loaded map itself); the example exits 1 above that.
//! A single feature is the unit of streaming: its geometry is held as raw
//! text, then as positions, then as the map's coordinates, so the peak is a
//! small multiple of that feature's size (printed, not enforced).
//!
//! Measured (release, 2 cores): 1 GiB of 42 569 segments, 42.6 M vertices:
//! load 12.3 s, peak heap 768 MB (0.72× the file), RSS 758 MB. One
//! LineString of 4.0 M vertices (100 MiB): load 1.2 s, peak heap 306 MB
//! (2.9× the file) for a 65 MB map; before the geometry was read as raw
//! text it took 1.66 GB (15.9×).
//!
//! It is a program rather than a test because the counting allocator must
//! own the whole process (as `tests/memory.rs`, its own test binary), and a
//! gigabyte file has no place in `cargo test`.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::Instant;

#[path = "../tests/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

/// Writes border segments of `k` vertices until the file reaches `target`
/// bytes (`single`: one segment with every vertex). Returns (bytes, vertices).
fn write_file(path: &std::path::Path, target: u64, single: bool) -> (u64, u64) {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let mut written = 0u64;
    let mut put = |w: &mut std::io::BufWriter<std::fs::File>, s: &str| {
        w.write_all(s.as_bytes()).unwrap();
        written += s.len() as u64;
        written
    };
    put(&mut w, r#"{"type":"FeatureCollection","features":["#);
    let k = if single { u64::MAX } else { 1000 };
    let (mut s, mut v, mut total) = (0u64, 0u64, 0u64);
    loop {
        if v == 0 {
            let head = format!(
                r#"{}{{"type":"Feature","id":"s{s}","properties":{{"kind":"border_segment","left":"A","right":"B","status":"disputed"}},"geometry":{{"type":"LineString","coordinates":["#,
                if s > 0 { "," } else { "" }
            );
            put(&mut w, &head);
        }
        // A line wandering east along 40° N, 1e-5° a step, wrapping at 180°.
        let i = total as f64;
        let lon = -180.0 + (i * 1e-5) % 360.0;
        let lat = 40.0 + (i * 0.37).sin() * 0.01;
        let n = put(
            &mut w,
            &format!("{}[{lon:.7},{lat:.7}]", if v > 0 { "," } else { "" }),
        );
        v += 1;
        total += 1;
        let full = n + 8 >= target;
        if v == k || full {
            put(&mut w, "]}}");
            v = 0;
            s += 1;
        }
        if full {
            break;
        }
    }
    let n = put(&mut w, "]}");
    w.flush().unwrap();
    (n, total)
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let mb: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1024);
    let single = args.get(2).is_some_and(|a| a == "single");
    let dir = std::env::temp_dir().join(format!("demarcate-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.geojson");

    let t = Instant::now();
    let (size, vertices) = write_file(&path, mb << 20, single);
    eprintln!(
        "wrote {size} B, {vertices} vertices ({}) in {:.1} s",
        if single {
            "one feature"
        } else {
            "features of 1000 vertices"
        },
        t.elapsed().as_secs_f64()
    );

    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t = Instant::now();
    let result = demarcate::BorderMap::from_path(&path);
    let secs = t.elapsed().as_secs_f64();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = LIVE.load(Ordering::Relaxed) - before;
    let _ = std::fs::remove_dir_all(&dir);
    let map = match result {
        Ok(map) => map,
        Err(e) => {
            eprintln!("load failed after {secs:.1} s: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let ratio = peak as f64 / size as f64;
    println!(
        "file {size} B ({} segments), load {secs:.1} s, peak heap {peak} B ({ratio:.2}x the file), map {kept} B ({:.2}x)",
        map.segments().len(),
        kept as f64 / size as f64
    );
    if !single && ratio >= 2.0 {
        eprintln!("peak heap above the documented bound (2x the file)");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
