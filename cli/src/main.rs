//! The `hcjwt` command line. stdout carries only the result, stderr the
//! errors; exit 0 on success, 1 on invalid input or token, 2 on usage
//! errors, 3 when a keys endpoint or the Zendesk API could not be reached.

mod args;
mod check;
mod documents;
mod exchange;
mod failure;
mod input;
mod inspect;
mod keys;
mod manage;
mod mint;
mod output;
mod show;
mod sso;
mod verify;
mod zendesk;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::failure::Failure;
use crate::output::Output;

#[derive(Parser)]
#[command(
    name = "hcjwt",
    version,
    about = "Build, validate, sign and verify help center JWTs",
    after_help = "Exit status: 0 success; 1 invalid input or token (check and inspect: problems found); 2 usage error; 3 a keys endpoint or the Zendesk API could not be reached (after the retries)."
)]
struct Cli {
    /// Print errors on stderr as one JSON object ({"kind", "message", "errors"});
    /// inspect and decode print their result as one JSON object too.
    #[arg(long, global = true)]
    json: bool,
    /// Show on stderr what hcjwt does on the network: key fetches and
    /// refreshes, stale keys served, API retries (-vv: also each fetch
    /// started). Never a credential or a token.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Mint one token for a user and print it.
    Mint(mint::MintArgs),
    /// Verify a token and print its payload.
    Verify(verify::VerifyArgs),
    /// Verify a help center token and print a messaging token for the same person.
    Exchange(exchange::ExchangeArgs),
    /// Print the public JWKS of a key.
    Jwks(keys::JwksArgs),
    /// Print a new private key (PEM; HS* prints a random secret in base64url).
    Keygen(keys::KeygenArgs),
    /// Validate claims, field definitions and a user; print errors in the API's shape.
    Check(check::CheckArgs),
    /// Load a claims or fields document and print it as hcjwt holds it.
    Show(show::ShowArgs),
    /// Read fields, claims or a user from a Zendesk account and print the API's JSON.
    Fetch(zendesk::FetchArgs),
    /// Print the changes that would make the account's claims and fields match the files.
    Plan(manage::ManageArgs),
    /// Make the account's claims and fields match the files, and print what changed.
    Apply(manage::ManageArgs),
    /// Decode a token without a key and list what Zendesk would refuse (exit 1 when any).
    Inspect(inspect::InspectArgs),
    /// Decode a token without a key: header, payload and dates (UTC).
    Decode(inspect::DecodeArgs),
    /// Print the login page that POSTs an SSO token to the account's /access/jwt.
    SsoForm(sso::SsoFormArgs),
    /// Print a completion script: `hcjwt completions bash > /etc/bash_completion.d/hcjwt`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

fn run(command: Command, json: bool) -> Result<Output, Failure> {
    match command {
        Command::Mint(args) => mint::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Exchange(args) => exchange::run(args),
        Command::Jwks(args) => keys::jwks(args),
        Command::Keygen(args) => keys::keygen(args),
        Command::Check(args) => check::run(args),
        Command::Show(args) => show::run(args),
        Command::Fetch(args) => zendesk::fetch(args),
        Command::Plan(args) => manage::plan(args, json),
        Command::Apply(args) => manage::apply(args, json),
        Command::Inspect(args) => inspect::inspect(args, json),
        Command::Decode(args) => inspect::decode(args, json),
        Command::SsoForm(args) => sso::run(args),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "hcjwt", &mut script);
            String::from_utf8(script)
                .map(Output::ok)
                .map_err(|_| Failure::input("the completion script is not UTF-8"))
        }
    }
}

/// `--verbose`: the core's log records as `hcjwt: ...` lines on stderr.
struct StderrLog;

impl log::Log for StderrLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with("hcjwt")
    }
    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            let level = record.level().as_str().to_ascii_lowercase();
            let _ = writeln!(std::io::stderr(), "hcjwt: {level}: {}", record.args());
        }
    }
    fn flush(&self) {}
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.verbose > 0 && log::set_logger(&StderrLog).is_ok() {
        log::set_max_level(if cli.verbose > 1 {
            log::LevelFilter::Debug
        } else {
            log::LevelFilter::Info
        });
    }
    let json = cli.json;
    match run(cli.command, json) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{}", output.text.as_str()).and_then(|()| stdout.flush()) {
                Ok(()) => {}
                // The reader stopped reading (`| head`): nothing to say.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(error) => {
                    let _ = writeln!(std::io::stderr(), "hcjwt: cannot write to stdout: {error}");
                    return ExitCode::from(failure::EXIT_INVALID);
                }
            }
            if output.success {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(failure::EXIT_INVALID)
            }
        }
        Err(failure) => {
            if let Some(made) = &failure.stdout {
                let _ = writeln!(std::io::stdout(), "{made}");
            }
            let text = if json {
                failure.to_json()
            } else {
                format!("hcjwt: {}", failure.message)
            };
            let _ = writeln!(std::io::stderr(), "{text}");
            ExitCode::from(failure.code)
        }
    }
}
