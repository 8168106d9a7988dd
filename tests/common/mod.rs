//! What the core's test files share: the fixture keys.

#![allow(dead_code)]

/// The bytes of `tests/fixtures/keys/{name}`.
pub fn key_file(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}
