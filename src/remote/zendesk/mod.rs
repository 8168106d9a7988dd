//! A small Zendesk API client: the account's user field catalog (cursor
//! pagination, each field's options when the list omits them), the brand's
//! account custom claims, and users by id or external id, read into hcjwt's
//! own types (`read`); the credentials and their redaction (`credentials`).
//!
//! Every call has a timeout and a size cap. A 429 waits for `Retry-After`
//! (capped by `max_wait`) and retries; a 5xx, a timeout or a dropped
//! connection retries with jittered exponential backoff (a POST only after
//! a 429, which says it was not processed); all within `max_retries` and
//! `max_wait`. 401, 403, 404 and 422 fail at once with a typed error that
//! says what to fix and quotes the API's own words. Credentials travel only
//! in the `Authorization` header, are never sent to another origin (page
//! links and redirects must stay on the account's; https never becomes
//! http) and never appear in an error or a `Debug` print. Answers are read
//! as hcjwt reads JSON text: numbers keep their text (`1.50`, 20-digit ids).

mod credentials;
mod plan;
mod read;
mod write;

use std::time::Duration;

use url::Url;

use super::http::{Failure, Http, HttpOptions, Redirects, Response, jittered};
use crate::error::{Error, Result};
use crate::host::base_url;
use crate::value::Json;
pub use credentials::Credentials;
pub use plan::{Action, ClaimChange, FieldChange, MemberChange, Plan, Stopped};

/// API error text quoted in an error message is cut to this many characters.
const MAX_QUOTED_CHARS: usize = 200;

/// Limits of every API call and of the retries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientOptions {
    /// Timeout per request and the response size cap. Defaults to 10 s and 16 MiB.
    pub http: HttpOptions,
    /// Retries after a 429, a 5xx, a timeout or a dropped connection. Defaults to 3.
    pub max_retries: u32,
    /// The most time spent waiting between tries of one call (a longer
    /// `Retry-After` fails at once). Defaults to 60 s.
    pub max_wait: Duration,
    /// The first backoff after a 5xx or timeout; it doubles each retry and
    /// is jittered by a quarter. Defaults to 0.5 s.
    pub backoff: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            http: HttpOptions {
                timeout: Self::DEFAULT_TIMEOUT,
                max_response_bytes: 16 * 1024 * 1024,
            },
            max_retries: 3,
            max_wait: Duration::from_secs(60),
            backoff: Duration::from_millis(500),
        }
    }
}

impl ClientOptions {
    /// The default timeout of each API call: 10 s.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

    /// The default options with a timeout of `seconds` (more than 0, at most
    /// 600).
    pub fn with_timeout_secs(seconds: f64) -> Result<Self> {
        let defaults = Self::default();
        Ok(Self {
            http: HttpOptions {
                max_response_bytes: defaults.http.max_response_bytes,
                ..HttpOptions::with_timeout_secs(seconds)?
            },
            ..defaults
        })
    }
}

/// The endpoints, for the words of their errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endpoint {
    UserFields,
    FieldOptions,
    Claims,
    User,
    UserSearch,
}

impl Endpoint {
    fn path(self) -> &'static str {
        match self {
            Endpoint::UserFields => "/api/v2/user_fields",
            Endpoint::FieldOptions => "/api/v2/user_fields/{id}/options",
            Endpoint::Claims => "/api/v2/help_center/integration/account_custom_claims",
            Endpoint::User => "/api/v2/users/{id}",
            Endpoint::UserSearch => "/api/v2/users/search",
        }
    }
}

/// A client of one Zendesk account (or brand: the claims read are those of
/// the brand whose host is given). `Send + Sync`.
#[derive(Debug)]
pub struct Client {
    base: Url,
    credentials: Credentials,
    http: Http,
    options: ClientOptions,
}

