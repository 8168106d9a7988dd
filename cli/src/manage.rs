//! `hcjwt plan` and `hcjwt apply`: the changes that make the account's
//! custom claims and user fields match files (what `hcjwt fetch` printed,
//! edited), printed as a readable diff or `--json`; `apply` makes them.

use std::path::PathBuf;

use hcjwt::remote::Plan;

use crate::documents::read_document;
use crate::failure::Failure;
use crate::output::Output;
use crate::zendesk::ZendeskArgs;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "The files are what `hcjwt fetch claims` and `hcjwt fetch fields` print (the
API's list or a bare array); read-only members (id, url, timestamps, account_id,
brand_id, system, raw_*, position) are ignored. Claims are matched by
claim_identifier within the host's brand, fields by key, options by value; the
order of the fields in the file is the order they get. Nothing the file leaves
out is deleted without --prune (options included): it is listed as left alone.
A field update sends every option, the kept ones with their ids, so no stored
value is lost.

Examples:
  hcjwt fetch claims --zendesk acme > claims.json
  hcjwt fetch fields --zendesk acme > fields.json
  # edit the files, then:
  hcjwt plan --zendesk acme --claims claims.json --fields fields.json
  hcjwt apply --zendesk acme --claims claims.json --fields fields.json

Exit status: 0 done (with or without changes), 1 the files are invalid or the
API refused a change (apply says what it made before), 2 usage, 3 the account
could not be reached."
)]
pub(crate) struct ManageArgs {
    /// The brand's custom claims as they should be (a claims document).
    #[arg(long, value_name = "FILE")]
    claims: Option<PathBuf>,
    /// The user fields as they should be (a user fields document).
    #[arg(long, value_name = "FILE")]
    fields: Option<PathBuf>,
    /// Also delete the claims, fields and options the files leave out (and
    /// the values stored in them); system fields are never deleted.
    #[arg(long)]
    prune: bool,
    #[command(flatten)]
    zendesk: ZendeskArgs,
}

fn planned(args: &ManageArgs) -> Result<(hcjwt::remote::Client, Plan), Failure> {
    let Some(client) = args.zendesk.client()? else {
        return Err(Failure::usage("--zendesk HOST is required"));
    };
    if args.claims.is_none() && args.fields.is_none() {
        return Err(Failure::usage("give --claims FILE, --fields FILE or both"));
    }
    let claims = args.claims.as_deref().map(read_document).transpose()?;
    let fields = args.fields.as_deref().map(read_document).transpose()?;
    let plan = client.plan(claims.as_deref(), fields.as_deref(), args.prune)?;
    Ok((client, plan))
}

fn shown(plan: &Plan, json: bool) -> String {
    if json {
        serde_json::to_string_pretty(&plan.to_json()).unwrap_or_default()
    } else {
        plan.to_string()
    }
}

/// `hcjwt plan`: prints the changes; changes nothing.
pub(crate) fn plan(args: ManageArgs, json: bool) -> Result<Output, Failure> {
    let (_, plan) = planned(&args)?;
    Ok(Output::ok(shown(&plan, json)))
}

/// `hcjwt apply`: makes the changes and prints what it did; when the API
/// refuses one, prints what it made before and fails with the refusal.
pub(crate) fn apply(args: ManageArgs, json: bool) -> Result<Output, Failure> {
    let (client, plan) = planned(&args)?;
    match client.apply(&plan) {
        Ok(done) => Ok(Output::ok(shown(&done, json))),
        Err(stopped) => {
            let made = shown(&stopped.applied, json);
            Err(Failure::from(hcjwt::Error::from(stopped)).with_stdout(made))
        }
    }
}
