//! What key bytes hold: PEM, a JWK, DER, or (for HS*) a raw secret, and the
//! check that refuses key material as an HMAC secret. Using a public key's
//! bytes as an HMAC secret is the RS/HS confusion: anyone holding the public
//! key could then forge tokens (CVE-2022-29217 in PyJWT).
//!
//! The check looks at the bytes as given, never trimmed first (a DER key
//! whose last byte is a newline is still a DER key), and at every form a
//! key file takes in the wild: PEM armor, DER (also with a trailing newline
//! or NUL, and as base64, base64url or hex text), OpenSSH lines of every
//! kind and the bare blob, RFC 4716, JWKs and JWKS (also behind a BOM or in
//! an array), and all of these saved as UTF-16.

use std::borrow::Cow;

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::Value;

use aws_lc_rs::hmac;

use super::algorithm::Algorithm;
use super::jwk::key_error;
use crate::error::Result;

/// The form of key bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyForm {
    /// The raw bytes of an HMAC secret.
    Secret,
    Pem,
    Jwk,
    Der,
}

/// A key type's constructor for each form.
pub(crate) struct Loaders<T> {
    pub(crate) secret: fn(&[u8], Option<Algorithm>) -> Result<T>,
    pub(crate) pem: fn(&[u8], Option<Algorithm>) -> Result<T>,
    pub(crate) jwk: fn(&[u8], Option<Algorithm>) -> Result<T>,
    pub(crate) der: fn(&[u8], Option<Algorithm>) -> Result<T>,
}

impl<T> Loaders<T> {
    /// Loads `bytes` with the constructor of their form. With an HS*
    /// algorithm the bytes are the secret (unless they are a JWK, whose
    /// `kty` says what it is); without an algorithm, text that is no key
    /// material is an HMAC secret too.
    pub(crate) fn load(&self, bytes: &[u8], algorithm: Option<Algorithm>) -> Result<T> {
        let (form, bytes) = form_of(bytes, algorithm, true);
        self.call(form, &bytes, algorithm)
    }

    /// Loads `bytes` as a key (PEM, JWK or DER), never as a secret.
    pub(crate) fn load_key(&self, bytes: &[u8], algorithm: Option<Algorithm>) -> Result<T> {
        let (form, bytes) = form_of(bytes, algorithm, false);
        self.call(form, &bytes, algorithm)
    }

    fn call(&self, form: KeyForm, bytes: &[u8], algorithm: Option<Algorithm>) -> Result<T> {
        match form {
            KeyForm::Secret => (self.secret)(bytes, algorithm),
            KeyForm::Pem => (self.pem)(bytes, algorithm),
            KeyForm::Jwk => (self.jwk)(bytes, algorithm),
            KeyForm::Der => (self.der)(bytes, algorithm),
        }
    }
}

/// The form of `bytes` and the bytes to load it from (text saved as UTF-16
/// or behind a BOM is read as plain UTF-8; a secret is never altered).
fn form_of(
    bytes: &[u8],
    algorithm: Option<Algorithm>,
    secret_allowed: bool,
) -> (KeyForm, Cow<'_, [u8]>) {
    let text = as_text(bytes);
    let text_form = text.as_deref().and_then(|text| {
        let start = text.trim_start();
        if start.starts_with('{') {
            Some(KeyForm::Jwk)
        } else if start.starts_with("-----BEGIN") {
            Some(KeyForm::Pem)
        } else {
            None
        }
    });
    let hmac = algorithm.is_some_and(Algorithm::is_hmac);
    match (text_form, text) {
        (Some(KeyForm::Jwk), Some(text)) => (KeyForm::Jwk, text_bytes(text)),
        (Some(form), Some(text)) if !hmac => (form, text_bytes(text)),
        _ if hmac => (KeyForm::Secret, Cow::Borrowed(bytes)),
        _ if secret_allowed && algorithm.is_none() && is_text_secret(bytes) => {
            (KeyForm::Secret, Cow::Borrowed(bytes))
        }
        _ => (KeyForm::Der, Cow::Borrowed(bytes)),
    }
}

fn text_bytes(text: Cow<'_, str>) -> Cow<'_, [u8]> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
    }
}

/// Printable UTF-8 text that is no key material: what an HMAC secret kept
/// in a file or a variable looks like (`hcjwt keygen --alg HS256`).
fn is_text_secret(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| !text.chars().any(char::is_control))
        && key_material_kind(bytes).is_none()
}

/// The JSON text of a JWK or JWKS given as bytes (behind a BOM or saved as
/// UTF-16 included), when it is one.
pub(crate) fn json_text(bytes: &[u8]) -> Option<Cow<'_, [u8]>> {
    let text = as_text(bytes)?;
    text.trim_start().starts_with('{').then(|| text_bytes(text))
}

