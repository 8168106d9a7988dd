//! What key bytes hold: PEM, a JWK, DER, or (for HS*) a raw secret, and the
//! check that refuses key material as an HMAC secret. Using a public key's
//! text as an HMAC secret is the RS/HS confusion: anyone holding the public
//! key could then forge tokens (CVE-2022-29217 in PyJWT).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::algorithm::Algorithm;
use crate::error::Result;

/// The form of key bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyForm {
    /// The raw bytes of an HMAC secret (only when an HS* algorithm is named).
    Secret,
    Pem,
    Jwk,
    Der,
}

impl KeyForm {
    /// The form of `bytes`: with an HS* algorithm anything but a JWK is a
    /// secret (which [`key_material_kind`] then checks).
    pub(crate) fn of(bytes: &[u8], algorithm: Option<Algorithm>) -> KeyForm {
        let hmac = algorithm.is_some_and(Algorithm::is_hmac);
        match () {
            _ if is_json(bytes) => KeyForm::Jwk,
            _ if hmac => KeyForm::Secret,
            _ if is_pem(bytes) => KeyForm::Pem,
            _ => KeyForm::Der,
        }
    }
}

/// A key type's constructor for each form.
pub(crate) struct Loaders<T> {
    pub(crate) secret: fn(&[u8], Algorithm) -> Result<T>,
    pub(crate) pem: fn(&[u8], Option<Algorithm>) -> Result<T>,
    pub(crate) jwk: fn(&[u8], Option<Algorithm>) -> Result<T>,
    pub(crate) der: fn(&[u8], Option<Algorithm>) -> Result<T>,
}

impl<T> Loaders<T> {
    /// Loads `bytes` with the constructor of their form.
    pub(crate) fn load(&self, bytes: &[u8], algorithm: Option<Algorithm>) -> Result<T> {
        match KeyForm::of(bytes, algorithm) {
            KeyForm::Secret => (self.secret)(bytes, algorithm.unwrap_or(Algorithm::HS256)),
            KeyForm::Pem => (self.pem)(bytes, algorithm),
            KeyForm::Jwk => (self.jwk)(bytes, algorithm),
            KeyForm::Der => (self.der)(bytes, algorithm),
        }
    }
}

pub(crate) fn is_pem(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"-----BEGIN")
}

pub(crate) fn is_json(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"{")
}

/// True when `bytes` hold a JWKS document (a JSON object with a `keys` member).
pub(crate) fn is_jwks(bytes: &[u8]) -> bool {
    is_json(bytes)
        && crate::json::parse_strict(bytes, "key")
            .ok()
            .is_some_and(|value| value.get("keys").is_some())
}

/// The SSH public key line prefixes (`ssh-keygen -y` output).
const SSH_KEY_PREFIXES: [&[u8]; 6] = [
    b"ssh-rsa ",
    b"ssh-ed25519 ",
    b"ssh-dss ",
    b"ecdsa-sha2-",
    b"sk-ssh-ed25519@openssh.com ",
    b"sk-ecdsa-sha2-",
];

/// What `secret` is when it looks like key material rather than a secret:
/// PEM armor of any kind (keys, certificates), an SSH public key line, a JWK
/// or JWKS, a DER structure (a key or a certificate) or its base64.
pub(crate) fn key_material_kind(secret: &[u8]) -> Option<&'static str> {
    let trimmed = secret.trim_ascii();
    if contains(trimmed, b"-----BEGIN") {
        return Some("PEM key material");
    }
    if SSH_KEY_PREFIXES
        .iter()
        .any(|prefix| trimmed.starts_with(prefix))
    {
        return Some("an SSH public key");
    }
    if is_json(trimmed)
        && let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(trimmed)
    {
        if object.contains_key("keys") {
            return Some("a JWKS document");
        }
        if object.contains_key("kty") {
            return Some("a JWK");
        }
    }
    if is_der_sequence(trimmed) {
        return Some("a DER key or certificate");
    }
    if trimmed.len() >= 64
        && let Ok(der) = STANDARD.decode(
            trimmed
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect::<Vec<u8>>(),
        )
        && is_der_sequence(&der)
    {
        return Some("a base64 DER key or certificate");
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// True when `bytes` are one DER SEQUENCE whose length covers them exactly,
/// as every DER key and certificate is.
fn is_der_sequence(bytes: &[u8]) -> bool {
    let [0x30, first, rest @ ..] = bytes else {
        return false;
    };
    let (length, body) = match *first {
        short @ 0..=0x7f => (usize::from(short), rest),
        0x81..=0x84 => {
            let count = usize::from(first & 0x7f);
            if rest.len() < count {
                return false;
            }
            let (length, body) = rest.split_at(count);
            let length = length
                .iter()
                .fold(0usize, |total, byte| (total << 8) | usize::from(*byte));
            (length, body)
        }
        _ => return false,
    };
    length == body.len() && length > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_material_is_recognized_and_random_secrets_are_not() {
        assert_eq!(
            key_material_kind(b"-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----\n"),
            Some("PEM key material")
        );
        assert_eq!(
            key_material_kind(b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host"),
            Some("an SSH public key")
        );
        assert_eq!(
            key_material_kind(br#"{"kty":"RSA","n":"x","e":"AQAB"}"#),
            Some("a JWK")
        );
        assert_eq!(
            key_material_kind(br#"{"keys":[]}"#),
            Some("a JWKS document")
        );
        let mut der = vec![0x30, 0x82, 0x01, 0x00];
        der.extend([7u8; 256]);
        assert_eq!(key_material_kind(&der), Some("a DER key or certificate"));
        assert_eq!(
            key_material_kind(STANDARD.encode(&der).as_bytes()),
            Some("a base64 DER key or certificate")
        );
        for secret in [
            &b"a-secret-of-at-least-thirty-two-bytes"[..],
            b"0w\x00\x01\x02\x03 random bytes that start with 0 and w",
            &[0x30; 40],
        ] {
            assert_eq!(key_material_kind(secret), None, "{secret:?}");
        }
    }
}
