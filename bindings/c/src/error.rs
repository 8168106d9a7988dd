//! Result codes, the one mapping from `hcjwt_core::Error` to them, and the
//! thread's last error message.

use std::cell::RefCell;
use std::ffi::{CString, c_char};

use hcjwt_core::{Error, ErrorKind};

/// The outcome of every hcjwt call. `HCJWT_RESULT_OK` is 0; the other codes
/// are grouped by hundreds (caller errors, input, keys, minting, tokens,
/// panics) and are never renumbered.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::VariantArray)]
#[allow(non_camel_case_types)]
pub enum hcjwt_result {
    /// Success.
    HCJWT_RESULT_OK = 0,
    /// A required pointer argument was NULL (or a NULL buffer came with a non-zero length).
    HCJWT_RESULT_NULL_ARGUMENT = 1,
    /// A string argument was not valid UTF-8.
    HCJWT_RESULT_INVALID_UTF8 = 2,
    /// A JSON input could not be parsed (syntax, duplicate members, nesting, numbers).
    HCJWT_RESULT_JSON = 100,
    /// Claims, fields, field values or the user failed validation; the last
    /// error message is the API's `{"errors": {...}}` document.
    HCJWT_RESULT_VALIDATION = 101,
    /// A record was not found.
    HCJWT_RESULT_NOT_FOUND = 102,
    /// A key could not be loaded or does not fit its algorithm.
    HCJWT_RESULT_INVALID_KEY = 200,
    /// The algorithm name is not supported (`none` never is).
    HCJWT_RESULT_UNSUPPORTED_ALGORITHM = 201,
    /// An option (in `options_json`, or `now`) is out of range or unknown.
    HCJWT_RESULT_INVALID_OPTION = 202,
    /// The token to mint would exceed `max_token_bytes`.
    HCJWT_RESULT_PAYLOAD_TOO_LARGE = 300,
    /// The crypto backend failed to sign.
    HCJWT_RESULT_SIGNING = 301,
    /// The token to verify exceeds `max_token_bytes`.
    HCJWT_RESULT_TOKEN_TOO_LARGE = 400,
    /// The token is not a well-formed compact JWS.
    HCJWT_RESULT_MALFORMED_TOKEN = 401,
    /// The token's algorithm is not allowed.
    HCJWT_RESULT_ALGORITHM_NOT_ALLOWED = 402,
    /// No configured key matches the token's `kid`.
    HCJWT_RESULT_UNKNOWN_KID = 403,
    /// The signature does not verify.
    HCJWT_RESULT_INVALID_SIGNATURE = 404,
    /// The token has expired.
    HCJWT_RESULT_EXPIRED = 405,
    /// The token is not valid yet (`nbf` or `iat` in the future).
    HCJWT_RESULT_NOT_YET_VALID = 406,
    /// A registered claim or `crit` is mistyped or does not match.
    HCJWT_RESULT_INVALID_CLAIM = 407,
    /// A required claim (`exp`; `iss` or `aud` when configured) is absent.
    HCJWT_RESULT_MISSING_CLAIM = 408,
    /// A remote key set could not be fetched (timeout, status, size,
    /// content) and no cached keys could stand in.
    HCJWT_RESULT_KEY_SOURCE = 500,
    /// A Zendesk API call failed (the C library makes none; kept so that
    /// every error kind has a code).
    HCJWT_RESULT_ZENDESK_API = 501,
    /// hcjwt panicked; the call had no effect and the process goes on.
    HCJWT_RESULT_PANIC = 900,
}

use hcjwt_result::*;

/// The code for each kind of `hcjwt_core::Error`: an exhaustive match, so a
/// new kind does not compile until it has a code.
pub(crate) fn result_for(kind: ErrorKind) -> hcjwt_result {
    match kind {
        ErrorKind::Validation => HCJWT_RESULT_VALIDATION,
        ErrorKind::Json => HCJWT_RESULT_JSON,
        ErrorKind::NotFound => HCJWT_RESULT_NOT_FOUND,
        ErrorKind::InvalidKey => HCJWT_RESULT_INVALID_KEY,
        ErrorKind::UnsupportedAlgorithm => HCJWT_RESULT_UNSUPPORTED_ALGORITHM,
        ErrorKind::InvalidOption => HCJWT_RESULT_INVALID_OPTION,
        ErrorKind::PayloadTooLarge => HCJWT_RESULT_PAYLOAD_TOO_LARGE,
        ErrorKind::Signing => HCJWT_RESULT_SIGNING,
        ErrorKind::TokenTooLarge => HCJWT_RESULT_TOKEN_TOO_LARGE,
        ErrorKind::MalformedToken => HCJWT_RESULT_MALFORMED_TOKEN,
        ErrorKind::AlgorithmNotAllowed => HCJWT_RESULT_ALGORITHM_NOT_ALLOWED,
        ErrorKind::UnknownKid => HCJWT_RESULT_UNKNOWN_KID,
        ErrorKind::InvalidSignature => HCJWT_RESULT_INVALID_SIGNATURE,
        ErrorKind::Expired => HCJWT_RESULT_EXPIRED,
        ErrorKind::NotYetValid => HCJWT_RESULT_NOT_YET_VALID,
        ErrorKind::InvalidClaim => HCJWT_RESULT_INVALID_CLAIM,
        ErrorKind::MissingClaim => HCJWT_RESULT_MISSING_CLAIM,
        ErrorKind::KeySource => HCJWT_RESULT_KEY_SOURCE,
        ErrorKind::ZendeskApi => HCJWT_RESULT_ZENDESK_API,
    }
}

