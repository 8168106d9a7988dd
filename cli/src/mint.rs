//! `hcjwt mint`: one token for a user.

use std::path::PathBuf;

use hcjwt::{Minter, MinterOptions, User};

use crate::args::{AlgArg, ProfileArg, SigningKeyArgs};
use crate::documents::{load_claims, load_fields, read_document};
use crate::failure::Failure;
use crate::output::Output;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  hcjwt mint --user examples/user.json --claims examples/claims.json \\
             --fields examples/fields.json --key examples/keys/DEV-ONLY-rs256-private.pem
  SSO_SECRET=... hcjwt mint --profile sso --user user.json --secret-env SSO_SECRET")]
pub(crate) struct MintArgs {
    /// A Users API user object, bare or {\"user\":{...}} with sideloads; \"-\" reads stdin.
    #[arg(long, value_name = "FILE")]
    user: PathBuf,
    /// Account custom claims: {\"custom_claims\":[...]}, {\"custom_claim\":{...}} or an array.
    #[arg(long, value_name = "FILE")]
    claims: Option<PathBuf>,
    /// User fields: {\"user_fields\":[...]}, {\"user_field\":{...}} or an array.
    #[arg(long, value_name = "FILE")]
    fields: Option<PathBuf>,
    /// Which claims the token carries.
    #[arg(long, value_enum, default_value = "help_center")]
    profile: ProfileArg,
    #[command(flatten)]
    key: SigningKeyArgs,
    /// The algorithm (default: follows the key; HS256 for --secret-env).
    #[arg(long, value_enum)]
    alg: Option<AlgArg>,
    /// The header's kid (default: the RFC 7638 thumbprint of the public key).
    #[arg(long)]
    kid: Option<String>,
    /// Seconds from iat to exp.
    #[arg(long, default_value_t = hcjwt::limits::DEFAULT_TTL_SECONDS)]
    ttl: u64,
    /// The iss claim.
    #[arg(long)]
    iss: Option<String>,
    /// The aud claim.
    #[arg(long)]
    aud: Option<String>,
    /// Picks the claims of this brand when the claims file holds several.
    #[arg(long, value_name = "N")]
    brand_id: Option<u64>,
    /// Picks the claims of this account when brands repeat across accounts.
    #[arg(long, value_name = "N")]
    account_id: Option<u64>,
    /// iat as Unix seconds (default: the clock), for reproducible tokens.
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<i64>,
}

pub(crate) fn run(args: MintArgs) -> Result<Output, Failure> {
    let options = MinterOptions {
        kid: args.kid,
        profile: args.profile.0,
        ttl: args.ttl,
        issuer: args.iss,
        audience: args.aud,
        claims: args
            .claims
            .map(|path| load_claims(&path, args.account_id, args.brand_id))
            .transpose()?,
        fields: args.fields.map(|path| load_fields(&path)).transpose()?,
        ..MinterOptions::default()
    };
    let minter = Minter::new(args.key.load(args.alg)?, options)?;
    let name = args.user.display().to_string();
    let user_bytes = read_document(&args.user)?;
    let user = User::from_json(&user_bytes).map_err(|error| Failure::core(&name, error))?;
    let token = match args.now {
        Some(now) => minter.mint_at(&user, now),
        None => minter.mint(&user),
    };
    token
        .map(Output::ok)
        .map_err(|error| Failure::core(&name, error))
}
