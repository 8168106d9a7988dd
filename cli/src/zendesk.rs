//! `hcjwt fetch` and the `--zendesk HOST` source of `hcjwt mint`: the
//! account's own data through the Zendesk API, with the credentials of the
//! environment (`ZENDESK_EMAIL` + `ZENDESK_API_TOKEN`, or
//! `ZENDESK_OAUTH_TOKEN`), which never appear in any output.

use hcjwt::remote::{Client, ClientOptions, Credentials};

use crate::failure::Failure;
use crate::output::Output;

/// Where the account lives and how long to wait for it.
#[derive(clap::Args, Debug)]
pub(crate) struct ZendeskArgs {
    /// The Zendesk account: a subdomain (acme), a host (acme.zendesk.com, a
    /// host-mapped brand domain) or a base URL. Credentials come from
    /// ZENDESK_EMAIL + ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN.
    #[arg(long, value_name = "HOST")]
    pub(crate) zendesk: Option<String>,
    /// Seconds to wait for each API answer.
    #[arg(long, value_name = "SECONDS", default_value_t = hcjwt::remote::ClientOptions::DEFAULT_TIMEOUT.as_secs_f64())]
    pub(crate) timeout: f64,
}

impl ZendeskArgs {
    /// The client of `--zendesk`, if given.
    pub(crate) fn client(&self) -> Result<Option<Client>, Failure> {
        let Some(host) = &self.zendesk else {
            return Ok(None);
        };
        let options = ClientOptions::with_timeout_secs(self.timeout)?;
        Ok(Some(Client::new(host, Credentials::from_env()?, options)?))
    }
}

/// What `hcjwt fetch` reads.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Resource {
    /// Every user field (all pages, options included): {"user_fields": [...]}.
    Fields,
    /// The brand's account custom claims: {"custom_claims": [...]}.
    Claims,
    /// One user as GET /api/v2/users/{id} answers: {"user": {...}}.
    User,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  export ZENDESK_EMAIL=admin@acme.com ZENDESK_API_TOKEN=...
  hcjwt fetch fields --zendesk acme > fields.json
  hcjwt fetch claims --zendesk acme > claims.json
  hcjwt fetch user 35436 --zendesk acme > user.json
  hcjwt fetch user --external-id abc-123 --zendesk acme")]
pub(crate) struct FetchArgs {
    /// What to read.
    #[arg(value_enum)]
    resource: Resource,
    /// The user's Zendesk id (for `user`).
    #[arg(value_name = "ID")]
    id: Option<u64>,
    /// The user's external id instead of the Zendesk id (for `user`).
    #[arg(long, value_name = "ID", conflicts_with = "id")]
    external_id: Option<String>,
    #[command(flatten)]
    zendesk: ZendeskArgs,
}

/// `hcjwt fetch`: prints the API's JSON, a snapshot the other commands read.
pub(crate) fn fetch(args: FetchArgs) -> Result<Output, Failure> {
    let Some(client) = args.zendesk.client()? else {
        return Err(Failure::usage("--zendesk HOST is required"));
    };
    let document = match (args.resource, args.id, args.external_id) {
        (Resource::Fields, None, None) => client.user_fields_json()?,
        (Resource::Claims, None, None) => client.custom_claims_json()?,
        (Resource::User, Some(id), None) => client.user_json(id)?,
        (Resource::User, None, Some(external_id)) => user_by_external_id(&client, &external_id)?,
        (Resource::User, _, _) => {
            return Err(Failure::usage("fetch user needs an ID or --external-id"));
        }
        (_, _, _) => {
            return Err(Failure::usage(
                "an ID or --external-id goes with `user` only",
            ));
        }
    };
    // As the API wrote it: numbers keep their text.
    Ok(Output::ok(document.to_pretty()))
}

/// The user with `external_id`; none is an input error naming it.
pub(crate) fn user_by_external_id(
    client: &Client,
    external_id: &str,
) -> Result<hcjwt::Json<'static>, Failure> {
    client
        .user_by_external_id_json(external_id)?
        .ok_or_else(|| {
            Failure::input(format!(
                "the account has no user with external id {external_id:?}"
            ))
        })
}
