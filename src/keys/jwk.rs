//! Reading JWKs (RFC 7517/7518/8037) for signing and verifying keys, and
//! writing public ones. Members are checked one by one and named in errors;
//! their values (key material) are never echoed, and the decoded private
//! members are zeroized when dropped.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{
    AlgorithmParameters, CommonParameters, EllipticCurve, EllipticCurveKeyParameters,
    EllipticCurveKeyType, Jwk, OctetKeyPairParameters, OctetKeyPairType, PublicKeyUse,
    RSAKeyParameters, RSAKeyType, ThumbprintHash,
};
use serde_json::{Map, Value};
use zeroize::{Zeroize, Zeroizing};

use super::algorithm::{Algorithm, Family, parse_algorithm};
use crate::error::{Error, Result, quoted};

pub(crate) fn key_error(key: &str, reason: impl Into<String>) -> Error {
    Error::InvalidKey {
        key: key.to_owned(),
        reason: reason.into(),
    }
}

/// The private members of the key types hcjwt reads; a published key (a
/// JWKS a verifier takes) must hold none of them.
pub(crate) const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// The members of an RSA private key.
pub(crate) struct RsaPrivate {
    pub(crate) d: Zeroizing<Vec<u8>>,
    pub(crate) p: Zeroizing<Vec<u8>>,
    pub(crate) q: Zeroizing<Vec<u8>>,
    pub(crate) dp: Zeroizing<Vec<u8>>,
    pub(crate) dq: Zeroizing<Vec<u8>>,
    pub(crate) qi: Zeroizing<Vec<u8>>,
}

/// The key of a JWK.
pub(crate) enum JwkKey {
    Oct {
        k: Zeroizing<Vec<u8>>,
    },
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
        private: Option<RsaPrivate>,
    },
    Ec {
        family: Family,
        x: Vec<u8>,
        y: Vec<u8>,
        d: Option<Zeroizing<Vec<u8>>>,
    },
    Okp {
        x: Vec<u8>,
        d: Option<Zeroizing<Vec<u8>>>,
    },
}

/// A JWK as read: its key and the common parameters hcjwt uses.
pub(crate) struct ReadJwk {
    pub(crate) kid: Option<String>,
    pub(crate) alg: Option<Algorithm>,
    pub(crate) key: JwkKey,
}

/// The operations RFC 7517 section 4.3 defines for `key_ops`.
const KEY_OPERATIONS: [&str; 8] = [
    "sign",
    "verify",
    "encrypt",
    "decrypt",
    "wrapKey",
    "unwrapKey",
    "deriveKey",
    "deriveBits",
];

/// What the JWK is read for: its `key_ops`, when given, must allow it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    Sign,
    Verify,
}

/// Reads one JWK object. `name` is what errors call it ("JWK", "JWKS key 2").
pub(crate) fn read(object: &Map<String, Value>, name: &str, purpose: Purpose) -> Result<ReadJwk> {
    let text = |member: &str| -> Result<Option<&str>> {
        match object.get(member) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(key_error(name, format!("member {member} must be a string"))),
        }
    };
    let bytes = |member: &str| -> Result<Option<Zeroizing<Vec<u8>>>> {
        match text(member)? {
            None => Ok(None),
            Some(encoded) => URL_SAFE_NO_PAD
                .decode(encoded)
                .map(|decoded| Some(Zeroizing::new(decoded)))
                .map_err(|_| key_error(name, format!("member {member} is not base64url"))),
        }
    };
    let required = |member: &str| -> Result<Zeroizing<Vec<u8>>> {
        bytes(member)?.ok_or_else(|| key_error(name, format!("member {member} is missing")))
    };
    let kid = text("kid")?.map(str::to_owned);
    let alg = match text("alg")? {
        None => None,
        Some(alg) => Some(parse_algorithm(alg).map_err(|_| {
            key_error(
                name,
                format!("its alg {} is not supported", quoted(alg, 16)),
            )
        })?),
    };
    match text("use")? {
        None | Some("sig") => {}
        Some(other) => {
            return Err(key_error(
                name,
                format!("its use is {}, not sig", quoted(other, 16)),
            ));
        }
    }
    if let Some(operations) = object.get("key_ops").filter(|ops| !ops.is_null()) {
        let Some(operations) = operations.as_array() else {
            return Err(key_error(name, "member key_ops must be an array"));
        };
        let wanted = match purpose {
            Purpose::Sign => "sign",
            Purpose::Verify => "verify",
        };
        // Judge only key_ops made of RFC 7517 operation names; a value hcjwt
        // does not know (such as RFC 7520's "sign, verify") says nothing.
        let understood = operations
            .iter()
            .all(|op| op.as_str().is_some_and(|op| KEY_OPERATIONS.contains(&op)));
        if understood && !operations.iter().any(|op| op.as_str() == Some(wanted)) {
            return Err(key_error(
                name,
                format!("its key_ops do not include {wanted}"),
            ));
        }
    }
    let kty = text("kty")?.ok_or_else(|| key_error(name, "member kty is missing"))?;
    let curve = text("crv")?;
    let key = match kty {
        "oct" => JwkKey::Oct { k: required("k")? },
        "RSA" => {
            let private = match bytes("d")? {
                None => None,
                Some(d) => Some(RsaPrivate {
                    d,
                    p: required("p")?,
                    q: required("q")?,
                    dp: required("dp")?,
                    dq: required("dq")?,
                    qi: required("qi")?,
                }),
            };
            JwkKey::Rsa {
                n: required("n")?.to_vec(),
                e: required("e")?.to_vec(),
                private,
            }
        }
        "EC" => {
            let family = match curve {
                Some("P-256") => Family::P256,
                Some("P-384") => Family::P384,
                other => {
                    return Err(key_error(
                        name,
                        format!(
                            "curve {} is not supported (P-256, P-384)",
                            other.map_or_else(|| "(none)".to_owned(), |c| quoted(c, 16))
                        ),
                    ));
                }
            };
            let length = family.coordinate_len().unwrap_or(32);
            let exact = |member: &str, value: Zeroizing<Vec<u8>>| -> Result<Zeroizing<Vec<u8>>> {
                if value.len() != length {
                    return Err(key_error(
                        name,
                        format!(
                            "member {member} must be {length} bytes for {} (RFC 7518 section 6.2.1.2), not {}",
                            curve.unwrap_or_default(),
                            value.len()
                        ),
                    ));
                }
                Ok(value)
            };
            JwkKey::Ec {
                family,
                x: exact("x", required("x")?)?.to_vec(),
                y: exact("y", required("y")?)?.to_vec(),
                d: bytes("d")?.map(|d| exact("d", d)).transpose()?,
            }
        }
        "OKP" => {
            if curve != Some("Ed25519") {
                return Err(key_error(
                    name,
                    format!(
                        "curve {} is not supported (Ed25519)",
                        curve.map_or_else(|| "(none)".to_owned(), |c| quoted(c, 16))
                    ),
                ));
            }
            let x = required("x")?;
            if x.len() != 32 {
                return Err(key_error(name, "member x must be 32 bytes for Ed25519"));
            }
            JwkKey::Okp {
                x: x.to_vec(),
                d: bytes("d")?,
            }
        }
        other => {
            return Err(key_error(
                name,
                format!("kty {} is not supported", quoted(other, 16)),
            ));
        }
    };
    Ok(ReadJwk { kid, alg, key })
}

