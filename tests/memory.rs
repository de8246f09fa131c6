//! Loading a large dataset stays within a small multiple of its file size.
//!
//! A counting global allocator records the peak of live heap bytes; this test
//! is its own binary so no other test allocates at the same time.

use std::sync::atomic::Ordering;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

/// Writes a border of `n` segments of `k` vertices each, with zones, as GeoJSON.
fn big_file(path: &std::path::Path, n: usize, k: usize) -> u64 {
    use std::io::Write;
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    write!(w, r#"{{"type":"FeatureCollection","features":["#).unwrap();
    for s in 0..n {
        if s > 0 {
            write!(w, ",").unwrap();
        }
        write!(
            w,
            r#"{{"type":"Feature","id":"s{s}","properties":{{"kind":"border_segment","left":"A","right":"B","status":"disputed","note":"segment {s}"}},"geometry":{{"type":"LineString","coordinates":["#
        )
        .unwrap();
        for v in 0..k {
            let lon = -170.0 + (s * k + v) as f64 * 1e-5;
            let lat = 40.0 + ((s * k + v) as f64 * 0.37).sin() * 0.01;
            if v > 0 {
                write!(w, ",").unwrap();
            }
            write!(w, "[{lon:.7},{lat:.7}]").unwrap();
        }
        write!(w, "]}}}}").unwrap();
    }
    write!(w, "]}}").unwrap();
    w.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn peak_heap_while_loading_is_a_small_multiple_of_the_file() {
    let dir = std::env::temp_dir().join(format!("demarcate-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.geojson");
    // Segments of 1,000 vertices: ~24 MB.
    let size = big_file(&path, 1000, 1000) as usize;

    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let map = demarcate::BorderMap::from_path(&path).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = LIVE.load(Ordering::Relaxed) - before;
    assert_eq!(map.segments().len(), 1000);
    drop(map);
    std::fs::remove_dir_all(&dir).unwrap();

    let ratio = peak as f64 / size as f64;
    eprintln!("file {size} B, peak heap {peak} B ({ratio:.2}x), kept {kept} B");
    assert!(
        ratio < 2.0,
        "peak heap {peak} B is {ratio:.2}x the file ({size} B)"
    );
}
