//! The `hcjwt` command line.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hcjwt::{ClaimSets, Error, FieldCatalog, FieldErrors, User};

#[derive(Parser)]
#[command(
    name = "hcjwt",
    version,
    about = "Build, validate, sign and verify help center JWTs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate claims, field definitions and a user; print errors in the API's shape.
    Check {
        /// Account custom claims: {"custom_claims":[...]}, {"custom_claim":{...}} or an array.
        #[arg(long, value_name = "FILE")]
        claims: Option<PathBuf>,
        /// User fields: {"user_fields":[...]} or an array.
        #[arg(long, value_name = "FILE")]
        fields: Option<PathBuf>,
        /// A Users API user object, bare or {"user":{...}}; "-" reads stdin.
        #[arg(long, value_name = "FILE")]
        user: Option<PathBuf>,
    },
}

/// A failure that ends the command: a message for stderr, exit code 1.
struct Failure(String);

impl Failure {
    fn in_file(path: &Path, error: Error) -> Self {
        Failure(format!("{}: {error}", path.display()))
    }
}

fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|error| Failure(format!("cannot read {}: {error}", path.display())))?;
    Ok(bytes)
}

/// Splits a validation error (collected, prefixed) from every other error (fatal).
fn collect(
    path: &Path,
    prefix: &str,
    result: Result<(), Error>,
    errors: &mut FieldErrors,
) -> Result<(), Failure> {
    match result {
        Ok(()) => Ok(()),
        Err(Error::Validation(found)) => {
            errors.extend_prefixed(prefix, found);
            Ok(())
        }
        Err(other) => Err(Failure::in_file(path, other)),
    }
}

fn check(
    claims: Option<PathBuf>,
    fields: Option<PathBuf>,
    user: Option<PathBuf>,
) -> Result<FieldErrors, Failure> {
    let mut errors = FieldErrors::new();
    if let Some(path) = &claims {
        let bytes = read_input(path)?;
        collect(
            path,
            "",
            ClaimSets::from_json(&bytes).map(drop),
            &mut errors,
        )?;
    }
    let mut catalog = None;
    if let Some(path) = &fields {
        let bytes = read_input(path)?;
        match FieldCatalog::from_json(&bytes) {
            Ok(loaded) => catalog = Some(loaded),
            Err(error) => collect(path, "", Err(error), &mut errors)?,
        }
    }
    if let Some(path) = &user {
        let bytes = read_input(path)?;
        match User::from_json(&bytes) {
            Ok(user) => {
                if let (Some(catalog), Some(values)) = (&catalog, &user.user_fields) {
                    collect(
                        path,
                        "user_fields",
                        catalog.validate(values).map(drop),
                        &mut errors,
                    )?;
                }
            }
            Err(error) => collect(path, "", Err(error), &mut errors)?,
        }
    }
    Ok(errors)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Check {
            claims,
            fields,
            user,
        } => {
            let errors = check(claims, fields, user)?;
            print_line(&errors.to_json())?;
            Ok(if errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

fn print_line(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}").map_err(|error| Failure(format!("cannot write to stdout: {error}")))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("hcjwt: {message}");
            ExitCode::from(1)
        }
    }
}
