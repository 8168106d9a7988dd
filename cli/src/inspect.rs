//! `hcjwt inspect` and `hcjwt decode`: a token decoded without a key, its
//! dates in UTC, and (for inspect) what Zendesk would refuse.

use std::path::PathBuf;

use hcjwt::{InspectOptions, Inspection, VerifierOptions};
use serde_json::{Map, Value};

use crate::args::{AlgArg, ProfileArg, key_material};
use crate::documents::load_fields;
use crate::failure::Failure;
use crate::input::read_token;
use crate::output::Output;
use crate::verify::local_verifier;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  hcjwt inspect \"$TOKEN\"                       # problems for the detected profile
  hcjwt inspect --secret-env SSO_SECRET -       # also: does the signature match?
  hcjwt inspect --profile sso --fields fields.json --json \"$TOKEN\"")]
pub(crate) struct InspectArgs {
    /// The profile to check for (default: detected; a name without userId is sso).
    #[arg(long, value_enum)]
    profile: Option<ProfileArg>,
    /// A user fields document the token's user_fields are checked against.
    #[arg(long, value_name = "FILE")]
    fields: Option<PathBuf>,
    /// A key (or HMAC secret file) to check the signature with.
    #[arg(long, value_name = "FILE", conflicts_with = "secret_env")]
    key: Option<PathBuf>,
    /// An environment variable holding the HMAC secret to check the signature with.
    #[arg(long, value_name = "VAR")]
    secret_env: Option<String>,
    /// The algorithm(s) the key may verify (default: the one the token's header names).
    #[arg(long, value_enum, ignore_case = true)]
    alg: Vec<AlgArg>,
    /// Check the times as of this Unix time instead of the clock.
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<i64>,
    /// The token, or "-" to read it from stdin.
    token: String,
}

#[derive(clap::Args, Debug)]
pub(crate) struct DecodeArgs {
    /// The token, or "-" to read it from stdin.
    token: String,
}

/// `hcjwt inspect`: exit 0 when nothing is wrong, 1 otherwise.
pub(crate) fn inspect(args: InspectArgs, json: bool) -> Result<Output, Failure> {
    let token = read_token(&args.token)?;
    let fields = args.fields.as_deref().map(load_fields).transpose()?;
    let verifier = match (
        args.key.is_some() || args.secret_env.is_some(),
        args.alg.is_empty(),
    ) {
        (false, _) => None,
        // Without --alg the key is bound to the algorithm the token names.
        (true, true) => {
            let material = key_material(args.key.as_ref(), args.secret_env.as_deref())?;
            Some(
                hcjwt::inspection_verifier(&material.bytes, &token)
                    .map_err(|error| Failure::key(&material.source, error, None))?,
            )
        }
        (true, false) => {
            let options = VerifierOptions {
                // Only the signature is checked here; claims become problems.
                accept_any_audience: true,
                ..VerifierOptions::default()
            };
            Some(local_verifier(
                args.key.as_ref(),
                args.secret_env.as_deref(),
                args.alg.iter().map(|alg| alg.0).collect(),
                options,
            )?)
        }
    };
    let inspection = hcjwt::inspect(
        &token,
        &InspectOptions {
            profile: args.profile.map(|profile| profile.0),
            now: args.now,
            fields: fields.as_ref(),
            verifier: verifier.as_ref(),
        },
    )
    .map_err(|error| Failure::core("token", error))?;
    let text = if json {
        inspection.to_json().to_string()
    } else {
        describe(&inspection, args.now.unwrap_or_else(hcjwt::unix_now))
    };
    Ok(Output::with_problems(text, !inspection.problems.is_empty()))
}

/// `hcjwt decode`: header and payload, no checks.
pub(crate) fn decode(args: DecodeArgs, json: bool) -> Result<Output, Failure> {
    let token = read_token(&args.token)?;
    let (header, payload) =
        hcjwt::dangerous::decode(&token).map_err(|error| Failure::core("token", error))?;
    let dates = hcjwt::dates(&payload);
    let text = if json {
        serde_json::json!({"header": header, "payload": payload, "dates": dates}).to_string()
    } else {
        decoded(&header, &payload, &dates, hcjwt::unix_now())
    };
    Ok(Output::ok(text))
}

fn pretty(object: &Map<String, Value>) -> String {
    serde_json::to_string_pretty(object).unwrap_or_default()
}

fn decoded(
    header: &Map<String, Value>,
    payload: &Map<String, Value>,
    dates: &Map<String, Value>,
    now: i64,
) -> String {
    let mut text = format!("header:\n{}\npayload:\n{}", pretty(header), pretty(payload));
    for claim in dates.keys() {
        if let Some(seconds) = payload[claim].as_i64() {
            text.push_str(&format!(
                "\n{claim}: {seconds} ({})",
                hcjwt::relative_time(seconds, now)
            ));
        }
    }
    text
}

fn describe(inspection: &Inspection, now: i64) -> String {
    let dates = hcjwt::dates(&inspection.payload);
    let mut text = decoded(&inspection.header, &inspection.payload, &dates, now);
    text.push_str(&format!("\nprofile: {}", inspection.profile.as_str()));
    if let Some(valid) = inspection.signature {
        text.push_str(if valid {
            "\nsignature: valid"
        } else {
            "\nsignature: INVALID"
        });
    }
    if inspection.problems.is_empty() {
        text.push_str("\nproblems: none");
    } else {
        text.push_str("\nproblems:");
        for problem in &inspection.problems {
            text.push_str(&format!("\n- {problem}"));
        }
    }
    text
}
