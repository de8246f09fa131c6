//! A structured dataset (`arbitrary`) → GeoJSON → load, round trip and every
//! analysis, as the `analyses` target, but most inputs are valid datasets.
#![no_main]

use demarcate_fuzz::structured::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Dataset, [u8; 27])| {
    let (dataset, seed) = input;
    let text = dataset.to_geojson();
    demarcate_fuzz::check_text(&text, &seed);
});
