//! Adds the features of Demarcation GeoJSON outputs (`demarcate buffer`,
//! `median`, `plan`, ...) to a dataset, so that one map draws them all;
//! the result is validated like any dataset before it is written.
//!
//! ```sh
//! demarcate buffer data/armenia-azerbaijan-2021.geojson --distance 5000 --side ARM -o strip.geojson
//! cargo run --release --example merge -- data/armenia-azerbaijan-2021.geojson strip.geojson > with-strip.geojson
//! demarcate render with-strip.geojson -o strip.png --around seg-07 --margin 8000
//! ```

use demarcate::BorderMap;
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let Some((base, outputs)) = paths.split_first() else {
        return Err("usage: merge DATASET OUTPUT.geojson...".into());
    };
    let mut dataset: Value = serde_json::from_str(&std::fs::read_to_string(base)?)?;
    for path in outputs {
        let out: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
        let features = out["features"]
            .as_array()
            .ok_or_else(|| format!("{path}: not a FeatureCollection"))?;
        dataset["features"]
            .as_array_mut()
            .ok_or_else(|| format!("{base}: not a FeatureCollection"))?
            .extend(features.iter().cloned());
    }
    let text = serde_json::to_string(&dataset)?;
    // Ids must stay unique and every feature valid: load it as a dataset.
    let map = BorderMap::from_geojson_str(&text)?;
    eprintln!("{} features", map.features().len());
    println!("{text}");
    Ok(())
}
