//! The struct a Rust service reads a help center token into, and the floor
//! of a typed HS256 verify: one definition for the peer comparison
//! (benches/peers.rs) and the instruction counts (benches/instructions.rs),
//! so both measure the same struct and the same floor.

use base64::Engine;

/// What a Rust service reads from a help center token.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct Claims {
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    pub email: String,
    #[serde(rename = "userId")]
    pub user_id: u64,
    #[serde(rename = "externalId")]
    pub external_id: Option<String>,
    pub user_fields: serde_json::Map<String, serde_json::Value>,
}

/// The least an HS256 typed verify can do: base64url of the signature and
/// the payload, the HMAC check, and the payload read into `Claims`.
pub fn floor_verify(key: &aws_lc_rs::hmac::Key, token: &str) -> Claims {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let (input, signature) = token.rsplit_once('.').unwrap();
    let signature = b64.decode(signature).unwrap();
    aws_lc_rs::hmac::verify(key, input.as_bytes(), &signature).unwrap();
    let payload = b64.decode(input.split_once('.').unwrap().1).unwrap();
    serde_json::from_slice(&payload).unwrap()
}
