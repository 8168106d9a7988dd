//! How the API client authenticates: an API token or an OAuth token, checked
//! when given (printable ASCII, nothing a header could be split by), never
//! printed, erased when dropped; and the redaction that keeps them (and any
//! token) out of the words an API error quotes.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// How the client authenticates. `Debug` prints no secret; the secrets are
/// erased from memory when dropped.
#[derive(Clone)]
pub enum Credentials {
    /// An API token: `Authorization: Basic base64("{email}/token:{token}")`.
    ApiToken {
        /// The agent's or admin's email address.
        email: String,
        /// The API token.
        token: Zeroizing<String>,
    },
    /// An OAuth access token: `Authorization: Bearer {token}`.
    OAuth(Zeroizing<String>),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::ApiToken { email, .. } => f
                .debug_struct("ApiToken")
                .field("email", email)
                .field("token", &"[redacted]")
                .finish(),
            Credentials::OAuth(_) => f.write_str("OAuth([redacted])"),
        }
    }
}

impl Credentials {
    /// An API token of the agent or admin with this email address.
    pub fn api_token(email: impl Into<String>, token: impl Into<String>) -> Result<Self> {
        let email = email.into();
        let token = Zeroizing::new(token.into());
        check_header_text("email", &email)?;
        check_header_text("api_token", &token)?;
        Ok(Credentials::ApiToken { email, token })
    }

    /// An OAuth access token.
    pub fn oauth(token: impl Into<String>) -> Result<Self> {
        let token = Zeroizing::new(token.into());
        check_header_text("oauth_token", &token)?;
        Ok(Credentials::OAuth(token))
    }

    /// The credentials of the environment: `ZENDESK_OAUTH_TOKEN`, or
    /// `ZENDESK_EMAIL` with `ZENDESK_API_TOKEN`.
    pub fn from_env() -> Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        match (
            var("ZENDESK_OAUTH_TOKEN"),
            var("ZENDESK_EMAIL"),
            var("ZENDESK_API_TOKEN"),
        ) {
            (Some(token), _, _) => Self::oauth(token),
            (None, Some(email), Some(token)) => Self::api_token(email, token),
            _ => Err(Error::invalid_option(
                "credentials",
                "set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN",
            )),
        }
    }

    /// The secret parts, which no error may repeat.
    pub(super) fn secrets(&self) -> Vec<&str> {
        match self {
            Credentials::ApiToken { token, .. } => vec![token.as_str()],
            Credentials::OAuth(token) => vec![token.as_str()],
        }
    }

    /// The `Authorization` header's value.
    pub(super) fn header(&self) -> Zeroizing<String> {
        match self {
            Credentials::ApiToken { email, token } => {
                let pair = Zeroizing::new(format!("{email}/token:{}", token.as_str()));
                Zeroizing::new(format!("Basic {}", STANDARD.encode(pair.as_bytes())))
            }
            Credentials::OAuth(token) => Zeroizing::new(format!("Bearer {}", token.as_str())),
        }
    }
}

/// A credential must be non-empty printable ASCII without surrounding white
/// space (it goes into a header, which carries nothing else); the error
/// names the credential, never its value.
fn check_header_text(name: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_option(name, "is empty"));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic() || b == b' ') || value.trim() != value {
        return Err(Error::invalid_option(
            name,
            "may hold only printable ASCII characters, without surrounding white space",
        ));
    }
    Ok(())
}

/// `text` with every credential in `secrets` and every JWT-shaped word
/// replaced by `[redacted]`: an API that echoes the request must not put a
/// secret into an error message.
pub(super) fn redact(text: &str, secrets: &[&str]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        let secret = secret.trim();
        if secret.len() >= 4 {
            text = text.replace(secret, "[redacted]");
        }
        // A Basic or Bearer header value may be echoed without its scheme.
        if let Some((_, value)) = secret.split_once(' ')
            && value.len() >= 4
        {
            text = text.replace(value, "[redacted]");
        }
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("eyJ") {
        out.push_str(&rest[..start]);
        let word = &rest[start..];
        let end = word.find(|c: char| !token_char(c)).unwrap_or(word.len());
        if word[..end].matches('.').count() >= 2 {
            out.push_str("[redacted]");
        } else {
            out.push_str(&word[..end]);
        }
        rest = &word[end..];
    }
    out.push_str(rest);
    out
}