/// Parses JWK text into its members, refusing duplicates.
pub(crate) fn parse_object(json: &[u8], name: &str) -> Result<Map<String, Value>> {
    match crate::json::parse_strict(json, name) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(key_error(name, "is not a JSON object")),
        // The parser's message may quote the text: say only where it broke.
        Err(_) => Err(key_error(name, "is not valid JSON")),
    }
}

/// Overwrites every string of a JWK object (its key material) before it is dropped.
pub(crate) fn wipe(object: &mut Map<String, Value>) {
    for value in object.values_mut() {
        if let Value::String(text) = value {
            text.zeroize();
        }
    }
}

/// The public JWK parameters of an RSA key.
pub(crate) fn rsa_parameters(n: &[u8], e: &[u8]) -> AlgorithmParameters {
    AlgorithmParameters::RSA(RSAKeyParameters {
        key_type: RSAKeyType::RSA,
        n: URL_SAFE_NO_PAD.encode(n),
        e: URL_SAFE_NO_PAD.encode(e),
    })
}

/// The public JWK parameters of an EC key given as an uncompressed point.
pub(crate) fn ec_parameters(family: Family, point: &[u8]) -> Result<AlgorithmParameters> {
    let (curve, length) = match family {
        Family::P256 => (EllipticCurve::P256, 32),
        Family::P384 => (EllipticCurve::P384, 48),
        Family::Hmac | Family::Rsa | Family::Ed25519 => {
            return Err(key_error("EC", "not an EC key"));
        }
    };
    if point.len() != 1 + 2 * length || point[0] != 4 {
        return Err(key_error("EC", "the public point is not uncompressed"));
    }
    let (x, y) = point[1..].split_at(length);
    Ok(AlgorithmParameters::EllipticCurve(
        EllipticCurveKeyParameters {
            key_type: EllipticCurveKeyType::EC,
            curve,
            x: URL_SAFE_NO_PAD.encode(x),
            y: URL_SAFE_NO_PAD.encode(y),
        },
    ))
}

/// The public JWK parameters of an Ed25519 key.
pub(crate) fn ed_parameters(x: &[u8]) -> AlgorithmParameters {
    AlgorithmParameters::OctetKeyPair(OctetKeyPairParameters {
        key_type: OctetKeyPairType::OctetKeyPair,
        curve: EllipticCurve::Ed25519,
        x: URL_SAFE_NO_PAD.encode(x),
    })
}

/// A public JWK with `use: sig`, the algorithm (when bound) and a kid (by
/// default the RFC 7638 thumbprint).
pub(crate) fn public_jwk(
    params: AlgorithmParameters,
    algorithm: Option<Algorithm>,
    kid: Option<String>,
) -> Result<Jwk> {
    let mut jwk = Jwk {
        common: CommonParameters {
            public_key_use: Some(PublicKeyUse::Signature),
            key_algorithm: algorithm.map(Algorithm::key_algorithm),
            ..CommonParameters::default()
        },
        algorithm: params,
    };
    jwk.common.key_id = Some(match kid {
        Some(kid) => kid,
        None => thumbprint(&jwk)?,
    });
    Ok(jwk)
}

/// The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key (RFC 8037
/// section 2 for Ed25519).
pub fn thumbprint(jwk: &Jwk) -> Result<String> {
    jwk.thumbprint(ThumbprintHash::SHA256)
        .map_err(|error| key_error("JWK", format!("no thumbprint: {error}")))
}