/// Refuses a secret too short for `algorithm`, or one that is key material.
pub(crate) fn check_secret(secret: &[u8], algorithm: Algorithm) -> Result<hmac::Algorithm> {
    let Some((hmac_algorithm, minimum)) = algorithm.hmac() else {
        return Err(key_error(
            "secret",
            format!("an HMAC secret can't sign or verify {algorithm}"),
        ));
    };
    if let Some(kind) = key_material_kind(secret) {
        return Err(key_error(
            "secret",
            format!(
                "this looks like {kind}, not an HMAC secret: using key material as the secret would let anyone holding the public key forge tokens (RS/HS confusion)"
            ),
        ));
    }
    if secret.len() < minimum {
        return Err(key_error(
            "secret",
            format!(
                "{algorithm} needs a secret of at least {minimum} bytes, this one has {}",
                secret.len()
            ),
        ));
    }
    Ok(hmac_algorithm)
}

/// True when `bytes` hold a JWKS document (a JSON object with a `keys` member).
pub(crate) fn is_jwks(bytes: &[u8]) -> bool {
    json_text(bytes).is_some_and(|text| {
        crate::json::parse_strict(&text, "key")
            .ok()
            .is_some_and(|value| value.get("keys").is_some())
    })
}

/// The bytes as text: UTF-8 (a leading BOM dropped), or UTF-16 with a BOM
/// or as ASCII text with every other byte NUL (what PowerShell's `>`
/// writes). `None` when they are no text.
pub(crate) fn as_text(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let utf16 = |big_endian: bool, body: &[u8]| -> Option<Cow<'_, str>> {
        if !body.len().is_multiple_of(2) {
            return None;
        }
        let units = body.chunks_exact(2).map(|pair| {
            if big_endian {
                u16::from_be_bytes([pair[0], pair[1]])
            } else {
                u16::from_le_bytes([pair[0], pair[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
            .map(Cow::Owned)
    };
    match bytes {
        [0xff, 0xfe, body @ ..] => utf16(false, body),
        [0xfe, 0xff, body @ ..] => utf16(true, body),
        [0xef, 0xbb, 0xbf, body @ ..] => std::str::from_utf8(body).ok().map(Cow::Borrowed),
        [first, 0, third, 0, ..] if *first != 0 && *third != 0 => utf16(false, bytes),
        [0, second, 0, fourth, ..] if *second != 0 && *fourth != 0 => utf16(true, bytes),
        _ => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
    }
}

/// What `bytes` are when they are key material rather than a secret, in a
/// few words for an error message: PEM armor of any kind (keys,
/// certificates, OpenSSH private keys), an SSH public key in any of its
/// forms, a JWK or JWKS, DER (a key or a certificate) or its base64,
/// base64url or hex text. `None` for anything else, such as a random secret.
pub fn key_material_kind(bytes: &[u8]) -> Option<&'static str> {
    if is_der_key(bytes) {
        return Some("a DER key or certificate");
    }
    if is_ssh_blob(bytes) {
        return Some("an SSH public key");
    }
    // As text (UTF-16 and BOMs read), then as the text the bytes hold
    // among whatever else they hold: a PEM block among stray bytes, or
    // behind bytes that look like a BOM, is still a PEM block.
    let text = as_text(bytes);
    if let Some(kind) = text.as_deref().and_then(text_kind) {
        return Some(kind);
    }
    match text {
        Some(std::borrow::Cow::Borrowed(text)) if text.len() == bytes.len() => None,
        _ => text_kind(&String::from_utf8_lossy(bytes)),
    }
}

fn text_kind(text: &str) -> Option<&'static str> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    if trimmed.contains("-----BEGIN") {
        return Some("PEM key material");
    }
    if trimmed.contains("---- BEGIN SSH2") || trimmed.starts_with("PuTTY-User-Key-File") {
        return Some("an SSH key");
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Object(object)) if object.contains_key("keys") => {
                return Some("a JWKS document");
            }
            Ok(Value::Object(object)) if object.contains_key("kty") => return Some("a JWK"),
            Ok(Value::Array(items))
                if items
                    .iter()
                    .any(|item| item.get("kty").is_some() || item.get("keys").is_some()) =>
            {
                return Some("a JWK in an array");
            }
            _ => {}
        }
    }
    // A key line: `type blob comment`, with options before it
    // (authorized_keys), host names (known_hosts) or a tab; or the bare blob.
    let words = trimmed.split(|c: char| c.is_ascii_whitespace() || c == ',');
    for word in words {
        if is_ssh_key_type(word) {
            return Some("an SSH public key");
        }
        if word.len() >= 20 && decode_text(word).is_some_and(|blob| is_ssh_blob(&blob)) {
            return Some("an SSH public key");
        }
    }
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    match decode_text(&compact) {
        Some(decoded) if is_der_key(&decoded) => Some("an encoded DER key or certificate"),
        Some(decoded) if is_ssh_blob(&decoded) => Some("an SSH public key"),
        _ => None,
    }
}

