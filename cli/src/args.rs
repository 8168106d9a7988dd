//! Arguments shared by several subcommands: the algorithm and profile value
//! types (their possible values come from the core's lists) and where a key
//! comes from.

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::ValueEnum;
use clap::builder::PossibleValue;
use hcjwt::{ALGORITHMS, Algorithm, Profile, SigningKey};
use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::input::{MAX_KEY_BYTES, read_capped};

/// `--alg`: one of the algorithms hcjwt supports.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AlgArg(pub(crate) Algorithm);

static ALG_VARIANTS: LazyLock<Vec<AlgArg>> =
    LazyLock::new(|| ALGORITHMS.iter().copied().map(AlgArg).collect());

impl ValueEnum for AlgArg {
    fn value_variants<'a>() -> &'a [Self] {
        &ALG_VARIANTS
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.name()))
    }
}

/// `--profile`: one of the profiles (help_center, sso).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProfileArg(pub(crate) Profile);

static PROFILE_VARIANTS: LazyLock<Vec<ProfileArg>> =
    LazyLock::new(|| Profile::ALL.iter().copied().map(ProfileArg).collect());

impl ValueEnum for ProfileArg {
    fn value_variants<'a>() -> &'a [Self] {
        &PROFILE_VARIANTS
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()))
    }
}

/// Where a signing key or HMAC secret comes from: exactly one of `--key` and
/// `--secret-env`.
#[derive(clap::Args, Debug)]
#[group(id = "signing_key", required = true, multiple = false)]
pub(crate) struct SigningKeyArgs {
    /// The private key: PEM, DER or JWK; for HS* the file's bytes are the
    /// secret (a trailing newline is not part of it).
    #[arg(long, value_name = "FILE")]
    pub(crate) key: Option<PathBuf>,
    /// The name of an environment variable holding the HMAC secret.
    #[arg(long, value_name = "VAR")]
    pub(crate) secret_env: Option<String>,
}

/// Key bytes and a description of where they came from (for error messages;
/// never the bytes themselves).
pub(crate) struct KeyMaterial {
    pub(crate) bytes: Zeroizing<Vec<u8>>,
    pub(crate) source: String,
}

/// Reads `--key FILE` (capped) or the variable named by `--secret-env`: the
/// one rule every subcommand reads keys by. Key bytes are never altered;
/// only a text secret (printable UTF-8 that is no key material) loses the
/// line ending a file gives it, so `hcjwt keygen --alg HS256 > k` and
/// `--key k` agree on the secret while a DER key ending in a newline byte
/// stays intact.
pub(crate) fn key_material(
    key: Option<&PathBuf>,
    secret_env: Option<&str>,
) -> Result<KeyMaterial, Failure> {
    match (key, secret_env) {
        (Some(path), _) => {
            let bytes = read_capped(path, MAX_KEY_BYTES, "a key file")?;
            Ok(KeyMaterial {
                bytes: Zeroizing::new(text_secret(bytes)),
                source: path.display().to_string(),
            })
        }
        (None, Some(var)) => {
            let secret = std::env::var_os(var)
                .ok_or_else(|| Failure::input(format!("environment variable {var} is not set")))?;
            let secret = secret
                .into_string()
                .map_err(|_| Failure::input(format!("environment variable {var} is not UTF-8")))?;
            Ok(KeyMaterial {
                bytes: Zeroizing::new(secret.into_bytes()),
                source: format!("${var}"),
            })
        }
        (None, None) => Err(Failure::usage("give --key FILE or --secret-env VAR")),
    }
}

/// A text secret without its trailing line ending; any other bytes as read.
fn text_secret(bytes: Vec<u8>) -> Vec<u8> {
    let end = bytes
        .iter()
        .rposition(|byte| *byte != b'\n' && *byte != b'\r')
        .map_or(0, |last| last + 1);
    let text = &bytes[..end];
    let printable = std::str::from_utf8(text).is_ok_and(|text| !text.chars().any(char::is_control));
    if end < bytes.len() && printable && hcjwt::key_material_kind(&bytes).is_none() {
        text.to_vec()
    } else {
        bytes
    }
}

impl SigningKeyArgs {
    /// The signing key; `--secret-env` without `--alg` means HS256.
    pub(crate) fn load(&self, alg: Option<AlgArg>) -> Result<SigningKey, Failure> {
        let material = key_material(self.key.as_ref(), self.secret_env.as_deref())?;
        let algorithm = alg
            .map(|a| a.0)
            .or(self.secret_env.as_ref().map(|_| Algorithm::HS256));
        SigningKey::from_bytes(&material.bytes, algorithm)
            .map_err(|error| Failure::key(&material.source, error, algorithm))
    }
}
