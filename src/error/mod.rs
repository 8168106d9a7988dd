//! The one error type of hcjwt, and field errors in the API's own shape.

use std::fmt;

use strum::{EnumCount, IntoStaticStr, VariantArray};

mod field_errors;

pub use field_errors::FieldErrors;

/// Everything that can go wrong in hcjwt.
///
/// Each variant says when it happens; [`Error::kind`] gives a plain tag for
/// matching, and `Display` writes one sentence naming the field, claim, key or
/// token part at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Claims, field definitions, field values or a user failed validation;
    /// holds every error at once, in the API's shape.
    #[error("validation failed: {0}")]
    Validation(FieldErrors),

    /// A JSON document could not be parsed (syntax, invalid UTF-8, a lone
    /// surrogate, a duplicate member, nesting deeper than 128 levels).
    #[error("invalid JSON in {input}: {message}")]
    Json {
        /// What the document was (e.g. "claims", "user", "token payload").
        input: String,
        /// The parser's message, with line and column.
        message: String,
        /// The parser's own error, when there is one.
        #[source]
        cause: Option<Cause>,
    },

    /// No record with this id (or key) exists.
    #[error("{resource} {id} not found")]
    NotFound {
        /// The kind of record: "custom claim", "user field", "field option".
        resource: &'static str,
        /// The id or key that was asked for.
        id: String,
    },

    /// A key could not be loaded or does not fit its algorithm (too short,
    /// wrong curve, public where a private key is needed, malformed, encrypted).
    #[error("invalid key ({key}): {reason}")]
    InvalidKey {
        /// Which key: its format or kid as far as known.
        key: String,
        /// Why it was refused.
        reason: String,
    },

    /// An algorithm name that hcjwt does not support (including `none`).
    #[error(
        "unsupported algorithm {0}: expected one of {names}",
        names = crate::keys::ALGORITHMS.map(crate::Algorithm::name).join(" ")
    )]
    UnsupportedAlgorithm(String),

    /// An option given to a minter or verifier is out of range.
    #[error("invalid option {option}: {reason}")]
    InvalidOption {
        /// The option's name (`ttl`, `profile`, `max_token_bytes`, ...).
        option: String,
        /// Why it was refused.
        reason: String,
    },

    /// The token that would be minted exceeds the configured size limit.
    #[error("the token would be {size} bytes, over the limit of {limit} bytes (max_token_bytes)")]
    PayloadTooLarge {
        /// The token's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },

    /// The crypto backend failed to sign.
    #[error("signing failed: {0}")]
    Signing(String),

    /// A token to verify is longer than the configured limit; nothing was decoded.
    #[error("the token is {size} bytes, over the limit of {limit} bytes")]
    TokenTooLarge {
        /// The token's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },

    /// A token to verify is not a well-formed compact JWS with a JSON header
    /// and payload.
    #[error("malformed token: {0}")]
    MalformedToken(String),

    /// The token's `alg` is not in the verifier's pinned list (`none` never is).
    #[error("algorithm {0:?} is not allowed")]
    AlgorithmNotAllowed(String),

    /// The token's `kid` matches none of the configured keys, or it has no
    /// `kid` and several keys could apply.
    #[error("no configured key matches kid {0}")]
    UnknownKid(String),

    /// The signature does not verify with the selected key.
    #[error("invalid signature")]
    InvalidSignature,

    /// `exp` is in the past (beyond the leeway).
    #[error(
        "the token expired at {}, {exp} (now {now}, leeway included)",
        crate::timestamp::relative_time(*exp, *now)
    )]
    Expired {
        /// The token's `exp`.
        exp: i64,
        /// The verifier's clock.
        now: i64,
    },

    /// `nbf` or `iat` is in the future (beyond the leeway).
    #[error(
        "the token is not valid before {}, {nbf} (now {now}, leeway included)",
        crate::timestamp::relative_time(*nbf, *now)
    )]
    NotYetValid {
        /// The token's `nbf` (or `iat` when that is later than now).
        nbf: i64,
        /// The verifier's clock.
        now: i64,
    },

    /// A registered claim is of the wrong type or does not match (`exp`,
    /// `nbf`, `iat`, `iss`, `aud`), or the header's `crit` names an extension
    /// hcjwt does not understand.
    #[error("invalid claim {claim}: {reason}")]
    InvalidClaim {
        /// The claim or header member at fault.
        claim: String,
        /// Why it was refused.
        reason: String,
    },

    /// A claim the verifier requires is absent: `exp` always, `iss` and `aud`
    /// when the verifier expects them.
    #[error("the token has no {0} claim, which is required")]
    MissingClaim(String),

    /// A remote key set (a JWKS URL, a help center's keys endpoint) could not
    /// be fetched or held no usable key, and no cached keys can stand in.
    #[error("the keys at {url} are unavailable: {reason}")]
    KeySource {
        /// The URL of the key set.
        url: String,
        /// What went wrong (timeout, status, size, content).
        reason: String,
        /// The transport's own error (a connection, TLS or protocol
        /// failure), when there is one.
        #[source]
        cause: Option<Cause>,
    },

    /// A Zendesk API call failed after its retries: the credentials were
    /// refused (401), not allowed (403), the endpoint or record is missing
    /// (404), the rate limit held (429), the server failed (5xx), no answer
    /// came in time, or the answer was not what the API documents. Never
    /// holds a credential.
    #[error("Zendesk API {endpoint}: {reason}")]
    ZendeskApi {
        /// The HTTP status, when the server answered.
        status: Option<u16>,
        /// The method and URL path called (`GET /api/v2/user_fields`).
        endpoint: String,
        /// What went wrong and what to fix.
        reason: String,
        /// The transport's own error (a connection, TLS or protocol
        /// failure), when there is one.
        #[source]
        cause: Option<Cause>,
    },
}

