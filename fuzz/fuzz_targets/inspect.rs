//! decode, get_unverified_header and inspect (every profile, with a field
//! catalog and a verifier) on arbitrary bytes: a result or a typed error,
//! never a panic, and memory in proportion to the input (the decoders are
//! held to a size limit before anything is decoded).
#![no_main]

use std::sync::OnceLock;

use hcjwt::{Algorithm, FieldCatalog, InspectOptions, Profile, Verifier, VerifierOptions};
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static FieldCatalog {
    static CATALOG: OnceLock<FieldCatalog> = OnceLock::new();
    CATALOG.get_or_init(|| FieldCatalog::from_json(include_bytes!("../../examples/fields.json")).unwrap())
}

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        Verifier::from_key_bytes(&[7u8; 32], &[Algorithm::HS256], VerifierOptions::default()).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    let decoded = hcjwt::dangerous::decode(token);
    let header = hcjwt::dangerous::get_unverified_header(token);
    assert_eq!(decoded.is_ok(), header.is_ok());
    for profile in std::iter::once(None).chain(Profile::ALL.map(Some)) {
        let options = InspectOptions {
            profile,
            now: Some(i64::MAX),
            fields: Some(catalog()),
            verifier: Some(verifier()),
        };
        let inspection = hcjwt::inspect(token, &options);
        assert_eq!(inspection.is_ok(), decoded.is_ok());
        if let Ok(inspection) = inspection {
            let _ = inspection.to_json();
        }
    }
});
