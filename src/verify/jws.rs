//! The JWS layer of verification: the compact form split and decoded, the
//! header read (borrowed, without a map) and its `alg`, `crit` and `kid`
//! checked, before any key is touched.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{Error, Result, quoted};
use crate::keys::{Algorithm, parse_algorithm};
use crate::value::Json;

pub(crate) fn malformed(reason: impl Into<String>) -> Error {
    Error::MalformedToken(reason.into())
}

/// A base64url segment of a token, decoded; the byte at fault is named.
pub(crate) fn decode_segment(name: &str, segment: &str, may_be_empty: bool) -> Result<Vec<u8>> {
    if segment.is_empty() && !may_be_empty {
        return Err(malformed(format!("the {name} segment is empty")));
    }
    // The decoder checks the alphabet itself; the byte at fault is looked up
    // only to name it.
    URL_SAFE_NO_PAD.decode(segment).map_err(|_| {
        match segment
            .bytes()
            .find(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        {
            Some(bad) => malformed(format!(
                "the {name} segment holds {:?}, which is not base64url without padding",
                char::from(bad)
            )),
            None => malformed(format!("the {name} segment is not canonical base64url")),
        }
    })
}

/// The token's header or payload (`segment`), read borrowed by the rules a
/// map is held to: one JSON object, no repeated member at any depth, numbers
/// within a double's range.
pub(crate) fn read_object<'a>(bytes: &'a [u8], segment: &str, document: &str) -> Result<Json<'a>> {
    match Json::from_slice(bytes, document) {
        Ok(object @ Json::Object(_)) if object.is_finite() => Ok(object),
        Ok(Json::Object(_)) => Err(malformed(format!(
            "the {segment} holds a number too large for a double"
        ))),
        Ok(_) => Err(malformed(format!("the {segment} is not a JSON object"))),
        Err(error) => Err(malformed(error.to_string())),
    }
}

/// A compact JWS decoded and its header checked: what the signature check
/// and the claims need.
pub(crate) struct Decoded<'t> {
    pub(crate) algorithm: Algorithm,
    pub(crate) kid: Option<String>,
    pub(crate) header: Vec<u8>,
    pub(crate) payload: Vec<u8>,
    pub(crate) signature: Vec<u8>,
    /// The signing input: `header.payload` as the token holds it.
    pub(crate) signed: &'t [u8],
}

/// Splits and decodes `token` (at most `limit` bytes), checks that its
/// `alg` is one of `allowed`, that it names no `crit` extension and that a
/// `kid` is a string.
pub(crate) fn decode<'t>(
    token: &'t str,
    limit: usize,
    allowed: &[Algorithm],
) -> Result<Decoded<'t>> {
    if token.len() > limit {
        return Err(Error::TokenTooLarge {
            size: token.len(),
            limit,
        });
    }
    let mut parts = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        let count = token.split('.').count();
        return Err(malformed(format!(
            "a compact JWS has 3 segments, this token has {count}"
        )));
    };
    let header_bytes = decode_segment("header", header_b64, false)?;
    let signature = decode_segment("signature", signature_b64, false)?;
    let payload = decode_segment("payload", payload_b64, true)?;
    let header = read_object(&header_bytes, "header", "token header")?;
    let algorithm = match header.get("alg") {
        Some(Json::String(name)) => {
            let refused = || Error::AlgorithmNotAllowed(name.chars().take(32).collect());
            let algorithm = parse_algorithm(name).map_err(|_| refused())?;
            if !allowed.contains(&algorithm) {
                return Err(refused());
            }
            algorithm
        }
        Some(_) => return Err(malformed("the header's alg is not a string")),
        None => return Err(malformed("the header has no alg")),
    };
    if let Some(crit) = header.get("crit") {
        let names = match crit {
            Json::Array(names) if !names.is_empty() => names
                .iter()
                .take(8)
                .map(|n| n.as_str().map_or_else(|| n.to_string(), |s| quoted(s, 32)))
                .collect::<Vec<_>>()
                .join(", "),
            _ => "(malformed)".to_owned(),
        };
        return Err(Error::invalid_claim(
            "crit",
            format!("names extensions hcjwt does not understand: {names}"),
        ));
    }
    let kid = match header.get("kid") {
        None => None,
        Some(Json::String(kid)) => Some(kid.to_string()),
        Some(_) => return Err(malformed("the header's kid is not a string")),
    };
    drop(header);
    Ok(Decoded {
        algorithm,
        kid,
        header: header_bytes,
        payload,
        signature,
        signed: &token.as_bytes()[..header_b64.len() + 1 + payload_b64.len()],
    })
}
