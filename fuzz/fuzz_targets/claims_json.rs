//! Claim-set JSON: Ok or a typed error; a valid set writes back and reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(sets) = hcjwt::ClaimSets::from_json(data) {
        for set in sets.sets() {
            let back = hcjwt::ClaimSet::from_json(set.to_json().as_bytes()).expect("a valid set reads back");
            assert_eq!(&back, set);
        }
    }
});