impl Client {
    /// A client of `host`: a subdomain (`acme`), a host (`acme.zendesk.com`,
    /// a host-mapped brand domain) or a base URL (`https://...`; `http://`
    /// only for loopback hosts).
    pub fn new(host: &str, credentials: Credentials, options: ClientOptions) -> Result<Self> {
        options.http.check()?;
        Ok(Self {
            base: base_url(host)?,
            http: Http::new(options.http.clone(), Redirects::SameOrigin),
            credentials,
            options,
        })
    }

    /// The account's base URL.
    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// One request with the retry rules, its answer read as JSON.
    pub(crate) fn send_json(
        &self,
        method: &str,
        url: &Url,
        endpoint: Endpoint,
        body: Option<&[u8]>,
    ) -> Result<(u16, Json<'static>)> {
        let response = self.send(method, url, endpoint, body)?;
        if response.body.is_empty() {
            return Ok((response.status, Json::Null));
        }
        let json = Json::from_slice(&response.body, "Zendesk API response")
            .map_err(|_| self.unexpected(method, endpoint, "the answer is not JSON"))?;
        Ok((response.status, json.into_owned()))
    }

    /// One request: retried on 429 (after `Retry-After`), and for methods
    /// other than POST on 5xx, timeouts and dropped connections, within
    /// `max_retries` and `max_wait`.
    pub(crate) fn send(
        &self,
        method: &str,
        url: &Url,
        endpoint: Endpoint,
        body: Option<&[u8]>,
    ) -> Result<Response> {
        let authorization = self.credentials.header();
        let mut headers = vec![
            ("Authorization", authorization.as_str()),
            ("Accept", "application/json"),
        ];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        let replayable = method != "POST";
        let mut waited = Duration::ZERO;
        let mut tries = 1;
        loop {
            let (wait, error) = match self.http.request(method, url, &headers, body) {
                Ok(response) if (200..300).contains(&response.status) => return Ok(response),
                // The server's wait is honoured as given (jitter only after it).
                Ok(response) if response.status == 429 => (
                    response.retry_after.map_or_else(
                        || jittered(self.backoff(tries)),
                        |wait| wait.saturating_add(jittered(self.options.backoff) / 4),
                    ),
                    self.status_error(method, endpoint, url, &response),
                ),
                Ok(response) if response.status >= 500 && replayable => (
                    jittered(self.backoff(tries)),
                    self.status_error(method, endpoint, url, &response),
                ),
                Ok(response) => return Err(self.status_error(method, endpoint, url, &response)),
                Err(failure @ Failure::TooLarge(_)) => {
                    return Err(self.failure(method, url, failure));
                }
                Err(failure) if replayable => (
                    jittered(self.backoff(tries)),
                    self.failure(method, url, failure),
                ),
                Err(failure) => return Err(self.failure(method, url, failure)),
            };
            // A wait past what is left of max_wait (a Retry-After of years
            // included) ends the call now with the last answer's error.
            if tries > self.options.max_retries
                || wait > self.options.max_wait.saturating_sub(waited)
            {
                return Err(gave_up(error, tries));
            }
            log::info!(
                target: "hcjwt",
                "{method} {}: retrying in {:.1} s ({error})",
                url.path(),
                wait.as_secs_f64()
            );
            std::thread::sleep(wait);
            waited = waited.saturating_add(wait);
            tries += 1;
        }
    }

    /// The wait after the `tries`-th failed try: `backoff`, doubling.
    fn backoff(&self, tries: u32) -> Duration {
        self.options
            .backoff
            .saturating_mul(2u32.saturating_pow(tries.saturating_sub(1)))
    }

    pub(crate) fn unexpected(&self, method: &str, endpoint: Endpoint, reason: &str) -> Error {
        Error::ZendeskApi {
            status: None,
            endpoint: format!("{method} {}", endpoint.path()),
            reason: reason.to_owned(),
            cause: None,
        }
    }

    fn failure(&self, method: &str, url: &Url, failure: Failure) -> Error {
        Error::ZendeskApi {
            status: None,
            endpoint: format!("{method} {}", url.path()),
            reason: failure.to_string(),
            cause: failure.cause(),
        }
    }

