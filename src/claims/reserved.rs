//! The names a custom claim identifier may not take.

use crate::profile::Profile;

/// The JWT registered claims (RFC 7519 section 4.1).
const REGISTERED_CLAIMS: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The JOSE header parameters (RFC 7515 section 4.1).
const HEADER_PARAMETERS: [&str; 11] = [
    "alg", "typ", "cty", "kid", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "crit",
];

/// Names OpenID Connect identity providers reserve in their tokens.
const OIDC_CLAIMS: [&str; 11] = [
    "nonce",
    "azp",
    "amr",
    "acr",
    "auth_time",
    "sid",
    "scope",
    "client_id",
    "at_hash",
    "c_hash",
    "cnf",
];

/// Names a custom claim identifier may not take, compared ignoring ASCII case
/// and surrounding white space: the JWT registered claims, every claim of
/// every profile (identity claims and `user_fields`), the JOSE header names,
/// and the names OIDC providers reserve. Built from those lists, each kept in
/// one place.
pub static RESERVED_CLAIM_NAMES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut names: Vec<&'static str> = REGISTERED_CLAIMS.to_vec();
        for profile in Profile::ALL {
            names.extend(profile.claim_names());
        }
        names.extend(HEADER_PARAMETERS);
        names.extend(OIDC_CLAIMS);
        let mut seen = std::collections::HashSet::new();
        names.retain(|name| seen.insert(*name));
        names
    });

/// True when `identifier` equals a reserved name, ignoring ASCII case and
/// surrounding white space.
pub fn is_reserved_claim_name(identifier: &str) -> bool {
    let trimmed = identifier.trim();
    RESERVED_CLAIM_NAMES
        .iter()
        .any(|name| name.eq_ignore_ascii_case(trimmed))
}
