//! `hcjwt jwks` and `hcjwt keygen`.

use std::path::PathBuf;

use hcjwt::{SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::args::AlgArg;
use crate::failure::Failure;
use crate::input::{MAX_KEY_BYTES, read_capped};
use crate::output::Output;

#[derive(clap::Args, Debug)]
pub(crate) struct JwksArgs {
    /// A private or public key: PEM, DER or JWK.
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The kid (default: the RFC 7638 thumbprint).
    #[arg(long)]
    kid: Option<String>,
}

pub(crate) fn jwks(args: JwksArgs) -> Result<Output, Failure> {
    let name = args.key.display().to_string();
    let bytes = Zeroizing::new(read_capped(&args.key, MAX_KEY_BYTES, "a key file")?);
    let verifying =
        VerifyingKey::from_bytes(&bytes, None).map_err(|error| Failure::core(&name, error))?;
    let verifying = match args.kid {
        Some(kid) => verifying.with_kid(kid),
        None => verifying,
    };
    let jwk = verifying.public_jwk().ok_or_else(|| {
        Failure::input(format!(
            "{name}: an HMAC secret has no public key to publish"
        ))
    })?;
    let set = hcjwt::jwk::JwkSet { keys: vec![jwk] };
    serde_json::to_string(&set)
        .map(Output::ok)
        .map_err(|error| Failure::input(error.to_string()))
}

#[derive(clap::Args, Debug)]
pub(crate) struct KeygenArgs {
    /// The algorithm the key is for.
    #[arg(long, value_enum, ignore_case = true)]
    alg: AlgArg,
}

pub(crate) fn keygen(args: KeygenArgs) -> Result<Output, Failure> {
    let mut private = SigningKey::generate_pem(args.alg.0)?;
    let length = private.trim_end().len();
    private.truncate(length);
    Ok(Output::secret(private))
}
