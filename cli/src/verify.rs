//! `hcjwt verify`: check a token and print its payload.

use std::path::PathBuf;

use hcjwt::{ALGORITHMS, Algorithm, Error, Verifier, VerifierOptions};

use crate::args::{AlgArg, key_material};
use crate::documents::read_document;
use crate::failure::Failure;
use crate::input::read_token;
use crate::output::Output;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  hcjwt verify --key public.pem --alg RS256 eyJ0eXAiOiJKV1Qi...
  hcjwt mint ... | hcjwt verify --jwks jwks.json -
  hcjwt verify --help-center acme \"$TOKEN_FROM_THE_HELP_CENTER\"")]
pub(crate) struct VerifyArgs {
    #[command(flatten)]
    source: VerifyKeyArgs,
    /// An allowed algorithm; repeat for several (default: what the key serves).
    #[arg(long, value_enum, ignore_case = true)]
    alg: Vec<AlgArg>,
    /// Leeway on exp, nbf and iat, in seconds.
    #[arg(long, default_value_t = hcjwt::limits::DEFAULT_LEEWAY_SECONDS)]
    leeway: u64,
    /// Require this iss.
    #[arg(long)]
    iss: Option<String>,
    /// Require aud to name this audience; repeat to accept any of several.
    #[arg(long, value_name = "AUDIENCE")]
    aud: Vec<String>,
    /// Accept a token whatever its aud when no --aud is given (by default a
    /// token that names an audience is refused then).
    #[arg(long, conflicts_with = "aud")]
    any_audience: bool,
    /// Verify as of this Unix time instead of the clock.
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<i64>,
    /// With --jwks-url or --help-center: seconds to wait for the keys.
    #[arg(long, value_name = "SECONDS", default_value_t = hcjwt::remote::HttpOptions::DEFAULT_TIMEOUT.as_secs_f64())]
    timeout: f64,
    /// The token, or "-" to read it from stdin.
    token: String,
}

/// Exactly one source of verifying keys.
#[derive(clap::Args, Debug)]
#[group(id = "verifying_key", required = true, multiple = false)]
struct VerifyKeyArgs {
    /// A public or private key (PEM, DER, JWK); for HS* the file's bytes are
    /// the secret (a trailing newline is not part of it).
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// The name of an environment variable holding the HMAC secret.
    #[arg(long, value_name = "VAR")]
    secret_env: Option<String>,
    /// A JWKS document holding the public keys.
    #[arg(long, value_name = "FILE")]
    jwks: Option<PathBuf>,
    /// A JWKS URL to fetch the keys from (https; http only for loopback hosts).
    #[arg(long, value_name = "URL")]
    jwks_url: Option<String>,
    /// A help center whose keys endpoint verifies the token (RS256): a
    /// subdomain (acme), a host (acme.zendesk.com, a host-mapped brand
    /// domain) or a base URL.
    #[arg(long, value_name = "HOST")]
    help_center: Option<String>,
}

pub(crate) fn run(args: VerifyArgs) -> Result<Output, Failure> {
    let pinned: Vec<Algorithm> = args.alg.iter().map(|a| a.0).collect();
    let options = VerifierOptions {
        leeway: args.leeway,
        issuer: args.iss,
        audience: args.aud,
        accept_any_audience: args.any_audience,
        ..VerifierOptions::default()
    };
    let remote = || -> Result<_, Failure> {
        Ok(hcjwt::remote::RemoteJwksOptions {
            http: hcjwt::remote::HttpOptions::with_timeout_secs(args.timeout)?,
            ..Default::default()
        })
    };
    let verifier = match (
        &args.source.jwks,
        &args.source.jwks_url,
        &args.source.help_center,
    ) {
        (_, Some(url), _) => {
            let algorithms = if pinned.is_empty() {
                ALGORITHMS.to_vec()
            } else {
                pinned
            };
            Verifier::from_jwks_url(url, &algorithms, options, remote()?)?
        }
        (_, _, Some(host)) => {
            if pinned
                .iter()
                .any(|algorithm| *algorithm != Algorithm::RS256)
            {
                return Err(Failure::usage(
                    "a help center's tokens are RS256: drop --alg",
                ));
            }
            Verifier::for_help_center(host, options, remote()?)?
        }
        (Some(path), _, _) => {
            let jwks = read_document(path)?;
            let algorithms = if pinned.is_empty() {
                Verifier::default_algorithms(&jwks)
            } else {
                pinned
            };
            Verifier::from_key_bytes(&jwks, &algorithms, options)
                .map_err(|error| Failure::core(&path.display().to_string(), error))?
        }
        (None, None, None) => local_verifier(
            args.source.key.as_ref(),
            args.source.secret_env.as_deref(),
            pinned,
            options,
        )?,
    };
    let token = read_token(&args.token)?;
    let payload = match args.now {
        Some(now) => verifier.verify_json_at(&token, now),
        None => verifier.verify_json(&token),
    }
    .map_err(|error| match error {
        // The keys, not the token, are at fault.
        Error::KeySource { .. } => Failure::core("", error),
        error => Failure::core("invalid token", error),
    })?;
    // The payload as it was signed (the verifier read it as JSON: UTF-8).
    Ok(Output::ok(String::from_utf8_lossy(&payload).into_owned()))
}

/// A verifier of `--key FILE` or `--secret-env VAR`. Without `--alg` a key
/// serves the algorithms of its family, a secret the HS* algorithms it is
/// long enough for.
pub(crate) fn local_verifier(
    key: Option<&PathBuf>,
    secret_env: Option<&str>,
    pinned: Vec<Algorithm>,
    options: VerifierOptions,
) -> Result<Verifier, Failure> {
    let material = key_material(key, secret_env)?;
    let algorithms = if pinned.is_empty() {
        Verifier::default_algorithms(&material.bytes)
    } else {
        pinned
    };
    let single = match algorithms.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    Verifier::from_key_bytes(&material.bytes, &algorithms, options)
        .map_err(|error| Failure::key(&material.source, error, single))
}
