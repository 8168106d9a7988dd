//! The `hcjwt` command line.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hcjwt::{
    Algorithm, ClaimSets, Error, FieldCatalog, FieldErrors, Minter, MinterOptions, Profile,
    SigningKey, User, Verifier, VerifierOptions, VerifyingKey,
};
use zeroize::Zeroizing;

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
    /// Mint one token for a user and print it.
    Mint {
        /// A Users API user object, bare or {"user":{...}}; "-" reads stdin.
        #[arg(long, value_name = "FILE")]
        user: PathBuf,
        /// Account custom claims: {"custom_claims":[...]}, {"custom_claim":{...}} or an array.
        #[arg(long, value_name = "FILE")]
        claims: Option<PathBuf>,
        /// User fields: {"user_fields":[...]} or an array.
        #[arg(long, value_name = "FILE")]
        fields: Option<PathBuf>,
        /// help_center (default) or sso.
        #[arg(long, default_value = "help_center")]
        profile: String,
        #[command(flatten)]
        key: KeyArgs,
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
    },
    /// Verify a token and print its payload.
    Verify {
        #[command(flatten)]
        key: KeyArgs,
        /// A JWKS document holding the public keys (instead of --key).
        #[arg(long, value_name = "FILE", conflicts_with_all = ["key", "secret_env"])]
        jwks: Option<PathBuf>,
        /// Leeway on exp, nbf and iat, in seconds.
        #[arg(long, default_value_t = hcjwt::limits::DEFAULT_LEEWAY_SECONDS)]
        leeway: u64,
        /// Require this iss.
        #[arg(long)]
        iss: Option<String>,
        /// Require this aud.
        #[arg(long)]
        aud: Option<String>,
        /// The token, or "-" to read it from stdin.
        token: String,
    },
    /// Print the public JWKS of a key.
    Jwks {
        /// A private or public key: PEM, DER or JWK.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The kid (default: the RFC 7638 thumbprint).
        #[arg(long)]
        kid: Option<String>,
    },
    /// Print a new private key (PEM; HS* prints a random secret in base64url).
    Keygen {
        /// HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 EdDSA.
        #[arg(long)]
        alg: String,
    },
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

/// Where the key comes from.
#[derive(clap::Args)]
struct KeyArgs {
    /// The key: PEM, DER or JWK; for HS* the file's raw bytes are the secret.
    #[arg(long, value_name = "FILE", conflicts_with = "secret_env")]
    key: Option<PathBuf>,
    /// The name of an environment variable holding the HMAC secret.
    #[arg(long, value_name = "VAR")]
    secret_env: Option<String>,
    /// The algorithm (default: follows the key; HS256 for --secret-env).
    #[arg(long)]
    alg: Option<String>,
}

impl KeyArgs {
    fn algorithm(&self) -> Result<Option<Algorithm>, Failure> {
        match (&self.alg, &self.secret_env) {
            (Some(name), _) => hcjwt::parse_algorithm(name)
                .map(Some)
                .map_err(|e| Failure::new(e.to_string())),
            (None, Some(_)) => Ok(Some(Algorithm::HS256)),
            (None, None) => Ok(None),
        }
    }

    /// The key's bytes and where they came from.
    fn material(&self) -> Result<(Zeroizing<Vec<u8>>, String), Failure> {
        match (&self.key, &self.secret_env) {
            (Some(path), _) => Ok((
                Zeroizing::new(read_input(path)?),
                path.display().to_string(),
            )),
            (None, Some(var)) => {
                let secret = std::env::var_os(var).ok_or_else(|| {
                    Failure::new(format!("environment variable {var} is not set"))
                })?;
                let secret = secret.into_string().map_err(|_| {
                    Failure::new(format!("environment variable {var} is not UTF-8"))
                })?;
                Ok((Zeroizing::new(secret.into_bytes()), format!("${var}")))
            }
            (None, None) => Err(Failure::usage("give --key FILE or --secret-env VAR")),
        }
    }

    fn signing_key(&self) -> Result<SigningKey, Failure> {
        let (bytes, source) = self.material()?;
        let algorithm = self.algorithm()?;
        SigningKey::from_bytes(&bytes, algorithm)
            .map_err(|error| Failure::new(format!("{source}: {}", hint(error, algorithm))))
    }

    fn verifying_key(&self) -> Result<(VerifyingKey, Option<Algorithm>), Failure> {
        let (bytes, source) = self.material()?;
        let algorithm = self.algorithm()?;
        let key = VerifyingKey::from_bytes(&bytes, algorithm)
            .map_err(|error| Failure::new(format!("{source}: {}", hint(error, algorithm))))?;
        Ok((key, algorithm))
    }
}

/// Adds what to do when a file that is neither PEM, DER nor JWK was meant as a secret.
fn hint(error: Error, algorithm: Option<Algorithm>) -> String {
    match (&error, algorithm) {
        (Error::InvalidKey { key, .. }, None) if key == "DER" => {
            format!("{error}; for an HMAC secret pass --alg HS256 (or HS384, HS512)")
        }
        _ => error.to_string(),
    }
}

