//! Arbitrary bytes → `demarcate::io::load_str`; when it loads, write it back
//! and reload: the round trip must hold (see `demarcate_fuzz::load_and_round_trip`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = demarcate_fuzz::load_and_round_trip(text);
    }
});
