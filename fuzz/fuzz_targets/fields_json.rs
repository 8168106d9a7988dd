//! Field-catalog JSON (including regexp patterns): Ok or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(catalog) = hcjwt::FieldCatalog::from_json(data) {
        let back = hcjwt::FieldCatalog::from_json(catalog.to_json().as_bytes()).expect("a valid catalog reads back");
        assert_eq!(back.to_json(), catalog.to_json());
    }
});