/// A failure that ends the command: a message for stderr and the exit code
/// (1 for invalid input or token, 2 for usage).
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    fn usage(message: &str) -> Self {
        Failure {
            message: message.to_owned(),
            code: 2,
        }
    }

    fn in_file(path: &Path, error: Error) -> Self {
        Failure::new(format!("{}: {error}", path.display()))
    }
}

fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|error| Failure::new(format!("cannot read {}: {error}", path.display())))?;
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

fn load_claims(
    path: &Path,
    account_id: Option<u64>,
    brand_id: Option<u64>,
) -> Result<hcjwt::ClaimSet, Failure> {
    let bytes = read_input(path)?;
    let sets = ClaimSets::from_json(&bytes).map_err(|error| Failure::in_file(path, error))?;
    sets.select(account_id, brand_id).map_err(|error| {
        Failure::new(format!(
            "{}: {error} (use --brand-id, and --account-id when brands repeat)",
            path.display()
        ))
    })
}

fn load_fields(path: &Path) -> Result<FieldCatalog, Failure> {
    let bytes = read_input(path)?;
    FieldCatalog::from_json(&bytes).map_err(|error| Failure::in_file(path, error))
}

fn read_token(token: &str) -> Result<String, Failure> {
    if token == "-" {
        let bytes = read_input(Path::new("-"))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Failure::new("the token on stdin is not UTF-8"))?;
        Ok(text.trim().to_owned())
    } else {
        Ok(token.to_owned())
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Mint {
            user,
            claims,
            fields,
            profile,
            key,
            kid,
            ttl,
            iss,
            aud,
            brand_id,
            account_id,
            now,
        } => {
            let options = MinterOptions {
                kid,
                profile: Profile::parse(&profile).map_err(|e| Failure::new(e.to_string()))?,
                ttl,
                issuer: iss,
                audience: aud,
                claims: claims
                    .map(|path| load_claims(&path, account_id, brand_id))
                    .transpose()?,
                fields: fields.map(|path| load_fields(&path)).transpose()?,
                ..MinterOptions::default()
            };
            let minter = Minter::new(key.signing_key()?, options)
                .map_err(|e| Failure::new(e.to_string()))?;
            let user_bytes = read_input(&user)?;
            let token = minter
                .mint_json(&user_bytes, now)
                .map_err(|error| match error {
                    Error::Validation(errors) => {
                        Failure::new(format!("{}: {}", user.display(), errors.to_json()))
                    }
                    other => Failure::in_file(&user, other),
                })?;
            print_line(&token)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify {
            key,
            jwks,
            leeway,
            iss,
            aud,
            token,
        } => {
            let (keys, algorithms) = match &jwks {
                Some(path) => {
                    let keys = VerifyingKey::from_jwks(&read_input(path)?)
                        .map_err(|e| Failure::in_file(path, e))?;
                    let algorithms = match key.algorithm()? {
                        Some(algorithm) => vec![algorithm],
                        None => hcjwt::ALGORITHMS.to_vec(),
                    };
                    (keys, algorithms)
                }
                None => {
                    let (verifying, algorithm) = key.verifying_key()?;
                    let algorithms = match algorithm.or(verifying.algorithm()) {
                        Some(algorithm) => vec![algorithm],
                        None => hcjwt::ALGORITHMS
                            .iter()
                            .copied()
                            .filter(|a| verifying.serves(*a))
                            .collect(),
                    };
                    (vec![verifying], algorithms)
                }
            };
            let options = VerifierOptions {
                leeway,
                issuer: iss,
                audience: aud,
                ..VerifierOptions::default()
            };
            let verifier = Verifier::new(keys, &algorithms, options)
                .map_err(|e| Failure::new(e.to_string()))?;
            let payload = verifier
                .verify(&read_token(&token)?)
                .map_err(|e| Failure::new(format!("invalid token: {e}")))?;
            print_line(&serde_json::Value::Object(payload).to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Jwks { key, kid } => {
            let bytes = Zeroizing::new(read_input(&key)?);
            let verifying =
                VerifyingKey::from_bytes(&bytes, None).map_err(|e| Failure::in_file(&key, e))?;
            let verifying = match kid {
                Some(kid) => verifying.with_kid(kid),
                None => verifying,
            };
            let jwk = verifying.public_jwk().ok_or_else(|| {
                Failure::new(format!(
                    "{}: an HMAC secret has no public key to publish",
                    key.display()
                ))
            })?;
            let set = hcjwt::jwk::JwkSet { keys: vec![jwk] };
            print_line(&serde_json::to_string(&set).map_err(|e| Failure::new(e.to_string()))?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Keygen { alg } => {
            let algorithm =
                hcjwt::parse_algorithm(&alg).map_err(|e| Failure::new(e.to_string()))?;
            let private =
                SigningKey::generate_pem(algorithm).map_err(|e| Failure::new(e.to_string()))?;
            print_line(&private)?;
            Ok(ExitCode::SUCCESS)
        }
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
    writeln!(stdout, "{text}")
        .map_err(|error| Failure::new(format!("cannot write to stdout: {error}")))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure { message, code }) => {
            eprintln!("hcjwt: {message}");
            ExitCode::from(code)
        }
    }
}
