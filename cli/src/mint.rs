//! `hcjwt mint`: one token for a user.

use std::path::PathBuf;

use hcjwt::{Minter, MinterOptions, User};

use crate::args::{AlgArg, ProfileArg, SigningKeyArgs};
use crate::documents::{load_claims, load_fields, read_document};
use crate::failure::Failure;
use crate::output::Output;
use crate::zendesk::{ZendeskArgs, user_by_external_id};

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  hcjwt mint --user examples/user.json --claims examples/claims.json \\
             --fields examples/fields.json --key examples/keys/DEV-ONLY-rs256-private.pem
  SSO_SECRET=... hcjwt mint --profile sso --user user.json --secret-env SSO_SECRET
  MESSAGING_SECRET=... hcjwt mint --profile messaging --kid app_... --user user.json --secret-env MESSAGING_SECRET
  ZENDESK_EMAIL=... ZENDESK_API_TOKEN=... hcjwt mint --zendesk acme --user-id 35436 --key private.pem")]
pub(crate) struct MintArgs {
    /// A Users API user object, bare or {"user":{...}} with sideloads; "-" reads stdin.
    #[arg(long, value_name = "FILE", required_unless_present_any = ["user_id", "external_id"])]
    user: Option<PathBuf>,
    /// With --zendesk: the Zendesk id of the user to fetch and mint for.
    #[arg(long, value_name = "N", requires = "zendesk", conflicts_with_all = ["user", "external_id"])]
    user_id: Option<u64>,
    /// With --zendesk: the external id of the user to fetch and mint for.
    #[arg(long, value_name = "ID", requires = "zendesk", conflicts_with = "user")]
    external_id: Option<String>,
    /// Read the user (--user-id, --external-id), the field catalog and the
    /// brand's claims from this account, unless --fields or --claims give them.
    #[command(flatten)]
    zendesk: ZendeskArgs,
    /// Account custom claims: {"custom_claims":[...]}, {"custom_claim":{...}} or an array.
    #[arg(long, value_name = "FILE")]
    claims: Option<PathBuf>,
    /// User fields: {"user_fields":[...]}, {"user_field":{...}} or an array.
    #[arg(long, value_name = "FILE")]
    fields: Option<PathBuf>,
    /// Which claims the token carries.
    #[arg(long, value_enum, default_value = "help_center")]
    profile: ProfileArg,
    #[command(flatten)]
    key: SigningKeyArgs,
    /// The algorithm (default: follows the key; HS256 for --secret-env).
    #[arg(long, value_enum, ignore_case = true)]
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
    let client = args.zendesk.client()?;
    let profile = args.profile.0;
    let claims = match (&args.claims, &client) {
        (Some(path), _) => Some(load_claims(path, args.account_id, args.brand_id)?),
        // Only help center tokens carry custom claims.
        (None, Some(client)) if profile.takes_custom_claims() => Some(client.custom_claims()?),
        (None, _) => None,
    };
    let fields = match (&args.fields, &client) {
        (Some(path), _) => Some(load_fields(path)?),
        // Messaging tokens carry no user fields.
        (None, Some(client)) if profile.writes_user_fields() => Some(client.user_fields()?),
        (None, _) => None,
    };
    let options = MinterOptions {
        kid: args.kid,
        profile,
        ttl: args.ttl,
        issuer: args.iss,
        audience: args.aud,
        claims,
        fields,
        ..MinterOptions::default()
    };
    let minter = Minter::new(args.key.load(args.alg)?, options)?;
    let (name, user_bytes) = match (&args.user, &client, args.user_id, &args.external_id) {
        (Some(path), _, _, _) => (path.display().to_string(), read_document(path)?),
        (None, Some(client), Some(id), _) => (
            format!("user {id}"),
            client.user_json(id)?.to_string().into_bytes(),
        ),
        (None, Some(client), None, Some(external_id)) => (
            format!("user with external id {external_id:?}"),
            user_by_external_id(client, external_id)?
                .to_string()
                .into_bytes(),
        ),
        _ => {
            return Err(Failure::usage(
                "give --user FILE, or --zendesk HOST with --user-id or --external-id",
            ));
        }
    };
    let user = User::from_json(&user_bytes).map_err(|error| Failure::core(&name, error))?;
    let token = match args.now {
        Some(now) => minter.mint_at(&user, now),
        None => minter.mint(&user),
    };
    token
        .map(Output::ok)
        .map_err(|error| Failure::core(&name, error))
}
