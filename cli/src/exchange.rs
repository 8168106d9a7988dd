//! `hcjwt exchange`: verifies a help center token against the help
//! center's keys endpoint and prints a messaging token for the same person.

use hcjwt::remote::{HttpOptions, RemoteJwksOptions};
use hcjwt::{Algorithm, Error, Minter, MinterOptions, MissingExternalId, Profile, Verifier};
use hcjwt::{VerifierOptions, limits};

use crate::args::{AlgArg, SigningKeyArgs};
use crate::failure::Failure;
use crate::input::read_token;
use crate::output::Output;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "The messaging token's external_id is the help center token's externalId and
its email the token's email. A token whose externalId is null (a user with no
external id) is refused unless --user-id-if-no-external-id says to use its
userId instead. An expired, forged or wrong-audience token prints nothing.

Examples:
  MESSAGING_SECRET=... hcjwt exchange --help-center acme --kid app_64ac9c1f8e2ad5001e9a0a53 \\
      --secret-env MESSAGING_SECRET \"$HELP_CENTER_TOKEN\"
  echo \"$HELP_CENTER_TOKEN\" | hcjwt exchange --help-center acme --kid app_... --key messaging.secret -"
)]
pub(crate) struct ExchangeArgs {
    /// The help center whose token this is: a subdomain (acme), a host or a
    /// base URL; its keys endpoint verifies the token (RS256).
    #[arg(long, value_name = "HOST")]
    help_center: String,
    /// The messaging signing key's id, as Admin Center shows it (app_...).
    #[arg(long, value_name = "KID")]
    kid: String,
    #[command(flatten)]
    key: SigningKeyArgs,
    /// The messaging token's lifetime in seconds.
    #[arg(long, default_value_t = limits::DEFAULT_TTL_SECONDS)]
    ttl: u64,
    /// Require this aud of the help center token.
    #[arg(long, value_name = "AUDIENCE")]
    aud: Vec<String>,
    /// Require this iss of the help center token.
    #[arg(long)]
    iss: Option<String>,
    /// When the token's externalId is null, use its userId (the Zendesk user
    /// id) as the messaging external_id instead of refusing.
    #[arg(long)]
    user_id_if_no_external_id: bool,
    /// As of this Unix time instead of the clock (verification and exp).
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<i64>,
    /// Seconds to wait for the help center's keys.
    #[arg(long, value_name = "SECONDS", default_value_t = HttpOptions::DEFAULT_TIMEOUT.as_secs_f64())]
    timeout: f64,
    /// The help center token, or "-" to read it from stdin.
    token: String,
}

pub(crate) fn run(args: ExchangeArgs) -> Result<Output, Failure> {
    let minter = Minter::new(
        args.key.load(Some(AlgArg(Algorithm::HS256)))?,
        MinterOptions {
            kid: Some(args.kid),
            profile: Profile::Messaging,
            ttl: args.ttl,
            ..MinterOptions::default()
        },
    )?;
    let verifier = Verifier::for_help_center(
        &args.help_center,
        VerifierOptions {
            issuer: args.iss,
            audience: args.aud,
            ..VerifierOptions::default()
        },
        RemoteJwksOptions {
            http: HttpOptions::with_timeout_secs(args.timeout)?,
            ..RemoteJwksOptions::default()
        },
    )?;
    let token = read_token(&args.token)?;
    let missing = if args.user_id_if_no_external_id {
        MissingExternalId::UseUserId
    } else {
        MissingExternalId::Refuse
    };
    let now = args.now.unwrap_or_else(hcjwt::unix_now);
    hcjwt::exchange_at(&verifier, &token, &minter, missing, now)
        .map(Output::ok)
        .map_err(|error| match error {
            // The keys, not the token, are at fault.
            Error::KeySource { .. } => Failure::core("", error),
            error => Failure::core("invalid token", error),
        })
}
