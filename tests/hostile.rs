//! Loading never panics: truncated, mutated, random and deeply nested inputs.

use demarcate::io::load_str;
use proptest::prelude::*;

use crate::common::hand_path;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Loads and, when that works, exercises the typed views and the writer.
fn exercise(text: &str) {
    if let Ok(loaded) = load_str(text) {
        let map = &loaded.map;
        for s in map.segments() {
            let _ = (s.id(), s.lines().len(), s.left(), s.right());
        }
        for o in map.outposts() {
            let _ = (o.point(), o.range_m());
        }
        for z in map.incursion_zones() {
            let _ = z.polygons().len();
        }
        let out = map.to_geojson_string();
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
        for d in &loaded.diagnostics {
            let _ = d.to_string();
        }
    }
}

#[test]
fn every_truncation_of_a_valid_file() {
    let text = std::fs::read_to_string(hand_path()).unwrap();
    let mut cut = 0;
    while cut < text.len() {
        if text.is_char_boundary(cut) {
            exercise(&text[..cut]);
        }
        cut += 1;
    }
}

#[test]
fn byte_mutations_of_a_valid_file() {
    let text = std::fs::read_to_string(hand_path()).unwrap();
    let alphabet = b"{}[]\",:-+.0123456789eE truefalsnul\\xyzAB";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let mut bytes = text.clone().into_bytes();
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(bytes.len());
            match rng.below(3) {
                0 => bytes[i] = alphabet[rng.below(alphabet.len())],
                1 => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, alphabet[rng.below(alphabet.len())]),
            }
        }
        if let Ok(s) = String::from_utf8(bytes) {
            exercise(&s);
        }
    }
}

#[test]
fn structural_mutations_of_a_valid_file() {
    // Replace one JSON value anywhere in the document by something hostile.
    let text = std::fs::read_to_string(hand_path()).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let hostile = [
        "null",
        "[]",
        "{}",
        "0",
        "-1e308",
        "\"\"",
        "[[]]",
        "[[[0]]]",
        "[1e308, -1e308]",
        "[181, 91]",
        "{\"type\":\"Point\",\"coordinates\":[]}",
        "true",
    ];
    let mut paths = Vec::new();
    collect_paths(&doc, &mut Vec::new(), &mut paths);
    let mut rng = Rng(42);
    for _ in 0..4000 {
        let path = &paths[rng.below(paths.len())];
        let mut mutated = doc.clone();
        let replacement: serde_json::Value =
            serde_json::from_str(hostile[rng.below(hostile.len())]).unwrap();
        if let Some(slot) = mutated.pointer_mut(path) {
            *slot = replacement;
        }
        exercise(&mutated.to_string());
    }
}

fn collect_paths(v: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<String>) {
    out.push(if at.is_empty() {
        String::new()
    } else {
        format!("/{}", at.join("/"))
    });
    match v {
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(i.to_string());
                collect_paths(x, at, out);
                at.pop();
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                at.push(k.replace('~', "~0").replace('/', "~1"));
                collect_paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"kind":"x"}},"geometry":{{"type":"Point","coordinates":{}0{}}}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    // Refused: the whole document, or that feature's geometry.
    assert!(load_str(&deep).map_or(true, |l| l.has_errors()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,300}") {
        exercise(&s);
    }

    #[test]
    fn arbitrary_feature_bodies_never_panic(
        kind in prop_oneof![Just("border_segment"), Just("outpost"), Just("incursion_zone"), Just("territory"), Just("claim_line"), Just("other")],
        body in "[\\[\\]{}0-9,.:\"a-z -]{0,80}",
    ) {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","id":"f","properties":{{"kind":"{kind}","left":"A","right":"B","status":"disputed","operator":"R","claimant":"A","accused":"B","party":"A"}},"geometry":{{"type":"Polygon","coordinates":{body}}}}}]}}"#
        );
        exercise(&text);
    }
}