/// Base64 and base64url accepted with or without padding.
const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const BASE64: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const BASE64URL: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// The bytes `text` encodes as hex, base64 or base64url, if any.
fn decode_text(text: &str) -> Option<Vec<u8>> {
    if text.len() >= 2
        && text.len().is_multiple_of(2)
        && text.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return (0..text.len())
            .step_by(2)
            .map(|at| u8::from_str_radix(&text[at..at + 2], 16).ok())
            .collect();
    }
    BASE64.decode(text).or_else(|_| BASE64URL.decode(text)).ok()
}

/// The name of an OpenSSH key type (`ssh-ed25519`, `ecdsa-sha2-nistp256`,
/// `sk-ssh-ed25519@openssh.com`, `ssh-rsa-cert-v01@openssh.com`, ...).
fn is_ssh_key_type(word: &str) -> bool {
    let known = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-sha2-"]
        .iter()
        .any(|prefix| word.starts_with(prefix));
    known
        && word.len() <= 64
        && word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"@.-".contains(&b))
}

/// An OpenSSH public key (or certificate) in its wire form: a
/// length-prefixed key type name, then the key.
fn is_ssh_blob(bytes: &[u8]) -> bool {
    let [0, 0, 0, length, rest @ ..] = bytes else {
        return false;
    };
    let length = usize::from(*length);
    (7..=64).contains(&length)
        && rest.len() > length
        && std::str::from_utf8(&rest[..length]).is_ok_and(is_ssh_key_type)
}

/// True when `bytes` are one DER SEQUENCE holding a SEQUENCE or an INTEGER
/// first (as every DER key and certificate does: SPKI, PKCS#8, PKCS#1,
/// SEC1, X.509), whose length covers them, followed by at most two bytes
/// of white space or NUL (a newline a file gained).
fn is_der_key(bytes: &[u8]) -> bool {
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
    let Some(tail) = body.len().checked_sub(length) else {
        return false;
    };
    length >= 8
        && matches!(body.first(), Some(0x30 | 0x02))
        && tail <= 2
        && body[length..]
            .iter()
            .all(|byte| byte.is_ascii_whitespace() || *byte == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_secrets_are_not_key_material() {
        for secret in [
            &b"a-secret-of-at-least-thirty-two-bytes"[..],
            b"0w\x00\x01\x02\x03 random bytes that start with 0 and w",
            &[0x30; 40],
            b"correct horse battery staple, and then some more words",
            b"3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            b"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        ] {
            assert_eq!(key_material_kind(secret), None, "{secret:?}");
        }
        // Random secrets of every length the generator makes.
        for length in [32, 48, 64] {
            for seed in 0u32..500 {
                let mut secret = vec![0u8; length];
                for (index, byte) in secret.iter_mut().enumerate() {
                    *byte = aws_lc_rs::digest::digest(
                        &aws_lc_rs::digest::SHA256,
                        &[seed.to_le_bytes(), (index as u32).to_le_bytes()].concat(),
                    )
                    .as_ref()[0];
                }
                let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&secret);
                assert_eq!(key_material_kind(&secret), None, "{secret:?}");
                assert_eq!(key_material_kind(encoded.as_bytes()), None, "{encoded}");
            }
        }
    }

    #[test]
    fn key_material_among_bytes_that_are_not_text_is_found() {
        let mut pem = b"\xff\xfe-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n".to_vec();
        pem.extend([0xc8; 20]);
        assert_eq!(key_material_kind(&pem), Some("PEM key material"));
        let mut line = b"ssh-ed25519 AAAA \xc8\xc8".to_vec();
        line.push(0xff);
        assert_eq!(key_material_kind(&line), Some("an SSH public key"));
    }

    #[test]
    fn text_saved_as_utf16_or_behind_a_bom_reads_as_text() {
        let utf16le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("{\"a\":1}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(as_text(&utf16le).as_deref(), Some("{\"a\":1}"));
        let bare: Vec<u8> = "-----BEGIN"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(as_text(&bare).as_deref(), Some("-----BEGIN"));
        assert_eq!(as_text(b"\xef\xbb\xbf{}").as_deref(), Some("{}"));
        assert_eq!(as_text(b"\xff\x00\x01"), None);
    }
}
