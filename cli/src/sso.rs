//! `hcjwt sso-form`: the login page that POSTs a token to the account's
//! `/access/jwt`.

use hcjwt::sso::{SsoOptions, login_get_url, login_page};

use crate::failure::Failure;
use crate::input::read_token;
use crate::output::Output;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  hcjwt mint --profile sso --user user.json --secret-env SSO_SECRET \\
    | hcjwt sso-form --host acme --return-to /hc/en-us - > login.html
  hcjwt sso-form --host support.acme.com --allow-host support.acme.com \\
    --return-to https://support.acme.com/hc --nonce \"$NONCE\" \"$TOKEN\"")]
pub(crate) struct SsoFormArgs {
    /// The Zendesk account: a subdomain, a host (a host-mapped brand domain) or a base URL.
    #[arg(long, value_name = "HOST")]
    host: String,
    /// Where Zendesk sends the user afterwards: a /path or an https URL on the
    /// account's host or an --allow-host.
    #[arg(long, value_name = "URL")]
    return_to: Option<String>,
    /// A host-mapped brand domain --return-to may name (repeatable).
    #[arg(long = "allow-host", value_name = "HOST")]
    allow_hosts: Vec<String>,
    /// The CSP nonce for the page's script.
    #[arg(long, value_name = "NONCE")]
    nonce: Option<String>,
    /// Print the legacy GET URL instead (deprecated by Zendesk: the token lands in history and logs).
    #[arg(long, conflicts_with = "nonce")]
    get_url: bool,
    /// The SSO token, or "-" to read it from stdin.
    token: String,
}

pub(crate) fn run(args: SsoFormArgs) -> Result<Output, Failure> {
    let token = read_token(&args.token)?;
    let options = SsoOptions {
        return_to: args.return_to,
        allowed_hosts: args.allow_hosts,
        nonce: args.nonce,
    };
    let text = if args.get_url {
        login_get_url(&args.host, token.trim(), &options)?
    } else {
        login_page(&args.host, token.trim(), &options)?
            .trim_end()
            .to_owned()
    };
    Ok(Output::ok(text))
}