    /// The error for a status, in words that say what to fix, with the
    /// API's own words (credentials and tokens redacted).
    fn status_error(
        &self,
        method: &str,
        endpoint: Endpoint,
        url: &Url,
        response: &Response,
    ) -> Error {
        let status = response.status;
        let authorization = self.credentials.header();
        let mut secrets = self.credentials.secrets();
        secrets.push(authorization.as_str());
        let said = api_error_text(&response.body).map(|text| {
            credentials::redact(&text, &secrets)
                .chars()
                .take(MAX_QUOTED_CHARS)
                .collect::<String>()
        });
        let reason = match (status, endpoint) {
            (401, _) => "401 Unauthorized: the credentials were refused; check ZENDESK_EMAIL and ZENDESK_API_TOKEN (token access must be on in the Admin Center), or ZENDESK_OAUTH_TOKEN".to_owned(),
            (403, Endpoint::Claims) => "403 Forbidden: account custom claims need a help center manager or admin".to_owned(),
            (403, _) => "403 Forbidden: these credentials may not do this; use an admin's".to_owned(),
            (404, Endpoint::Claims) => "404 Not Found: the account's plan does not include help center JWT custom claims (Zendesk answers 404 below Guide Enterprise), the claim is gone, or the host is wrong".to_owned(),
            (404, Endpoint::User) => "404 Not Found: no user with this id".to_owned(),
            (404, _) => "404 Not Found: no such record, or the host is not a Zendesk account".to_owned(),
            (422, _) => "422 Unprocessable Entity: the API refused the record".to_owned(),
            (429, _) => format!(
                "429 Too Many Requests: rate limited{}",
                response
                    .retry_after
                    .map(|wait| format!(" (Retry-After {} s)", wait.as_secs()))
                    .unwrap_or_default()
            ),
            (status, _) => format!("HTTP {status}"),
        };
        Error::ZendeskApi {
            status: Some(status),
            endpoint: format!("{method} {}", url.path()),
            reason: match said {
                Some(said) => format!("{reason} (Zendesk said: {said})"),
                None => reason,
            },
            cause: None,
        }
    }
}

/// The API's own error words: `error` and `description` (or the `title`
/// and `message` of an `error` object), then each member of `details`
/// (`{"key": [{"description": "..."}]}`, a 422's) and of `errors` (a 400's
/// `{"errors": {"key": ["..."]}}`).
fn api_error_text(body: &[u8]) -> Option<String> {
    let document = Json::from_slice(body, "error").ok()?;
    let mut parts: Vec<String> = Vec::new();
    for member in ["error", "description"] {
        match document.get(member) {
            Some(Json::String(text)) => parts.push(text.to_string()),
            Some(object @ Json::Object(_)) => {
                for inner in ["title", "message"] {
                    if let Some(text) = object.get(inner).and_then(Json::as_str) {
                        parts.push(text.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    for member in ["details", "errors"] {
        let Some(Json::Object(members)) = document.get(member) else {
            continue;
        };
        for (key, said) in members {
            let words: Vec<String> = match said {
                Json::Array(items) => items
                    .iter()
                    .filter_map(|item| match item {
                        Json::String(text) => Some(text.to_string()),
                        other => other
                            .get("description")
                            .and_then(Json::as_str)
                            .map(str::to_owned),
                    })
                    .collect(),
                Json::String(text) => vec![text.to_string()],
                _ => Vec::new(),
            };
            if !words.is_empty() {
                parts.push(format!("{key}: {}", words.join(", ")));
            }
        }
    }
    let text = parts.join("; ");
    (!text.is_empty()).then_some(text)
}

/// `error` with the number of tries made, when there was more than one.
fn gave_up(error: Error, tries: u32) -> Error {
    match error {
        Error::ZendeskApi {
            status,
            endpoint,
            reason,
            cause,
        } if tries > 1 => Error::ZendeskApi {
            status,
            endpoint,
            reason: format!("{reason} (gave up after {tries} tries)"),
            cause,
        },
        other => other,
    }
}
