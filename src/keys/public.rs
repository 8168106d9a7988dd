//! Public keys, checked: the parts of a public key hcjwt keeps (its family,
//! the bytes aws-lc parses, its JWK members), the Ed25519 small-order
//! rules, reading a DER public key, the family check of every key, and the
//! prepared verifier of one key for one algorithm.

use aws_lc_rs::hmac;
use aws_lc_rs::signature::ParsedPublicKey;
use curve25519_dalek::edwards::CompressedEdwardsY;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};

use super::algorithm::{Algorithm, Family};
use super::jwk::{self, key_error};
use crate::error::Result;
use crate::limits::MIN_RSA_BITS;

/// The algorithm a key of `found` family signs with: `algorithm` when it
/// fits, the family's default when none is named.
pub(crate) fn check_family(
    found: Family,
    algorithm: Option<Algorithm>,
    format: &str,
) -> Result<Algorithm> {
    let algorithm = algorithm.unwrap_or(found.default_algorithm());
    if algorithm.family() != found {
        return Err(key_error(
            format,
            format!("{} can't sign or verify {algorithm}", found.describe()),
        ));
    }
    Ok(algorithm)
}

/// True when `point` is the encoding of an Ed25519 point of small order (or
/// of no point at all): such a public key, or such an `R` in a signature,
/// lets a forged signature with `S = 0` verify for any message.
pub(crate) fn is_weak_ed25519_point(point: &[u8]) -> bool {
    let Ok(bytes) = <[u8; 32]>::try_from(point) else {
        return true;
    };
    CompressedEdwardsY(bytes)
        .decompress()
        .is_none_or(|point| point.is_small_order())
}

/// The `y` encodings (sign bit cleared) of the eight points of small order,
/// canonical and not (`y + p` where that fits in 255 bits): the list
/// libsodium checks, derived here from curve25519-dalek's torsion points.
static SMALL_ORDER_ENCODINGS: std::sync::LazyLock<Vec<[u8; 32]>> = std::sync::LazyLock::new(|| {
    let mut encodings: Vec<[u8; 32]> = Vec::new();
    for point in curve25519_dalek::constants::EIGHT_TORSION {
        let mut bytes = point.compress().to_bytes();
        bytes[31] &= 0x7f;
        if !encodings.contains(&bytes) {
            encodings.push(bytes);
        }
    }
    // y = 0 and y = 1 have a second encoding, y + p (p = 2^255 - 19).
    let p_plus = |y: u8| {
        let mut bytes = [0xff; 32];
        bytes[0] = 0xed + y;
        bytes[31] = 0x7f;
        bytes
    };
    encodings.push(p_plus(0));
    encodings.push(p_plus(1));
    encodings
});

/// True when a signature's `R` encodes a point of small order: a table
/// lookup (no point decompression), so the check costs nothing measurable
/// on the verify path. An `R` that encodes no point fails the signature
/// check itself.
pub(crate) fn is_small_order_r(r: &[u8]) -> bool {
    let Ok(bytes) = <[u8; 32]>::try_from(r) else {
        return true;
    };
    let mut y = bytes;
    y[31] &= 0x7f;
    SMALL_ORDER_ENCODINGS.contains(&y)
}

/// A public key, checked: its family, the bytes aws-lc parses (SPKI or
/// PKCS#1 DER for RSA, the point for EC and Ed25519) and its JWK members.
#[derive(Clone)]
pub(crate) struct PublicParts {
    pub(super) family: Family,
    pub(super) der: Vec<u8>,
    params: AlgorithmParameters,
}

impl PublicParts {
    /// Checks a public key: RSA of at least 2048 bits, an Ed25519 point not of
    /// small order, and bytes aws-lc parses. `name` is what errors call it.
    pub(crate) fn new(
        family: Family,
        der: Vec<u8>,
        params: AlgorithmParameters,
        name: &str,
    ) -> Result<Self> {
        match (family, &params) {
            (Family::Rsa, AlgorithmParameters::RSA(rsa)) => {
                let bits = super::algorithm::bit_length(&jwk_bytes(&rsa.n));
                if bits < MIN_RSA_BITS {
                    return Err(key_error(
                        name,
                        format!("RSA keys need at least {MIN_RSA_BITS} bits, this one has {bits}"),
                    ));
                }
            }
            (Family::Ed25519, _) if is_weak_ed25519_point(&der) => {
                return Err(key_error(
                    name,
                    "the Ed25519 public key is a point of small order, which verifies forged signatures",
                ));
            }
            _ => {}
        }
        let probe = family
            .default_algorithm()
            .verification()
            .ok_or_else(|| key_error(name, "not a public key"))?;
        ParsedPublicKey::new(probe, &der)
            .map_err(|error| key_error(name, format!("invalid public key: {error}")))?;
        Ok(Self {
            family,
            der,
            params,
        })
    }

