//! Arbitrary bytes → load; when the map is valid, every analysis (report with
//! a 5 km default range, distances from points derived from the input, a
//! plan with a range derived from the input), outputs checked for NaN,
//! negative and inconsistent numbers (see `demarcate_fuzz::analyse`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        // The last bytes of the input seed the query points and the range.
        let seed = &data[data.len().saturating_sub(27)..];
        demarcate_fuzz::check_text(text, seed);
    }
});