/// The error beneath an [`Error`] (serde_json's, the HTTP client's), shared
/// so that one failure can be handed to every caller that waited for it.
pub type Cause = std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>;

/// A plain tag for each [`Error`] variant. Deliberately exhaustive: the C,
/// Python and CLI surfaces each map every kind with a `match` that has no
/// catch-all arm, so a new kind does not compile until every surface has a
/// code, an exception class and a name for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumCount, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ErrorKind {
    /// See [`Error::Validation`].
    Validation,
    /// See [`Error::Json`].
    Json,
    /// See [`Error::NotFound`].
    NotFound,
    /// See [`Error::InvalidKey`].
    InvalidKey,
    /// See [`Error::UnsupportedAlgorithm`].
    UnsupportedAlgorithm,
    /// See [`Error::InvalidOption`].
    InvalidOption,
    /// See [`Error::PayloadTooLarge`].
    PayloadTooLarge,
    /// See [`Error::Signing`].
    Signing,
    /// See [`Error::TokenTooLarge`].
    TokenTooLarge,
    /// See [`Error::MalformedToken`].
    MalformedToken,
    /// See [`Error::AlgorithmNotAllowed`].
    AlgorithmNotAllowed,
    /// See [`Error::UnknownKid`].
    UnknownKid,
    /// See [`Error::InvalidSignature`].
    InvalidSignature,
    /// See [`Error::Expired`].
    Expired,
    /// See [`Error::NotYetValid`].
    NotYetValid,
    /// See [`Error::InvalidClaim`].
    InvalidClaim,
    /// See [`Error::MissingClaim`].
    MissingClaim,
    /// See [`Error::KeySource`].
    KeySource,
    /// See [`Error::ZendeskApi`].
    ZendeskApi,
}

impl ErrorKind {
    /// Every kind, so bindings can check that each has its own code.
    pub const ALL: [ErrorKind; ErrorKind::COUNT] = crate::variants::every_variant!(ErrorKind);

    /// The kind's stable snake_case name, the same words on every surface:
    /// the CLI's JSON errors, Python's `error.kind` and the C result names
    /// (`invalid_key` is `HCJWT_RESULT_INVALID_KEY`).
    pub fn name(self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Error {
    /// The variant's tag.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation(_) => ErrorKind::Validation,
            Error::Json { .. } => ErrorKind::Json,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::InvalidKey { .. } => ErrorKind::InvalidKey,
            Error::UnsupportedAlgorithm(_) => ErrorKind::UnsupportedAlgorithm,
            Error::InvalidOption { .. } => ErrorKind::InvalidOption,
            Error::PayloadTooLarge { .. } => ErrorKind::PayloadTooLarge,
            Error::Signing(_) => ErrorKind::Signing,
            Error::TokenTooLarge { .. } => ErrorKind::TokenTooLarge,
            Error::MalformedToken(_) => ErrorKind::MalformedToken,
            Error::AlgorithmNotAllowed(_) => ErrorKind::AlgorithmNotAllowed,
            Error::UnknownKid(_) => ErrorKind::UnknownKid,
            Error::InvalidSignature => ErrorKind::InvalidSignature,
            Error::Expired { .. } => ErrorKind::Expired,
            Error::NotYetValid { .. } => ErrorKind::NotYetValid,
            Error::InvalidClaim { .. } => ErrorKind::InvalidClaim,
            Error::MissingClaim(_) => ErrorKind::MissingClaim,
            Error::KeySource { .. } => ErrorKind::KeySource,
            Error::ZendeskApi { .. } => ErrorKind::ZendeskApi,
        }
    }

    /// True when a keys endpoint or the Zendesk API could not be reached or
    /// would not answer, after the retries: a timeout, a connection or TLS
    /// failure, a 429 or a 5xx, or any failure of a key set. The caller's
    /// input may be fine: a health check tells this apart from an invalid
    /// token (the CLI exits 3 for it, 1 for the input's own faults).
    pub fn is_unreachable(&self) -> bool {
        match self {
            Error::KeySource { .. } => true,
            Error::ZendeskApi { status, .. } => match status {
                None => true,
                Some(status) => *status == 429 || *status >= 500,
            },
            _ => false,
        }
    }

    /// The field errors of a [`Error::Validation`], if this is one.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Error::Validation(errors) => Some(errors),
            _ => None,
        }
    }

    /// The error as one JSON object: `{"kind": "...", "message": "..."}`, plus
    /// `"errors"` in the API's shape for a validation error.
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        object.insert("kind".to_owned(), self.kind().name().into());
        object.insert("message".to_owned(), self.to_string().into());
        if let Error::ZendeskApi {
            status: Some(status),
            ..
        } = self
        {
            object.insert("status".to_owned(), (*status).into());
        }
        if let Error::Validation(errors) = self
            && let serde_json::Value::Object(mut document) = errors.to_value()
            && let Some(errors) = document.remove("errors")
        {
            object.insert("errors".to_owned(), errors);
        }
        object.into()
    }

    /// Shorthand for a validation error with one field and message.
    pub(crate) fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation(FieldErrors::single(field, message))
    }

    pub(crate) fn invalid_claim(claim: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidClaim {
            claim: claim.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid_option(option: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidOption {
            option: option.into(),
            reason: reason.into(),
        }
    }
}

/// Shorthand for `std::result::Result<T, hcjwt::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Quotes untrusted text for an error message: escaped, and cut to `max` chars.
pub(crate) fn quoted(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .collect::<String>()
        .escape_debug()
        .collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    format!("\"{out}\"")
}