    /// The public JWK with `use: sig`, `alg` when bound, and the kid (by
    /// default the RFC 7638 thumbprint).
    pub(crate) fn jwk(&self, algorithm: Option<Algorithm>, kid: Option<String>) -> Result<Jwk> {
        jwk::public_jwk(self.params.clone(), algorithm, kid)
    }
}

fn jwk_bytes(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap_or_default()
}

/// A DER public key (SubjectPublicKeyInfo, or PKCS#1 for RSA), checked;
/// `None` when the bytes are no public key (perhaps a private one).
pub(crate) fn public_from_der(der: &[u8]) -> Result<Option<PublicParts>> {
    if let Ok(public) = aws_lc_rs::rsa::PublicKey::from_der(der) {
        let params = jwk::rsa_parameters(
            public.modulus().big_endian_without_leading_zero(),
            public.exponent().big_endian_without_leading_zero(),
        );
        return PublicParts::new(Family::Rsa, der.to_vec(), params, "DER").map(Some);
    }
    for (family, length) in [(Family::P256, 65), (Family::P384, 97)] {
        let Some(verification) = family.default_algorithm().verification() else {
            continue;
        };
        if der.len() > length && ParsedPublicKey::new(verification, der).is_ok() {
            let point = der[der.len() - length..].to_vec();
            let params = jwk::ec_parameters(family, &point)?;
            return PublicParts::new(family, point, params, "DER").map(Some);
        }
    }
    if let Some(verification) = Family::Ed25519.default_algorithm().verification()
        && der.len() > 32
        && ParsedPublicKey::new(verification, der).is_ok()
    {
        let x = der[der.len() - 32..].to_vec();
        let params = jwk::ed_parameters(&x);
        return PublicParts::new(Family::Ed25519, x, params, "DER").map(Some);
    }
    Ok(None)
}

/// One key prepared for one algorithm.
pub(crate) enum PreparedVerifier {
    Hmac(Box<hmac::Key>),
    Public(ParsedPublicKey),
    /// Ed25519, whose signatures with an `R` of small order are refused.
    Ed25519(ParsedPublicKey),
}

impl PreparedVerifier {
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        match self {
            PreparedVerifier::Hmac(key) => hmac::verify(key, message, signature).is_ok(),
            PreparedVerifier::Public(key) => key.verify_sig(message, signature).is_ok(),
            PreparedVerifier::Ed25519(key) => {
                signature.len() == 64
                    && !is_small_order_r(&signature[..32])
                    && key.verify_sig(message, signature).is_ok()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table agrees with decompressing and testing the order, for every
    /// torsion point (both sign bits), the non-canonical encodings, and a
    /// few thousand other encodings.
    #[test]
    fn the_small_order_table_agrees_with_decompression() {
        let mut cases: Vec<[u8; 32]> = Vec::new();
        for point in curve25519_dalek::constants::EIGHT_TORSION {
            let bytes = point.compress().to_bytes();
            cases.push(bytes);
            let mut flipped = bytes;
            flipped[31] ^= 0x80;
            cases.push(flipped);
        }
        for seed in 0u32..4000 {
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &seed.to_le_bytes());
            cases.push(digest.as_ref().try_into().unwrap());
        }
        let base = curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
        cases.push(base.compress().to_bytes());
        for case in cases {
            let decompressed = CompressedEdwardsY(case).decompress();
            if let Some(point) = decompressed {
                assert_eq!(
                    is_small_order_r(&case),
                    point.is_small_order(),
                    "{case:02x?}"
                );
            }
        }
        // y + p for y = 0 and 1, either sign: small order, not canonical.
        for (first, sign) in [(0xed, 0x7f), (0xee, 0x7f), (0xed, 0xff), (0xee, 0xff)] {
            let mut bytes = [0xff; 32];
            bytes[0] = first;
            bytes[31] = sign;
            assert!(is_small_order_r(&bytes));
        }
        assert!(is_small_order_r(&[0; 31]), "not 32 bytes");
    }
}