impl hcjwt_result {
    /// Every code.
    pub(crate) const ALL: &[hcjwt_result] = <hcjwt_result as strum::VariantArray>::VARIANTS;

    /// The code with this number, if there is one.
    pub(crate) fn from_code(code: i32) -> Option<hcjwt_result> {
        Self::ALL
            .iter()
            .copied()
            .find(|result| *result as i32 == code)
    }
}

/// The static description of a code number (NUL-terminated): "unknown
/// result" for a number that is no code.
pub(crate) fn describe_code(code: i32) -> &'static [u8] {
    hcjwt_result::from_code(code).map_or(b"unknown result\0", describe)
}

/// The static description of a code (NUL-terminated).
pub(crate) fn describe(result: hcjwt_result) -> &'static [u8] {
    match result {
        HCJWT_RESULT_OK => b"ok\0",
        HCJWT_RESULT_NULL_ARGUMENT => b"a required pointer argument was NULL\0",
        HCJWT_RESULT_INVALID_UTF8 => b"a string argument is not valid UTF-8\0",
        HCJWT_RESULT_JSON => b"invalid JSON\0",
        HCJWT_RESULT_VALIDATION => b"validation failed\0",
        HCJWT_RESULT_NOT_FOUND => b"not found\0",
        HCJWT_RESULT_INVALID_KEY => b"invalid key\0",
        HCJWT_RESULT_UNSUPPORTED_ALGORITHM => b"unsupported algorithm\0",
        HCJWT_RESULT_INVALID_OPTION => b"invalid option\0",
        HCJWT_RESULT_PAYLOAD_TOO_LARGE => b"the token would exceed max_token_bytes\0",
        HCJWT_RESULT_SIGNING => b"signing failed\0",
        HCJWT_RESULT_TOKEN_TOO_LARGE => b"the token exceeds max_token_bytes\0",
        HCJWT_RESULT_MALFORMED_TOKEN => b"malformed token\0",
        HCJWT_RESULT_ALGORITHM_NOT_ALLOWED => b"algorithm not allowed\0",
        HCJWT_RESULT_UNKNOWN_KID => b"unknown kid\0",
        HCJWT_RESULT_INVALID_SIGNATURE => b"invalid signature\0",
        HCJWT_RESULT_EXPIRED => b"the token has expired\0",
        HCJWT_RESULT_NOT_YET_VALID => b"the token is not valid yet\0",
        HCJWT_RESULT_INVALID_CLAIM => b"invalid claim\0",
        HCJWT_RESULT_MISSING_CLAIM => b"a required claim is missing\0",
        HCJWT_RESULT_KEY_SOURCE => b"the remote keys are unavailable\0",
        HCJWT_RESULT_ZENDESK_API => b"a Zendesk API call failed\0",
        HCJWT_RESULT_PANIC => b"hcjwt panicked (a bug): the call had no effect\0",
    }
}

/// A failure inside an export: its code and the detail for the thread.
pub(crate) struct Failure {
    pub(crate) result: hcjwt_result,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(result: hcjwt_result, message: impl Into<String>) -> Self {
        Self {
            result,
            message: message.into(),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let message = match &error {
            Error::Validation(errors) => errors.to_json(),
            other => other.to_string(),
        };
        Failure::new(result_for(error.kind()), message)
    }
}

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

pub(crate) fn set_last_error(message: &str) {
    let text = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    LAST_ERROR.with(|last| *last.borrow_mut() = text);
}

pub(crate) fn last_error() -> *const c_char {
    LAST_ERROR.with(|last| last.borrow().as_ptr())
}
